//! How the exported network reaches the internet, decided once from the plan's tier kinds
//! and its NAT setting, then written by each exporter in its own language:
//!
//! - **AWS** (Terraform and CloudFormation, [`aws_network`]): public tiers get an internet
//!   gateway and one public route table with `0.0.0.0/0` (and `::/0` when dual-stack) to it.
//!   Private tiers get NAT gateways with Elastic IPs in public subnets, as the plan says: one
//!   per zone (each zone's private route table to its own), one shared (one private route
//!   table), or none (a private route table without a default route). Dual-stack private
//!   tables also route `::/0` to an egress-only internet gateway when the plan has NAT.
//!   Isolated tiers get a route table without a default route, custom tiers another. Every
//!   subnet is associated with its table.
//! - **Azure** ([`azure_nat`]): NAT gateways (with a Standard public IP each) associated with
//!   the private subnets; zonal when the plan's zones are Azure zone numbers.
//! - **Google Cloud** ([`gcp_nat_rows`]): one Cloud Router and Cloud NAT for the private
//!   subnets (Cloud NAT is regional, so per zone and shared are the same there).
//!
//! A NAT gateway needs a public subnet to sit in: a zone without one sends its private
//! traffic to another zone's NAT gateway, and a plan without public subnets gets none; the
//! notes say so in the file's header.

use super::escape::{comment, tf_key, IdKind, Unique};
use super::table::TableRow;
use super::terraform::aws_zone_index;
use crate::plan::{subnet_name, NatMode, Plan, TierKind};

/// What an AWS route table is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TableRole {
    /// Default routes to the internet gateway.
    Public,
    /// Default route to a NAT gateway (or none, without NAT).
    Private,
    /// Only the VPC's local routes.
    Isolated,
    /// Only the VPC's local routes; the user adds what the tier needs.
    Custom,
}

/// One AWS route table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RouteTable {
    /// `public`, `private-a` (per zone), `private`, `isolated`, `custom`: unique, a valid
    /// Terraform key.
    pub key: String,
    /// The Name tag without the plan's name: `public`, `private-a`, …
    pub label: String,
    pub role: TableRole,
    /// Index into [`AwsNetwork::nat_gateways`] of the target of `0.0.0.0/0` (private tables).
    pub nat: Option<usize>,
}

/// One AWS NAT gateway and its Elastic IP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NatGateway {
    /// The zone's key (`a`), or `shared`: unique, a valid Terraform key.
    pub key: String,
    /// The Name tag without the plan's name: `nat-a`, `nat`.
    pub label: String,
    /// Index into the table rows of the public subnet it sits in.
    pub subnet: usize,
}

/// The AWS network around the subnets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AwsNetwork {
    pub tables: Vec<RouteTable>,
    pub nat_gateways: Vec<NatGateway>,
    /// For each table row, the index into `tables` of its route table.
    pub table_of: Vec<usize>,
    /// Public tables route `::/0` to the internet gateway (dual-stack plans).
    pub ipv6: bool,
    /// Private tables with NAT route `::/0` to an egress-only internet gateway.
    pub egress_only: bool,
    /// What was decided, for the header (without comment markers).
    pub notes: Vec<String>,
}

impl AwsNetwork {
    /// Whether the VPC needs an internet gateway (it has public subnets).
    pub fn internet_gateway(&self) -> bool {
        self.tables.iter().any(|t| t.role == TableRole::Public)
    }

    /// The tables with `role`, in order.
    pub fn tables_with(&self, role: TableRole) -> impl Iterator<Item = (usize, &RouteTable)> {
        self.tables.iter().enumerate().filter(move |(_, t)| t.role == role)
    }
}

