//! VLSM properties on random need lists, without Python: every placement is aligned, disjoint,
//! inside the base and the smallest subnet the mode allows for each need; fitting agrees with
//! a brute-force search on small bases (and so does not depend on the order); a re-run keeps
//! unchanged needs in place and reports exactly what moved; errors name their lines.

mod python_support;

use cidrplan::design::from_json;
use cidrplan::vlsm::{named_blocks, parse_needs, place, relayout, usable_at, Need, NeedSize, Order, Placement};
use cidrplan::{parse, Addr, Cidr, Family, Mode};
use python_support::Rng;
use std::collections::HashMap;

fn c(s: &str) -> Cidr {
    parse(s).unwrap().network()
}

fn random_needs(r: &mut Rng, base: Cidr, count: usize) -> Vec<Need> {
    (0..count)
        .map(|i| {
            let size = if r.chance(10) {
                NeedSize::Prefix((base.prefix() as u64 + r.range(1, 6)).min(32) as u8)
            } else {
                NeedSize::Hosts(r.log_uniform((base.size().as_u128().unwrap() / 4).max(1)))
            };
            Need { name: format!("need {i}"), size, line: i + 1 }
        })
        .collect()
}

/// Everything a placement promises, checked from the outside.
fn check_invariants(p: &Placement) {
    let (lo, hi) = p.mode().prefix_range(p.base().family());
    let mut nets: Vec<Cidr> = p.items().iter().map(|i| i.net).collect();
    for item in p.items() {
        let net = item.net;
        assert!(p.base().contains(net), "{net} outside {}", p.base());
        assert_eq!(Cidr::exact(net.network(), net.prefix()), Some(net), "{net} not aligned");
        assert_eq!(item.usable, p.mode().usable(net));
        match item.size {
            NeedSize::Hosts(h) => {
                assert!(item.usable.as_u128().unwrap() >= h, "{} holds {h} hosts", net);
                // The smallest: one size smaller would not hold the hosts, or the mode refuses it.
                let smaller = net.prefix() + 1;
                assert!(
                    smaller > hi || usable_at(p.mode(), net.family(), smaller).as_u128().unwrap() < h,
                    "{}: {h} hosts fit in a /{smaller} under {}",
                    item.name,
                    p.mode()
                );
                assert!(net.prefix() >= lo);
            }
            NeedSize::Prefix(q) => assert_eq!(net.prefix(), q),
        }
    }
    nets.sort();
    for w in nets.windows(2) {
        assert!(!w[0].overlaps(w[1]), "{} overlaps {}", w[0], w[1]);
    }
    // The design holds the same subnets, named, and free leaves for the rest.
    let d = p.to_design().unwrap();
    assert_eq!(d.summary().noted_leaves, p.items().len());
    assert_eq!(d.summary().noted, p.used());
}

#[test]
fn placements_are_aligned_disjoint_inside_and_smallest() {
    let mut r = Rng::new(7);
    let mut placed = 0;
    for round in 0..400 {
        let mode = Mode::ALL[round % 5];
        let base = Cidr::containing(Addr::v4(r.next() as u32), r.range(14, 26) as u8).unwrap();
        let count = r.range(1, 30) as usize;
        let needs = random_needs(&mut r, base, count);
        for order in Order::ALL {
            if let Ok(p) = place(base, mode, &needs, order) {
                check_invariants(&p);
                placed += 1;
            }
        }
    }
    assert!(placed > 200, "only {placed} placements: the generator makes lists too big");
}

/// Can blocks of these host-bit sizes be packed into 2^total_bits addresses, aligned? Tried
/// exhaustively, every aligned position for every block.
fn brute_force_fits(bits: &[u32], total_bits: u32) -> bool {
    fn go(bits: &[u32], used: &mut Vec<(u64, u64)>, total: u64) -> bool {
        let Some((&b, rest)) = bits.split_first() else { return true };
        let size = 1u64 << b;
        let mut start = 0;
        while start + size <= total {
            let end = start + size - 1;
            if used.iter().all(|&(s, e)| end < s || start > e) {
                used.push((start, end));
                if go(rest, used, total) {
                    return true;
                }
                used.pop();
            }
            start += size;
        }
        false
    }
    go(bits, &mut Vec::new(), 1 << total_bits)
}

