//! Terraform for AWS, Azure and Google Cloud. See the [module docs](super) for the choices
//! (variables and `cidrsubnet`, IPv6, zones, names).
//!
//! Each export is one self-contained root module: `terraform` with the provider requirement,
//! the provider, variables (region, `vpc_cidr`, `secondary_cidr_blocks`, …), a `locals` map
//! with one entry per subnet (keyed by a sanitised name, in layout order), the network, one
//! `for_each` subnet resource over the map, and outputs. The text follows `terraform fmt`.

use super::escape::{azure_name, comment, gcp_name, hcl_str, tf_key, IdKind, Unique};
use super::table::{block_label, table_rows, TableRow, SECONDARY_VAR};
use super::{header, provider_name, TfTarget};
use crate::mode::Mode;
use crate::plan::{default_region, Layout, Plan, TierKind};

// ---------------------------------------------------------------------------------------------
// A tiny HCL writer: attributes aligned the way `terraform fmt` aligns them.

enum Node {
    /// `key = expr` (one line).
    Attr(String, String),
    /// `key = { ... }`.
    Object(String, Vec<Node>),
    /// `type "label" { ... }`.
    Block(String, Vec<Node>),
    /// `# text`.
    Comment(String),
    Blank,
}

fn attr(k: &str, v: impl Into<String>) -> Node {
    Node::Attr(k.to_string(), v.into())
}

fn block(header: impl Into<String>, body: Vec<Node>) -> Node {
    Node::Block(header.into(), body)
}

fn write_nodes(out: &mut String, nodes: &[Node], depth: usize) {
    let pad = "  ".repeat(depth);
    let mut i = 0;
    while i < nodes.len() {
        // A run of consecutive one-line attributes shares one column for `=`.
        let run_end = nodes[i..].iter().position(|n| !matches!(n, Node::Attr(..))).map_or(nodes.len(), |p| i + p);
        if run_end > i {
            let width = nodes[i..run_end]
                .iter()
                .map(|n| if let Node::Attr(k, _) = n { k.chars().count() } else { 0 })
                .max()
                .unwrap_or(0);
            for n in &nodes[i..run_end] {
                if let Node::Attr(k, v) = n {
                    let gap = " ".repeat(width - k.chars().count());
                    out.push_str(&format!("{pad}{k}{gap} = {v}\n"));
                }
            }
            i = run_end;
            continue;
        }
        match &nodes[i] {
            Node::Object(k, body) => {
                out.push_str(&format!("{pad}{k} = {{\n"));
                write_nodes(out, body, depth + 1);
                out.push_str(&format!("{pad}}}\n"));
            }
            Node::Block(h, body) if body.is_empty() => out.push_str(&format!("{pad}{h} {{}}\n")),
            Node::Block(h, body) => {
                out.push_str(&format!("{pad}{h} {{\n"));
                write_nodes(out, body, depth + 1);
                out.push_str(&format!("{pad}}}\n"));
            }
            Node::Comment(c) => out.push_str(&format!("{pad}# {c}\n").replace(" \n", "\n")),
            Node::Blank => out.push('\n'),
            Node::Attr(..) => {}
        }
        i += 1;
    }
}

fn render(nodes: &[Node]) -> String {
    let mut out = String::new();
    write_nodes(&mut out, nodes, 0);
    out
}

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

// ---------------------------------------------------------------------------------------------
// AWS.

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

