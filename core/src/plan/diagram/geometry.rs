//! What a diagram is made of: rectangles, labels, lanes, boxes, address-map strips and the
//! legend, and the fixed-width text measure that decides which label fits where.

use super::*;
use crate::addr::{Addr, Cidr};
use crate::plan::model::TierKind;

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// The bottom edge.
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
    /// A public tier's subnet.
    Public,
    /// A private tier's subnet.
    Private,
    /// An isolated tier's subnet.
    Isolated,
    /// A custom tier's subnet.
    Custom,
    /// Space reserved for growth.
    Growth,
    /// Inside a network to avoid: occupied, drawn hatched.
    Avoided,
    /// Free space.
    Free,
}

impl Role {
    /// The role of a tier's subnets.
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

    /// The name in the legend.
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

/// How a label's `x` anchors its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// Text starts at `x`.
    Start,
    /// Text is centred on `x`.
    Middle,
    /// Text ends at `x`.
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
    /// Where the text is anchored, horizontally.
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// The text, shortened with "…" to fit.
    pub text: String,
    /// How `x` anchors the text.
    pub anchor: Anchor,
    /// Font size in pixels.
    pub size: f64,
    /// Drawn bold.
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

/// A zone's column or a tier's row, with its header.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Lane {
    /// The lane's area.
    pub rect: Rect,
    /// What the lane holds.
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
    /// Centre, horizontally.
    pub cx: f64,
    /// Centre, vertically.
    pub cy: f64,
    /// Radius.
    pub r: f64,
}

/// One box of a lane: a subnet, a reservation or a free remainder.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BoxGeom {
    /// The box.
    pub rect: Rect,
    /// Its colour.
    pub role: Role,
    /// What it shows.
    pub item: BoxItem,
    /// Name, CIDR, usable hosts (and IPv6), as many as fit.
    pub lines: Vec<Label>,
    /// Everything about the box, for a tooltip (`<title>`).
    pub title: String,
    /// A pinned subnet.
    pub pinned: bool,
    /// The pin mark of a pinned subnet.
    pub pin: Option<Circle>,
}

/// What a strip segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Index into `Layout::subnets`.
    Subnet(usize),
    /// Index into `Layout::reserved`.
    Reservation(usize),
    /// Index into `Layout::avoided`.
    Avoided(usize),
    /// A free gap.
    Free,
}

/// A stretch of a VPC block on the address map, drawn to scale.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Segment {
    /// Left edge on the strip.
    pub x: f64,
    /// Width, to scale.
    pub w: f64,
    /// What it is.
    pub kind: SegmentKind,
    /// Its colour.
    pub role: Role,
    /// Its first address.
    pub first: Addr,
    /// Its last address.
    pub last: Addr,
    /// The name, where it fits.
    pub label: Option<Label>,
    /// Everything about it, for a tooltip (`<title>`).
    pub title: String,
}

/// One VPC block on the address map.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Strip {
    /// The strip.
    pub rect: Rect,
    /// The VPC block it draws.
    pub block: Cidr,
    /// Index into `Plan::vpc`.
    pub block_index: usize,
    /// In address order, covering the block exactly.
    pub segments: Vec<Segment>,
    /// The block, which one it is and its free space.
    pub caption: Label,
    /// First and last address under the strip (where they fit).
    pub ticks: Vec<Label>,
}

/// One entry of the legend.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LegendItem {
    /// The colour swatch.
    pub swatch: Rect,
    /// Its colour.
    pub role: Role,
    /// What the colour means.
    pub label: Label,
    /// The pin mark's entry (its swatch holds a pin mark, not a colour).
    pub pin: Option<Circle>,
}

/// The whole drawing. Coordinates are in CSS pixels from the top left.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Diagram {
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// The plan's name (or "VPC plan").
    pub title: String,
    /// The VPC.
    pub frame: Rect,
    /// Zone columns or tier rows.
    pub lanes: Vec<Lane>,
    /// One per subnet, reservation and free remainder.
    pub boxes: Vec<BoxGeom>,
    /// Title, subtitle, frame caption and footer, "Address map".
    pub labels: Vec<Label>,
    /// The address map: one strip per VPC block.
    pub strips: Vec<Strip>,
    /// The legend's entries.
    pub legend: Vec<LegendItem>,
    /// Zone columns wrapped or tier rows narrowed for a small width.
    pub stacked: bool,
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
}
