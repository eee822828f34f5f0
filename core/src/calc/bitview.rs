//! The bit view as markup, the way subnetting is taught: a row of place values, then the
//! address, the netmask and the network (address AND mask), one block per octet (IPv4) or
//! hextet (IPv6), every column one bit wide so each value sits exactly under its bit.
//!
//! Rendered here, like the planner's diagram, so the page sets it with one `innerHTML`
//! instead of building hundreds of typed elements; the page wraps it in the prefix slider
//! (role, keys, focus) and handles clicks through each cell's `data-prefix`. Nothing in it
//! is user text: only digits, hex digits and fixed words.

use super::bit_groups;
use crate::addr::{Addr, Cidr, Family};
use std::fmt::Write;

/// The bit view of one address under one prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitView {
    /// The blocks, for the inside of the page's bit slider. Presentational: the slider's value
    /// and [`BitView::rows`] say the same to screen readers.
    pub html: String,
    /// One line per row: `Address 10.0.0.5 in binary: 00001010 00000000 00000000 00000101`.
    pub rows: Vec<String>,
    /// The prefix the view is drawn at (capped at `width`).
    pub prefix: u8,
    /// Bits in an address of the family (32 or 128).
    pub width: u8,
}

impl BitView {
    /// The caption: the two colours with their bit counts, how to move the prefix, and (for
    /// screen readers, as the slider's contents are presentational) [`BitView::rows`].
    pub fn caption_html(&self) -> String {
        let rows: String = self.rows.iter().map(|r| format!("<li>{r}</li>")).collect();
        format!(
            "<span class=\"swatch swatch-net\"></span>network bits ({}) <span class=\"swatch swatch-host\"></span>host bits ({})\
             <span class=\"hint\"> · click a bit to end the network part after it, or focus the bits and use ← →</span>\
             <ul class=\"visually-hidden\">{rows}</ul>",
            self.prefix,
            self.width - self.prefix
        )
    }
}

/// The rows under the place values: class, label, and the short label for narrow screens.
const ROWS: [(&str, &str, &str); 3] =
    [("address", "Address", "Addr"), ("mask", "Netmask", "Mask"), ("network", "Network", "Net")];

/// The bit view of `addr` (the address typed, host bits and all) with the prefix at `prefix`.
/// Each cell carries `data-prefix` = its index + 1: a click on it puts the prefix right after it.
pub fn bit_view(addr: Addr, prefix: u8) -> BitView {
    let family = addr.family();
    let width = family.width();
    let p = prefix.min(width);
    let net = Cidr::containing(addr, p).unwrap_or_else(|| Cidr::all(family));
    let values = [addr, net.netmask(), net.network()];
    let rows = values.map(|v| bit_groups(v, p));

    let mut html = String::with_capacity(if family == Family::V4 { 8_000 } else { 30_000 });
    for (g, places) in rows[0].iter().enumerate() {
        html.push_str("<div class=\"bit-block\"><div class=\"bit-line places\"><span class=\"row-label\"></span>");
        for bit in &places.bits {
            cell(&mut html, bit.index, p, width, "place", &bit.place.to_string());
        }
        html.push_str("<span class=\"row-value\"></span></div>");
        for (r, (kind, label, short)) in ROWS.iter().enumerate() {
            let _ = write!(
                html,
                "<div class=\"bit-line {kind}\"><span class=\"row-label\"><span class=\"long\">{label}</span><span class=\"short\">{short}</span></span>"
            );
            for bit in &rows[r][g].bits {
                let class = match (r, bit.network, bit.one) {
                    (0, true, _) | (2, true, _) => "net",
                    (0, false, _) => "host",
                    (1, _, true) => "one",
                    (1, _, false) => "zero",
                    _ => "cleared",
                };
                cell(&mut html, bit.index, p, width, class, if bit.one { "1" } else { "0" });
            }
            let _ = write!(html, "<span class=\"row-value\">{}</span></div>", rows[r][g].text);
        }
        html.push_str("</div>");
    }

    let sep = if family == Family::V4 { " " } else { " : " };
    let rows = ROWS
        .iter()
        .zip(values)
        .zip(&rows)
        .map(|(((_, label, _), v), groups)| {
            let bits: Vec<String> =
                groups.iter().map(|g| g.bits.iter().map(|b| if b.one { '1' } else { '0' }).collect()).collect();
            format!("{label} {v} in binary: {}", bits.join(sep))
        })
        .collect();
    BitView { html, rows, prefix: p, width }
}

