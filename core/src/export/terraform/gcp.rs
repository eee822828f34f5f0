//! Terraform for Google Cloud.

use super::hcl::{attr, block, object, render, Node};
use super::{
    block_variables, header_nodes, keys, named, output, required_provider, subnet_comment, subnets_output,
    target_region, tier_outputs, variable,
};
use crate::export::escape::{gcp_name, hcl_str, IdKind, Unique};
use crate::export::routing::gcp_nat_rows;
use crate::export::table::table_rows;
use crate::export::{ExportOptions, TfTarget};
use crate::mode::Mode;
use crate::plan::{Layout, NatMode, Plan, TierKind};

/// A tier meant for Google Cloud's managed proxies (the `proxy-only` subnet of regional load
/// balancers), recognised by name.
fn proxy_only(tier: &str) -> bool {
    let t = tier.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    t.contains("proxy-only")
}

pub(super) fn gcp(plan: &Plan, layout: &Layout, opts: &ExportOptions) -> String {
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
    let nat_rows = gcp_nat_rows(plan, &rows, |r| proxy_only(&r.tier));
    notes.extend(nat_notes(plan, &rows, !nat_rows.is_empty()));
    notes.push("Google Cloud networks and subnets take no labels, so this file has no tags variable.".to_string());
    let mut doc = header_nodes(plan, layout, TfTarget::Gcp, opts, &notes);
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
            attr("kind", hcl_str(r.kind.id())),
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
        entries.push(object(hcl_str(key), body));
    }
    let locals = vec![
        attr("name", hcl_str(&gcp_name(&plan.name, "vpc"))),
        attr("plan_name", hcl_str(&plan.name)),
        Node::Blank,
        Node::Comment("One entry per subnet, in layout order.".to_string()),
        object("subnets", entries),
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
    if !nat_rows.is_empty() {
        doc.push(block(
            "resource \"google_compute_router\" \"this\"",
            vec![
                attr("name", hcl_str(&gcp_name(&named(plan, "router"), "router"))),
                attr("region", "var.region"),
                attr("network", "google_compute_network.this.id"),
            ],
        ));
        doc.push(Node::Blank);
        let mut nat = vec![
            attr("name", hcl_str(&gcp_name(&named(plan, "nat"), "nat"))),
            attr("router", "google_compute_router.this.name"),
            attr("region", "var.region"),
            attr("nat_ip_allocate_option", hcl_str("AUTO_ONLY")),
            attr("source_subnetwork_ip_ranges_to_nat", hcl_str("LIST_OF_SUBNETWORKS")),
        ];
        for &i in &nat_rows {
            nat.push(Node::Blank);
            nat.push(block(
                "subnetwork",
                vec![
                    attr("name", format!("google_compute_subnetwork.this[{}].id", hcl_str(&keys[i]))),
                    attr("source_ip_ranges_to_nat", "[\"ALL_IP_RANGES\"]"),
                ],
            ));
        }
        doc.push(block("resource \"google_compute_router_nat\" \"this\"", nat));
        doc.push(Node::Blank);
    }
    doc.push(output("network_id", "ID of the VPC network", "google_compute_network.this.id"));
    doc.push(Node::Blank);
    doc.extend(tier_outputs(plan, &rows, &keys, ("google_compute_subnetwork.this", ".ip_cidr_range"), true));
    doc.extend(subnets_output("google_compute_subnetwork.this"));
    render(&doc)
}

/// What the file does for outbound traffic, for the header.
fn nat_notes(plan: &Plan, rows: &[crate::export::table::TableRow], nat: bool) -> Vec<String> {
    let mut out = Vec::new();
    if rows.iter().any(|r| r.kind == TierKind::Public) {
        out.push(
            "Public subnets reach the internet through their VMs' external IPs and the network's default route."
                .to_string(),
        );
    }
    if nat {
        out.push(format!(
            "NAT: one Cloud Router with Cloud NAT (automatic external IPs) for the private subnets{}.",
            if plan.nat == NatMode::PerZone {
                "; Cloud NAT is regional, so one per zone and shared are the same here"
            } else {
                ""
            }
        ));
    } else if plan.nat == NatMode::None && rows.iter().any(|r| r.kind == TierKind::Private) {
        out.push("NAT: none (the plan's choice): private subnets get no Cloud NAT.".to_string());
    }
    if rows.iter().any(|r| matches!(r.kind, TierKind::Isolated | TierKind::Custom)) {
        out.push("Isolated and custom subnets get no NAT (VMs there without external IPs cannot reach the internet); this file adds no firewall rules.".to_string());
    }
    out
}
