//! Diagram geometry, computed in the core so it is tested natively: the UI maps each rectangle
//! to a `<rect>` and each label to a `<text>`, and [`to_svg`] renders the same geometry as a
//! standalone SVG file.
//!
//! From the top:
//! - a title and a subtitle (provider, region, strategy);
//! - the VPC as a frame holding *lanes*: zone-major, one column per zone holding anything (then
//!   growth zones and an "All zones" column for single-subnet tiers); tier-major, one row per
//!   tier (then the spare row). Each lane has a header (name and summary CIDR) and one box
//!   per subnet, growth reservation and free remainder of its block. Boxes are coloured by tier
//!   kind ([`Role`]); pinned subnets carry a pin mark. At narrow widths zone columns wrap (down to one per row)
//!   and tier rows put their header above their boxes, which wrap too;
//! - the frame's footer: how much of the VPC is free;
//! - the address map: one strip per VPC block, every subnet, reservation, avoided part (hatched,
//!   named by its label) and free gap drawn to scale along the block's addresses, in order,
//!   covering it exactly;
//! - a legend.
//!
//! Text is measured with a fixed estimate for a monospace font ([`text_width`]); a label is only
//! placed where it fits its `max_width` (shortened with "…" when at least a few characters fit).

use super::allocate::{Layout, ReservationKind};
use super::model::{Plan, Strategy, TierKind};
use super::table::block_label;
use crate::addr::{Addr, Cidr, Count};
use crate::sort::sort_few_by_key;
use std::fmt::Write as _;

/// Narrowest diagram drawn; smaller widths are widened to this.
pub const MIN_WIDTH: f64 = 280.0;
/// Widest diagram drawn.
pub const MAX_WIDTH: f64 = 4096.0;

const PAD: f64 = 12.0;
const INSET: f64 = 10.0;
const LANE_PAD: f64 = 8.0;
const GAP: f64 = 8.0;
const FONT: f64 = 12.0;
const SMALL: f64 = 11.0;
const TITLE: f64 = 15.0;
const LINE: f64 = 15.0;
/// Estimated advance of one character, as a fraction of the font size (monospace).
const CHAR_W: f64 = 0.62;
const MIN_LANE_W: f64 = 170.0;
const MIN_BOX_W: f64 = 150.0;
const HEADER_W: f64 = 170.0;
const SIDE_HEADER_MIN: f64 = 520.0;
const STRIP_H: f64 = 26.0;
const SWATCH: f64 = 12.0;
/// The font stack of the SVG export (the width estimate assumes monospace).
pub const FONT_FAMILY: &str = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// `other` lies inside `self` (edges may touch).
    pub fn contains(&self, other: &Rect) -> bool {
        const E: f64 = 1e-6;
        other.x >= self.x - E
            && other.y >= self.y - E
            && other.right() <= self.right() + E
            && other.bottom() <= self.bottom() + E
    }

    /// The interiors intersect (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        const E: f64 = 1e-6;
        self.x < other.right() - E
            && other.x < self.right() - E
            && self.y < other.bottom() - E
            && other.y < self.bottom() - E
    }
}

/// The colour role of a box or segment: a tier kind, growth, space in a network to avoid or
/// free space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Public,
    Private,
    Isolated,
    Custom,
    Growth,
    /// Inside a network to avoid: occupied, drawn hatched.
    Avoided,
    Free,
}

impl Role {
    pub fn of(kind: TierKind) -> Role {
        match kind {
            TierKind::Public => Role::Public,
            TierKind::Private => Role::Private,
            TierKind::Isolated => Role::Isolated,
            TierKind::Custom => Role::Custom,
        }
    }

    /// CSS class: `tier-public`, …, `growth`, `free`.
    pub const fn class(self) -> &'static str {
        match self {
            Role::Public => "tier-public",
            Role::Private => "tier-private",
            Role::Isolated => "tier-isolated",
            Role::Custom => "tier-custom",
            Role::Growth => "growth",
            Role::Avoided => "avoided",
            Role::Free => "free",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Role::Public => "Public",
            Role::Private => "Private",
            Role::Isolated => "Isolated",
            Role::Custom => "Custom",
            Role::Growth => "Growth",
            Role::Avoided => "Avoided",
            Role::Free => "Free",
        }
    }

    /// Drawn with a dashed outline.
    pub const fn dashed(self) -> bool {
        matches!(self, Role::Growth | Role::Free)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// SVG `text-anchor` value.
    pub const fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One line of text. `y` is the baseline; the text fits in `max_width` (by [`text_width`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub anchor: Anchor,
    pub size: f64,
    pub bold: bool,
    /// Secondary text (drawn in the palette's muted colour).
    pub muted: bool,
    /// The room the label was fitted to.
    pub max_width: f64,
    /// Drawn in this role's text colour (inside a box or segment) rather than the page's.
    pub role: Option<Role>,
}

impl Label {
    /// The horizontal extent `(left, right)` by the width estimate.
    pub fn extent(&self) -> (f64, f64) {
        let w = text_width(&self.text, self.size);
        match self.anchor {
            Anchor::Start => (self.x, self.x + w),
            Anchor::Middle => (self.x - w / 2.0, self.x + w / 2.0),
            Anchor::End => (self.x - w, self.x),
        }
    }
}

/// Estimated width of `text` at font size `size`: wide (East Asian, emoji) characters count
/// double.
pub fn text_width(text: &str, size: f64) -> f64 {
    let units: usize = text.chars().map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 }).sum();
    units as f64 * size * CHAR_W
}

