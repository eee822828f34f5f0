//! Which tree levels the designer draws as split/join columns.
//!
//! The tree is binary (see the module docs of `design`), but IPv6 plans are cut one hex digit
//! at a time: a /48 split by 16 into /52s, each into /56s, then /64s is sixteen binary levels
//! and would be sixteen bars wide. So in an IPv6 design a node whose sixteen blocks four
//! levels down all exist (a "nibble": what splitting by 16 makes) gets one join bar standing
//! for those four levels, and the three levels in between are not drawn. An in-between node
//! with a label keeps its group drawn in binary (its label must show). IPv4 plans are read in
//! binary prefixes and offer no split by 16, so they are always drawn level by level.
//!
//! Columns are the levels drawn anywhere in the design, so the same level lines up in every
//! row; a nibble bar spans every column between its level and the next level it draws.

use super::{nth_block, Bar, Design, Leaf};
use crate::addr::{Cidr, Family};
use std::ops::Range;

/// Binary levels a nibble bar stands for.
const NIBBLE: u8 = 4;

/// A bar as drawn: the tree node and how many binary levels its join bar stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DrawnBar {
    /// The tree node and the rows it spans.
    pub bar: Bar,
    /// 0 for a leaf, 1 for an ordinary join bar, 4 for a nibble (16-way) join bar.
    pub levels: u8,
}

/// The drawn nodes holding the current row, outermost first, each with the prefix of the next
/// node drawn under it. Rows come in address order, so the path above is shared.
#[derive(Default)]
struct Path(Vec<(Cidr, u8)>);

impl Path {
    /// How many levels the bar of `node` stands for, or `None` when `node` is an in-between
    /// level of a nibble and is not drawn. `node` must come in pre-order after its ancestors.
    fn visit(&mut self, d: &Design, node: Cidr, is_leaf: bool) -> Option<u8> {
        while self.0.last().is_some_and(|&(top, _)| !top.contains(node)) {
            self.0.pop();
        }
        if self.0.last().is_some_and(|&(_, next)| node.prefix() < next) {
            return None;
        }
        if is_leaf {
            return Some(0);
        }
        let levels = if d.is_nibble(node) { NIBBLE } else { 1 };
        self.0.push((node, node.prefix() + levels));
        Some(levels)
    }
}

impl Design {
    /// Whether inner node `node` is drawn as one 16-way bar: an IPv6 node whose sixteen
    /// blocks four levels down are all nodes, with no label on the levels in between.
    fn is_nibble(&self, node: Cidr) -> bool {
        let start = self.leaves.partition_point(|l| l.net.network() < node.network());
        let under = &self.leaves[start..self.span_end(node).max(start)];
        self.nibble_parts(node, under).is_some()
    }

    /// The leaves under each of the sixteen blocks four levels below `node`, when `node` is
    /// drawn as a 16-way bar (see [`Design::is_nibble`]); `under` are the leaves under `node`.
    /// 16 binary searches in `under`, plus 14 in the labels when there are any.
    fn nibble_parts<'a>(&self, node: Cidr, under: &'a [Leaf]) -> Option<[&'a [Leaf]; 16]> {
        if node.family() != Family::V6 || node.prefix() + NIBBLE > node.width() || under.len() < 16 {
            return None;
        }
        let deep = node.prefix() + NIBBLE;
        let mut parts: [&[Leaf]; 16] = [&[]; 16];
        let mut rest = under;
        for (k, part) in parts.iter_mut().enumerate() {
            let block = nth_block(node, deep, k as u128)?;
            let (inside, after) = rest.split_at(rest.partition_point(|l| l.net.network() <= block.last()));
            // The block is a node when its first leaf lies inside it (not a larger leaf).
            if inside.first().is_none_or(|l| l.net.prefix() < deep) {
                return None;
            }
            *part = inside;
            rest = after;
        }
        let unlabelled = self.labels.is_empty()
            || (1..NIBBLE).all(|step| {
                let p = node.prefix() + step;
                (0..1u128 << step).all(|k| nth_block(node, p, k).is_none_or(|b| self.label(b).is_none()))
            });
        unlabelled.then_some(parts)
    }

    /// The levels (binary depths below the base) drawn as columns, ascending: one column
    /// each. For IPv4 this is every level down to [`Design::max_depth`]. Linear in the
    /// leaves (in-between levels of nibbles are skipped, not visited).
    pub fn bar_levels(&self) -> Vec<u8> {
        if self.base.family() == Family::V4 {
            return (0..=self.max_depth()).collect();
        }
        let mut drawn = [false; 129];
        self.mark_levels(self.base, &self.leaves, &mut drawn);
        (0..=128u8).filter(|&l| drawn[usize::from(l)]).collect()
    }

    /// Marks the level of `node` and of every node drawn under it; `under` are its leaves.
    fn mark_levels(&self, node: Cidr, under: &[Leaf], drawn: &mut [bool; 129]) {
        drawn[usize::from(node.prefix() - self.base.prefix())] = true;
        // A node with one leaf under it is that leaf.
        if under.len() <= 1 {
            return;
        }
        if let Some(parts) = self.nibble_parts(node, under) {
            for (k, part) in parts.iter().enumerate() {
                if let Some(block) = nth_block(node, node.prefix() + NIBBLE, k as u128) {
                    self.mark_levels(block, part, drawn);
                }
            }
            return;
        }
        let (Some(low), Some(high)) = (nth_block(node, node.prefix() + 1, 0), nth_block(node, node.prefix() + 1, 1))
        else {
            return;
        };
        let (a, b) = under.split_at(under.partition_point(|l| l.net.network() <= low.last()));
        self.mark_levels(low, a, drawn);
        self.mark_levels(high, b, drawn);
    }

    /// [`Design::bars`] as drawn: the in-between levels of nibbles left out, each bar with the
    /// levels it stands for. Clipped to `window` like `bars`, at the same cost.
    pub fn drawn_bars(&self, window: Range<usize>) -> Vec<DrawnBar> {
        let mut path = Path::default();
        self.bars(window)
            .into_iter()
            .filter_map(|bar| path.visit(self, bar.node, bar.is_leaf).map(|levels| DrawnBar { bar, levels }))
            .collect()
    }
}
