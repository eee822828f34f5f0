//! Terraform for Azure.

use super::hcl::{attr, block, render, Node};
use super::{
    block_variables, header_nodes, keys, required_provider, subnet_comment, subnets_output, target_region, variable,
};
use crate::export::escape::{azure_name, hcl_str, IdKind, Unique};
use crate::export::table::table_rows;
use crate::export::TfTarget;
use crate::mode::Mode;
use crate::plan::{Layout, Plan};

pub(super) fn azure(plan: &Plan, layout: &Layout) -> String {
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
