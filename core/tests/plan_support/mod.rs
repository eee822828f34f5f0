//! Shared helpers for the planner tests: shorthands, a strategy generating plans, and the
//! invariants every layout must meet.
#![allow(dead_code)]

use cidrplan::plan::{Avoid, Growth, Ipv6Plan, Layout, Pin, Plan, Strategy as Arrangement, Tier, TierKind, TierSize};
use cidrplan::{Cidr, Mode};
use proptest::prelude::*;

/// `"10.0.0.0/16"` → the block (test data is always well formed).
pub fn net(s: &str) -> Cidr {
    let (a, p) = s.split_once('/').expect("a/p");
    Cidr::exact(cidrplan::Addr::from(a.parse::<std::net::IpAddr>().expect("address")), p.parse().expect("prefix"))
        .expect("aligned")
}

pub fn strs(v: &[Cidr]) -> Vec<String> {
    v.iter().map(|c| c.to_string()).collect()
}

/// `(name, cidr)` of every subnet, in layout order.
pub fn table(l: &Layout) -> Vec<(String, String)> {
    l.subnets.iter().map(|s| (s.name.clone(), s.cidr.to_string())).collect()
}

pub fn tier(name: &str, kind: TierKind, size: TierSize, per_zone: bool) -> Tier {
    Tier { name: name.to_string(), kind, size, per_zone }
}

