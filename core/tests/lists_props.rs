//! List-tool properties without Python: the overlap sweep finds exactly the pairs an
//! all-pairs check finds (ranges included), exclude partitions the list, the supernet is the
//! smallest single block, a 10,000-line list is read and swept whole, and no text panics the
//! list or need readers.

mod python_support;

use cidrplan::lists::{exclude, overlaps, parse_list, summarize, EntryList, Relation, MAX_PAIRS};
use cidrplan::{Cidr, Family};
use python_support::Rng;

/// Sorted, merged `(family, first, last)` intervals of some blocks.
fn union(cidrs: &[Cidr]) -> Vec<(Family, u128, u128)> {
    let mut v: Vec<(Family, u128, u128)> =
        cidrs.iter().map(|c| (c.family(), c.network().value(), c.last().value())).collect();
    v.sort();
    let mut out: Vec<(Family, u128, u128)> = Vec::new();
    for (f, s, e) in v {
        match out.last_mut() {
            Some((lf, _, le)) if *lf == f && le.saturating_add(1) >= s => *le = (*le).max(e),
            _ => out.push((f, s, e)),
        }
    }
    out
}

fn contains_addr(u: &[(Family, u128, u128)], f: Family, a: u128) -> bool {
    u.iter().any(|&(uf, s, e)| uf == f && s <= a && a <= e)
}

fn random_text(r: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| {
            let a = r.next() as u32 & 0x3ff;
            if r.chance(40) {
                let b = a + (r.next() as u32 % 200);
                format!("10.0.{}.{} - 10.0.{}.{}\n", a >> 8, a & 255, b >> 8, b & 255)
            } else {
                let p = r.range(22, 32) as u32;
                let a = a & !((1u32 << (32 - p)) - 1);
                format!("10.0.{}.{}/{p}\n", a >> 8, a & 255)
            }
        })
        .collect()
}

#[test]
fn the_sweep_finds_exactly_the_pairs_of_an_all_pairs_check() {
    let mut r = Rng::new(5);
    for _ in 0..200 {
        let n = r.range(1, 60) as usize;
        let list = parse_list(&random_text(&mut r, n));
        let e = &list.entries;
        let mut want = Vec::new();
        for i in 0..e.len() {
            for j in i + 1..e.len() {
                let (a, b) = (e[i].span, e[j].span);
                if a.first() <= b.last() && b.first() <= a.last() {
                    want.push((i, j));
                }
            }
        }
        let o = overlaps(&list);
        let pos = |x: &cidrplan::lists::Entry| e.iter().position(|y| y == x).unwrap();
        let mut got: Vec<(usize, usize)> = o.pairs.iter().map(|p| (pos(&p.first), pos(&p.second))).collect();
        got.sort();
        // Identical entries on different lines are different entries (their lines differ).
        assert_eq!(got, want);
        assert_eq!(o.total as usize, want.len());
        for p in &o.pairs {
            let (a, b) = (p.first.span, p.second.span);
            let holds =
                |x: cidrplan::lists::Span, y: cidrplan::lists::Span| x.first() <= y.first() && y.last() <= x.last();
            let expected = match (holds(a, b), holds(b, a)) {
                (true, true) => Relation::Duplicate,
                (true, false) => Relation::FirstContainsSecond,
                (false, true) => Relation::SecondContainsFirst,
                _ => Relation::Partial,
            };
            assert_eq!(p.relation, expected);
        }
    }
}

#[test]
fn exclude_partitions_the_list_and_summarize_covers_it_exactly() {
    let mut r = Rng::new(9);
    for _ in 0..200 {
        let (n, m) = (r.range(1, 40) as usize, r.range(0, 40) as usize);
        let a = parse_list(&random_text(&mut r, n));
        let b = parse_list(&random_text(&mut r, m));
        let (ua, ub) = (union(&a.cidrs()), union(&b.cidrs()));
        let rest = exclude(&a, &b);
        let ur = union(&rest);
        let s = summarize(&a);
        assert_eq!(union(&s.cidrs), ua, "the cover is the list's addresses exactly");
        // Check every address of the small space: in the rest iff in a and not in b.
        for addr in (10u128 << 24)..(10u128 << 24) + 2048 {
            let (in_a, in_b) = (contains_addr(&ua, Family::V4, addr), contains_addr(&ub, Family::V4, addr));
            assert_eq!(contains_addr(&ur, Family::V4, addr), in_a && !in_b, "address {addr:#x}");
        }
        // The cover and the rest are minimal: no two blocks could merge.
        for v in [&s.cidrs, &rest] {
            for w in v.windows(2) {
                assert!(w[0].sibling() != Some(w[1]), "{} and {} should merge", w[0], w[1]);
            }
        }
        // The supernet holds every block; neither of its halves does.
        if let Some(sup) = s.supernets.first() {
            assert!(s.cidrs.iter().all(|c| sup.net.contains(*c)));
            if let Some((lo, hi)) = sup.net.halves() {
                assert!(!s.cidrs.iter().all(|c| lo.contains(*c)) && !s.cidrs.iter().all(|c| hi.contains(*c)));
            }
        }
    }
}

#[test]
fn ten_thousand_lines_are_read_and_swept_whole() {
    // 10,000 /24s of 10.0.0.0/8, every 100th duplicated, plus the /8 that holds them all.
    let mut text = String::from("10.0.0.0/8 everything\n");
    for i in 0..10_000u32 {
        text.push_str(&format!("10.{}.{}.0/24 subnet {i}\n", i >> 8, i & 255));
        if i % 100 == 0 {
            text.push_str(&format!("10.{}.{}.0/24 copy\n", i >> 8, i & 255));
        }
    }
    let list: EntryList = parse_list(&text);
    assert!(list.errors.is_empty());
    assert_eq!(list.entries.len(), 10_101);
    let o = overlaps(&list);
    // Each /24 is inside the /8 (10,100 pairs) and each copy duplicates its /24 (100 pairs).
    assert_eq!(o.total, 10_200);
    assert_eq!(o.pairs.len(), MAX_PAIRS);
    assert!(o.truncated());
    assert_eq!(summarize(&list).cidrs.len(), 1);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// No text panics the readers; every error names a line of the text.
    #[test]
    fn no_text_panics_the_readers(text in "(\\PC|[,#/:. \\n-]|[0-9]){0,200}") {
        let lines = text.lines().count().max(1);
        let list = parse_list(&text);
        for e in &list.errors {
            proptest::prop_assert!(e.line >= 1 && e.line <= lines);
        }
        let _ = (summarize(&list), overlaps(&list), exclude(&list, &list));
        let needs = cidrplan::vlsm::parse_needs(&text);
        for e in &needs.errors {
            proptest::prop_assert!(e.line >= 1 && e.line <= lines);
        }
        let base = cidrplan::parse("10.0.0.0/16").unwrap().network();
        let _ = cidrplan::vlsm::place(base, cidrplan::Mode::Aws, &needs.needs, cidrplan::vlsm::Order::Listed);
    }
}
