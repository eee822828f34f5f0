//! The plan as the user edits it: plain data with public fields, so the UI can bind every field
//! directly and the share codec can write each one compactly (enums have stable one-byte codes,
//! sizes are small integers, references are indices).
//!
//! A `Plan` may hold any values at all (a half-edited form): [`Plan::validate`] lists what is
//! wrong field by field, and [`Plan::layout`] refuses to lay out an invalid plan.

use super::choices::choices;
use super::nat::NatMode;
use crate::addr::{Addr, Cidr, Count, Family};
use crate::mode::Mode;
use std::fmt;

/// Most availability zones a plan lays out (AWS's largest region has six).
pub const MAX_ZONES: usize = 6;
/// Most zones that may be reserved for growth on top of the planned ones.
pub const MAX_EXTRA_ZONES: u8 = 6;
/// Most tiers (subnet roles) in a plan. With six zones that is 384 subnets: past AWS's (200)
/// and OCI's (300) per-VPC subnet limits, which the layout then reports, so a plan can reach
/// each provider's limit (e.g. AWS's 200 as 5 zones × 40 tiers). Up to 16 tiers the IPv6
/// numbering gives zone and tier a hex digit each (see `ipv6_netnum`).
pub const MAX_TIERS: usize = 64;
/// Longest plan, region, zone or tier name, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// Most IPv4 blocks of one VPC (AWS's default quota: the primary and four secondaries).
pub const MAX_VPC_BLOCKS: usize = 5;
/// Most "other networks to avoid".
pub const MAX_AVOID: usize = 16;
/// Most pinned subnets.
pub const MAX_PINS: usize = 64;

choices! {
    /// What a tier's subnets are for; decides the colour in the diagram.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum TierKind, "tier kind" {
        /// Routed to an internet gateway.
        Public => "public", "Public";
        /// Outbound through NAT.
        #[default]
        Private => "private", "Private";
        /// No route outside the VPC (databases).
        Isolated => "isolated", "Isolated";
        /// Any other role: routed as the user decides.
        Custom => "custom", "Custom";
    }
}

/// How big each subnet of a tier is: a prefix length, or the number of hosts it must hold (the
/// planner then picks the smallest subnet whose usable count under the provider covers it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TierSize {
    /// A prefix length (`/24`).
    Prefix(u8),
    /// At least this many usable hosts (`500 hosts`).
    Hosts(u64),
}

impl Default for TierSize {
    fn default() -> Self {
        TierSize::Prefix(24)
    }
}

/// A tier size resolved under a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizing {
    /// The subnets' prefix length.
    pub prefix: u8,
    /// Usable addresses of one subnet of this size.
    pub usable: Count,
    /// The hosts asked for, when the size was given as hosts.
    pub hosts: Option<u64>,
    /// `usable − hosts` when the size was given as hosts.
    pub headroom: Option<u64>,
}

/// Usable addresses of any IPv4 block of `prefix` under `mode` (the count does not depend on
/// where the block is).
pub fn usable_v4(mode: Mode, prefix: u8) -> Count {
    match Cidr::containing(Addr::v4(0), prefix.min(32)) {
        Some(c) => mode.usable(c),
        None => Count::ZERO,
    }
}

impl TierSize {
    /// The prefix and usable count under `mode`, or why the size cannot be used there.
    pub fn resolve(self, mode: Mode) -> Result<Sizing, String> {
        let (lo, hi) = mode.prefix_range(Family::V4);
        match self {
            TierSize::Prefix(p) => {
                if p > 32 {
                    return Err(format!("/{p} is longer than an IPv4 prefix (/32)"));
                }
                if let Some(problem) = Cidr::containing(Addr::v4(0), p).and_then(|c| mode.size_problem(c)) {
                    return Err(problem);
                }
                Ok(Sizing { prefix: p, usable: usable_v4(mode, p), hosts: None, headroom: None })
            }
            TierSize::Hosts(0) => Err("Ask for at least 1 host".to_string()),
            TierSize::Hosts(n) => {
                let fits = (lo..=hi).rev().find(|&p| usable_v4(mode, p).as_u128().is_none_or(|u| u >= n as u128));
                match fits {
                    Some(p) => {
                        let usable = usable_v4(mode, p);
                        let headroom = usable.as_u128().map(|u| (u - n as u128) as u64);
                        Ok(Sizing { prefix: p, usable, hosts: Some(n), headroom })
                    }
                    None => Err(format!(
                        "No {} subnet holds {} hosts: the largest, a /{lo}, has {} usable addresses",
                        mode.label(),
                        Count::new(n as u128).grouped(),
                        usable_v4(mode, lo).grouped()
                    )),
                }
            }
        }
    }

