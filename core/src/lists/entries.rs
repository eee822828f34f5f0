//! Reading a pasted list of networks, addresses and ranges, each with an optional label.
//!
//! A line holds one or more entries separated by commas; within a part, the network is the
//! longest run of words the calculator's parser accepts (`10.0.0.0 255.255.0.0` and
//! `10.0.0.1 - 10.0.0.9` are one entry), and the words after it, up to the next word that
//! looks like an address, are its label. So `10.0.0.0/24 web, 10.0.1.0/24 db`,
//! `10.0.0.0/24 10.0.1.0/24` and a CSV row `10.0.0.0/24,web` all read as people mean them.

use crate::addr::{Addr, Cidr, Family};
use crate::design::sanitize_note;
use crate::lines::{self, LineError};
use crate::parse::{parse, Parsed};

/// Most entries in one list: 65,536 (the designer's leaf cap). A 10,000-line list is read,
/// summarized and swept for overlaps in milliseconds (BENCHMARKS.md).
pub const MAX_ENTRIES: usize = 65_536;

/// Longest label kept, in characters (the designer's note length).
pub const MAX_LABEL_CHARS: usize = crate::design::MAX_NOTE_CHARS;

/// What an entry covers: one aligned block, or a range of addresses that is not one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    /// One aligned block.
    Block(Cidr),
    /// First and last address of a range that is not one block.
    Range(Addr, Addr),
}

impl Span {
    /// The first address covered.
    pub fn first(self) -> Addr {
        match self {
            Span::Block(c) => c.network(),
            Span::Range(a, _) => a,
        }
    }

    /// The last address covered.
    pub fn last(self) -> Addr {
        match self {
            Span::Block(c) => c.last(),
            Span::Range(_, b) => b,
        }
    }

    /// The span's IP version.
    pub fn family(self) -> Family {
        self.first().family()
    }

    /// The fewest blocks covering exactly this span.
    pub fn cidrs(self) -> Vec<Cidr> {
        match self {
            Span::Block(c) => vec![c],
            Span::Range(a, b) => crate::ops::range_to_cidrs(a, b),
        }
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Span::Block(c) => write!(f, "{c}"),
            Span::Range(a, b) => write!(f, "{a} – {b}"),
        }
    }
}

/// One entry of a list: where it was, what was written, its label and what it covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// 1-based line number.
    pub line: usize,
    /// The network as written (trimmed).
    pub text: String,
    /// Cleaned like a designer note; empty when there is none.
    pub label: String,
    /// What the entry covers.
    pub span: Span,
}

impl Entry {
    /// "10.0.0.0/24 (web) on line 3".
    pub fn describe(&self) -> String {
        let label = if self.label.is_empty() { String::new() } else { format!(" ({})", self.label) };
        format!("{}{label} on line {}", self.span, lines::grouped(self.line))
    }
}

/// A read list: entries in the order written, and the lines that could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryList {
    /// The entries, in the order written.
    pub entries: Vec<Entry>,
    /// The lines that could not be read.
    pub errors: Vec<LineError>,
}

impl EntryList {
    /// Every entry's blocks, in list order (ranges as their fewest blocks).
    pub fn cidrs(&self) -> Vec<Cidr> {
        self.entries.iter().flat_map(|e| e.span.cidrs()).collect()
    }
}

/// Read a pasted list (see the module docs). Never fails as a whole.
pub fn parse_list(text: &str) -> EntryList {
    let mut list = EntryList::default();
    'lines: for (line, body) in lines::content_lines(text) {
        let body = match body {
            Ok(b) => b,
            Err(message) => {
                list.errors.push(LineError { line, message });
                continue;
            }
        };
        let start = list.entries.len();
        for part in body.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let label_target = (list.entries.len() > start).then(|| list.entries.len() - 1);
            // Entries read before a bad word of the same part are kept, like the other lines.
            if let Err(message) = read_part(line, part, label_target, &mut list.entries) {
                list.errors.push(LineError { line, message });
            }
            if list.entries.len() > MAX_ENTRIES {
                list.entries.truncate(MAX_ENTRIES);
                list.errors.push(lines::over_cap(line, MAX_ENTRIES, "entries"));
                break 'lines;
            }
        }
    }
    list.errors.extend(lines::too_long(text));
    list
}

/// A word that someone meant as an address (`10.0.0.256`, `2001:db8::/33`), not a label
/// (`web`, `db.prod`, `2nd`): IPv6 is hex digits and colons, IPv4 starts with a digit and has
/// only digits, dots, slashes and dashes.
fn looks_like_address(word: &str) -> bool {
    let w = word.split('%').next().unwrap_or("");
    let punct = |c: char| matches!(c, '.' | '/' | '-' | '–' | '—');
    if w.contains(':') {
        w.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || punct(c))
    } else {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.contains('.')
            && w.chars().all(|c| c.is_ascii_digit() || punct(c))
    }
}

fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "–" | "—")
}

/// The words of `part` with their byte ranges.
fn words(part: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in part.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, part.len()));
    }
    out
}

