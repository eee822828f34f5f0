//! Terraform for AWS.

use super::hcl::{attr, block, object, render, tags, Node};
use super::{
    block_variables, header_nodes, keys, named, output, required_provider, subnet_comment, subnets_output,
    tags_variable, target_region, tier_outputs, variable,
};
use crate::export::escape::{comment, hcl_str};
use crate::export::routing::{aws_network, AwsNetwork, TableRole};
use crate::export::table::{table_rows, TableRow};
use crate::export::{ExportOptions, TfTarget};
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

pub(super) fn aws(plan: &Plan, layout: &Layout, opts: &ExportOptions) -> String {
    let rows = table_rows(plan, layout);
    let keys = keys(&rows);
    let region = target_region(plan, Mode::Aws);
    let real = plan.provider == Mode::Aws && real_aws_zones(plan, &region);
    let dual = rows.iter().any(|r| r.ipv6_netnum.is_some());
    let secondary = plan.vpc.len() > 1;
    let net = aws_network(plan, &rows);

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
    notes.extend(net.notes.iter().cloned());

    let mut doc = header_nodes(plan, layout, TfTarget::Aws, opts, &notes);
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
    doc.push(tags_variable());
    doc.push(Node::Blank);
    doc.push(block("locals", locals(plan, &rows, &keys, &net, real)));
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
    vpc.push(tags("local.name", &[]));
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
    subnet.push(tags("each.value.name", &[("Tier", "each.value.tier"), ("Kind", "each.value.kind")]));
    if secondary {
        subnet.push(Node::Blank);
        subnet.push(Node::Comment("Subnets in secondary blocks need the blocks attached first.".to_string()));
        subnet.push(attr("depends_on", "[aws_vpc_ipv4_cidr_block_association.secondary]"));
    }
    doc.push(block("resource \"aws_subnet\" \"this\"", subnet));
    doc.push(Node::Blank);

    doc.extend(gateways(&net));
    doc.extend(routes(&net));
    doc.extend(outputs(plan, &rows, &keys, &net));
    render(&doc)
}

/// `locals`: the plan's name, the subnets (with their route table), the route tables, and
/// with NAT the NAT gateways and which private table routes through which.
fn locals(plan: &Plan, rows: &[TableRow], keys: &[String], net: &AwsNetwork, real: bool) -> Vec<Node> {
    let mut entries = Vec::new();
    for (i, (r, key)) in rows.iter().zip(keys).enumerate() {
        let zi = aws_zone_index(r);
        let az = if real {
            format!("var.availability_zones[{zi}]")
        } else {
            format!("data.aws_availability_zones.available.names[{zi}]")
        };
        let mut body = vec![
            attr("name", hcl_str(&r.name)),
            attr("tier", hcl_str(&r.tier)),
            attr("kind", hcl_str(r.kind.id())),
            attr("availability_zone", az),
            attr("cidr_block", r.expr.clone()),
        ];
        if let Some((_, n)) = r.ipv6_netnum {
            body.push(attr("ipv6_cidr_block", format!("cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, {n})")));
        }
        body.push(attr("public", if r.kind == TierKind::Public { "true" } else { "false" }));
        body.push(attr("route_table", hcl_str(&net.tables[net.table_of[i]].key)));
        entries.push(Node::Comment(subnet_comment(r)));
        entries.push(object(hcl_str(key), body));
    }
    let mut out = vec![attr("name", hcl_str(&plan.name)), Node::Blank];
    out.push(Node::Comment("One entry per subnet, in layout order.".to_string()));
    out.push(object("subnets", entries));
    out.push(Node::Blank);
    out.push(Node::Comment(
        "Route tables: public to the internet gateway, private to their NAT gateway, isolated and custom local only."
            .to_string(),
    ));
    let tables: Vec<Node> = net
        .tables
        .iter()
        .map(|t| object(hcl_str(&t.key), vec![attr("name", hcl_str(&named(plan, &t.label)))]))
        .collect();
    out.push(object("route_tables", tables));
    if !net.nat_gateways.is_empty() {
        out.push(Node::Blank);
        out.push(Node::Comment("NAT gateways, each in a public subnet.".to_string()));
        let nats: Vec<Node> = net
            .nat_gateways
            .iter()
            .map(|n| {
                object(
                    hcl_str(&n.key),
                    vec![attr("name", hcl_str(&named(plan, &n.label))), attr("subnet", hcl_str(&keys[n.subnet]))],
                )
            })
            .collect();
        out.push(object("nat_gateways", nats));
        out.push(Node::Blank);
        out.push(Node::Comment("Private route table => the NAT gateway of its default route.".to_string()));
        let routes: Vec<Node> = net
            .tables_with(TableRole::Private)
            .filter_map(|(_, t)| t.nat.map(|n| attr(hcl_str(&t.key), hcl_str(&net.nat_gateways[n].key))))
            .collect();
        out.push(object("nat_routes", routes));
    }
    out
}

