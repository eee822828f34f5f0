//! The plan kind of share links: round trips, the compactness target, a frozen link, and
//! damaged links refused without panicking.

use cidrplan::plan::{preset, presets, Pin, TierSize};
use cidrplan::share::{decode, encode, ShareState};

#[test]
fn every_preset_round_trips() {
    for (id, _, plan) in presets() {
        let link = encode(&ShareState::Plan(plan.clone()));
        assert!(link.starts_with("v2."), "{id}: {link}");
        assert_eq!(decode(&link), Ok(ShareState::Plan(plan)), "{id}");
    }
}

#[test]
fn aws_preset_fits_in_160_characters() {
    let plan = preset("aws-3az").unwrap();
    let link = encode(&ShareState::Plan(plan));
    println!("aws-3az link: {} characters: {link}", link.len());
    assert!(link.len() <= 160, "{} characters: {link}", link.len());
}

#[test]
fn edited_plans_round_trip() {
    let mut plan = preset("aws-3az").unwrap();
    plan.zones[1] = "my zone ✓".into();
    plan.tiers[0].size = TierSize::Hosts(500);
    plan.tiers[2].per_zone = false;
    plan.growth.extra_zones = 2;
    plan.growth.spare_per_zone = Some(22);
    plan.pinned.push(Pin {
        tier: 1,
        zone: Some(0),
        cidr: "10.0.64.0/20".parse::<ipnetwork::IpNetwork>().unwrap().into(),
    });
    plan.avoid.push(cidrplan::parse("192.168.0.0/16").unwrap().network().into());
    let state = ShareState::Plan(plan);
    assert_eq!(decode(&encode(&state)), Ok(state));
}

/// A link made by this version: it must keep opening after the format grows.
const FROZEN_AWS_3AZ: &str = include_str!("data/share_v1_plan_aws3az.txt");

#[test]
fn frozen_plan_link_still_opens() {
    let Ok(ShareState::Plan(p)) = decode(FROZEN_AWS_3AZ.trim()) else { panic!("frozen plan link no longer opens") };
    assert_eq!(p, preset("aws-3az").unwrap());
}

#[test]
fn damaged_plan_links_are_refused() {
    let link = encode(&ShareState::Plan(preset("aws-3az").unwrap()));
    for cut in 4..link.len() {
        let truncated = &link[..cut];
        if let Ok(ShareState::Plan(p)) = decode(truncated) {
            panic!("truncated link at {cut} decoded to {p:?}");
        }
    }
    let mut bytes = link.into_bytes();
    for i in 3..bytes.len() {
        let orig = bytes[i];
        bytes[i] = if orig == b'A' { b'B' } else { b'A' };
        let _ = decode(std::str::from_utf8(&bytes).unwrap());
        bytes[i] = orig;
    }
}
