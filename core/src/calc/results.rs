//! The calculator's report as markup: what the input was understood as (for a range: that the
//! figures are of its smallest covering block), hints, address-type badges linked to their
//! RFCs, the grid of values with a copy button each, notes, reserved addresses and a range's
//! CIDR blocks.
//!
//! Rendered here, like the bit view and the planner's diagram, so the page sets it with one
//! `innerHTML`; each copy button carries `data-copy` (the value) and `data-label`, for one
//! delegated click handler. All text is escaped (a zone id is whatever was typed).

use crate::parse::Parsed;
use crate::plan::diagram::xml_escape as esc;
use crate::report::{networks_of_size, rfc_links, Report};
use std::fmt::Write;

/// One row of the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultRow {
    /// The row's name (`Netmask`), also the copy button's label.
    pub label: &'static str,
    /// The value shown and copied.
    pub value: String,
    /// A short note shown beside the value (`/24 · 0xffffff00`), if any.
    pub note: Option<String>,
}

fn row(label: &'static str, value: impl Into<String>, note: Option<String>) -> ResultRow {
    ResultRow { label, value: value.into(), note }
}

/// The rows of the grid, in display order.
pub fn result_rows(r: &Report, parsed: &Parsed) -> Vec<ResultRow> {
    let v4 = r.version == 4;
    let text = |a: Option<crate::Addr>| a.map_or_else(|| "—".to_string(), |a| a.to_string());
    let covering = matches!(parsed, Parsed::Range(_)).then(|| "smallest block covering the range".to_string());
    let reserved = (!r.reserved.is_empty()).then(|| format!("{} reserved", r.reserved.len()));
    let mut rows = vec![
        row("Network", r.network.to_string(), covering),
        row("Netmask", &r.netmask, Some(format!("/{} · {}", r.prefix, r.netmask_hex))),
        row("Wildcard", &r.hostmask, None),
    ];
    if v4 {
        rows.push(row("Broadcast", text(r.broadcast), None));
    }
    rows.extend([
        row("First address", r.first.to_string(), None),
        row("Last address", r.last.to_string(), None),
        row("First usable", text(r.first_usable), None),
        row("Last usable", text(r.last_usable), None),
        row("Total addresses", r.addresses.grouped(), None),
        row("Usable hosts", r.usable.grouped(), reserved),
    ]);
    if let Some(c) = r.class {
        rows.push(row("Class", c.to_string(), None));
    }
    if let Some(z) = &r.zone {
        rows.push(row("Zone", z, Some("interface the address is reached on".into())));
    }
    // With host bits typed, the address's own number is wanted as much as the network's.
    match (&r.address_integer, &r.address_hex, r.address) {
        (Some(int), Some(hex), Some(a)) => rows.extend([
            row("Address integer", int, Some(a.to_string())),
            row("Network integer", &r.integer, Some(r.network_address.to_string())),
            row("Address hex", hex, None),
            row("Network hex", &r.hex, None),
        ]),
        _ => rows.extend([row("Integer", &r.integer, None), row("Hex", &r.hex, None)]),
    }
    let (reverse, why) = r.reverse_dns_shown();
    rows.push(row("Reverse DNS", reverse, why));
    if !v4 {
        rows.extend([
            row("Expanded", r.exploded.clone().unwrap_or_default(), None),
            row("/64 networks", networks_of_size(r.network, 64), None),
            row("/48 networks", networks_of_size(r.network, 48), None),
        ]);
    }
    rows
}

/// Two overlapping sheets, drawn inline so no icon font or request is needed.
const COPY_ICON: &str = r#"<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>"#;