/// The internet gateway, the egress-only internet gateway, the NAT gateways and their
/// Elastic IPs, as the network needs them.
fn gateways(net: &AwsNetwork) -> Vec<Node> {
    let mut doc = Vec::new();
    if net.internet_gateway() {
        doc.push(Node::Text(INTERNET_GATEWAY));
    }
    if net.egress_only {
        doc.push(Node::Text(EGRESS_ONLY_GATEWAY));
    }
    if !net.nat_gateways.is_empty() {
        doc.push(Node::Text(NAT_GATEWAYS));
    }
    doc
}

/// Route tables, their default routes and every subnet's association.
fn routes(net: &AwsNetwork) -> Vec<Node> {
    let mut doc = vec![Node::Text(ROUTE_TABLES)];
    if net.internet_gateway() {
        doc.push(Node::Text(PUBLIC_ROUTE));
        if net.ipv6 {
            doc.push(Node::Text(PUBLIC_ROUTE_IPV6));
        }
    }
    if !net.nat_gateways.is_empty() {
        doc.push(Node::Text(NAT_ROUTES));
    }
    if net.egress_only {
        doc.push(Node::Text(EGRESS_ROUTES));
    }
    doc.push(Node::Text(ASSOCIATIONS));
    doc
}

// The fixed resources: everything they vary by is in `locals` (route tables, NAT gateways,
// `nat_routes`, each subnet's `route_table`). The public route table's key is always `public`.

const INTERNET_GATEWAY: &str = r#"resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = local.name
  })
}

"#;

const EGRESS_ONLY_GATEWAY: &str = r#"resource "aws_egress_only_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = local.name
  })
}

"#;

const NAT_GATEWAYS: &str = r#"resource "aws_eip" "nat" {
  for_each = local.nat_gateways

  domain = "vpc"

  tags = merge(var.tags, {
    Name = each.value.name
  })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = local.nat_gateways

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.this[each.value.subnet].id

  tags = merge(var.tags, {
    Name = each.value.name
  })

  depends_on = [aws_internet_gateway.this]
}

"#;

const ROUTE_TABLES: &str = r#"resource "aws_route_table" "this" {
  for_each = local.route_tables

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = each.value.name
  })
}

"#;

const PUBLIC_ROUTE: &str = r#"resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.this["public"].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

"#;

const PUBLIC_ROUTE_IPV6: &str = r#"resource "aws_route" "public_internet_ipv6" {
  route_table_id              = aws_route_table.this["public"].id
  destination_ipv6_cidr_block = "::/0"
  gateway_id                  = aws_internet_gateway.this.id
}

"#;

const NAT_ROUTES: &str = r#"resource "aws_route" "private_nat" {
  for_each = local.nat_routes

  route_table_id         = aws_route_table.this[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[each.value].id
}

"#;

const EGRESS_ROUTES: &str = r#"resource "aws_route" "private_ipv6_egress" {
  for_each = local.nat_routes

  route_table_id              = aws_route_table.this[each.key].id
  destination_ipv6_cidr_block = "::/0"
  egress_only_gateway_id      = aws_egress_only_internet_gateway.this.id
}

"#;

const ASSOCIATIONS: &str = r#"resource "aws_route_table_association" "this" {
  for_each = local.subnets

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.this[each.value.route_table].id
}

"#;

/// The outputs, named as terraform-aws-modules/vpc names them (see the module docs).
fn outputs(plan: &Plan, rows: &[TableRow], keys: &[String], net: &AwsNetwork) -> Vec<Node> {
    let mut doc = vec![
        output("vpc_id", "ID of the VPC", "aws_vpc.this.id"),
        Node::Blank,
        output("vpc_cidr_block", "Primary IPv4 block of the VPC", "aws_vpc.this.cidr_block"),
        Node::Blank,
    ];
    doc.extend(tier_outputs(plan, rows, keys, ("aws_subnet.this", ".cidr_block"), false));
    if net.internet_gateway() {
        doc.push(output("igw_id", "ID of the internet gateway", "aws_internet_gateway.this.id"));
        doc.push(Node::Blank);
    }
    if !net.nat_gateways.is_empty() {
        let of = |attr: &str, res: &str| {
            let list: Vec<String> =
                net.nat_gateways.iter().map(|n| format!("{res}[{}].{attr}", hcl_str(&n.key))).collect();
            format!("[{}]", list.join(", "))
        };
        doc.push(output("natgw_ids", "IDs of the NAT gateways", of("id", "aws_nat_gateway.this")));
        doc.push(Node::Blank);
        doc.push(output(
            "nat_public_ips",
            "Public IPs (Elastic IPs) of the NAT gateways",
            of("public_ip", "aws_eip.nat"),
        ));
        doc.push(Node::Blank);
    }
    for (role, name) in [
        (TableRole::Public, "public"),
        (TableRole::Private, "private"),
        (TableRole::Isolated, "isolated"),
        (TableRole::Custom, "custom"),
    ] {
        let list: Vec<String> =
            net.tables_with(role).map(|(_, t)| format!("aws_route_table.this[{}].id", hcl_str(&t.key))).collect();
        if !list.is_empty() {
            doc.push(output(
                &format!("{name}_route_table_ids"),
                &format!("IDs of the {name} route tables"),
                format!("[{}]", list.join(", ")),
            ));
            doc.push(Node::Blank);
        }
    }
    doc.extend(subnets_output("aws_subnet.this"));
    doc
}
