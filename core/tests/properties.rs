//! Properties of the address math that must hold for every input, checked on random ones.

use cidrplan::ops::{aggregate, exclude, range_to_cidrs, split};
use cidrplan::parse::{parse, parse_address, Parsed};
use cidrplan::{Addr, Cidr, Family};
use proptest::prelude::*;

fn family() -> impl Strategy<Value = Family> {
    prop_oneof![Just(Family::V4), Just(Family::V6)]
}

fn addr_of(f: Family) -> BoxedStrategy<Addr> {
    match f {
        Family::V4 => any::<u32>().prop_map(Addr::v4).boxed(),
        // Bias towards small and structured values as well as uniform ones.
        Family::V6 => {
            prop_oneof![any::<u128>(), any::<u32>().prop_map(u128::from), any::<u64>().prop_map(|v| (v as u128) << 64),]
                .prop_map(Addr::v6)
                .boxed()
        }
    }
}

fn cidr() -> impl Strategy<Value = Cidr> {
    family().prop_flat_map(|f| (addr_of(f), 0..=f.width())).prop_map(|(a, p)| Cidr::containing(a, p).unwrap())
}

/// A network and a prefix at most 12 bits longer (so the split stays small enough to list).
fn cidr_and_longer() -> impl Strategy<Value = (Cidr, u8)> {
    cidr().prop_flat_map(|c| {
        let max = (c.prefix() + 12).min(c.width());
        (Just(c), c.prefix()..=max)
    })
}

/// Every block in `v` is sorted, disjoint, and together they cover `first..=last` exactly.
fn covers_exactly(v: &[Cidr], first: Addr, last: Addr) -> Result<(), String> {
    let mut expect = first.value();
    for (i, c) in v.iter().enumerate() {
        if c.network().value() != expect {
            return Err(format!("gap or overlap before {c} (expected start {expect})"));
        }
        if i + 1 < v.len() {
            expect = c.last().value().checked_add(1).ok_or("ran past the end")?;
        } else if c.last() != last {
            return Err(format!("ends at {} not {last}", c.last()));
        }
    }
    if v.is_empty() {
        return Err("empty".into());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn split_partitions_parent((c, p) in cidr_and_longer()) {
        let parts: Vec<Cidr> = split(c, p).unwrap().collect();
        prop_assert_eq!(parts.len() as u128, 1u128 << (p - c.prefix()));
        prop_assert!(parts.iter().all(|x| x.prefix() == p && c.contains(*x)));
        covers_exactly(&parts, c.network(), c.last()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn aggregate_of_split_is_parent((c, p) in cidr_and_longer()) {
        let parts: Vec<Cidr> = split(c, p).unwrap().collect();
        prop_assert_eq!(aggregate(&parts), vec![c]);
    }

    #[test]
    fn aggregate_covers_the_same_addresses(nets in prop::collection::vec(cidr_and_longer(), 1..12)) {
        // Work inside IPv4 /16-ish neighbourhoods so overlaps and adjacency actually happen.
        let v4: Vec<Cidr> = nets.iter().map(|(c, _)| *c).filter(|c| c.family() == Family::V4).collect();
        let agg = aggregate(&v4);
        for w in agg.windows(2) {
            prop_assert!(w[0].last() < w[1].network(), "sorted and disjoint");
            // Adjacent siblings would have been merged.
            prop_assert!(w[0].sibling() != Some(w[1]));
        }
        for c in &v4 {
            prop_assert!(agg.iter().any(|a| a.contains(*c)), "{c} lost");
        }
        for a in &agg {
            // Every address of an aggregate block comes from some input block: check both ends.
            prop_assert!(v4.iter().any(|c| c.contains_addr(a.network())));
            prop_assert!(v4.iter().any(|c| c.contains_addr(a.last())));
        }
    }

    #[test]
    fn exclude_plus_excluded_covers_exactly((c, p) in cidr_and_longer(), pick in any::<u64>()) {
        let parts: Vec<Cidr> = split(c, p).unwrap().take(4096).collect();
        let b = parts[(pick as usize) % parts.len()];
        let mut rest = exclude(c, &[b]).unwrap();
        prop_assert!(rest.iter().all(|x| !x.overlaps(b) && c.contains(*x)));
        rest.push(b);
        rest.sort();
        covers_exactly(&rest, c.network(), c.last()).map_err(TestCaseError::fail)?;
        prop_assert_eq!(aggregate(&rest), vec![c]);
    }

    #[test]
    fn range_to_cidrs_is_exact_and_minimal(f in family(), x in any::<u128>(), y in any::<u128>()) {
        let m = f.max_value();
        let (a, b) = (Addr::new(f, x & m).unwrap(), Addr::new(f, y & m).unwrap());
        let (first, last) = if a <= b { (a, b) } else { (b, a) };
        let v = range_to_cidrs(first, last);
        covers_exactly(&v, first, last).map_err(TestCaseError::fail)?;
        // Minimal: no two neighbours can merge into one block.
        for w in v.windows(2) {
            prop_assert!(w[0].sibling() != Some(w[1]), "{} and {} could merge", w[0], w[1]);
        }
        prop_assert!(v.len() <= 2 * f.width() as usize);
    }

    #[test]
    fn display_parses_back(c in cidr()) {
        let text = c.to_string();
        match parse(&text).unwrap() {
            Parsed::Network(n) => {
                prop_assert_eq!(n.network, c);
                prop_assert_eq!(n.address, None);
            }
            Parsed::Range(_) => prop_assert!(false, "{} parsed as a range", text),
        }
        prop_assert_eq!(parse_address(&c.network().to_string()).unwrap(), c.network());
        prop_assert_eq!(parse_address(&c.network().exploded()).unwrap(), c.network());
    }

    #[test]
    fn std_agrees_on_ipv6_text(v in any::<u128>()) {
        let ours = Addr::v6(v).to_string();
        // std prints IPv4-mapped addresses the same way since 1.76; both follow RFC 5952.
        let std_text = std::net::Ipv6Addr::from(v).to_string();
        prop_assert_eq!(ours, std_text);
    }

    #[test]
    fn parser_never_panics(s in "\\PC{0,80}") {
        let _ = parse(&s);
    }

    #[test]
    fn parser_never_panics_on_address_like_text(s in "[0-9a-fA-F:.%/ -]{0,60}") {
        if let Ok(p) = parse(&s) {
            // Whatever it accepted, its network's text parses back to the same network.
            let n = p.network();
            prop_assert_eq!(parse(&n.to_string()).unwrap().network(), n);
        }
    }
}
