//! Terraform for AWS.

use super::hcl::{attr, block, render, Node};
use super::{
    block_variables, header_nodes, keys, required_provider, subnet_comment, subnets_output, target_region, variable,
};
use crate::export::escape::{comment, hcl_str};
use crate::export::table::{table_rows, TableRow};
use crate::export::TfTarget;
use crate::mode::Mode;
use crate::plan::{Layout, Plan, TierKind};

/// Whether `r` looks like an AWS region name (`us-east-1`, `us-gov-west-1`).
fn aws_region_like(r: &str) -> bool {
    let parts: Vec<&str> = r.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.last().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether every zone name is a real AZ name of `region` (`us-east-1a`): then exports use
/// the names; otherwise zone `i` is the region's `i`-th available AZ.
pub(crate) fn real_aws_zones(plan: &Plan, region: &str) -> bool {
    aws_region_like(region)
        && !plan.zones.is_empty()
        && plan.zones.iter().all(|z| {
            z.strip_prefix(region).is_some_and(|rest| rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_lowercase()))
        })
}

/// The zone index AWS places a subnet in: its zone, or the first zone for a tier with a
/// single subnet (an AWS subnet lives in exactly one AZ).
pub(crate) fn aws_zone_index(r: &TableRow) -> usize {
    r.zone_index.unwrap_or(0)
}

pub(super) fn aws(plan: &Plan, layout: &Layout) -> String {
    let rows = table_rows(plan, layout);
    let keys = keys(&rows);
    let region = target_region(plan, Mode::Aws);
    let real = plan.provider == Mode::Aws && real_aws_zones(plan, &region);
    let dual = rows.iter().any(|r| r.ipv6_netnum.is_some());
    let secondary = plan.vpc.len() > 1;

    let mut notes = Vec::new();
    if real {
        notes.push(
            "Availability zones: the plan's zone names are real AZs of the region: var.availability_zones (zone i is element i)."
                .to_string(),
        );
    } else {
        let zones: Vec<String> = plan.zones.iter().map(|z| comment(z)).collect();
        notes.push(format!(
            "Availability zones: zone i of the plan ({}) is the region's i-th available AZ.",
            zones.join(", ")
        ));
    }
    if rows.iter().any(|r| r.zone_index.is_none()) {
        notes.push(
            "A tier with a single subnet is placed in the first zone (an AWS subnet lives in one AZ).".to_string(),
        );
    }
    if let Some(v6) = plan.ipv6 {
        notes.push(format!(
            "IPv6: the VPC gets an Amazon-provided /56 (the plan's {} stands in for it); each subnet takes the /64 with the plan's number from it.",
            v6.block
        ));
    }

    let mut doc = header_nodes(plan, layout, TfTarget::Aws, &notes);
    doc.push(required_provider("aws", "hashicorp/aws", ">= 5.0"));
    doc.push(Node::Blank);
    doc.push(block("provider \"aws\"", vec![attr("region", "var.region")]));
    doc.push(Node::Blank);
    doc.push(variable("region", "AWS region", "string", Some(hcl_str(&region))));
    doc.push(Node::Blank);
    if real {
        let zones: Vec<String> = plan.zones.iter().map(|z| hcl_str(z)).collect();
        doc.push(variable(
            "availability_zones",
            "Availability zones of the plan's zones, in order",
            "list(string)",
            Some(format!("[{}]", zones.join(", "))),
        ));
        doc.push(Node::Blank);
    }
    doc.extend(block_variables(plan, "VPC"));

    let mut entries = Vec::new();
    for (r, key) in rows.iter().zip(&keys) {
        let zi = aws_zone_index(r);
        let az = if real {
            format!("var.availability_zones[{zi}]")
        } else {
            format!("data.aws_availability_zones.available.names[{zi}]")
        };
        let mut body = vec![
            attr("name", hcl_str(&r.name)),
            attr("tier", hcl_str(&r.tier)),
            attr("availability_zone", az),
            attr("cidr_block", r.expr.clone()),
        ];
        if let Some((_, n)) = r.ipv6_netnum {
            body.push(attr("ipv6_cidr_block", format!("cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, {n})")));
        }
        body.push(attr("public", if r.kind == TierKind::Public { "true" } else { "false" }));
        entries.push(Node::Comment(subnet_comment(r)));
        entries.push(Node::Object(hcl_str(key), body));
    }
    let mut locals = vec![attr("name", hcl_str(&plan.name)), Node::Blank];
    locals.push(Node::Comment("One entry per subnet, in layout order.".to_string()));
    locals.push(Node::Object("subnets".to_string(), entries));
    doc.push(block("locals", locals));
    doc.push(Node::Blank);

    if !real {
        doc.push(block("data \"aws_availability_zones\" \"available\"", vec![attr("state", hcl_str("available"))]));
        doc.push(Node::Blank);
    }

    let mut vpc = vec![
        attr("cidr_block", "var.vpc_cidr"),
        attr("enable_dns_support", "true"),
        attr("enable_dns_hostnames", "true"),
    ];
    if dual {
        vpc.push(attr("assign_generated_ipv6_cidr_block", "true"));
    }
    vpc.push(Node::Blank);
    vpc.push(Node::Object("tags".to_string(), vec![attr("Name", "local.name")]));
    doc.push(block("resource \"aws_vpc\" \"this\"", vpc));
    doc.push(Node::Blank);

    if secondary {
        doc.push(block(
            "resource \"aws_vpc_ipv4_cidr_block_association\" \"secondary\"",
            vec![
                attr("count", "length(var.secondary_cidr_blocks)"),
                Node::Blank,
                attr("vpc_id", "aws_vpc.this.id"),
                attr("cidr_block", "var.secondary_cidr_blocks[count.index]"),
            ],
        ));
        doc.push(Node::Blank);
    }

    let mut subnet = vec![
        attr("for_each", "local.subnets"),
        Node::Blank,
        attr("vpc_id", "aws_vpc.this.id"),
        attr("cidr_block", "each.value.cidr_block"),
        attr("availability_zone", "each.value.availability_zone"),
        attr("map_public_ip_on_launch", "each.value.public"),
    ];
    if dual {
        subnet.push(attr("ipv6_cidr_block", "each.value.ipv6_cidr_block"));
        subnet.push(attr("assign_ipv6_address_on_creation", "true"));
    }
    subnet.push(Node::Blank);
    subnet
        .push(Node::Object("tags".to_string(), vec![attr("Name", "each.value.name"), attr("Tier", "each.value.tier")]));
    if secondary {
        subnet.push(Node::Blank);
        subnet.push(Node::Comment("Subnets in secondary blocks need the blocks attached first.".to_string()));
        subnet.push(attr("depends_on", "[aws_vpc_ipv4_cidr_block_association.secondary]"));
    }
    doc.push(block("resource \"aws_subnet\" \"this\"", subnet));
    doc.push(Node::Blank);

    doc.push(block(
        "output \"vpc_id\"",
        vec![attr("description", hcl_str("ID of the VPC")), attr("value", "aws_vpc.this.id")],
    ));
    doc.push(Node::Blank);
    doc.extend(subnets_output("aws_subnet.this"));
    render(&doc)
}
