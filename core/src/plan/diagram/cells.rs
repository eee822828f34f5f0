//! What each box says: the cells of the lanes (subnets, reservations, free remainders) with
//! their text lines, longest first, and the lanes themselves per strategy.

use super::*;
use crate::addr::{Cidr, Count};
use crate::plan::allocate::{Layout, ReservationKind};
use crate::plan::model::{Plan, Strategy};
use crate::sort::sort_few_by_key;
use std::fmt::Write as _;

/// A box before placement: its text lines as alternatives, longest first.
pub(super) struct Cell {
    pub(super) role: Role,
    pub(super) item: BoxItem,
    pub(super) lines: Vec<Vec<String>>,
    pub(super) title: String,
    pub(super) pinned: bool,
    /// Spans the whole row (a tier with one subnet, tier-major).
    pub(super) span: bool,
}

pub(super) struct LaneSpec {
    pub(super) kind: LaneKind,
    pub(super) name: String,
    pub(super) summary: String,
    pub(super) cells: Vec<Cell>,
    pub(super) dashed: bool,
}

pub(super) fn label(x: f64, y: f64, text: &str, max_width: f64, size: f64) -> Option<Label> {
    let text = fit_text(text, max_width, size)?;
    Some(Label { x, y, text, anchor: Anchor::Start, size, bold: false, muted: false, max_width, role: None })
}

pub(super) fn count(c: Count) -> String {
    c.grouped()
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn subnet_cell(plan: &Plan, layout: &Layout, i: usize, span: bool) -> Cell {
    let s = &layout.subnets[i];
    let kind = plan.tiers.get(s.tier).map(|t| t.kind).unwrap_or_default();
    let usable = count(s.usable);
    let mut usable_lines = Vec::new();
    if let Some(h) = s.headroom {
        usable_lines.push(format!("{usable} usable, {h:+} headroom"));
        usable_lines.push(format!("{usable} usable ({h:+})"));
    }
    usable_lines.push(format!("{usable} usable"));
    usable_lines.push(usable.clone());
    let mut lines = vec![vec![s.name.clone()], vec![s.cidr.to_string()], usable_lines];
    if plan.ipv6.is_some() {
        // Shortened from the left: the end of an IPv6 /64 is what tells subnets apart.
        let v6 = s.ipv6.map(|c| c.to_string()).unwrap_or_default();
        let tail = |n: usize| {
            let chars: Vec<char> = v6.chars().collect();
            let cut: String = chars[chars.len().saturating_sub(n)..].iter().collect();
            format!("…{cut}")
        };
        lines.push(vec![v6.clone(), tail(16), tail(11)]);
    }
    let mut title = format!("{} · {} · {} – {} · {usable} usable", s.name, s.cidr, s.cidr.network(), s.cidr.last());
    if let (Some(h), Some(hosts)) = (s.headroom, s.hosts) {
        let _ = write!(title, " for {} hosts ({h:+} headroom)", Count::new(hosts as u128).grouped());
    }
    if let Some(v6) = s.ipv6 {
        let _ = write!(title, " · {v6}");
    }
    if s.pinned {
        title.push_str(" · pinned");
    }
    Cell { role: Role::of(kind), item: BoxItem::Subnet(i), lines, title, pinned: s.pinned, span }
}

/// A growth reservation's box; `lane` says where it is drawn, which decides how much its first
/// line needs to say.
pub(super) fn reservation_cell(plan: &Plan, layout: &Layout, i: usize, lane: LaneKind) -> Cell {
    let r = &layout.reserved[i];
    let zone = plan.zone_label(r.zone);
    let what = match r.kind {
        ReservationKind::Spare => "spare",
        ReservationKind::ExtraZone => "growth",
    };
    let first = match (r.kind, lane) {
        (ReservationKind::Spare, LaneKind::Zone(_)) => vec!["spare".to_string()],
        (ReservationKind::Spare, _) => vec![format!("spare · {zone}"), zone.clone(), "spare".to_string()],
        (ReservationKind::ExtraZone, _) => vec![zone.clone(), "growth".to_string()],
    };
    let size = count(r.cidr.size());
    Cell {
        role: Role::Growth,
        item: BoxItem::Reservation(i),
        lines: vec![first, vec![r.cidr.to_string()], vec![format!("{size} addresses"), size.clone()]],
        title: format!("{what} · {} · {} · {size} addresses reserved", r.label, r.cidr),
        pinned: false,
        span: false,
    }
}

/// The free remainder of `block` once `taken` is removed, as a cell (`None` when nothing is
/// free).
pub(super) fn free_cell(block: Cidr, taken: &[Cidr]) -> Option<Cell> {
    let inside: Vec<Cidr> = taken.iter().copied().filter(|c| block.contains(*c)).collect();
    let free = crate::ops::exclude(block, &inside).ok()?;
    let n = free.iter().fold(Count::ZERO, |a, c| a.saturating_add(c.size()));
    if free.is_empty() {
        return None;
    }
    let blocks = if free.len() == 1 { free[0].to_string() } else { plural(free.len(), "block", "blocks") };
    let list: Vec<String> = free.iter().map(|c| c.to_string()).collect();
    Some(Cell {
        role: Role::Free,
        item: BoxItem::Free,
        lines: vec![vec!["free".to_string()], vec![blocks], vec![format!("{} addresses", count(n)), count(n)]],
        title: format!("free in {block}: {} addresses · {}", count(n), list.join(", ")),
        pinned: false,
        span: false,
    })
}

pub(super) fn summary_text(block: Option<Cidr>, exact: &[Cidr]) -> String {
    match block {
        Some(b) => b.to_string(),
        None if exact.is_empty() => "—".to_string(),
        None => exact.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" "),
    }
}

