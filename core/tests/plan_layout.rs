//! The planner on concrete plans: presets, both strategies, pins, provider limits,
//! IPv6 numbering, sizing by hosts, the does-not-fit explanations, JSON and the table.

mod plan_support;

use cidrplan::export::{csv as to_csv, table_rows as rows, CSV_HEADER};
use cidrplan::plan::{
    free_rfc1918_block, from_json, preset, presets, to_json, Dissolved, Field, Growth, Ipv6Plan, Pin, Plan, PlanError,
    ReadSize, Remedy, SizeReading, Strategy, TierKind, TierSize, Warning,
};
use cidrplan::Mode;
use plan_support::{check_layout, net, strs, table, tier};

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

fn aws_3az() -> Plan {
    preset("aws-3az").unwrap()
}

#[test]
fn every_preset_lays_out_cleanly() {
    let all = presets();
    assert_eq!(all.len(), 4);
    for (id, label, plan) in all {
        assert!(!label.is_empty());
        assert_eq!(plan.validate(), vec![], "{id}");
        let l = plan.layout().unwrap_or_else(|e| panic!("{id}: {e}"));
        check_layout(&plan, &l);
        assert!(l.warnings.is_empty(), "{id}: {:?}", l.warnings);
    }
}

#[test]
fn aws_3az_zone_major() {
    let plan = aws_3az();
    let l = plan.layout().unwrap();
    assert_eq!(
        table(&l),
        pairs(&[
            ("public-a", "10.0.16.0/24"),
            ("private-a", "10.0.0.0/20"),
            ("data-a", "10.0.17.0/24"),
            ("public-b", "10.0.48.0/24"),
            ("private-b", "10.0.32.0/20"),
            ("data-b", "10.0.49.0/24"),
            ("public-c", "10.0.80.0/24"),
            ("private-c", "10.0.64.0/20"),
            ("data-c", "10.0.81.0/24"),
        ])
    );
    let zones: Vec<String> = l.zone_summaries.iter().map(|z| z.block.unwrap().to_string()).collect();
    assert_eq!(zones, ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
    assert_eq!(strs(&l.zone_summaries[0].exact), ["10.0.0.0/20", "10.0.16.0/23"]);
    // Zone-major: a tier is one route per zone.
    assert!(l.tier_summaries.iter().all(|t| t.block.is_none()));
    assert_eq!(strs(&l.tier_summaries[0].exact), ["10.0.16.0/24", "10.0.48.0/24", "10.0.80.0/24"]);
    assert_eq!(l.free_text(), "Free: 51,712 of 65,536 addresses (78.9%)");
    assert_eq!(l.subnets[0].usable.as_u128(), Some(251));
}

#[test]
fn aws_3az_tier_major() {
    let mut plan = aws_3az();
    plan.strategy = Strategy::TierMajor;
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    assert_eq!(
        table(&l),
        pairs(&[
            ("public-a", "10.0.0.0/24"),
            ("public-b", "10.0.1.0/24"),
            ("public-c", "10.0.2.0/24"),
            ("private-a", "10.0.128.0/20"),
            ("private-b", "10.0.144.0/20"),
            ("private-c", "10.0.160.0/20"),
            ("data-a", "10.0.8.0/24"),
            ("data-b", "10.0.9.0/24"),
            ("data-c", "10.0.10.0/24"),
        ])
    );
    // One aligned block per tier (a single route/NACL entry each), in plan order, each with
    // room for 8 zones since the /16 has it: a zone added later keeps every subnet in place.
    assert_eq!(l.tier_capacity, Some(8));
    let blocks: Vec<String> = l.tier_summaries.iter().map(|t| t.block.unwrap().to_string()).collect();
    assert_eq!(blocks, ["10.0.0.0/21", "10.0.128.0/17", "10.0.8.0/21"]);
    assert_eq!(strs(&l.tier_summaries[1].exact), ["10.0.128.0/19", "10.0.160.0/20"]);
    assert!(l.zone_summaries.iter().all(|z| z.block.is_none()));
    assert_eq!(strs(&l.zone_summaries[0].exact), ["10.0.0.0/24", "10.0.8.0/24", "10.0.128.0/20"]);
}

#[test]
fn layout_is_deterministic() {
    for (_, _, plan) in presets() {
        assert_eq!(plan.layout(), plan.clone().layout());
    }
}

#[test]
fn single_subnet_tiers_sit_beside_the_zone_blocks() {
    let mut plan = aws_3az();
    plan.tiers.push(tier("shared", TierKind::Custom, TierSize::Prefix(22), false));
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let shared = l.subnets.iter().find(|s| s.name == "shared").unwrap();
    assert_eq!(shared.zone, None);
    assert_eq!(shared.cidr, net("10.0.96.0/22"));
    assert_eq!(l.subnets.last().unwrap().name, "shared");
}

#[test]
fn growth_reserves_zones_and_spares() {
    let mut plan = aws_3az();
    plan.growth = Growth { extra_zones: 1, spare_per_zone: Some(22) };
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let reserved: Vec<(String, String)> = l.reserved.iter().map(|r| (r.label.clone(), r.cidr.to_string())).collect();
    assert_eq!(
        reserved,
        pairs(&[
            ("spare · us-east-1a", "10.0.16.0/22"),
            ("spare · us-east-1b", "10.0.48.0/22"),
            ("spare · us-east-1c", "10.0.80.0/22"),
            ("growth zone 4", "10.0.96.0/19"),
        ])
    );
    assert_eq!(l.reserved_addresses.as_u128(), Some(3 * 1024 + 8192));
    // Tier-major: a growth slot in every per-zone tier's block and a spare row.
    plan.strategy = Strategy::TierMajor;
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let slots: Vec<String> =
        l.reserved.iter().filter(|r| r.tier.is_some()).map(|r| format!("{} {}", r.label, r.cidr)).collect();
    assert_eq!(
        slots,
        [
            "public · growth zone 4 10.0.3.0/24",
            "data · growth zone 4 10.0.11.0/24",
            "private · growth zone 4 10.0.176.0/20"
        ]
    );
    // Plan order: the spare row after the tiers, with room for 8 zones like them.
    assert_eq!(l.tier_capacity, Some(8));
    assert_eq!(l.spare_block, Some(net("10.0.32.0/19")));
}

#[test]
fn pinned_subnets_are_respected_and_their_zone_follows() {
    let mut plan = aws_3az();
    plan.pinned.push(Pin { tier: 0, zone: Some(1), cidr: net("10.0.200.0/24") });
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let b = l.subnets.iter().find(|s| s.name == "public-b").unwrap();
    assert!(b.pinned);
    assert_eq!(b.cidr, net("10.0.200.0/24"));
    // Zone b's block is the /19 around the pin; the others fill from the start.
    assert_eq!(l.zone_summaries[1].block, Some(net("10.0.192.0/19")));
    assert_eq!(l.zone_summaries[0].block, Some(net("10.0.0.0/19")));
    assert_eq!(l.zone_summaries[2].block, Some(net("10.0.32.0/19")));
    assert!(l.warnings.is_empty());
}

#[test]
fn pins_too_far_apart_place_the_zone_one_by_one() {
    let mut plan = aws_3az();
    plan.pinned.push(Pin { tier: 0, zone: Some(1), cidr: net("10.0.0.0/24") });
    plan.pinned.push(Pin { tier: 1, zone: Some(1), cidr: net("10.0.128.0/20") });
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    assert_eq!(l.zone_summaries[1].block, None);
    assert_eq!(
        l.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        ["Zone us-east-1b is not one block: its pinned subnets 10.0.0.0/24, 10.0.128.0/20 do not fit in one aligned /19 block; its subnets are placed one by one"]
    );
    // The same warning as a value: which group, and why.
    assert!(
        matches!(&l.warnings[0], Warning::NotOneBlock { group, why: Dissolved::PinsApart { prefix: 19, pins } }
            if group == "zone us-east-1b" && pins.len() == 2),
        "{:?}",
        l.warnings
    );
    // Tier-major keeps the pins too.
    plan.strategy = Strategy::TierMajor;
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
}

#[test]
fn pin_problems_are_field_errors() {
    let mut plan = aws_3az();
    plan.pinned.push(Pin { tier: 0, zone: Some(0), cidr: net("192.168.0.0/24") });
    plan.pinned.push(Pin { tier: 1, zone: None, cidr: net("10.0.0.0/20") });
    plan.pinned.push(Pin { tier: 2, zone: Some(0), cidr: net("10.0.0.0/24") });
    plan.pinned.push(Pin { tier: 9, zone: Some(0), cidr: net("10.0.1.0/24") });
    let fields: Vec<String> = plan.validate().into_iter().map(|p| p.field.to_string()).collect();
    // Structural problems (a tier that does not exist) come first.
    assert_eq!(fields, ["pinned[3].tier", "pinned[0].cidr", "pinned[1].zone", "pinned[2].cidr"]);
    let e = plan.layout().unwrap_err();
    assert_eq!(e.field(), Some(Field::PinTier(3)));
}

#[test]
fn free_rfc1918_blocks() {
    assert_eq!(free_rfc1918_block(16, &[]), Some(net("10.0.0.0/16")));
    assert_eq!(free_rfc1918_block(16, &[net("10.0.0.0/16"), net("10.1.0.0/17")]), Some(net("10.2.0.0/16")));
    assert_eq!(free_rfc1918_block(12, &[net("10.0.0.0/8")]), Some(net("172.16.0.0/12")));
    assert_eq!(
        free_rfc1918_block(24, &[net("10.0.0.0/8"), net("172.16.0.0/12"), net("192.168.0.0/24")]),
        Some(net("192.168.1.0/24"))
    );
    assert_eq!(free_rfc1918_block(8, &[net("10.5.0.0/16")]), None);
    assert_eq!(free_rfc1918_block(7, &[]), None);
    assert_eq!(free_rfc1918_block(33, &[]), None);
    // IPv6 entries do not block anything.
    assert_eq!(free_rfc1918_block(16, &[net("::/0")]), Some(net("10.0.0.0/16")));
}

#[test]
fn provider_limits() {
    let mut plan = aws_3az();
    plan.tiers[0].size = TierSize::Prefix(29);
    let e = plan.layout().unwrap_err();
    assert_eq!(
        e,
        PlanError::Field {
            field: Field::TierSize(0),
            message: "Tier public: AWS subnets are no smaller than /28 (16 addresses); /29 is smaller".into()
        }
    );
    let mut plan = aws_3az();
    plan.vpc = vec![net("10.0.0.0/12")];
    assert_eq!(plan.layout().unwrap_err().message(), "AWS VPC blocks are /16 to /28; 10.0.0.0/12 is a /12");
    plan.vpc = vec![net("169.254.0.0/16")];
    assert_eq!(plan.layout().unwrap_err().field(), Some(Field::VpcBlock(0)));
    plan.vpc = vec![net("172.17.0.0/16")];
    let l = plan.layout().unwrap();
    assert!(l.warnings[0].to_string().contains("172.17.0.0/16"), "{:?}", l.warnings);
    // Six blocks: AWS allows five.
    plan.vpc = (0..6).map(|i| net(&format!("10.{i}.0.0/16"))).collect();
    assert_eq!(
        plan.layout().unwrap_err(),
        PlanError::Limit {
            message: "AWS allows 5 IPv4 CIDR blocks per VPC (primary included); this plan has 6".into()
        }
    );
    // Secondary blocks from another RFC 1918 range.
    plan.vpc = vec![net("10.0.0.0/16"), net("192.168.0.0/16")];
    assert!(plan.layout().unwrap_err().message().contains("same range"));
    // The smallest subnet of each provider.
    for (mode, ok, bad) in [(Mode::Azure, 29, 30), (Mode::Gcp, 29, 30), (Mode::Oci, 30, 31), (Mode::Aws, 28, 29)] {
        let mut p = aws_3az();
        p.set_provider(mode);
        p.tiers = vec![tier("t", TierKind::Private, TierSize::Prefix(ok), false)];
        assert!(p.layout().is_ok(), "{mode} /{ok}");
        p.tiers[0].size = TierSize::Prefix(bad);
        assert_eq!(p.layout().unwrap_err().field(), Some(Field::TierSize(0)), "{mode} /{bad}");
    }
}

#[test]
fn ipv6_numbering() {
    // Tier-major /56: tier digit then zone digit.
    let plan = preset("aws-2az-minimal").unwrap();
    let l = plan.layout().unwrap();
    let v6: Vec<String> = l.subnets.iter().map(|s| format!("{} {}", s.name, s.ipv6.unwrap())).collect();
    assert_eq!(
        v6,
        [
            "public-a 2001:db8:1234:5600::/64",
            "public-b 2001:db8:1234:5601::/64",
            "private-a 2001:db8:1234:5610::/64",
            "private-b 2001:db8:1234:5611::/64"
        ]
    );
    // Zone-major: zone digit then tier digit; single-subnet tiers in zone f.
    let mut plan = aws_3az();
    plan.tiers.push(tier("shared", TierKind::Custom, TierSize::Prefix(24), false));
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let by_name = |n: &str| l.subnets.iter().find(|s| s.name == n).unwrap().ipv6.unwrap().to_string();
    assert_eq!(by_name("public-a"), "2600:1f18:abcd:ef00::/64");
    assert_eq!(by_name("data-a"), "2600:1f18:abcd:ef02::/64");
    assert_eq!(by_name("private-c"), "2600:1f18:abcd:ef21::/64");
    assert_eq!(by_name("shared"), "2600:1f18:abcd:eff3::/64");
    // A small block numbers subnets in table order.
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/60") });
    let l = plan.layout().unwrap();
    assert_eq!(l.subnets[1].ipv6.unwrap().to_string(), "2600:1f18:abcd:ef01::/64");
    assert_eq!(l.subnets[9].ipv6.unwrap().to_string(), "2600:1f18:abcd:ef09::/64");
    assert!(l.warnings.iter().any(|w| w.to_string().contains("/56")));
    // Too small for the subnets.
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/62") });
    assert_eq!(
        plan.layout().unwrap_err(),
        PlanError::Field {
            field: Field::Ipv6Block,
            message: "2600:1f18:abcd:ef00::/62 holds 4 /64 subnets; this plan has 10".into()
        }
    );
    // The table shows the expression too.
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    let l = plan.layout().unwrap();
    let r = rows(&plan, &l);
    assert_eq!(r[0].ipv6_netnum, Some((8, 0)));
    assert_eq!(r[3].ipv6_netnum, Some((8, 16)));
}

#[test]
fn sizes_in_hosts_pick_the_smallest_subnet_and_show_headroom() {
    let cases = [
        (Mode::Aws, 250, 24, 1),
        (Mode::Aws, 252, 23, 255),
        (Mode::Standard, 254, 24, 0),
        (Mode::Gcp, 252, 24, 0),
        (Mode::Oci, 1, 30, 0),
        (Mode::Oci, 2, 29, 3),
        (Mode::Aws, 5000, 19, 3187),
    ];
    for (mode, hosts, prefix, headroom) in cases {
        let s = TierSize::Hosts(hosts).resolve(mode).unwrap();
        assert_eq!((s.prefix, s.headroom), (prefix, Some(headroom)), "{mode} {hosts}");
    }
    assert_eq!(TierSize::Hosts(0).resolve(Mode::Aws).unwrap_err(), "Ask for at least 1 host");
    assert_eq!(
        TierSize::Hosts(70_000).resolve(Mode::Aws).unwrap_err(),
        "No AWS subnet holds 70,000 hosts: the largest, a /16, has 65,531 usable addresses"
    );
    let mut plan = aws_3az();
    plan.tiers[1].size = TierSize::Hosts(5000);
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let p = l.subnets.iter().find(|s| s.name == "private-a").unwrap();
    assert_eq!((p.cidr.prefix(), p.hosts, p.headroom), (19, Some(5000), Some(3187)));
}

/// A pinned subnet smaller than its tier asks for has negative headroom, and the table says
/// so with its sign (the planner's table once showed "+-441").
#[test]
fn a_pin_smaller_than_its_tier_shows_negative_headroom() {
    let mut plan = aws_3az();
    plan.tiers[1].size = TierSize::Hosts(700);
    plan.pinned.push(Pin { tier: 1, zone: Some(1), cidr: net("10.0.200.0/24") });
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let rows = rows(&plan, &l);
    let text = |name: &str| rows.iter().find(|r| r.name == name).and_then(|r| r.headroom_text());
    // A /24 holds 251 usable AWS addresses: 449 short of 700. The others got a /22 (1,019).
    assert_eq!(text("private-b").as_deref(), Some("-449"));
    assert_eq!(text("private-a").as_deref(), Some("+319"));
    assert_eq!(text("public-a"), None, "a tier sized by prefix has no headroom");
}

#[test]
fn tier_size_text() {
    let size = |t: &str| TierSize::parse(t).map(|r| r.size);
    assert_eq!(size("/24"), Ok(TierSize::Prefix(24)));
    assert_eq!(size(" 20 "), Ok(TierSize::Prefix(20)));
    assert_eq!(size("500 hosts"), Ok(TierSize::Hosts(500)));
    assert_eq!(size("1,000h"), Ok(TierSize::Hosts(1000)));
    assert_eq!(size("12 hosts"), Ok(TierSize::Hosts(12)));
    assert_eq!(size("1 host"), Ok(TierSize::Hosts(1)));
    assert_eq!(size("33"), Ok(TierSize::Hosts(33)));
    assert!(size("/33").is_err());
    assert!(size("abc").is_err());
    assert!(size("").is_err());
    assert_eq!(TierSize::Hosts(1500).to_string(), "1,500 hosts");
    assert_eq!(TierSize::Prefix(24).to_string(), "/24");
}

/// A bare number is ambiguous (21 → /21, 33 → 33 hosts, 30 → /30, which AWS refuses): the parse
/// says which reading it got, and the written forms get none.
#[test]
fn a_bare_tier_size_says_how_it_was_read() {
    let read = |t: &str| TierSize::parse(t).unwrap();
    assert_eq!(read("21"), ReadSize { size: TierSize::Prefix(21), reading: SizeReading::BarePrefix });
    assert_eq!(read("21").hint().as_deref(), Some("read as /21 — type 21 hosts for hosts"));
    assert_eq!(read("30").hint().as_deref(), Some("read as /30 — type 30 hosts for hosts"));
    assert_eq!(read("33"), ReadSize { size: TierSize::Hosts(33), reading: SizeReading::BareHosts });
    assert_eq!(read("2,000").hint().as_deref(), Some("read as 2,000 hosts — prefixes go up to /32"));
    for written in ["/21", "21 hosts", "2000 hosts", "2000h", "/0"] {
        assert_eq!(read(written).reading, SizeReading::Written, "{written}");
        assert_eq!(read(written).hint(), None, "{written}");
    }
    assert_eq!(read("21 hosts").size, TierSize::Hosts(21));
}

/// One prefix parser: a tier size takes `/22` under the same rules as a network's prefix, so
/// `//22` and `/022` are refused instead of read as /22.
#[test]
fn a_tier_prefix_follows_the_prefix_rules() {
    assert_eq!(TierSize::parse("//22").unwrap_err(), "'//22' is not a prefix length — did you mean /22?");
    assert!(TierSize::parse("/022").unwrap_err().contains("Leading zeros"));
    assert!(TierSize::parse("022").unwrap_err().contains("Leading zeros"));
    assert!(TierSize::parse("/-1").is_err());
    assert_eq!(TierSize::parse("/33").unwrap_err(), "Prefix /33 is out of range: IPv4 prefixes go from /0 to /32");
}

#[test]
fn does_not_fit_explains_in_numbers() {
    let mut plan = aws_3az();
    plan.vpc = vec![net("10.0.0.0/18")];
    assert_eq!(
        plan.layout().unwrap_err(),
        PlanError::DoesNotFit {
            message: "zone us-east-1c needs a /19 = 8,192 addresses (public /24 + private /20 + data /24 = 4,608, rounded up to one aligned block); 0 remain after zone us-east-1a, zone us-east-1b — use a /17 VPC, /21 private subnets, or 2 zones instead of 3".into(),
            remedies: vec![
                Remedy::WidenPrimary { prefix: 17, only_block: true },
                Remedy::ShrinkTier { tier: 1, name: "private".into(), prefix: 21, usable: None },
                Remedy::FewerZones { zones: 2, from: 3 },
            ],
        }
    );
    assert_eq!(plan.layout().unwrap_err().remedies()[0], Remedy::WidenPrimary { prefix: 17, only_block: true });
    plan.strategy = Strategy::TierMajor;
    assert_eq!(
        plan.layout().unwrap_err().message(),
        "private tier needs 3 × /20 = 12,288 addresses in one aligned /18 (16,384) to stay a single route; 15,360 remain after public — use a /17 VPC, /21 private subnets, or 2 zones instead of 3"
    );
    plan.vpc = vec![net("10.0.0.0/19")];
    assert_eq!(
        plan.layout().unwrap_err().message(),
        "private tier needs 3 × /20 = 12,288 addresses in one aligned /18 (16,384) to stay a single route; 7,168 remain after public — use a /17 VPC, /22 private subnets, or 1 zone instead of 3"
    );
    // At AWS's largest VPC, another block is offered.
    let mut plan = aws_3az();
    plan.tiers[1].size = TierSize::Prefix(18);
    plan.strategy = Strategy::ZoneMajor;
    let m = plan.layout().unwrap_err().message().to_string();
    assert!(m.starts_with("zone us-east-1c needs a /17 = 32,768 addresses"), "{m}");
    assert!(m.contains("a secondary block such as 10.1.0.0/16"), "{m}");
    // Growth that does not fit says so.
    let mut plan = aws_3az();
    plan.growth.extra_zones = 6;
    let m = plan.layout().unwrap_err().message().to_string();
    assert!(m.starts_with("growth room for growth zone 9 needs a /19 = 8,192 addresses; 0 remain after"), "{m}");
    assert!(m.contains("room for 5 more zones"), "{m}");
}

#[test]
fn secondary_blocks_take_the_overflow() {
    let mut plan = aws_3az();
    plan.vpc = vec![net("10.0.0.0/18"), net("10.1.0.0/18")];
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let c = l.subnets.iter().find(|s| s.name == "private-c").unwrap();
    assert_eq!((c.block_index, c.cidr), (1, net("10.1.0.0/20")));
    let r = rows(&plan, &l);
    let row = r.iter().find(|r| r.name == "private-c").unwrap();
    assert_eq!(row.expr, "cidrsubnet(var.secondary_cidr_blocks[0], 2, 0)");
    assert_eq!(row.block_label(), "secondary 1");
    assert_eq!(row.block, net("10.1.0.0/18"));
    let row = r.iter().find(|r| r.name == "public-b").unwrap();
    assert_eq!(row.expr, "cidrsubnet(var.vpc_cidr, 6, 48)");
    assert_eq!(row.block_label(), "primary");
}

#[test]
fn table_rows_and_csv() {
    let plan = aws_3az();
    let l = plan.layout().unwrap();
    let r = rows(&plan, &l);
    assert_eq!(r.len(), 9);
    let a = &r[0];
    assert_eq!((a.name.as_str(), a.zone.as_str(), a.tier.as_str()), ("public-a", "us-east-1a", "public"));
    assert_eq!(a.range(), "10.0.16.0 – 10.0.16.255");
    assert_eq!(a.usable_first.unwrap().to_string(), "10.0.16.4");
    assert_eq!(a.reserved.len(), 5);
    assert_eq!(a.expr, "cidrsubnet(var.vpc_cidr, 8, 16)");
    let csv = to_csv(&plan, &l);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], CSV_HEADER);
    assert!(
        lines[2].starts_with(
            "private-a,us-east-1a,private,private,10.0.0.0/20,10.0.0.0,10.0.15.255,10.0.0.4,10.0.15.254,4091,5,"
        ),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains("\"cidrsubnet(var.vpc_cidr, 4, 0)\""), "{}", lines[2]);
    // Formula-looking names are neutralised.
    let mut plan = aws_3az();
    plan.tiers[0].name = "=cmd".into();
    let csv = to_csv(&plan, &plan.layout().unwrap());
    assert!(csv.contains("\r\n'=cmd-a,"), "{csv}");
}