/// The zone keys of a plan: the short zone suffixes of subnet names (`a`) when they are
/// plain ASCII, else `zone1`, `zone2`, …; unique.
pub(crate) fn zone_keys(plan: &Plan) -> Vec<String> {
    let mut u = Unique::new(IdKind::TfKey);
    u.reserve("shared");
    plan.zone_suffixes()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let ascii = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            u.take(&if ascii { tf_key(s) } else { format!("zone{}", i + 1) })
        })
        .collect()
}

fn is_private(r: &TableRow) -> bool {
    r.kind == TierKind::Private
}

/// For each zone, the public subnet a NAT gateway there sits in: the zone's subnet of the
/// first public tier (a single-subnet tier counts for the first zone, where AWS puts it).
fn public_subnet_by_zone(plan: &Plan, rows: &[TableRow]) -> Vec<Option<usize>> {
    (0..plan.zones.len())
        .map(|z| {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| r.kind == TierKind::Public && aws_zone_index(r) == z)
                .min_by_key(|(i, r)| (r.tier_index, *i))
                .map(|(i, _)| i)
        })
        .collect()
}

/// The zones (indices) holding private subnets, in order.
fn private_zones(plan: &Plan, rows: &[TableRow]) -> Vec<usize> {
    (0..plan.zones.len()).filter(|&z| rows.iter().any(|r| is_private(r) && aws_zone_index(r) == z)).collect()
}

fn zone_name(plan: &Plan, z: usize) -> String {
    comment(plan.zones.get(z).map_or("", String::as_str))
}

/// The AWS network for `rows` (the plan's table rows, in layout order).
pub(crate) fn aws_network(plan: &Plan, rows: &[TableRow]) -> AwsNetwork {
    let dual = rows.iter().any(|r| r.ipv6_netnum.is_some());
    let mut net = AwsNetwork {
        tables: Vec::new(),
        nat_gateways: Vec::new(),
        table_of: vec![0; rows.len()],
        ipv6: dual,
        egress_only: false,
        notes: Vec::new(),
    };
    if rows.iter().any(|r| r.kind == TierKind::Public) {
        net.tables.push(table("public", TableRole::Public, None));
        net.notes.push(format!(
            "Routing: public subnets route 0.0.0.0/0{} to the internet gateway.",
            if dual { " and ::/0" } else { "" }
        ));
    }
    let private_table = if rows.iter().any(is_private) { private_tables(plan, rows, &mut net) } else { Vec::new() };
    let isolated_table = local_table(
        &mut net,
        rows,
        TierKind::Isolated,
        "Isolated subnets have a route table with only the VPC's local routes (no internet).",
    );
    let custom_table = local_table(
        &mut net,
        rows,
        TierKind::Custom,
        "Custom subnets have their own route table with only the VPC's local routes: add the routes they need.",
    );
    for (i, r) in rows.iter().enumerate() {
        net.table_of[i] = match r.kind {
            TierKind::Public => 0,
            TierKind::Private => private_table.get(aws_zone_index(r)).copied().flatten().unwrap_or(0),
            TierKind::Isolated => isolated_table.unwrap_or(0),
            TierKind::Custom => custom_table.unwrap_or(0),
        };
    }
    net
}