/// `text` as it fits in `width`: whole, shortened with "…" (when at least three characters
/// fit), or not at all.
pub fn fit_text(text: &str, width: f64, size: f64) -> Option<String> {
    if text_width(text, size) <= width {
        return Some(text.to_string());
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        next.push('…');
        if text_width(&next, size) > width {
            break;
        }
        out.push(c);
    }
    (out.chars().count() >= 3).then(|| format!("{}…", out.trim_end()))
}

/// What a lane stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    /// A zone column (zone-major), index into `Plan::zones`.
    Zone(usize),
    /// A tier row (tier-major), index into `Plan::tiers`.
    Tier(usize),
    /// The single-subnet tiers (zone-major).
    AllZones,
    /// A growth zone's reserved block (zone-major); the zone index is ≥ the number of zones.
    GrowthZone(usize),
    /// The spare blocks' row (tier-major).
    Spare,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Lane {
    pub rect: Rect,
    pub kind: LaneKind,
    /// Growth lanes are drawn dashed.
    pub dashed: bool,
    /// Name and summary CIDR.
    pub header: Vec<Label>,
}

/// What a box shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoxItem {
    /// Index into `Layout::subnets`.
    Subnet(usize),
    /// Index into `Layout::reserved`.
    Reservation(usize),
    /// The free remainder of a lane's block.
    Free,
}

/// A pin mark: a small filled circle.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Circle {
    pub cx: f64,
    pub cy: f64,
    pub r: f64,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BoxGeom {
    pub rect: Rect,
    pub role: Role,
    pub item: BoxItem,
    /// Name, CIDR, usable hosts (and IPv6), as many as fit.
    pub lines: Vec<Label>,
    /// Everything about the box, for a tooltip (`<title>`).
    pub title: String,
    pub pinned: bool,
    /// The pin mark of a pinned subnet.
    pub pin: Option<Circle>,
}

/// What a strip segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Subnet(usize),
    Reservation(usize),
    /// Index into `Layout::avoided`.
    Avoided(usize),
    Free,
}

/// A stretch of a VPC block on the address map, drawn to scale.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Segment {
    pub x: f64,
    pub w: f64,
    pub kind: SegmentKind,
    pub role: Role,
    pub first: Addr,
    pub last: Addr,
    /// The name, where it fits.
    pub label: Option<Label>,
    pub title: String,
}

/// One VPC block on the address map.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Strip {
    pub rect: Rect,
    pub block: Cidr,
    pub block_index: usize,
    /// In address order, covering the block exactly.
    pub segments: Vec<Segment>,
    /// The block, which one it is and its free space.
    pub caption: Label,
    /// First and last address under the strip (where they fit).
    pub ticks: Vec<Label>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LegendItem {
    pub swatch: Rect,
    pub role: Role,
    pub label: Label,
    /// The pin mark's entry (its swatch holds a pin mark, not a colour).
    pub pin: Option<Circle>,
}

/// The whole drawing. Coordinates are in CSS pixels from the top left.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub title: String,
    /// The VPC.
    pub frame: Rect,
    pub lanes: Vec<Lane>,
    pub boxes: Vec<BoxGeom>,
    /// Title, subtitle, frame caption and footer, "Address map".
    pub labels: Vec<Label>,
    pub strips: Vec<Strip>,
    pub legend: Vec<LegendItem>,
    /// Zone columns wrapped or tier rows narrowed for a small width.
    pub stacked: bool,
}

// ---------------------------------------------------------------------------------------------
// Building.

/// A box before placement: its text lines as alternatives, longest first.
struct Cell {
    role: Role,
    item: BoxItem,
    lines: Vec<Vec<String>>,
    title: String,
    pinned: bool,
    /// Spans the whole row (a tier with one subnet, tier-major).
    span: bool,
}

struct LaneSpec {
    kind: LaneKind,
    name: String,
    summary: String,
    cells: Vec<Cell>,
    dashed: bool,
}

fn label(x: f64, y: f64, text: &str, max_width: f64, size: f64) -> Option<Label> {
    let text = fit_text(text, max_width, size)?;
    Some(Label { x, y, text, anchor: Anchor::Start, size, bold: false, muted: false, max_width, role: None })
}