#[test]
fn validation_lists_every_field() {
    let mut plan = aws_3az();
    plan.name = "x".repeat(65);
    plan.zones = vec!["us-east-1a".into(), "US-EAST-1A".into(), "".into()];
    plan.tiers[1].name = "Public".into();
    plan.tiers[2].size = TierSize::Hosts(0);
    plan.growth = Growth { extra_zones: 7, spare_per_zone: Some(30) };
    plan.vpc = vec![net("10.0.0.0/16"), net("10.0.128.0/17"), net("2001:db8::/56")];
    plan.ipv6 = Some(Ipv6Plan { block: net("10.9.0.0/16") });
    let fields: Vec<String> = plan.validate().into_iter().map(|p| p.field.to_string()).collect();
    assert_eq!(
        fields,
        [
            "name",
            "vpc[2]",
            "zones[2]",
            "growth.extra_zones",
            "ipv6.block",
            "vpc[1]",
            "zones[1]",
            "tiers[1].name",
            "tiers[2].size",
            "growth.spare_per_zone"
        ]
    );
    let empty = Plan { vpc: vec![], zones: vec![], ..aws_3az() };
    let fields: Vec<String> = empty.validate().into_iter().map(|p| p.field.to_string()).collect();
    assert_eq!(fields, ["vpc", "zones"]);
    // No tiers is a valid (empty) plan.
    let l = Plan { tiers: vec![], ..aws_3az() }.layout().unwrap();
    assert!(l.subnets.is_empty());
    assert_eq!(l.free, vec![net("10.0.0.0/16")]);
}

