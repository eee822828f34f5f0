//! Share links: frozen v1 links, plain links, every refusal's message, compactness budgets.

mod design_support;

use cidrplan::design::{Color, Design, MAX_LEAVES};
use cidrplan::share::{self, decode, encode, encode_checked, encode_v1, ShareState, MAX_LINK_CHARS};
use cidrplan::Mode;
use design_support::{link_of as versioned_link, net, payload_of};

// ---------------------------------------------------------------------------------------------
// Frozen links: made once by `encode` and pasted here. They must keep opening, unchanged,
// in every later version: a failure here means the v1 format drifted.

const FROZEN_V4: &str =
    "v1.AT8AwP8BARAKFN5MnJkgA3dlYiDinJMAAABkYiwgcHJpbWFyeQAAAAAAAAAAAAAAAAAAAHNwYXJlABAAoAAAAAAAAAA";
const FROZEN_V6: &str = "v1.Y-TQUGDk3SH0Y6alEQMjAxrISUxiAAA";
const FROZEN_CALC: &str = "v1.Y2DiNjTQA0FTfSMTAA";

/// The uncompressed payload of FROZEN_V4, annotated: the byte layout of format v1.
const FROZEN_V4_PAYLOAD: &[u8] = &[
    0x01, // kind: design
    0x01, // header: mode AWS (1), family IPv4 (bit 3 clear)
    0x10, // base prefix /16
    0x0a, 0x14, // base address, leading ceil(16/8) bytes: 10.20
    // Split tree, pre-order, 1 = split: /16 1, /17 1, /18 0, /18 1 then a full 4-level
    // subtree (the 16-way split), /17 1, /18 0, /18 0; 37 bits zero-padded to 5 bytes.
    0xde, 0x4c, 0x9c, 0x99, 0x20, //
    0x03, // sections: notes and colours
    // Notes, one per leaf, each ended by a zero byte.
    b'w', b'e', b'b', b' ', 0xe2, 0x9c, 0x93, 0x00, 0x00, 0x00, //
    b'd', b'b', b',', b' ', b'p', b'r', b'i', b'm', b'a', b'r', b'y', 0x00, //
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //
    b's', b'p', b'a', b'r', b'e', 0x00, //
    // Colours, a nibble per leaf (0 none, code + 1): red first, gray on the sixth leaf.
    0x10, 0x00, 0xa0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

fn frozen_v4() -> Design {
    let mut d = Design::new(net("10.20.0.0/16"), Mode::Aws);
    d.split_all_to(18).unwrap();
    d.split(net("10.20.64.0/18"), 16).unwrap();
    d.set_note(net("10.20.0.0/18"), "web ✓").unwrap();
    d.set_color(net("10.20.0.0/18"), Some(Color::Red)).unwrap();
    d.set_note(net("10.20.72.0/22"), "db, primary").unwrap();
    d.set_color(net("10.20.76.0/22"), Some(Color::Gray)).unwrap();
    d.set_note(net("10.20.192.0/18"), "spare").unwrap();
    d
}

fn frozen_v6() -> Design {
    let mut d = Design::new(net("2001:db8:1200::/40"), Mode::Standard);
    d.split(net("2001:db8:1200::/40"), 16).unwrap();
    d.split(net("2001:db8:1200::/44"), 2).unwrap();
    d.set_note(net("2001:db8:12f0::/44"), "lab").unwrap();
    d
}

/// A v1 link around a hand-made payload.
fn link(payload: &[u8]) -> String {
    versioned_link("v1.", payload)
}

fn error(fragment: &str) -> String {
    decode(fragment).unwrap_err().0
}

#[test]
fn frozen_v1_links_still_open() {
    assert_eq!(decode(FROZEN_V4).unwrap(), ShareState::Design(frozen_v4()));
    assert_eq!(decode(&format!("#{FROZEN_V4}")).unwrap(), ShareState::Design(frozen_v4()));
    assert_eq!(decode(FROZEN_V6).unwrap(), ShareState::Design(frozen_v6()));
    assert_eq!(decode(FROZEN_CALC).unwrap(), ShareState::Calculator { input: "10.0.0.5/24".into(), mode: Mode::Azure });
}

#[test]
fn the_encoder_still_writes_the_frozen_payloads() {
    // Compared before compression, so a different deflate library version cannot break it.
    assert_eq!(payload_of(FROZEN_V4), FROZEN_V4_PAYLOAD);
    assert_eq!(payload_of(&encode_v1(&ShareState::Design(frozen_v4()))), FROZEN_V4_PAYLOAD);
    assert_eq!(payload_of(&encode_v1(&ShareState::Design(frozen_v6()))), payload_of(FROZEN_V6));
    let calc = ShareState::Calculator { input: "10.0.0.5/24".into(), mode: Mode::Azure };
    assert_eq!(payload_of(&encode_v1(&calc)), payload_of(FROZEN_CALC));
}

#[test]
fn v2_is_v1_plus_an_extensions_section() {
    // A state that uses no field added since v1 has v1's body and an empty extensions section.
    let calc = ShareState::Calculator { input: "10.0.0.5/24".into(), mode: Mode::Azure };
    for state in [ShareState::Design(frozen_v4()), ShareState::Design(frozen_v6()), calc] {
        let v2 = encode(&state);
        assert!(v2.starts_with("v2."), "{v2}");
        let mut expected = payload_of(&encode_v1(&state));
        expected.push(0);
        assert_eq!(payload_of(&v2), expected);
        assert_eq!(decode(&v2).unwrap(), state);
    }
}

#[test]
fn v2_extensions_are_checked() {
    let mut body = FROZEN_V4_PAYLOAD.to_vec();
    let with = |ext: &[u8]| {
        let mut p = body.clone();
        p.extend_from_slice(ext);
        error(&versioned_link("v2.", &p))
    };
    assert_eq!(
        with(&[1, 200, 0]),
        "This link holds a setting this cidrplan does not know (extension 200); it was made by a newer version. Reload the page to update"
    );
    assert_eq!(with(&[2, 200, 0, 199, 0]), "This link is damaged: its extensions are out of order");
    assert_eq!(with(&[1, 200, 5, 1]), "This link is truncated: an extension ends early");
    assert_eq!(with(&[]), "This link is truncated: the extensions section ends early");
    assert_eq!(with(&[0, 0]), "This link is damaged: it has extra data at the end");
    body.push(0);
    assert_eq!(decode(&versioned_link("v2.", &body)).unwrap(), ShareState::Design(frozen_v4()));
}

/// The planner's link while its form does not fit: the last plan that fitted (what is drawn)
/// and the form. A plan without a draft keeps exactly its link.
fn plan_with_draft() -> (cidrplan::plan::Plan, cidrplan::plan::Plan) {
    let fitted = cidrplan::plan::preset("aws-3az").unwrap();
    let mut form = fitted.clone();
    form.vpc[0] = cidrplan::parse("10.20.0.0/17").unwrap().network();
    form.tiers[1].size = cidrplan::plan::TierSize::Prefix(18);
    (fitted, form)
}

#[test]
fn a_plan_draft_rides_after_the_plan_that_fitted() {
    let (fitted, form) = plan_with_draft();
    let state = ShareState::PlanDraft { fitted: fitted.clone(), form: form.clone() };
    let link = encode(&state);
    assert!(link.starts_with("v2."), "{link}");
    assert_eq!(decode(&link), Ok(state));
    // The payload: the fitted plan's body, then one extension (tag 128) holding the form's
    // body and its own (empty) extensions section.
    let plain = payload_of(&encode(&ShareState::Plan(fitted.clone())));
    let form_payload = payload_of(&encode(&ShareState::Plan(form)));
    let mut expected = plain[..plain.len() - 1].to_vec();
    expected.extend_from_slice(&[1, 128, (form_payload.len() - 1) as u8]);
    expected.extend_from_slice(&form_payload[1..]);
    assert_eq!(payload_of(&link), expected);
    assert_eq!(decode(&encode(&ShareState::Plan(fitted.clone()))), Ok(ShareState::Plan(fitted)));
}

#[test]
fn a_damaged_plan_draft_is_refused() {
    let (fitted, form) = plan_with_draft();
    let plain = payload_of(&encode(&ShareState::Plan(fitted)));
    let form_body = {
        let p = payload_of(&encode(&ShareState::Plan(form)));
        p[1..p.len() - 1].to_vec()
    };
    let with_draft = |draft: &[u8]| {
        let mut p = plain[..plain.len() - 1].to_vec();
        p.extend_from_slice(&[1, 128, draft.len() as u8]);
        p.extend_from_slice(draft);
        error(&versioned_link("v2.", &p))
    };
    let draft = |tail: &[u8]| [form_body.as_slice(), tail].concat();
    assert_eq!(with_draft(&draft(&[1, 128, 0])), "This link is damaged: its unfinished plan holds another one");
    assert_eq!(
        with_draft(&draft(&[1, 127, 0])),
        "This link holds a setting this cidrplan does not know (extension 127); it was made by a newer version. Reload the page to update"
    );
    assert_eq!(with_draft(&draft(&[0, 9])), "This link is damaged: it has extra data at the end");
    assert_eq!(with_draft(&form_body), "This link is truncated: the extensions section ends early");
    assert!(with_draft(&form_body[..5]).starts_with("This link is truncated"), "{}", with_draft(&form_body[..5]));
    assert!(with_draft(&[]).starts_with("This link is truncated"));
}

#[test]
fn plain_links_are_readable_calculator_inputs() {
    let calc = |input: &str| ShareState::Calculator { input: input.into(), mode: Mode::Standard };
    assert_eq!(decode("#10.0.0.0/16").unwrap(), calc("10.0.0.0/16"));
    assert_eq!(decode("2001:db8::/32").unwrap(), calc("2001:db8::/32"));
    assert_eq!(decode("10.0.0.0%20-%2010.0.0.255").unwrap(), calc("10.0.0.0 - 10.0.0.255"));
    assert_eq!(decode("fe80::1%25eth0").unwrap(), calc("fe80::1%eth0"));
    assert_eq!(decode("50%").unwrap(), calc("50%"), "a stray % stays");
    assert_eq!(decode("%zz%e2%9c").unwrap(), calc("%zz\u{fffd}"), "bad UTF-8 is replaced, not refused");
    assert_eq!(decode("").unwrap(), calc(""));
    assert_eq!(decode("not an address").unwrap(), calc("not an address"), "the UI's parser judges it");
    assert_eq!(encode(&calc("10.0.0.0/16")), "10.0.0.0/16");
    assert_eq!(encode(&calc("10.0.0.0 - 10.0.0.255")), "10.0.0.0%20-%2010.0.0.255");
    assert_eq!(encode(&calc("v1.2")), "%761.2", "never mistaken for a versioned link");
    assert_eq!(decode(&encode(&calc("v1.2"))).unwrap(), calc("v1.2"));
    assert_eq!(encode(&calc("#x y")), "%23x%20y");
    // Other modes need the versioned form.
    let aws = ShareState::Calculator { input: "10.0.0.0/16".into(), mode: Mode::Aws };
    assert!(encode(&aws).starts_with("v2."));
    assert_eq!(decode(&encode(&aws)).unwrap(), aws);
}

#[test]
fn versions_are_dispatched_and_named() {
    assert_eq!(
        error("v7.AAAA"),
        "This link was made by a newer cidrplan (v7); this one opens links up to v2. Reload the page to update"
    );
    assert_eq!(error("#v99999999999999.x"), "This link was made by a newer cidrplan; reload the page to update");
    assert_eq!(error("v0.AAAA"), "This link has an unknown format (v0)");
    assert_eq!(error("v01.AAAA"), "This link has an unknown format (v01)");
    // Not `v<digits>.`: plain text.
    assert!(matches!(decode("v1"), Ok(ShareState::Calculator { .. })));
    assert!(matches!(decode("vx.1"), Ok(ShareState::Calculator { .. })));
}

#[test]
fn damaged_links_say_what_is_wrong() {
    let long = "A".repeat(MAX_LINK_CHARS + 1);
    assert_eq!(
        error(&format!("v1.{long}")),
        "This link is too long (65,540 characters); cidrplan links are at most 65,536"
    );
    assert_eq!(error(&long), "This link is too long (65,537 characters); cidrplan links are at most 65,536");
    assert_eq!(error("v1.AB*D"), "This link is damaged: '*' cannot appear in it");
    assert_eq!(error("v1.AB=="), "This link is damaged: '=' cannot appear in it");
    assert_eq!(error("v1.ABCDE"), "This link is truncated or damaged: its data has an impossible length");
    assert_eq!(error("v1.AB"), "This link is damaged: its last character is wrong");
    assert_eq!(error("v1."), "This link is truncated: its compressed data ends early");
    assert_eq!(error(&FROZEN_V6[..3 + 24]), "This link is truncated: its compressed data ends early");
    assert_eq!(error(&format!("{FROZEN_V6}AAAA")), "This link is damaged: it has extra data at the end");
    assert_eq!(error("v1.____"), "This link is damaged: its compressed data is invalid");
}

#[test]
fn damaged_payloads_say_what_is_wrong() {
    // A valid minimal design: 10.1.0.0/16, one leaf, nothing else.
    let ok = [1, 0, 16, 10, 1, 0x00, 0];
    assert_eq!(decode(&link(&ok)).unwrap(), ShareState::Design(Design::new(net("10.1.0.0/16"), Mode::Standard)));
    let e = |p: &[u8]| error(&link(p));
    assert_eq!(e(&[]), "This link is truncated: the link's content ends early");
    assert_eq!(
        e(&[3]),
        "This link holds something this cidrplan does not know (kind 3); it may come from a newer version. Reload the page to update"
    );
    assert_eq!(
        e(&[1, 5, 16, 10, 1, 0, 0]),
        "This link names an unknown cloud mode (#5); it may come from a newer cidrplan"
    );
    assert_eq!(e(&[1, 0x10, 16, 10, 1, 0, 0]), "This link is damaged: its design header has unknown flags");
    assert_eq!(e(&[1, 0, 33]), "This link is damaged: its base prefix /33 is longer than /32");
    assert_eq!(e(&[1, 0, 16, 10]), "This link is truncated: the base address ends early");
    assert_eq!(
        e(&[1, 0, 12, 10, 0x0f, 0, 0]),
        "This link is damaged: its base address 10.15.0.0 has bits set past /12"
    );
    assert_eq!(e(&[1, 0, 16, 10, 1]), "This link is truncated: the split tree ends early");
    assert_eq!(e(&[1, 0, 16, 10, 1, 0xff]), "This link is truncated: the split tree ends early");
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x01, 0]), "This link is damaged: the split tree has stray bits");
    assert_eq!(e(&[1, 0, 32, 10, 1, 2, 3, 0x80, 0]), "This link is damaged: it splits the single address 10.1.2.3/32");
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00]), "This link is truncated: the notes and colours ends early");
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00, 4]), "This link is damaged: it has unknown sections");
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00, 0, 9]), "This link is damaged: it has extra data at the end");
    // Notes.
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00, 1, b'h', b'i']), "This link is truncated: the notes end early");
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00, 1, 0]), "This link is damaged: its notes section is empty");
    assert_eq!(
        e(&[1, 0, 16, 10, 1, 0x00, 1, 0xff, 0]),
        "This link is damaged: the note of 10.1.0.0/16 is not valid text"
    );
    assert_eq!(
        e(&[1, 0, 16, 10, 1, 0x00, 1, b' ', b'x', 0]),
        "This link is damaged: the note of 10.1.0.0/16 is too long or has control characters"
    );
    let mut long = vec![1, 0, 16, 10, 1, 0x00, 1];
    long.extend(std::iter::repeat_n(b'x', 900));
    long.push(0);
    assert_eq!(e(&long), "This link is damaged: an entry of the notes is too long");
    // Colours.
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00, 2]), "This link is truncated: the colours ends early");
    assert_eq!(
        e(&[1, 0, 16, 10, 1, 0x00, 2, 0xb0]),
        "This link names an unknown colour (#11); it may come from a newer cidrplan"
    );
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00, 2, 0x11]), "This link is damaged: its colours have stray bits");
    assert_eq!(e(&[1, 0, 16, 10, 1, 0x00, 2, 0x00]), "This link is damaged: its colours section is empty");
    // Calculator.
    assert_eq!(e(&[0, 1, 3, b'a', b'b']), "This link is truncated: the input ends early");
    assert_eq!(e(&[0, 1, 0x80, 0x00]), "This link is damaged: the input's length is malformed");
    assert_eq!(e(&[0, 1, 1, 0xc3]), "This link is damaged: its input is not valid text");
    assert_eq!(e(&[0, 9, 0]), "This link names an unknown cloud mode (#9); it may come from a newer cidrplan");
}