/// Every invariant of a successful layout. Panics with a description on the first violation.
pub fn check_layout(plan: &Plan, l: &Layout) {
    let z = plan.zones.len();
    // Every (tier, zone) subnet exists exactly once.
    let expected: usize = plan.tiers.iter().map(|t| if t.per_zone { z } else { 1 }).sum();
    assert_eq!(l.subnets.len(), expected, "subnet count");
    for (t, tier) in plan.tiers.iter().enumerate() {
        let zones: Vec<Option<usize>> = if tier.per_zone { (0..z).map(Some).collect() } else { vec![None] };
        for zone in zones {
            let n = l.subnets.iter().filter(|s| s.tier == t && s.zone == zone).count();
            assert_eq!(n, 1, "tier {t} zone {zone:?}");
        }
    }
    let sizes: Vec<_> = plan.tiers.iter().map(|t| t.size.resolve(plan.provider).expect("valid size")).collect();
    for s in &l.subnets {
        // Inside its VPC block.
        let block = plan.vpc[s.block_index];
        assert!(block.contains(s.cidr), "{} {} outside {block}", s.name, s.cidr);
        // The size asked for (or the pin).
        let pin = plan.pinned.iter().find(|p| p.tier == s.tier && p.zone == s.zone);
        match pin {
            Some(p) => {
                assert!(s.pinned);
                assert_eq!(s.cidr, p.cidr, "pinned {}", s.name);
            }
            None => {
                assert!(!s.pinned);
                assert_eq!(s.cidr.prefix(), sizes[s.tier].prefix, "{} size", s.name);
                if let Some(h) = sizes[s.tier].hosts {
                    assert!(s.usable.as_u128().unwrap() >= h as u128, "{} holds {h} hosts", s.name);
                    assert_eq!(s.headroom, Some(s.usable.as_u128().unwrap() as i64 - h as i64));
                }
            }
        }
        assert_eq!(s.usable, plan.provider.usable(s.cidr));
        assert!(plan.provider.size_problem(s.cidr).is_none(), "{} {} breaks the provider's sizes", s.name, s.cidr);
    }
    // Nothing overlaps: subnets and reservations, pairwise, and none lies in a network to avoid.
    let mut all: Vec<Cidr> = l.subnets.iter().map(|s| s.cidr).chain(l.reserved.iter().map(|r| r.cidr)).collect();
    for c in &all {
        if let Some(a) = plan.avoid.iter().find(|a| a.cidr.overlaps(*c)) {
            panic!("{c} is placed in {} {}, a network to avoid", a.label, a.cidr);
        }
    }
    for (i, g) in l.zone_summaries.iter().chain(&l.tier_summaries).enumerate() {
        if let Some(b) = g.block {
            assert!(!plan.avoid.iter().any(|a| a.cidr.overlaps(b)), "group {i}'s block {b} reaches into avoided space");
        }
    }
    all.sort();
    for w in all.windows(2) {
        assert!(!w[0].overlaps(w[1]), "{} overlaps {}", w[0], w[1]);
    }
    for r in &l.reserved {
        assert!(plan.vpc[r.block_index].contains(r.cidr), "reservation {} outside its block", r.cidr);
    }
    // Group blocks hold their subnets and are disjoint.
    let mut blocks: Vec<Cidr> = Vec::new();
    for (zi, zs) in l.zone_summaries.iter().enumerate() {
        if let Some(b) = zs.block {
            assert_eq!(plan.strategy, Arrangement::ZoneMajor);
            for s in l.subnets.iter().filter(|s| s.zone == Some(zi)) {
                assert!(b.contains(s.cidr), "zone block {b} misses {}", s.cidr);
            }
            for s in l.subnets.iter().filter(|s| s.zone != Some(zi)) {
                assert!(!b.overlaps(s.cidr), "zone block {b} holds {} of another zone", s.cidr);
            }
            blocks.push(b);
        }
    }
    for (ti, ts) in l.tier_summaries.iter().enumerate() {
        if let Some(b) = ts.block {
            assert_eq!(plan.strategy, Arrangement::TierMajor);
            for s in l.subnets.iter().filter(|s| s.tier == ti) {
                assert!(b.contains(s.cidr), "tier block {b} misses {}", s.cidr);
            }
            for s in l.subnets.iter().filter(|s| s.tier != ti) {
                assert!(!b.overlaps(s.cidr), "tier block {b} holds {} of another tier", s.cidr);
            }
            blocks.push(b);
        }
    }
    blocks.sort();
    for w in blocks.windows(2) {
        assert!(!w[0].overlaps(w[1]), "group blocks {} and {} overlap", w[0], w[1]);
    }
    // Exact summaries are exactly the subnets.
    for (zi, zs) in l.zone_summaries.iter().enumerate() {
        let mine: Vec<Cidr> = l.subnets.iter().filter(|s| s.zone == Some(zi)).map(|s| s.cidr).collect();
        assert_eq!(zs.exact, cidrplan::ops::aggregate(&mine));
    }
    // Accounting: free + used + reserved + avoided = total, free disjoint from everything
    // placed and from the networks to avoid.
    let sum = |v: &mut dyn Iterator<Item = Cidr>| v.fold(0u128, |a, c| a + c.size().as_u128().unwrap());
    let total = sum(&mut plan.vpc.iter().copied());
    let used = sum(&mut l.subnets.iter().map(|s| s.cidr));
    let reserved = sum(&mut l.reserved.iter().map(|r| r.cidr));
    let free = sum(&mut l.free.iter().copied());
    let avoided = sum(&mut l.avoided.iter().map(|a| a.cidr));
    assert_eq!(total, used + reserved + avoided + free, "accounting");
    assert_eq!(l.total_addresses.as_u128(), Some(total));
    assert_eq!(l.free_addresses.as_u128(), Some(free));
    assert_eq!(l.avoided_addresses.as_u128(), Some(avoided));
    for f in &l.free {
        assert!(!all.iter().any(|c| c.overlaps(*f)), "free {f} overlaps a placed block");
        assert!(!plan.avoid.iter().any(|a| a.cidr.overlaps(*f)), "free {f} lies in a network to avoid");
        assert!(plan.vpc.iter().any(|b| b.contains(*f)));
    }
    // Avoided space: exactly the VPC blocks' parts inside networks to avoid, each part once.
    for (i, a) in l.avoided.iter().enumerate() {
        assert!(plan.vpc[a.block_index].contains(a.cidr), "avoided {} outside its block", a.cidr);
        let net = &plan.avoid[a.avoid_index];
        assert!(
            net.cidr.contains(a.cidr) && net.label == a.label,
            "avoided {} is not in network #{}",
            a.cidr,
            a.avoid_index
        );
        assert!(!l.avoided[..i].iter().any(|b| b.cidr.overlaps(a.cidr)), "avoided {} counted twice", a.cidr);
    }
    let expected: u128 = plan
        .vpc
        .iter()
        .map(|b| {
            let inside: Vec<Cidr> = plan
                .avoid
                .iter()
                .map(|a| a.cidr)
                .filter(|a| a.overlaps(*b))
                .map(|a| if a.contains(*b) { *b } else { a })
                .collect();
            sum(&mut cidrplan::ops::aggregate(&inside).into_iter())
        })
        .sum();
    assert_eq!(avoided, expected, "avoided space");
    // Tier-major: every per-zone tier's block has room for the capacity's zones.
    match (plan.strategy, l.tier_capacity) {
        (Arrangement::ZoneMajor, c) => assert_eq!(c, None),
        (Arrangement::TierMajor, None) => panic!("tier-major without a capacity"),
        (Arrangement::TierMajor, Some(c)) => {
            assert!(c.is_power_of_two() && c >= z + plan.growth.extra_zones as usize, "capacity {c}");
            for (t, ts) in l.tier_summaries.iter().enumerate() {
                if let (Some(b), true) = (ts.block, plan.tiers[t].per_zone) {
                    let slot = 1u128 << (32 - sizes[t].prefix);
                    assert!(
                        b.size().as_u128().unwrap() >= c as u128 * slot,
                        "tier {t}'s block {b} holds fewer than {c} zones"
                    );
                }
            }
        }
    }
    // IPv6: one distinct /64 per subnet inside the block.
    if let Some(v6) = plan.ipv6 {
        let mut seen: Vec<Cidr> = Vec::new();
        for s in &l.subnets {
            let c = s.ipv6.expect("a /64 for every subnet");
            assert_eq!(c.prefix(), 64);
            assert!(v6.block.contains(c));
            assert!(!seen.contains(&c), "IPv6 {c} twice");
            seen.push(c);
        }
    }
}