#[test]
fn editing_helpers_keep_pins_attached() {
    let mut plan = aws_3az();
    plan.pinned = vec![
        Pin { tier: 0, zone: Some(2), cidr: net("10.0.200.0/24") },
        Pin { tier: 2, zone: Some(1), cidr: net("10.0.201.0/24") },
    ];
    plan.move_tier(2, 0);
    assert_eq!(plan.tiers[0].name, "data");
    assert_eq!((plan.pinned[0].tier, plan.pinned[1].tier), (1, 0));
    plan.remove_zone(1);
    assert_eq!(plan.pinned.len(), 1);
    assert_eq!(plan.pinned[0].zone, Some(1));
    plan.remove_tier(0);
    assert_eq!(plan.pinned[0].tier, 0);
    plan.add_zone();
    assert_eq!(plan.zones, ["us-east-1a", "us-east-1c", "us-east-1c"]);
    // Provider and region switches carry default names along, not typed ones.
    let mut plan = aws_3az();
    plan.zones[1] = "my-zone".into();
    plan.set_region("eu-west-1");
    assert_eq!(plan.zones, ["eu-west-1a", "my-zone", "eu-west-1c"]);
    plan.set_region("us-east-1");
    plan.set_provider(Mode::Gcp);
    assert_eq!((plan.region.as_str(), plan.zones[0].as_str()), ("us-central1", "us-central1-a"));
    assert_eq!(plan.zones[1], "my-zone");
}

