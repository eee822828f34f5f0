//! Named edits of a plan, as the form (and the remedies) make them, so the page holds no
//! default or rule of its own: what a new tier, block, pin or IPv6 block starts as, and how
//! many VPC blocks the provider allows.

use super::check;
use super::model::{
    default_region, default_zone_name, Ipv6Plan, Pin, Plan, Tier, TierKind, TierSize, MAX_PINS, MAX_TIERS,
    MAX_VPC_BLOCKS, MAX_ZONES,
};
use crate::addr::{Addr, Cidr};
use crate::Mode;

/// The IPv6 block a plan starts with when dual-stack is switched on: inside the documentation
/// prefix 2001:db8::/32 (RFC 3849), a /56 as AWS gives a VPC, to be replaced by the real one.
pub fn example_ipv6_block() -> Cidr {
    Cidr::exact(Addr::v6(0x2001_0db8_1234_5600 << 64), 56).unwrap_or(Cidr::all(crate::Family::V6))
}

impl Plan {
    /// Switch the provider. A region or zone name still at the old provider's default follows
    /// the new one; names the user typed stay.
    pub fn set_provider(&mut self, provider: Mode) {
        let old = self.provider;
        let old_region = self.region.clone();
        if self.region == default_region(old) {
            self.region = default_region(provider).to_string();
        }
        for (i, z) in self.zones.iter_mut().enumerate() {
            if *z == default_zone_name(old, &old_region, i) {
                *z = default_zone_name(provider, &self.region, i);
            }
        }
        self.provider = provider;
    }

    /// Change the region; zone names still at the default for the old region follow it.
    pub fn set_region(&mut self, region: &str) {
        let old_region = std::mem::replace(&mut self.region, region.to_string());
        for (i, z) in self.zones.iter_mut().enumerate() {
            if *z == default_zone_name(self.provider, &old_region, i) {
                *z = default_zone_name(self.provider, region, i);
            }
        }
    }

    /// Add a zone with the next default name (no-op at [`MAX_ZONES`]).
    pub fn add_zone(&mut self) {
        if self.zones.len() < MAX_ZONES {
            let name = default_zone_name(self.provider, &self.region, self.zones.len());
            self.zones.push(name);
        }
    }

    /// Remove zone `i`; pins in that zone are dropped and later pins' zone indices shift.
    pub fn remove_zone(&mut self, i: usize) {
        if i >= self.zones.len() {
            return;
        }
        self.zones.remove(i);
        self.pinned.retain(|p| p.zone != Some(i));
        for p in &mut self.pinned {
            if let Some(z) = p.zone.as_mut() {
                if *z > i {
                    *z -= 1;
                }
            }
        }
    }

    /// Remove tier `i`; its pins are dropped and later pins' tier indices shift.
    pub fn remove_tier(&mut self, i: usize) {
        if i >= self.tiers.len() {
            return;
        }
        self.tiers.remove(i);
        self.pinned.retain(|p| p.tier != i);
        for p in &mut self.pinned {
            if p.tier > i {
                p.tier -= 1;
            }
        }
    }

    /// Move tier `from` to position `to`, keeping pins attached to their tiers.
    pub fn move_tier(&mut self, from: usize, to: usize) {
        let n = self.tiers.len();
        if from >= n || to >= n || from == to {
            return;
        }
        let t = self.tiers.remove(from);
        self.tiers.insert(to, t);
        let remap = |i: usize| -> usize {
            if i == from {
                to
            } else if from < to && i > from && i <= to {
                i - 1
            } else if to < from && i >= to && i < from {
                i + 1
            } else {
                i
            }
        };
        for p in &mut self.pinned {
            p.tier = remap(p.tier);
        }
    }

    /// The most IPv4 blocks a VPC may have: the provider's quota, within what a plan holds.
    pub fn max_vpc_blocks(&self) -> usize {
        check::limits(self.provider).blocks_per_vpc.unwrap_or(MAX_VPC_BLOCKS).min(MAX_VPC_BLOCKS)
    }

    /// Add a secondary VPC block, the block after the last one as a starting point (no-op at
    /// [`Plan::max_vpc_blocks`]).
    pub fn add_vpc_block(&mut self) {
        let Some(&primary) = self.vpc.first() else { return };
        if self.vpc.len() < self.max_vpc_blocks() {
            let next = self.vpc.last().and_then(|c| c.next()).unwrap_or(primary);
            self.vpc.push(next);
        }
    }

    /// Add a private /24 tier named `tier<N>` (no-op at [`MAX_TIERS`]).
    pub fn add_tier(&mut self) {
        if self.tiers.len() < MAX_TIERS {
            let name = format!("tier{}", self.tiers.len() + 1);
            self.tiers.push(Tier::new(&name, TierKind::Private, TierSize::Prefix(24)));
        }
    }

    /// Pin a subnet of the first tier (in the first zone when the tier has one per zone) at
    /// the first /24 of the primary block, or the whole block when it is smaller: a starting
    /// point the user edits. No-op without tiers or VPC blocks, or at [`MAX_PINS`].
    pub fn add_pin(&mut self) {
        let (Some(tier), Some(&block)) = (self.tiers.first(), self.vpc.first()) else { return };
        if self.pinned.len() < MAX_PINS {
            let zone = tier.per_zone.then_some(0);
            let cidr = Cidr::containing(block.network(), 24.max(block.prefix())).unwrap_or(block);
            self.pinned.push(Pin { tier: 0, zone, cidr });
        }
    }

    /// Switch dual-stack on (with [`example_ipv6_block`]) or off.
    pub fn set_ipv6(&mut self, on: bool) {
        self.ipv6 = on.then(|| Ipv6Plan { block: example_ipv6_block() });
    }
}
