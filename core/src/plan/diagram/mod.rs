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

mod cells;
mod geometry;
mod layout;
mod palette;
mod svg;

pub use geometry::*;
pub use layout::diagram;
pub use palette::{palette, Colors, Palette, DARK, LIGHT};
pub use svg::{render_svg, to_svg, xml_escape, SvgTarget};

use cells::*;

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
