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

use super::check::{self, BlockSuggestion, Overlap};
use super::model::{subnet_name, usable_v4, Plan, Sizing, Strategy};
use super::PlanError;
use crate::addr::{Cidr, Count, Family};
use crate::ops;
use crate::parse::covering;
use crate::sort::sort_few_by_key;

/// One subnet of the layout.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PlannedSubnet {
    /// `public-a`, or the tier name for a tier with a single subnet.
    pub name: String,
    /// Index into `Plan::tiers`.
    pub tier: usize,
    /// Index into `Plan::zones`; `None` for a tier with a single subnet.
    pub zone: Option<usize>,
    pub cidr: Cidr,
    /// Index into `Plan::vpc` of the block holding the subnet.
    pub block_index: usize,
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
    pub label: String,
    pub kind: ReservationKind,
    /// Zone index; `≥ Plan::zones.len()` for a growth zone (see [`Plan::zone_label`]).
    pub zone: usize,
    /// For a growth zone's slot in a tier's block (tier-major), the tier.
    pub tier: Option<usize>,
    pub cidr: Cidr,
    pub block_index: usize,
}

/// The address space of one zone or one tier.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GroupSummary {
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
    pub used_addresses: Count,
    pub reserved_addresses: Count,
    pub avoided_addresses: Count,
    pub free_addresses: Count,
    /// Each VPC block (and the IPv6 block) overlapping a network to avoid, one per pair.
    pub overlaps: Vec<Overlap>,
    /// A free RFC 1918 replacement for each VPC block that overlaps a network to avoid.
    pub suggestions: Vec<BlockSuggestion>,
    pub warnings: Vec<String>,
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

// ---------------------------------------------------------------------------------------------
// Internal model of the placement.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
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
struct Member {
    piece: Piece,
    prefix: u8,
    pin: Option<Cidr>,
    /// Declaration order, the last sort key.
    seq: usize,
}

