//! The visual subnet designer's model: a base network cut into leaf subnets.
//!
//! A [`Design`] is a base network, a cloud [`Mode`] and its leaves: sorted, disjoint, aligned
//! blocks that cover the base exactly. Every partition of an aligned block into aligned blocks
//! is the leaf set of exactly one binary tree (each internal node split into its two halves),
//! so the tree is never stored: nodes, depths and the rows under a node all follow from the
//! sorted leaves by binary search. That keeps the model a plain `Vec` (cheap to clone for the
//! UI's undo snapshots, cheap to compare) and makes every operation validate one simple
//! invariant instead of keeping a tree and a list in step.
//!
//! Every constructor and mutator keeps the invariant; anything that would break it is refused
//! with a [`DesignError`] whose message says why, in words for people.
//!
//! # Notes on every node
//!
//! Every node of the tree may carry a note. A leaf's note is its row's note; an inner node's
//! note is its [`Label`], drawn on its join bar (a /12 "us-east" holding a /14 "prod"). Labels
//! are kept beside the leaves, sorted, one per labelled inner node. The rules keep every note
//! the user typed:
//!
//! - **Split**: the split leaf's note becomes the label of the block it was (now an inner
//!   node); the parts start without notes. Its colour is copied to every part, so the area
//!   keeps its colour. Joining right back gives the leaf back exactly.
//! - **Join**: the joined leaf's note is the node's own label followed by every distinct note
//!   and label under it, in address order, separated by "; " (one note stays as it is). Text is
//!   cut only when that list is longer than [`MAX_NOTE_CHARS`], and [`Design::join_preview`]
//!   says so beforehand, so the UI can ask. The colour is that of the first coloured leaf.
//! - **Bulk splits** ("every leaf to /N", "N equal parts") cut only the leaves larger than the
//!   target size, each by the split rule: the hierarchy already drawn below it stays.
//! - **Base changes** move notes and labels with their blocks; what a new base would drop is
//!   listed before anything changes ([`BaseChange`], in `design/base.rs`).
//!
//! # Files
//!
//! `design/json.rs` is the JSON file ([`to_json`], [`from_json`]), `design/csv.rs` the CSV,
//! `design/text.rs` the Markdown and TSV to paste, `design/library.rs` the index of a
//! browser's named designs. The model's own code: `design/build.rs` (constructors and the
//! partition check), `design/query.rs`, `design/edit.rs` (split, join, notes, colours, mode),
//! `design/blocks.rs` (block and label helpers), `design/paths.rs` (label paths for files),
//! `design/base.rs` (base changes), `design/levels.rs` (the split bars), `design/find.rs`,
//! `design/space.rs`.

mod base;
mod blocks;
mod build;
mod csv;
mod edit;
mod find;
mod json;
mod levels;
pub mod library;
mod paths;
mod query;
mod space;
mod text;

pub use csv::{csv_cell, to_csv, CSV_HEADER, PATH_SEPARATOR};
pub use json::{from_json, to_json};
pub use text::{to_markdown, to_tsv};

pub use base::{parse_base, BaseChange, Rebased};
pub use levels::DrawnBar;
pub use space::space_unit;

pub(crate) use blocks::is_bidi_control;
pub use blocks::{netmask_text, sanitize_note};

use blocks::*;
use paths::*;

use crate::addr::{Addr, Cidr, Count, Family};
use crate::mode::Mode;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// Most leaves a design may hold. 65,536 rows is far beyond any real plan (a /16 cut into
/// /32s), keeps a design's JSON export within a few megabytes and its share link decodable
/// with bounded memory, and still lets the UI show "split every leaf to /N" on big bases.
pub const MAX_LEAVES: usize = 65_536;

/// Longest note, in characters (Unicode scalar values). Notes are labels, not documents.
pub const MAX_NOTE_CHARS: usize = 200;

/// Largest JSON import accepted, in bytes: the biggest legitimate export (65,536 leaves with
/// 200-character notes of 4-byte characters and a colour, about 57 MB) stays below this.
pub const MAX_JSON_BYTES: usize = 64 << 20;

crate::error::message_error! {
    /// A refused design operation or import, with a message for people.
    DesignError
}

fn err<T>(m: impl Into<String>) -> Result<T, DesignError> {
    Err(DesignError(m.into()))
}

/// A leaf's colour: an index into a fixed palette. The UI maps each to a CSS variable per
/// theme (`--leaf-<id>`), so a design looks right in light and dark mode and a share link
/// carries a 4-bit code rather than an arbitrary colour value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Color {
    /// Red.
    Red,
    /// Orange.
    Orange,
    /// Yellow.
    Yellow,
    /// Green.
    Green,
    /// Teal.
    Teal,
    /// Blue.
    Blue,
    /// Indigo.
    Indigo,
    /// Purple.
    Purple,
    /// Pink.
    Pink,
    /// Gray.
    Gray,
}