#[test]
fn oversized_content_is_refused_with_bounded_work() {
    // A complete tree of depth 17 under ::/0: 131,072 leaves, over the cap.
    let mut bits = Vec::new();
    fn walk(depth: u32, bits: &mut Vec<bool>) {
        if depth == 0 {
            bits.push(false);
        } else {
            bits.push(true);
            walk(depth - 1, bits);
            walk(depth - 1, bits);
        }
    }
    walk(17, &mut bits);
    let mut payload = vec![1, 0x08, 0];
    for chunk in bits.chunks(8) {
        payload.push(chunk.iter().enumerate().fold(0u8, |b, (i, &bit)| b | (u8::from(bit) << (7 - i))));
    }
    payload.push(0);
    assert_eq!(error(&link(&payload)), format!("This link's design has more than {MAX_LEAVES} subnets"));
    // A deflate bomb: 8 MiB of zeros in a short link.
    let bomb = link(&vec![0u8; 8 << 20]);
    assert!(bomb.len() < MAX_LINK_CHARS);
    assert_eq!(error(&bomb), "This link expands to more than 4194304 bytes; it is not a cidrplan link");
}

/// A note of `len` pseudo-random printable characters (xorshift from `seed`) on every leaf:
/// text deflate cannot shrink.
fn incompressible_notes(d: &mut Design, len: usize, seed: u64) {
    let nets: Vec<_> = d.leaves().iter().map(|l| l.net).collect();
    let mut x = seed;
    for n in nets {
        let note: String = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'!' + (x % 90) as u8)
            })
            .collect();
        d.set_note(n, &note).unwrap();
    }
}

