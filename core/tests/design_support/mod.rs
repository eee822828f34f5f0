//! Shared helpers for the designer and share-link tests: parsing shorthands, a proptest
//! strategy that builds designs by random operations, and invariant checks.
#![allow(dead_code)]

use cidrplan::design::{Color, Design};
use cidrplan::{Addr, Cidr, Mode};
use proptest::prelude::*;

/// `"10.0.0.0/16"` → the block (test data is always well formed).
pub fn net(s: &str) -> Cidr {
    let (a, p) = s.split_once('/').expect("a/p");
    Cidr::exact(Addr::from(a.parse::<std::net::IpAddr>().expect("address")), p.parse().expect("prefix"))
        .expect("aligned")
}

/// One random designer operation; indices pick a leaf modulo the current leaf count.
#[derive(Clone, Debug)]
pub enum Op {
    Split {
        row: usize,
        sixteen: bool,
    },
    /// Join the ancestor `up` levels above the chosen leaf.
    Join {
        row: usize,
        up: u8,
    },
    Note {
        row: usize,
        text: String,
    },
    Color {
        row: usize,
        color: Option<u8>,
    },
    SplitAllTo {
        extra: u8,
    },
    SplitInto {
        n: u64,
    },
    JoinAll,
    SetMode {
        mode: usize,
    },
}

pub fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any::<usize>(), prop::bool::weighted(0.2)).prop_map(|(row, sixteen)| Op::Split { row, sixteen }),
        2 => (any::<usize>(), 0u8..4).prop_map(|(row, up)| Op::Join { row, up }),
        3 => (any::<usize>(), note_text()).prop_map(|(row, text)| Op::Note { row, text }),
        2 => (any::<usize>(), prop::option::of(0u8..10)).prop_map(|(row, color)| Op::Color { row, color }),
        1 => (0u8..5).prop_map(|extra| Op::SplitAllTo { extra }),
        1 => (0u64..40).prop_map(|n| Op::SplitInto { n }),
        1 => Just(Op::JoinAll),
        1 => (0usize..5).prop_map(|mode| Op::SetMode { mode }),
    ]
}

/// Note text including the awkward cases: unicode, control characters, separators, formula
/// starts, overlong text.
pub fn note_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}-[0-9]{1,4}",
        "[=+@\\-]?[ a-zA-Z0-9,\"'\\t\\n]{0,12}",
        "\\PC{0,10}",
        ".{0,6}",
        Just("x".repeat(230)),
        Just(String::new()),
    ]
}

/// Apply `op` to `d`. A refused operation must leave the design untouched.
pub fn apply(d: &mut Design, op: &Op) {
    let before = d.clone();
    let pick = |row: usize| d.leaves()[row % d.len()].net;
    let result: Result<(), String> = match op {
        Op::Split { row, sixteen } => {
            let n = pick(*row);
            d.split(n, if *sixteen { 16 } else { 2 }).map_err(|e| e.0)
        }
        Op::Join { row, up } => {
            let n = pick(*row);
            let target = n.supernet(n.prefix().saturating_sub(*up).max(d.base().prefix())).expect("supernet");
            d.join(target).map_err(|e| e.0)
        }
        Op::Note { row, text } => {
            let n = pick(*row);
            d.set_note(n, text).map_err(|e| e.0)
        }
        Op::Color { row, color } => {
            let n = pick(*row);
            d.set_color(n, color.and_then(Color::from_code)).map_err(|e| e.0)
        }
        Op::SplitAllTo { extra } => {
            let p = d.base().prefix().saturating_add(*extra);
            d.split_all_to(p).map(|_| ()).map_err(|e| e.0)
        }
        Op::SplitInto { n } => d.split_into(*n).map(|_| ()).map_err(|e| e.0),
        Op::JoinAll => {
            d.join_all();
            Ok(())
        }
        Op::SetMode { mode } => {
            d.set_mode(Mode::ALL[*mode % Mode::ALL.len()]);
            Ok(())
        }
    };
    if let Err(message) = result {
        assert!(!message.is_empty());
        assert_eq!(*d, before, "refused op {op:?} changed the design ({message})");
    }
}

/// Small bases of both families, so random splits reach the address width quickly.
pub fn base() -> impl Strategy<Value = Cidr> {
    prop_oneof![
        Just(net("10.0.0.0/24")),
        Just(net("192.168.8.0/22")),
        Just(net("10.1.2.8/29")),
        Just(net("2001:db8::/116")),
        Just(net("2001:db8:abcd::/48")),
        Just(net("0.0.0.0/0")),
        Just(net("::/0")),
    ]
}

/// A design built by a random sequence of operations.
pub fn design() -> impl Strategy<Value = Design> {
    (base(), 0usize..5, prop::collection::vec(op(), 0..40)).prop_map(|(base, mode, ops)| {
        let mut d = Design::new(base, Mode::ALL[mode]);
        for o in &ops {
            apply(&mut d, o);
        }
        d
    })
}

/// The invariant, checked independently of the crate: sorted, disjoint, covering the base.
pub fn assert_partition(d: &Design) {
    let leaves = d.leaves();
    assert!(!leaves.is_empty());
    assert_eq!(leaves[0].net.network(), d.base().network());
    assert_eq!(leaves[leaves.len() - 1].net.last(), d.base().last());
    for pair in leaves.windows(2) {
        let (a, b) = (pair[0].net, pair[1].net);
        assert!(d.base().contains(a) && d.base().contains(b));
        assert_eq!(a.last().value() + 1, b.network().value(), "{a} then {b}");
    }
    for l in leaves {
        assert!(l.note.chars().count() <= cidrplan::design::MAX_NOTE_CHARS);
        assert_eq!(cidrplan::design::sanitize_note(&l.note), l.note);
    }
    // The crate's own validator agrees.
    assert_eq!(Design::from_leaves(d.base(), d.mode(), leaves.to_vec()).as_ref(), Ok(d));
}
