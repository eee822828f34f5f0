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
//! browser's named designs.

mod base;
mod csv;
mod find;
mod json;
mod levels;
pub mod library;
mod space;
mod text;

pub use csv::{csv_cell, to_csv, CSV_HEADER, PATH_SEPARATOR};
pub use json::{from_json, to_json};
pub use text::{to_markdown, to_tsv};

pub use base::{parse_base, BaseChange, Rebased};
pub use levels::DrawnBar;
pub use space::space_unit;

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

/// A refused design operation or import, with a message for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesignError(pub String);

impl DesignError {
    /// The message for people.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DesignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DesignError {}

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

// ---------------------------------------------------------------------------------------------
// Small helpers on blocks.

/// The aligned block of `prefix` starting at `value`, if `value` is a valid aligned start.
fn block(family: Family, value: u128, prefix: u8) -> Option<Cidr> {
    Cidr::exact(Addr::new(family, value)?, prefix)
}

/// The `k`-th block of `prefix` inside `net` (the caller keeps `k` in range).
fn nth_block(net: Cidr, prefix: u8, k: u128) -> Option<Cidr> {
    let host = net.width().checked_sub(prefix)?;
    let offset = if host >= 128 { 0 } else { k.checked_shl(host as u32)? };
    block(net.family(), net.network().value().checked_add(offset)?, prefix)
}

/// 2^bits as a `u128`, saturating (the number of `bits`-deeper blocks in a block).
fn pow2_saturating(bits: u8) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        1u128 << bits
    }
}

/// Prefix length of the deepest block holding both `a` and `b` (same family).
fn common_prefix_len(a: Cidr, b: Cidr) -> u8 {
    let w = a.width() as u32;
    let diff = a.network().value() ^ b.network().value();
    let equal_bits = (diff.leading_zeros() - (128 - w)).min(w) as u8;
    equal_bits.min(a.prefix()).min(b.prefix())
}

/// `n` with thousands separators.
fn grouped(n: u128) -> String {
    Count::new(n).grouped()
}

/// Clean free text into a note: tabs and line breaks become spaces, other control and
/// bidirectional-override characters are dropped (they could disguise a note in a table or a
/// spreadsheet), the ends are trimmed and the text is cut to [`MAX_NOTE_CHARS`] characters.
/// Idempotent, so a stored note always equals its sanitized form.
pub fn sanitize_note(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c })
        .filter(|&c| !c.is_control() && !is_bidi_control(c))
        .collect();
    let cut: String = cleaned.trim().chars().take(MAX_NOTE_CHARS).collect();
    cut.trim_end().to_string()
}

/// Unicode bidirectional embedding, override and isolate controls (Trojan Source): refused
/// in notes here and in the planner's names and labels (`plan/check.rs`).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// Why `note` cannot be stored as it is, if it cannot.
fn note_problem(net: Cidr, note: &str) -> Option<String> {
    if note.is_empty() {
        return None;
    }
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Some(format!("The note of {net} is {chars} characters long; notes are at most {MAX_NOTE_CHARS}"));
    }
    (sanitize_note(note) != note)
        .then(|| format!("The note of {net} contains control characters or leading/trailing spaces"))
}

/// The netmask column: dotted for IPv4, `/64`-style for IPv6 (nobody writes IPv6 netmasks).
pub fn netmask_text(net: Cidr) -> String {
    match net.family() {
        Family::V4 => net.netmask().to_string(),
        Family::V6 => format!("/{}", net.prefix()),
    }
}

