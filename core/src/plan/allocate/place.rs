//! Placement: the plan's pieces into the VPC's free space, groups first (steps 2–5 of the
//! module docs), and whether a changed plan fits (for the remedies).

use super::pieces::*;
use crate::addr::Cidr;
use crate::ops;
use crate::parse::covering;
use crate::plan::check;
use crate::plan::explain::{capitalise, group_failure, member_failure, remain_text};
use crate::plan::model::{Plan, Sizing, Strategy};
use crate::plan::warning::{Dissolved, Warning};
use crate::sort::sort_few_by_key;

/// Build the groups and loose pieces of `plan` under its strategy; tier-major blocks have room
/// for `capacity` zones (see the module docs).
pub(crate) fn build(plan: &Plan, sz: &[Sizing], capacity: usize) -> (Vec<Group>, Vec<Member>) {
    let zones = plan.zones.len();
    let extra = plan.growth.extra_zones as usize;
    let pin_of = |t: usize, z: Option<usize>| plan.pinned.iter().find(|p| p.tier == t && p.zone == z).map(|p| p.cidr);
    let mut seq = 0usize;
    let mut member = |piece: Piece, prefix: u8, pin: Option<Cidr>| {
        seq += 1;
        Member { piece, prefix, pin, seq }
    };
    let mut groups = Vec::new();
    let mut loose = Vec::new();
    match plan.strategy {
        Strategy::ZoneMajor => {
            let per_zone: Vec<usize> = (0..plan.tiers.len()).filter(|&t| plan.tiers[t].per_zone).collect();
            let mut content = 0u128;
            for z in 0..zones {
                let mut members: Vec<Member> = per_zone
                    .iter()
                    .map(|&t| member(Piece::Subnet { tier: t, zone: Some(z) }, sz[t].prefix, pin_of(t, Some(z))))
                    .collect();
                if let Some(p) = plan.growth.spare_per_zone {
                    members.push(member(Piece::Spare { zone: z }, p, None));
                }
                content = members.iter().map(Member::size).sum();
                if let Some(first) = members.first() {
                    let seq = first.seq;
                    groups.push(Group { key: GroupKey::Zone(z), members, seq, min: 0 });
                }
            }
            if let Some(p) = block_prefix(content) {
                for k in 0..extra {
                    loose.push(member(Piece::ZoneBlock { zone: zones + k }, p, None));
                }
            }
            for t in (0..plan.tiers.len()).filter(|&t| !plan.tiers[t].per_zone) {
                loose.push(member(Piece::Subnet { tier: t, zone: None }, sz[t].prefix, pin_of(t, None)));
            }
        }
        Strategy::TierMajor => {
            for (t, tier) in plan.tiers.iter().enumerate() {
                let p = sz[t].prefix;
                let (members, min): (Vec<Member>, u128) = if tier.per_zone {
                    let mut m: Vec<Member> = (0..zones)
                        .map(|z| member(Piece::Subnet { tier: t, zone: Some(z) }, p, pin_of(t, Some(z))))
                        .collect();
                    m.extend((0..extra).map(|k| member(Piece::ZoneSlot { tier: t, zone: zones + k }, p, None)));
                    (m, capacity as u128 * prefix_size(p))
                } else {
                    (vec![member(Piece::Subnet { tier: t, zone: None }, p, pin_of(t, None))], 0)
                };
                let seq = members.first().map_or(0, |m| m.seq);
                groups.push(Group { key: GroupKey::Tier(t), members, seq, min });
            }
            if let Some(p) = plan.growth.spare_per_zone {
                let members: Vec<Member> =
                    (0..zones + extra).map(|z| member(Piece::Spare { zone: z }, p, None)).collect();
                let seq = members.first().map_or(0, |m| m.seq);
                groups.push(Group { key: GroupKey::Spare, members, seq, min: capacity as u128 * prefix_size(p) });
            }
        }
    }
    (groups, loose)
}

/// Place `members` (pins already carved) largest first into `space`.
pub(crate) fn place_members(
    space: &mut Space,
    members: &[Member],
    out: &mut Vec<(Piece, Cidr, usize, bool)>,
) -> Result<(), Member> {
    let mut order: Vec<&Member> = members.iter().filter(|m| m.pin.is_none()).collect();
    sort_few_by_key(&mut order, |m| (m.prefix, m.seq));
    for m in order {
        match space.take(m.prefix) {
            Some((bi, c)) => out.push((m.piece, c, bi, false)),
            None => return Err(*m),
        }
    }
    Ok(())
}

/// The VPC blocks minus the IPv4 networks to avoid: where anything may be placed, each part
/// tagged with its VPC block.
pub(crate) fn open_space(plan: &Plan) -> Vec<(usize, Cidr)> {
    let mut out = Vec::new();
    for (bi, &b) in plan.vpc.iter().enumerate() {
        let holes: Vec<Cidr> = plan.avoid.iter().map(|a| a.cidr).filter(|a| a.overlaps(b)).collect();
        out.extend(ops::exclude(b, &holes).unwrap_or_default().into_iter().map(|c| (bi, c)));
    }
    out
}

