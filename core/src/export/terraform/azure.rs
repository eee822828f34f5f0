//! Terraform for Azure.

use super::hcl::{attr, block, object, render, Node};
use super::{
    block_variables, header_nodes, keys, named, output, required_provider, subnet_comment, subnets_output,
    tags_variable, target_region, tier_outputs, variable,
};
use crate::export::escape::{azure_name, hcl_str, IdKind, Unique};
use crate::export::routing::{azure_nat, AzureNat};
use crate::export::table::{table_rows, TableRow};
use crate::export::{ExportOptions, TfTarget};
use crate::mode::Mode;
use crate::plan::{Layout, Plan};

/// `tags = merge(var.tags, { plan = local.plan_name })`.
fn plan_tags() -> Node {
    Node::Tags(vec![attr("plan", "local.plan_name")])
}

pub(super) fn azure(plan: &Plan, layout: &Layout, opts: &ExportOptions) -> String {
    let rows = table_rows(plan, layout);
    let keys = keys(&rows);
    let region = target_region(plan, Mode::Azure);
    let dual = plan.ipv6.is_some() && rows.iter().any(|r| r.ipv6_netnum.is_some());
    let nat = azure_nat(plan, &rows);

    let mut notes = vec![
        "Azure subnets are regional: zones appear only in subnet names. Subnet names keep Azure's allowed characters."
            .to_string(),
        "Azure subnets take no tags: their tier and kind are in local.subnets and the outputs.".to_string(),
    ];
    if let Some(v6) = plan.ipv6 {
        notes.push(format!(
            "IPv6: the virtual network takes the plan's {} (var.ipv6_cidr); each subnet gets its numbered /64.",
            v6.block
        ));
    }
    notes.extend(nat.notes.iter().cloned());
    let mut doc = header_nodes(plan, layout, TfTarget::Azure, opts, &notes);
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
    doc.push(tags_variable());
    doc.push(Node::Blank);
    doc.push(block("locals", locals(plan, &rows, &keys, &nat, dual)));
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
            plan_tags(),
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
    if !nat.gateways.is_empty() {
        doc.push(Node::Text(NAT_RESOURCES));
    }
    doc.push(output("vnet_id", "ID of the virtual network", "azurerm_virtual_network.this.id"));
    doc.push(Node::Blank);
    doc.extend(tier_outputs(plan, &rows, &keys, ("azurerm_subnet.this", ".address_prefixes[0]"), true));
    if !nat.gateways.is_empty() {
        let list: Vec<String> =
            nat.gateways.iter().map(|g| format!("azurerm_public_ip.nat[{}].ip_address", hcl_str(&g.key))).collect();
        doc.push(output("nat_public_ips", "Public IPs of the NAT gateways", format!("[{}]", list.join(", "))));
        doc.push(Node::Blank);
    }
    doc.extend(subnets_output("azurerm_subnet.this"));
    render(&doc)
}

/// `locals`: names, the subnets and, with NAT, the gateways and which subnet uses which.
fn locals(plan: &Plan, rows: &[TableRow], keys: &[String], nat: &AzureNat, dual: bool) -> Vec<Node> {
    let mut names = Unique::new(IdKind::Azure(80));
    let mut entries = Vec::new();
    for (r, key) in rows.iter().zip(keys) {
        let mut prefixes = vec![r.expr.clone()];
        if let (true, Some((b, n))) = (dual, r.ipv6_netnum) {
            prefixes.push(format!("cidrsubnet(var.ipv6_cidr, {b}, {n})"));
        }
        let body = vec![
            attr("name", hcl_str(&names.take(&azure_name(&r.name, 80, "subnet")))),
            attr("tier", hcl_str(&r.tier)),
            attr("kind", hcl_str(r.kind.id())),
            attr("address_prefixes", format!("[{}]", prefixes.join(", "))),
        ];
        entries.push(Node::Comment(subnet_comment(r)));
        entries.push(object(hcl_str(key), body));
    }
    let mut out = vec![
        attr("name", hcl_str(&azure_name(&plan.name, 64, "vnet"))),
        attr("plan_name", hcl_str(&plan.name)),
        Node::Blank,
        Node::Comment("One entry per subnet, in layout order.".to_string()),
        object("subnets", entries),
    ];
    if nat.gateways.is_empty() {
        return out;
    }
    let mut nat_names = Unique::new(IdKind::Azure(80));
    let mut ip_names = Unique::new(IdKind::Azure(80));
    let gateways: Vec<Node> = nat
        .gateways
        .iter()
        .map(|g| {
            let part = match &g.zone {
                Some(z) => format!("nat-{z}"),
                None => "nat".to_string(),
            };
            let zones = g.zone.as_ref().map_or("null".to_string(), |z| format!("[{}]", hcl_str(z)));
            object(
                hcl_str(&g.key),
                vec![
                    attr("name", hcl_str(&nat_names.take(&azure_name(&named(plan, &part), 80, "nat")))),
                    attr(
                        "ip_name",
                        hcl_str(&ip_names.take(&azure_name(&named(plan, &format!("{part}-ip")), 80, "nat-ip"))),
                    ),
                    attr("zones", zones),
                ],
            )
        })
        .collect();
    out.push(Node::Blank);
    out.push(Node::Comment("NAT gateways, each with a Standard public IP.".to_string()));
    out.push(object("nat_gateways", gateways));
    out.push(Node::Blank);
    out.push(Node::Comment("Private subnet => the NAT gateway it goes out through.".to_string()));
    // In layout order, like the subnets.
    let routes = (0..rows.len())
        .filter_map(|i| {
            nat.gateways.iter().find(|g| g.rows.contains(&i)).map(|g| attr(hcl_str(&keys[i]), hcl_str(&g.key)))
        })
        .collect();
    out.push(object("nat_subnets", routes));
    out
}

/// Public IPs, NAT gateways and their associations: fixed, everything they vary by is in
/// `local.nat_gateways` and `local.nat_subnets`.
const NAT_RESOURCES: &str = r#"resource "azurerm_public_ip" "nat" {
  for_each = local.nat_gateways

  location            = var.location
  resource_group_name = var.resource_group_name
  name                = each.value.ip_name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = each.value.zones

  tags = merge(var.tags, {
    plan = local.plan_name
  })
}

resource "azurerm_nat_gateway" "this" {
  for_each = local.nat_gateways

  location            = var.location
  resource_group_name = var.resource_group_name
  name                = each.value.name
  sku_name            = "Standard"
  zones               = each.value.zones

  tags = merge(var.tags, {
    plan = local.plan_name
  })
}

resource "azurerm_nat_gateway_public_ip_association" "this" {
  for_each = local.nat_gateways

  nat_gateway_id       = azurerm_nat_gateway.this[each.key].id
  public_ip_address_id = azurerm_public_ip.nat[each.key].id
}

resource "azurerm_subnet_nat_gateway_association" "this" {
  for_each = local.nat_subnets

  subnet_id      = azurerm_subnet.this[each.key].id
  nat_gateway_id = azurerm_nat_gateway.this[each.value].id
}

"#;
