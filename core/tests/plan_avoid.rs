//! Networks to avoid are occupied space: the allocator never places a subnet, growth zone,
//! spare block or group block in one, in either strategy; pins there are field errors; free
//! space, the exports' free lists and the diagram leave them out; a plan that no longer fits
//! because of them says so in numbers. Also the avoid list's text form, its JSON and its share
//! link labels (v2 extension 1).

mod plan_support;

use cidrplan::export::{render, Format};
use cidrplan::plan::diagram::{diagram, to_svg, Role, SegmentKind};
use cidrplan::plan::{
    avoid_text, from_json, parse_avoid, parse_avoid_list, preset, to_json, Avoid, Field, Growth, Ipv6Plan, OverlapWith,
    Pin, Plan, PlanError, Remedy, Strategy, TierSize,
};
use cidrplan::share::{decode, encode, ShareState};
use plan_support::{check_diagram, check_layout, net};

/// The issue's plan: the AWS 3-AZ preset in 10.20.0.0/16 with a /19 private tier, avoiding
/// on-prem 10.20.128.0/17. Written as JSON with the avoid entry as a bare CIDR, as every save
/// before labels did.
const ISSUE: &str = r#"{"format": "cidrplan-plan", "version": 1, "name": "issue", "provider": "aws",
    "region": "us-east-1", "vpc": ["10.20.0.0/16"], "zones": ["us-east-1a", "us-east-1b", "us-east-1c"],
    "tiers": [{"name": "public", "kind": "public", "prefix": 24},
              {"name": "private", "kind": "private", "prefix": 19},
              {"name": "data", "kind": "isolated", "prefix": 24}],
    "avoid": ["10.20.128.0/17"]}"#;

fn issue() -> Plan {
    from_json(ISSUE).unwrap()
}

/// The subnets that lie in `avoid`, as "name cidr".
fn inside(plan: &Plan, avoid: &str) -> Vec<String> {
    let a = net(avoid);
    plan.layout()
        .unwrap()
        .subnets
        .iter()
        .filter(|s| s.cidr.overlaps(a))
        .map(|s| format!("{} {}", s.name, s.cidr))
        .collect()
}

#[test]
fn the_issue_plan_no_longer_fits_and_says_why_in_numbers() {
    for strategy in [Strategy::ZoneMajor, Strategy::TierMajor] {
        let mut plan = issue();
        plan.strategy = strategy;
        let Err(PlanError::DoesNotFit { message, .. }) = plan.layout() else {
            panic!("{strategy}: the plan fits only by using on-prem: {:?}", plan.layout().map(|l| l.subnets))
        };
        assert!(
            message
                .contains("32,768 of the 65,536 addresses of 10.20.0.0/16 lie in 10.20.128.0/17 (network to avoid #1)"),
            "{strategy}: {message}"
        );
        // The remedies are checked by laying the changed plan out: a block clear of on-prem,
        // another block, smaller subnets, fewer zones.
        assert!(
            message.contains("use 10.0.0.0/16 instead of 10.20.0.0/16, a secondary block such as 10.0.0.0/16"),
            "{message}"
        );
        assert!(message.contains("/20 private subnets") && message.contains("2 zones instead of 3"), "{message}");
        let mut moved = plan.clone();
        moved.vpc[0] = net("10.0.0.0/16");
        check_layout(&moved, &moved.layout().unwrap());
    }
    let zone_major = issue().layout().unwrap_err().to_string();
    assert_eq!(
        zone_major,
        "zone us-east-1c needs a /18 = 16,384 addresses (public /24 + private /19 + data /24 = 8,704, rounded up to one aligned block); 0 remain after zone us-east-1a, zone us-east-1b (32,768 of the 65,536 addresses of 10.20.0.0/16 lie in 10.20.128.0/17 (network to avoid #1)) — use 10.0.0.0/16 instead of 10.20.0.0/16, a secondary block such as 10.0.0.0/16, /20 private subnets, or 2 zones instead of 3"
    );
}

