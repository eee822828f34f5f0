//! Property tests of the planner: allocator invariants on random plans, the exact fit rule,
//! determinism, diagram geometry, JSON round trips and hostile JSON.

mod plan_support;

use cidrplan::plan::diagram::diagram;
use cidrplan::plan::{from_json, to_json, Plan, PlanError, Strategy as Arrangement};
use plan_support::{check_diagram, check_layout, plan_strategy};
use proptest::prelude::*;

/// Addresses the plan's top-level blocks need, computed independently of the allocator: with
/// one VPC block and no pins a plan must fit exactly when this is at most the block's size.
fn demand(plan: &Plan) -> u128 {
    let size = |p: u8| 1u128 << (32 - p);
    let pow2 = |x: u128| if x == 0 { 0 } else { x.next_power_of_two() };
    let prefix = |t: &cidrplan::plan::Tier| t.size.resolve(plan.provider).unwrap().prefix;
    let zones = plan.zones.len() as u128;
    let extra = plan.growth.extra_zones as u128;
    let spare = plan.growth.spare_per_zone.map(size).unwrap_or(0);
    match plan.strategy {
        Arrangement::ZoneMajor => {
            let content: u128 = plan.tiers.iter().filter(|t| t.per_zone).map(|t| size(prefix(t))).sum::<u128>() + spare;
            let zone_blocks = if content > 0 { pow2(content) * (zones + extra) } else { 0 };
            zone_blocks + plan.tiers.iter().filter(|t| !t.per_zone).map(|t| size(prefix(t))).sum::<u128>()
        }
        Arrangement::TierMajor => {
            let tiers: u128 = plan
                .tiers
                .iter()
                .map(|t| if t.per_zone { pow2((zones + extra) * size(prefix(t))) } else { size(prefix(t)) })
                .sum();
            tiers + pow2((zones + extra) * spare)
        }
    }
}

fn laid_out(plan: &Plan) -> Result<cidrplan::plan::Layout, PlanError> {
    let first = plan.layout();
    // Deterministic: the same plan gives the same answer, down to the message.
    assert_eq!(first, plan.clone().layout());
    first
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn layouts_keep_every_invariant(plan in plan_strategy(true)) {
        match laid_out(&plan) {
            Ok(l) => check_layout(&plan, &l),
            Err(PlanError::DoesNotFit { message }) => {
                prop_assert!(message.contains(" need") && message.contains(" — "), "{}", message);
            }
            Err(PlanError::Field { field, message }) => {
                prop_assert!(!field.is_empty() && !message.is_empty());
                prop_assert!(plan.validate().iter().any(|p| p.field == field));
            }
            Err(PlanError::Limit { message }) => prop_assert!(!message.is_empty()),
        }
    }

    #[test]
    fn a_plan_fits_exactly_when_its_blocks_add_up(plan in plan_strategy(false)) {
        let plan = Plan { vpc: plan.vpc[..1].to_vec(), ..plan };
        prop_assume!(plan.validate().is_empty());
        let need = demand(&plan);
        let have = plan.vpc[0].size().as_u128().unwrap();
        match laid_out(&plan) {
            Ok(l) => {
                prop_assert!(need <= have, "laid out {} into {}", need, have);
                check_layout(&plan, &l);
            }
            Err(PlanError::DoesNotFit { message }) => {
                prop_assert!(need > have, "refused {} addresses in {}: {}", need, have, message);
                // Every suggestion offered was checked: applying "a /N VPC" works.
                if let Some(rest) = message.split(" — use a /").nth(1) {
                    if let Some(p) = rest.split(' ').next().and_then(|x| x.parse::<u8>().ok()) {
                        let mut bigger = plan.clone();
                        bigger.vpc[0] = plan.vpc[0].supernet(p).unwrap();
                        prop_assert!(bigger.layout().is_ok(), "{}", message);
                    }
                }
            }
            Err(e) => prop_assert!(false, "unexpected {:?}", e),
        }
    }

    #[test]
    fn diagrams_keep_their_geometry(plan in plan_strategy(true), width in 200.0f64..1800.0) {
        if let Ok(l) = plan.layout() {
            let d = diagram(&plan, &l, width);
            check_diagram(&plan, &l, &d);
            let svg = cidrplan::plan::diagram::to_svg(&d, width > 1000.0);
            prop_assert!(svg.ends_with("</svg>\n"));
        }
    }

    #[test]
    fn json_round_trips(plan in plan_strategy(true), name in "[^\\p{Cc}\\p{Cf}]{0,20}") {
        let plan = Plan { name, ..plan };
        prop_assert_eq!(from_json(&to_json(&plan)), Ok(plan));
    }

    #[test]
    fn hostile_json_never_panics(text in ".{0,200}") {
        let _ = from_json(&text);
    }

    #[test]
    fn damaged_json_never_panics(plan in plan_strategy(true), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..6)) {
        let mut chars: Vec<char> = to_json(&plan).chars().collect();
        for (at, c) in edits {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        let text: String = chars.into_iter().collect();
        if let Ok(p) = from_json(&text) {
            // Whatever loads can be validated and laid out without panicking.
            let _ = p.validate();
            if let Ok(l) = p.layout() {
                check_layout(&p, &l);
                let _ = diagram(&p, &l, 600.0);
            }
        }
    }
}