#[test]
fn fitting_agrees_with_brute_force_in_either_order() {
    let mut r = Rng::new(11);
    let base = c("10.0.0.0/27");
    let mut both = [0, 0];
    for _ in 0..3000 {
        let count = r.range(1, 7) as usize;
        let needs: Vec<Need> = (0..count)
            .map(|i| Need { name: format!("n{i}"), size: NeedSize::Prefix(r.range(27, 32) as u8), line: i + 1 })
            .collect();
        let bits: Vec<u32> = needs
            .iter()
            .map(|n| match n.size {
                NeedSize::Prefix(p) => 32 - p as u32,
                NeedSize::Hosts(_) => unreachable!(),
            })
            .collect();
        let truth = brute_force_fits(&bits, 5);
        both[truth as usize] += 1;
        for order in Order::ALL {
            assert_eq!(place(base, Mode::Standard, &needs, order).is_ok(), truth, "{bits:?} {order}");
        }
    }
    assert!(both[0] > 100 && both[1] > 100, "{both:?}");
}

fn blocks(p: &Placement) -> HashMap<String, Cidr> {
    p.items().iter().map(|i| (i.name.clone(), i.net)).collect()
}

#[test]
fn relayout_keeps_what_did_not_change_and_reports_every_move() {
    let mut r = Rng::new(23);
    let (mut kept_runs, mut repacked_runs) = (0, 0);
    for round in 0..400 {
        let mode = Mode::ALL[round % 5];
        let base = Cidr::containing(Addr::v4(r.next() as u32), r.range(16, 24) as u8).unwrap();
        let count = r.range(2, 20) as usize;
        let needs = random_needs(&mut r, base, count);
        let order = Order::ALL[round % 2];
        let Ok(first) = place(base, mode, &needs, order) else { continue };
        let prev: Vec<(String, Cidr)> = first.items().iter().map(|i| (i.name.clone(), i.net)).collect();
        // The same list again: nothing moves.
        let same = relayout(base, mode, &needs, order, &prev).unwrap();
        assert!(same.moved.is_empty() && same.added.is_empty() && same.removed.is_empty() && !same.repacked);
        assert_eq!(same.placement, first);
        // Change it: drop some needs, resize some, add some.
        let mut changed: Vec<Need> = Vec::new();
        for n in &needs {
            match r.range(0, 9) {
                0 => {}
                1 => changed.push(Need {
                    size: NeedSize::Hosts(r.log_uniform(base.size().as_u128().unwrap() / 8)),
                    ..n.clone()
                }),
                _ => changed.push(n.clone()),
            }
        }
        for k in 0..r.range(0, 3) {
            changed.push(Need { name: format!("new {k}"), size: NeedSize::Hosts(r.range(1, 60) as u128), line: 99 });
        }
        let Ok(re) = relayout(base, mode, &changed, order, &prev) else {
            assert!(place(base, mode, &changed, order).is_err(), "relayout refused a list that fits");
            continue;
        };
        check_invariants(&re.placement);
        let before = blocks(&first);
        let after = blocks(&re.placement);
        if re.repacked {
            repacked_runs += 1;
            assert_eq!(re.placement, place(base, mode, &changed, order).unwrap());
        } else {
            kept_runs += 1;
            for n in &changed {
                let unchanged = needs.iter().any(|o| o.name == n.name && o.size == n.size);
                if unchanged && after.contains_key(&n.name) {
                    assert_eq!(after[&n.name], before[&n.name], "{} moved though unchanged", n.name);
                }
            }
        }
        // `moved` is exactly the needs whose subnet changed.
        let mut moved: Vec<&str> = re.moved.iter().map(|m| m.name.as_str()).collect();
        let mut really: Vec<&str> = after
            .iter()
            .filter(|(n, net)| before.get(*n).is_some_and(|b| b != *net))
            .map(|(n, _)| n.as_str())
            .collect();
        moved.sort();
        really.sort();
        assert_eq!(moved, really);
        for m in &re.moved {
            assert_eq!((before[&m.name], after[&m.name]), (m.from, m.to));
        }
        let removed: Vec<&String> = before.keys().filter(|n| !changed.iter().any(|c| &c.name == *n)).collect();
        assert_eq!(re.removed.len(), removed.len());
    }
    assert!(kept_runs > 100, "{kept_runs} in-place runs, {repacked_runs} repacked");
}

