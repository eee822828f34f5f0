//! Provider limits, field-by-field validation, warnings and overlap reports.

use super::field::Field;
use super::model::{Plan, MAX_AVOID, MAX_EXTRA_ZONES, MAX_NAME_CHARS, MAX_PINS, MAX_TIERS, MAX_VPC_BLOCKS, MAX_ZONES};
use crate::addr::{Addr, Cidr, Count, Family};
use crate::design::is_bidi_control;
use crate::mode::Mode;

/// A provider's documented (default-quota) limits that the planner checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderLimits {
    /// Subnets per VPC (AWS 200, Azure 3,000 per VNet, OCI 300 per VCN).
    pub subnets_per_vpc: Option<usize>,
    /// IPv4 CIDR blocks per VPC, primary included (AWS 5, OCI 5).
    pub blocks_per_vpc: Option<usize>,
    /// Allowed prefix range of a VPC block (AWS /16–/28, OCI /16–/30).
    pub vpc_prefix: (u8, u8),
    /// Allowed prefix range of a subnet (the calculator's mode table).
    pub subnet_prefix: (u8, u8),
    /// Zones a region offers at most (Azure 3, GCP 4, OCI 3 availability domains).
    pub zones: Option<usize>,
    /// Prefix of the IPv6 block the provider hands a VPC (AWS and OCI: /56).
    pub ipv6_vpc_prefix: Option<u8>,
    /// Prefix of every IPv6 subnet (/64 on every cloud).
    pub ipv6_subnet_prefix: u8,
}

/// The limits of `mode` (generic = no limits but the address family's).
pub fn limits(mode: Mode) -> ProviderLimits {
    let subnet_prefix = mode.prefix_range(Family::V4);
    match mode {
        Mode::Standard => ProviderLimits {
            subnets_per_vpc: None,
            blocks_per_vpc: None,
            vpc_prefix: (0, 32),
            subnet_prefix,
            zones: None,
            ipv6_vpc_prefix: None,
            ipv6_subnet_prefix: 64,
        },
        Mode::Aws => ProviderLimits {
            subnets_per_vpc: Some(200),
            blocks_per_vpc: Some(5),
            vpc_prefix: (16, 28),
            subnet_prefix,
            zones: Some(6),
            ipv6_vpc_prefix: Some(56),
            ipv6_subnet_prefix: 64,
        },
        Mode::Azure => ProviderLimits {
            subnets_per_vpc: Some(3000),
            blocks_per_vpc: None,
            vpc_prefix: (2, 29),
            subnet_prefix,
            zones: Some(3),
            ipv6_vpc_prefix: None,
            ipv6_subnet_prefix: 64,
        },
        Mode::Gcp => ProviderLimits {
            subnets_per_vpc: None,
            blocks_per_vpc: None,
            vpc_prefix: (8, 29),
            subnet_prefix,
            zones: Some(4),
            ipv6_vpc_prefix: None,
            ipv6_subnet_prefix: 64,
        },
        Mode::Oci => ProviderLimits {
            subnets_per_vpc: Some(300),
            blocks_per_vpc: Some(5),
            vpc_prefix: (16, 30),
            subnet_prefix,
            zones: Some(3),
            ipv6_vpc_prefix: Some(56),
            ipv6_subnet_prefix: 64,
        },
    }
}

/// One invalid field and a message for people.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldProblem {
    /// Which field.
    pub field: Field,
    /// What is wrong with it, for people.
    pub message: String,
}

fn problem(field: Field, message: impl Into<String>) -> FieldProblem {
    FieldProblem { field, message: message.into() }
}

pub(crate) fn v4(a: u32, p: u8) -> Cidr {
    Cidr::containing(Addr::v4(a), p).unwrap_or_else(|| Cidr::all(Family::V4))
}

/// The three RFC 1918 private ranges.
pub fn rfc1918() -> [Cidr; 3] {
    [v4(0x0a00_0000, 8), v4(0xac10_0000, 12), v4(0xc0a8_0000, 16)]
}

/// Shared address space (RFC 6598), also usable inside a VPC.
pub(super) fn cgnat() -> Cidr {
    v4(0x6440_0000, 10)
}

