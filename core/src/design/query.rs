//! What a design holds: leaves, labels, spans of nodes, the split bars in a window, the
//! summary, and the Terraform expression of a subnet.

use super::*;

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
    pub(super) fn label_range(&self, node: Cidr) -> Range<usize> {
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
    pub(super) fn span_end(&self, node: Cidr) -> usize {
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
