//! Assembly: a placement becomes the [`Layout`]: subnets in table order with their usable
//! counts and IPv6 /64s, reservations, summaries, free and avoided space, warnings.

use super::pieces::*;
use super::{AvoidedSpace, GroupSummary, Layout, PlannedSubnet, Reservation, ReservationKind};
use crate::addr::{Cidr, Count, Family};
use crate::ops;
use crate::plan::check;
use crate::plan::model::{Plan, Strategy};
use crate::plan::warning::Warning;
use crate::sort::sort_few_by_key;

/// The `/64` number of each subnet: with 256 or more /64s in the block and at most 16 tiers,
/// one hex digit for the zone and one for the tier (zone-major `zone·16 + tier`, single-subnet
/// tiers in zone `f`; tier-major `tier·16 + zone`); otherwise the subnet's position in the
/// layout (a tier past the 16th has no hex digit of its own).
pub(crate) fn ipv6_netnum(plan: &Plan, block: Cidr, position: usize, tier: usize, zone: Option<usize>) -> u128 {
    let structured = block.prefix() <= 56 && plan.tiers.len() <= 16;
    if !structured {
        return position as u128;
    }
    let (t, z) = (tier as u128 & 0xf, zone.map(|z| z as u128 & 0xf));
    match plan.strategy {
        Strategy::ZoneMajor => z.unwrap_or(0xf) * 16 + t,
        Strategy::TierMajor => t * 16 + z.unwrap_or(0),
    }
}

/// The layout of a placement: subnets in table order, reservations, summaries, free and
/// avoided space with their counts, overlaps and warnings.
pub(crate) fn assemble(plan: &Plan, mut placed: Placement) -> Layout {
    let names = Names { plan, suffixes: plan.zone_suffixes() };
    let mut warnings = crate::plan::warning::warnings(plan);
    warnings.append(&mut placed.warnings);
    let subnets = subnets(plan, &placed, &names, &mut warnings);
    let reserved = reservations(plan, &placed, &names);
    let block_of = |k: GroupKey| placed.blocks.iter().find(|(g, _)| *g == k).map(|(_, c)| *c);
    let exact = |f: &dyn Fn(&PlannedSubnet) -> bool| {
        ops::aggregate(&subnets.iter().filter(|s| f(s)).map(|s| s.cidr).collect::<Vec<_>>())
    };
    let zone_summaries = (0..plan.zones.len())
        .map(|z| GroupSummary {
            name: plan.zones[z].clone(),
            block: block_of(GroupKey::Zone(z)),
            exact: exact(&|s: &PlannedSubnet| s.zone == Some(z)),
        })
        .collect();
    let tier_summaries = (0..plan.tiers.len())
        .map(|t| GroupSummary {
            name: plan.tiers[t].name.clone(),
            block: block_of(GroupKey::Tier(t)),
            exact: exact(&|s: &PlannedSubnet| s.tier == t),
        })
        .collect();
    let avoided = avoided_space(plan);
    let free = free_space(plan, &subnets, &reserved, &avoided);
    Layout {
        overlaps: check::overlaps(plan),
        suggestions: check::suggestions(plan),
        total_addresses: addresses(plan.vpc.iter().copied()),
        used_addresses: addresses(subnets.iter().map(|s| s.cidr)),
        reserved_addresses: addresses(reserved.iter().map(|r| r.cidr)),
        avoided_addresses: addresses(avoided.iter().map(|a| a.cidr)),
        free_addresses: addresses(free.iter().copied()),
        subnets,
        reserved,
        zone_summaries,
        tier_summaries,
        spare_block: block_of(GroupKey::Spare),
        free,
        avoided,
        tier_capacity: placed.capacity,
        warnings,
    }
}

/// How many addresses `cidrs` hold together.
fn addresses(cidrs: impl Iterator<Item = Cidr>) -> Count {
    cidrs.fold(Count::ZERO, |n, c| n.saturating_add(c.size()))
}

/// Each subnet's tier and zone in table order: zone-major zone by zone (tiers in plan order,
/// then single-subnet tiers); tier-major tier by tier, zones in order.
fn table_order(plan: &Plan) -> Vec<(usize, Option<usize>)> {
    let mut order: Vec<(usize, Option<usize>)> = Vec::new();
    match plan.strategy {
        Strategy::ZoneMajor => {
            for z in 0..plan.zones.len() {
                order.extend((0..plan.tiers.len()).filter(|&t| plan.tiers[t].per_zone).map(|t| (t, Some(z))));
            }
            order.extend((0..plan.tiers.len()).filter(|&t| !plan.tiers[t].per_zone).map(|t| (t, None)));
        }
        Strategy::TierMajor => {
            for (t, tier) in plan.tiers.iter().enumerate() {
                if tier.per_zone {
                    order.extend((0..plan.zones.len()).map(|z| (t, Some(z))));
                } else {
                    order.push((t, None));
                }
            }
        }
    }
    order
}

