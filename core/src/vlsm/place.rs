//! Placing sized needs in the base: aligned blocks, largest first or as listed, and the re-run
//! that keeps unchanged needs where they were.

use super::fit::NotFit;
use super::{size_for, Need, NeedSize, Order, Sizing};
use crate::addr::{host_mask, Addr, Cidr, Count};
use crate::design::{Design, DesignError, Leaf};
use crate::lines::LineError;
use crate::mode::Mode;
use std::collections::HashMap;

/// One need with its subnet.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Placed {
    /// The need's name.
    pub name: String,
    /// The size asked for.
    pub size: NeedSize,
    /// The line of the need list it came from (1-based).
    pub line: usize,
    /// The subnet it got.
    pub net: Cidr,
    /// Usable addresses of `net` under the mode.
    pub usable: Count,
}

impl Placed {
    /// Usable addresses beyond the hosts asked for (`None` for a need given as a prefix).
    pub fn spare(&self) -> Option<Count> {
        match self.size {
            NeedSize::Hosts(n) => Some(self.usable.saturating_sub(n)),
            NeedSize::Prefix(_) => None,
        }
    }

    /// "120 hosts → /25, 126 usable, 6 spare" (or "/30 → 2 usable").
    pub fn headroom(&self) -> String {
        let p = self.net.prefix();
        let usable = self.usable.grouped();
        match self.spare() {
            Some(s) => format!("{} → /{p}, {usable} usable, {} spare", self.size, s.grouped()),
            None => format!("/{p} → {usable} usable"),
        }
    }
}

/// A laid-out need list: every need that could be sized, with its subnet, in list order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    base: Cidr,
    mode: Mode,
    order: Order,
    items: Vec<Placed>,
    skipped: Vec<LineError>,
}

impl Placement {
    /// The base network the needs are placed in.
    pub fn base(&self) -> Cidr {
        self.base
    }

    /// The mode the needs were sized under.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The order the needs were placed in.
    pub fn order(&self) -> Order {
        self.order
    }

    /// The placed needs, in the order of the list.
    pub fn items(&self) -> &[Placed] {
        &self.items
    }

    /// Needs left out because no subnet of the mode can hold them (each names its line).
    pub fn skipped(&self) -> &[LineError] {
        &self.skipped
    }

    /// Addresses in the needs' subnets.
    pub fn used(&self) -> Count {
        self.items.iter().fold(Count::ZERO, |acc, p| acc.saturating_add(p.net.size()))
    }

    /// The rest of the base as the fewest aligned blocks, in address order.
    pub fn free(&self) -> Vec<Cidr> {
        let nets: Vec<Cidr> = self.items.iter().map(|p| p.net).collect();
        crate::ops::exclude(self.base, &nets).unwrap_or_default()
    }

    /// The placement as a designer design: a leaf noted with the need's name for each need,
    /// free leaves for the rest. Fails only past the designer's leaf cap.
    pub fn to_design(&self) -> Result<Design, DesignError> {
        let mut leaves: Vec<Leaf> =
            self.items.iter().map(|p| Leaf { net: p.net, note: p.name.clone(), color: None }).collect();
        leaves.extend(self.free().into_iter().map(Leaf::free));
        Design::from_leaves(self.base, self.mode, leaves)
    }
}

/// A need that moved on a re-run.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Move {
    /// The need's name.
    pub name: String,
    /// Its subnet in the previous placement.
    pub from: Cidr,
    /// Its subnet now.
    pub to: Cidr,
}

/// A re-run's placement and how it differs from the previous one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relayout {
    /// The new placement.
    pub placement: Placement,
    /// Needs that were placed before and now have another subnet, in list order.
    pub moved: Vec<Move>,
    /// Needs that were not in the previous placement.
    pub added: Vec<String>,
    /// Names of the previous placement that are no longer in the list.
    pub removed: Vec<String>,
    /// The list no longer fitted around the kept subnets, so it was laid out afresh.
    pub repacked: bool,
}

