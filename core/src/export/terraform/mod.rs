//! Terraform for AWS, Azure and Google Cloud. See the [module docs](super) for the choices
//! (variables and `cidrsubnet`, IPv6, zones, names).
//!
//! Each export is one self-contained root module: `terraform` with the provider requirement,
//! the provider, variables (region, `vpc_cidr`, `secondary_cidr_blocks`, …), a `locals` map
//! with one entry per subnet (keyed by a sanitised name, in layout order), the network, one
//! `for_each` subnet resource over the map, and outputs. The text follows `terraform fmt`.
//!
//! Files: `hcl` (the writer), `aws`, `azure`, `gcp` (one per target); the parts they share
//! (header, variables, keys) are here.

mod aws;
mod azure;
mod gcp;
mod hcl;

pub(crate) use aws::{aws_zone_index, real_aws_zones};

use super::escape::{comment, hcl_str, tf_key, IdKind, Unique};
use super::table::{block_label, TableRow, SECONDARY_VAR};
use super::{header, provider_name, TfTarget};
use crate::mode::Mode;
use crate::plan::{default_region, Layout, Plan};
use hcl::{attr, block, Node};

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

fn header_nodes(plan: &Plan, layout: &Layout, target: TfTarget, notes: &[String]) -> Vec<Node> {
    let what = match target {
        TfTarget::Aws => "Terraform for AWS",
        TfTarget::Azure => "Terraform for Azure",
        TfTarget::Gcp => "Terraform for Google Cloud",
    };
    let mut out: Vec<Node> = header(plan, layout, what).into_iter().map(Node::Comment).collect();
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
    out.extend(super::free_lines(layout).into_iter().map(Node::Comment));
    out.push(Node::Blank);
    out
}

fn required_provider(name: &str, source: &str, version: &str) -> Node {
    block(
        "terraform",
        vec![block(
            "required_providers",
            vec![Node::Object(
                name.to_string(),
                vec![attr("source", hcl_str(source)), attr("version", hcl_str(version))],
            )],
        )],
    )
}

fn variable(name: &str, description: &str, ty: &str, default: Option<String>) -> Node {
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
    match target {
        TfTarget::Aws => aws::aws(plan, layout),
        TfTarget::Azure => azure::azure(plan, layout),
        TfTarget::Gcp => gcp::gcp(plan, layout),
    }
}
