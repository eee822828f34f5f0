//! The planner's fit failures in words: what did not fit, with the numbers, what the space
//! left holds, and the remedies joined into advice. The remedies' own wording is
//! [`Remedy`]'s `Display`, and the warnings' [`Warning`]'s. Everything here is English for
//! people; callers print it as is.

use super::allocate::pieces::*;
use super::allocate::{open_space, Remedy};
use super::check;
use super::model::{Plan, Sizing};
use super::warning::{Dissolved, Warning};
use crate::sort::sort_few_by_key;
use std::fmt;

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "8,192 remain after private, public" (with ", but not as one aligned /18 block" when the
/// space is there but fragmented).
pub(crate) fn remain_text(plan: &Plan, space: &Space, done: &[String], pinned: bool, prefix: u8) -> String {
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

pub(crate) fn per_zone_largest(plan: &Plan, sz: &[Sizing]) -> Option<usize> {
    (0..plan.tiers.len()).filter(|&t| plan.tiers[t].per_zone).min_by_key(|&t| (sz[t].prefix, t))
}

/// What a zone holds, as a sum: every item while there are few, else the first
/// [`SUM_SHOWN`] and the rest counted by size ("… + 34 more: 30 × /24, 4 × /26"), so a zone
/// of 40 tiers still gives a message one can read.
pub(crate) fn sum_list(items: &[(String, u8)]) -> String {
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

pub(crate) fn group_failure(
    plan: &Plan,
    names: &Names,
    g: &Group,
    need: u128,
    prefix: Option<u8>,
    remain: String,
) -> Failure {
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

pub(crate) fn member_failure(plan: &Plan, names: &Names, m: &Member, remain: String) -> Failure {
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

/// How much of each VPC block lies in networks to avoid, in words: "32,768 of the 65,536
/// addresses of 10.20.0.0/16 lie in on-prem 10.20.128.0/17" (blocks joined by "; "). Empty
/// when no VPC block overlaps one.
pub(crate) fn avoided_clause(plan: &Plan) -> String {
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

pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(crate) fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} or {b}"),
        [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
    }
}

/// The whole message: what did not fit, what is left (and what lies in networks to avoid),
/// and the remedies as advice.
pub(crate) fn explain(plan: &Plan, f: Failure, remedies: &[Remedy]) -> String {
    let fixes: Vec<String> = remedies.iter().map(Remedy::to_string).collect();
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

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Remedy::ReplaceBlock { old, with, .. } => write!(f, "{with} instead of {old}"),
            Remedy::WidenPrimary { prefix, only_block: true } => write!(f, "a /{prefix} VPC"),
            Remedy::WidenPrimary { prefix, only_block: false } => write!(f, "a /{prefix} primary block"),
            Remedy::AddBlock { cidr } => write!(f, "a secondary block such as {cidr}"),
            Remedy::ShrinkTier { name, prefix, usable, .. } => {
                write!(f, "/{prefix} {name} subnets")?;
                match usable {
                    Some(u) => write!(f, " ({} usable each)", u.grouped()),
                    None => Ok(()),
                }
            }
            Remedy::FewerZones { zones, from } => {
                write!(f, "{zones} zone{} instead of {from}", if *zones == 1 { "" } else { "s" })
            }
            Remedy::FewerGrowthZones { extra_zones: 0 } => f.write_str("no growth zones"),
            Remedy::FewerGrowthZones { extra_zones: 1 } => f.write_str("room for 1 more zone"),
            Remedy::FewerGrowthZones { extra_zones } => write!(f, "room for {extra_zones} more zones"),
            Remedy::NoSpare => f.write_str("no spare blocks"),
            Remedy::Strategy { strategy } => write!(f, "the {} layout", strategy.id()),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::DockerBridge { block } => write!(
                f,
                "{block} overlaps {}: some AWS services and Docker's default bridge use that range; AWS advises against it",
                check::docker_bridge()
            ),
            Warning::NotPrivate { block } => write!(
                f,
                "{block} is not private (RFC 1918) address space: it may clash with public addresses on the internet"
            ),
            Warning::TooManyZones { provider, max, zones } => {
                write!(f, "{} regions have at most {max} zones; this plan has {zones}", provider.label())
            }
            Warning::RegionalSubnets { provider } => write!(
                f,
                "{} subnets are regional (they span every zone); one subnet per zone is a convention, not a requirement",
                provider.label()
            ),
            Warning::AzureMinimum { name, min, prefix } => {
                write!(f, "Azure requires {name} to be at least a /{min}; this one is a /{prefix}")
            }
            Warning::EmptyGrowth => f.write_str("The growth zones reserve nothing: no tier has a subnet per zone"),
            Warning::Ipv6Renumbers { tiers } => write!(
                f,
                "IPv6 /64s follow the table order with more than 16 tiers ({tiers} here): adding a zone or tier renumbers \
                 the subnets after it"
            ),
            Warning::Ipv6BlockSize { provider, want, block } => {
                write!(f, "{} hands each VPC a /{want} IPv6 block; {block} is a /{}", provider.label(), block.prefix())
            }
            Warning::NotOneBlock { group, why } => {
                write!(f, "{} is not one block: {why}; its subnets are placed one by one", capitalise(group))
            }
            Warning::PinnedTooSmall { name, cidr, usable, tier, hosts } => write!(
                f,
                "Pinned subnet {name} {cidr} has {} usable addresses; tier {tier} asks for {} hosts",
                usable.grouped(),
                grouped(*hosts as u128)
            ),
        }
    }
}

impl fmt::Display for Dissolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dissolved::TooLarge => f.write_str("it needs more than the whole IPv4 space"),
            Dissolved::PinsApart { pins, prefix } => {
                let list: Vec<String> = pins.iter().map(|p| p.to_string()).collect();
                write!(f, "its pinned subnets {} do not fit in one aligned /{prefix} block", list.join(", "))
            }
            Dissolved::NoBlock { cover } => write!(f, "no block holds its pinned subnets around {cover}"),
            Dissolved::OutsideVpc { block } => {
                write!(f, "the block {block} holding its pinned subnets is not inside one VPC block")
            }
            Dissolved::OverlapsGroup { block, other, other_block } => {
                write!(f, "the block {block} holding its pinned subnets overlaps {other} ({other_block})")
            }
            Dissolved::OverlapsPin { block, pin } => {
                write!(f, "the block {block} holding its pinned subnets overlaps the pinned subnet {pin}")
            }
            Dissolved::OverlapsAvoid { block, avoid } => {
                write!(f, "the block {block} holding its pinned subnets overlaps {avoid}")
            }
            Dissolved::NoRoom { block, member } => {
                write!(f, "{member} finds no room around its pinned subnets in {block}")
            }
        }
    }
}
