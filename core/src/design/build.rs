//! Building a design: from its base, or from leaves and labels (checked to partition the
//! base exactly).

use super::*;

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
pub(super) fn check_partition(base: Cidr, leaves: &[Leaf]) -> Result<(), DesignError> {
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

pub(super) fn gap_message(family: Family, first: u128, last: u128) -> String {
    let show = |v| Addr::new(family, v).map(|a| a.to_string()).unwrap_or_default();
    format!("No subnet covers {} – {}: the subnets must cover the whole base network", show(first), show(last))
}
