//! Frozen v2 links: links made by this version must open, unchanged, in every later version.
//! Each constant was written by `encode` when the v2 extensions landed (inner-node labels;
//! labelled networks to avoid and the NAT choice; a form that does not fit with the last plan
//! that did). If one of these tests fails, an old link in someone's wiki now opens to
//! something else: add a decoder branch, never edit the constant.

mod design_support;

use cidrplan::design::{Color, Design};
use cidrplan::plan::{preset, Avoid, NatMode, Plan, TierSize};
use cidrplan::share::{decode, encode, ShareState};
use cidrplan::Mode;
use design_support::net;

const FROZEN_DESIGN_LABELS: &str = "v2.XYqxDQAQEAD_QyFmUOtsInYg1MQTranVopCIa-6KQxByaWcng5EC_PAbiOqok0meGpSa4_tt";
const FROZEN_PLAN_AVOID_NAT: &str = "v2.AVMArP8CCHByb2QtdnBjCXVzLWVhc3QtMQEBEAoAAwAAAAMGcHVibGljBBgHcHJpdmF0ZQUUBGRhdGEGGAAAAAACEMCoDKwQAAIBCQdvbi1wcmVtAAIBAQ";
const FROZEN_PLAN_DRAFT: &str = "v2.dcy7DYAgEADQO_AfCzQWLkHhLE6ASmHi54JI7TgWDuFo2ppg_ZLHEjLrIB316b5JrTYrG0SRAQcAHtHeTWMf1DGZ0SmrwyoYlFVR_SowcZ_5JYBjGq-LJKNnYIhH6z2LDP7S0pOyb_oA";

/// A /12 "us-east" holding a /14 "prod", with leaf notes and a colour: the hierarchy
/// architects draw.
fn design_with_labels() -> Design {
    let mut d = Design::new(net("10.0.0.0/8"), Mode::Standard);
    d.split_all_to(12).unwrap();
    d.split(net("10.16.0.0/12"), 2).unwrap();
    d.split(net("10.16.0.0/13"), 2).unwrap();
    d.set_note(net("10.16.0.0/12"), "us-east").unwrap();
    d.set_note(net("10.16.0.0/13"), "prod").unwrap();
    d.set_note(net("10.16.0.0/14"), "web").unwrap();
    d.set_color(net("10.16.0.0/14"), Some(Color::Green)).unwrap();
    d
}

/// The AWS 3-AZ preset next to a labelled on-prem range, with one shared NAT gateway.
fn plan_with_avoid_and_nat() -> Plan {
    let mut p = preset("aws-3az").unwrap();
    p.name = "prod-vpc".into();
    p.avoid = vec![
        Avoid { cidr: net("192.168.0.0/16"), label: "on-prem".into() },
        Avoid { cidr: net("172.16.0.0/12"), label: String::new() },
    ];
    p.nat = NatMode::Shared;
    p
}

/// A form that does not fit (a /17 VPC whose private tier wants /18s in three zones), with
/// the plan that fitted before the edit.
fn draft() -> (Plan, Plan) {
    let fitted = plan_with_avoid_and_nat();
    let mut form = fitted.clone();
    form.vpc[0] = net("10.0.0.0/17");
    form.tiers[1].size = TierSize::Prefix(18);
    (fitted, form)
}

#[test]
fn a_design_with_inner_labels_opens_with_its_labels() {
    let d = design_with_labels();
    assert_eq!(d.label(net("10.16.0.0/12")), Some("us-east"));
    assert_eq!(d.label(net("10.16.0.0/13")), Some("prod"));
    assert_eq!(decode(FROZEN_DESIGN_LABELS).unwrap(), ShareState::Design(d));
}

#[test]
fn a_plan_with_labelled_avoids_and_shared_nat_opens_as_made() {
    let got = decode(FROZEN_PLAN_AVOID_NAT).unwrap();
    assert_eq!(got, ShareState::Plan(plan_with_avoid_and_nat()));
    let ShareState::Plan(p) = got else { unreachable!() };
    assert_eq!(p.avoid[0].label, "on-prem");
    assert_eq!(p.nat, NatMode::Shared);
}

#[test]
fn a_draft_link_opens_to_the_form_and_the_plan_that_fitted() {
    let (fitted, form) = draft();
    assert!(form.layout().is_err(), "the form must not fit, or the draft case is not tested");
    assert!(fitted.layout().is_ok());
    assert_eq!(decode(FROZEN_PLAN_DRAFT).unwrap(), ShareState::PlanDraft { fitted, form });
}

#[test]
fn todays_encoder_writes_links_that_decode_to_the_same_states() {
    // Not byte-equal on purpose: the encoder may compress better later; old links must open.
    let (fitted, form) = draft();
    for state in [
        ShareState::Design(design_with_labels()),
        ShareState::Plan(plan_with_avoid_and_nat()),
        ShareState::PlanDraft { fitted, form },
    ] {
        let link = encode(&state);
        assert!(link.starts_with("v2."), "{link}");
        assert_eq!(decode(&link).unwrap(), state);
    }
}