    /// Parse what a person types: `/24` for a prefix, `500 hosts` (or `500 host`, `500h`) for
    /// a host count, with thousands separators (`1,000`, `1_000`) allowed in host counts. A
    /// bare number is ambiguous: up to 32 it is read as a prefix, above as hosts, and the
    /// result says which reading it got ([`ReadSize::hint`]) so the form can show it.
    pub fn parse(text: &str) -> Result<ReadSize, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("Enter a size: a prefix like /24 or a host count like 500 hosts".to_string());
        }
        let written = |size| ReadSize { size, reading: SizeReading::Written };
        if t.starts_with('/') {
            return crate::parse::parse_prefix(t, Family::V4)
                .map(|p| written(TierSize::Prefix(p)))
                .map_err(|e| e.to_string());
        }
        let lower = t.to_ascii_lowercase();
        let (number, hosts) = match lower.strip_suffix("hosts").or_else(|| lower.strip_suffix("host")) {
            Some(n) => (n, true),
            None => match lower.strip_suffix('h') {
                Some(n) => (n, true),
                None => (lower.as_str(), false),
            },
        };
        let digits: String = number.trim().chars().filter(|&c| c != ',' && c != '_').collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("'{t}' is not a size: write a prefix like /24 or a host count like 500 hosts"));
        }
        let n: u64 = digits.parse().map_err(|_| format!("'{t}' is too large a host count"))?;
        if hosts {
            Ok(written(TierSize::Hosts(n)))
        } else if n <= 32 {
            // The same rules as a written prefix (no leading zero), the reading said.
            let p = crate::parse::parse_prefix(&digits, Family::V4).map_err(|e| e.to_string())?;
            Ok(ReadSize { size: TierSize::Prefix(p), reading: SizeReading::BarePrefix })
        } else {
            Ok(ReadSize { size: TierSize::Hosts(n), reading: SizeReading::BareHosts })
        }
    }
}

/// How [`TierSize::parse`] read its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeReading {
    /// Unambiguous: `/21`, `2000 hosts`.
    Written,
    /// A bare number up to 32, taken as a prefix (`21` → /21).
    BarePrefix,
    /// A bare number above 32, taken as a host count (`33` → 33 hosts).
    BareHosts,
}

/// A parsed tier size and how its text was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadSize {
    /// The size.
    pub size: TierSize,
    /// How the text was read (a bare number as a prefix or as hosts).
    pub reading: SizeReading,
}

impl ReadSize {
    /// For a bare number, which reading it got and how to type the other one
    /// ("read as /21 — type 21 hosts for hosts"); `None` for a written size.
    pub fn hint(&self) -> Option<String> {
        match (self.reading, self.size) {
            (SizeReading::BarePrefix, TierSize::Prefix(p)) => Some(format!("read as /{p} — type {p} hosts for hosts")),
            (SizeReading::BareHosts, TierSize::Hosts(n)) => {
                Some(format!("read as {} hosts — prefixes go up to /32", Count::new(n as u128).grouped()))
            }
            _ => None,
        }
    }
}

impl fmt::Display for TierSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TierSize::Prefix(p) => write!(f, "/{p}"),
            TierSize::Hosts(1) => write!(f, "1 host"),
            TierSize::Hosts(n) => write!(f, "{} hosts", Count::new(*n as u128).grouped()),
        }
    }
}

/// One role of subnets (public, private, data, …).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tier {
    /// Its name (`public`), which names its subnets (`public-a`).
    pub name: String,
    /// How its subnets are routed.
    pub kind: TierKind,
    /// How big each of its subnets is.
    pub size: TierSize,
    /// One subnet in every zone (`true`) or a single subnet for the whole VPC (`false`).
    pub per_zone: bool,
}

