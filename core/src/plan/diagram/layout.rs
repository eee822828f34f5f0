//! Where everything goes: lanes as columns (zone-major) or rows (tier-major), wrapped to the
//! width; the address map's strips; and [`diagram`], which assembles the whole drawing.

use super::*;
use crate::addr::{Addr, Cidr, Count};
use crate::plan::allocate::Layout;
use crate::plan::model::{Plan, Strategy, TierKind};
use crate::plan::table::block_label;
use crate::sort::sort_few_by_key;
use std::fmt::Write as _;

pub(super) fn box_height(plan: &Plan) -> f64 {
    let lines = if plan.ipv6.is_some() { 4.0 } else { 3.0 };
    10.0 + lines * LINE
}

/// Place `cell` in `rect`, fitting its lines.
pub(super) fn place_cell(cell: Cell, rect: Rect) -> BoxGeom {
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

pub(super) fn lane_header(spec: &LaneSpec, x: f64, y: f64, width: f64) -> Vec<Label> {
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

pub(super) const HEADER_H: f64 = FONT + LINE + 6.0;

/// Zone columns, wrapped to the width. Returns the bottom edge.
pub(super) fn columns(d: &mut Diagram, specs: Vec<LaneSpec>, x0: f64, inner_w: f64, top: f64, box_h: f64) -> f64 {
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
pub(super) fn rows(d: &mut Diagram, specs: Vec<LaneSpec>, x0: f64, inner_w: f64, top: f64, box_h: f64) -> f64 {
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
pub(super) fn strip(plan: &Plan, layout: &Layout, bi: usize, block: Cidr, rect: Rect) -> Vec<Segment> {
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
        title,
        frame: Rect { x: PAD, y: 0.0, w: width - 2.0 * PAD, h: 0.0 },
        lanes: Vec::new(),
        boxes: Vec::new(),
        labels: Vec::new(),
        strips: Vec::new(),
        legend: Vec::new(),
        stacked: false,
    };
    let mut y = heading(&mut d, plan, PAD);
    y = frame(&mut d, plan, layout, y);
    y = address_map(&mut d, plan, layout, y);
    y = legend(&mut d, plan, layout, y);
    d.height = y;
    d
}

/// The title and the subtitle (provider, region, strategy, zones), from `y`; returns the
/// `y` below them.
fn heading(d: &mut Diagram, plan: &Plan, mut y: f64) -> f64 {
    let width = d.width;
    let text_w = width - 2.0 * PAD;
    if let Some(mut l) = label(PAD, y + TITLE, &d.title, text_w, TITLE) {
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
    y
}

/// The VPC frame from `y`: its heading, the lanes (columns or rows by strategy) and the free
/// space footer; returns the `y` below it.
fn frame(d: &mut Diagram, plan: &Plan, layout: &Layout, mut y: f64) -> f64 {
    let width = d.width;
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
            Strategy::ZoneMajor => columns(d, specs, x0, inner_w, lanes_top, box_h),
            Strategy::TierMajor => rows(d, specs, x0, inner_w, lanes_top, box_h),
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
    y
}

/// The address map from `y`: one strip per VPC block, with its caption and first and last
/// address; returns the `y` below it.
fn address_map(d: &mut Diagram, plan: &Plan, layout: &Layout, mut y: f64) -> f64 {
    let width = d.width;
    let text_w = width - 2.0 * PAD;
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
    y
}

/// The legend from `y`, wrapped to the width: the roles on the map, growth, avoided, free
/// and the pin mark; returns the height of the diagram.
fn legend(d: &mut Diagram, plan: &Plan, layout: &Layout, mut y: f64) -> f64 {
    let width = d.width;
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
    y
}