/// One cell: the column's classes (where the prefix falls, IPv6 nibble gaps), the row's class
/// and the text. Every row gives a column the same column classes, so the columns line up.
fn cell(html: &mut String, index: u8, prefix: u8, width: u8, class: &str, text: &str) {
    let mut column = String::new();
    if index == prefix {
        column.push_str(" edge");
    }
    if prefix == width && index + 1 == width {
        column.push_str(" edge-end");
    }
    if width == 128 && index.is_multiple_of(4) && !index.is_multiple_of(16) {
        column.push_str(" nib");
    }
    let after = index + 1;
    let title =
        if class == "net" || class == "host" { format!(" title=\"Set prefix to /{after}\"") } else { String::new() };
    let _ = write!(html, "<span class=\"cell {class}{column}\" data-prefix=\"{after}\"{title}>{text}</span>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn view(s: &str) -> BitView {
        let parsed = parse(s).unwrap();
        let net = parsed.network();
        let addr = match &parsed {
            crate::Parsed::Network(n) => n.address.unwrap_or(net.network()),
            crate::Parsed::Range(_) => net.network(),
        };
        bit_view(addr, net.prefix())
    }

    /// A line of the view: its kind and its cells as (data-prefix, class, text).
    type Line = (String, Vec<(u8, String, String)>);

    fn lines(html: &str) -> Vec<Line> {
        html.split("<div class=\"bit-line ")
            .skip(1)
            .map(|line| {
                let kind = line.split('"').next().unwrap().to_string();
                let cells = line
                    .split("<span class=\"cell ")
                    .skip(1)
                    .map(|c| {
                        let class = c.split('"').next().unwrap().to_string();
                        let prefix =
                            c.split("data-prefix=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
                        let text = c.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
                        (prefix, class, text)
                    })
                    .collect();
                (kind, cells)
            })
            .collect()
    }

    #[test]
    fn every_row_has_one_cell_per_bit_in_the_same_columns() {
        for (s, width, group) in [("10.0.0.5/20", 32, 8), ("2001:db8::1/48", 128, 16)] {
            let v = view(s);
            let lines = lines(&v.html);
            assert_eq!(lines.len(), 4 * width / group, "{s}: 4 lines per block");
            for block in lines.chunks(4) {
                let kinds: Vec<&str> = block.iter().map(|(k, _)| k.as_str()).collect();
                assert_eq!(kinds, ["places", "address", "mask", "network"]);
                let columns = |line: &Line| {
                    line.1
                        .iter()
                        .map(|(p, class, _)| (*p, class.split(' ').skip(1).collect::<Vec<_>>().join(" ")))
                        .collect::<Vec<_>>()
                };
                for line in &block[1..] {
                    assert_eq!(columns(line), columns(&block[0]), "{s}: {} lines up with the place values", line.0);
                }
                assert_eq!(block[0].1.len(), group);
            }
        }
    }

    #[test]
    fn place_values_and_the_and_of_address_and_mask() {
        let v = view("192.168.10.77/27");
        let lines = lines(&v.html);
        let text = |i: usize| lines[i].1.iter().map(|c| c.2.as_str()).collect::<Vec<_>>().join(" ");
        // The last octet: 77 = 01001101, mask 224 = 11100000, network 64 = 01000000.
        assert_eq!(text(12), "128 64 32 16 8 4 2 1");
        assert_eq!(text(13), "0 1 0 0 1 1 0 1");
        assert_eq!(text(14), "1 1 1 0 0 0 0 0");
        assert_eq!(text(15), "0 1 0 0 0 0 0 0");
        assert!(v.html.contains("<span class=\"row-value\">77</span>"));
        assert!(v.html.contains("<span class=\"row-value\">224</span>"));
        assert!(v.html.contains("<span class=\"row-value\">64</span>"));
        // Host bits of the address and the cleared bits of the network look different.
        let classes =
            |i: usize| lines[i].1.iter().map(|c| c.1.split(' ').next().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(classes(13), ["net", "net", "net", "host", "host", "host", "host", "host"]);
        assert_eq!(classes(15), ["net", "net", "net", "cleared", "cleared", "cleared", "cleared", "cleared"]);
        // The prefix edge is on bit 27 (the first host bit), in every line.
        for line in &lines[12..16] {
            let edges: Vec<u8> = line.1.iter().filter(|c| c.1.contains("edge")).map(|c| c.0).collect();
            assert_eq!(edges, [28], "{}", line.0);
        }
        assert!(v.caption_html().contains("network bits (27) <span class=\"swatch swatch-host\"></span>host bits (5)"));
        assert!(v.caption_html().contains("<li>Network 192.168.10.64 in binary: "));
        assert_eq!(
            v.rows,
            [
                "Address 192.168.10.77 in binary: 11000000 10101000 00001010 01001101",
                "Netmask 255.255.255.224 in binary: 11111111 11111111 11111111 11100000",
                "Network 192.168.10.64 in binary: 11000000 10101000 00001010 01000000",
            ]
        );
    }

    #[test]
    fn the_edge_at_either_end_and_ipv6_nibbles() {
        assert!(view("10.0.0.1").html.contains("edge-end"));
        assert!(!view("10.0.0.1").html.contains("edge\""));
        let v = view("0.0.0.0/0");
        assert_eq!(lines(&v.html)[0].1[0].1, "place edge");
        let v6 = view("2001:db8::/32");
        let first = &lines(&v6.html)[0].1;
        let nibbles: Vec<u8> = first.iter().filter(|c| c.1.contains("nib")).map(|c| c.0).collect();
        assert_eq!(nibbles, [5, 9, 13]);
        assert_eq!(first.iter().map(|c| c.2.as_str()).collect::<String>(), "8421842184218421");
        assert!(v6.html.contains("<span class=\"row-value\">db8</span>"));
        assert!(v6.rows[0].starts_with("Address 2001:db8:: in binary: 0010000000000001 : 0000110110111000"));
    }
}
