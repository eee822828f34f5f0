//! List tools on a pasted list of networks: [`summarize`] (route aggregation and the single
//! smallest supernet), [`exclude`] (a list minus another), [`overlaps`] (every overlapping or
//! duplicate pair, by sort and sweep) and [`ranges`] (each range as its fewest CIDR blocks).
//!
//! [`parse_list`] reads any form the calculator's parser takes, one per line or separated by
//! commas, `#` comments, and a label after the network (`10.0.0.0/16 office VPC`). A line
//! that cannot be read is a [`LineError`](crate::lines::LineError) naming it; the other lines
//! keep working. Caps: [`MAX_ENTRIES`] entries a list, [`MAX_PAIRS`] overlap pairs listed (all
//! are counted), plus the byte caps of [`crate::lines`].

mod entries;
mod overlaps;
mod render;
mod tools;

pub use entries::{parse_list, Entry, EntryList, Span, MAX_ENTRIES, MAX_LABEL_CHARS};
pub use overlaps::{overlaps, Overlap, Overlaps, Relation, MAX_PAIRS};
pub use render::{cidrs_csv, cidrs_text, ranges_csv, ranges_text};
pub use tools::{exclude, ranges, summarize, RangeCidrs, Summary, Supernet};