impl Relayout {
    /// Needs that kept their subnet.
    pub fn kept(&self) -> usize {
        self.placement.items.len() - self.moved.len() - self.added.len()
    }

    /// One sentence for people: "4 kept in place; moved: Ops 10.0.0.128/26 → 10.0.1.0/25; new: Lab".
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} kept in place", self.kept())];
        if !self.moved.is_empty() {
            let m: Vec<String> = self.moved.iter().map(|m| format!("{} {} → {}", m.name, m.from, m.to)).collect();
            parts.push(format!("moved: {}", m.join(", ")));
        }
        if !self.added.is_empty() {
            parts.push(format!("new: {}", self.added.join(", ")));
        }
        if !self.removed.is_empty() {
            parts.push(format!("removed: {}", self.removed.join(", ")));
        }
        let s = parts.join("; ");
        if self.repacked {
            format!("{s} (the list no longer fitted around the kept subnets, so it was laid out afresh)")
        } else {
            s
        }
    }
}

/// The named subnets of a design (its noted leaves), as [`relayout`] takes them: re-running a
/// need list over a design someone has edited keeps what they see.
pub fn named_blocks(design: &Design) -> Vec<(String, Cidr)> {
    design.leaves().iter().filter(|l| l.has_note()).map(|l| (l.note.clone(), l.net)).collect()
}

/// A need with its size under the mode.
pub(super) struct Sized<'a> {
    pub need: &'a Need,
    pub sizing: Sizing,
}

/// Size every need; those the mode cannot hold are returned as errors on their lines.
fn size_all<'a>(base: Cidr, mode: Mode, needs: &'a [Need]) -> (Vec<Sized<'a>>, Vec<LineError>) {
    let mut sized = Vec::with_capacity(needs.len());
    let mut skipped = Vec::new();
    for need in needs {
        match size_for(mode, base.family(), need.size) {
            Ok(sizing) => sized.push(Sized { need, sizing }),
            Err(m) => skipped.push(LineError { line: need.line, message: format!("{}: {m}", need.name) }),
        }
    }
    (sized, skipped)
}

/// Lay `needs` out in `base` under `mode`. Needs the mode cannot hold at all are left out and
/// listed in [`Placement::skipped`]; a list that does not fit is a [`NotFit`] (boxed: it is
/// large, and the error path is rare).
pub fn place(base: Cidr, mode: Mode, needs: &[Need], order: Order) -> Result<Placement, Box<NotFit>> {
    let (sized, skipped) = size_all(base, mode, needs);
    let prefixes: Vec<u8> = sized.iter().map(|s| s.sizing.prefix).collect();
    match allocate(base, &prefixes, order) {
        Some(nets) => Ok(build(base, mode, order, &sized, &nets, skipped)),
        None => Err(NotFit::explain(base, mode, order, &sized)),
    }
}

