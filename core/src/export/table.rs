//! The subnet table ([`table_rows`], shared with the UI) and the exports built from it: CSV,
//! Markdown and the CLI's aligned text table.

use super::escape::{display, markdown as md};
use super::header::plan_link;
use super::{provider_name, ExportOptions};
use crate::addr::{Addr, Cidr, Count};
use crate::design::csv_cell;
use crate::mode::{Mode, Reserved};
use crate::plan::{Layout, Plan, ReservationKind, TierKind};

/// The Terraform variable holding the primary VPC block.
pub(crate) const PRIMARY_VAR: &str = "var.vpc_cidr";
/// The Terraform variable holding the secondary blocks, in plan order.
pub(crate) const SECONDARY_VAR: &str = "var.secondary_cidr_blocks";
/// The Terraform variable holding the IPv6 block in the table's expressions.
pub(crate) const IPV6_VAR: &str = "var.ipv6_cidr";

/// One subnet of the table, in layout order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// `public-a`, or the tier name for a tier with a single subnet.
    pub name: String,
    /// Zone name; empty for a tier with a single subnet.
    pub zone: String,
    /// Index into `Plan::zones`.
    pub zone_index: Option<usize>,
    /// The tier's name.
    pub tier: String,
    /// Index into `Plan::tiers`.
    pub tier_index: usize,
    /// The tier's kind.
    pub kind: TierKind,
    /// The subnet.
    pub cidr: Cidr,
    /// The subnet's first address.
    pub first: Addr,
    /// The subnet's last address.
    pub last: Addr,
    /// First and last usable address under the provider (`None` when nothing is usable).
    pub usable_first: Option<Addr>,
    /// Last usable address under the provider (`None` when nothing is usable).
    pub usable_last: Option<Addr>,
    /// Usable addresses under the provider.
    pub usable: Count,
    /// The provider's reserved addresses of the subnet, with their roles.
    pub reserved: Vec<Reserved>,
    /// Hosts asked for, when the tier's size was given in hosts.
    pub hosts: Option<u64>,
    /// `usable − hosts` when the tier's size was given in hosts.
    pub headroom: Option<i64>,
    /// The subnet's IPv6 /64 (dual-stack plans).
    pub ipv6: Option<Cidr>,
    /// Index into `Plan::vpc` of the block holding the subnet.
    pub block_index: usize,
    /// That block.
    pub block: Cidr,
    /// `cidrsubnet(block, newbits, netnum) == cidr`.
    pub newbits: u8,
    /// The subnet's number in `cidrsubnet(block, newbits, netnum)`.
    pub netnum: u128,
    /// `cidrsubnet(var.vpc_cidr, 8, 0)`; for a subnet of secondary block `i` (1-based)
    /// `cidrsubnet(var.secondary_cidr_blocks[i-1], …)`. Empty if the subnet lies outside the
    /// VPC blocks (never, for a layout of the plan).
    pub expr: String,
    /// `(newbits, netnum)` of the IPv6 /64 inside the plan's IPv6 block.
    pub ipv6_netnum: Option<(u8, u128)>,
    /// `cidrsubnet(var.ipv6_cidr, 8, 0)`, or empty.
    pub ipv6_expr: String,
    /// Placed where `Plan::pinned` says, not by the allocator.
    pub pinned: bool,
}

impl TableRow {
    /// `10.0.0.0 – 10.0.0.255`.
    pub fn range(&self) -> String {
        format!("{} – {}", self.first, self.last)
    }

    /// The headroom with its sign (`+19`, or `-441` for a pinned subnet smaller than its
    /// tier asks), when the tier's size was given in hosts.
    pub fn headroom_text(&self) -> Option<String> {
        self.headroom.map(|h| format!("{h:+}"))
    }

    /// `primary` or `secondary N` (1-based).
    pub fn block_label(&self) -> String {
        block_label(self.block_index)
    }

    /// The Terraform expression of the subnet's VPC block: `var.vpc_cidr` or
    /// `var.secondary_cidr_blocks[i]`.
    pub fn block_var(&self) -> String {
        block_var(self.block_index)
    }
}

pub(crate) use crate::plan::block_label;

pub(crate) fn block_var(i: usize) -> String {
    if i == 0 {
        PRIMARY_VAR.to_string()
    } else {
        format!("{SECONDARY_VAR}[{}]", i - 1)
    }
}

