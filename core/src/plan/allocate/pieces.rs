//! The allocator's own model: the pieces a plan becomes, the groups they form, the free
//! space they are placed in, and what a placement gives or why it failed.

use super::super::model::{subnet_name, Plan, Sizing};
use crate::addr::{Cidr, Count};
use crate::sort::sort_few_by_key;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Subnet {
        tier: usize,
        zone: Option<usize>,
    },
    Spare {
        zone: usize,
    },
    /// A growth zone's slot in a tier's block (tier-major).
    ZoneSlot {
        tier: usize,
        zone: usize,
    },
    /// A growth zone's whole block (zone-major).
    ZoneBlock {
        zone: usize,
    },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Member {
    pub(crate) piece: Piece,
    pub(crate) prefix: u8,
    pub(crate) pin: Option<Cidr>,
    /// Declaration order, the last sort key.
    pub(crate) seq: usize,
}

impl Member {
    pub(crate) fn size(&self) -> u128 {
        prefix_size(self.prefix)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupKey {
    Zone(usize),
    Tier(usize),
    Spare,
}

#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub(crate) key: GroupKey,
    pub(crate) members: Vec<Member>,
    /// The first member's `seq`: groups and loose members sort together by it.
    pub(crate) seq: usize,
    /// Addresses the group's block holds at least (tier-major: its capacity's worth of slots).
    pub(crate) min: u128,
}

/// The smallest prefix of an aligned block holding `size` addresses; `None` past 2^32.
pub(crate) fn block_prefix(size: u128) -> Option<u8> {
    if size == 0 || size > 1u128 << 32 {
        return None;
    }
    let bits = 128 - (size - 1).leading_zeros();
    Some((32 - bits) as u8)
}

pub(crate) fn group_need(g: &Group) -> u128 {
    let members: u128 =
        g.members.iter().map(|m| m.pin.map(|p| p.size().as_u128().unwrap_or(0)).unwrap_or_else(|| m.size())).sum();
    members.max(g.min)
}

/// Addresses in an IPv4 block of prefix `p` (a prefix past /32 counts as /32: no shift overflows).
pub(crate) fn prefix_size(p: u8) -> u128 {
    1u128 << (32 - p.min(32))
}

/// Free aligned blocks, each tagged with the VPC block it lies in, sorted.
#[derive(Clone, Debug)]
pub(crate) struct Space {
    pub(crate) free: Vec<(usize, Cidr)>,
}

impl Space {
    pub(crate) fn new(blocks: &[(usize, Cidr)]) -> Space {
        let mut free = blocks.to_vec();
        sort_few_by_key(&mut free, |x| *x);
        Space { free }
    }

    /// Remove exactly `c`, which must lie inside one free block; returns its VPC block index.
    pub(crate) fn carve(&mut self, c: Cidr) -> Option<usize> {
        let i = self.free.iter().position(|(_, f)| f.contains(c))?;
        let (bi, f) = self.free.remove(i);
        self.free.extend(crate::ops::padding_around(f, c).into_iter().map(|p| (bi, p)));
        sort_few_by_key(&mut self.free, |x| *x);
        Some(bi)
    }

    /// Take a block of `prefix` at the lowest free aligned address of the first VPC block with
    /// room. Blocks are taken largest first, so any free block that can hold this one is as good
    /// as any other for what follows (its remainder splits into blocks no smaller than this
    /// one, which every later block can use): the lowest address is the least surprising.
    pub(crate) fn take(&mut self, prefix: u8) -> Option<(usize, Cidr)> {
        let (bi, f) =
            self.free.iter().filter(|(_, f)| f.prefix() <= prefix).min_by_key(|(bi, f)| (*bi, f.network())).copied()?;
        let c = Cidr::containing(f.network(), prefix)?;
        self.carve(c)?;
        Some((bi, c))
    }