impl Member {
    fn size(&self) -> u128 {
        prefix_size(self.prefix)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GroupKey {
    Zone(usize),
    Tier(usize),
    Spare,
}

#[derive(Clone, Debug)]
struct Group {
    key: GroupKey,
    members: Vec<Member>,
    /// The first member's `seq`: groups and loose members sort together by it.
    seq: usize,
    /// Addresses the group's block holds at least (tier-major: its capacity's worth of slots).
    min: u128,
}

/// The smallest prefix of an aligned block holding `size` addresses; `None` past 2^32.
fn block_prefix(size: u128) -> Option<u8> {
    if size == 0 || size > 1u128 << 32 {
        return None;
    }
    let bits = 128 - (size - 1).leading_zeros();
    Some((32 - bits) as u8)
}

fn group_need(g: &Group) -> u128 {
    let members: u128 =
        g.members.iter().map(|m| m.pin.map(|p| p.size().as_u128().unwrap_or(0)).unwrap_or_else(|| m.size())).sum();
    members.max(g.min)
}

/// Addresses in an IPv4 block of prefix `p` (a prefix past /32 counts as /32: no shift overflows).
fn prefix_size(p: u8) -> u128 {
    1u128 << (32 - p.min(32))
}

/// Free aligned blocks, each tagged with the VPC block it lies in, sorted.
#[derive(Clone, Debug)]
struct Space {
    free: Vec<(usize, Cidr)>,
}

impl Space {
    fn new(blocks: &[(usize, Cidr)]) -> Space {
        let mut free = blocks.to_vec();
        sort_few_by_key(&mut free, |x| *x);
        Space { free }
    }

    /// Remove exactly `c`, which must lie inside one free block; returns its VPC block index.
    fn carve(&mut self, c: Cidr) -> Option<usize> {
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
    fn take(&mut self, prefix: u8) -> Option<(usize, Cidr)> {
        let (bi, f) =
            self.free.iter().filter(|(_, f)| f.prefix() <= prefix).min_by_key(|(bi, f)| (*bi, f.network())).copied()?;
        let c = Cidr::containing(f.network(), prefix)?;
        self.carve(c)?;
        Some((bi, c))
    }

    fn total(&self) -> u128 {
        self.free.iter().map(|(_, f)| f.size().as_u128().unwrap_or(0)).sum()
    }
}

/// Result of a successful placement.
struct Placement {
    pieces: Vec<(Piece, Cidr, usize, bool)>,
    blocks: Vec<(GroupKey, Cidr)>,
    warnings: Vec<String>,
    /// Groups whose pins forced their members to be placed one by one.
    dissolved: usize,
    /// Tier-major's capacity (see the module docs).
    capacity: Option<usize>,
}

impl Placement {
    /// The last VPC block anything was placed in.
    fn last_block(&self) -> usize {
        self.pieces.iter().map(|p| p.2).max().unwrap_or(0)
    }
}

/// A block that found no room: the message's first part and what the suggestions should try.
pub(super) struct Failure {
    head: String,
    remain: String,
    tier: Option<usize>,
    zone_related: bool,
}

/// Per-tier sizes; the caller has validated the plan.
fn sizes(plan: &Plan) -> Vec<Sizing> {
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
struct Names<'a> {
    plan: &'a Plan,
    suffixes: Vec<String>,
}

impl Names<'_> {
    fn tier(&self, t: usize) -> String {
        self.plan.tiers.get(t).map(|x| x.name.trim().to_string()).unwrap_or_default()
    }

    fn subnet(&self, t: usize, z: Option<usize>) -> String {
        subnet_name(&self.tier(t), z.and_then(|z| self.suffixes.get(z)).map(String::as_str))
    }

    fn piece(&self, p: Piece) -> String {
        match p {
            Piece::Subnet { tier, zone } => self.subnet(tier, zone),
            Piece::Spare { zone } => format!("spare {}", self.plan.zone_label(zone)),
            Piece::ZoneSlot { tier, zone } => format!("{} for {}", self.tier(tier), self.plan.zone_label(zone)),
            Piece::ZoneBlock { zone } => self.plan.zone_label(zone),
        }
    }

    fn group(&self, k: GroupKey) -> String {
        match k {
            GroupKey::Zone(z) => format!("zone {}", self.plan.zone_label(z)),
            GroupKey::Tier(t) => self.tier(t),
            GroupKey::Spare => "the spare blocks".to_string(),
        }
    }
}

fn grouped(n: u128) -> String {
    Count::new(n).grouped()
}

/// Build the groups and loose pieces of `plan` under its strategy; tier-major blocks have room
/// for `capacity` zones (see the module docs).
fn build(plan: &Plan, sz: &[Sizing], capacity: usize) -> (Vec<Group>, Vec<Member>) {
    let zones = plan.zones.len();
    let extra = plan.growth.extra_zones as usize;
    let pin_of = |t: usize, z: Option<usize>| plan.pinned.iter().find(|p| p.tier == t && p.zone == z).map(|p| p.cidr);
    let mut seq = 0usize;
    let mut member = |piece: Piece, prefix: u8, pin: Option<Cidr>| {
        seq += 1;
        Member { piece, prefix, pin, seq }
    };
    let mut groups = Vec::new();
    let mut loose = Vec::new();
    match plan.strategy {
        Strategy::ZoneMajor => {
            let per_zone: Vec<usize> = (0..plan.tiers.len()).filter(|&t| plan.tiers[t].per_zone).collect();
            let mut content = 0u128;
            for z in 0..zones {
                let mut members: Vec<Member> = per_zone
                    .iter()
                    .map(|&t| member(Piece::Subnet { tier: t, zone: Some(z) }, sz[t].prefix, pin_of(t, Some(z))))
                    .collect();
                if let Some(p) = plan.growth.spare_per_zone {
                    members.push(member(Piece::Spare { zone: z }, p, None));
                }
                content = members.iter().map(Member::size).sum();
                if let Some(first) = members.first() {
                    let seq = first.seq;
                    groups.push(Group { key: GroupKey::Zone(z), members, seq, min: 0 });
                }
            }
            if let Some(p) = block_prefix(content) {
                for k in 0..extra {
                    loose.push(member(Piece::ZoneBlock { zone: zones + k }, p, None));
                }
            }
            for t in (0..plan.tiers.len()).filter(|&t| !plan.tiers[t].per_zone) {
                loose.push(member(Piece::Subnet { tier: t, zone: None }, sz[t].prefix, pin_of(t, None)));
            }
        }
        Strategy::TierMajor => {
            for (t, tier) in plan.tiers.iter().enumerate() {
                let p = sz[t].prefix;
                let (members, min): (Vec<Member>, u128) = if tier.per_zone {
                    let mut m: Vec<Member> = (0..zones)
                        .map(|z| member(Piece::Subnet { tier: t, zone: Some(z) }, p, pin_of(t, Some(z))))
                        .collect();
                    m.extend((0..extra).map(|k| member(Piece::ZoneSlot { tier: t, zone: zones + k }, p, None)));
                    (m, capacity as u128 * prefix_size(p))
                } else {
                    (vec![member(Piece::Subnet { tier: t, zone: None }, p, pin_of(t, None))], 0)
                };
                let seq = members.first().map_or(0, |m| m.seq);
                groups.push(Group { key: GroupKey::Tier(t), members, seq, min });
            }
            if let Some(p) = plan.growth.spare_per_zone {
                let members: Vec<Member> =
                    (0..zones + extra).map(|z| member(Piece::Spare { zone: z }, p, None)).collect();
                let seq = members.first().map_or(0, |m| m.seq);
                groups.push(Group { key: GroupKey::Spare, members, seq, min: capacity as u128 * prefix_size(p) });
            }
        }
    }
    (groups, loose)
}

/// Place `members` (pins already carved) largest first into `space`.
fn place_members(
    space: &mut Space,
    members: &[Member],
    out: &mut Vec<(Piece, Cidr, usize, bool)>,
) -> Result<(), Member> {
    let mut order: Vec<&Member> = members.iter().filter(|m| m.pin.is_none()).collect();
    sort_few_by_key(&mut order, |m| (m.prefix, m.seq));
    for m in order {
        match space.take(m.prefix) {
            Some((bi, c)) => out.push((m.piece, c, bi, false)),
            None => return Err(*m),
        }
    }
    Ok(())
}

/// The VPC blocks minus the IPv4 networks to avoid: where anything may be placed, each part
/// tagged with its VPC block.
fn open_space(plan: &Plan) -> Vec<(usize, Cidr)> {
    let mut out = Vec::new();
    for (bi, &b) in plan.vpc.iter().enumerate() {
        let holes: Vec<Cidr> = plan.avoid.iter().map(|a| a.cidr).filter(|a| a.overlaps(b)).collect();
        out.extend(ops::exclude(b, &holes).unwrap_or_default().into_iter().map(|c| (bi, c)));
    }
    out
}

/// Zones each tier-major block has room for at least: the zones and growth zones, rounded up.
fn capacity_needed(plan: &Plan) -> usize {
    (plan.zones.len() + plan.growth.extra_zones as usize).max(1).next_power_of_two()
}

/// Lay out the pieces. The plan has passed validation. Tier-major tries the capacities from
/// the most room down (see the module docs); a plan that does not fit at the least room does
/// not fit at all, and its failure is the one explained.
fn place(plan: &Plan) -> Result<Placement, Failure> {
    if plan.strategy == Strategy::ZoneMajor {
        return place_with(plan, 0);
    }
    let need = capacity_needed(plan);
    let tight = place_with(plan, need)?;
    let most = need.max(super::model::MAX_ZONES.next_power_of_two());
    let mut capacity = most;
    while capacity > need {
        if let Ok(roomy) = place_with(plan, capacity) {
            // Room for growth, but not at the price of another VPC block or a broken tier block.
            if roomy.last_block() <= tight.last_block() && roomy.dissolved <= tight.dissolved {
                return Ok(roomy);
            }
        }
        capacity /= 2;
    }
    Ok(tight)
}

/// [`place`] at one tier-major capacity (ignored in zone-major).
fn place_with(plan: &Plan, capacity: usize) -> Result<Placement, Failure> {
    let sz = sizes(plan);
    let names = Names { plan, suffixes: plan.zone_suffixes() };
    let (groups, mut loose) = build(plan, &sz, capacity);
    let mut warnings = Vec::new();
    let mut pieces: Vec<(Piece, Cidr, usize, bool)> = Vec::new();
    let mut blocks: Vec<(GroupKey, Cidr)> = Vec::new();

    // Fixed groups: those with pins.
    let mut fixed: Vec<(Group, Cidr, usize)> = Vec::new();
    let mut free_groups: Vec<Group> = Vec::new();
    let mut dissolved = 0;
    for g in groups {
        let pins: Vec<Cidr> = g.members.iter().filter_map(|m| m.pin).collect();
        let (Some(first), Some(last)) = (pins.iter().map(|p| p.network()).min(), pins.iter().map(|p| p.last()).max())
        else {
            free_groups.push(g);
            continue;
        };
        let cover = covering(first, last);
        let mut dissolve = |why: String, warnings: &mut Vec<String>, loose: &mut Vec<Member>, g: Group| {
            dissolved += 1;
            warnings.push(format!(
                "{} is not one block: {why}; its subnets are placed one by one",
                capitalise(&names.group(g.key))
            ));
            loose.extend(g.members);
        };
        let Some(prefix) = block_prefix(group_need(&g)) else {
            dissolve("it needs more than the whole IPv4 space".to_string(), &mut warnings, &mut loose, g);
            continue;
        };
        if cover.prefix() < prefix {
            let list: Vec<String> = pins.iter().map(|p| p.to_string()).collect();
            let why = format!("its pinned subnets {} do not fit in one aligned /{prefix} block", list.join(", "));
            dissolve(why, &mut warnings, &mut loose, g);
            continue;
        }
        let Some(block) = cover.supernet(prefix) else {
            dissolve(format!("no block holds its pinned subnets around {cover}"), &mut warnings, &mut loose, g);
            continue;
        };
        let Some(bi) = plan.vpc.iter().position(|v| v.contains(block)) else {
            dissolve(
                format!("the block {block} holding its pinned subnets is not inside one VPC block"),
                &mut warnings,
                &mut loose,
                g,
            );
            continue;
        };
        if let Some((other, ob, _)) = fixed.iter().find(|(_, b, _)| b.overlaps(block)) {
            let why =
                format!("the block {block} holding its pinned subnets overlaps {} ({ob})", names.group(other.key));
            dissolve(why, &mut warnings, &mut loose, g);
            continue;
        }
        if let Some(p) = plan.pinned.iter().find(|p| p.cidr.overlaps(block) && !pins.contains(&p.cidr)) {
            let why = format!("the block {block} holding its pinned subnets overlaps the pinned subnet {}", p.cidr);
            dissolve(why, &mut warnings, &mut loose, g);
            continue;
        }
        if let Some(ai) = plan.avoid.iter().position(|a| a.cidr.overlaps(block)) {
            let why = format!("the block {block} holding its pinned subnets overlaps {}", check::avoid_name(plan, ai));
            dissolve(why, &mut warnings, &mut loose, g);
            continue;
        }
        let mut inner = Space::new(&[(bi, block)]);
        let mut placed = Vec::new();
        for m in g.members.iter().filter(|m| m.pin.is_some()) {
            if let Some(p) = m.pin {
                inner.carve(p);
                placed.push((m.piece, p, bi, true));
            }
        }
        if let Err(m) = place_members(&mut inner, &g.members, &mut placed) {
            let why = format!("{} finds no room around its pinned subnets in {block}", names.piece(m.piece));
            dissolve(why, &mut warnings, &mut loose, g);
            continue;
        }
        pieces.extend(placed);
        blocks.push((g.key, block));
        fixed.push((g, block, bi));
    }

    // Carve the fixed blocks and the loose pins out of the VPC.
    let mut space = Space::new(&open_space(plan));
    for (g, block, _) in &fixed {
        if space.carve(*block).is_none() {
            return Err(Failure {
                head: format!("{} needs {block} around its pinned subnets", capitalise(&names.group(g.key))),
                remain: "that block is already taken".to_string(),
                tier: None,
                zone_related: false,
            });
        }
    }
    let pinned_any = !fixed.is_empty() || loose.iter().any(|m| m.pin.is_some());
    for m in loose.iter().filter(|m| m.pin.is_some()) {
        let Some(p) = m.pin else { continue };
        match space.carve(p) {
            Some(bi) => pieces.push((m.piece, p, bi, true)),
            None => {
                return Err(Failure {
                    head: format!("pinned subnet {} {p}", names.piece(m.piece)),
                    remain: "overlaps another block of the plan".to_string(),
                    tier: None,
                    zone_related: false,
                })
            }
        }
    }

    // Everything else, largest first.
    enum Top {
        Group(Group),
        Loose(Member),
    }
    let mut top: Vec<(u8, u8, usize, Top)> = Vec::new();
    for g in free_groups {
        let need = group_need(&g);
        let Some(prefix) = block_prefix(need) else {
            return Err(group_failure(
                plan,
                &names,
                &g,
                need,
                None,
                String::from("the whole IPv4 space has 4,294,967,296"),
            ));
        };
        let rank = if g.key == GroupKey::Spare { 2 } else { 0 };
        top.push((prefix, rank, g.seq, Top::Group(g)));
    }
    for m in loose.iter().filter(|m| m.pin.is_none()) {
        let rank = if matches!(m.piece, Piece::ZoneBlock { .. }) { 2 } else { 1 };
        top.push((m.prefix, rank, m.seq, Top::Loose(*m)));
    }
    // One sort (one compiled copy): tier-major by declaration order alone.
    let by_order = plan.strategy == Strategy::TierMajor;
    sort_few_by_key(&mut top, |(p, r, s, _)| if by_order { (0, 0, *s) } else { (*p, *r, *s) });
    let mut done: Vec<String> = Vec::new();
    let mut inner_work: Vec<(Group, Cidr, usize)> = Vec::new();
    for (prefix, _, _, item) in top {
        let got = space.take(prefix);
        let remain = || remain_text(plan, &space, &done, pinned_any, prefix);
        match item {
            Top::Group(g) => match got {
                Some((bi, c)) => {
                    done.push(names.group(g.key));
                    blocks.push((g.key, c));
                    inner_work.push((g, c, bi));
                }
                None => return Err(group_failure(plan, &names, &g, group_need(&g), Some(prefix), remain())),
            },
            Top::Loose(m) => match got {
                Some((bi, c)) => {
                    done.push(names.piece(m.piece));
                    pieces.push((m.piece, c, bi, false));
                }
                None => return Err(member_failure(plan, &names, &m, remain())),
            },
        }
    }
    for (g, c, bi) in inner_work {
        let mut inner = Space::new(&[(bi, c)]);
        if let Err(m) = place_members(&mut inner, &g.members, &mut pieces) {
            // Power-of-two sizes largest first always pack into their sum; this is a bug guard.
            return Err(Failure {
                head: format!("internal error: {} did not fit in {c}", names.piece(m.piece)),
                remain: String::new(),
                tier: None,
                zone_related: false,
            });
        }
    }
    let capacity = (plan.strategy == Strategy::TierMajor).then_some(capacity);
    Ok(Placement { pieces, blocks, warnings, dissolved, capacity })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "8,192 remain after private, public" (with ", but not as one aligned /18 block" when the
/// space is there but fragmented).
fn remain_text(plan: &Plan, space: &Space, done: &[String], pinned: bool, prefix: u8) -> String {
    let free = space.total();
    let mut after: Vec<String> = Vec::new();
    if pinned {
        after.push("the pinned subnets".to_string());
    }
    after.extend(done.iter().cloned());
    let mut text = if after.is_empty() {
        let what = if plan.vpc.len() == 1 { "the VPC holds" } else { "the VPC blocks hold" };
        format!("{what} {}", grouped(free))
    } else {
        let list = if after.len() > 4 {
            format!("{} and {} more", after[..4].join(", "), after.len() - 4)
        } else {
            after.join(", ")
        };
        format!("{} remain after {list}", grouped(free))
    };
    if free >= prefix_size(prefix) {
        text.push_str(&format!(", but not as one aligned /{prefix} block"));
    }
    text
}

fn per_zone_largest(plan: &Plan, sz: &[Sizing]) -> Option<usize> {
    (0..plan.tiers.len()).filter(|&t| plan.tiers[t].per_zone).min_by_key(|&t| (sz[t].prefix, t))
}

/// What a zone holds, as a sum: every item while there are few, else the first
/// [`SUM_SHOWN`] and the rest counted by size ("… + 34 more: 30 × /24, 4 × /26"), so a zone
/// of 40 tiers still gives a message one can read.
fn sum_list(items: &[(String, u8)]) -> String {
    const SUM_SHOWN: usize = 6;
    if items.len() <= SUM_SHOWN + 2 {
        return items.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(" + ");
    }
    let mut rest: Vec<(u8, usize)> = Vec::new();
    for &(_, p) in &items[SUM_SHOWN..] {
        match rest.iter_mut().find(|(q, _)| *q == p) {
            Some((_, n)) => *n += 1,
            None => rest.push((p, 1)),
        }
    }
    sort_few_by_key(&mut rest, |&(p, _)| p);
    let shown: Vec<&str> = items[..SUM_SHOWN].iter().map(|(s, _)| s.as_str()).collect();
    let counted: Vec<String> = rest.iter().map(|(p, n)| format!("{n} × /{p}")).collect();
    format!("{} + {} more: {}", shown.join(" + "), items.len() - SUM_SHOWN, counted.join(", "))
}

fn group_failure(plan: &Plan, names: &Names, g: &Group, need: u128, prefix: Option<u8>, remain: String) -> Failure {
    let sz = sizes(plan);
    // What the members themselves hold: a tier-major block is larger (its zone capacity).
    let members = g.members.iter().map(Member::size).sum::<u128>().min(need);
    let aligned = |prefix: Option<u8>, what: &str| match prefix {
        Some(p) if prefix_size(p) > members => {
            format!(" in one aligned /{p} ({}){what}", grouped(prefix_size(p)))
        }
        _ => String::new(),
    };
    match g.key {
        GroupKey::Zone(z) => {
            let items: Vec<(String, u8)> = g
                .members
                .iter()
                .map(|m| match m.piece {
                    Piece::Spare { .. } => (format!("spare /{}", m.prefix), m.prefix),
                    Piece::Subnet { tier, .. } => (format!("{} /{}", names.tier(tier), m.prefix), m.prefix),
                    _ => (format!("/{}", m.prefix), m.prefix),
                })
                .collect();
            let list = sum_list(&items);
            let head = match prefix {
                Some(p) => format!(
                    "zone {} needs a /{p} = {} addresses ({} = {}, rounded up to one aligned block)",
                    plan.zone_label(z),
                    grouped(prefix_size(p)),
                    list,
                    grouped(need)
                ),
                None => format!("zone {} needs {} addresses ({})", plan.zone_label(z), grouped(need), list),
            };
            Failure { head, remain, tier: per_zone_largest(plan, &sz), zone_related: true }
        }
        GroupKey::Tier(t) => {
            let p = sz.get(t).map(|s| s.prefix).unwrap_or(32);
            let size = prefix_size(p);
            let real = g.members.iter().filter(|m| matches!(m.piece, Piece::Subnet { .. })).count() as u128;
            let slots = g.members.len() as u128 - real;
            let head = if g.members.len() == 1 {
                format!("{} tier needs a /{p} = {} addresses", names.tier(t), grouped(size))
            } else {
                let growth = if slots > 0 { format!(" plus {slots} × /{p} for growth zones") } else { String::new() };
                format!(
                    "{} tier needs {real} × /{p} = {} addresses{growth}{}",
                    names.tier(t),
                    grouped(real * size),
                    aligned(prefix, " to stay a single route")
                )
            };
            let zone_related = plan.tiers.get(t).is_some_and(|x| x.per_zone);
            Failure { head, remain, tier: Some(t), zone_related }
        }
        GroupKey::Spare => {
            let p = plan.growth.spare_per_zone.unwrap_or(32);
            let n = g.members.len() as u128;
            let head = format!(
                "the spare blocks need {n} × /{p} = {} addresses{}",
                grouped(n * prefix_size(p)),
                aligned(prefix, "")
            );
            Failure { head, remain, tier: None, zone_related: true }
        }
    }
}

fn member_failure(plan: &Plan, names: &Names, m: &Member, remain: String) -> Failure {
    let size = grouped(m.size());
    let p = m.prefix;
    match m.piece {
        Piece::Subnet { tier, zone: None } => Failure {
            head: format!("{} tier needs a /{p} = {size} addresses", names.tier(tier)),
            remain,
            tier: Some(tier),
            zone_related: false,
        },
        Piece::Subnet { tier, zone } => Failure {
            head: format!("subnet {} needs a /{p} = {size} addresses", names.subnet(tier, zone)),
            remain,
            tier: Some(tier),
            zone_related: true,
        },
        Piece::ZoneBlock { zone } => Failure {
            head: format!("growth room for {} needs a /{p} = {size} addresses", plan.zone_label(zone)),
            remain,
            tier: per_zone_largest(plan, &sizes(plan)),
            zone_related: true,
        },
        Piece::Spare { zone } | Piece::ZoneSlot { zone, .. } => Failure {
            head: format!("{} needs a /{p} = {size} addresses", names.piece(Piece::Spare { zone })),
            remain,
            tier: None,
            zone_related: true,
        },
    }
}

/// Whether `plan` is valid and lays out (used to test suggestions). Tier-major fits exactly
/// when it fits at its least capacity, so one placement answers.
fn fits(plan: &Plan) -> bool {
    let capacity = match plan.strategy {
        Strategy::ZoneMajor => 0,
        Strategy::TierMajor => capacity_needed(plan),
    };
    check::validate(plan).is_empty() && check::limit_problem(plan).is_none() && place_with(plan, capacity).is_ok()
}

/// How much of each VPC block lies in networks to avoid, in words: "32,768 of the 65,536
/// addresses of 10.20.0.0/16 lie in on-prem 10.20.128.0/17" (blocks joined by "; "). Empty
/// when no VPC block overlaps one.
fn avoided_clause(plan: &Plan) -> String {
    let mut parts = Vec::new();
    for (bi, &b) in plan.vpc.iter().enumerate() {
        let hits: Vec<usize> = (0..plan.avoid.len()).filter(|&i| plan.avoid[i].cidr.overlaps(b)).collect();
        if hits.is_empty() {
            continue;
        }
        let open: u128 =
            open_space(plan).iter().filter(|(i, _)| *i == bi).map(|(_, c)| c.size().as_u128().unwrap_or(0)).sum();
        let inside = b.size().as_u128().unwrap_or(0) - open;
        let names: Vec<String> = hits.iter().map(|&i| check::avoid_name(plan, i)).collect();
        parts.push(format!(
            "{} of the {} addresses of {b} lie in {}",
            grouped(inside),
            b.size().grouped(),
            join_and(&names)
        ));
    }
    parts.join("; ")
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The changes that would make `plan` fit, each checked by laying out the changed plan.
fn remedies(plan: &Plan, f: &Failure) -> Vec<String> {
    let mut out = Vec::new();
    let lim = check::limits(plan.provider);
    let sz = sizes(plan);
    // A VPC block clear of the networks to avoid, in place of one that overlaps them.
    for s in check::suggestions(plan) {
        let mut q = plan.clone();
        let old = std::mem::replace(&mut q.vpc[s.block_index], s.replacement);
        if fits(&q) {
            out.push(format!("{} instead of {old}", s.replacement));
        }
    }
    let avoided = plan.vpc.iter().any(|b| plan.avoid.iter().any(|a| a.cidr.overlaps(*b)));
    // A larger primary block.
    if let Some(&primary) = plan.vpc.first() {
        let lo = lim.vpc_prefix.0;
        let found = (lo..primary.prefix()).rev().take(16).find(|&p| {
            let mut q = plan.clone();
            q.vpc[0] = primary.supernet(p).unwrap_or(primary);
            fits(&q)
        });
        match found {
            Some(p) if plan.vpc.len() == 1 => out.push(format!("a /{p} VPC")),
            Some(p) => out.push(format!("a /{p} primary block")),
            None => {}
        }
        // Another block: at the provider's largest block size, or when avoided space is what
        // is missing (growing the primary may only take in more of it).
        let max_blocks = lim.blocks_per_vpc.unwrap_or(super::model::MAX_VPC_BLOCKS).min(super::model::MAX_VPC_BLOCKS);
        if (found.is_none() || avoided) && plan.vpc.len() < max_blocks {
            let mut taken = check::avoided_cidrs(plan);
            taken.extend(plan.vpc.iter().copied());
            taken.push(check::docker_bridge());
            let range = check::rfc1918().into_iter().find(|r| r.contains(primary));
            let candidate = match range {
                Some(r) => check::free_block_in(r, primary.prefix(), &taken),
                None => check::free_rfc1918_block(primary.prefix(), &taken),
            };
            if let Some(c) = candidate {
                let mut q = plan.clone();
                q.vpc.push(c);
                if fits(&q) {
                    out.push(format!("a secondary block such as {c}"));
                }
            }
        }
    }
    // Smaller subnets: the tier in question first, then the others, largest first. Only the
    // few largest others: each try is a whole layout per prefix, and with 64 tiers trying
    // them all took 45–80 ms (native) on every edit of a plan that does not fit; shrinking a
    // small tier rarely frees enough anyway.
    const OTHER_TIERS_TRIED: usize = 4;
    let mut candidates: Vec<usize> = f.tier.into_iter().collect();
    let mut others: Vec<usize> = (0..plan.tiers.len()).filter(|&t| Some(t) != f.tier).collect();
    sort_few_by_key(&mut others, |&t| (sz[t].prefix, t));
    candidates.extend(others.into_iter().take(OTHER_TIERS_TRIED));
    'tiers: for t in candidates {
        let from = sz[t].prefix;
        for q in from.saturating_add(1)..=lim.subnet_prefix.1 {
            let mut p2 = plan.clone();
            p2.tiers[t].size = super::model::TierSize::Prefix(q);
            if fits(&p2) {
                let name = plan.tiers[t].name.trim();
                let hosts = match plan.tiers[t].size {
                    super::model::TierSize::Hosts(_) => {
                        format!(" ({} usable each)", usable_v4(plan.provider, q).grouped())
                    }
                    _ => String::new(),
                };
                out.push(format!("/{q} {name} subnets{hosts}"));
                break 'tiers;
            }
        }
    }
    // Fewer zones.
    let zones = plan.zones.len();
    if f.zone_related && zones > 1 {
        let found = (1..zones).rev().find(|&n| {
            let mut q = plan.clone();
            q.zones.truncate(n);
            q.pinned.retain(|p| p.zone.is_none_or(|z| z < n));
            fits(&q)
        });
        if let Some(n) = found {
            out.push(format!("{n} zone{} instead of {zones}", if n == 1 { "" } else { "s" }));
        }
    }
    // Less growth.
    let extra = plan.growth.extra_zones;
    if extra > 0 {
        let found = (0..extra).rev().find(|&k| {
            let mut q = plan.clone();
            q.growth.extra_zones = k;
            fits(&q)
        });
        if let Some(k) = found {
            out.push(match k {
                0 => "no growth zones".to_string(),
                1 => "room for 1 more zone".to_string(),
                k => format!("room for {k} more zones"),
            });
        }
    }
    if plan.growth.spare_per_zone.is_some() {
        let mut q = plan.clone();
        q.growth.spare_per_zone = None;
        if fits(&q) {
            out.push("no spare blocks".to_string());
        }
    }
    // The other strategy.
    let other = match plan.strategy {
        Strategy::ZoneMajor => Strategy::TierMajor,
        Strategy::TierMajor => Strategy::ZoneMajor,
    };
    let mut q = plan.clone();
    q.strategy = other;
    if fits(&q) {
        out.push(format!("the {} layout", other.id()));
    }
    out
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} or {b}"),
        [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
    }
}

fn explain(plan: &Plan, f: Failure) -> String {
    let fixes = remedies(plan, &f);
    let advice = if fixes.is_empty() {
        "remove tiers, use smaller subnets or add VPC blocks".to_string()
    } else {
        format!("use {}", join_or(&fixes))
    };
    let head = f.head;
    let mut remain = f.remain;
    let avoided = avoided_clause(plan);
    if !avoided.is_empty() {
        // The space the numbers above leave out, and why.
        remain = if remain.is_empty() { avoided } else { format!("{remain} ({avoided})") };
    }
    if remain.is_empty() {
        format!("{head} — {advice}")
    } else {
        format!("{head}; {remain} — {advice}")
    }
}

// ---------------------------------------------------------------------------------------------
// Assembly.

/// The `/64` number of each subnet: with 256 or more /64s in the block and at most 16 tiers,
/// one hex digit for the zone and one for the tier (zone-major `zone·16 + tier`, single-subnet
/// tiers in zone `f`; tier-major `tier·16 + zone`); otherwise the subnet's position in the
/// layout (a tier past the 16th has no hex digit of its own).
pub(crate) fn ipv6_netnum(plan: &Plan, block: Cidr, position: usize, tier: usize, zone: Option<usize>) -> u128 {
    let structured = block.prefix() <= 56 && plan.tiers.len() <= 16;
    if !structured {
        return position as u128;
    }
    let (t, z) = (tier as u128 & 0xf, zone.map(|z| z as u128 & 0xf));
    match plan.strategy {
        Strategy::ZoneMajor => z.unwrap_or(0xf) * 16 + t,
        Strategy::TierMajor => t * 16 + z.unwrap_or(0),
    }
}

fn assemble(plan: &Plan, placed: Placement) -> Layout {
    let sz = sizes(plan);
    let names = Names { plan, suffixes: plan.zone_suffixes() };
    let find = |piece: Piece| placed.pieces.iter().find(|(p, ..)| *p == piece).copied();
    let mut order: Vec<(usize, Option<usize>)> = Vec::new();
    match plan.strategy {
        Strategy::ZoneMajor => {
            for z in 0..plan.zones.len() {
                order.extend((0..plan.tiers.len()).filter(|&t| plan.tiers[t].per_zone).map(|t| (t, Some(z))));
            }
            order.extend((0..plan.tiers.len()).filter(|&t| !plan.tiers[t].per_zone).map(|t| (t, None)));
        }
        Strategy::TierMajor => {
            for (t, tier) in plan.tiers.iter().enumerate() {
                if tier.per_zone {
                    order.extend((0..plan.zones.len()).map(|z| (t, Some(z))));
                } else {
                    order.push((t, None));
                }
            }
        }
    }
    let mut warnings = check::warnings(plan);
    warnings.extend(placed.warnings);
    let mut subnets = Vec::with_capacity(order.len());
    for (tier, zone) in order {
        let Some((_, cidr, block_index, pinned)) = find(Piece::Subnet { tier, zone }) else { continue };
        let usable = plan.provider.usable(cidr);
        let hosts = sz[tier].hosts;
        let headroom = hosts.map(|h| {
            (usable.as_u128().unwrap_or(0) as i128 - h as i128).clamp(i64::MIN as i128, i64::MAX as i128) as i64
        });
        let name = names.subnet(tier, zone);
        if let (Some(h), true) = (hosts, pinned) {
            if usable.as_u128().is_some_and(|u| u < h as u128) {
                warnings.push(format!(
                    "Pinned subnet {name} {cidr} has {} usable addresses; tier {} asks for {} hosts",
                    usable.grouped(),
                    names.tier(tier),
                    grouped(h as u128)
                ));
            }
        }
        subnets.push(PlannedSubnet {
            name,
            tier,
            zone,
            cidr,
            block_index,
            pinned,
            ipv6: None,
            usable,
            hosts,
            headroom,
        });
    }
    if let Some(v6) = plan.ipv6 {
        let sub = check::limits(plan.provider).ipv6_subnet_prefix;
        if v6.block.family() == Family::V6 && v6.block.prefix() <= sub {
            let newbits = sub - v6.block.prefix();
            for (i, s) in subnets.iter_mut().enumerate() {
                s.ipv6 = ops::cidrsubnet(v6.block, newbits, ipv6_netnum(plan, v6.block, i, s.tier, s.zone)).ok();
            }
        }
    }
    let mut reserved: Vec<Reservation> = placed
        .pieces
        .iter()
        .filter_map(|&(piece, cidr, block_index, _)| {
            let (kind, zone, tier) = match piece {
                Piece::Subnet { .. } => return None,
                Piece::Spare { zone } => (ReservationKind::Spare, zone, None),
                Piece::ZoneSlot { tier, zone } => (ReservationKind::ExtraZone, zone, Some(tier)),
                Piece::ZoneBlock { zone } => (ReservationKind::ExtraZone, zone, None),
            };
            let label = match piece {
                Piece::Spare { zone } => format!("spare · {}", plan.zone_label(zone)),
                Piece::ZoneSlot { tier, zone } => format!("{} · {}", names.tier(tier), plan.zone_label(zone)),
                _ => plan.zone_label(zone),
            };
            Some(Reservation { label, kind, zone, tier, cidr, block_index })
        })
        .collect();
    sort_few_by_key(&mut reserved, |r| r.cidr);

    let block_of = |k: GroupKey| placed.blocks.iter().find(|(g, _)| *g == k).map(|(_, c)| *c);
    let exact = |f: &dyn Fn(&PlannedSubnet) -> bool| {
        ops::aggregate(&subnets.iter().filter(|s| f(s)).map(|s| s.cidr).collect::<Vec<_>>())
    };
    let zone_summaries = (0..plan.zones.len())
        .map(|z| GroupSummary {
            name: plan.zones[z].clone(),
            block: block_of(GroupKey::Zone(z)),
            exact: exact(&|s: &PlannedSubnet| s.zone == Some(z)),
        })
        .collect();
    let tier_summaries = (0..plan.tiers.len())
        .map(|t| GroupSummary {
            name: plan.tiers[t].name.clone(),
            block: block_of(GroupKey::Tier(t)),
            exact: exact(&|s: &PlannedSubnet| s.tier == t),
        })
        .collect();

    let avoided = avoided_space(plan);
    let mut free = Vec::new();
    let mut total = Count::ZERO;
    let mut used = Count::ZERO;
    let mut reserved_count = Count::ZERO;
    let mut avoided_count = Count::ZERO;
    let mut free_count = Count::ZERO;
    for (bi, &b) in plan.vpc.iter().enumerate() {
        total = total.saturating_add(b.size());
        let taken: Vec<Cidr> = subnets
            .iter()
            .filter(|s| s.block_index == bi)
            .map(|s| s.cidr)
            .chain(reserved.iter().filter(|r| r.block_index == bi).map(|r| r.cidr))
            .chain(avoided.iter().filter(|a| a.block_index == bi).map(|a| a.cidr))
            .collect();
        free.extend(ops::exclude(b, &taken).unwrap_or_default());
    }
    free.sort();
    for a in &avoided {
        avoided_count = avoided_count.saturating_add(a.cidr.size());
    }
    for s in &subnets {
        used = used.saturating_add(s.cidr.size());
    }
    for r in &reserved {
        reserved_count = reserved_count.saturating_add(r.cidr.size());
    }
    for f in &free {
        free_count = free_count.saturating_add(f.size());
    }
    Layout {
        overlaps: check::overlaps(plan),
        suggestions: check::suggestions(plan),
        subnets,
        reserved,
        zone_summaries,
        tier_summaries,
        spare_block: block_of(GroupKey::Spare),
        free,
        avoided,
        tier_capacity: placed.capacity,
        total_addresses: total,
        used_addresses: used,
        reserved_addresses: reserved_count,
        avoided_addresses: avoided_count,
        free_addresses: free_count,
        warnings,
    }
}

/// The parts of the VPC blocks inside networks to avoid, disjoint (a part two of them share
/// belongs to the first listed), by address.
fn avoided_space(plan: &Plan) -> Vec<AvoidedSpace> {
    let mut out: Vec<AvoidedSpace> = Vec::new();
    for (bi, &b) in plan.vpc.iter().enumerate() {
        for (ai, a) in plan.avoid.iter().enumerate() {
            if !a.cidr.overlaps(b) {
                continue;
            }
            // Of two overlapping blocks one holds the other.
            let part = if a.cidr.contains(b) { b } else { a.cidr };
            let earlier: Vec<Cidr> =
                out.iter().filter(|x| x.block_index == bi && x.cidr.overlaps(part)).map(|x| x.cidr).collect();
            let new = if earlier.is_empty() { vec![part] } else { ops::exclude(part, &earlier).unwrap_or_default() };
            out.extend(new.into_iter().map(|cidr| AvoidedSpace {
                cidr,
                block_index: bi,
                avoid_index: ai,
                label: a.label.clone(),
            }));
        }
    }
    sort_few_by_key(&mut out, |a| a.cidr);
    out
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
        match place(self) {
            Ok(placed) => Ok(assemble(self, placed)),
            Err(f) => Err(PlanError::DoesNotFit { message: explain(self, f) }),
        }
    }
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