/// The leaf that joining `node` makes from the `labels` and `leaves` under it (both sorted):
/// the distinct notes in address order (a node's label before what lies inside it), separated
/// by "; ", and the first colour. See the module docs.
fn joined_leaf(node: Cidr, labels: &[Label], leaves: &[Leaf]) -> JoinPreview {
    let (mut li, mut fi) = (0, 0);
    // The notes kept so far: at most MAX_NOTE_CHARS / 3 of them fit, so a linear search for
    // repeats is cheap; past the limit nothing more is kept, only counted.
    let mut kept: Vec<&str> = Vec::new();
    let mut chars = 0usize;
    let mut notes = 0;
    let mut cut = false;
    // Merge the two sorted lists by node: a label sorts before the leaves inside its node.
    while li < labels.len() || fi < leaves.len() {
        let take_label = match (labels.get(li), leaves.get(fi)) {
            (Some(l), Some(f)) => l.node < f.net,
            (Some(_), None) => true,
            _ => false,
        };
        let note = if take_label {
            li += 1;
            labels[li - 1].note.as_str()
        } else {
            fi += 1;
            leaves[fi - 1].note.as_str()
        };
        if note.is_empty() {
            continue;
        }
        notes += 1;
        if cut || kept.contains(&note) {
            continue;
        }
        let sep = if kept.is_empty() { 0 } else { 2 };
        chars += sep + note.chars().count();
        cut = chars > MAX_NOTE_CHARS;
        kept.push(note);
    }
    let text = kept.join("; ");
    let note = if cut {
        // Keep room for the ellipsis that says the text goes on.
        let start: String = text.chars().take(MAX_NOTE_CHARS - 1).collect();
        format!("{}…", start.trim_end())
    } else {
        text
    };
    let leaf = Leaf { net: node, note: sanitize_note(&note), color: leaves.iter().find_map(|l| l.color) };
    JoinPreview { leaf, notes, cut }
}

/// The sort key of leaves. A named function rather than a closure: each closure would compile
/// its own copy of the standard sort into the web bundle, this one is shared.
fn leaf_net(l: &Leaf) -> Cidr {
    l.net
}

/// `labels` sorted by node, with the leaves' sort (see [`leaf_net`]). Labels arrive sorted
/// from every writer; only a hand-edited file may need it.
fn sorted_labels(labels: Vec<Label>) -> Vec<Label> {
    if labels.windows(2).all(|p| p[0].node <= p[1].node) {
        return labels;
    }
    let mut as_leaves: Vec<Leaf> =
        labels.into_iter().map(|l| Leaf { net: l.node, note: l.note, color: None }).collect();
    as_leaves.sort_by_key(leaf_net);
    as_leaves.into_iter().map(|l| Label { node: l.net, note: l.note }).collect()
}

/// Two label lists, each sorted and with no node in both, as one sorted list.
fn merge_sorted(a: Vec<Label>, b: Vec<Label>) -> Vec<Label> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x.node < y.node { a.next() } else { b.next() };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    out
}

/// The blocks of `prefix` in `net`, each without a note and with `color` (the caller has
/// checked that the count is within [`MAX_LEAVES`]).
fn split_parts(net: Cidr, color: Option<Color>, prefix: u8, out: &mut Vec<Leaf>) {
    let parts = pow2_saturating(prefix - net.prefix());
    for k in 0..parts {
        let Some(child) = nth_block(net, prefix, k) else { break };
        out.push(Leaf { net: child, note: String::new(), color });
    }
}

// ---------------------------------------------------------------------------------------------
// Construction and validation.

impl Design {
    /// A design whose only leaf is the whole base network.
    pub fn new(base: Cidr, mode: Mode) -> Design {
        Design { base, mode, leaves: vec![Leaf::free(base)], labels: Vec::new() }
    }

    /// A design from explicit leaves (in any order). Checks everything the invariant needs:
    /// same family, inside the base, no overlap, no gap, the leaf cap and clean notes.
    pub fn from_leaves(base: Cidr, mode: Mode, mut leaves: Vec<Leaf>) -> Result<Design, DesignError> {
        if leaves.is_empty() {
            return err(format!("A design needs at least one subnet covering {base}"));
        }
        if leaves.len() > MAX_LEAVES {
            return err(format!(
                "The design has {} subnets; the designer holds at most {}",
                grouped(leaves.len() as u128),
                grouped(MAX_LEAVES as u128)
            ));
        }
        leaves.sort_by_key(leaf_net);
        check_partition(base, &leaves)?;
        if let Some(p) = leaves.iter().find_map(|l| note_problem(l.net, &l.note)) {
            return Err(DesignError(p));
        }
        Ok(Design { base, mode, leaves, labels: Vec::new() })
    }