pub(super) fn lane_specs(plan: &Plan, layout: &Layout) -> Vec<LaneSpec> {
    let mut lanes = Vec::new();
    let taken_all: Vec<Cidr> =
        layout.subnets.iter().map(|s| s.cidr).chain(layout.reserved.iter().map(|r| r.cidr)).collect();
    match plan.strategy {
        Strategy::ZoneMajor => {
            for (z, summary) in layout.zone_summaries.iter().enumerate() {
                let mut cells: Vec<Cell> = (0..layout.subnets.len())
                    .filter(|&i| layout.subnets[i].zone == Some(z))
                    .map(|i| subnet_cell(plan, layout, i, false))
                    .collect();
                cells.extend(
                    (0..layout.reserved.len())
                        .filter(|&i| layout.reserved[i].kind == ReservationKind::Spare && layout.reserved[i].zone == z)
                        .map(|i| reservation_cell(plan, layout, i, LaneKind::Zone(z))),
                );
                if let Some(block) = summary.block {
                    cells.extend(free_cell(block, &taken_all));
                }
                if cells.is_empty() {
                    // Only regional tiers: the zones hold nothing of their own.
                    continue;
                }
                lanes.push(LaneSpec {
                    kind: LaneKind::Zone(z),
                    name: summary.name.clone(),
                    summary: summary_text(summary.block, &summary.exact),
                    cells,
                    dashed: false,
                });
            }
            for (i, r) in layout.reserved.iter().enumerate() {
                if r.kind == ReservationKind::ExtraZone && r.tier.is_none() {
                    lanes.push(LaneSpec {
                        kind: LaneKind::GrowthZone(r.zone),
                        name: r.label.clone(),
                        summary: r.cidr.to_string(),
                        cells: vec![reservation_cell(plan, layout, i, LaneKind::GrowthZone(r.zone))],
                        dashed: true,
                    });
                }
            }
            let singles: Vec<Cell> = (0..layout.subnets.len())
                .filter(|&i| layout.subnets[i].zone.is_none())
                .map(|i| subnet_cell(plan, layout, i, false))
                .collect();
            if !singles.is_empty() {
                let exact = crate::ops::aggregate(
                    &layout.subnets.iter().filter(|s| s.zone.is_none()).map(|s| s.cidr).collect::<Vec<_>>(),
                );
                lanes.push(LaneSpec {
                    kind: LaneKind::AllZones,
                    name: "All zones".to_string(),
                    summary: summary_text(None, &exact),
                    cells: singles,
                    dashed: false,
                });
            }
        }
        Strategy::TierMajor => {
            for (t, summary) in layout.tier_summaries.iter().enumerate() {
                let per_zone = plan.tiers.get(t).is_some_and(|x| x.per_zone);
                let mut cells: Vec<Cell> = (0..layout.subnets.len())
                    .filter(|&i| layout.subnets[i].tier == t)
                    .map(|i| subnet_cell(plan, layout, i, !per_zone))
                    .collect();
                let mut slots: Vec<usize> =
                    (0..layout.reserved.len()).filter(|&i| layout.reserved[i].tier == Some(t)).collect();
                sort_few_by_key(&mut slots, |&i| layout.reserved[i].zone);
                cells.extend(slots.into_iter().map(|i| reservation_cell(plan, layout, i, LaneKind::Tier(t))));
                if let (Some(block), true) = (summary.block, per_zone) {
                    cells.extend(free_cell(block, &taken_all));
                }
                let kind = plan.tiers.get(t).map(|x| x.kind.label()).unwrap_or_default();
                let name = summary.name.trim();
                lanes.push(LaneSpec {
                    kind: LaneKind::Tier(t),
                    name: if name.eq_ignore_ascii_case(kind) { name.to_string() } else { format!("{name} · {kind}") },
                    summary: summary_text(summary.block, &summary.exact),
                    cells,
                    dashed: false,
                });
            }
            if let Some(block) = layout.spare_block {
                let mut spares: Vec<usize> =
                    (0..layout.reserved.len()).filter(|&i| layout.reserved[i].kind == ReservationKind::Spare).collect();
                sort_few_by_key(&mut spares, |&i| layout.reserved[i].zone);
                let mut cells: Vec<Cell> =
                    spares.into_iter().map(|i| reservation_cell(plan, layout, i, LaneKind::Spare)).collect();
                cells.extend(free_cell(block, &taken_all));
                lanes.push(LaneSpec {
                    kind: LaneKind::Spare,
                    name: "spare".to_string(),
                    summary: block.to_string(),
                    cells,
                    dashed: true,
                });
            }
        }
    }
    lanes
}
