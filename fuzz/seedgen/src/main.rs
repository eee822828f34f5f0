//! Writes `fuzz/corpus/<target>/seed-*`: a few meaningful inputs per target, made with the
//! crate's own encoders so they stay valid when the formats evolve. Run from this folder:
//! `cargo run` (existing seeds are overwritten; nothing else in the corpus folders is touched).

use cidrplan::design::{self, Color, Design};
use cidrplan::plan::{self, Growth, Ipv6Plan, Pin, Strategy};
use cidrplan::share::{self, ShareState};
use cidrplan::{Cidr, Mode};
use std::fs;
use std::path::Path;

fn net(s: &str) -> Cidr {
    match cidrplan::parse(s).expect("seed network parses") {
        cidrplan::Parsed::Network(n) => n.network,
        other => panic!("{s} is not a network: {other:?}"),
    }
}

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus").join(target);
    fs::create_dir_all(&dir).expect("corpus folder");
    fs::write(dir.join(format!("seed-{name}")), bytes).expect("seed written");
}

/// The raw v1 payload inside a versioned link (the share_decode target's 0x00-prefixed mode).
fn payload(link: &str) -> Vec<u8> {
    let body = link.strip_prefix("v1.").expect("v1 link");
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
    let mut out = vec![0u8];
    out.extend(miniz_oxide::inflate::decompress_to_vec(&bytes).expect("inflates"));
    out
}

fn designs() -> Vec<(&'static str, Design)> {
    let mut aws = Design::new(net("10.20.0.0/16"), Mode::Aws);
    aws.split_all_to(18).unwrap();
    aws.split(net("10.20.64.0/18"), 16).unwrap();
    aws.set_note(net("10.20.0.0/18"), "web ✓ \"quoted\", =cmd").unwrap();
    aws.set_color(net("10.20.0.0/18"), Some(Color::Red)).unwrap();
    aws.set_color(net("10.20.76.0/22"), Some(Color::Gray)).unwrap();
    let mut v6 = Design::new(net("2001:db8:1200::/40"), Mode::Standard);
    v6.split(net("2001:db8:1200::/40"), 16).unwrap();
    v6.split(net("2001:db8:1200::/44"), 2).unwrap();
    v6.set_note(net("2001:db8:12f0::/44"), "lab").unwrap();
    let mut gcp = Design::new(net("192.168.0.0/24"), Mode::Gcp);
    gcp.split_into(5).unwrap();
    let mut tiny = Design::new(net("0.0.0.0/0"), Mode::Azure);
    tiny.split(net("0.0.0.0/0"), 2).unwrap();
    vec![("aws", aws), ("v6", v6), ("gcp-split5", gcp), ("whole-v4", tiny)]
}

fn plans() -> Vec<(String, plan::Plan)> {
    let mut out: Vec<(String, plan::Plan)> =
        plan::presets().into_iter().map(|(id, _, p)| (id.to_string(), p)).collect();
    let mut busy = plan::preset("aws-3az").unwrap();
    busy.name = "prod \"east\" ${x} <svg>".to_string();
    busy.vpc.push(net("10.1.0.0/16"));
    busy.strategy = Strategy::TierMajor;
    busy.growth = Growth { extra_zones: 1, spare_per_zone: Some(24) };
    busy.pinned.push(Pin { tier: 0, zone: Some(1), cidr: net("10.0.5.0/24") });
    busy.avoid.push(plan::Avoid::new(net("192.168.0.0/16"), "home"));
    busy.avoid.push(plan::Avoid::new(net("10.0.128.0/17"), "on-prem"));
    busy.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    out.push(("busy".to_string(), busy));
    out
}

fn main() {
    // parse: the input forms of the calculator.
    for (i, s) in [
        "10.0.0.0/16",
        "10.0.0.5/20",
        "192.168.1.0 255.255.255.0",
        "10.0.0.0/0.0.255.255",
        "172.16.4.7",
        "10.0.0.0 - 10.0.3.255",
        "192.168.0.10–192.168.1.200",
        "0.0.0.0/0",
        "255.255.255.255/31",
        "100.64.0.0/10",
        "2001:db8::/32",
        "2001:db8:0:0:1::1/64",
        "fe80::1%eth0",
        "::ffff:192.0.2.1/120",
        "2002:c000:204::/48",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "64:ff9b::192.0.2.33",
        "::/0",
        "2001:db8:: - 2001:db8::ffff",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
    ]
    .iter()
    .enumerate()
    {
        write("parse", &format!("{i:02}"), s.as_bytes());
    }

    // share_decode: frozen links (tests/share_codec.rs, tests/data), fresh ones, plain ones,
    // and the raw payloads of a few (0x00 + payload).
    let frozen_plan = include_str!("../../../core/tests/data/share_v1_plan_aws3az.txt").trim().to_string();
    let mut links: Vec<(String, String)> = vec![
        (
            "frozen-v4".into(),
            "v1.AT8AwP8BARAKFN5MnJkgA3dlYiDinJMAAABkYiwgcHJpbWFyeQAAAAAAAAAAAAAAAAAAAHNwYXJlABAAoAAAAAAAAAA".into(),
        ),
        ("frozen-v6".into(), "v1.Y-TQUGDk3SH0Y6alEQMjAxrISUxiAAA".into()),
        ("frozen-calc".into(), "v1.Y2DiNjTQA0FTfSMTAA".into()),
        ("frozen-plan".into(), frozen_plan),
        ("plain".into(), "#10.0.0.0%2F16".into()),
        (
            "plain-v6".into(),
            share::encode(&ShareState::Calculator { input: "fe80::1%eth0/64".into(), mode: Mode::Standard }),
        ),
        (
            "calc-azure".into(),
            share::encode(&ShareState::Calculator { input: "10.1.0.0/24".into(), mode: Mode::Azure }),
        ),
        ("v2".into(), "v2.AAAA".into()),
    ];
    for (name, d) in designs().into_iter().take(2) {
        links.push((format!("design-{name}"), share::encode(&ShareState::Design(d))));
    }
    for (name, p) in plans().into_iter().filter(|(n, _)| n == "busy" || n == "azure-hub") {
        links.push((format!("plan-{name}"), share::encode(&ShareState::Plan(p))));
    }
    for (name, link) in &links {
        assert!(share::decode(link).is_ok() || name == "v2", "{name} opens");
        write("share_decode", name, link.as_bytes());
        if link.starts_with("v1.") {
            write("share_decode", &format!("{name}.payload"), &payload(link));
        }
    }

    // design_json: exports of a few designs.
    for (name, d) in designs() {
        let json = design::to_json(&d);
        assert_eq!(design::from_json(&json).unwrap(), d);
        write("design_json", &format!("{name}.json"), json.as_bytes());
    }

    // plan: every preset and a busy plan as JSON, plus a few byte-reader plans.
    for (name, p) in plans() {
        let json = plan::to_json(&p);
        assert!(p.layout().is_ok(), "{name} lays out");
        write("plan", &format!("{name}.json"), json.as_bytes());
    }
    // Byte-reader inputs (see fuzz_targets/plan.rs): width, provider, name flag, region flag,
    // zone count, default zones, block count, blocks, tier count, tiers, ...
    write(
        "plan",
        "bytes-small",
        &[3, 0x20, 0x03, 1, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0x0c, 3, 0, 3, 3, 9, 0, 1, 4, 5, 0, 0, 2, 6, 9, 0, 1],
    );
    write("plan", "bytes-zeros", &[0u8; 64]);
    write("plan", "bytes-ff", &[0xffu8; 64]);
    println!("seeds written");
}