/// Zones each tier-major block has room for at least: the zones and growth zones, rounded up.
pub(crate) fn capacity_needed(plan: &Plan) -> usize {
    (plan.zones.len() + plan.growth.extra_zones as usize).max(1).next_power_of_two()
}

/// Lay out the pieces. The plan has passed validation. Tier-major tries the capacities from
/// the most room down (see the module docs); a plan that does not fit at the least room does
/// not fit at all, and its failure is the one explained.
pub(crate) fn place(plan: &Plan) -> Result<Placement, Failure> {
    if plan.strategy == Strategy::ZoneMajor {
        return place_with(plan, 0);
    }
    let need = capacity_needed(plan);
    let tight = place_with(plan, need)?;
    let most = need.max(crate::plan::model::MAX_ZONES.next_power_of_two());
    let mut capacity = most;
    while capacity > need {
        if let Ok(roomy) = place_with(plan, capacity) {
            // Room for growth, but not at the price of another VPC block or a broken tier block.
            if roomy.last_block() <= tight.last_block() && roomy.dissolved <= tight.dissolved {
                return Ok(roomy);
            }
        }
        capacity /= 2;
    }
    Ok(tight)
}

/// [`place`] at one tier-major capacity (ignored in zone-major).
pub(crate) fn place_with(plan: &Plan, capacity: usize) -> Result<Placement, Failure> {
    let sz = sizes(plan);
    let names = Names { plan, suffixes: plan.zone_suffixes() };
    let (groups, mut loose) = build(plan, &sz, capacity);
    let mut warnings = Vec::new();
    let mut pieces: Vec<(Piece, Cidr, usize, bool)> = Vec::new();
    let mut blocks: Vec<(GroupKey, Cidr)> = Vec::new();

    // Fixed groups: those with pins.
    let Pinned { fixed, free_groups, dissolved } =
        fix_pinned(plan, &names, groups, &mut loose, &mut warnings, &mut pieces, &mut blocks);

    // Carve the fixed blocks and the loose pins out of the VPC.
    let mut space = Space::new(&open_space(plan));
    for (g, block, _) in &fixed {
        if space.carve(*block).is_none() {
            return Err(Failure {
                head: format!("{} needs {block} around its pinned subnets", capitalise(&names.group(g.key))),
                remain: "that block is already taken".to_string(),
                tier: None,
                zone_related: false,
            });
        }
    }
    let pinned_any = !fixed.is_empty() || loose.iter().any(|m| m.pin.is_some());
    for m in loose.iter().filter(|m| m.pin.is_some()) {
        let Some(p) = m.pin else { continue };
        match space.carve(p) {
            Some(bi) => pieces.push((m.piece, p, bi, true)),
            None => {
                return Err(Failure {
                    head: format!("pinned subnet {} {p}", names.piece(m.piece)),
                    remain: "overlaps another block of the plan".to_string(),
                    tier: None,
                    zone_related: false,
                })
            }
        }
    }

    // Everything else, largest first.
    enum Top {
        Group(Group),
        Loose(Member),
    }
    let mut top: Vec<(u8, u8, usize, Top)> = Vec::new();
    for g in free_groups {
        let need = group_need(&g);
        let Some(prefix) = block_prefix(need) else {
            return Err(group_failure(
                plan,
                &names,
                &g,
                need,
                None,
                String::from("the whole IPv4 space has 4,294,967,296"),
            ));
        };
        let rank = if g.key == GroupKey::Spare { 2 } else { 0 };
        top.push((prefix, rank, g.seq, Top::Group(g)));
    }
    for m in loose.iter().filter(|m| m.pin.is_none()) {
        let rank = if matches!(m.piece, Piece::ZoneBlock { .. }) { 2 } else { 1 };
        top.push((m.prefix, rank, m.seq, Top::Loose(*m)));
    }
    // One sort (one compiled copy): tier-major by declaration order alone.
    let by_order = plan.strategy == Strategy::TierMajor;
    sort_few_by_key(&mut top, |(p, r, s, _)| if by_order { (0, 0, *s) } else { (*p, *r, *s) });
    let mut done: Vec<String> = Vec::new();
    let mut inner_work: Vec<(Group, Cidr, usize)> = Vec::new();
    for (prefix, _, _, item) in top {
        let got = space.take(prefix);
        let remain = || remain_text(plan, &space, &done, pinned_any, prefix);
        match item {
            Top::Group(g) => match got {
                Some((bi, c)) => {
                    done.push(names.group(g.key));
                    blocks.push((g.key, c));
                    inner_work.push((g, c, bi));
                }
                None => return Err(group_failure(plan, &names, &g, group_need(&g), Some(prefix), remain())),
            },
            Top::Loose(m) => match got {
                Some((bi, c)) => {
                    done.push(names.piece(m.piece));
                    pieces.push((m.piece, c, bi, false));
                }
                None => return Err(member_failure(plan, &names, &m, remain())),
            },
        }
    }
    for (g, c, bi) in inner_work {
        let mut inner = Space::new(&[(bi, c)]);
        if let Err(m) = place_members(&mut inner, &g.members, &mut pieces) {
            // Power-of-two sizes largest first always pack into their sum; this is a bug guard.
            return Err(Failure {
                head: format!("internal error: {} did not fit in {c}", names.piece(m.piece)),
                remain: String::new(),
                tier: None,
                zone_related: false,
            });
        }
    }
    let capacity = (plan.strategy == Strategy::TierMajor).then_some(capacity);
    Ok(Placement { pieces, blocks, warnings, dissolved, capacity })
}