#[test]
fn encode_checked_refuses_designs_too_large_to_share() {
    let mut d = Design::new(net("10.0.0.0/8"), Mode::Standard);
    d.split_all_to(24).unwrap();
    incompressible_notes(&mut d, 200, 0x9e37_79b9_7f4a_7c15);
    let e = encode_checked(&ShareState::Design(d)).unwrap_err().0;
    assert!(e.starts_with("This design is too large for a link: its 65,536 subnets and notes need 13,"), "{e}");
    assert!(e.ends_with("more than the 4,194,304 a link may hold. Export it as JSON instead"), "{e}");
    let small = ShareState::Design(frozen_v4());
    assert_eq!(encode_checked(&small).unwrap(), encode(&small));
}

/// What the designer saves in this browser is a design link without a link's length cap: a
/// design too long to share is still saved whole, and reads back; a saved text is refused as
/// a link to open.
#[test]
fn design_text_saves_designs_too_long_for_a_link() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Aws);
    d.split_all_to(28).unwrap();
    incompressible_notes(&mut d, 40, 0x2545_f491_4f6c_dd1d);
    let text = share::design_text(&d).unwrap();
    assert!(text.len() > MAX_LINK_CHARS, "{} characters", text.len());
    assert_eq!(share::design_from_text(&text).unwrap(), d);
    let e = share::design_text_as_link(text.clone()).unwrap_err().0;
    assert!(e.ends_with("Pass the design on with Export JSON instead"), "{e}");
    assert!(decode(&text).unwrap_err().0.starts_with("This link is too long"));
    // A small design's saved text is its link.
    let small = frozen_v4();
    assert_eq!(share::design_text(&small).unwrap(), share::design_link(&small).unwrap());
    assert_eq!(share::design_from_text(FROZEN_V4).unwrap(), small);
    assert_eq!(share::design_from_text(FROZEN_CALC).unwrap_err().0, "This is not a saved design");
    assert_eq!(share::design_from_text("10.0.0.0/16").unwrap_err().0, "This is not a saved design");
}