/// A random but plausible plan. Pins, when asked for, are random aligned blocks inside the
/// VPC (they may collide: the plan then fails validation, which is fine).
pub fn plan_strategy(with_pins: bool) -> impl Strategy<Value = Plan> {
    let provider =
        prop_oneof![Just(Mode::Standard), Just(Mode::Aws), Just(Mode::Azure), Just(Mode::Gcp), Just(Mode::Oci)];
    (
        provider,
        16u8..=24,
        0u32..256,
        1usize..=6,
        prop::collection::vec((0u8..4, 0u8..6, any::<bool>(), any::<bool>(), 1u64..3000), 0..7),
        any::<bool>(),
        (0u8..=2, prop::option::of(0u8..6)),
        prop::option::of((any::<bool>(), 0u8..4)),
        prop::collection::vec((0usize..8, 0usize..6, any::<u32>()), 0..if with_pins { 4 } else { 1 }),
        any::<bool>(),
        prop::collection::vec((0u8..6, any::<u32>(), any::<bool>()), 0..if with_pins { 3 } else { 1 }),
    )
        .prop_map(
            move |(provider, p, second, zones, tiers, tier_major, (extra, spare), secondary, pins, v6, avoid)| {
                let region = cidrplan::plan::default_region(provider).to_string();
                let vpc0 = Cidr::containing(cidrplan::Addr::v4(0x0a00_0000 | second << 16), p).unwrap();
                let mut vpc = vec![vpc0];
                if let Some((_, extra_bits)) = secondary {
                    let s = Cidr::containing(cidrplan::Addr::v4(0x0a80_0000 | second << 8), p + extra_bits).unwrap();
                    if !s.overlaps(vpc0) {
                        vpc.push(s);
                    }
                }
                let (lo, hi) = cidrplan::plan::limits(provider).subnet_prefix;
                let tiers: Vec<Tier> = tiers
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, extra_bits, per_zone, hosts, n))| {
                        let prefix = (p + 2 + extra_bits).clamp(lo, hi.min(28));
                        let size = if hosts { TierSize::Hosts(n) } else { TierSize::Prefix(prefix) };
                        tier(&format!("t{i}"), TierKind::from_code(kind).unwrap(), size, per_zone)
                    })
                    .collect();
                let spare = spare.map(|b| (p + 3 + b).clamp(lo, hi.min(28)));
                let mut plan = Plan {
                    name: "prop".into(),
                    provider,
                    zones: cidrplan::plan::default_zones(provider, &region, zones),
                    region,
                    vpc,
                    tiers,
                    strategy: if tier_major { Arrangement::TierMajor } else { Arrangement::ZoneMajor },
                    growth: Growth { extra_zones: extra, spare_per_zone: spare },
                    pinned: Vec::new(),
                    avoid: Vec::new(),
                    ipv6: v6.then(|| Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") }),
                    nat: Default::default(),
                };
                for (t, z, r) in pins {
                    let Some(tr) = plan.tiers.get(t) else { continue };
                    let Ok(s) = tr.size.resolve(provider) else { continue };
                    let zone = tr.per_zone.then_some(z % zones);
                    let Some(bits) = s.prefix.checked_sub(vpc0.prefix()) else { continue };
                    let k = if bits >= 32 { r } else { r % (1u32 << bits) };
                    let Ok(cidr) = cidrplan::ops::cidrsubnet(vpc0, bits, k as u128) else { continue };
                    if plan.pinned.iter().any(|x| x.tier == t && x.zone == zone) {
                        continue;
                    }
                    plan.pinned.push(Pin { tier: t, zone, cidr });
                }
                // Networks to avoid (only with pins: the exact-fit test needs none): a block from a
                // /(p+1) to a /(p+6) somewhere in the primary, or the whole primary's neighbour.
                if with_pins {
                    for (bits, r, labelled) in avoid {
                        let k = if bits == 0 { 1 } else { r % (1u32 << (bits + 1)) };
                        let Ok(cidr) = cidrplan::ops::cidrsubnet(vpc0, bits + 1, k as u128) else { continue };
                        if plan.avoid.iter().any(|a| a.cidr == cidr) {
                            continue;
                        }
                        plan.avoid.push(Avoid::new(cidr, if labelled { "on-prem" } else { "" }));
                    }
                }
                plan
            },
        )
}

