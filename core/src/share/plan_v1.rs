//! The plan kind of link formats v1 and v2 (kind 2): the plan's inputs only; the layout is
//! recomputed on opening.
//!
//! ```text
//! name, region         string: varint byte length + UTF-8 (at most MAX_NAME_CHARS chars)
//! provider             u8 mode code
//! vpc                  u8 count, then each block as `cidr`
//! zones                u8 count, then each name as a string; "" stands for the provider's
//!                      default name of that zone in that region (most plans keep them)
//! tiers                u8 count, then each: name string, flags u8 (bits 0-1 kind code,
//!                      bit 2 one subnet per zone, bit 3 size in hosts), then the size:
//!                      u8 prefix, or varint hosts
//! strategy             u8 code
//! growth               u8 extra zones, u8 spare-per-zone prefix + 1 (0 = none)
//! pinned               u8 count, then each: u8 tier, u8 zone + 1 (0 = no zone), cidr
//! avoid                u8 count, then each cidr (v2 adds the labels as an extension)
//! ipv6                 u8 0 = none, 1 = followed by a cidr
//! cidr                 u8 (bit 7 family: 1 = IPv6, bits 0-6 prefix; IPv6 /128, which does
//!                      not fit, is 0x7f: no IPv4 prefix), then the address's
//!                      leading ceil(prefix / 8) bytes (host bits must be zero)
//! ```
//! Counts are checked against the plan caps before anything is allocated; the decoded plan's
//! own problems (a tier too small for the provider…) are left for the planner to report.

use super::bytes::{push_varint, Reader};
use super::v1::{address_bytes, mode_code, mode_from_code, read_base};
use super::{fail, ShareError};
use crate::addr::{Cidr, Family};
use crate::plan::{
    default_zone_name, Avoid, Growth, Ipv6Plan, NatMode, Pin, Plan, Strategy, Tier, TierKind, TierSize, MAX_AVOID,
    MAX_EXTRA_ZONES, MAX_NAME_CHARS, MAX_PINS, MAX_TIERS, MAX_VPC_BLOCKS, MAX_ZONES,
};

const FLAG_PER_ZONE: u8 = 4;
const FLAG_HOSTS: u8 = 8;

pub(super) fn push_str(out: &mut Vec<u8>, s: &str) {
    push_varint(out, u32::try_from(s.len()).unwrap_or(u32::MAX));
    out.extend_from_slice(s.as_bytes());
}

/// The head byte of an IPv6 /128, whose prefix does not fit bits 0-6.
const V6_HOST: u8 = 0x7f;

fn push_cidr(out: &mut Vec<u8>, c: Cidr) {
    out.push(match (c.family(), c.prefix()) {
        (Family::V6, 128) => V6_HOST,
        (family, prefix) => u8::from(family == Family::V6) << 7 | prefix,
    });
    out.extend_from_slice(&address_bytes(c)[..c.prefix().div_ceil(8) as usize]);
}

