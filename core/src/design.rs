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
    Red,
    Orange,
    Yellow,
    Green,
    Teal,
    Blue,
    Indigo,
    Purple,
    Pink,
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
    pub net: Cidr,
    /// Free text, already cleaned by [`sanitize_note`]; empty means "no note".
    pub note: String,
    pub color: Option<Color>,
}

impl Leaf {
    /// A leaf with no note and no colour.
    pub fn free(net: Cidr) -> Leaf {
        Leaf { net, note: String::new(), color: None }
    }

    pub fn has_note(&self) -> bool {
        !self.note.is_empty()
    }
}

/// One tree node whose rows intersect a window: the UI draws it in column `depth`, spanning
/// `rows` rows from `first_row`. A leaf's own cell is its split control; an internal node's
/// cell is the join bar that merges everything under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bar {
    pub node: Cidr,
    /// Binary levels below the base (the base itself is 0).
    pub depth: u8,
    /// Index of the first leaf under the node (may lie before the window).
    pub first_row: usize,
    /// Number of leaves under the node (may reach past the window).
    pub rows: usize,
    pub is_leaf: bool,
}

/// Totals for the summary line. `noted + free == total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub leaves: usize,
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

/// Unicode bidirectional embedding, override and isolate controls (Trojan Source).
fn is_bidi_control(c: char) -> bool {
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

/// The note and colour a leaf gets when `leaves` are joined: those of the first leaf with a
/// note, else the colour of the first coloured leaf, else nothing. Joining right after a
/// split therefore restores the split leaf (the split put them on its first part).
fn merged_leaf(node: Cidr, leaves: &[Leaf]) -> Leaf {
    if let Some(l) = leaves.iter().find(|l| l.has_note()) {
        return Leaf { net: node, note: l.note.clone(), color: l.color };
    }
    Leaf { net: node, note: String::new(), color: leaves.iter().find_map(|l| l.color) }
}

/// `leaf` cut into its blocks of `prefix`: the first part keeps the note and colour (so a
/// split followed by a join gives the leaf back and the noted space does not grow), the other
/// parts are free. The caller has checked that the count is within [`MAX_LEAVES`].
fn split_leaf(leaf: Leaf, prefix: u8, out: &mut Vec<Leaf>) {
    let parts = pow2_saturating(prefix - leaf.net.prefix());
    let net = leaf.net;
    let mut first = Some(leaf);
    for k in 0..parts {
        let Some(child) = nth_block(net, prefix, k) else { break };
        match first.take() {
            Some(l) => out.push(Leaf { net: child, ..l }),
            None => out.push(Leaf::free(child)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Construction and validation.

impl Design {
    /// A design whose only leaf is the whole base network.
    pub fn new(base: Cidr, mode: Mode) -> Design {
        Design { base, mode, leaves: vec![Leaf::free(base)] }
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
        leaves.sort_by_key(|l| l.net);
        check_partition(base, &leaves)?;
        if let Some(p) = leaves.iter().find_map(|l| note_problem(l.net, &l.note)) {
            return Err(DesignError(p));
        }
        Ok(Design { base, mode, leaves })
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
    pub fn base(&self) -> Cidr {
        self.base
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    /// Number of leaves (rows); at least 1.
    pub fn len(&self) -> usize {
        self.leaves.len()
    }

    /// Always `false`: a design always has at least its base as a leaf.
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

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
            return err(format!(
                "{} subnets can be at most /{longest}; {what} would make /{prefix}",
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
    /// IPv6 address, offered for both families). The first part keeps the note and colour.
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
        let leaf = self.leaves[i].clone();
        let mut parts_vec = Vec::with_capacity(parts as usize);
        split_leaf(leaf, prefix, &mut parts_vec);
        self.leaves.splice(i..i + 1, parts_vec);
        Ok(())
    }

    /// Merge everything under tree node `node` into one leaf (see [`merged_leaf`] for the note
    /// it keeps). Joining a leaf is a no-op.
    pub fn join(&mut self, node: Cidr) -> Result<(), DesignError> {
        let span = self.span(node)?;
        if span.len() > 1 {
            let merged = merged_leaf(node, &self.leaves[span.clone()]);
            self.leaves.splice(span, [merged]);
        }
        Ok(())
    }

    /// Split every leaf shorter than `/prefix` down to `/prefix`; longer leaves stay. Returns
    /// the new number of leaves. Refused past the mode's smallest subnet or [`MAX_LEAVES`].
    pub fn split_all_to(&mut self, prefix: u8) -> Result<usize, DesignError> {
        let w = self.base.width();
        if prefix > w {
            return err(format!("/{prefix} is longer than an IPv{} address (/{w})", self.base.family().number()));
        }
        if prefix < self.base.prefix() {
            return err(format!("/{prefix} is larger than the base network {}", self.base));
        }
        self.check_mode_allows(&format!("splitting to /{prefix}"), prefix)?;
        let count = self.leaves.iter().fold(0u128, |acc, l| {
            let n = if l.net.prefix() < prefix { pow2_saturating(prefix - l.net.prefix()) } else { 1 };
            acc.saturating_add(n)
        });
        self.check_cap(count, &format!("Splitting every subnet to /{prefix}"))?;
        let mut out = Vec::with_capacity(count as usize);
        for leaf in std::mem::take(&mut self.leaves) {
            if leaf.net.prefix() < prefix {
                split_leaf(leaf, prefix, &mut out);
            } else {
                out.push(leaf);
            }
        }
        self.leaves = out;
        Ok(self.leaves.len())
    }

    /// Cut the whole base into `n` equal parts, `n` rounded up to a power of two. Returns the
    /// actual number of parts so the UI can say "rounded 5 up to 8". Notes follow the split and
    /// join rules: a part holding several old leaves keeps their merged note, a part inside an
    /// old leaf keeps its note only if it is the leaf's first part.
    pub fn split_into(&mut self, n: u64) -> Result<usize, DesignError> {
        if n == 0 {
            return err("Split into at least 1 part");
        }
        // ceil(log2(n)): the number of binary levels that give at least n parts.
        let bits = (u64::BITS - (n - 1).leading_zeros()) as u8;
        let rounded = pow2_saturating(bits);
        if bits > self.base.host_bits() {
            return err(format!(
                "{} cannot be split into {} parts: it holds only {} addresses",
                self.base,
                grouped(n as u128),
                self.base.size().grouped()
            ));
        }
        self.check_cap(rounded, &format!("Splitting {} into {} parts", self.base, grouped(n as u128)))?;
        let prefix = self.base.prefix() + bits;
        self.check_mode_allows(&format!("splitting {} into {rounded} parts", self.base), prefix)?;
        self.retile(prefix);
        Ok(self.leaves.len())
    }

    /// Merge everything back into one leaf: the base.
    pub fn join_all(&mut self) {
        self.retile(self.base.prefix());
    }

    /// Replace the leaves by the equal blocks of `prefix`, carrying notes by the split/join
    /// rules. One merge walk over old leaves and new blocks: O(old + new).
    fn retile(&mut self, prefix: u8) {
        let parts = pow2_saturating(prefix - self.base.prefix());
        let old = std::mem::take(&mut self.leaves);
        let mut out = Vec::with_capacity(usize::try_from(parts).unwrap_or(MAX_LEAVES).min(MAX_LEAVES));
        let mut cursor = 0;
        for k in 0..parts {
            let Some(part) = nth_block(self.base, prefix, k) else { break };
            let start = cursor;
            while cursor < old.len() && part.contains(old[cursor].net) {
                cursor += 1;
            }
            if cursor > start {
                out.push(merged_leaf(part, &old[start..cursor]));
                continue;
            }
            // The part lies inside the old leaf at `cursor` (which is shorter than `prefix`).
            let Some(holder) = old.get(cursor) else { break };
            if part.network() == holder.net.network() {
                out.push(Leaf { net: part, ..holder.clone() });
            } else {
                out.push(Leaf::free(part));
            }
            if part.last() == holder.net.last() {
                cursor += 1;
            }
        }
        self.leaves = out;
    }

    /// Set the note of leaf `net`, cleaned by [`sanitize_note`] (so over-long text is cut).
    pub fn set_note(&mut self, net: Cidr, text: &str) -> Result<(), DesignError> {
        let i = self.index_of_leaf(net)?;
        self.leaves[i].note = sanitize_note(text);
        Ok(())
    }

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

    /// The design moved onto `new_base`, keeping the mode, plus the old leaves that were
    /// dropped. Works in host bits, so the family may change too:
    /// - same size: every leaf moves by the same offset (nothing is dropped);
    /// - smaller (zoom in): the window is where `new_base` lies inside the old base, or the
    ///   start of the old base when it lies elsewhere; leaves inside the window move, a leaf
    ///   holding the whole window becomes the single leaf (keeping its note), others drop;
    /// - larger (zoom out): the old design moves to where the old base lies inside `new_base`
    ///   (or to its start) and the rest is padded with the fewest free leaves.
    pub fn rebase(&self, new_base: Cidr) -> Result<(Design, Vec<Cidr>), DesignError> {
        let (old_h, new_h) = (self.base.host_bits(), new_base.host_bits());
        let old_start = self.base.network().value();
        let new_start = new_base.network().value();
        let moved = |leaf: &Leaf, from: u128, to: u128| -> Option<Leaf> {
            let rel = leaf.net.network().value() - from;
            let prefix = new_base.width() - leaf.net.host_bits();
            let net = block(new_base.family(), to.checked_add(rel)?, prefix)?;
            Some(Leaf { net, ..leaf.clone() })
        };
        let internal = || DesignError(format!("Internal error moving the design onto {new_base}"));
        if new_h <= old_h {
            let window = if self.base.contains(new_base) { new_start - old_start } else { 0 };
            let window_start = old_start + window;
            let window_net = block(self.base.family(), window_start, self.base.width() - new_h).ok_or_else(internal)?;
            let mut kept = Vec::new();
            let mut dropped = Vec::new();
            for leaf in &self.leaves {
                if window_net.contains(leaf.net) {
                    kept.push(moved(leaf, window_start, new_start).ok_or_else(internal)?);
                } else if leaf.net.contains(window_net) {
                    kept.push(Leaf { net: new_base, ..leaf.clone() });
                } else {
                    dropped.push(leaf.net);
                }
            }
            let design = Design::from_leaves(new_base, self.mode, kept)?;
            return Ok((design, dropped));
        }
        let place = if self.base.family() == new_base.family() && new_base.contains(self.base) {
            old_start - new_start
        } else {
            0
        };
        let image = block(new_base.family(), new_start + place, new_base.width() - old_h).ok_or_else(internal)?;
        let padding = crate::ops::padding_around(new_base, image);
        self.check_cap((self.leaves.len() + padding.len()) as u128, &format!("Moving the design onto {new_base}"))?;
        let mut leaves: Vec<Leaf> = padding.into_iter().map(Leaf::free).collect();
        for leaf in &self.leaves {
            leaves.push(moved(leaf, old_start, image.network().value()).ok_or_else(internal)?);
        }
        Ok((Design::from_leaves(new_base, self.mode, leaves)?, Vec::new()))
    }
}

// ---------------------------------------------------------------------------------------------
// Export and import.

/// Identifies a JSON file as a cidrplan design export.
const JSON_FORMAT: &str = "cidrplan-design";
const JSON_VERSION: u32 = 1;

#[derive(serde::Deserialize)]
struct DesignJson {
    format: Option<String>,
    version: Option<u32>,
    base: String,
    #[serde(default)]
    mode: Option<String>,
    subnets: Vec<SubnetJson>,
}

#[derive(serde::Deserialize)]
struct SubnetJson {
    subnet: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    color: Option<String>,
}

/// JSON string literal (quotes and escapes) for `s`.
fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The design as JSON: one subnet per line, `note` and `color` only where set. Re-imported by
/// [`from_json`].
pub fn to_json(d: &Design) -> String {
    let mut out = String::with_capacity(128 + d.len() * 48);
    out.push_str(&format!(
        "{{\n  \"format\": \"{JSON_FORMAT}\",\n  \"version\": {JSON_VERSION},\n  \"base\": \"{}\",\n  \"mode\": \"{}\",\n  \"subnets\": [\n",
        d.base,
        d.mode.id()
    ));
    for (i, leaf) in d.leaves.iter().enumerate() {
        out.push_str(&format!("    {{\"subnet\": \"{}\"", leaf.net));
        if leaf.has_note() {
            out.push_str(&format!(", \"note\": {}", json_str(&leaf.note)));
        }
        if let Some(c) = leaf.color {
            out.push_str(&format!(", \"color\": \"{}\"", c.id()));
        }
        out.push('}');
        out.push_str(if i + 1 < d.leaves.len() { ",\n" } else { "\n" });
    }
    out.push_str("  ]\n}\n");
    out
}

/// A design from JSON written by [`to_json`] (or by hand in the same shape). Validates every
/// field and the whole partition; fails with a message naming the first problem.
pub fn from_json(text: &str) -> Result<Design, DesignError> {
    if text.len() > MAX_JSON_BYTES {
        return err(format!(
            "The file is too large ({} bytes); a design export is at most {} bytes",
            grouped(text.len() as u128),
            grouped(MAX_JSON_BYTES as u128)
        ));
    }
    let raw: DesignJson =
        serde_json::from_str(text).map_err(|e| DesignError(format!("This is not a cidrplan design file: {e}")))?;
    if let Some(f) = raw.format.as_deref() {
        if f != JSON_FORMAT {
            return err(format!("This file holds '{f}', not a cidrplan design"));
        }
    }
    match raw.version {
        Some(v) if v > JSON_VERSION => {
            return err(format!(
                "This design was saved by a newer cidrplan (version {v}); this one reads version {JSON_VERSION}"
            ))
        }
        Some(0) => return err("Unknown design file version 0"),
        _ => {}
    }
    let base = parse_strict_cidr(&raw.base).map_err(|m| DesignError(format!("Base network: {m}")))?;
    let mode = match raw.mode.as_deref() {
        None => Mode::Standard,
        Some(m) => m.parse::<Mode>().map_err(DesignError)?,
    };
    if raw.subnets.len() > MAX_LEAVES {
        return err(format!(
            "The design has {} subnets; the designer holds at most {}",
            grouped(raw.subnets.len() as u128),
            grouped(MAX_LEAVES as u128)
        ));
    }
    let mut leaves = Vec::with_capacity(raw.subnets.len());
    for (i, s) in raw.subnets.into_iter().enumerate() {
        leaves.push(leaf_from_json(i, s, base.family())?);
    }
    Design::from_leaves(base, mode, leaves)
}

fn leaf_from_json(i: usize, s: SubnetJson, family: Family) -> Result<Leaf, DesignError> {
    let at = |m: String| DesignError(format!("Subnet #{}: {m}", i + 1));
    let net = parse_strict_cidr(&s.subnet).map_err(at)?;
    if net.family() != family {
        return Err(at(format!("{net} is not of the same IP version as the base network")));
    }
    let note = s.note.unwrap_or_default();
    if let Some(p) = note_problem(net, &note) {
        return Err(at(p));
    }
    let color = match s.color.as_deref() {
        None | Some("") => None,
        Some(c) => Some(c.parse::<Color>().map_err(at)?),
    };
    Ok(Leaf { net, note, color })
}

/// `address/prefix` exactly, without host bits: an import must not guess.
fn parse_strict_cidr(text: &str) -> Result<Cidr, String> {
    let (a, p) = text.split_once('/').ok_or_else(|| format!("'{text}' is not a network like 10.0.0.0/16"))?;
    let ip: std::net::IpAddr = a.parse().map_err(|_| format!("'{a}' is not an IP address"))?;
    let addr = Addr::from(ip);
    let w = addr.family().width();
    let prefix = match p.parse::<u8>() {
        Ok(n) if n <= w && (p == "0" || !p.starts_with('0')) => n,
        _ => return Err(format!("'/{p}' is not a prefix length from /0 to /{w}")),
    };
    Cidr::exact(addr, prefix).ok_or_else(|| {
        let net = Cidr::containing(addr, prefix).map(|c| c.to_string()).unwrap_or_default();
        format!("{text} has host bits set; the network is {net}")
    })
}

/// The CSV header, matching the cells of [`to_csv`].
pub const CSV_HEADER: &str = "subnet,netmask,first,last,first_usable,last_usable,usable,cidrsubnet,note,color";

/// The design as CSV (RFC 4180, CRLF line ends), one row per leaf. Cells are quoted where
/// needed and guarded against spreadsheet formula injection.
pub fn to_csv(d: &Design) -> String {
    let mut out = String::with_capacity(CSV_HEADER.len() + 2 + d.len() * 96);
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for leaf in &d.leaves {
        let net = leaf.net;
        let (fu, lu) = match d.mode.usable_range(net) {
            Some((f, l)) => (f.to_string(), l.to_string()),
            None => (String::new(), String::new()),
        };
        let cells = [
            net.to_string(),
            netmask_text(net),
            net.network().to_string(),
            net.last().to_string(),
            fu,
            lu,
            d.mode.usable(net).to_string(),
            d.cidrsubnet_expr(net),
            leaf.note.clone(),
            leaf.color.map(|c| c.id().to_string()).unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV cell: a leading apostrophe when a spreadsheet would read it as a formula, then
/// quoted (with doubled quotes) when it holds a separator, quote or line break.
pub fn csv_cell(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}
