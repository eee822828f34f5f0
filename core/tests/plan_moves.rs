//! Existing subnets stay where they are when the plan grows: tier-major keeps room for more
//! zones in every tier's block and places tiers in plan order; when a change does move
//! subnets, `moved_subnets` lists them so the UI can ask first.

mod plan_support;

use cidrplan::plan::{moved_subnets, moves_message, preset, Layout, Plan, Strategy, TierKind, TierSize};
use plan_support::{check_layout, net, tier};

fn aws_3az(strategy: Strategy) -> Plan {
    let mut plan = preset("aws-3az").unwrap();
    plan.strategy = strategy;
    plan
}

fn laid_out(plan: &Plan) -> Layout {
    let l = plan.layout().unwrap_or_else(|e| panic!("{e}"));
    check_layout(plan, &l);
    l
}

/// Every subnet of `before` at the same CIDR in `after`, checked without `moved_subnets`.
fn assert_kept(before: &Layout, after: &Layout, what: &str) {
    for s in &before.subnets {
        let now = after.subnets.iter().find(|n| n.tier == s.tier && n.zone == s.zone).expect("still there");
        assert_eq!((now.cidr, now.ipv6), (s.cidr, s.ipv6), "{what}: {} moved", s.name);
    }
    assert_eq!(moved_subnets(before, after), vec![], "{what}");
}

#[test]
fn tier_major_adds_zones_in_place_up_to_six() {
    let mut plan = aws_3az(Strategy::TierMajor);
    let mut before = laid_out(&plan);
    let blocks: Vec<_> = before.tier_summaries.iter().map(|t| t.block).collect();
    while plan.zones.len() < 6 {
        plan.add_zone();
        let after = laid_out(&plan);
        assert_kept(&before, &after, &format!("zone {}", plan.zones.len()));
        // Still one summary route per tier, the same one.
        assert_eq!(after.tier_summaries.iter().map(|t| t.block).collect::<Vec<_>>(), blocks);
        before = after;
    }
    let names: Vec<String> =
        before.subnets.iter().filter(|s| s.tier == 1).map(|s| format!("{} {}", s.name, s.cidr)).collect();
    assert_eq!(
        names,
        [
            "private-a 10.0.128.0/20",
            "private-b 10.0.144.0/20",
            "private-c 10.0.160.0/20",
            "private-d 10.0.176.0/20",
            "private-e 10.0.192.0/20",
            "private-f 10.0.208.0/20"
        ]
    );
}

#[test]
fn tier_major_adds_tiers_and_blocks_in_place() {
    let mut plan = aws_3az(Strategy::TierMajor);
    let before = laid_out(&plan);
    // A tier at the end goes after the others, whatever its size.
    plan.tiers.push(tier("cache", TierKind::Isolated, TierSize::Prefix(22), true));
    let after = laid_out(&plan);
    assert_kept(&before, &after, "a /22 tier");
    assert_eq!(after.tier_summaries[3].block, Some(net("10.0.32.0/19")));
    // A secondary block adds room without renumbering.
    plan.vpc.push(net("10.1.0.0/16"));
    assert_kept(&after, &laid_out(&plan), "a secondary block");
    // Zone-major too.
    let mut plan = aws_3az(Strategy::ZoneMajor);
    let before = laid_out(&plan);
    plan.vpc.push(net("10.1.0.0/16"));
    assert_kept(&before, &laid_out(&plan), "a secondary block, zone-major");
}

#[test]
fn tier_major_room_follows_the_vpc() {
    // A /16 holds room for 8 zones per tier; a /18 only for the 4 the 3 zones need.
    assert_eq!(laid_out(&aws_3az(Strategy::TierMajor)).tier_capacity, Some(8));
    let mut plan = aws_3az(Strategy::TierMajor);
    plan.vpc = vec![net("10.0.0.0/17")];
    let l = laid_out(&plan);
    assert_eq!(l.tier_capacity, Some(4));
    assert_eq!(l.tier_summaries[1].block, Some(net("10.0.64.0/18")));
    // Room for growth never pushes a tier into a secondary block the plan does not need.
    plan.vpc.push(net("10.1.0.0/17"));
    let with_secondary = laid_out(&plan);
    assert_eq!(with_secondary.tier_capacity, Some(4));
    assert!(with_secondary.subnets.iter().all(|s| s.block_index == 0));
    assert_kept(&l, &with_secondary, "an unneeded secondary block");
    // The fourth zone still fits the 4-zone blocks; the fifth needs 8 and moves subnets to
    // the secondary block, which the comparison lists.
    plan.add_zone();
    let four = laid_out(&plan);
    assert_kept(&with_secondary, &four, "a fourth zone");
    plan.add_zone();
    let five = laid_out(&plan);
    assert_eq!(five.tier_capacity, Some(8));
    let moves = moved_subnets(&four, &five);
    assert!(!moves.is_empty());
    let m = moves_message("Adding us-east-1e", &moves);
    assert!(m.starts_with(&format!("Adding us-east-1e moves {} subnets: ", moves.len())), "{m}");
    assert!(m.contains(&format!("{} {} → {}", moves[0].name, moves[0].from, moves[0].to)), "{m}");
}

#[test]
fn moves_are_listed_with_their_old_and_new_blocks() {
    // Zone-major: a new zone's block takes the place of a single-subnet tier.
    let mut plan = aws_3az(Strategy::ZoneMajor);
    plan.tiers.push(tier("shared", TierKind::Custom, TierSize::Prefix(24), false));
    let before = laid_out(&plan);
    plan.add_zone();
    let after = laid_out(&plan);
    let moves = moved_subnets(&before, &after);
    assert_eq!(moves.len(), 1);
    assert_eq!(
        moves_message("Adding us-east-1d", &moves),
        "Adding us-east-1d moves 1 subnet: shared 10.0.96.0/24 → 10.0.128.0/24"
    );
    // Switching the strategy moves nearly everything; the message lists four and counts the rest.
    let zone_major = laid_out(&aws_3az(Strategy::ZoneMajor));
    let tier_major = laid_out(&aws_3az(Strategy::TierMajor));
    let moves = moved_subnets(&zone_major, &tier_major);
    assert_eq!(moves.len(), 9);
    assert_eq!(
        moves_message("Switching to tier-major", &moves),
        "Switching to tier-major moves 9 subnets: public-a 10.0.16.0/24 → 10.0.0.0/24, public-b 10.0.48.0/24 → 10.0.1.0/24, public-c 10.0.80.0/24 → 10.0.2.0/24, private-a 10.0.0.0/20 → 10.0.128.0/20 and 5 more"
    );
    assert_eq!(moves_message("Nothing", &[]), "");
    // Only a /64 changing is a move too, described by its /64s.
    let mut plan = aws_3az(Strategy::ZoneMajor);
    plan.ipv6 = Some(cidrplan::plan::Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    let before = laid_out(&plan);
    plan.ipv6 = Some(cidrplan::plan::Ipv6Plan { block: net("2600:1f18:abcd:1200::/56") });
    let moves = moved_subnets(&before, &laid_out(&plan));
    assert_eq!(moves.len(), 9);
    assert_eq!(moves[0].describe(), "public-a 2600:1f18:abcd:ef00::/64 → 2600:1f18:abcd:1200::/64");
}