/// The placed subnets in table order with their usable counts, headroom and IPv6 /64s; a
/// pinned subnet smaller than its tier asks adds a warning.
fn subnets(plan: &Plan, placed: &Placement, names: &Names, warnings: &mut Vec<Warning>) -> Vec<PlannedSubnet> {
    let sz = sizes(plan);
    let find = |piece: Piece| placed.pieces.iter().find(|(p, ..)| *p == piece).copied();
    let order = table_order(plan);
    let mut subnets = Vec::with_capacity(order.len());
    for (tier, zone) in order {
        let Some((_, cidr, block_index, pinned)) = find(Piece::Subnet { tier, zone }) else { continue };
        let usable = plan.provider.usable(cidr);
        let hosts = sz[tier].hosts;
        let headroom = hosts.map(|h| {
            (usable.as_u128().unwrap_or(0) as i128 - h as i128).clamp(i64::MIN as i128, i64::MAX as i128) as i64
        });
        let name = names.subnet(tier, zone);
        if let (Some(h), true) = (hosts, pinned) {
            if usable.as_u128().is_some_and(|u| u < h as u128) {
                warnings.push(Warning::PinnedTooSmall {
                    name: name.clone(),
                    cidr,
                    usable,
                    tier: names.tier(tier),
                    hosts: h,
                });
            }
        }
        subnets.push(PlannedSubnet {
            name,
            tier,
            zone,
            cidr,
            block_index,
            pinned,
            ipv6: None,
            usable,
            hosts,
            headroom,
        });
    }
    if let Some(v6) = plan.ipv6 {
        let sub = check::limits(plan.provider).ipv6_subnet_prefix;
        if v6.block.family() == Family::V6 && v6.block.prefix() <= sub {
            let newbits = sub - v6.block.prefix();
            for (i, s) in subnets.iter_mut().enumerate() {
                s.ipv6 = ops::cidrsubnet(v6.block, newbits, ipv6_netnum(plan, v6.block, i, s.tier, s.zone)).ok();
            }
        }
    }
    subnets
}

/// The growth reservations (spare blocks, growth zones' blocks or slots), by address.
fn reservations(plan: &Plan, placed: &Placement, names: &Names) -> Vec<Reservation> {
    let mut reserved: Vec<Reservation> = placed
        .pieces
        .iter()
        .filter_map(|&(piece, cidr, block_index, _)| {
            let (kind, zone, tier) = match piece {
                Piece::Subnet { .. } => return None,
                Piece::Spare { zone } => (ReservationKind::Spare, zone, None),
                Piece::ZoneSlot { tier, zone } => (ReservationKind::ExtraZone, zone, Some(tier)),
                Piece::ZoneBlock { zone } => (ReservationKind::ExtraZone, zone, None),
            };
            let label = match piece {
                Piece::Spare { zone } => format!("spare · {}", plan.zone_label(zone)),
                Piece::ZoneSlot { tier, zone } => format!("{} · {}", names.tier(tier), plan.zone_label(zone)),
                _ => plan.zone_label(zone),
            };
            Some(Reservation { label, kind, zone, tier, cidr, block_index })
        })
        .collect();
    sort_few_by_key(&mut reserved, |r| r.cidr);
    reserved
}

/// The VPC blocks minus subnets, reservations and avoided space, by address.
fn free_space(plan: &Plan, subnets: &[PlannedSubnet], reserved: &[Reservation], avoided: &[AvoidedSpace]) -> Vec<Cidr> {
    let mut free = Vec::new();
    for (bi, &b) in plan.vpc.iter().enumerate() {
        let taken: Vec<Cidr> = subnets
            .iter()
            .filter(|s| s.block_index == bi)
            .map(|s| s.cidr)
            .chain(reserved.iter().filter(|r| r.block_index == bi).map(|r| r.cidr))
            .chain(avoided.iter().filter(|a| a.block_index == bi).map(|a| a.cidr))
            .collect();
        free.extend(ops::exclude(b, &taken).unwrap_or_default());
    }
    free.sort();
    free
}

/// The parts of the VPC blocks inside networks to avoid, disjoint (a part two of them share
/// belongs to the first listed), by address.
pub(crate) fn avoided_space(plan: &Plan) -> Vec<AvoidedSpace> {
    let mut out: Vec<AvoidedSpace> = Vec::new();
    for (bi, &b) in plan.vpc.iter().enumerate() {
        for (ai, a) in plan.avoid.iter().enumerate() {
            if !a.cidr.overlaps(b) {
                continue;
            }
            // Of two overlapping blocks one holds the other.
            let part = if a.cidr.contains(b) { b } else { a.cidr };
            let earlier: Vec<Cidr> =
                out.iter().filter(|x| x.block_index == bi && x.cidr.overlaps(part)).map(|x| x.cidr).collect();
            let new = if earlier.is_empty() { vec![part] } else { ops::exclude(part, &earlier).unwrap_or_default() };
            out.extend(new.into_iter().map(|cidr| AvoidedSpace {
                cidr,
                block_index: bi,
                avoid_index: ai,
                label: a.label.clone(),
            }));
        }
    }
    sort_few_by_key(&mut out, |a| a.cidr);
    out
}
