//! The allocator: a deterministic, greedy, largest-first placement of aligned blocks over free
//! lists, in two levels (group blocks in the VPC, subnets inside each group block).
//!
//! 0. Networks to avoid are occupied space: the free lists start as the VPC blocks minus every
//!    IPv4 network to avoid, so nothing (subnets, growth zones, spare blocks, group blocks) is
//!    ever placed in one. A pin inside one is a field error (`check.rs`).
//! 1. Tier sizes are resolved under the provider (hosts → the longest prefix whose usable count
//!    covers them).
//! 2. The plan becomes *groups* (zone-major: one per zone holding its per-zone subnets and its
//!    spare block; tier-major: one per tier holding its subnet in every zone plus growth-zone
//!    slots, and one "spare" group) and *loose* pieces (zone-major: single-subnet tiers and the
//!    growth zones' blocks). A group's block is the smallest aligned block holding its members:
//!    power-of-two sizes placed largest first always pack perfectly into it.
//!
//!    Tier-major gives every tier's block room for a fixed number of zones, the *capacity*
//!    (a power of two, at least the zones plus growth zones), so a zone added later goes into
//!    its tier's block and no subnet moves. The capacity is the largest of 8, 4, 2 … with which
//!    the plan fits in the VPC blocks it needs anyway (room for growth never pushes a tier
//!    into a secondary block, so adding a block does not renumber either); the layout records
//!    it in [`Layout::tier_capacity`].
//! 3. A group with pinned subnets is fixed to the smallest block of that size that holds its
//!    pins. If that block is not inside one VPC block, overlaps another group's block, a pin or
//!    a network to avoid, or cannot hold the group's other members around the pins, the group
//!    is *dissolved*: its members are placed one by one instead (and a warning says why).
//! 4. Fixed blocks and loose pins are carved out of the VPC's free list. Then every other
//!    top-level block takes the lowest free aligned address of the first VPC block (primary
//!    first) that has room: zone-major sorted by size (largest first), then by kind (zones,
//!    single subnets, growth), then by declaration order; tier-major in declaration order (tier
//!    by tier, the spare blocks last), so adding a tier never moves an earlier one. Both are
//!    exact: with one VPC block, no pins and nothing to avoid, a plan fits if and only if its
//!    blocks' sizes add up to no more than the VPC (aligned power-of-two blocks taken lowest
//!    address first never strand room, whatever their order; a property test checks this).
//! 5. Inside each group block, members are placed the same way (pins first).
//!
//! Each step is O(items × free blocks), so a full plan lays out in microseconds. When a block
//! finds no room, the failure names it, the numbers involved and (computed by re-running the
//! allocator on modified plans) the changes that would make the plan fit.

mod assemble;
pub(crate) mod pieces;
mod place;
mod remedies;

pub(crate) use place::open_space;
pub use remedies::Remedy;

use super::check::{self, BlockSuggestion, Overlap};
use super::model::Plan;
use super::PlanError;
use crate::addr::{Cidr, Count};

/// One subnet of the layout.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PlannedSubnet {
    /// `public-a`, or the tier name for a tier with a single subnet.
    pub name: String,
    /// Index into `Plan::tiers`.
    pub tier: usize,
    /// Index into `Plan::zones`; `None` for a tier with a single subnet.
    pub zone: Option<usize>,
    /// The subnet.
    pub cidr: Cidr,
    /// Index into `Plan::vpc` of the block holding the subnet.
    pub block_index: usize,
    /// Placed where `Plan::pinned` says, not by the allocator.
    pub pinned: bool,
    /// The subnet's numbered IPv6 /64 when the plan is dual-stack.
    pub ipv6: Option<Cidr>,
    /// Usable addresses under the provider.
    pub usable: Count,
    /// Hosts asked for, when the tier's size was given as hosts.
    pub hosts: Option<u64>,
    /// `usable − hosts` (negative only for a pinned subnet smaller than the tier asks for).
    pub headroom: Option<i64>,
}

/// What a growth reservation keeps room for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationKind {
    /// A future zone: its whole zone block (zone-major) or its slot in a tier (tier-major).
    ExtraZone,
    /// A zone's spare block.
    Spare,
}

/// Address space reserved for growth (not a subnet).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Reservation {
    /// `spare · us-east-1a`, `growth zone 4`, `private · growth zone 4`.
    pub label: String,
    /// What it keeps room for.
    pub kind: ReservationKind,
    /// Zone index; `≥ Plan::zones.len()` for a growth zone (see [`Plan::zone_label`]).
    pub zone: usize,
    /// For a growth zone's slot in a tier's block (tier-major), the tier.
    pub tier: Option<usize>,
    /// The reserved block.
    pub cidr: Cidr,
    /// Index into `Plan::vpc` of the block holding it.
    pub block_index: usize,
}