/// The NAT gateways and private route tables; for each zone, the index of the table its
/// private subnets use.
fn private_tables(plan: &Plan, rows: &[TableRow], net: &mut AwsNetwork) -> Vec<Option<usize>> {
    let keys = zone_keys(plan);
    let suffixes = plan.zone_suffixes();
    let suffix = |z: usize| suffixes.get(z).map(String::as_str);
    let public_at = public_subnet_by_zone(plan, rows);
    let zones = private_zones(plan, rows);
    let nat_zones: Vec<usize> = match plan.nat {
        NatMode::PerZone => zones.iter().copied().filter(|&z| public_at[z].is_some()).collect(),
        NatMode::Shared => public_at.iter().position(Option::is_some).into_iter().collect(),
        NatMode::None => Vec::new(),
    };
    for &z in &nat_zones {
        let (key, label) = match plan.nat {
            NatMode::PerZone => (keys[z].clone(), subnet_name("nat", suffix(z))),
            _ => ("shared".to_string(), "nat".to_string()),
        };
        net.nat_gateways.push(NatGateway { key, label, subnet: public_at[z].unwrap_or_default() });
    }
    let mut of_zone = vec![None; plan.zones.len().max(1)];
    if plan.nat == NatMode::PerZone && !nat_zones.is_empty() {
        for &z in &zones {
            let nat = nat_zones.iter().position(|&n| n == z);
            if nat.is_none() {
                net.notes.push(format!(
                    "Zone {} has no public subnet for a NAT gateway: its private subnets use the one in zone {}.",
                    zone_name(plan, z),
                    zone_name(plan, nat_zones[0])
                ));
            }
            let mut t = table(&format!("private-{}", keys[z]), TableRole::Private, Some(nat.unwrap_or(0)));
            t.label = subnet_name("private", suffix(z));
            of_zone[z] = Some(net.tables.len());
            net.tables.push(t);
        }
    } else {
        let nat = (!net.nat_gateways.is_empty()).then_some(0);
        of_zone.iter_mut().for_each(|t| *t = Some(net.tables.len()));
        net.tables.push(table("private", TableRole::Private, nat));
    }
    net.egress_only = net.ipv6 && !net.nat_gateways.is_empty();
    let note = nat_note(plan, rows, net);
    net.notes.push(note);
    if !net.nat_gateways.is_empty() {
        net.notes.push("NAT gateways and Elastic IPs are billed per hour and per GB; the plan's NAT setting chooses per zone, shared or none.".to_string());
    }
    of_zone
}

/// What the NAT setting made of the private subnets' outbound routes, in one sentence.
fn nat_note(plan: &Plan, rows: &[TableRow], net: &AwsNetwork) -> String {
    let v6 = if net.egress_only { ", ::/0 through the egress-only internet gateway" } else { "" };
    match (plan.nat, net.nat_gateways.first()) {
        (NatMode::None, _) => "NAT: none (the plan's choice): private subnets have no route out of the VPC; add your own (Transit Gateway, NAT instance).".to_string(),
        (_, None) => "NAT: the plan asks for NAT gateways but has no public subnet to put them in: private subnets have no route out of the VPC. Add a public tier.".to_string(),
        (NatMode::PerZone, _) => format!(
            "NAT: one NAT gateway per zone ({}, each with an Elastic IP, in its zone's public subnet): each zone's private subnets route 0.0.0.0/0 through their own{v6}.",
            net.nat_gateways.len()
        ),
        (NatMode::Shared, Some(n)) => format!(
            "NAT: one shared NAT gateway (with an Elastic IP) in zone {}: every private subnet routes 0.0.0.0/0 through it{v6} (cheaper; an outage of that zone stops all outbound traffic).",
            zone_name(plan, aws_zone_index(&rows[n.subnet])),
        ),
    }
}

/// A route table with only the local routes for the subnets of `kind`, if there are any.
fn local_table(net: &mut AwsNetwork, rows: &[TableRow], kind: TierKind, note: &str) -> Option<usize> {
    if !rows.iter().any(|r| r.kind == kind) {
        return None;
    }
    let (key, role) =
        if kind == TierKind::Custom { ("custom", TableRole::Custom) } else { ("isolated", TableRole::Isolated) };
    net.tables.push(table(key, role, None));
    net.notes.push(note.to_string());
    Some(net.tables.len() - 1)
}

fn table(key: &str, role: TableRole, nat: Option<usize>) -> RouteTable {
    RouteTable { key: key.to_string(), label: key.to_string(), role, nat }
}