/// `(newbits, netnum)` with `cidrsubnet(base, newbits, netnum) == net`, when `base` holds `net`.
pub(crate) fn subnet_number(base: Cidr, net: Cidr) -> Option<(u8, u128)> {
    if !base.contains(net) {
        return None;
    }
    let host = net.host_bits();
    let offset = net.network().value() - base.network().value();
    Some((net.prefix() - base.prefix(), if host >= 128 { 0 } else { offset >> host }))
}

/// The table of `layout`, one row per subnet in layout order.
pub fn table_rows(plan: &Plan, layout: &Layout) -> Vec<TableRow> {
    layout
        .subnets
        .iter()
        .map(|s| {
            // The layout's block, or whichever block holds the subnet if they disagree.
            let block_index = match plan.vpc.get(s.block_index) {
                Some(b) if b.contains(s.cidr) => s.block_index,
                _ => plan.vpc.iter().position(|b| b.contains(s.cidr)).unwrap_or(s.block_index),
            };
            let block = plan.vpc.get(block_index).copied().unwrap_or(s.cidr);
            let number = subnet_number(block, s.cidr);
            let (newbits, netnum) = number.unwrap_or((0, 0));
            let expr = match number {
                Some((b, n)) => format!("cidrsubnet({}, {b}, {n})", block_var(block_index)),
                None => String::new(),
            };
            let ipv6_netnum = match (plan.ipv6, s.ipv6) {
                (Some(v6), Some(net)) => subnet_number(v6.block, net),
                _ => None,
            };
            let ipv6_expr = ipv6_netnum.map(|(b, n)| format!("cidrsubnet({IPV6_VAR}, {b}, {n})")).unwrap_or_default();
            let (usable_first, usable_last) = match plan.provider.usable_range(s.cidr) {
                Some((a, b)) => (Some(a), Some(b)),
                None => (None, None),
            };
            let tier = plan.tiers.get(s.tier);
            TableRow {
                name: s.name.clone(),
                zone: s.zone.and_then(|z| plan.zones.get(z)).cloned().unwrap_or_default(),
                zone_index: s.zone,
                tier: tier.map(|t| t.name.clone()).unwrap_or_default(),
                tier_index: s.tier,
                kind: tier.map(|t| t.kind).unwrap_or_default(),
                cidr: s.cidr,
                first: s.cidr.network(),
                last: s.cidr.last(),
                usable_first,
                usable_last,
                usable: s.usable,
                reserved: plan.provider.reserved(s.cidr),
                hosts: s.hosts,
                headroom: s.headroom,
                ipv6: s.ipv6,
                block_index,
                block,
                newbits,
                netnum,
                expr,
                ipv6_netnum,
                ipv6_expr,
                pinned: s.pinned,
            }
        })
        .collect()
}