// ---------------------------------------------------------------------------------------------
// Compactness budgets (deterministic, so asserted). Measured values are in the messages.

/// Realistic 10-character names: environment, role, number.
fn ten_char_note(i: u32) -> String {
    let envs = ["prod", "dev", "stage", "test", "qa"];
    let roles = ["web", "db", "app", "cache", "mgmt", "vpn", "lb", "k8s", "edge"];
    let x = i.wrapping_mul(2_654_435_761);
    let s = format!("{}-{}-{:03}", envs[(x >> 7) as usize % 5], roles[(x >> 13) as usize % 9], x % 997);
    format!("{s:-<10}").chars().take(10).collect()
}

#[test]
fn budget_sixteen_subnets_with_notes() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Aws);
    d.split(net("10.0.0.0/16"), 16).unwrap();
    let nets: Vec<_> = d.leaves().iter().map(|l| l.net).collect();
    for (i, n) in nets.iter().enumerate() {
        let note = ten_char_note(i as u32);
        assert_eq!(note.chars().count(), 10);
        d.set_note(*n, &note).unwrap();
    }
    let s = encode(&ShareState::Design(d.clone()));
    assert!(s.len() <= 200, "16 /20s with 10-character notes: {} characters", s.len());
    assert_eq!(decode(&s).unwrap(), ShareState::Design(d.clone()));
    // Incompressible notes (random letters and digits) are the worst case: deflate cannot
    // shrink 36-symbol text below ~5.5 bits a character, so this measures 210, just over.
    let mut x = 12345u32;
    for n in &nets {
        let note: String = (0..10)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[(x >> 16) as usize % 36])
            })
            .collect();
        d.set_note(*n, &note).unwrap();
    }
    let s = encode(&ShareState::Design(d.clone()));
    assert!(s.len() <= 220, "16 /20s with random notes: {} characters", s.len());
}