    /// This design with `labels` on its inner nodes (in any order), replacing any it had.
    /// Each must name a split block of the design, once, with a clean, non-empty note.
    pub fn with_labels(mut self, labels: Vec<Label>) -> Result<Design, DesignError> {
        let labels = sorted_labels(labels);
        if let Some(pair) = labels.windows(2).find(|p| p[0].node == p[1].node) {
            return err(format!("{} has two labels", pair[0].node));
        }
        for l in &labels {
            if !self.is_inner(l.node) {
                return err(format!(
                    "The label \"{}\" is on {}, which is not a split block of this design",
                    l.note, l.node
                ));
            }
            if l.note.is_empty() {
                return err(format!("The label of {} is empty", l.node));
            }
            if let Some(p) = note_problem(l.node, &l.note) {
                return Err(DesignError(p));
            }
        }
        self.labels = labels;
        Ok(self)
    }
}

/// The sorted `leaves` cover `base` exactly, with no overlap and no gap.
fn check_partition(base: Cidr, leaves: &[Leaf]) -> Result<(), DesignError> {
    // `next` is the first address not yet covered; `None` once the end of the space is passed.
    let mut next = Some(base.network().value());
    let mut prev: Option<Cidr> = None;
    for leaf in leaves {
        let net = leaf.net;
        if !base.contains(net) {
            return err(format!("{net} is not inside the base network {base}"));
        }
        let start = net.network().value();
        match next {
            Some(n) if start > n => return err(gap_message(base.family(), n, start - 1)),
            Some(n) if start == n => {}
            _ => {
                let other = prev.map(|p| p.to_string()).unwrap_or_default();
                return err(format!("{net} overlaps {other}"));
            }
        }
        next = net.last().value().checked_add(1);
        prev = Some(net);
    }
    match next {
        Some(n) if n <= base.last().value() => err(gap_message(base.family(), n, base.last().value())),
        _ => Ok(()),
    }
}

fn gap_message(family: Family, first: u128, last: u128) -> String {
    let show = |v| Addr::new(family, v).map(|a| a.to_string()).unwrap_or_default();
    format!("No subnet covers {} – {}: the subnets must cover the whole base network", show(first), show(last))
}

// ---------------------------------------------------------------------------------------------
// Queries.

impl Design {
    /// The base network the leaves partition.
    pub fn base(&self) -> Cidr {
        self.base
    }

    /// The cloud mode: which subnet sizes are accepted and which addresses are reserved.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The leaves, in address order.
    pub fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    /// The labels of inner nodes, sorted by node.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The label of inner node `node`, if it has one.
    pub fn label(&self, node: Cidr) -> Option<&str> {
        let i = self.labels.binary_search_by(|l| l.node.cmp(&node)).ok()?;
        Some(self.labels[i].note.as_str())
    }

    /// The note of any node: a leaf's note or an inner node's label ("" when it has none, or
    /// when `node` is no node of the tree).
    pub fn note_of(&self, node: Cidr) -> &str {
        match self.leaf_index(node) {
            Some(i) => &self.leaves[i].note,
            None => self.label(node).unwrap_or(""),
        }
    }

    /// Whether `node` is an inner node of the tree: a block of the base that is split.
    pub fn is_inner(&self, node: Cidr) -> bool {
        self.base.contains(node)
            && self.leaf_containing(node.network()).is_some_and(|i| self.leaves[i].net.prefix() > node.prefix())
    }

    /// The inner nodes (split blocks), in pre-order, which is their sorted order.
    pub fn inner_nodes(&self) -> Vec<Cidr> {
        let mut out = Vec::with_capacity(self.leaves.len().saturating_sub(1));
        let mut prev: Option<Cidr> = None;
        for leaf in &self.leaves {
            // The ancestors shared with the row above were listed with it.
            let from = prev.map_or(self.base.prefix(), |p| common_prefix_len(p, leaf.net) + 1);
            out.extend((from..leaf.net.prefix()).filter_map(|p| leaf.net.supernet(p)));
            prev = Some(leaf.net);
        }
        out
    }

    /// Whether the design holds no work: one leaf without note or colour (the mode aside).
    /// Replacing such a design loses nothing, so the UI does it without asking.
    pub fn is_untouched(&self) -> bool {
        self.leaves.len() == 1 && !self.leaves[0].has_note() && self.leaves[0].color.is_none()
    }