#[test]
fn relayout_over_an_edited_design_keeps_its_named_subnets() {
    let base = c("10.0.0.0/24");
    let needs = parse_needs("Sales 100\nOps 50\nLab 20").needs;
    let p = place(base, Mode::Standard, &needs, Order::Size).unwrap();
    // Someone moved Lab by hand in the designer (exported and edited as JSON here).
    let json = cidrplan::design::to_json(&p.to_design().unwrap())
        .replace("{\"subnet\": \"10.0.0.192/27\", \"note\": \"Lab\"}", "{\"subnet\": \"10.0.0.192/27\"}");
    let json = json.replace("{\"subnet\": \"10.0.0.224/27\"}", "{\"subnet\": \"10.0.0.224/27\", \"note\": \"Lab\"}");
    let edited = from_json(&json).unwrap();
    let more = parse_needs("Sales 100\nOps 50\nLab 20\nLink 2").needs;
    let re = relayout(base, Mode::Standard, &more, Order::Size, &named_blocks(&edited)).unwrap();
    let got = blocks(&re.placement);
    assert_eq!(got["Lab"], c("10.0.0.224/27"), "the hand-moved subnet stays where the design has it");
    assert_eq!(got["Link"], c("10.0.0.192/31"));
    assert!(re.moved.is_empty());
    assert_eq!(re.added, ["Link"]);
}

#[test]
fn a_resized_need_stays_at_its_start_when_it_can() {
    let base = c("10.0.0.0/24");
    let p = place(base, Mode::Standard, &parse_needs("a 100\nb 20").needs, Order::Size).unwrap();
    let prev: Vec<_> = p.items().iter().map(|i| (i.name.clone(), i.net)).collect();
    // b grows from a /27 to a /26 at the same start (.128); a shrinks to a /26 at .0.
    let re = relayout(base, Mode::Standard, &parse_needs("a 60\nb 40").needs, Order::Size, &prev).unwrap();
    let got = blocks(&re.placement);
    assert_eq!((got["a"], got["b"]), (c("10.0.0.0/26"), c("10.0.0.128/26")));
    assert_eq!(re.moved.len(), 2, "a resize is a move");
}

#[test]
fn ipv6_needs_under_a_cloud_mode_are_64s() {
    let p = place(c("2001:db8::/60"), Mode::Aws, &parse_needs("web 500\ndb 3").needs, Order::Size).unwrap();
    assert!(p.items().iter().all(|i| i.net.prefix() == 64));
    assert_eq!(p.free().len(), 3);
    assert_eq!(p.base().family(), Family::V6);
}

#[test]
fn needs_no_subnet_can_hold_are_left_out_by_line() {
    let list = parse_needs("ok 10\nhuge 100000\nbad /30");
    let p = place(c("10.0.0.0/16"), Mode::Aws, &list.needs, Order::Size).unwrap();
    let skipped: Vec<_> = p.skipped().iter().map(|e| (e.line, e.message.clone())).collect();
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped[0].0, 2);
    assert!(skipped[0].1.starts_with("huge: No AWS subnet holds 100,000 hosts"), "{}", skipped[0].1);
    assert_eq!(skipped[1].0, 3);
    assert!(skipped[1].1.contains("no smaller than /28"), "{}", skipped[1].1);
    assert_eq!(p.items().len(), 1);
}

#[test]
fn sizes_agree_with_the_planner_for_ipv4() {
    use cidrplan::plan::TierSize;
    use cidrplan::vlsm::size_for;
    for mode in Mode::ALL {
        for hosts in (1u64..=600).chain([1000, 4094, 4095, 65_531, 65_534, 70_000, 1 << 24, 1 << 31]) {
            let ours = size_for(mode, Family::V4, NeedSize::Hosts(hosts as u128)).map(|s| (s.prefix, s.usable));
            let planner = TierSize::Hosts(hosts).resolve(mode).map(|s| (s.prefix, s.usable));
            assert_eq!(ours.is_ok(), planner.is_ok(), "{mode} {hosts} hosts");
            if let (Ok(a), Ok(b)) = (ours, planner) {
                assert_eq!(a, b, "{mode} {hosts} hosts");
            }
        }
        for p in 0..=32u8 {
            let ours = size_for(mode, Family::V4, NeedSize::Prefix(p)).map(|s| s.prefix);
            assert_eq!(ours.is_ok(), TierSize::Prefix(p).resolve(mode).is_ok(), "{mode} /{p}");
        }
    }
}