fn count(c: Count) -> String {
    c.grouped()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn subnet_cell(plan: &Plan, layout: &Layout, i: usize, span: bool) -> Cell {
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
fn reservation_cell(plan: &Plan, layout: &Layout, i: usize, lane: LaneKind) -> Cell {
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
fn free_cell(block: Cidr, taken: &[Cidr]) -> Option<Cell> {
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

fn summary_text(block: Option<Cidr>, exact: &[Cidr]) -> String {
    match block {
        Some(b) => b.to_string(),
        None if exact.is_empty() => "—".to_string(),
        None => exact.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" "),
    }
}

fn lane_specs(plan: &Plan, layout: &Layout) -> Vec<LaneSpec> {
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

fn box_height(plan: &Plan) -> f64 {
    let lines = if plan.ipv6.is_some() { 4.0 } else { 3.0 };
    10.0 + lines * LINE
}

/// Place `cell` in `rect`, fitting its lines.
fn place_cell(cell: Cell, rect: Rect) -> BoxGeom {
    let pin = cell.pinned.then(|| Circle { cx: rect.right() - 9.0, cy: rect.y + 9.0, r: 4.0 });
    let mut lines = Vec::new();
    let mut y = rect.y + 5.0 + FONT;
    for (i, alternatives) in cell.lines.iter().enumerate() {
        if y > rect.bottom() - 3.0 {
            break;
        }
        // The first line leaves room for the pin mark.
        let room = rect.w - 12.0 - if i == 0 && pin.is_some() { 12.0 } else { 0.0 };
        let size = if i == 0 { FONT } else { SMALL };
        let text = alternatives
            .iter()
            .find(|t| text_width(t, size) <= room)
            .cloned()
            .or_else(|| alternatives.last().and_then(|t| fit_text(t, room, size)));
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            lines.push(Label {
                x: rect.x + 6.0,
                y,
                text,
                anchor: Anchor::Start,
                size,
                bold: i == 0,
                muted: false,
                max_width: room,
                role: Some(cell.role),
            });
        }
        y += LINE;
    }
    BoxGeom { rect, role: cell.role, item: cell.item, lines, title: cell.title, pinned: cell.pinned, pin }
}

fn lane_header(spec: &LaneSpec, x: f64, y: f64, width: f64) -> Vec<Label> {
    let mut out = Vec::new();
    if let Some(mut l) = label(x, y + FONT, &spec.name, width, FONT) {
        l.bold = true;
        out.push(l);
    }
    if let Some(mut l) = label(x, y + FONT + LINE, &spec.summary, width, SMALL) {
        l.muted = true;
        out.push(l);
    }
    out
}

const HEADER_H: f64 = FONT + LINE + 6.0;

/// Zone columns, wrapped to the width. Returns the bottom edge.
fn columns(d: &mut Diagram, specs: Vec<LaneSpec>, x0: f64, inner_w: f64, top: f64, box_h: f64) -> f64 {
    let n = specs.len().max(1);
    let cols = (((inner_w + GAP) / (MIN_LANE_W + GAP)).floor() as usize).clamp(1, n);
    d.stacked = cols < specs.len();
    let lane_w = (inner_w - (cols as f64 - 1.0) * GAP) / cols as f64;
    let lane_h = |cells: usize| {
        let body = if cells == 0 { 0.0 } else { cells as f64 * (box_h + GAP) - GAP + GAP };
        2.0 * LANE_PAD + HEADER_H + body
    };
    let mut y = top;
    let mut specs = specs.into_iter().peekable();
    while specs.peek().is_some() {
        let row: Vec<LaneSpec> = specs.by_ref().take(cols).collect();
        let row_h = row.iter().map(|s| lane_h(s.cells.len())).fold(0.0, f64::max);
        for (c, spec) in row.into_iter().enumerate() {
            let rect = Rect { x: x0 + c as f64 * (lane_w + GAP), y, w: lane_w, h: row_h };
            let header = lane_header(&spec, rect.x + LANE_PAD, rect.y + LANE_PAD, lane_w - 2.0 * LANE_PAD);
            let mut by = rect.y + LANE_PAD + HEADER_H + GAP;
            for cell in spec.cells {
                let r = Rect { x: rect.x + LANE_PAD, y: by, w: lane_w - 2.0 * LANE_PAD, h: box_h };
                d.boxes.push(place_cell(cell, r));
                by += box_h + GAP;
            }
            d.lanes.push(Lane { rect, kind: spec.kind, dashed: spec.dashed, header });
        }
        y += row_h + GAP;
    }
    y - GAP
}

/// Tier rows: header beside (wide) or above (narrow) the boxes, which wrap. Returns the bottom.
fn rows(d: &mut Diagram, specs: Vec<LaneSpec>, x0: f64, inner_w: f64, top: f64, box_h: f64) -> f64 {
    let side = inner_w >= SIDE_HEADER_MIN;
    let cells_x = x0 + LANE_PAD + if side { HEADER_W + GAP } else { 0.0 };
    let cells_w = inner_w - 2.0 * LANE_PAD - if side { HEADER_W + GAP } else { 0.0 };
    let max_cells = specs.iter().map(|s| s.cells.iter().filter(|c| !c.span).count()).max().unwrap_or(1).max(1);
    let per_line = (((cells_w + GAP) / (MIN_BOX_W + GAP)).floor() as usize).clamp(1, max_cells);
    d.stacked = !side || per_line < max_cells;
    let box_w = (cells_w - (per_line as f64 - 1.0) * GAP) / per_line as f64;
    let mut y = top;
    for spec in specs {
        let n = spec.cells.len();
        let lines = if spec.cells.iter().any(|c| c.span) { n } else { n.div_ceil(per_line) };
        let body = if lines == 0 { 0.0 } else { lines as f64 * (box_h + GAP) - GAP };
        let lane_h = if side { 2.0 * LANE_PAD + body.max(HEADER_H) } else { 2.0 * LANE_PAD + HEADER_H + GAP + body };
        let rect = Rect { x: x0, y, w: inner_w, h: lane_h };
        let header_w = if side { HEADER_W } else { cells_w };
        let header = lane_header(&spec, x0 + LANE_PAD, y + LANE_PAD, header_w);
        let body_top = if side { y + LANE_PAD } else { y + LANE_PAD + HEADER_H + GAP };
        for (i, cell) in spec.cells.into_iter().enumerate() {
            let r = if cell.span {
                Rect { x: cells_x, y: body_top + i as f64 * (box_h + GAP), w: cells_w, h: box_h }
            } else {
                let (line, col) = (i / per_line, i % per_line);
                Rect {
                    x: cells_x + col as f64 * (box_w + GAP),
                    y: body_top + line as f64 * (box_h + GAP),
                    w: box_w,
                    h: box_h,
                }
            };
            d.boxes.push(place_cell(cell, r));
        }
        d.lanes.push(Lane { rect, kind: spec.kind, dashed: spec.dashed, header });
        y += lane_h + GAP;
    }
    y - GAP
}

/// One strip of the address map for VPC block `bi`.
fn strip(plan: &Plan, layout: &Layout, bi: usize, block: Cidr, rect: Rect) -> Vec<Segment> {
    let base = block.network().value();
    let size = block.size().as_f64();
    // (first, last, kind) of everything in the block, by address.
    let mut items: Vec<(u128, u128, SegmentKind)> = Vec::new();
    for (i, s) in layout.subnets.iter().enumerate() {
        if s.block_index == bi && block.contains(s.cidr) {
            items.push((s.cidr.network().value(), s.cidr.last().value(), SegmentKind::Subnet(i)));
        }
    }
    for (i, r) in layout.reserved.iter().enumerate() {
        if r.block_index == bi && block.contains(r.cidr) {
            items.push((r.cidr.network().value(), r.cidr.last().value(), SegmentKind::Reservation(i)));
        }
    }
    // Adjacent parts of one network to avoid are one segment.
    for (i, a) in layout.avoided.iter().enumerate() {
        if a.block_index != bi || !block.contains(a.cidr) {
            continue;
        }
        let (f, l) = (a.cidr.network().value(), a.cidr.last().value());
        match items.last_mut() {
            Some((_, last, SegmentKind::Avoided(j)))
                if *last + 1 == f && layout.avoided[*j].avoid_index == a.avoid_index =>
            {
                *last = l
            }
            _ => items.push((f, l, SegmentKind::Avoided(i))),
        }
    }
    sort_few_by_key(&mut items, |x| x.0);
    // Fill every gap with one free segment (merging adjacent free blocks).
    let mut all: Vec<(u128, u128, SegmentKind)> = Vec::with_capacity(items.len() * 2 + 1);
    let mut cursor = base;
    for (f, l, k) in items {
        if f > cursor {
            all.push((cursor, f - 1, SegmentKind::Free));
        }
        if f >= cursor {
            all.push((f, l, k));
            cursor = l + 1;
        }
    }
    if cursor <= block.last().value() {
        all.push((cursor, block.last().value(), SegmentKind::Free));
    }
    let x_at = |v: u128| -> f64 {
        if v > block.last().value() {
            rect.right()
        } else {
            rect.x + rect.w * ((v - base) as f64 / size)
        }
    };
    let family = block.family();
    let addr = |v: u128| Addr::new(family, v).unwrap_or(block.network());
    all.into_iter()
        .map(|(f, l, kind)| {
            let x = x_at(f);
            let w = x_at(l + 1) - x;
            let (first, last) = (addr(f), addr(l));
            let (role, name, title) = match kind {
                SegmentKind::Subnet(i) => {
                    let s = &layout.subnets[i];
                    let k = plan.tiers.get(s.tier).map(|t| t.kind).unwrap_or_default();
                    let title = format!("{} · {} · {first} – {last} · {} usable", s.name, s.cidr, count(s.usable));
                    (Role::of(k), s.name.clone(), title)
                }
                SegmentKind::Reservation(i) => {
                    let r = &layout.reserved[i];
                    let title = format!("reserved for growth · {} · {} · {first} – {last}", r.label, r.cidr);
                    (Role::Growth, r.label.clone(), title)
                }
                SegmentKind::Avoided(i) => {
                    let a = &layout.avoided[i];
                    let n = Count::new(l - f + 1);
                    let cidrs: Vec<String> =
                        crate::ops::range_to_cidrs(first, last).iter().map(|c| c.to_string()).collect();
                    let net = plan.avoid.get(a.avoid_index).map(|x| x.cidr.to_string()).unwrap_or_default();
                    let name = if a.label.is_empty() { "avoided".to_string() } else { a.label.clone() };
                    let title = format!(
                        "avoided · {name} {net} (network to avoid #{}) · {first} – {last} · {} addresses · {}",
                        a.avoid_index + 1,
                        count(n),
                        cidrs.join(", ")
                    );
                    (Role::Avoided, name, title)
                }
                SegmentKind::Free => {
                    let cidrs = crate::ops::range_to_cidrs(first, last);
                    let n = Count::new(l - f + 1);
                    let list: Vec<String> = cidrs.iter().map(|c| c.to_string()).collect();
                    let title = format!("free · {first} – {last} · {} addresses · {}", count(n), list.join(", "));
                    (Role::Free, "free".to_string(), title)
                }
            };
            let room = w - 4.0;
            let label = (text_width(&name, SMALL) <= room).then(|| Label {
                x: x + w / 2.0,
                y: rect.y + rect.h / 2.0 + SMALL * 0.35,
                text: name,
                anchor: Anchor::Middle,
                size: SMALL,
                bold: false,
                muted: false,
                max_width: room,
                role: Some(role),
            });
            Segment { x, w, kind, role, first, last, label, title }
        })
        .collect()
}

/// The diagram of `layout` (laid out from `plan`) at `width` CSS pixels (clamped to
/// [`MIN_WIDTH`]..=[`MAX_WIDTH`]; 800 when not finite).
pub fn diagram(plan: &Plan, layout: &Layout, width: f64) -> Diagram {
    let width = if width.is_finite() { width.clamp(MIN_WIDTH, MAX_WIDTH) } else { 800.0 };
    let title = if plan.name.trim().is_empty() { "VPC plan".to_string() } else { plan.name.trim().to_string() };
    let mut d = Diagram {
        width,
        height: 0.0,
        title: title.clone(),
        frame: Rect { x: PAD, y: 0.0, w: width - 2.0 * PAD, h: 0.0 },
        lanes: Vec::new(),
        boxes: Vec::new(),
        labels: Vec::new(),
        strips: Vec::new(),
        legend: Vec::new(),
        stacked: false,
    };
    let text_w = width - 2.0 * PAD;
    let mut y = PAD;
    if let Some(mut l) = label(PAD, y + TITLE, &title, text_w, TITLE) {
        l.bold = true;
        d.labels.push(l);
    }
    y += TITLE + 6.0;
    let mut sub = vec![plan.provider.label().to_string()];
    if !plan.region.trim().is_empty() {
        sub.push(plan.region.trim().to_string());
    }
    sub.push(format!("{} layout", plan.strategy.id()));
    sub.push(plural(plan.zones.len(), "zone", "zones"));
    if let Some(l) = label(PAD, y + SMALL, &sub.join(" · "), text_w, SMALL).map(|mut l| {
        l.muted = true;
        l
    }) {
        d.labels.push(l);
    }
    y += LINE + 6.0;

    // The frame and its lanes.
    let frame_top = y;
    let x0 = PAD + INSET;
    let inner_w = width - 2.0 * (PAD + INSET);
    let blocks: Vec<String> = plan.vpc.iter().map(|c| c.to_string()).collect();
    if let Some(mut l) = label(x0, frame_top + INSET + FONT, &format!("VPC {}", blocks.join(" + ")), inner_w, FONT) {
        l.bold = true;
        d.labels.push(l);
    }
    let lanes_top = frame_top + INSET + LINE + 8.0;
    let specs = lane_specs(plan, layout);
    let box_h = box_height(plan);
    let bottom = if specs.is_empty() {
        lanes_top
    } else {
        match plan.strategy {
            Strategy::ZoneMajor => columns(&mut d, specs, x0, inner_w, lanes_top, box_h),
            Strategy::TierMajor => rows(&mut d, specs, x0, inner_w, lanes_top, box_h),
        }
    };
    let mut footer = layout.free_text();
    if layout.reserved_addresses != Count::ZERO {
        let _ = write!(footer, " · {} reserved for growth", layout.reserved_addresses.grouped());
    }
    let footer_y = bottom + GAP + SMALL;
    let short = format!("Free: {}", layout.free_addresses.grouped());
    if let Some(mut l) =
        label(x0, footer_y, &footer, inner_w, SMALL).or_else(|| label(x0, footer_y, &short, inner_w, SMALL))
    {
        l.muted = true;
        d.labels.push(l);
    }
    let frame_bottom = footer_y + INSET;
    d.frame = Rect { x: PAD, y: frame_top, w: width - 2.0 * PAD, h: frame_bottom - frame_top };
    y = frame_bottom + 2.0 * GAP;

    // The address map.
    if let Some(mut l) = label(PAD, y + FONT, "Address map", text_w, FONT) {
        l.bold = true;
        d.labels.push(l);
    }
    y += LINE + 6.0;
    for (bi, &block) in plan.vpc.iter().enumerate() {
        let free_here =
            layout.free.iter().filter(|f| block.contains(**f)).fold(Count::ZERO, |a, f| a.saturating_add(f.size()));
        let avoided_here = layout
            .avoided
            .iter()
            .filter(|a| a.block_index == bi)
            .fold(Count::ZERO, |n, a| n.saturating_add(a.cidr.size()));
        let mut caption_text = format!("{block} · {} · {} free", block_label(bi), free_here.grouped());
        if avoided_here != Count::ZERO {
            let _ = write!(caption_text, " · {} avoided", avoided_here.grouped());
        }
        let caption = label(PAD, y + SMALL, &caption_text, text_w, SMALL)
            .or_else(|| label(PAD, y + SMALL, &block.to_string(), text_w, SMALL))
            .unwrap_or(Label {
                x: PAD,
                y: y + SMALL,
                text: String::new(),
                anchor: Anchor::Start,
                size: SMALL,
                bold: false,
                muted: false,
                max_width: text_w,
                role: None,
            });
        y += LINE + 2.0;
        let rect = Rect { x: PAD, y, w: text_w, h: STRIP_H };
        let segments = strip(plan, layout, bi, block, rect);
        y += STRIP_H + 2.0 + SMALL;
        let (first, last) = (block.network().to_string(), block.last().to_string());
        let mut ticks = Vec::new();
        let both = text_width(&first, SMALL) + text_width(&last, SMALL) + 12.0 <= text_w;
        if let Some(mut l) = label(PAD, y, &first, if both { text_w / 2.0 } else { text_w }, SMALL) {
            l.muted = true;
            ticks.push(l);
        }
        if both {
            ticks.push(Label {
                x: PAD + text_w,
                y,
                text: last,
                anchor: Anchor::End,
                size: SMALL,
                bold: false,
                muted: true,
                max_width: text_w / 2.0,
                role: None,
            });
        }
        y += 8.0;
        d.strips.push(Strip { rect, block, block_index: bi, segments, caption, ticks });
    }

    // The legend.
    y += GAP;
    let mut roles: Vec<Role> =
        TierKind::ALL.iter().filter(|k| plan.tiers.iter().any(|t| t.kind == **k)).map(|&k| Role::of(k)).collect();
    if !layout.reserved.is_empty() {
        roles.push(Role::Growth);
    }
    if !layout.avoided.is_empty() {
        roles.push(Role::Avoided);
    }
    roles.push(Role::Free);
    let mut entries: Vec<(Role, String, bool)> = roles.into_iter().map(|r| (r, r.label().to_string(), false)).collect();
    if layout.subnets.iter().any(|s| s.pinned) {
        entries.push((Role::Free, "Pinned".to_string(), true));
    }
    let mut x = PAD;
    for (role, text, is_pin) in entries {
        let w = SWATCH + 5.0 + text_width(&text, SMALL);
        if x > PAD && x + w > width - PAD {
            x = PAD;
            y += LINE + 4.0;
        }
        let swatch = Rect { x, y, w: SWATCH, h: SWATCH };
        let pin = is_pin.then(|| Circle { cx: x + SWATCH / 2.0, cy: y + SWATCH / 2.0, r: 4.0 });
        let room = (width - PAD - (x + SWATCH + 5.0)).max(0.0);
        if let Some(l) = label(x + SWATCH + 5.0, y + SWATCH - 2.0, &text, room, SMALL) {
            d.legend.push(LegendItem { swatch, role, label: l, pin });
        }
        x += w + 14.0;
    }
    y += SWATCH + PAD;
    d.height = y;
    d
}

// ---------------------------------------------------------------------------------------------
// Colours and SVG.

/// Fill, outline and text colour of one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub text: &'static str,
}

/// The explicit colours of a light or dark export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub frame: &'static str,
    pub lane_fill: &'static str,
    pub lane_stroke: &'static str,
    pub pin: &'static str,
    pub public: Colors,
    pub private: Colors,
    pub isolated: Colors,
    pub custom: Colors,
    pub growth: Colors,
    /// The hatched fill's background and stripes, and its label's colour.
    pub avoided: Colors,
    pub free: Colors,
}

impl Palette {
    pub fn role(&self, r: Role) -> Colors {
        match r {
            Role::Public => self.public,
            Role::Private => self.private,
            Role::Isolated => self.isolated,
            Role::Custom => self.custom,
            Role::Growth => self.growth,
            Role::Avoided => self.avoided,
            Role::Free => self.free,
        }
    }
}

const fn colors(fill: &'static str, stroke: &'static str, text: &'static str) -> Colors {
    Colors { fill, stroke, text }
}

pub const LIGHT: Palette = Palette {
    background: "#ffffff",
    text: "#0f172a",
    muted: "#475569",
    frame: "#334155",
    lane_fill: "#f8fafc",
    lane_stroke: "#cbd5e1",
    pin: "#dc2626",
    public: colors("#dbeafe", "#2563eb", "#1e3a8a"),
    private: colors("#dcfce7", "#16a34a", "#14532d"),
    isolated: colors("#fef3c7", "#d97706", "#78350f"),
    custom: colors("#f3e8ff", "#9333ea", "#581c87"),
    growth: colors("#f1f5f9", "#64748b", "#334155"),
    avoided: colors("#fee2e2", "#b91c1c", "#7f1d1d"),
    free: colors("#ffffff", "#94a3b8", "#475569"),
};

pub const DARK: Palette = Palette {
    background: "#0b1120",
    text: "#e2e8f0",
    muted: "#94a3b8",
    frame: "#94a3b8",
    lane_fill: "#111827",
    lane_stroke: "#334155",
    pin: "#f87171",
    public: colors("#1e3a5f", "#60a5fa", "#dbeafe"),
    private: colors("#14532d", "#4ade80", "#dcfce7"),
    isolated: colors("#713f12", "#fbbf24", "#fef3c7"),
    custom: colors("#3b0764", "#c084fc", "#f3e8ff"),
    growth: colors("#1e293b", "#64748b", "#cbd5e1"),
    avoided: colors("#450a0a", "#f87171", "#fecaca"),
    free: colors("#0f172a", "#475569", "#94a3b8"),
};

/// The light or dark palette.
pub fn palette(dark: bool) -> &'static Palette {
    if dark {
        &DARK
    } else {
        &LIGHT
    }
}