impl Tier {
    /// A tier with a subnet in every zone.
    pub fn new(name: &str, kind: TierKind, size: TierSize) -> Tier {
        Tier { name: name.to_string(), kind, size, per_zone: true }
    }
}

choices! {
    /// How tiers and zones are arranged in the address space.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Strategy, "strategy" {
        /// Each zone one contiguous aligned block, its tiers inside.
        #[default]
        ZoneMajor => "zone-major", "Zone-major";
        /// Each tier one contiguous aligned block across the zones (one route/NACL entry per tier).
        TierMajor => "tier-major", "Tier-major";
    }
}

/// Room kept for later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Growth {
    /// Zones to reserve room for beyond the planned ones (a whole zone block each in zone-major;
    /// one more slot in every per-zone tier's block in tier-major).
    pub extra_zones: u8,
    /// Prefix of a spare block kept for every zone (inside each zone block in zone-major; one
    /// "spare" block with a slot per zone in tier-major).
    pub spare_per_zone: Option<u8>,
}

/// A subnet fixed to a CIDR (existing infrastructure); the planner lays out around it. The pin
/// names its subnet by tier index and, for a per-zone tier, zone index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pin {
    /// Index into `Plan::tiers`.
    pub tier: usize,
    /// Index into `Plan::zones`, for a tier with a subnet per zone.
    pub zone: Option<usize>,
    /// Where the subnet is.
    pub cidr: Cidr,
}

/// A network this VPC must not overlap (on-premises, a peered VPC, …): no subnet or growth
/// reservation is placed in it, and a VPC block overlapping it is reported.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Avoid {
    /// The network.
    pub cidr: Cidr,
    /// What the network is ("on-prem"); empty when none was given. Never holds `,`, `#` or
    /// control characters (see [`crate::plan::parse_avoid`]).
    pub label: String,
}

impl Avoid {
    /// A network to avoid with its label (trimmed).
    pub fn new(cidr: Cidr, label: &str) -> Avoid {
        Avoid { cidr, label: label.trim().to_string() }
    }

    /// How messages name it: "on-prem 10.20.128.0/17", or the network alone without a label.
    pub fn describe(&self) -> String {
        if self.label.is_empty() {
            self.cidr.to_string()
        } else {
            format!("{} {}", self.label, self.cidr)
        }
    }
}

impl From<Cidr> for Avoid {
    fn from(cidr: Cidr) -> Avoid {
        Avoid { cidr, label: String::new() }
    }
}

/// The form of the avoid list's text: `10.20.128.0/17 on-prem`.
impl fmt::Display for Avoid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.label.is_empty() {
            write!(f, "{}", self.cidr)
        } else {
            write!(f, "{} {}", self.cidr, self.label)
        }
    }
}

/// Dual-stack: the VPC's IPv6 block; every subnet gets a numbered /64 from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ipv6Plan {
    /// The VPC's IPv6 block (a /56 on AWS).
    pub block: Cidr,
}

/// Everything the user specifies. See the module docs of [`crate::plan`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The plan's name (diagram title, file names, tags).
    pub name: String,
    /// The provider; `Mode::Standard` is "generic".
    pub provider: Mode,
    /// The region (`us-east-1`); may be empty.
    pub region: String,
    /// IPv4 blocks of the VPC, primary first.
    pub vpc: Vec<Cidr>,
    /// Availability zone names, 1..=6.
    pub zones: Vec<String>,
    /// The tiers, in table order.
    pub tiers: Vec<Tier>,
    /// Zone by zone or tier by tier (see [`Strategy`]).
    pub strategy: Strategy,
    /// Room kept for more zones and spare blocks.
    pub growth: Growth,
    /// Subnets that exist already, laid out around.
    pub pinned: Vec<Pin>,
    /// On-premises, peered and other networks this VPC must not overlap (IPv4 or IPv6), with
    /// their labels. IPv4 ones are occupied space for the allocator.
    pub avoid: Vec<Avoid>,
    /// Dual-stack, when set.
    pub ipv6: Option<Ipv6Plan>,
    /// NAT gateways for the private tiers (exports only; the layout ignores it).
    pub nat: NatMode,
}