/// Read one comma-separated part into `out`. A part that is only a label (a CSV row's second
/// cell, `10.0.0.0/24,web`) labels the entry before it on the same line, `label_target`.
fn read_part(line: usize, part: &str, label_target: Option<usize>, out: &mut Vec<Entry>) -> Result<(), String> {
    let ws = words(part);
    let text = |from: usize, to: usize| &part[ws[from].0..ws[to - 1].1];
    let mut i = 0;
    while i < ws.len() {
        let first = text(i, i + 1);
        // Longest reading first: `a - b`, then `a mask` / `a -b`, then the word alone.
        let mut tries = Vec::with_capacity(3);
        if i + 2 < ws.len() && is_dash(text(i + 1, i + 2)) {
            tries.push(3);
        }
        if i + 1 < ws.len() {
            let next = text(i + 1, i + 2);
            if looks_like_address(next) || first.ends_with(['-', '–', '—']) || next.starts_with(['-', '–', '—'])
            {
                tries.push(2);
            }
        }
        tries.push(1);
        let found = tries.iter().find_map(|&k| parse(text(i, i + k)).ok().map(|p| (k, p)));
        let Some((k, parsed)) = found else {
            if i == 0 && !looks_like_address(first) {
                if let Some(t) = label_target.filter(|&t| out[t].label.is_empty()) {
                    out[t].label = clean_label(part);
                    return Ok(());
                }
            }
            return Err(match parse(first) {
                Err(e) if looks_like_address(first) => e.to_string(),
                _ => format!("'{first}' is not an address, network or range"),
            });
        };
        let span = match parsed {
            Parsed::Network(n) => Span::Block(n.network),
            Parsed::Range(r) if r.cidrs.len() == 1 => Span::Block(r.cidrs[0]),
            Parsed::Range(r) => Span::Range(r.first, r.last),
        };
        let entry_text = text(i, i + k).to_string();
        i += k;
        // The label: the words up to the next one that looks like an address.
        let label_end = (i..ws.len()).find(|&j| looks_like_address(text(j, j + 1))).unwrap_or(ws.len());
        let label = if label_end > i { clean_label(text(i, label_end)) } else { String::new() };
        i = label_end;
        out.push(Entry { line, text: entry_text, label, span });
        if out.len() > MAX_ENTRIES {
            return Ok(());
        }
    }
    Ok(())
}

fn clean_label(s: &str) -> String {
    sanitize_note(s).chars().take(MAX_LABEL_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(usize, String, String)> {
        parse_list(text).entries.into_iter().map(|e| (e.line, e.span.to_string(), e.label)).collect()
    }

    fn e(line: usize, span: &str, label: &str) -> (usize, String, String) {
        (line, span.to_string(), label.to_string())
    }

    #[test]
    fn every_form_with_and_without_labels() {
        let got = read(
            "10.0.0.0/24 web tier\n10.0.1.0 255.255.255.0 db\n10.0.2.1 - 10.0.2.9 dhcp pool\n\
             10.0.3.0/24,cache\n10.0.4.0/24, 10.0.5.0/24 # two\n2001:db8::/48 v6 lab\n10.0.6.5 10.0.6.6\n\
             10.0.7.0-10.0.7.255",
        );
        assert_eq!(
            got,
            [
                e(1, "10.0.0.0/24", "web tier"),
                e(2, "10.0.1.0/24", "db"),
                e(3, "10.0.2.1 – 10.0.2.9", "dhcp pool"),
                e(4, "10.0.3.0/24", "cache"),
                e(5, "10.0.4.0/24", ""),
                e(5, "10.0.5.0/24", ""),
                e(6, "2001:db8::/48", "v6 lab"),
                e(7, "10.0.6.5/32", ""),
                e(7, "10.0.6.6/32", ""),
                e(8, "10.0.7.0/24", ""),
            ]
        );
    }

    #[test]
    fn bad_lines_are_named_and_the_rest_kept() {
        let list = parse_list("10.0.0.0/24\n10.0.0.256/24 typo\nweb\n10.0.1.0/24 web-01\n");
        let got: Vec<_> = list.entries.iter().map(|e| (e.line, e.label.as_str())).collect();
        assert_eq!(got, [(1, ""), (4, "web-01")]);
        assert_eq!(list.errors.len(), 2);
        assert_eq!(list.errors[0].line, 2);
        assert!(list.errors[0].message.contains("256"), "{}", list.errors[0].message);
        assert_eq!(list.errors[1].line, 3);
        assert!(list.errors[1].message.contains("'web' is not an address"), "{}", list.errors[1].message);
    }

    #[test]
    fn the_entry_cap_is_an_error_naming_the_line() {
        let text: String = (0..MAX_ENTRIES + 5).map(|i| format!("10.{}.{}.0/24\n", i >> 8 & 255, i & 255)).collect();
        let list = parse_list(&text);
        assert_eq!(list.entries.len(), MAX_ENTRIES);
        assert_eq!(list.errors.len(), 1);
        assert_eq!(list.errors[0].line, MAX_ENTRIES + 1);
    }

    #[test]
    fn labels_and_addresses_are_told_apart() {
        for w in ["10.0.0.256", "2001:db8::/33", "fe80::1%eth0", "10.0.0.1-10.0.0.9"] {
            assert!(looks_like_address(w), "{w}");
        }
        for w in ["web", "db.prod", "2nd", "cafe.example", "x:y"] {
            assert!(!looks_like_address(w), "{w}");
        }
    }
}