impl Color {
    /// The palette, in the order the UI offers it (also the order of [`Color::code`]).
    pub const ALL: [Color; 10] = [
        Color::Red,
        Color::Orange,
        Color::Yellow,
        Color::Green,
        Color::Teal,
        Color::Blue,
        Color::Indigo,
        Color::Purple,
        Color::Pink,
        Color::Gray,
    ];

    /// Stable identifier used in JSON, CSV and CSS variable names.
    pub const fn id(self) -> &'static str {
        match self {
            Color::Red => "red",
            Color::Orange => "orange",
            Color::Yellow => "yellow",
            Color::Green => "green",
            Color::Teal => "teal",
            Color::Blue => "blue",
            Color::Indigo => "indigo",
            Color::Purple => "purple",
            Color::Pink => "pink",
            Color::Gray => "gray",
        }
    }

    /// Name for people.
    pub const fn label(self) -> &'static str {
        match self {
            Color::Red => "Red",
            Color::Orange => "Orange",
            Color::Yellow => "Yellow",
            Color::Green => "Green",
            Color::Teal => "Teal",
            Color::Blue => "Blue",
            Color::Indigo => "Indigo",
            Color::Purple => "Purple",
            Color::Pink => "Pink",
            Color::Gray => "Gray",
        }
    }

    /// Position in [`Color::ALL`] (0..=9); share links store it, so it must never change.
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The colour with [`Color::code`] `code`.
    pub fn from_code(code: u8) -> Option<Color> {
        Color::ALL.get(code as usize).copied()
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Color {
    type Err = String;
    fn from_str(s: &str) -> Result<Color, String> {
        let t = s.trim().to_ascii_lowercase();
        let t = if t == "grey" { "gray".to_string() } else { t };
        Color::ALL.into_iter().find(|c| c.id() == t).ok_or_else(|| {
            let names: Vec<&str> = Color::ALL.iter().map(|c| c.id()).collect();
            format!("Unknown colour '{}': use one of {}", s.trim(), names.join(", "))
        })
    }
}

/// One row of the designer: a subnet with its note and colour.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Leaf {
    /// The subnet.
    pub net: Cidr,
    /// Free text, already cleaned by [`sanitize_note`]; empty means "no note".
    pub note: String,
    /// The leaf's colour; `None` for no colour.
    pub color: Option<Color>,
}

impl Leaf {
    /// A leaf with no note and no colour.
    pub fn free(net: Cidr) -> Leaf {
        Leaf { net, note: String::new(), color: None }
    }

    /// Whether the leaf has a note.
    pub fn has_note(&self) -> bool {
        !self.note.is_empty()
    }
}

/// The note of an inner node (a split block): the group label drawn on its join bar.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The inner node the label belongs to.
    pub node: Cidr,
    /// Cleaned by [`sanitize_note`]; never empty (an empty label is no label).
    pub note: String,
}

/// What joining a node would make, for the UI to show or ask about before it happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinPreview {
    /// The leaf the join leaves: the node, with the combined note and the first colour.
    pub leaf: Leaf,
    /// Notes and labels under the node (repeats counted), combined into the leaf's note.
    pub notes: usize,
    /// Whether the combined note was cut to [`MAX_NOTE_CHARS`] (text would be lost).
    pub cut: bool,
}

/// One tree node whose rows intersect a window, at binary level `depth`, spanning `rows` rows
/// from `first_row`. The UI draws [`Design::drawn_bars`] (a 16-way split as one bar) in the
/// columns of [`Design::bar_levels`]. A leaf's own cell is its split control; an internal node's
/// cell is the join bar that merges everything under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bar {
    /// The tree node: a block of the base.
    pub node: Cidr,
    /// Binary levels below the base (the base itself is 0).
    pub depth: u8,
    /// Index of the first leaf under the node (may lie before the window).
    pub first_row: usize,
    /// Number of leaves under the node (may reach past the window).
    pub rows: usize,
    /// Whether the node is a leaf (one row) rather than a split block.
    pub is_leaf: bool,
}

/// Totals for the summary line. `noted + free == total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Number of leaves (rows).
    pub leaves: usize,
    /// Leaves that have a note.
    pub noted_leaves: usize,
    /// Addresses in the base network.
    pub total: Count,
    /// Addresses in leaves that have a note (the allocated space).
    pub noted: Count,
    /// Addresses in leaves without a note.
    pub free: Count,
    /// Leaves whose size the mode does not accept (see [`Design::problem_leaves`]).
    pub problems: usize,
}

/// A base network, a mode and the leaves that partition the base. See the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Design {
    base: Cidr,
    mode: Mode,
    /// Sorted, disjoint, covering `base` exactly; never empty; at most [`MAX_LEAVES`].
    leaves: Vec<Leaf>,
    /// Labels of inner nodes, sorted by node (which is pre-order), at most one per node, each
    /// on a block that is split in `leaves`; so fewer than [`MAX_LEAVES`].
    labels: Vec<Label>,
}