/// The region a new plan for `mode` starts with.
pub const fn default_region(mode: Mode) -> &'static str {
    match mode {
        Mode::Standard => "",
        Mode::Aws => "us-east-1",
        Mode::Azure => "eastus",
        Mode::Gcp => "us-central1",
        Mode::Oci => "us-ashburn-1",
    }
}

/// The conventional name of zone `i` (0-based) in `region` under `mode`: `us-east-1a` (AWS),
/// `1` (Azure), `us-central1-a` (GCP), `AD-1` (OCI), `zone-a` (generic).
pub fn default_zone_name(mode: Mode, region: &str, i: usize) -> String {
    let letter = (b'a' + (i % 26) as u8) as char;
    match mode {
        Mode::Aws => format!("{region}{letter}"),
        Mode::Gcp => format!("{region}-{letter}"),
        Mode::Azure => format!("{}", i + 1),
        Mode::Oci => format!("AD-{}", i + 1),
        Mode::Standard => format!("zone-{letter}"),
    }
}

/// The first `n` conventional zone names (see [`default_zone_name`]).
pub fn default_zones(mode: Mode, region: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| default_zone_name(mode, region, i)).collect()
}

/// The short form of a zone name used in subnet names: the letter of `us-east-1a` or
/// `us-central1-a`, the number of `AD-1`, the whole of anything else.
fn short_zone(zone: &str) -> String {
    let z = zone.trim();
    let last = z.rsplit(|c: char| c == '-' || c == '_' || c == '/' || c.is_whitespace()).next().unwrap_or(z);
    let digits = last.len() - last.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &last[digits..];
    if digits > 0 && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphabetic()) {
        rest.to_string()
    } else {
        last.to_string()
    }
}

/// The zone parts of subnet names: short forms when they are distinct and non-empty, else the
/// zone names themselves.
pub fn zone_suffixes(zones: &[String]) -> Vec<String> {
    let short: Vec<String> = zones.iter().map(|z| short_zone(z)).collect();
    let mut seen: Vec<String> = Vec::with_capacity(short.len());
    for s in &short {
        let key = s.to_lowercase();
        if key.is_empty() || seen.contains(&key) {
            return zones.iter().map(|z| z.trim().to_string()).collect();
        }
        seen.push(key);
    }
    short
}

/// Name of the subnet of tier `tier` in zone `suffix` (`public-a`), or the tier name alone for
/// a tier with one subnet.
pub fn subnet_name(tier: &str, suffix: Option<&str>) -> String {
    match suffix {
        Some(s) => format!("{}-{}", tier.trim(), s),
        None => tier.trim().to_string(),
    }
}

impl Plan {
    /// An empty plan for `provider`: its default region, three default zones, 10.0.0.0/16 and
    /// no tiers.
    pub fn new(provider: Mode) -> Plan {
        let region = default_region(provider).to_string();
        Plan {
            name: "vpc".to_string(),
            provider,
            zones: default_zones(provider, &region, 3),
            region,
            vpc: vec![Cidr::exact(Addr::v4(0x0a00_0000), 16).unwrap_or_else(|| Cidr::all(Family::V4))],
            tiers: Vec::new(),
            strategy: Strategy::ZoneMajor,
            growth: Growth::default(),
            pinned: Vec::new(),
            avoid: Vec::new(),
            ipv6: None,
            nat: NatMode::default(),
        }
    }

    /// The zone parts of this plan's subnet names (see [`zone_suffixes`]).
    pub fn zone_suffixes(&self) -> Vec<String> {
        zone_suffixes(&self.zones)
    }

    /// Label of zone index `z`, which may be a growth zone (index ≥ the number of zones).
    pub fn zone_label(&self, z: usize) -> String {
        match self.zones.get(z) {
            Some(name) => name.clone(),
            None => format!("growth zone {}", z + 1),
        }
    }
}

impl Default for Plan {
    fn default() -> Self {
        Plan::new(Mode::Standard)
    }
}
