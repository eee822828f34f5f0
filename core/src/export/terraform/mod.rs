//! Terraform for AWS, Azure and Google Cloud. See the [module docs](super) for the choices
//! (variables and `cidrsubnet`, IPv6, zones, names).
//!
//! Each export is one self-contained root module: `terraform` with the provider requirement,
//! the provider, variables (region, `vpc_cidr`, `secondary_cidr_blocks`, …), a `locals` map
//! with one entry per subnet (keyed by a sanitised name, in layout order), the network, one
//! `for_each` subnet resource over the map, and outputs. The text follows `terraform fmt`.
//!
//! Around the subnets each target gets what makes the network work (see `routing.rs`): on
//! AWS the internet gateway, NAT gateways with Elastic IPs, route tables with their default
//! routes and associations; on Azure NAT gateways with public IPs; on Google Cloud a Cloud
//! Router with Cloud NAT. AWS and Azure take a `tags` variable merged into every resource's
//! tags (Google Cloud networks take no labels).
//!
//! Outputs follow the names of the terraform-aws-modules/vpc module where they exist:
//! `vpc_id`, `vpc_cidr_block`, one list of subnet IDs per tier kind (`public_subnets`,
//! `private_subnets`, `isolated_subnets`, `custom_subnets`, in tier then zone order) with
//! their `…_cidr_blocks`, `subnet_ids_by_tier` (tier → zone → ID, for modules taking a map
//! per zone), `subnet_ids` (by key), and on AWS `igw_id`, `natgw_ids`, `nat_public_ips` and
//! `…_route_table_ids`.
//!
//! Files: `hcl` (the writer), `aws`, `azure`, `gcp` (one per target); the parts they share
//! (header, variables, keys, outputs) are here.

mod aws;
mod azure;
mod gcp;
mod hcl;

pub(crate) use aws::{aws_zone_index, real_aws_zones};

use super::escape::{comment, hcl_str, tf_key, IdKind, Unique};
use super::header::{free_lines, header};
use super::table::{block_label, rows_by_kind, TableRow, SECONDARY_VAR};
use super::{named, provider_name, ExportOptions, Format, TfTarget};
use crate::mode::Mode;
use crate::plan::{default_region, Layout, Plan};
use hcl::{attr, block, object, Node};

// ---------------------------------------------------------------------------------------------
// Shared parts.

/// The region for the target: the plan's when the plan is for that provider, else the
/// provider's default region.
fn target_region(plan: &Plan, mode: Mode) -> String {
    if plan.provider == mode && !plan.region.trim().is_empty() {
        plan.region.trim().to_string()
    } else {
        default_region(mode).to_string()
    }
}

fn header_nodes(plan: &Plan, layout: &Layout, target: TfTarget, opts: &ExportOptions, notes: &[String]) -> Vec<Node> {
    let what = match target {
        TfTarget::Aws => "Terraform for AWS",
        TfTarget::Azure => "Terraform for Azure",
        TfTarget::Gcp => "Terraform for Google Cloud",
    };
    let mut out: Vec<Node> =
        header(plan, layout, what, Format::Terraform(Some(target)), opts).into_iter().map(Node::Comment).collect();
    out.push(Node::Comment(String::new()));
    out.push(Node::Comment(
        "Subnet addresses are cidrsubnet(var.vpc_cidr, newbits, netnum): change var.vpc_cidr to move the whole plan."
            .to_string(),
    ));
    if plan.vpc.len() > 1 {
        out.push(Node::Comment(format!(
            "Subnets in secondary block i (1-based) are cidrsubnet({SECONDARY_VAR}[i - 1], newbits, netnum)."
        )));
    }
    if plan.provider != target.mode() {
        out.push(Node::Comment(format!(
            "Note: the plan was laid out for {}; subnet sizes and reserved addresses follow its rules, not {}'s.",
            provider_name(plan.provider),
            target.mode().label()
        )));
    }
    out.extend(notes.iter().cloned().map(Node::Comment));
    if !layout.reserved.is_empty() {
        out.push(Node::Comment("Reserved for growth (no resources):".to_string()));
        for r in &layout.reserved {
            out.push(Node::Comment(format!("  {} {}", r.cidr, comment(&r.label))));
        }
    }
    out.extend(free_lines(layout).into_iter().map(Node::Comment));
    out.push(Node::Blank);
    out
}

fn required_provider(name: &str, source: &str, version: &str) -> Node {
    block(
        "terraform",
        vec![block(
            "required_providers",
            vec![object(name.to_string(), vec![attr("source", hcl_str(source)), attr("version", hcl_str(version))])],
        )],
    )
}

fn variable(name: &str, description: &str, ty: &'static str, default: Option<String>) -> Node {
    let mut body = vec![attr("description", hcl_str(description)), attr("type", ty)];
    if let Some(d) = default {
        body.push(attr("default", d));
    }
    block(format!("variable {}", hcl_str(name)), body)
}

