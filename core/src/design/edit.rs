//! Changing a design: split, join, split to a prefix or into N parts, notes, colours, the
//! mode. Each checks everything first and changes the design only when it succeeds.

use super::*;

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

    pub(super) fn check_cap(&self, count: u128, what: &str) -> Result<(), DesignError> {
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
