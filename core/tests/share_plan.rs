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

/// The planner saves its work as its link (`web/planner/src/state.rs`), so every plan the core
/// stores must fit in one: form and last plan that fitted both, every list at its cap and
/// every name at its longest, in 4-byte characters that deflate cannot shrink.
#[test]
fn the_largest_storable_draft_fits_in_a_link() {
    use cidrplan::plan::{
        Avoid, Plan, Tier, TierKind, MAX_AVOID, MAX_NAME_CHARS, MAX_PINS, MAX_TIERS, MAX_VPC_BLOCKS, MAX_ZONES,
    };
    use cidrplan::share::{decode_plan, plan_link, Opened};
    let cidr = |s: &str| cidrplan::parse(s).unwrap().network();
    let mut seed = 7u32;
    let mut name = move || -> String {
        (0..MAX_NAME_CHARS)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from_u32(0x1F300 + (seed >> 16) % 0x300).unwrap()
            })
            .collect()
    };
    let mut largest = |base: &Plan| {
        let mut p = base.clone();
        p.name = name();
        p.region = name();
        p.vpc = (0..MAX_VPC_BLOCKS).map(|i| cidr(&format!("10.{}.0.0/16", i * 16))).collect();
        p.zones = (0..MAX_ZONES).map(|_| name()).collect();
        p.tiers = (0..MAX_TIERS).map(|_| Tier::new(&name(), TierKind::Private, TierSize::Hosts(60_000))).collect();
        p.avoid = (0..MAX_AVOID).map(|i| Avoid::new(cidr(&format!("192.168.{i}.0/24")), &name())).collect();
        p.pinned = (0..MAX_PINS)
            .map(|i| Pin { tier: i % MAX_TIERS, zone: Some(i % MAX_ZONES), cidr: cidr(&format!("172.16.{i}.0/24")) })
            .collect();
        assert_eq!(p.refusal(), None, "a plan the core stores");
        p
    };
    let base = preset("aws-3az").unwrap();
    let (fitted, form) = (largest(&base), largest(&base));
    let link = plan_link(&fitted, Some(&form)).expect("the largest draft fits in a link");
    println!("largest draft: {} characters", link.len());
    assert_eq!(decode_plan(&link), Ok(Opened::Mine(ShareState::PlanDraft { fitted, form })));
}

/// What the planner writes (`form_link`) reads back as the same form and last plan that
/// fitted (`into_plan`); a last plan equal to the form is not written twice.
#[test]
fn form_links_read_back_as_form_and_fitted() {
    use cidrplan::share::{decode_plan, form_link, Opened};
    let read = |link: &str| match decode_plan(link) {
        Ok(Opened::Mine(state)) => state.into_plan(),
        other => panic!("{other:?}"),
    };
    let form = preset("aws-3az").unwrap();
    let mut fitted = form.clone();
    fitted.tiers[0].size = TierSize::Hosts(500);
    assert_eq!(read(&form_link(&form, None).unwrap()), Some((form.clone(), None)));
    assert_eq!(read(&form_link(&form, Some(&form)).unwrap()), Some((form.clone(), None)));
    assert_eq!(read(&form_link(&form, Some(&fitted)).unwrap()), Some((form.clone(), Some(fitted))));
    assert_eq!(ShareState::Calculator { input: "10.0.0.0/8".into(), mode: cidrplan::Mode::Standard }.into_plan(), None);
}
