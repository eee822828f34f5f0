//! Every pair of entries that overlap, by sort and sweep: entries sorted by first address, a
//! min-heap of the open ones by last address; each entry overlaps exactly the open entries
//! left after closing those that end before it starts. O(n log n + pairs) instead of O(n²).

use super::{Entry, EntryList};
use crate::addr::Family;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Most pairs listed; all pairs are counted ([`Overlaps::total`]). 10,000 copies of one
/// network make 50 million pairs: the count says so, the list stays readable.
pub const MAX_PAIRS: usize = 10_000;

/// How two overlapping entries relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// The same addresses.
    Duplicate,
    /// The first entry (the earlier line) holds all of the second.
    FirstContainsSecond,
    /// The second entry holds all of the first.
    SecondContainsFirst,
    /// They share some addresses and each has some of its own (only ranges can).
    Partial,
}

impl Relation {
    /// Stable identifier for CSV and JSON.
    pub const fn id(self) -> &'static str {
        match self {
            Relation::Duplicate => "duplicate",
            Relation::FirstContainsSecond => "first-contains-second",
            Relation::SecondContainsFirst => "second-contains-first",
            Relation::Partial => "partial",
        }
    }
}

/// One overlapping pair; `first` is the entry on the earlier line (or earlier on the line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    /// The entry on the earlier line (or earlier on the line).
    pub first: Entry,
    /// The other entry.
    pub second: Entry,
    /// How `first` relates to `second`.
    pub relation: Relation,
}

impl Overlap {
    /// "10.0.0.0/16 (office) on line 1 contains 10.0.5.0/24 (lab) on line 7".
    pub fn describe(&self) -> String {
        let (a, b) = (self.first.describe(), self.second.describe());
        match self.relation {
            Relation::Duplicate => format!("{a} duplicates {b}"),
            Relation::FirstContainsSecond => format!("{a} contains {b}"),
            Relation::SecondContainsFirst => format!("{a} is inside {b}"),
            Relation::Partial => format!("{a} partly overlaps {b}"),
        }
    }
}

/// What [`overlaps`] finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlaps {
    /// The pairs, by the first entry's position then the second's. Past [`MAX_PAIRS`], the
    /// ones met first in address order.
    pub pairs: Vec<Overlap>,
    /// How many pairs there are in all.
    pub total: u64,
    /// Entries read.
    pub entries: usize,
}

impl Overlaps {
    /// Whether `pairs` lists fewer than `total` (past [`MAX_PAIRS`]).
    pub fn truncated(&self) -> bool {
        (self.pairs.len() as u64) < self.total
    }
}

fn relation(a: &Entry, b: &Entry) -> Relation {
    let (af, al, bf, bl) = (a.span.first(), a.span.last(), b.span.first(), b.span.last());
    match (af <= bf && bl <= al, bf <= af && al <= bl) {
        (true, true) => Relation::Duplicate,
        (true, false) => Relation::FirstContainsSecond,
        (false, true) => Relation::SecondContainsFirst,
        (false, false) => Relation::Partial,
    }
}

/// Every pair of entries of `list` that share an address.
pub fn overlaps(list: &EntryList) -> Overlaps {
    let entries = &list.entries;
    let key = |i: usize| {
        let s = entries[i].span;
        (s.family(), s.first().value())
    };
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| key(i));
    // Open entries by (family, last address), smallest first.
    let mut open: BinaryHeap<Reverse<(Family, u128, usize)>> = BinaryHeap::new();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut total: u64 = 0;
    for &i in &order {
        let (family, start) = key(i);
        while open.peek().is_some_and(|Reverse((f, last, _))| (*f, *last) < (family, start)) {
            open.pop();
        }
        total += open.len() as u64;
        if found.len() < MAX_PAIRS {
            for Reverse((_, _, j)) in open.iter() {
                found.push((*j.min(&i), *j.max(&i)));
                if found.len() == MAX_PAIRS {
                    break;
                }
            }
        }
        open.push(Reverse((family, entries[i].span.last().value(), i)));
    }
    found.sort_unstable();
    let pairs = found
        .into_iter()
        .map(|(a, b)| Overlap {
            first: entries[a].clone(),
            second: entries[b].clone(),
            relation: relation(&entries[a], &entries[b]),
        })
        .collect();
    Overlaps { pairs, total, entries: entries.len() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lists::parse_list;

    #[test]
    fn names_each_pair_and_which_contains_which() {
        let o = overlaps(&parse_list(
            "10.0.5.0/24 lab\n10.0.0.0/16 office\n192.168.0.0/24\n10.0.5.0/24 lab copy\n\
             192.168.1.0/24\n10.1.0.1 - 10.1.0.9 a\n10.1.0.5 - 10.1.0.20 b",
        ));
        let got: Vec<String> = o.pairs.iter().map(Overlap::describe).collect();
        assert_eq!(
            got,
            [
                "10.0.5.0/24 (lab) on line 1 is inside 10.0.0.0/16 (office) on line 2",
                "10.0.5.0/24 (lab) on line 1 duplicates 10.0.5.0/24 (lab copy) on line 4",
                "10.0.0.0/16 (office) on line 2 contains 10.0.5.0/24 (lab copy) on line 4",
                "10.1.0.1 – 10.1.0.9 (a) on line 6 partly overlaps 10.1.0.5 – 10.1.0.20 (b) on line 7",
            ]
        );
        assert_eq!(o.total, 4);
    }

    #[test]
    fn families_never_overlap_and_adjacent_blocks_do_not_either() {
        let o = overlaps(&parse_list("0.0.0.0/0\n::/0\n10.0.0.0/25\n10.0.0.128/25"));
        assert_eq!(o.total, 2, "{:?}", o.pairs);
        assert!(o.pairs.iter().all(|p| p.first.line == 1));
    }

    #[test]
    fn many_duplicates_are_counted_past_the_cap() {
        let text = "10.0.0.0/24\n".repeat(200);
        let o = overlaps(&parse_list(&text));
        assert_eq!(o.total, 200 * 199 / 2);
        assert_eq!(o.pairs.len(), MAX_PAIRS.min(19_900));
    }
}