/// The whole report as markup (the inside of the page's results element).
pub fn results_html(r: &Report, parsed: &Parsed) -> String {
    let mut h = String::with_capacity(8_000);
    let understood = match parsed {
        Parsed::Range(rg) => format!(
            "{} · {} addresses; the figures below are for {}, the smallest block that covers it",
            r.understood_as,
            rg.addresses().grouped(),
            r.network
        ),
        Parsed::Network(_) => r.understood_as.clone(),
    };
    let _ = write!(h, "<p class=\"understood\">{}", esc(&understood));
    if let Some(p) = &r.address_position {
        let _ = write!(h, "<span class=\"position\"> · {}</span>", esc(p));
    }
    h.push_str("</p>");
    if let Some(hint) = &r.mask_hint {
        let _ = write!(h, "<p class=\"warning\" role=\"note\">{}</p>", esc(hint));
    }

    h.push_str("<ul class=\"badges\" aria-label=\"Address type\">");
    if r.special.is_empty() {
        let _ = write!(
            h,
            "<li class=\"badge badge-public\">{}<span class=\"badge-rfc\">Globally reachable unicast</span></li>",
            esc(&r.label)
        );
    }
    for s in &r.special {
        let _ = write!(h, "<li class=\"badge badge-special\">{}<span class=\"badge-rfc\">{} — ", esc(s.name), s.block);
        for (i, link) in rfc_links(s.rfc).iter().enumerate() {
            if i > 0 {
                h.push_str(", ");
            }
            match &link.url {
                Some(url) => {
                    let _ = write!(
                        h,
                        "<a href=\"{url}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                        esc(&link.text)
                    );
                }
                None => h.push_str(&esc(&link.text)),
            }
        }
        h.push_str("</span></li>");
    }
    h.push_str("</ul>");
    if let Some(m) = &r.mode_problem {
        let _ = write!(h, "<p class=\"warning\" role=\"note\">{}</p>", esc(m));
    }

    if let Parsed::Range(rg) = parsed {
        if rg.cidrs.len() > 1 || rg.cidrs.first() != Some(&r.network) {
            let n = rg.cidrs.len();
            let _ = write!(
                h,
                "<div class=\"range-cidrs\"><h3>This range is {n} CIDR block{}</h3><ul class=\"mono\">",
                if n == 1 { "" } else { "s" }
            );
            for c in &rg.cidrs {
                let _ = write!(h, "<li>{c}</li>");
            }
            h.push_str("</ul></div>");
        }
    }

    h.push_str("<dl class=\"result-grid\">");
    for ResultRow { label, value, note } in result_rows(r, parsed) {
        let value = esc(&value);
        let _ = write!(h, "<div class=\"result-row\"><dt>{label}</dt><dd><span class=\"mono value\">{value}</span>");
        if let Some(n) = note {
            let _ = write!(h, "<span class=\"value-note\">{}</span>", esc(&n));
        }
        let _ = write!(
            h,
            "<button type=\"button\" class=\"copy-button\" aria-label=\"Copy {label}\" title=\"Copy\" \
             data-label=\"{label}\" data-copy=\"{value}\">{COPY_ICON}<span class=\"copied-text\"></span></button></dd></div>"
        );
    }
    h.push_str("</dl>");

    if !r.notes.is_empty() {
        h.push_str("<ul class=\"notes\">");
        for n in &r.notes {
            let _ = write!(h, "<li>{}</li>", esc(n));
        }
        h.push_str("</ul>");
    }
    if !r.reserved.is_empty() {
        let _ = write!(
            h,
            "<details class=\"reserved\" open><summary>Reserved under {} ({})</summary><ul>",
            r.mode.label(),
            r.reserved.len()
        );
        for x in &r.reserved {
            let _ = write!(h, "<li><span class=\"mono\">{}</span> — {}</li>", x.address, esc(x.role));
        }
        h.push_str("</ul></details>");
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;
    use crate::Mode;

    fn rows_of(s: &str) -> Vec<(String, String, Option<String>)> {
        let p = parse(s).unwrap();
        result_rows(&Report::new(s, &p, Mode::Standard), &p)
            .into_iter()
            .map(|r| (r.label.to_string(), r.value, r.note))
            .collect()
    }

    fn html(s: &str, mode: Mode) -> String {
        let p = parse(s).unwrap();
        results_html(&Report::new(s, &p, mode), &p)
    }

    fn value<'a>(rows: &'a [(String, String, Option<String>)], label: &str) -> Option<&'a str> {
        rows.iter().find(|r| r.0 == label).map(|r| r.1.as_str())
    }

    #[test]
    fn host_bits_typed_give_both_numbers_labelled() {
        let rows = rows_of("10.0.0.5/24");
        assert_eq!(value(&rows, "Address integer"), Some("167772165"));
        assert_eq!(value(&rows, "Network integer"), Some("167772160"));
        assert_eq!(value(&rows, "Address hex"), Some("0x0a000005"));
        assert_eq!(value(&rows, "Network hex"), Some("0x0a000000"));
        assert_eq!(value(&rows, "Integer"), None);
        let rows = rows_of("10.0.0.0/24");
        assert_eq!(value(&rows, "Integer"), Some("167772160"));
        assert_eq!(value(&rows, "Address integer"), None);
    }

    #[test]
    fn a_range_says_its_network_is_the_covering_block() {
        let rows = rows_of("10.0.0.10 - 10.0.0.20");
        assert_eq!(rows[0], ("Network".into(), "10.0.0.0/27".into(), Some("smallest block covering the range".into())));
        let h = html("10.0.0.10 - 10.0.0.20", Mode::Standard);
        assert!(h.contains("11 addresses; the figures below are for 10.0.0.0/27, the smallest block that covers it"));
        assert!(h.contains("<h3>This range is 4 CIDR blocks</h3>"));
        // A range that is exactly one block needs no list.
        assert!(!html("10.0.0.0 - 10.0.3.255", Mode::Standard).contains("range-cidrs"));
    }

    #[test]
    fn ipv6_rows_zone_and_counts() {
        let rows = rows_of("fe80::1%eth0");
        assert_eq!(value(&rows, "Zone"), Some("eth0"));
        assert_eq!(value(&rows, "/64 networks"), Some("1/2⁶⁴ of a /64"));
        assert_eq!(value(&rows, "Broadcast"), None);
        assert_eq!(value(&rows_of("2001:db8::/56"), "/48 networks"), Some("1/256 of a /48"));
    }

    #[test]
    fn markup_escapes_what_was_typed_and_links_rfcs() {
        let h = html("fe80::1%<b>\"x'/64", Mode::Standard);
        assert!(!h.contains("<b>") && h.contains("&lt;b&gt;&quot;x&apos;"), "{h}");
        let h = html("10.1.2.3/8", Mode::Aws);
        assert!(h.contains("<a href=\"https://www.rfc-editor.org/rfc/rfc1918\" target=\"_blank\" rel=\"noopener noreferrer\">RFC 1918</a>"));
        assert!(h.contains("data-label=\"Network\" data-copy=\"10.0.0.0/8\""));
        assert!(h.contains("<summary>Reserved under AWS (5)</summary>"));
        assert!(h.contains("aria-label=\"Copy Usable hosts\""));
        assert!(html("255.255.255.0", Mode::Standard).contains("role=\"note\">255.255.255.0 looks like a netmask"));
    }
}