/// The address space of one zone or one tier.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GroupSummary {
    /// The zone's or the tier's name.
    pub name: String,
    /// The one aligned block reserved for the group: each zone's block in zone-major, each
    /// tier's block in tier-major (a single route/NACL entry). `None` otherwise, or when pins
    /// forced the group's subnets to be placed one by one.
    pub block: Option<Cidr>,
    /// The fewest CIDRs covering exactly the group's subnets.
    pub exact: Vec<Cidr>,
}

/// A part of a VPC block that lies in a network to avoid. Where networks to avoid overlap
/// each other, the shared part belongs to the first one listed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AvoidedSpace {
    /// The avoided part.
    pub cidr: Cidr,
    /// Index into `Plan::vpc`.
    pub block_index: usize,
    /// Index into `Plan::avoid`.
    pub avoid_index: usize,
    /// The network's label, empty when it has none.
    pub label: String,
}

/// The laid-out plan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Layout {
    /// Zone-major: zone by zone, tiers in plan order, then single-subnet tiers. Tier-major:
    /// tier by tier, zones in order.
    pub subnets: Vec<PlannedSubnet>,
    /// Growth reservations, by address.
    pub reserved: Vec<Reservation>,
    /// One per zone of the plan.
    pub zone_summaries: Vec<GroupSummary>,
    /// One per tier of the plan.
    pub tier_summaries: Vec<GroupSummary>,
    /// The spare group's block (tier-major with a spare block per zone).
    pub spare_block: Option<Cidr>,
    /// Free space: the VPC blocks minus subnets, reservations and avoided space, by address.
    pub free: Vec<Cidr>,
    /// The parts of the VPC blocks inside networks to avoid, by address: occupied, never free.
    pub avoided: Vec<AvoidedSpace>,
    /// Tier-major: how many zones each per-zone tier's block (and the spare block) has room
    /// for, a power of two at least the zones plus growth zones; `None` in zone-major.
    pub tier_capacity: Option<usize>,
    /// All the VPC blocks' addresses: used + reserved + avoided + free.
    pub total_addresses: Count,
    /// In subnets.
    pub used_addresses: Count,
    /// In growth reservations.
    pub reserved_addresses: Count,
    /// In networks to avoid.
    pub avoided_addresses: Count,
    /// Neither used, reserved nor avoided.
    pub free_addresses: Count,
    /// Each VPC block (and the IPv6 block) overlapping a network to avoid, one per pair.
    pub overlaps: Vec<Overlap>,
    /// A free RFC 1918 replacement for each VPC block that overlaps a network to avoid.
    pub suggestions: Vec<BlockSuggestion>,
    /// What deserves a second look ([`super::Warning`]).
    pub warnings: Vec<super::Warning>,
}

impl Layout {
    /// Share of the VPC left free after the plan, 0.0..=1.0.
    pub fn free_ratio(&self) -> f64 {
        let total = self.total_addresses.as_f64();
        if total > 0.0 {
            self.free_addresses.as_f64() / total
        } else {
            0.0
        }
    }

    /// "Free: 40,960 of 65,536 addresses (62.5%)", with " · 32,768 in networks to avoid" when
    /// some of the VPC lies in them.
    pub fn free_text(&self) -> String {
        let mut text = format!(
            "Free: {} of {} addresses ({}%)",
            self.free_addresses.grouped(),
            self.total_addresses.grouped(),
            crate::decimal::fixed(self.free_ratio() * 100.0, 1)
        );
        if self.avoided_addresses != Count::ZERO {
            text.push_str(&format!(" · {} in networks to avoid", self.avoided_addresses.grouped()));
        }
        text
    }
}

impl Plan {
    /// Every problem with the plan's fields (see [`crate::plan`] for the field paths).
    pub fn validate(&self) -> Vec<super::FieldProblem> {
        check::validate(self)
    }

    /// Lay the plan out, or say precisely why not: the first invalid field, a provider limit,
    /// or a block that does not fit (with the numbers and the changes that would make it fit).
    /// Deterministic: the same plan always gives the same layout.
    pub fn layout(&self) -> Result<Layout, PlanError> {
        // Quotas first: more blocks than the provider allows is a limit, not a typo.
        if let Some(message) = check::limit_problem(self) {
            return Err(PlanError::Limit { message });
        }
        if let Some(p) = check::validate(self).into_iter().next() {
            return Err(PlanError::Field { field: p.field, message: p.message });
        }
        match place::place(self) {
            Ok(placed) => Ok(assemble::assemble(self, placed)),
            Err(f) => {
                let remedies = remedies::remedies(self, &f);
                Err(PlanError::DoesNotFit { message: super::explain::explain(self, f, &remedies), remedies })
            }
        }
    }
}