/// `variable "vpc_cidr"` and, with secondary blocks, `variable "secondary_cidr_blocks"`.
fn block_variables(plan: &Plan, what: &str) -> Vec<Node> {
    let mut out = vec![
        variable(
            "vpc_cidr",
            &format!(
                "Primary IPv4 block of the {what}; every subnet in it is cidrsubnet(var.vpc_cidr, newbits, netnum)"
            ),
            "string",
            plan.vpc.first().map(|c| hcl_str(&c.to_string())),
        ),
        Node::Blank,
    ];
    if plan.vpc.len() > 1 {
        let list: Vec<String> = plan.vpc[1..].iter().map(|c| hcl_str(&c.to_string())).collect();
        out.push(variable(
            "secondary_cidr_blocks",
            &format!(
                "Secondary IPv4 blocks of the {what}, in plan order; a subnet in block i is cidrsubnet(var.secondary_cidr_blocks[i], newbits, netnum)"
            ),
            "list(string)",
            Some(format!("[{}]", list.join(", "))),
        ));
        out.push(Node::Blank);
    }
    out
}

/// Unique `for_each` keys for the rows.
fn keys(rows: &[TableRow]) -> Vec<String> {
    let mut u = Unique::new(IdKind::TfKey);
    rows.iter().map(|r| u.take(&tf_key(&r.name))).collect()
}

fn subnet_comment(r: &TableRow) -> String {
    format!("{} {} in the {} block {}", comment(&r.name), r.cidr, block_label(r.block_index), r.block)
}

/// `variable "tags"`: tags for every resource that takes them.
fn tags_variable() -> Node {
    variable(
        "tags",
        "Tags added to every resource (the resources add Name and, on subnets, Tier and Kind)",
        "map(string)",
        Some("{}".to_string()),
    )
}

/// `output "name" { description, value }`.
fn output(name: &str, description: &str, value: impl Into<hcl::Str>) -> Node {
    block(format!("output {}", hcl_str(name)), vec![attr("description", hcl_str(description)), attr("value", value)])
}

/// Per tier kind, the list of subnet IDs (`public_subnets`) and of their CIDRs
/// (`public_subnets_cidr_blocks`, from `cidr_attr` such as `.cidr_block`); then
/// `subnet_ids_by_tier`: tier name → zone name → ID. A single-subnet tier's subnet is under
/// the first zone on AWS (where it is placed) and under `regional` on clouds whose subnets are
/// regional (`regional_subnets`).
fn tier_outputs(
    plan: &Plan,
    rows: &[TableRow],
    keys: &[String],
    (resource, cidr_attr): (&str, &str),
    regional_subnets: bool,
) -> Vec<Node> {
    let mut out = Vec::new();
    let of = |i: usize, attr: &str| format!("{resource}[{}]{attr}", hcl_str(&keys[i]));
    for (kind, list) in rows_by_kind(plan, rows) {
        let ids: Vec<String> = list.iter().map(|&i| of(i, ".id")).collect();
        let cidrs: Vec<String> = list.iter().map(|&i| of(i, cidr_attr)).collect();
        out.push(output(
            &format!("{}_subnets", kind.id()),
            &format!("IDs of the {} subnets, in tier then zone order", kind.id()),
            format!("[{}]", ids.join(", ")),
        ));
        out.push(Node::Blank);
        out.push(output(
            &format!("{}_subnets_cidr_blocks", kind.id()),
            &format!("IPv4 blocks of the {} subnets, in the order of {}_subnets", kind.id(), kind.id()),
            format!("[{}]", cidrs.join(", ")),
        ));
        out.push(Node::Blank);
    }
    let mut tiers = Vec::new();
    for (t, tier) in plan.tiers.iter().enumerate() {
        let mut zones = Unique::new(IdKind::TfKey);
        let body: Vec<Node> = (0..rows.len())
            .filter(|&i| rows[i].tier_index == t)
            .map(|i| {
                let zone = match rows[i].zone_index {
                    None if regional_subnets => "regional",
                    _ => plan.zones.get(aws_zone_index(&rows[i])).map_or("", String::as_str),
                };
                attr(hcl_str(&zones.take(zone)), of(i, ".id"))
            })
            .collect();
        if !body.is_empty() {
            tiers.push(object(hcl_str(&tier.name), body));
        }
    }
    out.push(block(
        "output \"subnet_ids_by_tier\"",
        vec![
            attr(
                "description",
                hcl_str(if regional_subnets {
                    "Subnet IDs by tier name, then zone name (regional for a tier with one subnet)"
                } else {
                    "Subnet IDs by tier name, then zone name"
                }),
            ),
            object("value", tiers),
        ],
    ));
    out.push(Node::Blank);
    out
}

fn subnets_output(resource: &str) -> Vec<Node> {
    vec![block(
        "output \"subnet_ids\"",
        vec![
            attr("description", hcl_str("Subnet IDs by subnet key")),
            attr("value", format!("{{ for k, s in {resource} : k => s.id }}")),
        ],
    )]
}

/// `plan` as a Terraform root module for `target` (see the module docs for the choices).
/// Any plan may be exported to any target; a plan laid out for another provider says so in
/// the header, as its sizes follow that provider's rules.
pub fn terraform(plan: &Plan, layout: &Layout, target: TfTarget) -> String {
    terraform_with(plan, layout, target, &ExportOptions::default())
}

/// [`terraform`] with options (see [`super::render_with`]).
pub(crate) fn terraform_with(plan: &Plan, layout: &Layout, target: TfTarget, opts: &ExportOptions) -> String {
    match target {
        TfTarget::Aws => aws::aws(plan, layout, opts),
        TfTarget::Azure => azure::azure(plan, layout, opts),
        TfTarget::Gcp => gcp::gcp(plan, layout, opts),
    }
}