/// Text for XML: the five special characters escaped, characters XML 1.0 forbids dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate: at most two decimals, no trailing zeros.
fn n(v: f64) -> String {
    crate::decimal::trimmed(v, 2)
}

fn svg_text(out: &mut String, l: &Label, p: &Palette) {
    let fill = match (l.role, l.muted) {
        (Some(r), _) => p.role(r).text,
        (None, true) => p.muted,
        (None, false) => p.text,
    };
    let _ = write!(out, "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{fill}\"", n(l.x), n(l.y), n(l.size));
    if l.anchor != Anchor::Start {
        let _ = write!(out, " text-anchor=\"{}\"", l.anchor.svg());
    }
    if l.bold {
        out.push_str(" font-weight=\"600\"");
    }
    let _ = writeln!(out, ">{}</text>", xml_escape(&l.text));
}

/// How a rectangle is painted in the SVG.
struct Paint<'a> {
    class: &'a str,
    fill: &'a str,
    stroke: &'a str,
    dashed: bool,
    radius: f64,
}

/// Writes `<rect …` and leaves the tag open for the caller to add attributes and close it
/// with [`close_rect`].
fn open_rect(out: &mut String, r: &Rect, paint: Paint) {
    let Paint { class, fill, stroke, dashed, radius } = paint;
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\"",
        n(r.x),
        n(r.y),
        n(r.w.max(0.0)),
        n(r.h.max(0.0)),
        n(radius)
    );
    if dashed {
        out.push_str(" stroke-dasharray=\"4 3\"");
    }
}

