//! The list tools' results as text (for a terminal or the clipboard) and as CSV (RFC 4180,
//! CRLF line ends, cells guarded against spreadsheet formulas).

use super::{Overlaps, RangeCidrs, Summary};
use crate::addr::Cidr;
use crate::design::csv_cell;

fn csv(header: &str, rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = format!("{header}\r\n");
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One block a line.
pub fn cidrs_text(cidrs: &[Cidr]) -> String {
    cidrs.iter().map(|c| format!("{c}\n")).collect()
}

/// `cidr,first,last,addresses`, one row per block.
pub fn cidrs_csv(cidrs: &[Cidr]) -> String {
    csv(
        "cidr,first,last,addresses",
        cidrs.iter().map(|c| vec![c.to_string(), c.network().to_string(), c.last().to_string(), c.size().to_string()]),
    )
}

impl Summary {
    /// "Smallest single supernet: 10.0.0.0/22 (1,024 addresses: 768 listed, 256 more)".
    pub fn supernet_lines(&self) -> Vec<String> {
        self.supernets
            .iter()
            .map(|s| {
                let more = if s.extra.as_u128() == Some(0) {
                    "no more than the list".to_string()
                } else {
                    format!("{} more than the list", s.extra.grouped())
                };
                format!(
                    "Smallest single supernet: {} ({} addresses: {} listed, {more})",
                    s.net,
                    s.net.size().grouped(),
                    s.listed.grouped()
                )
            })
            .collect()
    }

    /// The exact cover, one block a line, then the supernet lines as `#` comments (so the text
    /// pastes back as a list).
    pub fn to_text(&self) -> String {
        let mut out = cidrs_text(&self.cidrs);
        for l in self.supernet_lines() {
            out.push_str(&format!("# {l}\n"));
        }
        out
    }

    /// `kind,cidr,first,last,addresses,extra`: the cover (`kind` = `cover`), then each
    /// supernet (`supernet`, with the addresses it adds).
    pub fn to_csv(&self) -> String {
        let cover = self.cidrs.iter().map(|c| {
            vec![
                "cover".into(),
                c.to_string(),
                c.network().to_string(),
                c.last().to_string(),
                c.size().to_string(),
                "".into(),
            ]
        });
        let sup = self.supernets.iter().map(|s| {
            let n = s.net;
            vec![
                "supernet".into(),
                n.to_string(),
                n.network().to_string(),
                n.last().to_string(),
                n.size().to_string(),
                s.extra.to_string(),
            ]
        });
        csv("kind,cidr,first,last,addresses,extra", cover.chain(sup).collect::<Vec<_>>())
    }
}

impl Overlaps {
    /// One sentence a pair, then a count line.
    pub fn to_text(&self) -> String {
        let mut out: String = self.pairs.iter().map(|p| format!("{}\n", p.describe())).collect();
        out.push_str(&self.count_line());
        out.push('\n');
        out
    }

    /// "2 overlapping pairs among 50 entries" (and how many are listed when cut).
    pub fn count_line(&self) -> String {
        let total = crate::Count::new(self.total as u128).grouped();
        let entries = crate::lines::grouped(self.entries);
        let pairs = if self.total == 1 { "pair" } else { "pairs" };
        let mut s = match self.total {
            0 => format!("No overlaps among {entries} entries"),
            _ => format!("{total} overlapping {pairs} among {entries} entries"),
        };
        if self.truncated() {
            s.push_str(&format!(" (the first {} listed)", crate::lines::grouped(self.pairs.len())));
        }
        s
    }

    /// `relation,first_line,first,first_label,second_line,second,second_label`.
    pub fn to_csv(&self) -> String {
        csv(
            "relation,first_line,first,first_label,second_line,second,second_label",
            self.pairs.iter().map(|p| {
                vec![
                    p.relation.id().into(),
                    p.first.line.to_string(),
                    p.first.span.to_string(),
                    p.first.label.clone(),
                    p.second.line.to_string(),
                    p.second.span.to_string(),
                    p.second.label.clone(),
                ]
            }),
        )
    }
}

/// Each entry as a `#` comment line (the range and its label), then its blocks.
pub fn ranges_text(ranges: &[RangeCidrs]) -> String {
    let mut out = String::new();
    for r in ranges {
        let label = if r.entry.label.is_empty() { String::new() } else { format!(" ({})", r.entry.label) };
        out.push_str(&format!("# {}{label}\n", r.entry.span));
        out.push_str(&cidrs_text(&r.cidrs));
    }
    out
}

/// `line,first,last,label,cidr`: one row per block.
pub fn ranges_csv(ranges: &[RangeCidrs]) -> String {
    let rows = ranges.iter().flat_map(|r| {
        r.cidrs.iter().map(|c| {
            vec![
                r.entry.line.to_string(),
                r.entry.span.first().to_string(),
                r.entry.span.last().to_string(),
                r.entry.label.clone(),
                c.to_string(),
            ]
        })
    });
    csv("line,first,last,label,cidr", rows.collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use crate::lists::*;

    #[test]
    fn text_and_csv_for_each_tool() {
        let list = parse_list("10.0.0.0/24 =evil\n10.0.1.0/24\n10.0.0.0/25 half");
        let s = summarize(&list);
        assert_eq!(
            s.to_text(),
            "10.0.0.0/23\n# Smallest single supernet: 10.0.0.0/23 (512 addresses: 512 listed, no more than the list)\n"
        );
        assert_eq!(s.to_csv(), "kind,cidr,first,last,addresses,extra\r\ncover,10.0.0.0/23,10.0.0.0,10.0.1.255,512,\r\nsupernet,10.0.0.0/23,10.0.0.0,10.0.1.255,512,0\r\n");
        let o = overlaps(&list);
        assert_eq!(
            o.to_text(),
            "10.0.0.0/24 (=evil) on line 1 contains 10.0.0.0/25 (half) on line 3\n1 overlapping pair among 3 entries\n"
        );
        assert_eq!(
            o.to_csv(),
            "relation,first_line,first,first_label,second_line,second,second_label\r\n\
             first-contains-second,1,10.0.0.0/24,'=evil,3,10.0.0.0/25,half\r\n"
        );
        let r = ranges(&parse_list("10.0.0.1-10.0.0.2 pool"));
        assert_eq!(ranges_text(&r), "# 10.0.0.1 – 10.0.0.2 (pool)\n10.0.0.1/32\n10.0.0.2/32\n");
        assert_eq!(ranges_csv(&r), "line,first,last,label,cidr\r\n1,10.0.0.1,10.0.0.2,pool,10.0.0.1/32\r\n1,10.0.0.1,10.0.0.2,pool,10.0.0.2/32\r\n");
        assert_eq!(
            cidrs_csv(&exclude(&list, &parse_list("10.0.0.0/24"))),
            "cidr,first,last,addresses\r\n10.0.1.0/24,10.0.1.0,10.0.1.255,256\r\n"
        );
    }
}
