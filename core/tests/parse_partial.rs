//! "Keep typing" versus "wrong": whatever valid input someone types, every intermediate text
//! on the way to it (each cut of it, character by character) either parses or is rejected as
//! incomplete, never as wrong. The calculator relies on this to stay calm while people type.

use cidrplan::parse::{parse, ErrorKind};
use cidrplan::{Addr, Cidr, Family};
use proptest::prelude::*;

fn addr_of(f: Family) -> BoxedStrategy<Addr> {
    match f {
        Family::V4 => any::<u32>().prop_map(Addr::v4).boxed(),
        Family::V6 => prop_oneof![
            any::<u128>(),
            any::<u32>().prop_map(u128::from),
            any::<u32>().prop_map(|v| 0xffff_0000_0000 | u128::from(v)),
            any::<u64>().prop_map(|v| (v as u128) << 64),
            any::<u16>().prop_map(|v| (0x2001_0db8u128 << 96) | u128::from(v)),
        ]
        .prop_map(Addr::v6)
        .boxed(),
    }
}

fn family() -> impl Strategy<Value = Family> {
    prop_oneof![Just(Family::V4), Just(Family::V6)]
}

/// An input someone may type, in each of the spellings `parse` accepts.
fn valid_input() -> impl Strategy<Value = String> {
    family().prop_flat_map(|f| (addr_of(f), addr_of(f), 0..=f.width(), 0..8u8)).prop_map(|(a, b, p, form)| {
        let net = Cidr::containing(a, p).unwrap();
        let v4 = a.family() == Family::V4;
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        match form {
            0 => net.to_string(),
            1 => format!("{a}/{p}"),
            2 => a.to_string(),
            3 => format!("{lo} - {hi}"),
            4 => format!("{lo}–{hi}"),
            5 if v4 => format!("{a} {}", net.netmask()),
            6 if v4 => format!("{a}/{}", net.hostmask()),
            _ if v4 => format!(" {a} / {p} "),
            5 => format!("{}/{p}", a.exploded()),
            6 => format!("{a}%eth0/{p}"),
            _ => format!("{a}%en0"),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_cut_of_a_valid_input_is_incomplete(s in valid_input()) {
        prop_assert!(parse(&s).is_ok(), "{:?} should parse: {:?}", s, parse(&s));
        for (i, _) in s.char_indices() {
            let cut = &s[..i];
            if let Err(e) = parse(cut) {
                prop_assert_eq!(e.kind, ErrorKind::Incomplete, "{:?} (on the way to {:?}): {}", cut, s, e.message);
            }
        }
    }

    /// Whatever is rejected as incomplete really is the start of something: one of these
    /// continuations (the end of an octet, of a group or groups, of a mask, a range's end)
    /// makes it parse.
    #[test]
    fn incomplete_means_a_continuation_parses(s in "[0-9a-f:.%/ -]{0,24}") {
        if let Err(e) = parse(&s) {
            if e.is_incomplete() {
                prop_assert!(continuations(&s).any(|t| parse(&t).is_ok()), "{:?} was called incomplete but nothing completed it", s);
            }
        }
    }
}

/// Texts that start with `s`: short endings, and IPv6 groups `0:0:…:0` of every length (with
/// and without a `::` before them).
fn continuations(s: &str) -> impl Iterator<Item = String> + '_ {
    let ends = [
        "",
        "0",
        ".0",
        ".0.0",
        ".0.0.0",
        "0.0",
        "0.0.0",
        ":",
        "::",
        "0::",
        "1",
        "5",
        "55",
        "9",
        "99",
        "0.0.0.0",
        ".255",
        "55.255.255.255",
        "5.255.255.255",
        "ffff",
        "fff",
        "ff",
        "f",
        "eth0",
        "10.0.0.0",
        "255.255.255.255",
        "0.0.0.255",
        "55.255.255.255",
        "55.0.0.0",
        "0.0.0",
    ];
    let groups = (0..8).flat_map(|k| {
        let g = "0:".repeat(k) + "0";
        [g.clone(), format!(":{g}"), format!("f{g}")]
    });
    let prefixes = (0..=32).map(|p| p.to_string());
    ends.into_iter().map(str::to_string).chain(groups).chain(prefixes).map(move |end| format!("{s}{end}"))
}

#[test]
fn typing_an_address_character_by_character() {
    // What the issue saw: every keystroke of 192.168.10.77/27 was an error; only clear
    // mistakes are errors now.
    let typed = "192.168.10.77/27";
    for i in 1..=typed.len() {
        if let Err(e) = parse(&typed[..i]) {
            assert!(e.is_incomplete(), "{:?}: {}", &typed[..i], e.message);
        }
    }
    assert!(!parse("192.168.10.777").unwrap_err().is_incomplete());
    assert!(!parse("192.168.1o").unwrap_err().is_incomplete());
}