const JOINS: [&str; 4] = ["10.0.16.0/22", "10.0.64.0/23", "10.0.200.0/25", "10.0.240.0/25"];

#[test]
fn budget_a_thousand_noted_leaves() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    d.split_into(1024).unwrap();
    // 1,000 leaves: 1,024 /26s less 15 + 7 + 1 + 1 by joining a /22, a /23 and two /25s.
    for j in JOINS {
        d.join(net(j)).unwrap();
    }
    assert_eq!(d.len(), 1000);
    let nets: Vec<_> = d.leaves().iter().map(|l| l.net).collect();
    for (i, n) in nets.iter().enumerate() {
        d.set_note(*n, &format!("web-{:04}", i + 1)).unwrap();
    }
    let s = encode(&ShareState::Design(d.clone()));
    assert!(s.len() <= 8000, "1,000 leaves noted web-0001…: {} characters", s.len());
    assert_eq!(decode(&s).unwrap(), ShareState::Design(d.clone()));
    // With varied names and a colour on each, still within budget.
    for (i, n) in nets.iter().enumerate() {
        d.set_note(*n, &format!("{}-{i}", ten_char_note(i as u32))).unwrap();
        d.set_color(*n, Color::from_code((i % 10) as u8)).unwrap();
    }
    let s = encode(&ShareState::Design(d.clone()));
    assert!(s.len() <= 8000, "1,000 leaves with varied notes and colours: {} characters", s.len());
    assert_eq!(decode(&s).unwrap(), ShareState::Design(d));
}