/// Docker's default bridge network, used by some AWS services.
pub(crate) fn docker_bridge() -> Cidr {
    v4(0xac11_0000, 16)
}

pub(super) fn link_local() -> Cidr {
    v4(0xa9fe_0000, 16)
}

/// The RFC 1918 range holding `c`, if any.
fn rfc1918_range(c: Cidr) -> Option<Cidr> {
    rfc1918().into_iter().find(|r| r.contains(c))
}

/// The lowest block of `prefix` inside the RFC 1918 ranges (10/8, then 172.16/12, then
/// 192.168/16) that overlaps none of `avoid` (IPv6 entries are ignored). `None` when every
/// such block is taken or `prefix` is shorter than /8 or longer than /32.
pub fn free_rfc1918_block(prefix: u8, avoid: &[Cidr]) -> Option<Cidr> {
    rfc1918().into_iter().find_map(|range| free_block_in(range, prefix, avoid))
}

/// The lowest block of `prefix` in `range` that overlaps none of `avoid`.
pub(crate) fn free_block_in(range: Cidr, prefix: u8, avoid: &[Cidr]) -> Option<Cidr> {
    if range.family() != Family::V4 || prefix < range.prefix() || prefix > 32 {
        return None;
    }
    let size = Count::pow2(32 - prefix).as_u128()?;
    let mut start = range.network().value();
    // Each step jumps past every entry blocking the candidate, so an entry blocks at most once.
    loop {
        let candidate = Cidr::exact(Addr::new(Family::V4, start)?, prefix)?;
        if !range.contains(candidate) {
            return None;
        }
        let blocked_to =
            avoid.iter().filter(|a| a.family() == Family::V4 && a.overlaps(candidate)).map(|a| a.last().value()).max();
        match blocked_to {
            None => return Some(candidate),
            Some(end) => {
                let next = end.max(candidate.last().value()) + 1;
                start = next.div_ceil(size) * size;
            }
        }
    }
}

/// Why `text` cannot be a name, if it cannot.
fn name_problem(what: &str, text: &str, required: bool) -> Option<String> {
    let chars = text.chars().count();
    if required && text.trim().is_empty() {
        return Some(format!("Enter a {what}"));
    }
    if chars > MAX_NAME_CHARS {
        return Some(format!("The {what} is {chars} characters long; at most {MAX_NAME_CHARS}"));
    }
    if text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Some(format!("The {what} contains control characters"));
    }
    None
}

/// Why `label` cannot label a network to avoid, if it cannot: the name rules, and no `,` or
/// `#`, which the avoid list's text form uses as separators.
pub(crate) fn label_problem(label: &str) -> Option<String> {
    if let Some(m) = name_problem("label", label, false) {
        return Some(m);
    }
    label
        .contains([',', '#'])
        .then(|| format!("The label '{}' contains ',' or '#', which separate networks and comments", label.trim()))
}