    /// Indices into [`Design::labels`] of the labels on `node` and below it.
    fn label_range(&self, node: Cidr) -> Range<usize> {
        let start = self.labels.partition_point(|l| l.node < node);
        let end = self.labels.partition_point(|l| l.node.network() <= node.last());
        start..end.max(start)
    }

    /// Number of leaves (rows); at least 1.
    pub fn len(&self) -> usize {
        self.leaves.len()
    }

    /// Always `false`: a design always has at least its base as a leaf.
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// The leaf in row `index`.
    pub fn leaf(&self, index: usize) -> Option<&Leaf> {
        self.leaves.get(index)
    }

    /// Row of the leaf that is exactly `net`.
    pub fn leaf_index(&self, net: Cidr) -> Option<usize> {
        self.leaves.binary_search_by(|l| l.net.cmp(&net)).ok()
    }

    /// Row of the leaf holding `addr`, if `addr` is inside the base.
    pub fn leaf_containing(&self, addr: Addr) -> Option<usize> {
        if !self.base.contains_addr(addr) {
            return None;
        }
        let after = self.leaves.partition_point(|l| l.net.network() <= addr);
        after.checked_sub(1)
    }

    /// The leaves in rows `range`, clamped to the design (never panics).
    pub fn rows(&self, range: Range<usize>) -> &[Leaf] {
        &self.leaves[self.clamp(range)]
    }

    fn clamp(&self, range: Range<usize>) -> Range<usize> {
        let end = range.end.min(self.leaves.len());
        range.start.min(end)..end
    }

    /// Rows under tree node `node` (a leaf or an internal node), or why `node` is no node.
    pub fn span(&self, node: Cidr) -> Result<Range<usize>, DesignError> {
        if !self.base.contains(node) {
            return err(format!("{node} is not inside the base network {}", self.base));
        }
        let i = self.leaf_containing(node.network()).unwrap_or(0);
        let leaf = self.leaves[i].net;
        if leaf.prefix() < node.prefix() {
            return err(format!("{node} is part of the subnet {leaf}, which is not split"));
        }
        Ok(i..self.span_end(node))
    }

    /// One past the last row under `node`.
    fn span_end(&self, node: Cidr) -> usize {
        let last = node.last();
        self.leaves.partition_point(|l| l.net.network() <= last)
    }

    /// Levels of the deepest leaf below the base (0 when the base is not split).
    pub fn max_depth(&self) -> u8 {
        let deepest = self.leaves.iter().map(|l| l.net.prefix()).max().unwrap_or(self.base.prefix());
        deepest - self.base.prefix()
    }

    /// Every tree node whose rows intersect rows `window` (clamped), in pre-order (by first
    /// address, then prefix): for each row, the ancestors it does not share with the row
    /// above. Costs O(window × depth × log n), independent of the design's size.
    pub fn bars(&self, window: Range<usize>) -> Vec<Bar> {
        let window = self.clamp(window);
        let base_prefix = self.base.prefix();
        let mut out = Vec::new();
        let mut prev: Option<Cidr> = None;
        for row in window {
            let leaf = self.leaves[row].net;
            // Ancestors down to the common one with the row above were emitted already.
            let from = match prev {
                Some(p) => common_prefix_len(p, leaf) + 1,
                None => base_prefix,
            };
            for prefix in from..=leaf.prefix() {
                let Some(node) = leaf.supernet(prefix) else { continue };
                let is_leaf = prefix == leaf.prefix();
                // A node that does not hold the row above starts at this row.
                let first_row = if prev.is_some() {
                    row
                } else {
                    self.leaves.partition_point(|l| l.net.network() < node.network())
                };
                let end = if is_leaf { row + 1 } else { self.span_end(node) };
                out.push(Bar { node, depth: prefix - base_prefix, first_row, rows: end - first_row, is_leaf });
            }
            prev = Some(leaf);
        }
        out
    }

    /// Leaves whose size the mode does not accept (too small or too large for the provider).
    pub fn problem_leaves(&self) -> Vec<Cidr> {
        self.leaves.iter().map(|l| l.net).filter(|&n| self.mode.size_problem(n).is_some()).collect()
    }

