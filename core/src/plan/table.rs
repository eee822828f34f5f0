//! The plan's table: one row per subnet, and its CSV export.

use super::allocate::Layout;
use super::model::{Plan, TierKind};
use crate::addr::{Addr, Cidr, Count};
use crate::design::csv_cell;
use crate::mode::Reserved;

/// One table row.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub name: String,
    /// Zone name; empty for a tier with a single subnet.
    pub zone: String,
    pub tier: String,
    pub kind: TierKind,
    pub cidr: Cidr,
    pub first: Addr,
    pub last: Addr,
    pub usable_first: Option<Addr>,
    pub usable_last: Option<Addr>,
    pub usable: Count,
    /// The provider's reserved addresses of the subnet, with their roles.
    pub reserved: Vec<Reserved>,
    /// `usable − hosts asked` when the tier's size was given in hosts.
    pub headroom: Option<i64>,
    pub ipv6: Option<Cidr>,
    /// Terraform `cidrsubnet()` of the subnet relative to the VPC block it lives in.
    pub expr: String,
    /// Terraform `cidrsubnet()` of the IPv6 /64 relative to the IPv6 block (empty without one).
    pub ipv6_expr: String,
    /// Which VPC block `expr` is relative to: `primary` or `secondary N` (1-based).
    pub block: String,
    pub pinned: bool,
}

impl Row {
    /// `10.0.0.0 – 10.0.0.255`.
    pub fn range(&self) -> String {
        format!("{} – {}", self.first, self.last)
    }
}

/// `cidrsubnet("10.0.0.0/16", 8, 3)` for `net` inside `base`; the quoted base when equal.
pub(crate) fn cidrsubnet_expr(base: Cidr, net: Cidr) -> String {
    if !base.contains(net) {
        return String::new();
    }
    let newbits = net.prefix() - base.prefix();
    if newbits == 0 {
        return format!("\"{base}\"");
    }
    let offset = net.network().value() - base.network().value();
    let host = net.host_bits();
    let netnum = if host >= 128 { 0 } else { offset >> host };
    format!("cidrsubnet(\"{base}\", {newbits}, {netnum})")
}

/// `primary` or `secondary N`.
pub(crate) fn block_label(i: usize) -> String {
    if i == 0 {
        "primary".to_string()
    } else {
        format!("secondary {i}")
    }
}

/// The table rows of `layout` (in layout order).
pub fn rows(plan: &Plan, layout: &Layout) -> Vec<Row> {
    layout
        .subnets
        .iter()
        .map(|s| {
            let base = plan.vpc.get(s.block_index).copied().unwrap_or(s.cidr);
            let (usable_first, usable_last) = match plan.provider.usable_range(s.cidr) {
                Some((a, b)) => (Some(a), Some(b)),
                None => (None, None),
            };
            let tier = plan.tiers.get(s.tier);
            Row {
                name: s.name.clone(),
                zone: s.zone.and_then(|z| plan.zones.get(z)).cloned().unwrap_or_default(),
                tier: tier.map(|t| t.name.clone()).unwrap_or_default(),
                kind: tier.map(|t| t.kind).unwrap_or_default(),
                cidr: s.cidr,
                first: s.cidr.network(),
                last: s.cidr.last(),
                usable_first,
                usable_last,
                usable: s.usable,
                reserved: plan.provider.reserved(s.cidr),
                headroom: s.headroom,
                ipv6: s.ipv6,
                expr: cidrsubnet_expr(base, s.cidr),
                ipv6_expr: match (plan.ipv6, s.ipv6) {
                    (Some(v6), Some(net)) => cidrsubnet_expr(v6.block, net),
                    _ => String::new(),
                },
                block: block_label(s.block_index),
                pinned: s.pinned,
            }
        })
        .collect()
}

/// The CSV header, matching [`to_csv`]'s cells.
pub const CSV_HEADER: &str = "name,zone,tier,kind,cidr,first,last,first_usable,last_usable,usable,reserved,headroom,ipv6,cidrsubnet,vpc_block,ipv6_cidrsubnet,pinned";

/// The table as CSV (RFC 4180, CRLF), cells guarded against spreadsheet formulas.
pub fn to_csv(plan: &Plan, layout: &Layout) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for r in rows(plan, layout) {
        let opt = |a: Option<Addr>| a.map(|a| a.to_string()).unwrap_or_default();
        let cells = [
            r.name.clone(),
            r.zone.clone(),
            r.tier.clone(),
            r.kind.id().to_string(),
            r.cidr.to_string(),
            r.first.to_string(),
            r.last.to_string(),
            opt(r.usable_first),
            opt(r.usable_last),
            r.usable.to_string(),
            r.reserved.len().to_string(),
            r.headroom.map(|h| h.to_string()).unwrap_or_default(),
            r.ipv6.map(|c| c.to_string()).unwrap_or_default(),
            r.expr.clone(),
            plan.vpc.get(layout_block(&r, plan)).map(|c| c.to_string()).unwrap_or_default(),
            r.ipv6_expr.clone(),
            if r.pinned { "yes".to_string() } else { String::new() },
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn layout_block(r: &Row, plan: &Plan) -> usize {
    plan.vpc.iter().position(|b| b.contains(r.cidr)).unwrap_or(usize::MAX)
}