/// The tier kinds the rows have, in [`TierKind::ALL`] order, each with its rows (indices) in
/// tier order, then zone order (the order of the per-kind outputs; a tier's rows are in zone
/// order in every layout).
pub(crate) fn rows_by_kind(plan: &Plan, rows: &[TableRow]) -> Vec<(TierKind, Vec<usize>)> {
    TierKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let of: Vec<usize> = (0..plan.tiers.len())
                .flat_map(|t| (0..rows.len()).filter(move |&i| rows[i].tier_index == t && rows[i].kind == kind))
                .collect();
            (!of.is_empty()).then_some((kind, of))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// CSV.

/// The CSV header, matching [`csv`]'s cells.
pub const CSV_HEADER: &str = "name,zone,tier,kind,cidr,first,last,first_usable,last_usable,usable,reserved,\
reserved_addresses,hosts,headroom,ipv6,vpc_block,cidrsubnet,ipv6_cidrsubnet,pinned";

/// The table as CSV (RFC 4180: CRLF line ends, quoted cells where needed), every cell guarded
/// against spreadsheet formulas ([`crate::design::csv_cell`]).
pub fn csv(plan: &Plan, layout: &Layout) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    let opt = |a: Option<Addr>| a.map(|a| a.to_string()).unwrap_or_default();
    for r in table_rows(plan, layout) {
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
            r.reserved.iter().map(|x| x.address.to_string()).collect::<Vec<_>>().join(" "),
            r.hosts.map(|h| h.to_string()).unwrap_or_default(),
            r.headroom.map(|h| h.to_string()).unwrap_or_default(),
            r.ipv6.map(|c| c.to_string()).unwrap_or_default(),
            r.block.to_string(),
            r.expr.clone(),
            r.ipv6_expr.clone(),
            if r.pinned { "yes".to_string() } else { String::new() },
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Shared pieces of the documents.

/// What each subnet loses to the provider: "AWS keeps 5 addresses of every subnet: …".
fn reserved_legend(mode: Mode) -> String {
    let rules = mode.reserved_rules();
    if rules.is_empty() {
        return "Every subnet keeps its network and broadcast addresses (a /31 or /32 keeps none).".to_string();
    }
    let parts: Vec<String> = rules
        .iter()
        .map(|r| {
            let at = match r.offset {
                o if o >= 0 => format!("+{o}"),
                -1 => "last".to_string(),
                o => format!("last{}", o + 1),
            };
            format!("{at} {}", r.role)
        })
        .collect();
    format!("{} keeps {} addresses of every subnet: {}.", mode.label(), rules.len(), parts.join("; "))
}

fn cidr_list(cidrs: &[Cidr]) -> String {
    if cidrs.is_empty() {
        "—".to_string()
    } else {
        cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
    }
}

fn md_cidrs(cidrs: &[Cidr]) -> String {
    if cidrs.is_empty() {
        "—".to_string()
    } else {
        cidrs.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
    }
}

fn blocks_text(plan: &Plan) -> String {
    plan.vpc.iter().enumerate().map(|(i, c)| format!("{c} ({})", block_label(i))).collect::<Vec<_>>().join(", ")
}

fn totals_text(layout: &Layout) -> String {
    format!(
        "Used {} · reserved for growth {} · free {} of {} addresses ({}%)",
        layout.used_addresses.grouped(),
        layout.reserved_addresses.grouped(),
        layout.free_addresses.grouped(),
        layout.total_addresses.grouped(),
        crate::decimal::fixed(layout.free_ratio() * 100.0, 1)
    )
}

fn reservation_kind(k: ReservationKind) -> &'static str {
    match k {
        ReservationKind::ExtraZone => "growth zone",
        ReservationKind::Spare => "spare",
    }
}

fn ipv6_text(plan: &Plan) -> Option<String> {
    plan.ipv6.map(|v| format!("{} (a /64 for every subnet)", v.block))
}

// ---------------------------------------------------------------------------------------------
// Markdown.

/// A Markdown document: the plan, the subnet table, zone and tier summaries, growth
/// reservations, free space, totals and warnings. Names are escaped ([`super::escape`]).
pub fn markdown(plan: &Plan, layout: &Layout) -> String {
    markdown_with(plan, layout, &ExportOptions::default())
}

/// [`markdown`] with options (see [`super::render_with`]).
pub(crate) fn markdown_with(plan: &Plan, layout: &Layout, opts: &ExportOptions) -> String {
    let rows = table_rows(plan, layout);
    let dual = rows.iter().any(|r| r.ipv6.is_some());
    let mut o = String::new();
    let title =
        if plan.name.trim().is_empty() { "VPC plan".to_string() } else { format!("VPC plan {}", md(&plan.name)) };
    o.push_str(&format!("# {title}\n\n"));
    o.push_str("| | |\n|---|---|\n");
    o.push_str(&format!("| Provider | {} |\n", provider_name(plan.provider)));
    if !plan.region.trim().is_empty() {
        o.push_str(&format!("| Region | {} |\n", md(&plan.region)));
    }
    o.push_str(&format!(
        "| VPC blocks | {} |\n",
        plan.vpc.iter().enumerate().map(|(i, c)| format!("`{c}` ({})", block_label(i))).collect::<Vec<_>>().join(", ")
    ));
    o.push_str(&format!("| Zones | {} |\n", plan.zones.iter().map(|z| md(z)).collect::<Vec<_>>().join(", ")));
    o.push_str(&format!("| Layout | {} |\n", plan.strategy.id()));
    if let Some(v6) = plan.ipv6 {
        o.push_str(&format!("| IPv6 | `{}` (a /64 for every subnet) |\n", v6.block));
    }
    o.push_str(&format!("| Subnets | {} |\n", rows.len()));
    if plan.provider != Mode::Standard {
        o.push_str(&format!("| NAT | {} |\n", plan.nat.label()));
    }
    if let Ok(link) = plan_link(plan, opts) {
        // A URL of RFC 3986 characters and a base64url fragment: nothing to escape. A
        // fragment alone is no address, so it is shown as code.
        let shown = if link.starts_with('#') { format!("`{link}`") } else { format!("<{link}>") };
        o.push_str(&format!("| Open in cidrplan | {shown} |\n"));
    }
    o.push('\n');

    o.push_str("## Subnets\n\n");
    o.push_str("| Name | Zone | Tier | CIDR | Range | Usable | Reserved |");
    o.push_str(if dual { " IPv6 | cidrsubnet() |\n" } else { " cidrsubnet() |\n" });
    o.push_str("|---|---|---|---|---|---:|---:|");
    o.push_str(if dual { "---|---|\n" } else { "---|\n" });
    for r in &rows {
        let zone = if r.zone.is_empty() { "—".to_string() } else { md(&r.zone) };
        let tier =
            if r.tier.trim() == r.kind.id() { md(&r.tier) } else { format!("{} ({})", md(&r.tier), r.kind.id()) };
        o.push_str(&format!(
            "| {}{} | {zone} | {tier} | `{}` | {} | {} | {} |",
            md(&r.name),
            if r.pinned { " (pinned)" } else { "" },
            r.cidr,
            r.range(),
            r.usable.grouped(),
            r.reserved.len()
        ));
        if dual {
            o.push_str(&format!(" {} |", r.ipv6.map(|c| format!("`{c}`")).unwrap_or_default()));
        }
        o.push_str(&format!(" `{}` |\n", r.expr));
    }
    o.push('\n');
    o.push_str(&reserved_legend(plan.provider));
    if plan.vpc.len() > 1 {
        o.push_str(" Subnets of secondary block i are `cidrsubnet(var.secondary_cidr_blocks[i - 1], …)`.");
    }
    o.push_str("\n\n");

    o.push_str("## Zones\n\n| Zone | Block | Subnets (exact) |\n|---|---|---|\n");
    for z in &layout.zone_summaries {
        o.push_str(&format!(
            "| {} | {} | {} |\n",
            md(&z.name),
            z.block.map(|b| format!("`{b}`")).unwrap_or_else(|| "—".to_string()),
            md_cidrs(&z.exact)
        ));
    }
    o.push_str("\n## Tiers\n\n| Tier | Kind | Block | Subnets (exact) |\n|---|---|---|---|\n");
    for (t, s) in layout.tier_summaries.iter().enumerate() {
        let kind = plan.tiers.get(t).map(|x| x.kind.id()).unwrap_or("");
        o.push_str(&format!(
            "| {} | {kind} | {} | {} |\n",
            md(&s.name),
            s.block.map(|b| format!("`{b}`")).unwrap_or_else(|| "—".to_string()),
            md_cidrs(&s.exact)
        ));
    }
    if !layout.reserved.is_empty() || layout.spare_block.is_some() {
        o.push_str("\n## Reserved for growth\n\n| Block | For | Kind |\n|---|---|---|\n");
        for r in &layout.reserved {
            o.push_str(&format!("| `{}` | {} | {} |\n", r.cidr, md(&r.label), reservation_kind(r.kind)));
        }
        if let Some(b) = layout.spare_block {
            o.push_str(&format!("\nThe spare blocks together: `{b}`.\n"));
        }
    }
    o.push_str("\n## Free space\n\n");
    if layout.free.is_empty() {
        o.push_str("None: the plan uses every address.\n");
    } else {
        for f in &layout.free {
            o.push_str(&format!("- `{f}` ({} addresses)\n", f.size().grouped()));
        }
    }
    o.push_str(&format!("\n{}.\n", totals_text(layout)));
    let notes = warning_lines(layout);
    if !notes.is_empty() {
        o.push_str("\n## Warnings\n\n");
        for n in notes {
            o.push_str(&format!("- {}\n", md(&n)));
        }
    }
    o
}

// ---------------------------------------------------------------------------------------------
// Text.

/// Terminal columns of `s`: East Asian wide characters take two, combining marks none.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x0300..=0x036f | 0x200b..=0x200f => 0,
            0x1100..=0x115f
            | 0x2e80..=0x303e
            | 0x3041..=0x33ff
            | 0x3400..=0x4dbf
            | 0x4e00..=0x9fff
            | 0xa000..=0xa4cf
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6
            | 0x1f300..=0x1f64f
            | 0x1f900..=0x1f9ff
            | 0x20000..=0x3fffd => 2,
            _ => 1,
        })
        .sum()
}