/// Azure NAT gateways and the notes for the header.
pub(crate) struct AzureNat {
    pub gateways: Vec<AzureGateway>,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AzureGateway {
    /// Zone key (`1`) or `shared`: unique, a valid Terraform key.
    pub key: String,
    /// The Azure zone (`"1"`) of a zonal gateway.
    pub zone: Option<String>,
    /// Table rows of the private subnets it serves.
    pub rows: Vec<usize>,
}

/// Whether every zone name is an Azure availability-zone number (`1`, `2`, `3`).
fn azure_zone_numbers(plan: &Plan) -> bool {
    !plan.zones.is_empty() && plan.zones.iter().all(|z| matches!(z.trim(), "1" | "2" | "3"))
}

pub(crate) fn azure_nat(plan: &Plan, rows: &[TableRow]) -> AzureNat {
    let private: Vec<usize> = (0..rows.len()).filter(|&i| is_private(&rows[i])).collect();
    let mut notes = Vec::new();
    if rows.iter().any(|r| r.kind == TierKind::Public) {
        notes.push("Public subnets need no gateway on Azure: their resources reach the internet through their own public IPs or a load balancer.".to_string());
    }
    let mut gateways = Vec::new();
    if private.is_empty() {
        return AzureNat { gateways, notes };
    }
    let zonal = plan.nat == NatMode::PerZone && azure_zone_numbers(plan);
    match plan.nat {
        NatMode::None => notes.push("NAT: none (the plan's choice): private subnets get no NAT gateway.".to_string()),
        _ if zonal => {
            // A tier with one subnet for all zones is regional: a zonal gateway would make one
            // zone's outage cut everyone's outbound traffic, so it gets a regional one.
            let (zoned, regional): (Vec<usize>, Vec<usize>) =
                private.iter().partition(|&&i| rows[i].zone_index.is_some());
            for (z, zone) in plan.zones.iter().enumerate() {
                let served: Vec<usize> = zoned.iter().copied().filter(|&i| rows[i].zone_index == Some(z)).collect();
                if !served.is_empty() {
                    let zone = zone.trim().to_string();
                    gateways.push(AzureGateway { key: zone.clone(), zone: Some(zone), rows: served });
                }
            }
            let zonal_count = gateways.len();
            if !regional.is_empty() {
                gateways.push(AzureGateway { key: "shared".to_string(), zone: None, rows: regional });
            }
            notes.push(match (zonal_count, gateways.len() > zonal_count) {
                (0, _) => "NAT: one regional NAT gateway (with a Standard public IP) for the private tiers, which have one subnet for all zones.".to_string(),
                (n, false) => format!("NAT: one zonal NAT gateway per zone ({n}), each with a Standard public IP, for that zone's private subnets."),
                (n, true) => format!("NAT: one zonal NAT gateway per zone ({n}), each with a Standard public IP, for that zone's private subnets; private tiers with one subnet for all zones use a regional one."),
            });
        }
        mode => {
            gateways.push(AzureGateway { key: "shared".to_string(), zone: None, rows: private.clone() });
            notes.push(if mode == NatMode::PerZone {
                "NAT: the zone names are not Azure zone numbers (1, 2, 3), so one regional NAT gateway (with a Standard public IP) serves every private subnet.".to_string()
            } else {
                "NAT: one shared NAT gateway (with a Standard public IP) serves every private subnet.".to_string()
            });
        }
    }
    notes.push("Not covered: network security groups; isolated and custom subnets get no NAT gateway, so restrict their outbound traffic with an NSG as your policy requires.".to_string());
    AzureNat { gateways, notes }
}

/// The rows Cloud NAT serves on Google Cloud (private subnets, except proxy-only ones), or
/// none when the plan has no NAT.
pub(crate) fn gcp_nat_rows(plan: &Plan, rows: &[TableRow], proxy_only: impl Fn(&TableRow) -> bool) -> Vec<usize> {
    if plan.nat == NatMode::None {
        return Vec::new();
    }
    (0..rows.len()).filter(|&i| is_private(&rows[i]) && !proxy_only(&rows[i])).collect()
}