    /// Leaf count and how the address space divides into noted and free leaves.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            leaves: self.leaves.len(),
            noted_leaves: 0,
            total: self.base.size(),
            noted: Count::ZERO,
            free: Count::ZERO,
            problems: 0,
        };
        for l in &self.leaves {
            if l.has_note() {
                s.noted_leaves += 1;
                s.noted = s.noted.saturating_add(l.net.size());
            } else {
                s.free = s.free.saturating_add(l.net.size());
            }
            if self.mode.size_problem(l.net).is_some() {
                s.problems += 1;
            }
        }
        s
    }

    /// Terraform expression for `net` relative to the base: `cidrsubnet("10.0.0.0/16", 4, 3)`;
    /// the quoted base itself when `net` is the base; empty when `net` is outside the base.
    pub fn cidrsubnet_expr(&self, net: Cidr) -> String {
        if !self.base.contains(net) {
            return String::new();
        }
        let newbits = net.prefix() - self.base.prefix();
        if newbits == 0 {
            return format!("\"{}\"", self.base);
        }
        let offset = net.network().value() - self.base.network().value();
        let host = net.host_bits();
        let netnum = if host >= 128 { 0 } else { offset >> host };
        format!("cidrsubnet(\"{}\", {newbits}, {netnum})", self.base)
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations. Each checks everything first and changes `self` only when it succeeds.

impl Design {
    fn index_of_leaf(&self, net: Cidr) -> Result<usize, DesignError> {
        self.leaf_index(net).ok_or_else(|| DesignError(format!("{net} is not a subnet of this design")))
    }

    /// Refuse leaves longer than the mode's smallest subnet, naming the leaf being split.
    fn check_mode_allows(&self, what: &str, prefix: u8) -> Result<(), DesignError> {
        let (_, longest) = self.mode.prefix_range(self.base.family());
        if prefix > longest {
            // Said as in `Mode::size_problem`: "at most /28" would read as "no larger".
            return err(format!(
                "{} subnets are no smaller than /{longest}; {what} would make /{prefix}",
                self.mode.label()
            ));
        }
        Ok(())
    }

    fn check_cap(&self, count: u128, what: &str) -> Result<(), DesignError> {
        if count > MAX_LEAVES as u128 {
            return err(format!(
                "{what} would make {} subnets; the designer holds at most {}",
                if count == u128::MAX { "too many".to_string() } else { grouped(count) },
                grouped(MAX_LEAVES as u128)
            ));
        }
        Ok(())
    }

    /// Split leaf `net` into 2 halves or 16 parts (four binary levels: one hex digit of an
    /// IPv6 address, offered for both families). The leaf's note becomes the label of `net`
    /// and its colour goes to every part (see the module docs).
    pub fn split(&mut self, net: Cidr, parts: u8) -> Result<(), DesignError> {
        let levels = match parts {
            2 => 1,
            16 => 4,
            _ => return err(format!("A subnet splits into 2 or 16 parts, not {parts}")),
        };
        let i = self.index_of_leaf(net)?;
        let prefix = net.prefix() + levels;
        if prefix > net.width() {
            return err(if net.host_bits() == 0 {
                format!("{net} is a single address and cannot be split")
            } else {
                format!("{net} cannot be split into {parts}: it has only {} addresses", net.size())
            });
        }
        self.check_mode_allows(&format!("splitting {net}"), prefix)?;
        self.check_cap(self.leaves.len() as u128 + (parts as u128 - 1), &format!("Splitting {net}"))?;
        self.split_rows_to(i..i + 1, prefix);
        Ok(())
    }

    /// What [`Design::join`] of `node` would make, without changing anything.
    pub fn join_preview(&self, node: Cidr) -> Result<JoinPreview, DesignError> {
        let span = self.span(node)?;
        Ok(joined_leaf(node, &self.labels[self.label_range(node)], &self.leaves[span]))
    }

    /// Merge everything under tree node `node` into one leaf, whose note combines every note
    /// and label under it (see the module docs and [`Design::join_preview`]). Joining a leaf
    /// is a no-op.
    pub fn join(&mut self, node: Cidr) -> Result<(), DesignError> {
        let span = self.span(node)?;
        if span.len() > 1 {
            let labels = self.label_range(node);
            let joined = joined_leaf(node, &self.labels[labels.clone()], &self.leaves[span.clone()]);
            self.leaves.splice(span, [joined.leaf]);
            self.labels.drain(labels);
        }
        Ok(())
    }

    /// Leaves the rows `rows` become when each leaf shorter than `/prefix` is cut to it.
    fn count_after_split(&self, rows: Range<usize>, prefix: u8) -> u128 {
        self.leaves[rows].iter().fold(0u128, |acc, l| {
            let n = if l.net.prefix() < prefix { pow2_saturating(prefix - l.net.prefix()) } else { 1 };
            acc.saturating_add(n)
        })
    }

    /// Cut every leaf in `rows` shorter than `/prefix` into its blocks of `/prefix` by the split
    /// rule (note to the label, colour to the parts); longer leaves stay as they are. The
    /// caller has checked the mode and the leaf cap ([`Design::count_after_split`]).
    fn split_rows_to(&mut self, rows: Range<usize>, prefix: u8) {
        let count = usize::try_from(self.count_after_split(rows.clone(), prefix)).unwrap_or(MAX_LEAVES);
        let mut parts = Vec::with_capacity(count.min(MAX_LEAVES));
        let mut new_labels = Vec::new();
        for leaf in &self.leaves[rows.clone()] {
            if leaf.net.prefix() >= prefix {
                parts.push(leaf.clone());
                continue;
            }
            split_parts(leaf.net, leaf.color, prefix, &mut parts);
            if leaf.has_note() {
                new_labels.push(Label { node: leaf.net, note: leaf.note.clone() });
            }
        }
        self.leaves.splice(rows, parts);
        if !new_labels.is_empty() {
            // Both lists are sorted, and former leaves are disjoint from the inner nodes that
            // carry labels already: merge them.
            let old = std::mem::take(&mut self.labels);
            self.labels = merge_sorted(old, new_labels);
        }
    }

    /// Split every leaf shorter than `/prefix` down to `/prefix`; longer leaves stay. Returns
    /// the new number of leaves. Refused past the mode's smallest subnet or [`MAX_LEAVES`].
    pub fn split_all_to(&mut self, prefix: u8) -> Result<usize, DesignError> {
        self.split_node_to(self.base, prefix)?;
        Ok(self.leaves.len())
    }

    /// Split every leaf under tree node `node` (a leaf, or an inner node's whole group) that is
    /// shorter than `/prefix` down to `/prefix` by the split rule; longer leaves, and every row
    /// outside `node`, stay. Returns the number of leaves under `node` afterwards.
    pub fn split_node_to(&mut self, node: Cidr, prefix: u8) -> Result<usize, DesignError> {
        let rows = self.span(node)?;
        let w = node.width();
        if prefix > w {
            return err(format!("/{prefix} is longer than an IPv{} address (/{w})", node.family().number()));
        }
        if prefix < node.prefix() {
            return err(if node == self.base {
                format!("/{prefix} is larger than the base network {node}")
            } else {
                format!("/{prefix} is larger than {node}")
            });
        }
        let whole = node == self.base;
        let what = if whole { format!("splitting to /{prefix}") } else { format!("splitting {node} to /{prefix}") };
        self.check_mode_allows(&what, prefix)?;
        let under = self.count_after_split(rows.clone(), prefix);
        let total = (self.leaves.len() - rows.len()) as u128 + under;
        let what = if whole {
            format!("Splitting every subnet to /{prefix}")
        } else {
            format!("Splitting {node} to /{prefix}")
        };
        self.check_cap(total, &what)?;
        self.split_rows_to(rows, prefix);
        Ok(under as usize)
    }

    /// Cut the base into `n` equal parts, `n` rounded up to a power of two: every leaf larger
    /// than a part is split down to the part's size by the split rule, and what is already cut
    /// finer stays (the hierarchy is never discarded; "Join all" first to start over). Returns
    /// the number of parts so the UI can say "rounded 5 up to 8".
    pub fn split_into(&mut self, n: u64) -> Result<usize, DesignError> {
        self.split_node_into(self.base, n)
    }

    /// [`Design::split_into`] for tree node `node` only: `node` cut into `n` equal parts (`n`
    /// rounded up to a power of two, which is returned), leaves outside `node` untouched.
    pub fn split_node_into(&mut self, node: Cidr, n: u64) -> Result<usize, DesignError> {
        let rows = self.span(node)?;
        if n == 0 {
            return err("Split into at least 1 part");
        }
        // ceil(log2(n)): the number of binary levels that give at least n parts.
        let bits = (u64::BITS - (n - 1).leading_zeros()) as u8;
        let rounded = pow2_saturating(bits);
        if bits > node.host_bits() {
            return err(format!(
                "{} cannot be split into {} parts: it holds only {} addresses",
                node,
                grouped(n as u128),
                node.size().grouped()
            ));
        }
        let what = format!("Splitting {} into {} parts", node, grouped(n as u128));
        self.check_cap(rounded, &what)?;
        let prefix = node.prefix() + bits;
        self.check_mode_allows(&format!("splitting {node} into {rounded} parts"), prefix)?;
        let count = self.count_after_split(rows.clone(), prefix);
        self.check_cap((self.leaves.len() - rows.len()) as u128 + count, &what)?;
        self.split_rows_to(rows, prefix);
        Ok(rounded as usize)
    }

    /// Merge everything back into one leaf, the base, by the join rule.
    pub fn join_all(&mut self) {
        let base = self.base;
        // The base is always a node, so this cannot fail.
        let _ = self.join(base);
    }

    /// Set the note of node `net`: a leaf's note, or an inner node's label (an empty text
    /// removes the label). Cleaned by [`sanitize_note`], so over-long text is cut.
    pub fn set_note(&mut self, net: Cidr, text: &str) -> Result<(), DesignError> {
        let note = sanitize_note(text);
        if let Some(i) = self.leaf_index(net) {
            self.leaves[i].note = note;
            return Ok(());
        }
        if !self.is_inner(net) {
            return err(format!("{net} is not a subnet of this design"));
        }
        match (self.labels.binary_search_by(|l| l.node.cmp(&net)), note.is_empty()) {
            (Ok(i), true) => {
                self.labels.remove(i);
            }
            (Ok(i), false) => self.labels[i].note = note,
            (Err(_), true) => {}
            (Err(i), false) => self.labels.insert(i, Label { node: net, note }),
        }
        Ok(())
    }

    /// Set or clear the colour of leaf `net`; refused when `net` is not a leaf of the design.
    pub fn set_color(&mut self, net: Cidr, color: Option<Color>) -> Result<(), DesignError> {
        let i = self.index_of_leaf(net)?;
        self.leaves[i].color = color;
        Ok(())
    }

    /// Switch the mode. Leaves are never changed or dropped by this (switching back must give
    /// the same design, and the user decides what to re-cut); the returned leaves are those
    /// the new mode does not accept, for the UI to flag. Later splits obey the new mode.
    pub fn set_mode(&mut self, mode: Mode) -> Vec<Cidr> {
        self.mode = mode;
        self.problem_leaves()
    }
}

// ---------------------------------------------------------------------------------------------
// Files and text: `json` (export/import), `csv`, `text` (Markdown, TSV) share the label paths.

/// Call `f` with every leaf, in order, and its label path: the labels of the groups holding
/// it, outermost first, then its own note (the CSV's `path` column, joined by
/// [`PATH_SEPARATOR`]). One pass over leaves and labels together.
fn for_each_path<'a>(d: &'a Design, mut f: impl FnMut(&'a Leaf, &[&'a str])) {
    // Labels are sorted in pre-order, so each one's ancestors come before it.
    let mut groups: Vec<&Label> = Vec::new();
    let mut next_label = 0;
    let mut path: Vec<&str> = Vec::new();
    for leaf in &d.leaves {
        let net = leaf.net;
        while let Some(l) = d.labels.get(next_label).filter(|l| l.node < net) {
            next_label += 1;
            while groups.last().is_some_and(|g| !g.node.contains(l.node)) {
                groups.pop();
            }
            groups.push(l);
        }
        while groups.last().is_some_and(|g| !g.node.contains(net)) {
            groups.pop();
        }
        path.clear();
        path.extend(groups.iter().map(|g| g.note.as_str()));
        if leaf.has_note() {
            path.push(&leaf.note);
        }
        f(leaf, &path);
    }
}
