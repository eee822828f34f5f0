//! Property tests of the planner: allocator invariants on random plans (networks to avoid
//! included), the exact fit rule, determinism, what growing a plan moves, diagram geometry,
//! JSON round trips and hostile JSON.

mod plan_support;

use cidrplan::plan::diagram::diagram;
use cidrplan::plan::{
    from_json, moved_subnets, to_json, Layout, Plan, PlanError, Strategy as Arrangement, Tier, TierKind, TierSize,
};
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

/// `plan` grown at the end: one more zone (`zone`) or one more /26 tier.
fn grown(plan: &Plan, zone: bool) -> Option<Plan> {
    let mut next = plan.clone();
    if zone {
        if next.zones.len() >= cidrplan::plan::MAX_ZONES {
            return None;
        }
        next.add_zone();
    } else {
        next.tiers.push(Tier::new("grown", TierKind::Private, TierSize::Prefix(26)));
    }
    Some(next)
}

/// The (tier, zone) of every subnet whose block or /64 differs, computed without
/// `moved_subnets`.
fn differing(before: &Layout, after: &Layout) -> Vec<(usize, Option<usize>)> {
    before
        .subnets
        .iter()
        .filter(|s| {
            !after.subnets.iter().any(|n| n.tier == s.tier && n.zone == s.zone && n.cidr == s.cidr && n.ipv6 == s.ipv6)
        })
        .map(|s| (s.tier, s.zone))
        .collect()
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
            Err(PlanError::DoesNotFit { message, .. }) => {
                prop_assert!(message.contains(" need") && message.contains(" — "), "{}", message);
            }
            Err(PlanError::Field { field, message }) => {
                prop_assert!(!message.is_empty());
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
            Err(PlanError::DoesNotFit { message, remedies }) => {
                prop_assert!(need > have, "refused {} addresses in {}: {}", need, have, message);
                // Every remedy offered was checked: applying it lays out, and the advice
                // names each one.
                for r in &remedies {
                    prop_assert!(r.applied(&plan).layout().is_ok(), "{:?} of {}", r, message);
                    prop_assert!(message.contains(&r.to_string()), "{} not in {}", r, message);
                }
            }
            Err(e) => prop_assert!(false, "unexpected {:?}", e),
        }
    }

    /// "Kept" (no move listed) means every existing subnet is where it was, and every listed
    /// move is a real one.
    #[test]
    fn growing_a_plan_reports_exactly_the_subnets_it_moves(plan in plan_strategy(true), zone in any::<bool>()) {
        let (Ok(before), Some(next)) = (plan.layout(), grown(&plan, zone)) else { return Ok(()) };
        let Ok(after) = next.layout() else { return Ok(()) };
        let moves = moved_subnets(&before, &after);
        let listed: Vec<(usize, Option<usize>)> = moves.iter().map(|m| (m.tier, m.zone)).collect();
        let mut expected = differing(&before, &after);
        expected.sort();
        let mut sorted = listed.clone();
        sorted.sort();
        prop_assert_eq!(sorted, expected);
        for m in &moves {
            prop_assert!(m.from != m.to || m.ipv6_from != m.ipv6_to);
        }
    }

    /// Tier-major with room to spare in its tier blocks adds a zone without moving anything,
    /// and a tier at the end never moves the tiers before it while the room stays the same.
    #[test]
    fn tier_major_grows_in_place(plan in plan_strategy(true), zone in any::<bool>()) {
        let mut plan = plan;
        plan.strategy = Arrangement::TierMajor;
        // Pins may break a tier's block into single subnets, which then move like any.
        plan.pinned.clear();
        let (Ok(before), Some(next)) = (plan.layout(), grown(&plan, zone)) else { return Ok(()) };
        let capacity = before.tier_capacity.unwrap();
        let used = plan.zones.len() + plan.growth.extra_zones as usize;
        match next.layout() {
            Ok(after) if zone && capacity > used => prop_assert_eq!(differing(&before, &after), vec![]),
            Ok(after) if !zone && after.tier_capacity == Some(capacity) => {
                prop_assert_eq!(differing(&before, &after), vec![])
            }
            Err(e) if zone && capacity > used => prop_assert!(false, "a zone with room did not fit: {}", e),
            _ => {}
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