fn count(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

pub(super) fn write(out: &mut Vec<u8>, p: &Plan) {
    push_str(out, &p.name);
    push_str(out, &p.region);
    out.push(mode_code(p.provider));
    out.push(count(p.vpc.len()));
    p.vpc.iter().for_each(|&c| push_cidr(out, c));
    out.push(count(p.zones.len()));
    for (i, z) in p.zones.iter().enumerate() {
        let default = default_zone_name(p.provider, &p.region, i);
        push_str(out, if *z == default { "" } else { z });
    }
    out.push(count(p.tiers.len()));
    for t in &p.tiers {
        push_str(out, &t.name);
        let (size_flag, size): (u8, u32) = match t.size {
            TierSize::Prefix(x) => (0, x.into()),
            TierSize::Hosts(h) => (FLAG_HOSTS, u32::try_from(h).unwrap_or(u32::MAX)),
        };
        out.push(t.kind.code() | if t.per_zone { FLAG_PER_ZONE } else { 0 } | size_flag);
        if size_flag == 0 {
            out.push(size as u8);
        } else {
            push_varint(out, size);
        }
    }
    out.push(p.strategy.code());
    out.push(p.growth.extra_zones);
    out.push(p.growth.spare_per_zone.map_or(0, |x| x.saturating_add(1)));
    out.push(count(p.pinned.len()));
    for pin in &p.pinned {
        out.push(count(pin.tier));
        out.push(pin.zone.map_or(0, |z| count(z).saturating_add(1)));
        push_cidr(out, pin.cidr);
    }
    out.push(count(p.avoid.len()));
    p.avoid.iter().for_each(|a| push_cidr(out, a.cidr));
    match p.ipv6 {
        None => out.push(0),
        Some(v6) => {
            out.push(1);
            push_cidr(out, v6.block);
        }
    }
}

pub(super) fn read_str(r: &mut Reader, what: &str) -> Result<String, ShareError> {
    let len = r.varint(what)? as usize;
    if len > MAX_NAME_CHARS * 4 {
        return fail(format!("This link is damaged: {what} is too long"));
    }
    let bytes = r.take(len, what)?;
    let Ok(s) = std::str::from_utf8(bytes) else {
        return fail(format!("This link is damaged: {what} is not valid text"));
    };
    if s.chars().count() > MAX_NAME_CHARS || s.chars().any(char::is_control) {
        return fail(format!("This link is damaged: {what} is too long or has control characters"));
    }
    Ok(s.to_string())
}

fn read_count(r: &mut Reader, max: usize, what: &str) -> Result<usize, ShareError> {
    let n = r.u8(what)? as usize;
    if n > max {
        return fail(format!("This link's plan has {n} {what}; at most {max} are allowed"));
    }
    Ok(n)
}

fn read_cidr(r: &mut Reader, what: &str) -> Result<Cidr, ShareError> {
    let head = r.u8(what)?;
    let (family, prefix) = match head {
        V6_HOST => (Family::V6, 128),
        _ if head & 0x80 == 0 => (Family::V4, head),
        _ => (Family::V6, head & 0x7f),
    };
    // `read_base` reads the prefix byte itself: hand it a reader positioned on a copy.
    let mut bytes = vec![prefix];
    bytes.extend_from_slice(r.take((prefix.min(family.width())).div_ceil(8) as usize, what)?);
    read_base(&mut Reader::new(&bytes), family)
}

pub(super) fn read(r: &mut Reader) -> Result<Plan, ShareError> {
    let name = read_str(r, "the plan name")?;
    let region = read_str(r, "the region")?;
    let provider = mode_from_code(r.u8("the provider")?)?;
    let n = read_count(r, MAX_VPC_BLOCKS, "VPC blocks")?;
    let vpc = (0..n).map(|_| read_cidr(r, "a VPC block")).collect::<Result<Vec<_>, _>>()?;
    let n = read_count(r, MAX_ZONES, "zones")?;
    let mut zones = Vec::with_capacity(n);
    for i in 0..n {
        let z = read_str(r, "a zone name")?;
        zones.push(if z.is_empty() { default_zone_name(provider, &region, i) } else { z });
    }
    let n = read_count(r, MAX_TIERS, "tiers")?;
    let mut tiers = Vec::with_capacity(n);
    for _ in 0..n {
        let name = read_str(r, "a tier name")?;
        let flags = r.u8("a tier")?;
        if flags & !(3 | FLAG_PER_ZONE | FLAG_HOSTS) != 0 {
            return fail("This link is damaged: a tier has unknown flags");
        }
        let kind = TierKind::from_code(flags & 3)
            .ok_or_else(|| ShareError("This link is damaged: unknown tier kind".into()))?;
        let size = if flags & FLAG_HOSTS != 0 {
            TierSize::Hosts(r.varint("a tier's host count")?.into())
        } else {
            TierSize::Prefix(r.u8("a tier's prefix")?)
        };
        tiers.push(Tier { name, kind, size, per_zone: flags & FLAG_PER_ZONE != 0 });
    }
    let strategy = Strategy::from_code(r.u8("the strategy")?)
        .ok_or_else(|| ShareError("This link is damaged: unknown layout strategy".into()))?;
    let extra_zones = r.u8("the growth settings")?;
    if extra_zones > MAX_EXTRA_ZONES {
        return fail(format!("This link's plan reserves {extra_zones} extra zones; at most {MAX_EXTRA_ZONES}"));
    }
    let spare = r.u8("the growth settings")?;
    let growth = Growth { extra_zones, spare_per_zone: spare.checked_sub(1) };
    let n = read_count(r, MAX_PINS, "pinned subnets")?;
    let mut pinned = Vec::with_capacity(n);
    for _ in 0..n {
        let tier = r.u8("a pinned subnet")? as usize;
        let zone = (r.u8("a pinned subnet")? as usize).checked_sub(1);
        let cidr = read_cidr(r, "a pinned subnet")?;
        pinned.push(Pin { tier, zone, cidr });
    }
    let n = read_count(r, MAX_AVOID, "networks to avoid")?;
    // Labels, when any, follow in v2's extension 1 (`v2/plan.rs`).
    let avoid = (0..n).map(|_| read_cidr(r, "a network to avoid").map(Avoid::from)).collect::<Result<Vec<_>, _>>()?;
    let ipv6 = match r.u8("the IPv6 setting")? {
        0 => None,
        1 => Some(Ipv6Plan { block: read_cidr(r, "the IPv6 block")? }),
        _ => return fail("This link is damaged: bad IPv6 setting"),
    };
    // Fields added since v1 (v2 extensions) start at their defaults.
    Ok(Plan {
        name,
        provider,
        region,
        vpc,
        zones,
        tiers,
        strategy,
        growth,
        pinned,
        avoid,
        ipv6,
        nat: NatMode::default(),
    })
}