fn close_rect(out: &mut String, tooltip: Option<&str>) {
    match tooltip {
        Some(t) => {
            let _ = writeln!(out, "><title>{}</title></rect>", xml_escape(t));
        }
        None => out.push_str("/>\n"),
    }
}

fn svg_rect(out: &mut String, r: &Rect, paint: Paint, tooltip: Option<&str>) {
    open_rect(out, r, paint);
    close_rect(out, tooltip);
}

fn svg_circle(out: &mut String, c: &Circle, fill: &str) {
    let _ =
        writeln!(out, "<circle class=\"pin\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\"/>", n(c.cx), n(c.cy), n(c.r));
}

/// The id of the hatch pattern that fills avoided space.
const HATCH_ID: &str = "avoided-hatch";

/// The fill of a segment or swatch of `role`: its colour, or the hatch for avoided space.
fn role_fill(role: Role, p: &Palette) -> &'static str {
    match role {
        Role::Avoided => "url(#avoided-hatch)",
        r => p.role(r).fill,
    }
}

/// The hatch pattern: the avoided colour crossed by diagonal stripes, so avoided space never
/// reads as a colour of its own in a greyscale print either.
fn hatch_defs(out: &mut String, p: &Palette) {
    let c = p.avoided;
    let _ = writeln!(
        out,
        "<defs><pattern id=\"{HATCH_ID}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{}\"/><rect width=\"2\" height=\"6\" fill=\"{}\" fill-opacity=\"0.35\"/></pattern></defs>",
        c.fill, c.stroke
    );
}