/// [`place`] for a changed list, given the previous placement as `(name, subnet)` pairs (see
/// [`named_blocks`]): a need whose name and size are unchanged keeps its subnet, a resized
/// need keeps its start when the block there is free, the others go to the lowest free
/// aligned blocks in `order`. When that does not fit, the list is laid out afresh.
pub fn relayout(
    base: Cidr,
    mode: Mode,
    needs: &[Need],
    order: Order,
    previous: &[(String, Cidr)],
) -> Result<Relayout, Box<NotFit>> {
    let (sized, skipped) = size_all(base, mode, needs);
    let old: HashMap<&str, Cidr> = previous.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let old_of = |s: &Sized| old.get(s.need.name.as_str()).copied();
    let prefixes: Vec<u8> = sized.iter().map(|s| s.sizing.prefix).collect();
    let mut space = Space::new(base);
    let mut at: Vec<Option<Cidr>> = vec![None; sized.len()];
    // Unchanged needs first, so that nothing new can take their place.
    for (i, s) in sized.iter().enumerate() {
        if let Some(b) = old_of(s).filter(|b| b.prefix() == s.sizing.prefix) {
            at[i] = space.take(b).then_some(b);
        }
    }
    let seq = sequence(&prefixes, order);
    for &i in &seq {
        let resized = old_of(&sized[i]).and_then(|b| Cidr::containing(b.network(), prefixes[i]));
        if at[i].is_none() {
            at[i] = resized.filter(|&b| space.take(b));
        }
    }
    let mut repacked = false;
    for &i in &seq {
        if at[i].is_none() {
            at[i] = space.first_fit(prefixes[i]);
            if at[i].is_none() {
                repacked = true;
                break;
            }
        }
    }
    let nets = if repacked {
        allocate(base, &prefixes, order).ok_or_else(|| NotFit::explain(base, mode, order, &sized))?
    } else {
        at.into_iter().flatten().collect()
    };
    let placement = build(base, mode, order, &sized, &nets, skipped);
    let mut moved = Vec::new();
    let mut added = Vec::new();
    for p in &placement.items {
        match old.get(p.name.as_str()) {
            Some(&from) if from != p.net => moved.push(Move { name: p.name.clone(), from, to: p.net }),
            Some(_) => {}
            None => added.push(p.name.clone()),
        }
    }
    let names: std::collections::HashSet<&str> = needs.iter().map(|n| n.name.as_str()).collect();
    let removed = previous.iter().filter(|(n, _)| !names.contains(n.as_str())).map(|(n, _)| n.clone()).collect();
    Ok(Relayout { placement, moved, added, removed, repacked })
}

fn build(base: Cidr, mode: Mode, order: Order, sized: &[Sized], nets: &[Cidr], skipped: Vec<LineError>) -> Placement {
    let items = sized
        .iter()
        .zip(nets)
        .map(|(s, &net)| Placed {
            name: s.need.name.clone(),
            size: s.need.size,
            line: s.need.line,
            net,
            usable: s.sizing.usable,
        })
        .collect();
    Placement { base, mode, order, items, skipped }
}

/// The order in which blocks of `prefixes` are placed: largest first (ties as listed), or as
/// listed.
pub(super) fn sequence(prefixes: &[u8], order: Order) -> Vec<usize> {
    let mut seq: Vec<usize> = (0..prefixes.len()).collect();
    if order == Order::Size {
        seq.sort_by_key(|&i| prefixes[i]);
    }
    seq
}

/// Blocks of `prefixes` (in list order) placed in `base` in `order`, each at the lowest free
/// aligned block; `None` when one does not fit.
pub(super) fn allocate(base: Cidr, prefixes: &[u8], order: Order) -> Option<Vec<Cidr>> {
    let mut space = Space::new(base);
    let mut at = vec![None; prefixes.len()];
    for i in sequence(prefixes, order) {
        at[i] = Some(space.first_fit(prefixes[i])?);
    }
    at.into_iter().collect()
}

/// The base's address space and the blocks taken in it (sorted, disjoint, inclusive ends).
struct Space {
    base: Cidr,
    used: Vec<(u128, u128)>,
}

impl Space {
    fn new(base: Cidr) -> Space {
        Space { base, used: Vec::new() }
    }

    /// Take `block` if it lies in the base and nothing there is taken.
    fn take(&mut self, block: Cidr) -> bool {
        if !self.base.contains(block) {
            return false;
        }
        let (s, e) = (block.network().value(), block.last().value());
        let i = self.used.partition_point(|&(_, ue)| ue < s);
        if self.used.get(i).is_some_and(|&(us, _)| us <= e) {
            return false;
        }
        self.used.insert(i, (s, e));
        true
    }

