//! The allocator: a deterministic, greedy, largest-first placement of aligned blocks over free
//! lists, in two levels (group blocks in the VPC, subnets inside each group block).
//!
//! 1. Tier sizes are resolved under the provider (hosts → the longest prefix whose usable count
//!    covers them).
//! 2. The plan becomes *groups* (zone-major: one per zone holding its per-zone subnets and its
//!    spare block; tier-major: one per tier holding its subnet in every zone plus growth-zone
//!    slots, and one "spare" group) and *loose* pieces (zone-major: single-subnet tiers and the
//!    growth zones' blocks). A group's block is the smallest aligned block holding its members:
//!    power-of-two sizes placed largest first always pack perfectly into it.
//! 3. A group with pinned subnets is fixed to the smallest block of that size that holds its
//!    pins. If that block is not inside one VPC block, overlaps another group's block or pin, or
//!    cannot hold the group's other members around the pins, the group is *dissolved*: its
//!    members are placed one by one instead (and a warning says why).
//! 4. Fixed blocks and loose pins are carved out of the VPC's free list. Then every other
//!    top-level block, sorted by size (largest first), then by kind (zones/tiers, single
//!    subnets, growth), then by declaration order, takes the lowest free aligned address of the
//!    first VPC block (primary first) that has room. Largest first makes this exact: with one
//!    VPC block and no pins, a plan fits if and only if its blocks' sizes add up to no more
//!    than the VPC (a property test checks this).
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
    /// Free space: the VPC blocks minus subnets and reservations, by address.
    pub free: Vec<Cidr>,
    pub total_addresses: Count,
    pub used_addresses: Count,
    pub reserved_addresses: Count,
    pub free_addresses: Count,
    /// Overlaps with the networks to avoid.
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

    /// "Free: 40,960 of 65,536 addresses (62.5%)".
    pub fn free_text(&self) -> String {
        format!(
            "Free: {} of {} addresses ({}%)",
            self.free_addresses.grouped(),
            self.total_addresses.grouped(),
            crate::decimal::fixed(self.free_ratio() * 100.0, 1)
        )
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
        1u128 << (32 - self.prefix.min(32))
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
    seq: usize,
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
    g.members.iter().map(|m| m.pin.map(|p| p.size().as_u128().unwrap_or(0)).unwrap_or_else(|| m.size())).sum()
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

/// Build the groups and loose pieces of `plan` under its strategy.
fn build(plan: &Plan, sz: &[Sizing]) -> (Vec<Group>, Vec<Member>) {
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
                if !members.is_empty() {
                    groups.push(Group { key: GroupKey::Zone(z), members, seq: z });
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
                let members: Vec<Member> = if tier.per_zone {
                    let mut m: Vec<Member> = (0..zones)
                        .map(|z| member(Piece::Subnet { tier: t, zone: Some(z) }, p, pin_of(t, Some(z))))
                        .collect();
                    m.extend((0..extra).map(|k| member(Piece::ZoneSlot { tier: t, zone: zones + k }, p, None)));
                    m
                } else {
                    vec![member(Piece::Subnet { tier: t, zone: None }, p, pin_of(t, None))]
                };
                groups.push(Group { key: GroupKey::Tier(t), members, seq: t });
            }
            if let Some(p) = plan.growth.spare_per_zone {
                let members = (0..zones + extra).map(|z| member(Piece::Spare { zone: z }, p, None)).collect();
                groups.push(Group { key: GroupKey::Spare, members, seq: plan.tiers.len() });
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

fn vpc_blocks(plan: &Plan) -> Vec<(usize, Cidr)> {
    plan.vpc.iter().copied().enumerate().collect()
}

/// Lay out the pieces. The plan has passed validation.
fn place(plan: &Plan) -> Result<Placement, Failure> {
    let sz = sizes(plan);
    let names = Names { plan, suffixes: plan.zone_suffixes() };
    let (groups, mut loose) = build(plan, &sz);
    let mut warnings = Vec::new();
    let mut pieces: Vec<(Piece, Cidr, usize, bool)> = Vec::new();
    let mut blocks: Vec<(GroupKey, Cidr)> = Vec::new();

    // Fixed groups: those with pins.
    let mut fixed: Vec<(Group, Cidr, usize)> = Vec::new();
    let mut free_groups: Vec<Group> = Vec::new();
    for g in groups {
        let pins: Vec<Cidr> = g.members.iter().filter_map(|m| m.pin).collect();
        let (Some(first), Some(last)) = (pins.iter().map(|p| p.network()).min(), pins.iter().map(|p| p.last()).max())
        else {
            free_groups.push(g);
            continue;
        };
        let cover = covering(first, last);
        let dissolve = |why: String, warnings: &mut Vec<String>, loose: &mut Vec<Member>, g: Group| {
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
    let mut space = Space::new(&vpc_blocks(plan));
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
    sort_few_by_key(&mut top, |(p, r, s, _)| (*p, *r, *s));
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
    Ok(Placement { pieces, blocks, warnings })
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
    if free >= 1u128 << (32 - prefix.min(32)) {
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
    let aligned = |prefix: Option<u8>, what: &str| match prefix {
        Some(p) if (1u128 << (32 - p)) > need => {
            format!(" in one aligned /{p} ({}){what}", grouped(1u128 << (32 - p)))
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
                    grouped(1u128 << (32 - p)),
                    list,
                    grouped(need)
                ),
                None => format!("zone {} needs {} addresses ({})", plan.zone_label(z), grouped(need), list),
            };
            Failure { head, remain, tier: per_zone_largest(plan, &sz), zone_related: true }
        }
        GroupKey::Tier(t) => {
            let p = sz.get(t).map(|s| s.prefix).unwrap_or(32);
            let size = 1u128 << (32 - p);
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
                grouped(n * (1u128 << (32 - p.min(32)))),
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

/// Whether `plan` is valid and lays out (used to test suggestions).
fn fits(plan: &Plan) -> bool {
    check::validate(plan).is_empty() && check::limit_problem(plan).is_none() && place(plan).is_ok()
}

/// The changes that would make `plan` fit, each checked by laying out the changed plan.
fn remedies(plan: &Plan, f: &Failure) -> Vec<String> {
    let mut out = Vec::new();
    let lim = check::limits(plan.provider);
    let sz = sizes(plan);
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
            None => {
                // At the provider's largest block size: another block may do.
                let max_blocks =
                    lim.blocks_per_vpc.unwrap_or(super::model::MAX_VPC_BLOCKS).min(super::model::MAX_VPC_BLOCKS);
                if plan.vpc.len() < max_blocks {
                    let mut taken = plan.avoid.clone();
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
    if f.remain.is_empty() {
        format!("{head} — {advice}")
    } else {
        format!("{head}; {} — {advice}", f.remain)
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

    let mut free = Vec::new();
    let mut total = Count::ZERO;
    let mut used = Count::ZERO;
    let mut reserved_count = Count::ZERO;
    let mut free_count = Count::ZERO;
    for (bi, &b) in plan.vpc.iter().enumerate() {
        total = total.saturating_add(b.size());
        let taken: Vec<Cidr> = subnets
            .iter()
            .filter(|s| s.block_index == bi)
            .map(|s| s.cidr)
            .chain(reserved.iter().filter(|r| r.block_index == bi).map(|r| r.cidr))
            .collect();
        free.extend(ops::exclude(b, &taken).unwrap_or_default());
    }
    free.sort();
    for s in &subnets {
        used = used.saturating_add(s.cidr.size());
    }
    for r in &reserved {
        reserved_count = reserved_count.saturating_add(r.cidr.size());
    }
    for f in &free {
        free_count = free_count.saturating_add(f.size());
    }
    let named: Vec<(String, Cidr)> = subnets.iter().map(|s| (s.name.clone(), s.cidr)).collect();
    Layout {
        overlaps: check::overlaps(plan, &named),
        suggestions: check::suggestions(plan),
        subnets,
        reserved,
        zone_summaries,
        tier_summaries,
        spare_block: block_of(GroupKey::Spare),
        free,
        total_addresses: total,
        used_addresses: used,
        reserved_addresses: reserved_count,
        free_addresses: free_count,
        warnings,
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