/// Columns padded to their widest cell (in terminal columns); the last column is not padded.
pub(crate) fn aligned(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| width(s)).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = widths[c].saturating_sub(width(cell));
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c + 1 < r.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The aligned text table of the CLI (`--format table`): the plan, every subnet, zone and
/// tier summaries, growth reservations, free space, totals and warnings.
pub fn text_table(plan: &Plan, layout: &Layout) -> String {
    let rows = table_rows(plan, layout);
    let dual = rows.iter().any(|r| r.ipv6.is_some());
    let mut o = String::new();
    let name = if plan.name.trim().is_empty() { String::new() } else { format!(" {}", display(&plan.name)) };
    let region = if plan.region.trim().is_empty() { String::new() } else { format!(" {}", display(&plan.region)) };
    o.push_str(&format!("Plan{name}: {}{region}, {} layout\n", provider_name(plan.provider), plan.strategy.id()));
    o.push_str(&format!("VPC: {}\n", blocks_text(plan)));
    o.push_str(&format!("Zones: {}\n", plan.zones.iter().map(|z| display(z)).collect::<Vec<_>>().join(", ")));
    if let Some(v6) = ipv6_text(plan) {
        o.push_str(&format!("IPv6: {v6}\n"));
    }
    o.push('\n');

    let mut head: Vec<String> = ["NAME", "ZONE", "TIER", "CIDR", "RANGE", "USABLE", "RSVD"].map(String::from).to_vec();
    if dual {
        head.push("IPV6".to_string());
    }
    head.push("CIDRSUBNET".to_string());
    let mut table = vec![head];
    for r in &rows {
        let mut line = vec![
            format!("{}{}", display(&r.name), if r.pinned { " (pinned)" } else { "" }),
            if r.zone.is_empty() { "-".to_string() } else { display(&r.zone) },
            display(&r.tier),
            r.cidr.to_string(),
            r.range(),
            r.usable.grouped(),
            r.reserved.len().to_string(),
        ];
        if dual {
            line.push(r.ipv6.map(|c| c.to_string()).unwrap_or_else(|| "-".to_string()));
        }
        line.push(r.expr.clone());
        table.push(line);
    }
    o.push_str(&aligned(&table, &[false, false, false, false, false, true, true]));
    o.push_str(&reserved_legend(plan.provider));
    o.push_str("\n\n");

    o.push_str("Zones\n");
    let zones: Vec<Vec<String>> = layout
        .zone_summaries
        .iter()
        .map(|z| {
            vec![
                format!("  {}", display(&z.name)),
                z.block.map(|b| b.to_string()).unwrap_or_else(|| "-".to_string()),
                format!("exact: {}", cidr_list(&z.exact)),
            ]
        })
        .collect();
    o.push_str(&aligned(&zones, &[]));
    o.push_str("Tiers\n");
    let tiers: Vec<Vec<String>> = layout
        .tier_summaries
        .iter()
        .enumerate()
        .map(|(t, s)| {
            vec![
                format!("  {}", display(&s.name)),
                plan.tiers.get(t).map(|x| x.kind.id().to_string()).unwrap_or_default(),
                s.block.map(|b| b.to_string()).unwrap_or_else(|| "-".to_string()),
                format!("exact: {}", cidr_list(&s.exact)),
            ]
        })
        .collect();
    o.push_str(&aligned(&tiers, &[]));
    if !layout.reserved.is_empty() {
        o.push_str("Reserved for growth\n");
        let res: Vec<Vec<String>> = layout
            .reserved
            .iter()
            .map(|r| vec![format!("  {}", r.cidr), display(&r.label), reservation_kind(r.kind).to_string()])
            .collect();
        o.push_str(&aligned(&res, &[]));
        if let Some(b) = layout.spare_block {
            o.push_str(&format!("  (the spare blocks together: {b})\n"));
        }
    }
    o.push_str("Free space\n");
    if layout.free.is_empty() {
        o.push_str("  none\n");
    } else {
        let free: Vec<Vec<String>> =
            layout.free.iter().map(|f| vec![format!("  {f}"), format!("{} addresses", f.size().grouped())]).collect();
        o.push_str(&aligned(&free, &[false, true]));
    }
    o.push_str(&format!("{}\n", totals_text(layout)));
    let notes = warning_lines(layout);
    if !notes.is_empty() {
        o.push_str("Warnings\n");
        for n in notes {
            o.push_str(&format!("  - {}\n", display(&n)));
        }
    }
    o
}

/// The overlap sentences, then the warnings: the "Warnings" section of the text exports.
fn warning_lines(layout: &Layout) -> Vec<String> {
    layout.overlaps.iter().map(|x| x.message.clone()).chain(layout.warnings.iter().map(|w| w.to_string())).collect()
}