/// Every geometric invariant of a diagram.
pub fn check_diagram(plan: &Plan, l: &Layout, d: &cidrplan::plan::diagram::Diagram) {
    use cidrplan::plan::diagram::{text_width, Anchor, BoxItem, Label, Rect, SegmentKind};
    let page = Rect { x: 0.0, y: 0.0, w: d.width, h: d.height };
    assert!(page.contains(&d.frame), "frame {:?} off the page", d.frame);
    let fits = |lab: &Label, what: &str| {
        assert!(!lab.text.is_empty(), "empty label in {what}");
        assert!(
            text_width(&lab.text, lab.size) <= lab.max_width + 1e-9,
            "{what}: '{}' is wider than {}",
            lab.text,
            lab.max_width
        );
        let (left, right) = lab.extent();
        assert!(left >= -1e-9 && right <= d.width + 1e-9, "{what}: '{}' runs off the page", lab.text);
        assert!(lab.y > 0.0 && lab.y <= d.height, "{what}: '{}' below the page", lab.text);
    };
    for lab in &d.labels {
        fits(lab, "diagram label");
    }
    for (i, lane) in d.lanes.iter().enumerate() {
        assert!(d.frame.contains(&lane.rect), "lane {i} {:?} outside the frame {:?}", lane.rect, d.frame);
        for other in &d.lanes[..i] {
            assert!(!lane.rect.overlaps(&other.rect), "lanes overlap: {:?} {:?}", lane.rect, other.rect);
        }
        for lab in &lane.header {
            fits(lab, "lane header");
            let (left, right) = lab.extent();
            assert!(left >= lane.rect.x && right <= lane.rect.right() + 1e-9, "header '{}' outside its lane", lab.text);
        }
    }
    for (i, b) in d.boxes.iter().enumerate() {
        assert!(d.frame.contains(&b.rect), "box {i} outside the frame");
        assert!(d.lanes.iter().any(|lane| lane.rect.contains(&b.rect)), "box {i} in no lane");
        for other in &d.boxes[..i] {
            assert!(!b.rect.overlaps(&other.rect), "boxes overlap: {:?} {:?}", b.rect, other.rect);
        }
        for lab in &b.lines {
            fits(lab, "box line");
            assert_eq!(lab.anchor, Anchor::Start);
            let (left, right) = lab.extent();
            assert!(left >= b.rect.x && right <= b.rect.right() + 1e-9, "'{}' outside its box", lab.text);
            assert!(
                lab.y - lab.size >= b.rect.y && lab.y <= b.rect.bottom(),
                "'{}' outside its box vertically",
                lab.text
            );
        }
        if let Some(pin) = b.pin {
            assert!(b.pinned);
            let r = Rect { x: pin.cx - pin.r, y: pin.cy - pin.r, w: 2.0 * pin.r, h: 2.0 * pin.r };
            assert!(b.rect.contains(&r));
        }
    }
    // Every subnet and reservation has exactly one box.
    for i in 0..l.subnets.len() {
        assert_eq!(d.boxes.iter().filter(|b| b.item == BoxItem::Subnet(i)).count(), 1, "subnet {i} boxes");
        let b = d.boxes.iter().find(|b| b.item == BoxItem::Subnet(i)).unwrap();
        assert_eq!(b.pinned, l.subnets[i].pinned);
    }
    for i in 0..l.reserved.len() {
        assert_eq!(d.boxes.iter().filter(|b| b.item == BoxItem::Reservation(i)).count(), 1, "reservation {i} boxes");
    }
    // Strips: one per VPC block, segments in order covering it exactly, to scale.
    assert_eq!(d.strips.len(), plan.vpc.len());
    for (bi, s) in d.strips.iter().enumerate() {
        assert_eq!(s.block, plan.vpc[bi]);
        assert!(page.contains(&s.rect));
        assert!(s.rect.y >= d.frame.bottom(), "strip inside the frame");
        fits(&s.caption, "strip caption");
        for t in &s.ticks {
            fits(t, "tick");
        }
        let segs = &s.segments;
        assert!(!segs.is_empty());
        assert_eq!(segs[0].first, s.block.network());
        assert_eq!(segs.last().unwrap().last, s.block.last());
        assert!((segs[0].x - s.rect.x).abs() < 1e-9);
        let end = segs.last().unwrap();
        assert!((end.x + end.w - s.rect.right()).abs() < 1e-6);
        let block_size = s.block.size().as_f64();
        for (k, seg) in segs.iter().enumerate() {
            assert!(seg.w >= 0.0);
            let n = (seg.last.value() - seg.first.value() + 1) as f64;
            assert!((seg.w - s.rect.w * n / block_size).abs() < 1e-6, "segment {k} not to scale");
            if k > 0 {
                assert_eq!(segs[k - 1].last.value() + 1, seg.first.value(), "segments out of order");
                assert!((segs[k - 1].x + segs[k - 1].w - seg.x).abs() < 1e-6, "segments not contiguous");
                assert!(
                    !(segs[k - 1].kind == SegmentKind::Free && seg.kind == SegmentKind::Free),
                    "free gaps not merged"
                );
            }
            if let SegmentKind::Subnet(i) = seg.kind {
                assert_eq!(l.subnets[i].cidr.network(), seg.first);
                assert_eq!(l.subnets[i].cidr.last(), seg.last);
            }
            if let Some(lab) = &seg.label {
                fits(lab, "segment label");
                let (left, right) = lab.extent();
                assert!(left >= seg.x - 1e-9 && right <= seg.x + seg.w + 1e-9, "'{}' outside its segment", lab.text);
            }
        }
        let subnets_here = l.subnets.iter().filter(|x| x.block_index == bi).count();
        assert_eq!(segs.iter().filter(|x| matches!(x.kind, SegmentKind::Subnet(_))).count(), subnets_here);
    }
    for item in &d.legend {
        fits(&item.label, "legend");
        assert!(page.contains(&item.swatch));
    }
}
