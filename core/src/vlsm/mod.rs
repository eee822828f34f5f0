//! VLSM from a list of needs: "Sales 120 hosts, Ops 50, Link 2" laid out in a base network.
//!
//! 1. [`parse_needs`] reads the list (`name, hosts`, `name hosts`, `name /prefix`, `#`
//!    comments); a bad line is a [`LineError`](crate::lines::LineError) naming it, the others
//!    are kept.
//! 2. Each need is sized under the [`Mode`](crate::Mode) ([`size_for`]): the smallest subnet
//!    whose usable count (after the provider's reserved addresses) holds the hosts, within the
//!    sizes the provider accepts, so 2 hosts are a /31 only in Standard mode (RFC 3021).
//! 3. [`place`] puts them on aligned boundaries, largest first (which never leaves a gap, so
//!    the list fits exactly when the sizes add up to at most the base) or as listed (each at the
//!    lowest free aligned block, filling gaps left by alignment). A list that does not fit is a
//!    [`NotFit`] saying by how much, which bigger base would hold it and which needs to shrink;
//!    every suggestion is checked by laying the changed list out.
//! 4. [`relayout`] does the same given the previous placement: needs whose name and size did
//!    not change stay where they were, a resized need stays at its old start when it can, and
//!    the result says which needs moved.
//! 5. [`Placement::to_design`] turns the result into an ordinary designer
//!    [`Design`](crate::design::Design): one noted leaf per need, the rest free leaves.

mod fit;
mod needs;
mod place;
mod render;
mod size;

pub use fit::{NotFit, Shrink};
pub use needs::{parse_need, parse_needs, Need, NeedList, NeedSize, MAX_NEEDS};
pub use place::{named_blocks, place, relayout, Move, Placed, Placement, Relayout};
pub use render::CSV_HEADER;
pub use size::{size_for, usable_at, Sizing};

use std::fmt;
use std::str::FromStr;

/// The order needs are placed in. Both place every need on a boundary aligned to its size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Largest first (ties in list order): packs tightest, never leaves an alignment gap.
    #[default]
    Size,
    /// In the order written, each at the lowest free aligned block.
    Listed,
}

impl Order {
    /// Both orders.
    pub const ALL: [Order; 2] = [Order::Size, Order::Listed];

    /// Identifier in the CLI and JSON.
    pub const fn id(self) -> &'static str {
        match self {
            Order::Size => "size",
            Order::Listed => "listed",
        }
    }

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            Order::Size => "largest first",
            Order::Listed => "as listed",
        }
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Order {
    type Err = String;
    fn from_str(s: &str) -> Result<Order, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "size" | "largest" | "largest-first" => Ok(Order::Size),
            "listed" | "list" | "as-listed" => Ok(Order::Listed),
            _ => Err(format!("Unknown order '{}': use size (largest first) or listed", s.trim())),
        }
    }
}