/// Where an SVG rendering of the diagram goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvgTarget {
    /// A standalone `.svg` file (or the PNG made from it): fixed size, a `<title>`.
    File,
    /// Inline in the app's page, scaled to its container. Each subnet's box is focusable and
    /// named for assistive technology, and its box and address-map segment carry
    /// `data-subnet="<index into Layout::subnets>"` so one delegated listener can link hover
    /// and focus to the table. The `<svg>` itself is a named group, not an image: an image's
    /// children are presentational, which would hide the focusable boxes from screen readers.
    Page,
}

/// The diagram as a standalone SVG document with explicit colours from the light or dark
/// palette (and a class per role for restyling). All text is XML-escaped.
pub fn to_svg(d: &Diagram, dark: bool) -> String {
    render_svg(d, dark, SvgTarget::File)
}

/// The one SVG renderer for both targets (see [`SvgTarget`]): the app shows exactly what
/// an export contains.
pub fn render_svg(d: &Diagram, dark: bool, target: SvgTarget) -> String {
    let page = target == SvgTarget::Page;
    let p = palette(dark);
    let mut out = String::with_capacity(4096 + d.boxes.len() * 512);
    let (w, h) = (n(d.width), n(d.height));
    let font = xml_escape(FONT_FAMILY);
    let font_size = n(FONT);
    if page {
        let _ = writeln!(
            out,
            "<svg class=\"diagram\" width=\"100%\" viewBox=\"0 0 {w} {h}\" role=\"group\" aria-label=\"{}\" font-family=\"{font}\" font-size=\"{font_size}\">",
            xml_escape(&d.title)
        );
    } else {
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{font}\" font-size=\"{font_size}\">"
        );
        let _ = writeln!(out, "<title>{}</title>", xml_escape(&d.title));
    }
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
        p.background
    );
    let hatched = d.strips.iter().flat_map(|s| &s.segments).any(|g| g.role == Role::Avoided)
        || d.legend.iter().any(|l| l.role == Role::Avoided);
    if hatched {
        hatch_defs(&mut out, p);
    }
    svg_rect(
        &mut out,
        &d.frame,
        Paint { class: "vpc", fill: "none", stroke: p.frame, dashed: false, radius: 6.0 },
        None,
    );
    for lane in &d.lanes {
        svg_rect(
            &mut out,
            &lane.rect,
            Paint { class: "lane", fill: p.lane_fill, stroke: p.lane_stroke, dashed: lane.dashed, radius: 4.0 },
            None,
        );
        for l in &lane.header {
            svg_text(&mut out, l, p);
        }
    }
    for b in &d.boxes {
        let c = p.role(b.role);
        let pinned = if b.pinned { " pinned" } else { "" };
        let _ = write!(out, "<g class=\"box subnet {}{pinned}\"", b.role.class());
        if page {
            // Only subnets take the focus: a reservation or the free rest has no table row.
            if let BoxItem::Subnet(i) = b.item {
                let _ = write!(out, " data-subnet=\"{i}\" tabindex=\"0\"");
            }
            let _ = writeln!(out, " role=\"img\" aria-label=\"{}\">", xml_escape(&b.title));
        } else {
            out.push_str(">\n");
        }
        let _ = writeln!(out, "<title>{}</title>", xml_escape(&b.title));
        let class = format!("box-rect {}", b.role.class());
        svg_rect(
            &mut out,
            &b.rect,
            Paint { class: &class, fill: c.fill, stroke: c.stroke, dashed: b.role.dashed(), radius: 3.0 },
            None,
        );
        for l in &b.lines {
            svg_text(&mut out, l, p);
        }
        if let Some(pin) = b.pin {
            svg_circle(&mut out, &pin, p.pin);
        }
        out.push_str("</g>\n");
    }
    for l in &d.labels {
        svg_text(&mut out, l, p);
    }
    for s in &d.strips {
        svg_text(&mut out, &s.caption, p);
        for seg in &s.segments {
            let c = p.role(seg.role);
            let r = Rect { x: seg.x, y: s.rect.y, w: seg.w, h: s.rect.h };
            let class = format!("segment {}", seg.role.class());
            let fill = role_fill(seg.role, p);
            open_rect(&mut out, &r, Paint { class: &class, fill, stroke: c.stroke, dashed: false, radius: 0.0 });
            if let (true, SegmentKind::Subnet(i)) = (page, seg.kind) {
                let _ = write!(out, " data-subnet=\"{i}\"");
            }
            close_rect(&mut out, Some(&seg.title));
        }
        svg_rect(
            &mut out,
            &s.rect,
            Paint { class: "strip", fill: "none", stroke: p.frame, dashed: false, radius: 0.0 },
            None,
        );
        for seg in &s.segments {
            if let Some(l) = &seg.label {
                svg_text(&mut out, l, p);
            }
        }
        for l in &s.ticks {
            svg_text(&mut out, l, p);
        }
    }
    for item in &d.legend {
        match item.pin {
            Some(pin) => svg_circle(&mut out, &pin, p.pin),
            None => {
                let c = p.role(item.role);
                svg_rect(
                    &mut out,
                    &item.swatch,
                    Paint {
                        class: item.role.class(),
                        fill: role_fill(item.role, p),
                        stroke: c.stroke,
                        dashed: item.role.dashed(),
                        radius: 2.0,
                    },
                    None,
                );
            }
        }
        svg_text(&mut out, &item.label, p);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_text_shortens_or_drops() {
        assert_eq!(fit_text("abc", 100.0, 12.0).as_deref(), Some("abc"));
        let cut = fit_text("a-very-long-subnet-name", 60.0, 12.0).unwrap();
        assert!(cut.ends_with('…') && text_width(&cut, 12.0) <= 60.0, "{cut}");
        assert_eq!(fit_text("abcdefgh", 20.0, 12.0), None);
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.256), "1.26");
        assert_eq!(n(-0.001), "0");
    }
}