/// Structural problems: caps, references and families. A plan with any of these cannot be
/// loaded from JSON at all; the rest of [`validate`] is about values a form may hold while
/// being edited.
pub(crate) fn structural(plan: &Plan) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if let Some(m) = name_problem("plan name", &plan.name, false) {
        out.push(problem(Field::Name, m));
    }
    if let Some(m) = name_problem("region", &plan.region, false) {
        out.push(problem(Field::Region, m));
    }
    if plan.vpc.len() > MAX_VPC_BLOCKS {
        out.push(problem(
            Field::Vpc,
            format!("A VPC has at most {MAX_VPC_BLOCKS} IPv4 blocks here; this one has {}", plan.vpc.len()),
        ));
    }
    for (i, b) in plan.vpc.iter().enumerate() {
        if b.family() != Family::V4 {
            out.push(problem(
                Field::VpcBlock(i),
                format!("{b} is IPv6; VPC blocks are IPv4 (set the IPv6 block separately)"),
            ));
        }
    }
    if plan.zones.len() > MAX_ZONES {
        out.push(problem(
            Field::Zones,
            format!("A plan has at most {MAX_ZONES} zones; this one has {}", plan.zones.len()),
        ));
    }
    for (i, z) in plan.zones.iter().enumerate() {
        if let Some(m) = name_problem("zone name", z, true) {
            out.push(problem(Field::Zone(i), m));
        }
    }
    if plan.tiers.len() > MAX_TIERS {
        out.push(problem(
            Field::Tiers,
            format!("A plan has at most {MAX_TIERS} tiers; this one has {}", plan.tiers.len()),
        ));
    }
    for (i, t) in plan.tiers.iter().enumerate() {
        if let Some(m) = name_problem("tier name", &t.name, true) {
            out.push(problem(Field::TierName(i), m));
        }
    }
    if plan.growth.extra_zones > MAX_EXTRA_ZONES {
        out.push(problem(
            Field::ExtraZones,
            format!("Reserve room for at most {MAX_EXTRA_ZONES} more zones, not {}", plan.growth.extra_zones),
        ));
    }
    if plan.pinned.len() > MAX_PINS {
        out.push(problem(
            Field::Pinned,
            format!("At most {MAX_PINS} pinned subnets; this plan has {}", plan.pinned.len()),
        ));
    }
    for (i, p) in plan.pinned.iter().enumerate() {
        if p.tier >= plan.tiers.len() {
            out.push(problem(
                Field::PinTier(i),
                format!("Pinned subnet #{} names tier #{}, which does not exist", i + 1, p.tier + 1),
            ));
        }
        if let Some(z) = p.zone {
            if z >= plan.zones.len() {
                out.push(problem(
                    Field::PinZone(i),
                    format!("Pinned subnet #{} names zone #{}, which does not exist", i + 1, z + 1),
                ));
            }
        }
        if p.cidr.family() != Family::V4 {
            out.push(problem(Field::PinCidr(i), format!("{} is IPv6; pinned subnets are IPv4", p.cidr)));
        }
    }
    if plan.avoid.len() > MAX_AVOID {
        out.push(problem(
            Field::Avoid,
            format!("At most {MAX_AVOID} networks to avoid; this plan has {}", plan.avoid.len()),
        ));
    }
    for (i, a) in plan.avoid.iter().enumerate() {
        if let Some(m) = label_problem(&a.label) {
            out.push(problem(Field::AvoidLabel(i), format!("Network to avoid {}: {m}", a.cidr)));
        }
    }
    if let Some(v6) = plan.ipv6 {
        if v6.block.family() != Family::V6 {
            out.push(problem(Field::Ipv6Block, format!("{} is not an IPv6 block", v6.block)));
        }
    }
    out
}

/// Number of subnets the plan makes (per-zone tiers once per zone).
pub(crate) fn subnet_count(plan: &Plan) -> usize {
    plan.tiers.iter().map(|t| if t.per_zone { plan.zones.len() } else { 1 }).sum()
}

