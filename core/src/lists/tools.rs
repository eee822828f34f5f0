//! Summarize, exclude and ranges over read lists. Work is on sorted address intervals, so
//! every tool is O(n log n) in the list's length.

use super::{Entry, EntryList};
use crate::addr::{Addr, Cidr, Count, Family};
use crate::ops::{aggregate, range_to_cidrs};
use crate::parse::covering;

/// The single smallest block holding every entry of one family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Supernet {
    /// The smallest block holding every entry of the family.
    pub net: Cidr,
    /// Addresses the list covers in this family.
    pub listed: Count,
    /// Addresses of `net` the list does not cover.
    pub extra: Count,
}

/// What [`summarize`] finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The fewest blocks covering exactly the list (IPv4 first).
    pub cidrs: Vec<Cidr>,
    /// One per family present, IPv4 first.
    pub supernets: Vec<Supernet>,
    /// Entries read.
    pub entries: usize,
}

/// Route aggregation: the smallest exact cover of the list, and the smallest supernet of each
/// family with how much more it covers.
pub fn summarize(list: &EntryList) -> Summary {
    let cidrs = aggregate(&list.cidrs());
    let mut supernets = Vec::new();
    for family in [Family::V4, Family::V6] {
        let mine: Vec<&Cidr> = cidrs.iter().filter(|c| c.family() == family).collect();
        let (Some(first), Some(last)) = (mine.first(), mine.last()) else { continue };
        let net = covering(first.network(), last.last());
        let listed = mine.iter().fold(Count::ZERO, |acc, c| acc.saturating_add(c.size()));
        let extra = match listed.as_u128() {
            Some(l) => net.size().saturating_sub(l),
            None => Count::ZERO,
        };
        supernets.push(Supernet { net, listed, extra });
    }
    Summary { cidrs, supernets, entries: list.entries.len() }
}

/// Sorted, disjoint, non-adjacent intervals `(family, first, last)` covering `cidrs`.
fn intervals(cidrs: &[Cidr]) -> Vec<(Family, u128, u128)> {
    let mut out: Vec<(Family, u128, u128)> = Vec::new();
    for c in aggregate(cidrs) {
        let (f, s, e) = (c.family(), c.network().value(), c.last().value());
        match out.last_mut() {
            Some((lf, _, le)) if *lf == f && le.checked_add(1) == Some(s) => *le = e,
            _ => out.push((f, s, e)),
        }
    }
    out
}

/// The addresses of `list` that are not in `minus`, as the fewest blocks (IPv4 first).
/// Entries of `minus` outside the list simply remove nothing.
pub fn exclude(list: &EntryList, minus: &EntryList) -> Vec<Cidr> {
    let keep = intervals(&list.cidrs());
    let holes = intervals(&minus.cidrs());
    let mut out = Vec::new();
    let mut h = 0;
    for (family, start, end) in keep {
        // Holes are sorted like `keep`; skip those wholly before this interval.
        while h < holes.len() && (holes[h].0, holes[h].2) < (family, start) {
            h += 1;
        }
        let mut cursor = Some(start);
        let mut k = h;
        while let (Some(c), Some(&(hf, hs, he))) = (cursor, holes.get(k)) {
            if hf != family || hs > end {
                break;
            }
            if hs > c {
                push_range(&mut out, family, c, hs - 1);
            }
            cursor = he.checked_add(1).filter(|&n| n <= end).map(|n| n.max(c));
            if he >= end {
                cursor = None;
            }
            k += 1;
        }
        if let Some(c) = cursor {
            push_range(&mut out, family, c, end);
        }
    }
    out
}

fn push_range(out: &mut Vec<Cidr>, family: Family, first: u128, last: u128) {
    if let (Some(a), Some(b)) = (Addr::new(family, first), Addr::new(family, last)) {
        out.extend(range_to_cidrs(a, b));
    }
}

/// One entry with its fewest covering blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeCidrs {
    /// The list entry.
    pub entry: Entry,
    /// The fewest blocks covering it exactly.
    pub cidrs: Vec<Cidr>,
}

/// Each entry (typically a range `a - b`) as its fewest CIDR blocks, in list order.
pub fn ranges(list: &EntryList) -> Vec<RangeCidrs> {
    list.entries.iter().map(|e| RangeCidrs { entry: e.clone(), cidrs: e.span.cidrs() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lists::parse_list;

    fn strs(v: &[Cidr]) -> Vec<String> {
        v.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn summarize_gives_the_cover_and_the_supernet() {
        let s = summarize(&parse_list("10.0.0.0/24\n10.0.1.0/24\n10.0.3.0/24\n2001:db8::/33\n2001:db8:8000::/33"));
        assert_eq!(strs(&s.cidrs), ["10.0.0.0/23", "10.0.3.0/24", "2001:db8::/32"]);
        assert_eq!(s.supernets[0].net.to_string(), "10.0.0.0/22");
        assert_eq!(s.supernets[0].listed.as_u128(), Some(768));
        assert_eq!(s.supernets[0].extra.as_u128(), Some(256));
        assert_eq!(s.supernets[1].extra, Count::ZERO);
    }

    #[test]
    fn exclude_cuts_holes_across_the_list() {
        let a = parse_list("10.0.0.0/24\n10.0.2.0/24\n192.168.0.0/16");
        let b = parse_list("10.0.0.0/26, 10.0.2.128/25\n192.168.0.0/17\n172.16.0.0/12 # outside: no effect");
        assert_eq!(strs(&exclude(&a, &b)), ["10.0.0.64/26", "10.0.0.128/25", "10.0.2.0/25", "192.168.128.0/17"]);
        assert!(exclude(&a, &a).is_empty());
        let all = exclude(&parse_list("::/0"), &parse_list("::/128"));
        assert_eq!(all.len(), 128);
    }

    #[test]
    fn ranges_lists_each_entry() {
        let r = ranges(&parse_list("10.0.0.10 - 10.0.0.20 pool\n10.0.1.0/24"));
        assert_eq!(strs(&r[0].cidrs), ["10.0.0.10/31", "10.0.0.12/30", "10.0.0.16/30", "10.0.0.20/32"]);
        assert_eq!(r[0].entry.label, "pool");
        assert_eq!(strs(&r[1].cidrs), ["10.0.1.0/24"]);
    }
}