#[test]
fn a_secondary_block_with_room_takes_the_zone_not_the_avoided_range() {
    for strategy in [Strategy::ZoneMajor, Strategy::TierMajor] {
        let mut plan = issue();
        plan.strategy = strategy;
        plan.vpc.push(net("100.64.0.0/16"));
        let l = plan.layout().unwrap_or_else(|e| panic!("{strategy}: {e}"));
        check_layout(&plan, &l);
        assert_eq!(inside(&plan, "10.20.128.0/17"), Vec::<String>::new(), "{strategy}");
        assert!(l.subnets.iter().any(|s| s.block_index == 1), "{strategy}: nothing in the secondary block");
        // Free space leaves the avoided half out.
        assert!(!l.free.iter().any(|f| f.overlaps(net("10.20.128.0/17"))), "{strategy}: {:?}", l.free);
        assert_eq!(l.avoided_addresses.as_u128(), Some(32_768));
        assert!(l.free_text().ends_with(" · 32,768 in networks to avoid"), "{}", l.free_text());
    }
    let mut plan = issue();
    plan.vpc.push(net("100.64.0.0/16"));
    let l = plan.layout().unwrap();
    let c: Vec<(String, String)> =
        l.subnets.iter().filter(|s| s.zone == Some(2)).map(|s| (s.name.clone(), s.cidr.to_string())).collect();
    assert_eq!(
        c,
        [("public-c", "100.64.32.0/24"), ("private-c", "100.64.0.0/19"), ("data-c", "100.64.33.0/24")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn one_sentence_per_vpc_block_names_the_label() {
    let mut plan = issue();
    plan.avoid = vec![Avoid::new(net("10.20.128.0/17"), "on-prem")];
    plan.vpc.push(net("100.64.0.0/16"));
    let l = plan.layout().unwrap();
    assert_eq!(l.overlaps.len(), 1, "{:?}", l.overlaps);
    let o = &l.overlaps[0];
    assert_eq!((o.with, o.avoid, o.label.as_str()), (OverlapWith::VpcBlock(0), net("10.20.128.0/17"), "on-prem"));
    assert_eq!(o.addresses.as_u128(), Some(32_768));
    assert_eq!(
        o.message,
        "The primary VPC block 10.20.0.0/16 overlaps on-prem 10.20.128.0/17: those 32,768 addresses stay unused, and peering or VPN routes to on-prem cannot reach them, because the VPC routes its own CIDR locally"
    );
    // The free block suggested for it is a remedy that replaces block 0 and clears the overlap.
    let r = l.suggestions[0].remedy(&plan).unwrap();
    assert!(matches!(r, Remedy::ReplaceBlock { index: 0, old, .. } if old == net("10.20.0.0/16")), "{r:?}");
    assert!(r.applied(&plan).layout().unwrap().overlaps.is_empty());
    // A block inside the network to avoid, an unlabelled one, the IPv6 block.
    let mut plan = preset("aws-3az").unwrap();
    plan.vpc.push(net("10.1.0.0/16"));
    plan.avoid = vec![Avoid::new(net("10.1.0.0/16"), "old VPC"), net("10.0.255.0/24").into()];
    plan.avoid.push(Avoid::new(net("2600:1f18::/32"), "lab"));
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    let messages: Vec<&str> = l.overlaps.iter().map(|o| o.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "The VPC block #2 10.1.0.0/16 lies entirely in old VPC 10.1.0.0/16: no subnet can go in it, and routes to old VPC over peering or VPN would conflict with the VPC's own",
            "The primary VPC block 10.0.0.0/16 overlaps 10.0.255.0/24 (network to avoid #2): those 256 addresses stay unused, and peering or VPN routes to that network cannot reach them, because the VPC routes its own CIDR locally",
            "The IPv6 block 2600:1f18:abcd:ef00::/56 overlaps lab 2600:1f18::/32: routes to lab cannot reach the part inside the VPC, which routes its own IPv6 block locally",
        ]
    );
    // Never one line per subnet, in the overlaps or in the warnings.
    assert!(!l.warnings.iter().any(|w| w.to_string().contains("Subnet ")), "{:?}", l.warnings);
}

#[test]
fn every_kind_of_block_stays_out_of_avoided_space() {
    // Growth zones and spare blocks (zone-major), growth slots and the spare row (tier-major),
    // single-subnet tiers, a secondary block with a hole.
    let mut plan = preset("aws-3az").unwrap();
    plan.tiers.push(plan_support::tier("shared", cidrplan::plan::TierKind::Custom, TierSize::Prefix(22), false));
    plan.growth = Growth { extra_zones: 2, spare_per_zone: Some(22) };
    plan.vpc.push(net("10.1.0.0/16"));
    plan.avoid = vec![
        Avoid::new(net("10.0.96.0/19"), "dc1"),
        Avoid::new(net("10.0.16.0/24"), "router"),
        Avoid::new(net("10.1.64.0/18"), "dc2"),
    ];
    for strategy in [Strategy::ZoneMajor, Strategy::TierMajor] {
        plan.strategy = strategy;
        let l = plan.layout().unwrap_or_else(|e| panic!("{strategy}: {e}"));
        check_layout(&plan, &l);
        assert!(!l.reserved.is_empty());
        let avoided: Vec<String> = l.avoided.iter().map(|a| format!("{} {}", a.label, a.cidr)).collect();
        assert_eq!(avoided, ["router 10.0.16.0/24", "dc1 10.0.96.0/19", "dc2 10.1.64.0/18"], "{strategy}");
    }
}

#[test]
fn overlapping_networks_to_avoid_count_once() {
    let mut plan = preset("aws-3az").unwrap();
    plan.avoid = vec![
        Avoid::new(net("10.0.128.0/17"), "corp"),
        Avoid::new(net("10.0.192.0/18"), "dc"),
        Avoid::new(net("10.0.0.0/8"), "all of 10"),
    ];
    // 10/8 holds the whole VPC: nothing is left.
    let e = plan.layout().unwrap_err().to_string();
    assert!(
        e.contains("65,536 of the 65,536 addresses of 10.0.0.0/16 lie in corp 10.0.128.0/17, dc 10.0.192.0/18 and all of 10 10.0.0.0/8"),
        "{e}"
    );
    assert!(e.contains("use 172.16.0.0/16 instead of 10.0.0.0/16"), "{e}");
    plan.avoid.pop();
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    assert_eq!(l.avoided.len(), 1);
    assert_eq!((l.avoided[0].cidr, l.avoided[0].label.as_str()), (net("10.0.128.0/17"), "corp"));
    assert_eq!(l.free_text(), "Free: 18,944 of 65,536 addresses (28.9%) · 32,768 in networks to avoid");
}

#[test]
fn a_pin_in_avoided_space_is_a_field_error() {
    let mut plan = issue();
    plan.vpc.push(net("100.64.0.0/16"));
    plan.avoid[0].label = "on-prem".into();
    plan.pinned.push(Pin { tier: 0, zone: Some(2), cidr: net("10.20.130.0/24") });
    let e = plan.layout().unwrap_err();
    assert_eq!(e.field(), Some(Field::PinCidr(0)));
    assert_eq!(
        e.message(),
        "Pinned subnet 10.20.130.0/24 of tier public lies in on-prem 10.20.128.0/17, a network to avoid: pin a CIDR outside it, or take it off the networks to avoid if the subnet really is there"
    );
    // A pin whose zone block would reach into avoided space: the zone is placed one by one.
    plan.pinned[0].cidr = net("10.20.96.0/24");
    plan.vpc[0] = net("10.20.0.0/16");
    plan.avoid[0].cidr = net("10.20.112.0/20");
    let l = plan.layout().unwrap();
    check_layout(&plan, &l);
    assert!(
        l.warnings.iter().any(|w| w.to_string()
            == "Zone us-east-1c is not one block: the block 10.20.64.0/18 holding its pinned subnets overlaps on-prem 10.20.112.0/20; its subnets are placed one by one"),
        "{:?}",
        l.warnings
    );
}

#[test]
fn exports_leave_avoided_space_out_of_free_space() {
    let mut plan = preset("aws-3az").unwrap();
    plan.avoid = vec![Avoid::new(net("10.0.128.0/17"), "on-prem")];
    let l = plan.layout().unwrap();
    for format in ["markdown", "table", "terraform-aws", "cloudformation", "json", "csv"] {
        let f: Format = format.parse().unwrap();
        let text = render(&plan, &l, f).unwrap();
        // The range appears only where the overlap is stated, never in a free-space list.
        for line in text.lines().filter(|x| x.contains("10.0.128.0/17") || x.contains("10.0.128.0/18")) {
            let named = ["on-prem", "\"avoid\":", "\"cidr\":"].iter().any(|k| line.contains(k));
            assert!(named, "{format}: {line}");
        }
    }
    assert!(!l.free.contains(&net("10.0.128.0/17")));
    assert_eq!(l.free.last(), Some(&net("10.0.96.0/19")));
}

#[test]
fn the_address_map_draws_avoided_space_hatched_and_labelled() {
    let mut plan = issue();
    plan.avoid = vec![Avoid::new(net("10.20.128.0/17"), "on-prem")];
    plan.vpc.push(net("100.64.0.0/16"));
    let l = plan.layout().unwrap();
    let d = diagram(&plan, &l, 900.0);
    check_diagram(&plan, &l, &d);
    let seg = d.strips[0].segments.last().unwrap();
    assert_eq!((seg.kind, seg.role), (SegmentKind::Avoided(0), Role::Avoided));
    assert_eq!((seg.first.to_string(), seg.last.to_string()), ("10.20.128.0".into(), "10.20.255.255".into()));
    assert_eq!(seg.label.as_ref().map(|x| x.text.as_str()), Some("on-prem"));
    assert!(seg.title.starts_with("avoided · on-prem 10.20.128.0/17 (network to avoid #1) · "), "{}", seg.title);
    // Never drawn as free, and named in the strip's caption and the legend.
    assert!(!d.strips[0].segments.iter().any(|s| s.role == Role::Free && s.last.value() >= seg.first.value()));
    assert_eq!(d.strips[0].caption.text, "10.20.0.0/16 · primary · 15,360 free · 32,768 avoided");
    assert!(d.legend.iter().any(|x| x.role == Role::Avoided && x.label.text == "Avoided"));
    for dark in [false, true] {
        let svg = to_svg(&d, dark);
        assert!(svg.contains("<pattern id=\"avoided-hatch\""), "no hatch pattern");
        assert!(svg.contains("<rect class=\"segment avoided\"") && svg.contains("fill=\"url(#avoided-hatch)\""));
        assert!(svg.contains(">on-prem</text>"));
    }
    // No avoided space, no pattern.
    let plain = preset("aws-3az").unwrap();
    let pl = plain.layout().unwrap();
    assert!(!to_svg(&diagram(&plain, &pl, 900.0), false).contains("avoided-hatch"));
}

#[test]
fn the_avoid_list_reads_comments_commas_and_labels() {
    let text = "# data centres\n10.20.128.0/17 on-prem # DC1\n192.168.0.0/16, peered-vpc\n\n172.16.0.0/12 lab,100.64.0.0/10   cg  nat \n10.99.0.0/16 # old VPC\n10.1.0.0/16, 10.2.0.0/16 # two, no label\nfd00::/8";
    let list = parse_avoid_list(text).unwrap();
    let got: Vec<String> = list.iter().map(|a| format!("{}|{}", a.cidr, a.label)).collect();
    assert_eq!(
        got,
        [
            "10.20.128.0/17|on-prem",
            "192.168.0.0/16|peered-vpc",
            "172.16.0.0/12|lab",
            "100.64.0.0/10|cg nat",
            "10.99.0.0/16|old VPC",
            "10.1.0.0/16|",
            "10.2.0.0/16|",
            "fd00::/8|",
        ]
    );
    let lines: Vec<usize> = parse_avoid(text).iter().map(|l| l.line).collect();
    assert_eq!(lines, [2, 3, 5, 5, 6, 7, 7, 8]);
    // Written back one a line, it reads the same.
    assert_eq!(avoid_text(&list).lines().next(), Some("10.20.128.0/17 on-prem"));
    assert_eq!(parse_avoid_list(&avoid_text(&list)), Ok(list));
    assert_eq!(parse_avoid_list("  \n# nothing\n"), Ok(vec![]));
}

#[test]
fn avoid_list_mistakes_name_their_line() {
    let bad = |text: &str| parse_avoid_list(text).unwrap_err();
    assert_eq!(
        bad("10.0.0.0/8\n10.20.128.5/17 dc"),
        "Line 2: 10.20.128.5/17 has host bits set: did you mean 10.20.128.0/17?"
    );
    assert_eq!(
        bad("on-prem 10.0.0.0/8"),
        "Line 1: 'on-prem' is not a network; write the network first, then its label (10.20.128.0/17 on-prem)"
    );
    assert!(
        bad("10.0.0.0/8 corp, lab").starts_with("Line 1: 'lab' is not a network"),
        "{}",
        bad("10.0.0.0/8 corp, lab")
    );
    assert!(bad("\n\n10.0.0.256/8").starts_with("Line 3: "), "{}", bad("\n\n10.0.0.256/8"));
    assert_eq!(
        bad("10.0.0.0-10.0.3.255"),
        "Line 1: 10.0.0.0-10.0.3.255 is a range; write its blocks instead: 10.0.0.0/22"
    );
    assert_eq!(bad("10.0.0.0/8 a\x07b"), "Line 1: The label contains control characters");
    let many: String = (0..17).map(|i| format!("10.{i}.0.0/16\n")).collect();
    assert_eq!(bad(&many), "Line 17: at most 16 networks to avoid");
    assert_eq!(bad("x.y\n10.0.0.300/8"), "Line 1: 'x.y' is not a network; write the network first, then its label (10.20.128.0/17 on-prem) (and 1 more mistake)");
    // Each result keeps its line, good or bad.
    let r = parse_avoid("10.0.0.0/8\nnope\n192.168.0.0/16 home");
    assert_eq!(r.len(), 3);
    assert!(r[0].entry.is_ok() && r[1].entry.is_err() && r[2].entry.is_ok());
    assert_eq!(r[1].line, 2);
}

#[test]
fn labels_survive_json_and_old_saves_still_load() {
    let mut plan = issue();
    plan.avoid = parse_avoid_list("10.20.128.0/17 on-prem\n192.168.0.0/16").unwrap();
    let json = to_json(&plan);
    // As in the form's list: the network, then its label.
    assert!(json.contains("\"avoid\": [\n    \"10.20.128.0/17 on-prem\",\n    \"192.168.0.0/16\"\n  ]"), "{json}");
    assert_eq!(from_json(&json), Ok(plan));
    // A save from before labels: bare CIDRs.
    assert_eq!(issue().avoid, vec![Avoid::from(net("10.20.128.0/17"))]);
    // Labels with spaces, and bad labels or networks.
    let p = from_json(&ISSUE.replace("\"10.20.128.0/17\"", "\" 10.20.128.0/17   DC 1 \"")).unwrap();
    assert_eq!(p.avoid[0], Avoid::new(net("10.20.128.0/17"), "DC 1"));
    let e = from_json(&ISSUE.replace("\"10.20.128.0/17\"", "\"10.20.128.0/17 a, b\""));
    assert_eq!(e.unwrap_err().field(), Some(Field::AvoidLabel(0)));
    let e = from_json(&ISSUE.replace("\"10.20.128.0/17\"", "\"10.20.128.1/17 x\""));
    assert_eq!(e.unwrap_err().to_string(), "10.20.128.1/17 has host bits set; the network is 10.20.128.0/17");
}

#[test]
fn labels_ride_in_share_link_extension_1() {
    let mut plan = preset("aws-3az").unwrap();
    plan.avoid = vec![net("192.168.0.0/16").into(), net("172.16.0.0/12").into()];
    let unlabelled = encode(&ShareState::Plan(plan.clone()));
    plan.avoid[1].label = "lab ✓".into();
    let labelled = encode(&ShareState::Plan(plan.clone()));
    assert_ne!(unlabelled, labelled);
    assert_eq!(decode(&labelled), Ok(ShareState::Plan(plan.clone())));
    assert_eq!(
        decode(&unlabelled).map(|s| matches!(s, ShareState::Plan(p) if p.avoid.iter().all(|a| a.label.is_empty()))),
        Ok(true)
    );
    // Plans without labels keep the link they had: no extension is written.
    let preset_link = encode(&ShareState::Plan(preset("aws-3az").unwrap()));
    assert!(preset_link.len() <= 160);
}

/// Share link payloads built by hand around a plan body, to damage extension 1.
mod damaged {
    use super::*;

    /// The v2 link of `plan` with its extensions section replaced by `ext`.
    fn with_extensions(plan: &Plan, ext: &[u8]) -> String {
        let link = encode(&ShareState::Plan(plan.clone()));
        let body = link.strip_prefix("v2.").unwrap();
        let payload = inflate(body);
        // An unlabelled plan's payload ends with an empty extensions section (one zero byte).
        assert_eq!(payload.last(), Some(&0));
        let mut out = payload[..payload.len() - 1].to_vec();
        out.extend_from_slice(ext);
        format!("v2.{}", b64(&miniz_oxide::deflate::compress_to_vec(&out, 9)))
    }

    fn inflate(body: &str) -> Vec<u8> {
        let bytes = unb64(body);
        miniz_oxide::inflate::decompress_to_vec(&bytes).unwrap()
    }

    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    fn b64(data: &[u8]) -> String {
        let mut out = String::new();
        for chunk in data.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    fn unb64(s: &str) -> Vec<u8> {
        let vals: Vec<u32> = s.bytes().map(|c| ALPHABET.iter().position(|&a| a == c).unwrap() as u32).collect();
        let mut out = Vec::new();
        for chunk in vals.chunks(4) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &v)| n | v << (18 - 6 * i));
            for i in 0..chunk.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        out
    }

    fn refused(plan: &Plan, ext: &[u8]) -> String {
        decode(&with_extensions(plan, ext)).unwrap_err().message().to_string()
    }

    #[test]
    fn a_damaged_label_extension_is_refused_with_a_reason() {
        let mut plan = preset("aws-3az").unwrap();
        plan.avoid = vec![net("192.168.0.0/16").into(), net("172.16.0.0/12").into()];
        // The hand-built link is right when the extension is.
        let good = [1, 1, 7, 0, 5, b'h', b'e', b'l', b'l', b'o'];
        let Ok(ShareState::Plan(p)) = decode(&with_extensions(&plan, &good)) else { panic!("good extension refused") };
        assert_eq!(p.avoid[1].label, "hello");
        // One label missing, one too many, all empty, a label too long.
        assert_eq!(refused(&plan, &[1, 1, 1, 0]), "This link is truncated: a network to avoid's label ends early");
        assert_eq!(
            refused(&plan, &[1, 1, 3, 0, 0, 0]),
            "This link is damaged: it has more labels than networks to avoid"
        );
        assert_eq!(
            refused(&plan, &[1, 1, 2, 0, 0]),
            "This link is damaged: its networks to avoid have an empty list of labels"
        );
        // 257 bytes: an extension of 1 + 2 + 257 = 260 bytes.
        let mut long = vec![1, 1, 0x84, 0x02, 0, 0x81, 0x02];
        long.extend(std::iter::repeat_n(b'x', 257));
        assert_eq!(refused(&plan, &long), "This link is damaged: a network to avoid's label is too long");
        let control = [1, 1, 4, 0, 2, b'a', 7];
        assert_eq!(
            refused(&plan, &control),
            "This link is damaged: a network to avoid's label is too long or has control characters"
        );
    }
}