/// Every problem with the plan's fields: structural ones first (caps, references, address
/// families), then values by field. Empty when the plan can be laid out (it may still not
/// fit: see [`Plan::layout`]).
pub fn validate(plan: &Plan) -> Vec<FieldProblem> {
    let mut out = structural(plan);
    let lim = limits(plan.provider);
    let provider = plan.provider.label();

    vpc_problems(plan, &mut out);

    // Zones.
    if plan.zones.is_empty() {
        out.push(problem(Field::Zones, "Add at least one zone"));
    }
    for (i, z) in plan.zones.iter().enumerate() {
        let key = z.trim().to_lowercase();
        if !key.is_empty() && plan.zones[..i].iter().any(|o| o.trim().to_lowercase() == key) {
            out.push(problem(Field::Zone(i), format!("Zone '{}' is listed twice", z.trim())));
        }
    }

    // Tiers.
    for (i, t) in plan.tiers.iter().enumerate() {
        let key = t.name.trim().to_lowercase();
        if !key.is_empty() && plan.tiers[..i].iter().any(|o| o.name.trim().to_lowercase() == key) {
            out.push(problem(Field::TierName(i), format!("Another tier is already called '{}'", t.name.trim())));
        }
        if let Err(m) = t.size.resolve(plan.provider) {
            out.push(problem(Field::TierSize(i), format!("Tier {}: {m}", t.name.trim())));
        }
    }

    // Growth.
    if let Some(p) = plan.growth.spare_per_zone {
        let (lo, hi) = lim.subnet_prefix;
        if p > 32 || p < lo || p > hi {
            out.push(problem(
                Field::SparePerZone,
                format!("A spare block must be a {provider} subnet size, /{lo} to /{hi}; not /{p}"),
            ));
        }
    }

    pin_problems(plan, &mut out);

    // IPv6.
    if let Some(v6) = plan.ipv6 {
        if v6.block.family() == Family::V6 {
            let sub = lim.ipv6_subnet_prefix;
            let n = subnet_count(plan) as u128;
            if v6.block.prefix() > sub {
                out.push(problem(Field::Ipv6Block, format!("{} is smaller than one /{sub} subnet", v6.block)));
            } else if Count::pow2(sub - v6.block.prefix()).as_u128().is_some_and(|slots| slots < n) {
                out.push(problem(
                    Field::Ipv6Block,
                    format!(
                        "{} holds {} /{sub} subnets; this plan has {n}",
                        v6.block,
                        Count::pow2(sub - v6.block.prefix()).grouped()
                    ),
                ));
            }
        }
    }
    out
}

/// The VPC blocks' problems: none, a prefix outside the provider's range, link-local on AWS,
/// overlapping blocks, and the provider's rules for secondary blocks.
fn vpc_problems(plan: &Plan, out: &mut Vec<FieldProblem>) {
    let lim = limits(plan.provider);
    let provider = plan.provider.label();
    if plan.vpc.is_empty() {
        out.push(problem(Field::Vpc, "Enter the VPC's IPv4 CIDR block"));
    }
    for (i, &b) in plan.vpc.iter().enumerate() {
        if b.family() != Family::V4 {
            continue;
        }
        let field = Field::VpcBlock(i);
        let (lo, hi) = lim.vpc_prefix;
        if b.prefix() < lo || b.prefix() > hi {
            out.push(problem(field, format!("{provider} VPC blocks are /{lo} to /{hi}; {b} is a /{}", b.prefix())));
        }
        if plan.provider == Mode::Aws && b.overlaps(link_local()) {
            out.push(problem(
                field,
                format!("AWS does not allow {} (link-local) in a VPC; {b} overlaps it", link_local()),
            ));
        }
        if let Some((j, other)) = plan.vpc[..i].iter().enumerate().find(|(_, o)| o.overlaps(b)) {
            out.push(problem(field, format!("{b} overlaps VPC block #{} {other}", j + 1)));
        }
        if plan.provider == Mode::Aws && i > 0 {
            let primary = plan.vpc[0];
            match (rfc1918_range(primary), rfc1918_range(b)) {
                (Some(p), Some(s)) if p != s => out.push(problem(
                    field,
                    format!("AWS can't add {b} to a VPC whose primary block {primary} is in {p}: secondary RFC 1918 blocks must come from the same range"),
                )),
                (None, Some(s)) if primary.family() == Family::V4 => out.push(problem(
                    field,
                    format!("AWS can't add {b} ({s}) to a VPC whose primary block {primary} is not RFC 1918"),
                )),
                _ => {}
            }
        }
    }
}