#[test]
fn zone_suffixes_make_short_unique_names() {
    let z = |v: &[&str]| cidrplan::plan::zone_suffixes(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(z(&["us-east-1a", "us-east-1b"]), ["a", "b"]);
    assert_eq!(z(&["us-central1-a", "us-central1-f"]), ["a", "f"]);
    assert_eq!(z(&["1", "2", "3"]), ["1", "2", "3"]);
    assert_eq!(z(&["AD-1", "AD-2"]), ["1", "2"]);
    assert_eq!(z(&["us-east-1a", "eu-west-1a"]), ["us-east-1a", "eu-west-1a"]);
    assert_eq!(z(&["London", "Paris"]), ["London", "Paris"]);
}

#[test]
fn json_round_trips_and_validates_on_load() {
    for (id, _, plan) in presets() {
        let text = to_json(&plan);
        assert_eq!(from_json(&text), Ok(plan.clone()), "{id}");
        // serde goes through the same checks.
        let back: Plan = serde_json::from_str(&serde_json::to_string(&plan).unwrap()).unwrap();
        assert_eq!(back, plan);
    }
    let mut plan = aws_3az();
    plan.tiers[1].size = TierSize::Hosts(700);
    plan.pinned.push(Pin { tier: 0, zone: Some(1), cidr: net("10.0.200.0/24") });
    plan.avoid.push(net("fd00::/8").into());
    assert_eq!(from_json(&to_json(&plan)), Ok(plan));
    // Hand-written: defaults, names for pins, size as text.
    let p = from_json(
        r#"{"provider": "aws", "vpc": ["10.1.0.0/16"],
            "tiers": [{"name": "web", "size": "500 hosts"}, {"name": "db", "kind": "isolated", "prefix": 24, "per_zone": false}],
            "pinned": [{"tier": "web", "zone": "us-east-1b", "cidr": "10.1.8.0/23"}]}"#,
    )
    .unwrap();
    assert_eq!(p.zones, ["us-east-1a", "us-east-1b", "us-east-1c"]);
    assert_eq!(p.tiers[0].size, TierSize::Hosts(500));
    assert_eq!(p.pinned[0].tier, 0);
    assert_eq!(p.pinned[0].zone, Some(1));
    assert!(p.layout().is_ok());
    // Values a form may hold while being edited load; validate reports them.
    let p =
        from_json(r#"{"provider": "aws", "vpc": ["10.0.0.0/12"], "tiers": [{"name": "x", "prefix": 30}]}"#).unwrap();
    assert_eq!(p.validate().len(), 2);
    let bad = [
        (r#"{"vpc": ["10.0.0.1/16"]}"#, "vpc[0]", "has host bits set"),
        (r#"{"vpc": ["2001:db8::/56"]}"#, "vpc[0]", "is IPv6"),
        (r#"{"vpc": ["10.0.0.0/16"], "zones": ["a","b","c","d","e","f","g"]}"#, "zones", "at most 6"),
        (r#"{"vpc": ["10.0.0.0/16"], "provider": "ibm"}"#, "provider", "Unknown mode"),
        (r#"{"vpc": ["10.0.0.0/16"], "tiers": [{"name": "x", "prefix": 40}]}"#, "tiers[0].size", "longer than /32"),
        (
            r#"{"vpc": ["10.0.0.0/16"], "tiers": [{"name": "x", "prefix": 20, "hosts": 5}]}"#,
            "tiers[0].size",
            "not several",
        ),
        (
            r#"{"vpc": ["10.0.0.0/16"], "tiers": [{"name": "x", "prefix": 20}], "pinned": [{"tier": 3, "cidr": "10.0.0.0/24"}]}"#,
            "pinned[0].tier",
            "does not exist",
        ),
        (
            r#"{"vpc": ["10.0.0.0/16"], "pinned": [{"tier": "nope", "cidr": "10.0.0.0/24"}]}"#,
            "pinned[0].tier",
            "no tier called",
        ),
        (r#"{"vpc": ["10.0.0.0/16"], "name": "a\u0007b"}"#, "name", "control characters"),
        (r#"{"vpc": ["10.0.0.0/16"], "ipv6": {"block": "10.0.0.0/8"}}"#, "ipv6.block", "not an IPv6 block"),
        (r#"{"format": "cidrplan-design", "vpc": []}"#, "format", "not a cidrplan plan"),
        (r#"{"version": 9, "vpc": []}"#, "version", "newer cidrplan"),
        ("[1, 2", "json", "not a cidrplan plan file"),
    ];
    for (text, field, words) in bad {
        let e = from_json(text).unwrap_err();
        assert_eq!(e.field().map(|f| f.to_string()).as_deref(), Some(field), "{text}: {e}");
        assert!(e.message().contains(words), "{text}: {e}");
    }
    assert!(from_json(&" ".repeat(cidrplan::plan::MAX_JSON_BYTES + 1)).is_err());
}

#[test]
fn six_zones_by_sixteen_tiers_is_fast() {
    let mut plan = aws_3az();
    plan.zones = cidrplan::plan::default_zones(Mode::Aws, "us-east-1", 6);
    plan.tiers = (0..16)
        .map(|i| tier(&format!("t{i}"), TierKind::Private, TierSize::Prefix(22 + (i % 5) as u8), true))
        .collect();
    plan.growth = Growth { extra_zones: 2, spare_per_zone: Some(24) };
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    let start = std::time::Instant::now();
    for strategy in [Strategy::ZoneMajor, Strategy::TierMajor] {
        plan.strategy = strategy;
        let l = plan.layout().unwrap();
        check_layout(&plan, &l);
    }
    // A plan that does not fit re-runs the allocator for its suggestions; still quick.
    plan.vpc = vec![net("10.0.0.0/20")];
    assert!(matches!(plan.layout(), Err(PlanError::DoesNotFit { .. })));
    let elapsed = start.elapsed();
    assert!(elapsed.as_millis() < 2000, "{elapsed:?}");
}

/// AWS allows 200 subnets per VPC: a plan can reach it (5 zones × 40 tiers), and one zone
/// more is refused with the provider's limit. Past 16 tiers the IPv6 numbering has no hex
/// digit per tier, so the /64s follow the table order. Link and JSON carry such a plan.
#[test]
fn two_hundred_subnets_reach_aws_limit() {
    let mut plan = aws_3az();
    plan.zones = cidrplan::plan::default_zones(Mode::Aws, "us-east-1", 5);
    plan.tiers = (0..40).map(|i| tier(&format!("t{i:02}"), TierKind::Private, TierSize::Prefix(25), true)).collect();
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    assert_eq!(l.subnets.len(), 200);
    // The numbering that follows the table says what an insert does to it.
    assert!(l
        .warnings
        .iter()
        .any(|w| w.to_string().starts_with("IPv6 /64s follow the table order with more than 16 tiers (40 here)")));
    let base = net("2600:1f18:abcd:ef00::/56");
    for (i, s) in l.subnets.iter().enumerate() {
        assert_eq!(s.ipv6, Some(cidrplan::ops::cidrsubnet(base, 8, i as u128).unwrap()), "{}", s.name);
    }

    let link = cidrplan::share::encode(&cidrplan::share::ShareState::Plan(plan.clone()));
    assert_eq!(cidrplan::share::decode(&link), Ok(cidrplan::share::ShareState::Plan(plan.clone())));
    assert_eq!(from_json(&to_json(&plan)).unwrap(), plan);

    plan.add_zone();
    assert_eq!(
        plan.layout().unwrap_err(),
        PlanError::Limit { message: "AWS allows 200 subnets per VPC; this plan has 240".into() }
    );
    // The cap on tiers itself.
    plan.set_provider(Mode::Standard);
    plan.zones.truncate(1);
    plan.tiers = (0..cidrplan::plan::MAX_TIERS)
        .map(|i| tier(&format!("t{i:02}"), TierKind::Private, TierSize::Prefix(26), true))
        .collect();
    plan.ipv6 = None;
    assert!(plan.layout().is_ok());
    plan.tiers.push(tier("one-more", TierKind::Private, TierSize::Prefix(26), true));
    assert_eq!(plan.layout().unwrap_err().field(), Some(Field::Tiers));
}

/// A zone of many tiers that does not fit says so in a sentence one can read: the first
/// tiers by name, the rest counted by size.
#[test]
fn does_not_fit_with_many_tiers_stays_readable() {
    let mut plan = aws_3az();
    plan.zones = cidrplan::plan::default_zones(Mode::Aws, "us-east-1", 5);
    plan.tiers = (0..40)
        .map(|i| {
            tier(&format!("t{i:02}"), TierKind::Private, TierSize::Prefix(if i % 10 == 9 { 26 } else { 24 }), true)
        })
        .collect();
    let e = plan.layout().unwrap_err();
    let m = e.message();
    assert!(
        m.starts_with(
            "zone us-east-1e needs a /18 = 16,384 addresses (t00 /24 + t01 /24 + t02 /24 + t03 /24 + t04 /24 + t05 /24 \
             + 34 more: 30 × /24, 4 × /26 = "
        ),
        "{m}"
    );
    assert!(m.chars().count() < 400, "{} characters: {m}", m.chars().count());
}

/// The form writes what the core's checks allow and nothing it would refuse to load: an empty
/// region is a valid plan (the core allows it), an empty zone or tier name is not writable.
#[test]
fn the_form_writes_what_the_core_allows() {
    let mut plan = preset("aws-3az").unwrap();
    plan.region = String::new();
    assert_eq!(plan.refusal(), None, "an empty region may be written");
    assert!(plan.validate().iter().all(|p| p.field != Field::Region));
    assert!(plan.layout().is_ok(), "and the plan still lays out");
    assert_eq!(from_json(&to_json(&plan)), Ok(plan.clone()), "and loads again");

    let mut unnamed = plan.clone();
    unnamed.zones[1] = String::new();
    let refusal = unnamed.refusal().expect("an empty zone name is refused");
    assert_eq!((refusal.field, refusal.message.as_str()), (Field::Zone(1), "Enter a zone name"));
    assert!(from_json(&to_json(&unnamed)).is_err(), "which is why: the autosave would not load");

    let mut long = plan.clone();
    long.region = "r".repeat(65);
    assert_eq!(long.refusal().map(|p| p.field), Some(Field::Region));

    // A value the plan can hold but that is invalid is written, and reported at its field.
    let mut dup = plan.clone();
    dup.zones[1] = dup.zones[0].clone();
    assert_eq!(dup.refusal(), None);
    let problems = dup.validate();
    assert_eq!(cidrplan::plan::problem_at(&problems, Field::Zone(1)), Some("Zone 'us-east-1a' is listed twice"));
    assert_eq!(cidrplan::plan::problem_at(&problems, Field::Zone(0)), None);
}

#[test]
fn changed_parts_name_what_the_form_changed() {
    let shown = preset("aws-3az").unwrap();
    assert!(cidrplan::plan::changed_parts(&shown, &shown).is_empty());
    let mut form = shown.clone();
    form.vpc[0] = net("10.20.0.0/17");
    form.tiers[1].size = TierSize::Prefix(18);
    form.strategy = Strategy::TierMajor;
    assert_eq!(cidrplan::plan::changed_parts(&shown, &form), ["VPC blocks", "tiers", "layout"]);
}

/// What the planner's JSON export writes can be imported again: the plan inside the export.
#[test]
fn an_exported_plan_can_be_imported_again() {
    let plan = preset("aws-3az").unwrap();
    let exported = cidrplan::export::render(&plan, &plan.layout().unwrap(), cidrplan::export::Format::Json).unwrap();
    assert!(from_json(&exported).is_err(), "an export is not a plan file");
    assert_eq!(cidrplan::plan::from_file(&exported), Ok(plan.clone()));
    assert_eq!(cidrplan::plan::from_file(&to_json(&plan)), Ok(plan));
    let e = cidrplan::plan::from_file(r#"{"format": "cidrplan-export", "version": 1}"#).unwrap_err();
    assert_eq!(e.message(), "This cidrplan export has no plan in it");
    assert!(cidrplan::plan::from_file("{").unwrap_err().message().starts_with("This is not a cidrplan plan file"));
}