#[test]
#[ignore = "prints measured link lengths; run with --ignored --nocapture"]
fn report_link_lengths() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Aws);
    d.split(net("10.0.0.0/16"), 16).unwrap();
    for (i, n) in d.leaves().iter().map(|l| l.net).collect::<Vec<_>>().into_iter().enumerate() {
        d.set_note(n, &ten_char_note(i as u32)).unwrap();
    }
    println!("16 /20s, realistic notes: {}", encode(&ShareState::Design(d)).len());
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    d.split_into(1024).unwrap();
    for j in JOINS {
        d.join(net(j)).unwrap();
    }
    for (i, n) in d.leaves().iter().map(|l| l.net).collect::<Vec<_>>().into_iter().enumerate() {
        d.set_note(n, &format!("web-{:04}", i + 1)).unwrap();
    }
    println!("1,000 web-NNNN: {}", encode(&ShareState::Design(d.clone())).len());
    for (i, n) in d.leaves().iter().map(|l| l.net).collect::<Vec<_>>().into_iter().enumerate() {
        d.set_note(n, &format!("{}-{i}", ten_char_note(i as u32))).unwrap();
        d.set_color(n, Color::from_code((i % 10) as u8)).unwrap();
    }
    println!("1,000 varied notes and colours: {}", encode(&ShareState::Design(d.clone())).len());
    let mut big = Design::new(net("10.0.0.0/8"), Mode::Standard);
    big.split_all_to(24).unwrap();
    let t = std::time::Instant::now();
    let s = encode(&ShareState::Design(big.clone()));
    println!("65,536 bare leaves: {} chars, encode {:?}", s.len(), t.elapsed());
    let t = std::time::Instant::now();
    decode(&s).unwrap();
    println!("decode {:?}", t.elapsed());
}