/// The pins' problems: zone and tier that do not match the tier, a pin repeated, a size the
/// provider refuses, outside the VPC, overlapping another pin or a network to avoid.
fn pin_problems(plan: &Plan, out: &mut Vec<FieldProblem>) {
    for (i, pin) in plan.pinned.iter().enumerate() {
        if pin.cidr.family() != Family::V4 {
            continue;
        }
        let Some(tier) = plan.tiers.get(pin.tier) else { continue };
        match (tier.per_zone, pin.zone) {
            (true, None) => out.push(problem(
                Field::PinZone(i),
                format!("Tier {} has a subnet in every zone: say which zone {} is in", tier.name.trim(), pin.cidr),
            )),
            (false, Some(_)) => out.push(problem(
                Field::PinZone(i),
                format!("Tier {} has one subnet for all zones; leave the zone empty", tier.name.trim()),
            )),
            _ => {}
        }
        if plan.pinned[..i].iter().any(|o| o.tier == pin.tier && o.zone == pin.zone) {
            out.push(problem(Field::PinTier(i), format!("This subnet of tier {} is already pinned", tier.name.trim())));
        }
        if let Some(m) = plan.provider.size_problem(pin.cidr) {
            out.push(problem(Field::PinCidr(i), format!("{}: {m}", pin.cidr)));
        }
        if !plan.vpc.iter().any(|b| b.contains(pin.cidr)) {
            out.push(problem(Field::PinCidr(i), format!("{} is not inside a VPC block", pin.cidr)));
        }
        if let Some(other) = plan.pinned[..i].iter().find(|o| o.cidr.overlaps(pin.cidr)) {
            out.push(problem(Field::PinCidr(i), format!("{} overlaps the pinned subnet {}", pin.cidr, other.cidr)));
        }
        // Avoided space is occupied: a pin there would be a subnet inside on-prem.
        if let Some(a) = plan.avoid.iter().find(|a| a.cidr.overlaps(pin.cidr)) {
            let how = if a.cidr.contains(pin.cidr) { "lies in" } else { "overlaps" };
            out.push(problem(
                Field::PinCidr(i),
                format!(
                    "Pinned subnet {} of tier {} {how} {}, a network to avoid: pin a CIDR outside it, or take it off the networks to avoid if the subnet really is there",
                    pin.cidr,
                    tier.name.trim(),
                    a.describe()
                ),
            ));
        }
    }
}

/// Aggregate limits (counts), reported as [`super::PlanError::Limit`].
pub(crate) fn limit_problem(plan: &Plan) -> Option<String> {
    let lim = limits(plan.provider);
    let provider = plan.provider.label();
    if let Some(max) = lim.blocks_per_vpc {
        if plan.vpc.len() > max {
            return Some(format!(
                "{provider} allows {max} IPv4 CIDR blocks per VPC (primary included); this plan has {}",
                plan.vpc.len()
            ));
        }
    }
    if let Some(max) = lim.subnets_per_vpc {
        let n = subnet_count(plan);
        if n > max {
            return Some(format!("{provider} allows {max} subnets per VPC; this plan has {n}"));
        }
    }
    None
}

/// What part of the plan overlaps a network to avoid. Subnets never do: the allocator treats
/// avoided space as occupied and a pin there is a field error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverlapWith {
    /// A VPC block (index into `Plan::vpc`).
    VpcBlock(usize),
    /// The IPv6 block.
    Ipv6Block,
}

/// One overlap between a block of the plan and a network to avoid: one sentence each, never
/// one per subnet.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Overlap {
    /// Index into `Plan::avoid`.
    pub avoid_index: usize,
    /// The network to avoid.
    pub avoid: Cidr,
    /// The network's label ("on-prem"), empty when it has none.
    pub label: String,
    /// Which part of the plan overlaps it.
    pub with: OverlapWith,
    /// The plan's block that overlaps.
    pub cidr: Cidr,
    /// Addresses the two share (of two overlapping blocks one holds the other).
    pub addresses: Count,
    /// What it means, in one sentence naming the network by its label.
    pub message: String,
}

/// A free RFC 1918 block that could replace a VPC block overlapping a network to avoid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BlockSuggestion {
    /// Index into `Plan::vpc`.
    pub block_index: usize,
    /// The block to use instead, of the same size.
    pub replacement: Cidr,
}

impl BlockSuggestion {
    /// The suggestion as a remedy for `plan` (the plan it was made for): `None` when that
    /// block is no longer there.
    pub fn remedy(&self, plan: &super::Plan) -> Option<super::Remedy> {
        let old = *plan.vpc.get(self.block_index)?;
        Some(super::Remedy::ReplaceBlock { index: self.block_index, old, with: self.replacement })
    }
}