    pub(crate) fn total(&self) -> u128 {
        self.free.iter().map(|(_, f)| f.size().as_u128().unwrap_or(0)).sum()
    }
}

/// Result of a successful placement.
pub(crate) struct Placement {
    pub(crate) pieces: Vec<(Piece, Cidr, usize, bool)>,
    pub(crate) blocks: Vec<(GroupKey, Cidr)>,
    pub(crate) warnings: Vec<crate::plan::warning::Warning>,
    /// Groups whose pins forced their members to be placed one by one.
    pub(crate) dissolved: usize,
    /// Tier-major's capacity (see the module docs).
    pub(crate) capacity: Option<usize>,
}

impl Placement {
    /// The last VPC block anything was placed in.
    pub(crate) fn last_block(&self) -> usize {
        self.pieces.iter().map(|p| p.2).max().unwrap_or(0)
    }
}

/// A block that found no room: the message's first part and what the suggestions should try.
pub(crate) struct Failure {
    pub(crate) head: String,
    pub(crate) remain: String,
    /// The tier a smaller size should be tried for first.
    pub(crate) tier: Option<usize>,
    /// Whether fewer zones could help.
    pub(crate) zone_related: bool,
}

/// Per-tier sizes; the caller has validated the plan.
pub(crate) fn sizes(plan: &Plan) -> Vec<Sizing> {
    plan.tiers
        .iter()
        .map(|t| {
            t.size.resolve(plan.provider).unwrap_or(Sizing {
                prefix: 32,
                usable: Count::ZERO,
                hosts: None,
                headroom: None,
            })
        })
        .collect()
}

/// Context for naming things in messages.
pub(crate) struct Names<'a> {
    pub(crate) plan: &'a Plan,
    pub(crate) suffixes: Vec<String>,
}

impl Names<'_> {
    pub(crate) fn tier(&self, t: usize) -> String {
        self.plan.tiers.get(t).map(|x| x.name.trim().to_string()).unwrap_or_default()
    }

    pub(crate) fn subnet(&self, t: usize, z: Option<usize>) -> String {
        subnet_name(&self.tier(t), z.and_then(|z| self.suffixes.get(z)).map(String::as_str))
    }

    pub(crate) fn piece(&self, p: Piece) -> String {
        match p {
            Piece::Subnet { tier, zone } => self.subnet(tier, zone),
            Piece::Spare { zone } => format!("spare {}", self.plan.zone_label(zone)),
            Piece::ZoneSlot { tier, zone } => format!("{} for {}", self.tier(tier), self.plan.zone_label(zone)),
            Piece::ZoneBlock { zone } => self.plan.zone_label(zone),
        }
    }

    pub(crate) fn group(&self, k: GroupKey) -> String {
        match k {
            GroupKey::Zone(z) => format!("zone {}", self.plan.zone_label(z)),
            GroupKey::Tier(t) => self.tier(t),
            GroupKey::Spare => "the spare blocks".to_string(),
        }
    }
}

pub(crate) fn grouped(n: u128) -> String {
    Count::new(n).grouped()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cidr {
        crate::parse::parse(s).unwrap().network()
    }

    #[test]
    fn block_prefix_rounds_up() {
        assert_eq!(block_prefix(1), Some(32));
        assert_eq!(block_prefix(4608), Some(19));
        assert_eq!(block_prefix(8192), Some(19));
        assert_eq!(block_prefix(1 << 32), Some(0));
        assert_eq!(block_prefix((1 << 32) + 1), None);
        assert_eq!(block_prefix(0), None);
    }

    #[test]
    fn space_fills_the_primary_from_the_start() {
        let mut s = Space::new(&[(0, c("10.0.0.0/16")), (1, c("10.1.0.0/24"))]);
        s.carve(c("10.0.0.0/24")).unwrap();
        // Inside the primary, next to the carved block; not the secondary.
        assert_eq!(s.take(24), Some((0, c("10.0.1.0/24"))));
        assert_eq!(s.take(17), Some((0, c("10.0.128.0/17"))));
        assert_eq!(s.take(15), None);
    }
}
