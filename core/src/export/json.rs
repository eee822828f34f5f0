//! The JSON export: the plan (in its own import format, so `plan` can be loaded back) and the
//! layout, with field names that only ever grow:
//!
//! ```json
//! { "format": "cidrplan-export", "version": 1,
//!   "plan": { "format": "cidrplan-plan", ... },
//!   "subnets": [{ "name": "public-a", "zone": "us-east-1a", "tier": "public", "kind": "public",
//!                 "cidr": "10.0.0.0/24", "first": "10.0.0.0", "last": "10.0.0.255",
//!                 "first_usable": "10.0.0.4", "last_usable": "10.0.0.254", "usable": 251,
//!                 "reserved": [{"address": "10.0.0.0", "role": "Network address"}, ...],
//!                 "hosts": null, "headroom": null, "ipv6": null,
//!                 "vpc_block": "10.0.0.0/16", "vpc_block_index": 0, "newbits": 8, "netnum": 0,
//!                 "cidrsubnet": "cidrsubnet(var.vpc_cidr, 8, 0)", "ipv6_netnum": null,
//!                 "ipv6_cidrsubnet": null, "pinned": false }],
//!   "zones": [{ "name": "us-east-1a", "block": "10.0.0.0/18", "exact": ["10.0.0.0/19"] }],
//!   "tiers": [{ "name": "public", "kind": "public", "block": null, "exact": [...] }],
//!   "reserved": [{ "label": "...", "kind": "extra_zone", "cidr": "...", "vpc_block_index": 0 }],
//!   "spare_block": null, "free": ["10.0.192.0/18"],
//!   "totals": { "addresses": 65536, "used": 24576, "reserved": 0, "free": 40960 },
//!   "overlaps": [], "warnings": [] }
//! ```
//!
//! Address counts are numbers (IPv4 counts fit a JSON number exactly).

use super::table::table_rows;
use crate::addr::{Addr, Cidr, Count};
use crate::plan::{Layout, Plan, ReservationKind};

#[derive(serde::Serialize)]
struct Export<'a> {
    format: &'static str,
    version: u32,
    plan: &'a Plan,
    subnets: Vec<SubnetJson>,
    zones: Vec<GroupJson>,
    tiers: Vec<GroupJson>,
    reserved: Vec<ReservationJson>,
    spare_block: Option<Cidr>,
    free: Vec<Cidr>,
    totals: Totals,
    overlaps: Vec<OverlapJson>,
    warnings: Vec<String>,
}

#[derive(serde::Serialize)]
struct SubnetJson {
    name: String,
    zone: Option<String>,
    tier: String,
    kind: &'static str,
    cidr: Cidr,
    first: Addr,
    last: Addr,
    first_usable: Option<Addr>,
    last_usable: Option<Addr>,
    usable: u64,
    reserved: Vec<ReservedJson>,
    hosts: Option<u64>,
    headroom: Option<i64>,
    ipv6: Option<Cidr>,
    vpc_block: Cidr,
    vpc_block_index: usize,
    newbits: u8,
    netnum: u64,
    cidrsubnet: String,
    ipv6_netnum: Option<u64>,
    ipv6_cidrsubnet: Option<String>,
    pinned: bool,
}

#[derive(serde::Serialize)]
struct ReservedJson {
    address: Addr,
    role: &'static str,
}

#[derive(serde::Serialize)]
struct GroupJson {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    block: Option<Cidr>,
    exact: Vec<Cidr>,
}

#[derive(serde::Serialize)]
struct ReservationJson {
    label: String,
    kind: &'static str,
    zone: usize,
    tier: Option<usize>,
    cidr: Cidr,
    vpc_block_index: usize,
}

#[derive(serde::Serialize)]
struct Totals {
    addresses: u64,
    used: u64,
    reserved: u64,
    free: u64,
}

#[derive(serde::Serialize)]
struct OverlapJson {
    avoid: Cidr,
    cidr: Cidr,
    message: String,
}

fn n(c: Count) -> u64 {
    c.as_u128().map_or(u64::MAX, |v| u64::try_from(v).unwrap_or(u64::MAX))
}

fn small(v: u128) -> u64 {
    u64::try_from(v).unwrap_or(u64::MAX)
}

/// The plan and its layout as pretty-printed JSON (see the module docs for the fields).
pub fn json(plan: &Plan, layout: &Layout) -> String {
    let subnets = table_rows(plan, layout)
        .into_iter()
        .map(|r| SubnetJson {
            zone: if r.zone_index.is_some() { Some(r.zone.clone()) } else { None },
            kind: r.kind.id(),
            cidr: r.cidr,
            first: r.first,
            last: r.last,
            first_usable: r.usable_first,
            last_usable: r.usable_last,
            usable: n(r.usable),
            reserved: r.reserved.iter().map(|x| ReservedJson { address: x.address, role: x.role }).collect(),
            hosts: r.hosts,
            headroom: r.headroom,
            ipv6: r.ipv6,
            vpc_block: r.block,
            vpc_block_index: r.block_index,
            newbits: r.newbits,
            netnum: small(r.netnum),
            ipv6_netnum: r.ipv6_netnum.map(|(_, k)| small(k)),
            ipv6_cidrsubnet: if r.ipv6_expr.is_empty() { None } else { Some(r.ipv6_expr.clone()) },
            pinned: r.pinned,
            cidrsubnet: r.expr,
            tier: r.tier,
            name: r.name,
        })
        .collect();
    let export = Export {
        format: "cidrplan-export",
        version: 1,
        plan,
        subnets,
        zones: layout
            .zone_summaries
            .iter()
            .map(|z| GroupJson { name: z.name.clone(), kind: None, block: z.block, exact: z.exact.clone() })
            .collect(),
        tiers: layout
            .tier_summaries
            .iter()
            .enumerate()
            .map(|(t, s)| GroupJson {
                name: s.name.clone(),
                kind: Some(plan.tiers.get(t).map(|x| x.kind.id()).unwrap_or("")),
                block: s.block,
                exact: s.exact.clone(),
            })
            .collect(),
        reserved: layout
            .reserved
            .iter()
            .map(|r| ReservationJson {
                label: r.label.clone(),
                kind: match r.kind {
                    ReservationKind::ExtraZone => "extra_zone",
                    ReservationKind::Spare => "spare",
                },
                zone: r.zone,
                tier: r.tier,
                cidr: r.cidr,
                vpc_block_index: r.block_index,
            })
            .collect(),
        spare_block: layout.spare_block,
        free: layout.free.clone(),
        totals: Totals {
            addresses: n(layout.total_addresses),
            used: n(layout.used_addresses),
            reserved: n(layout.reserved_addresses),
            free: n(layout.free_addresses),
        },
        overlaps: layout
            .overlaps
            .iter()
            .map(|o| OverlapJson { avoid: o.avoid, cidr: o.cidr, message: o.message.clone() })
            .collect(),
        warnings: layout.warnings.iter().map(|w| w.to_string()).collect(),
    };
    serde_json::to_string_pretty(&export).unwrap_or_default() + "\n"
}
