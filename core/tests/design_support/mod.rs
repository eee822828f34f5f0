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
    /// Label the ancestor `up` levels above the chosen leaf (the leaf itself when 0).
    Label {
        row: usize,
        up: u8,
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
        2 => (any::<usize>(), 0u8..4, note_text()).prop_map(|(row, up, text)| Op::Label { row, up, text }),
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
        Op::Label { row, up, text } => {
            let n = pick(*row);
            let target = n.supernet(n.prefix().saturating_sub(*up).max(d.base().prefix())).expect("supernet");
            d.set_note(target, text).map_err(|e| e.0)
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
    // Labels: sorted, one per node, each on a split block, clean and non-empty.
    for pair in d.labels().windows(2) {
        assert!(pair[0].node < pair[1].node, "labels out of order: {:?}", pair);
    }
    for l in d.labels() {
        assert!(d.is_inner(l.node), "label on {} which is not split", l.node);
        assert!(!l.note.is_empty());
        assert_eq!(cidrplan::design::sanitize_note(&l.note), l.note);
    }
    // The crate's own validator agrees.
    let rebuilt =
        Design::from_leaves(d.base(), d.mode(), leaves.to_vec()).and_then(|x| x.with_labels(d.labels().to_vec()));
    assert_eq!(rebuilt.as_ref(), Ok(d));
}

/// The uncompressed payload of a `v1.`/`v2.` link, decoded test-side (independent of the
/// crate's own base64url and inflate).
pub fn payload_of(link: &str) -> Vec<u8> {
    let body = link.strip_prefix("v1.").or_else(|| link.strip_prefix("v2.")).expect("v1 or v2 link");
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        _ => 63,
    };
    let (mut bytes, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for c in body.bytes() {
        acc = acc << 6 | value(c) as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
    }
    miniz_oxide::inflate::decompress_to_vec(&bytes).expect("inflates")
}

/// Deflate `payload` and wrap it as a link of version `prefix` (`"v1."`, `"v2."`): reaches the
/// payload parser with bytes the encoder would never write.
pub fn link_of(prefix: &str, payload: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes = miniz_oxide::deflate::compress_to_vec(payload, 6);
    let mut out = String::from(prefix);
    let (mut acc, mut bits) = (0u32, 0);
    for b in bytes {
        acc = acc << 8 | b as u32;
        bits += 8;
        while bits >= 6 {
            bits -= 6;
            out.push(A[(acc >> bits & 63) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(A[(acc << (6 - bits) & 63) as usize] as char);
    }
    out
}