    /// Take and return the lowest free block of `prefix` aligned to its size. O(taken blocks).
    fn first_fit(&mut self, prefix: u8) -> Option<Cidr> {
        if prefix < self.base.prefix() || prefix > self.base.width() {
            return None;
        }
        let mask = host_mask(self.base.width(), prefix);
        // The lowest aligned start at or after `from` whose block ends by `to`.
        let fit = |from: u128, to: u128| {
            let start = from.checked_add(mask)? & !mask;
            (start.checked_add(mask)? <= to).then_some(start)
        };
        let mut cursor = Some(self.base.network().value());
        let mut found = None;
        for &(s, e) in &self.used {
            if let Some(c) = cursor.filter(|&c| c < s) {
                if let Some(start) = fit(c, s - 1) {
                    found = Some(start);
                    break;
                }
            }
            cursor = e.checked_add(1);
        }
        let start = match found {
            Some(s) => s,
            None => fit(cursor?, self.base.last().value())?,
        };
        let block = Cidr::exact(Addr::new(self.base.family(), start)?, prefix)?;
        self.take(block).then_some(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vlsm::parse_needs;

    fn c(s: &str) -> Cidr {
        crate::parse(s).unwrap().network()
    }

    fn nets(p: &Placement) -> Vec<String> {
        p.items().iter().map(|i| format!("{} {}", i.name, i.net)).collect()
    }

    #[test]
    fn largest_first_packs_and_reports_headroom() {
        let list = parse_needs("Sales 120\nOps 50\nLink 2\nDev 20");
        let p = place(c("192.168.0.0/24"), Mode::Standard, &list.needs, Order::Size).unwrap();
        assert_eq!(
            nets(&p),
            ["Sales 192.168.0.0/25", "Ops 192.168.0.128/26", "Link 192.168.0.224/31", "Dev 192.168.0.192/27"]
        );
        assert_eq!(p.items()[0].headroom(), "120 hosts → /25, 126 usable, 6 spare");
        assert_eq!(p.items()[2].headroom(), "2 hosts → /31, 2 usable, 0 spare");
        let free: Vec<String> = p.free().iter().map(|c| c.to_string()).collect();
        assert_eq!(free, ["192.168.0.226/31", "192.168.0.228/30", "192.168.0.232/29", "192.168.0.240/28"]);
        let d = p.to_design().unwrap();
        assert_eq!(d.summary().noted_leaves, 4);
        assert_eq!(d.leaves().iter().find(|l| l.note == "Ops").unwrap().net, c("192.168.0.128/26"));
    }

    #[test]
    fn listed_order_fills_alignment_gaps() {
        let list = parse_needs("a 2\nb 100\nc 10");
        let p = place(c("10.0.0.0/24"), Mode::Standard, &list.needs, Order::Listed).unwrap();
        // a takes a /31 at .0; b (a /25) must start at .128; c (a /28) fills the gap at .16.
        assert_eq!(nets(&p), ["a 10.0.0.0/31", "b 10.0.0.128/25", "c 10.0.0.16/28"]);
    }

    #[test]
    fn relayout_keeps_unchanged_needs_in_place() {
        let base = c("10.0.0.0/24");
        let first = place(base, Mode::Standard, &parse_needs("a 60\nb 60\nc 20").needs, Order::Size).unwrap();
        let prev: Vec<(String, Cidr)> = first.items().iter().map(|p| (p.name.clone(), p.net)).collect();
        // a is removed; d is new and takes a's place; b and c keep their blocks.
        let r = relayout(base, Mode::Standard, &parse_needs("b 60\nc 20\nd 50").needs, Order::Size, &prev).unwrap();
        assert!(!r.repacked);
        assert!(r.moved.is_empty(), "{:?}", r.moved);
        assert_eq!(r.added, ["d"]);
        assert_eq!(r.removed, ["a"]);
        assert_eq!(nets(&r.placement)[..2], nets(&first)[1..]);
        assert_eq!(r.placement.items()[2].net, c("10.0.0.0/26"));
        assert_eq!(r.kept(), 2);
        assert!(r.summary().starts_with("2 kept in place"), "{}", r.summary());
    }
}