/// How messages name network to avoid `i`: "on-prem 10.20.128.0/17", or
/// "10.20.128.0/17 (network to avoid #2)" without a label.
pub(crate) fn avoid_name(plan: &Plan, i: usize) -> String {
    match plan.avoid.get(i) {
        Some(a) if a.label.is_empty() => format!("{} (network to avoid #{})", a.cidr, i + 1),
        Some(a) => a.describe(),
        None => String::new(),
    }
}

/// Every overlap of the VPC blocks and the IPv6 block with the networks to avoid, by network
/// to avoid, then block.
pub(crate) fn overlaps(plan: &Plan) -> Vec<Overlap> {
    let mut out = Vec::new();
    let blocks = plan
        .vpc
        .iter()
        .enumerate()
        .map(|(bi, &b)| (OverlapWith::VpcBlock(bi), b))
        .chain(plan.ipv6.map(|v6| (OverlapWith::Ipv6Block, v6.block)));
    let blocks: Vec<(OverlapWith, Cidr)> = blocks.collect();
    for (ai, a) in plan.avoid.iter().enumerate() {
        for &(with, b) in &blocks {
            if !b.overlaps(a.cidr) {
                continue;
            }
            let shared = if a.cidr.contains(b) { b.size() } else { a.cidr.size() };
            let which = match with {
                OverlapWith::VpcBlock(0) => format!("primary VPC block {b}"),
                OverlapWith::VpcBlock(bi) => format!("VPC block #{} {b}", bi + 1),
                OverlapWith::Ipv6Block => format!("IPv6 block {b}"),
            };
            let name = avoid_name(plan, ai);
            let it = if a.label.is_empty() { "that network".to_string() } else { a.label.clone() };
            let message = match (with, a.cidr.contains(b)) {
                (OverlapWith::Ipv6Block, _) => format!(
                    "The {which} overlaps {name}: routes to {it} cannot reach the part inside the VPC, which routes its own IPv6 block locally"
                ),
                (_, true) => format!(
                    "The {which} lies entirely in {name}: no subnet can go in it, and routes to {it} over peering or VPN would conflict with the VPC's own"
                ),
                (_, false) => format!(
                    "The {which} overlaps {name}: those {} addresses stay unused, and peering or VPN routes to {it} cannot reach them, because the VPC routes its own CIDR locally",
                    shared.grouped()
                ),
            };
            out.push(Overlap {
                avoid_index: ai,
                avoid: a.cidr,
                label: a.label.clone(),
                with,
                cidr: b,
                addresses: shared,
                message,
            });
        }
    }
    out
}

/// The networks to avoid, without their labels.
pub(crate) fn avoided_cidrs(plan: &Plan) -> Vec<Cidr> {
    plan.avoid.iter().map(|a| a.cidr).collect()
}

/// For each VPC block that overlaps a network to avoid, a free RFC 1918 block of the same size
/// that avoids all of them, the other VPC blocks and (on AWS) 172.17.0.0/16. On AWS a
/// secondary block's replacement stays in the primary's RFC 1918 range.
pub(crate) fn suggestions(plan: &Plan) -> Vec<BlockSuggestion> {
    let mut out: Vec<BlockSuggestion> = Vec::new();
    for (bi, &b) in plan.vpc.iter().enumerate() {
        if b.family() != Family::V4 || !plan.avoid.iter().any(|a| a.cidr.overlaps(b)) {
            continue;
        }
        let mut taken: Vec<Cidr> = avoided_cidrs(plan);
        taken.extend(plan.vpc.iter().enumerate().filter(|&(j, _)| j != bi).map(|(_, &c)| c));
        taken.extend(out.iter().map(|s| s.replacement));
        if plan.provider == Mode::Aws {
            taken.push(docker_bridge());
        }
        let same_range =
            if plan.provider == Mode::Aws && bi > 0 { plan.vpc.first().and_then(|&p| rfc1918_range(p)) } else { None };
        let found = match same_range {
            Some(r) => free_block_in(r, b.prefix(), &taken),
            None => free_rfc1918_block(b.prefix(), &taken),
        };
        if let Some(replacement) = found {
            out.push(BlockSuggestion { block_index: bi, replacement });
        }
    }
    out
}
