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

use super::{common_prefix_len, nth_block, Bar, Design};
use crate::addr::{Cidr, Family};
use std::ops::Range;

/// Binary levels a nibble bar stands for.
const NIBBLE: u8 = 4;

/// A bar as drawn: the tree node and how many binary levels its join bar stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DrawnBar {
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
    /// About 16 binary searches, plus 14 when the design has labels.
    fn is_nibble(&self, node: Cidr) -> bool {
        if node.family() != Family::V6 || node.prefix() + NIBBLE > node.width() {
            return false;
        }
        let deep = node.prefix() + NIBBLE;
        let whole = (0..16u128).all(|k| {
            nth_block(node, deep, k)
                .and_then(|b| self.leaf_containing(b.network()).map(|i| self.leaves[i].net.prefix() >= deep))
                .unwrap_or(false)
        });
        whole
            && (self.labels.is_empty()
                || (1..NIBBLE).all(|step| {
                    let p = node.prefix() + step;
                    (0..1u128 << step).all(|k| nth_block(node, p, k).is_none_or(|b| self.label(b).is_none()))
                }))
    }

    /// The levels (binary depths below the base) drawn as columns, ascending: one column
    /// each. For IPv4 this is every level down to [`Design::max_depth`].
    pub fn bar_levels(&self) -> Vec<u8> {
        let base = self.base.prefix();
        if self.base.family() == Family::V4 {
            return (0..=self.max_depth()).collect();
        }
        let mut drawn = [false; 129];
        let mut path = Path::default();
        let mut prev: Option<Cidr> = None;
        for leaf in &self.leaves {
            let leaf = leaf.net;
            let from = prev.map_or(base, |p| common_prefix_len(p, leaf) + 1);
            for prefix in from..=leaf.prefix() {
                let Some(node) = leaf.supernet(prefix) else { continue };
                if path.visit(self, node, prefix == leaf.prefix()).is_some() {
                    drawn[usize::from(prefix - base)] = true;
                }
            }
            prev = Some(leaf);
        }
        (0..=128u8).filter(|&l| drawn[usize::from(l)]).collect()
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