/// Groups after step 3 of the module docs: those fixed to a block around their pins (with the
/// block and its VPC block index), those without pins, and how many were dissolved.
struct Pinned {
    fixed: Vec<(Group, Cidr, usize)>,
    free_groups: Vec<Group>,
    dissolved: usize,
}

/// Step 3: fix each group with pins to the smallest block holding them, placing its other
/// members around them; or dissolve it into `loose`, with a warning saying why.
fn fix_pinned(
    plan: &Plan,
    names: &Names,
    groups: Vec<Group>,
    loose: &mut Vec<Member>,
    warnings: &mut Vec<Warning>,
    pieces: &mut Vec<(Piece, Cidr, usize, bool)>,
    blocks: &mut Vec<(GroupKey, Cidr)>,
) -> Pinned {
    let mut out = Pinned { fixed: Vec::new(), free_groups: Vec::new(), dissolved: 0 };
    for g in groups {
        let pins: Vec<Cidr> = g.members.iter().filter_map(|m| m.pin).collect();
        if pins.is_empty() {
            out.free_groups.push(g);
            continue;
        }
        let placed = pinned_block(plan, names, &g, &pins, &out.fixed).and_then(|(block, bi)| {
            let mut inner = Space::new(&[(bi, block)]);
            let mut placed = Vec::new();
            for m in &g.members {
                if let Some(p) = m.pin {
                    inner.carve(p);
                    placed.push((m.piece, p, bi, true));
                }
            }
            match place_members(&mut inner, &g.members, &mut placed) {
                Ok(()) => Ok((block, bi, placed)),
                Err(m) => Err(Dissolved::NoRoom { block, member: names.piece(m.piece) }),
            }
        });
        match placed {
            Ok((block, bi, placed)) => {
                pieces.extend(placed);
                blocks.push((g.key, block));
                out.fixed.push((g, block, bi));
            }
            Err(why) => {
                out.dissolved += 1;
                warnings.push(Warning::NotOneBlock { group: names.group(g.key), why });
                loose.extend(g.members);
            }
        }
    }
    out
}

/// The block group `g` is fixed to around its `pins` (non-empty), with its VPC block's
/// index; or why it cannot be one block: too large, pins too far apart, outside one VPC
/// block, or overlapping a block fixed before, another pin or a network to avoid.
fn pinned_block(
    plan: &Plan,
    names: &Names,
    g: &Group,
    pins: &[Cidr],
    fixed: &[(Group, Cidr, usize)],
) -> Result<(Cidr, usize), Dissolved> {
    let first = pins.iter().map(|p| p.network()).min().unwrap_or(pins[0].network());
    let last = pins.iter().map(|p| p.last()).max().unwrap_or(pins[0].last());
    let cover = covering(first, last);
    let prefix = block_prefix(group_need(g)).ok_or(Dissolved::TooLarge)?;
    if cover.prefix() < prefix {
        return Err(Dissolved::PinsApart { pins: pins.to_vec(), prefix });
    }
    let block = cover.supernet(prefix).ok_or(Dissolved::NoBlock { cover })?;
    let bi = plan.vpc.iter().position(|v| v.contains(block)).ok_or(Dissolved::OutsideVpc { block })?;
    if let Some((other, ob, _)) = fixed.iter().find(|(_, b, _)| b.overlaps(block)) {
        return Err(Dissolved::OverlapsGroup { block, other: names.group(other.key), other_block: *ob });
    }
    if let Some(p) = plan.pinned.iter().find(|p| p.cidr.overlaps(block) && !pins.contains(&p.cidr)) {
        return Err(Dissolved::OverlapsPin { block, pin: p.cidr });
    }
    if let Some(ai) = plan.avoid.iter().position(|a| a.cidr.overlaps(block)) {
        return Err(Dissolved::OverlapsAvoid { block, avoid: check::avoid_name(plan, ai) });
    }
    Ok((block, bi))
}

/// Whether `plan` is valid and lays out (used to test suggestions). Tier-major fits exactly
/// when it fits at its least capacity, so one placement answers.
pub(crate) fn fits(plan: &Plan) -> bool {
    let capacity = match plan.strategy {
        Strategy::ZoneMajor => 0,
        Strategy::TierMajor => capacity_needed(plan),
    };
    check::validate(plan).is_empty() && check::limit_problem(plan).is_none() && place_with(plan, capacity).is_ok()
}