fn aws(plan: &Plan, layout: &Layout) -> String {
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

// ---------------------------------------------------------------------------------------------
// Azure.

fn azure(plan: &Plan, layout: &Layout) -> String {
    let rows = table_rows(plan, layout);
    let keys = keys(&rows);
    let region = target_region(plan, Mode::Azure);
    let dual = plan.ipv6.is_some() && rows.iter().any(|r| r.ipv6_netnum.is_some());
    let mut names = Unique::new(IdKind::Azure(80));

    let mut notes = vec![
        "Azure subnets are regional: zones appear only in subnet names. Subnet names keep Azure's allowed characters."
            .to_string(),
    ];
    if let Some(v6) = plan.ipv6 {
        notes.push(format!(
            "IPv6: the virtual network takes the plan's {} (var.ipv6_cidr); each subnet gets its numbered /64.",
            v6.block
        ));
    }
    let mut doc = header_nodes(plan, layout, TfTarget::Azure, &notes);
    doc.push(required_provider("azurerm", "hashicorp/azurerm", ">= 3.0"));
    doc.push(Node::Blank);
    doc.push(block("provider \"azurerm\"", vec![block("features", vec![])]));
    doc.push(Node::Blank);
    doc.push(variable(
        "resource_group_name",
        "Name of the existing resource group to create the virtual network in",
        "string",
        None,
    ));
    doc.push(Node::Blank);
    doc.push(variable("location", "Azure region", "string", Some(hcl_str(&region))));
    doc.push(Node::Blank);
    doc.extend(block_variables(plan, "virtual network"));
    if let (true, Some(v6)) = (dual, plan.ipv6) {
        doc.push(variable(
            "ipv6_cidr",
            "IPv6 block of the virtual network; every subnet's /64 is cidrsubnet(var.ipv6_cidr, newbits, netnum)",
            "string",
            Some(hcl_str(&v6.block.to_string())),
        ));
        doc.push(Node::Blank);
    }

    let mut entries = Vec::new();
    for (r, key) in rows.iter().zip(&keys) {
        let mut prefixes = vec![r.expr.clone()];
        if let (true, Some((b, n))) = (dual, r.ipv6_netnum) {
            prefixes.push(format!("cidrsubnet(var.ipv6_cidr, {b}, {n})"));
        }
        let body = vec![
            attr("name", hcl_str(&names.take(&azure_name(&r.name, 80, "subnet")))),
            attr("tier", hcl_str(&r.tier)),
            attr("address_prefixes", format!("[{}]", prefixes.join(", "))),
        ];
        entries.push(Node::Comment(subnet_comment(r)));
        entries.push(Node::Object(hcl_str(key), body));
    }
    let locals = vec![
        attr("name", hcl_str(&azure_name(&plan.name, 64, "vnet"))),
        attr("plan_name", hcl_str(&plan.name)),
        Node::Blank,
        Node::Comment("One entry per subnet, in layout order.".to_string()),
        Node::Object("subnets".to_string(), entries),
    ];
    doc.push(block("locals", locals));
    doc.push(Node::Blank);

    let mut space = vec!["[var.vpc_cidr]".to_string()];
    if plan.vpc.len() > 1 {
        space.push("var.secondary_cidr_blocks".to_string());
    }
    if dual {
        space.push("[var.ipv6_cidr]".to_string());
    }
    let space = if space.len() == 1 { space.remove(0) } else { format!("concat({})", space.join(", ")) };
    doc.push(block(
        "resource \"azurerm_virtual_network\" \"this\"",
        vec![
            attr("name", "local.name"),
            attr("location", "var.location"),
            attr("resource_group_name", "var.resource_group_name"),
            attr("address_space", space),
            Node::Blank,
            Node::Object("tags".to_string(), vec![attr("plan", "local.plan_name")]),
        ],
    ));
    doc.push(Node::Blank);
    doc.push(block(
        "resource \"azurerm_subnet\" \"this\"",
        vec![
            attr("for_each", "local.subnets"),
            Node::Blank,
            attr("name", "each.value.name"),
            attr("resource_group_name", "var.resource_group_name"),
            attr("virtual_network_name", "azurerm_virtual_network.this.name"),
            attr("address_prefixes", "each.value.address_prefixes"),
        ],
    ));
    doc.push(Node::Blank);
    doc.push(block(
        "output \"vnet_id\"",
        vec![
            attr("description", hcl_str("ID of the virtual network")),
            attr("value", "azurerm_virtual_network.this.id"),
        ],
    ));
    doc.push(Node::Blank);
    doc.extend(subnets_output("azurerm_subnet.this"));
    render(&doc)
}

// ---------------------------------------------------------------------------------------------
// Google Cloud.

/// A tier meant for Google Cloud's managed proxies (the `proxy-only` subnet of regional load
/// balancers), recognised by name.
fn proxy_only(tier: &str) -> bool {
    let t = tier.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    t.contains("proxy-only")
}

fn gcp(plan: &Plan, layout: &Layout) -> String {
    let rows = table_rows(plan, layout);
    let keys = keys(&rows);
    let region = target_region(plan, Mode::Gcp);
    let dual = plan.ipv6.is_some();
    let mut names = Unique::new(IdKind::Gcp);

    let mut notes = vec![
        "Google Cloud subnets are regional: zones appear only in subnet names and descriptions.".to_string(),
        "A tier named proxy-only becomes a REGIONAL_MANAGED_PROXY subnet (for regional load balancers).".to_string(),
    ];
    if let Some(v6) = plan.ipv6 {
        notes.push(format!(
            "IPv6: Google Cloud assigns each dual-stack subnet's /64 itself; the plan's {} numbering is not applied.",
            v6.block
        ));
    }
    let mut doc = header_nodes(plan, layout, TfTarget::Gcp, &notes);
    doc.push(required_provider("google", "hashicorp/google", ">= 5.0"));
    doc.push(Node::Blank);
    doc.push(block("provider \"google\"", vec![attr("project", "var.project"), attr("region", "var.region")]));
    doc.push(Node::Blank);
    doc.push(variable("project", "Google Cloud project ID", "string", None));
    doc.push(Node::Blank);
    doc.push(variable("region", "Google Cloud region of the subnets", "string", Some(hcl_str(&region))));
    doc.push(Node::Blank);
    doc.extend(block_variables(plan, "network's plan"));

    let mut entries = Vec::new();
    let mut internal_v6 = false;
    for (r, key) in rows.iter().zip(&keys) {
        let proxy = proxy_only(&r.tier);
        let zone = if r.zone.is_empty() { String::new() } else { format!(", zone {}", r.zone) };
        let description = format!("Tier {} ({}){zone}; planned by cidrplan", r.tier, r.kind.id());
        let mut body = vec![
            attr("name", hcl_str(&names.take(&gcp_name(&r.name, "subnet")))),
            attr("tier", hcl_str(&r.tier)),
            attr("description", hcl_str(&description)),
            attr("ip_cidr_range", r.expr.clone()),
            attr("purpose", hcl_str(if proxy { "REGIONAL_MANAGED_PROXY" } else { "PRIVATE" })),
            attr("role", if proxy { hcl_str("ACTIVE") } else { "null".to_string() }),
        ];
        if dual {
            // Proxy-only subnets are IPv4 only.
            let (stack, access) = match (proxy, r.kind) {
                (true, _) => ("IPV4_ONLY", None),
                (false, TierKind::Public) => ("IPV4_IPV6", Some("EXTERNAL")),
                (false, _) => ("IPV4_IPV6", Some("INTERNAL")),
            };
            internal_v6 |= access == Some("INTERNAL");
            body.push(attr("stack_type", hcl_str(stack)));
            body.push(attr("ipv6_access_type", access.map_or("null".to_string(), hcl_str)));
        }
        entries.push(Node::Comment(subnet_comment(r)));
        entries.push(Node::Object(hcl_str(key), body));
    }
    let locals = vec![
        attr("name", hcl_str(&gcp_name(&plan.name, "vpc"))),
        attr("plan_name", hcl_str(&plan.name)),
        Node::Blank,
        Node::Comment("One entry per subnet, in layout order.".to_string()),
        Node::Object("subnets".to_string(), entries),
    ];
    doc.push(block("locals", locals));
    doc.push(Node::Blank);

    let mut network = vec![
        attr("name", "local.name"),
        attr("description", "\"Planned by cidrplan: ${local.plan_name}\""),
        attr("auto_create_subnetworks", "false"),
    ];
    if internal_v6 {
        network.push(attr("enable_ula_internal_ipv6", "true"));
    }
    doc.push(block("resource \"google_compute_network\" \"this\"", network));
    doc.push(Node::Blank);
    let mut subnet = vec![
        attr("for_each", "local.subnets"),
        Node::Blank,
        attr("name", "each.value.name"),
        attr("description", "each.value.description"),
        attr("network", "google_compute_network.this.id"),
        attr("region", "var.region"),
        attr("ip_cidr_range", "each.value.ip_cidr_range"),
        attr("purpose", "each.value.purpose"),
        attr("role", "each.value.role"),
    ];
    if dual {
        subnet.push(attr("stack_type", "each.value.stack_type"));
        subnet.push(attr("ipv6_access_type", "each.value.ipv6_access_type"));
    }
    doc.push(block("resource \"google_compute_subnetwork\" \"this\"", subnet));
    doc.push(Node::Blank);
    doc.push(block(
        "output \"network_id\"",
        vec![attr("description", hcl_str("ID of the VPC network")), attr("value", "google_compute_network.this.id")],
    ));
    doc.push(Node::Blank);
    doc.extend(subnets_output("google_compute_subnetwork.this"));
    render(&doc)
}

/// `plan` as a Terraform root module for `target` (see the module docs for the choices).
/// Any plan may be exported to any target; a plan laid out for another provider says so in
/// the header, as its sizes follow that provider's rules.
pub fn terraform(plan: &Plan, layout: &Layout, target: TfTarget) -> String {
    match target {
        TfTarget::Aws => aws(plan, layout),
        TfTarget::Azure => azure(plan, layout),
        TfTarget::Gcp => gcp(plan, layout),
    }
}
