//! Inputs found by the fuzz targets in `fuzz/` (see fuzz/README.md), kept as plain tests so a
//! fixed bug stays fixed without nightly or libFuzzer. Each test names its target and finding.

use cidrplan::plan::{self, Plan};
use cidrplan::share::{decode, encode, encode_checked, ShareState};
use cidrplan::{Cidr, Parsed};

fn net(s: &str) -> Cidr {
    match cidrplan::parse(s).expect("test network parses") {
        Parsed::Network(n) => n.network,
        other => panic!("{s} is not a network: {other:?}"),
    }
}

fn assert_link_round_trips(p: Plan) {
    assert!(p.layout().is_ok(), "the plan lays out");
    let state = ShareState::Plan(p);
    let link = encode_checked(&state).expect("a small plan fits in a link");
    assert_eq!(link, encode(&state));
    assert_eq!(decode(&link).expect("the plan's own link opens"), state);
}

/// `plan` target: a plan avoiding a single IPv6 host (`…/128`) gave a share link that did not
/// open ("This link is damaged: bad IPv6 setting"): the plan codec packs a block's family and
/// prefix into one byte (bit 7 IPv6, bits 0-6 prefix), so /128 wrapped to /0.
#[test]
fn plan_link_with_ipv6_host_route_opens() {
    // The plan the fuzzer built (crash-470b7019…), as plan JSON.
    let found = r#"{"format":"cidrplan-plan","version":1,"name":"vpc","provider":"aws","region":"us-east-1",
        "vpc":["100.77.140.0/23"],"zones":["us-east-1a","us-east-1b"],
        "tiers":[{"name":"tier0","kind":"private","prefix":27,"per_zone":true},
                 {"name":"tier1","kind":"private","prefix":27,"per_zone":true},
                 {"name":"tier2","kind":"private","prefix":27,"per_zone":true},
                 {"name":"tier3","kind":"private","prefix":27,"per_zone":true},
                 {"name":"tier4","kind":"private","prefix":27,"per_zone":true}],
        "strategy":"tier-major","growth":{"extra_zones":0,"spare_per_zone":null},"pinned":[],
        "avoid":["2001:db8:902:0:7b04:100::/128"],"ipv6":null}"#;
    assert_link_round_trips(plan::from_json(found).expect("the found plan imports"));

    let mut p = plan::preset("aws-3az").unwrap();
    p.avoid.push(net("2001:db8::1/128").into());
    p.avoid.push(net("192.168.0.0/16").into());
    assert_link_round_trips(p.clone());

    // Every other IPv6 prefix next to it, and the IPv6 block after it.
    p.avoid = [net("2001:db8::1/128"), net("2001:db8::/127"), net("::/0"), net("ffff::/16")].map(Into::into).to_vec();
    p.ipv6 = Some(plan::Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    assert_link_round_trips(p.clone());

    p.avoid = [net("::1/128"), net("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), net("10.9.9.9/32")]
        .map(Into::into)
        .to_vec();
    assert_link_round_trips(p);
}
