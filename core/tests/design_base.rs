//! Changing the designer's base network: the rules of `Design::base_change` (issue #9 item 6)
//! and the move itself (`Design::rebase`), notes and labels included.

mod design_support;

use cidrplan::design::{parse_base, BaseChange, Color, Design, Label, Leaf};
use cidrplan::Mode;
use design_support::{assert_partition, net};

fn nets(d: &Design) -> Vec<String> {
    d.leaves().iter().map(|l| l.net.to_string()).collect()
}

fn leaf<'a>(d: &'a Design, s: &str) -> &'a Leaf {
    &d.leaves()[d.leaf_index(net(s)).expect("leaf")]
}

/// A /16 with work: three leaves, a note, a colour and a group label.
fn worked() -> Design {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Aws);
    d.split(net("10.0.0.0/16"), 2).unwrap();
    d.split(net("10.0.128.0/17"), 2).unwrap();
    d.set_note(net("10.0.0.0/17"), "users").unwrap();
    d.set_note(net("10.0.128.0/17"), "servers").unwrap();
    d.set_color(net("10.0.192.0/18"), Some(Color::Green)).unwrap();
    d
}

#[test]
fn an_untouched_design_starts_fresh_as_one_leaf_whatever_the_new_base() {
    let d = Design::new(net("10.0.0.0/16"), Mode::Gcp);
    // The bug: 10.0.0.0/16 → 10.0.0.0/8 gave 9 leaves padding the old /16.
    for target in ["10.0.0.0/8", "2001:db8:1234::/48", "10.0.0.0/24", "192.168.0.0/16", "0.0.0.0/0"] {
        match d.base_change(net(target)) {
            BaseChange::Apply(n) => {
                assert_eq!(nets(&n), [target], "{target}");
                assert_eq!(n.mode(), Mode::Gcp);
                assert!(n.labels().is_empty());
            }
            other => panic!("{target}: {other:?}"),
        }
    }
    assert_eq!(d.base_change(net("10.0.0.0/16")), BaseChange::Same);
}

#[test]
fn a_larger_base_holding_the_design_offers_keeping_it_inside_or_starting_fresh() {
    let d = worked();
    let BaseChange::Grow { kept, at, fresh } = d.base_change(net("10.0.0.0/8")) else { panic!() };
    assert_eq!(at, net("10.0.0.0/16"));
    assert_eq!(nets(&fresh), ["10.0.0.0/8"]);
    assert_eq!(fresh.mode(), Mode::Aws);
    // Kept: the old tree, in place, under the fewest free blocks that fill the /8.
    assert_partition(&kept);
    assert_eq!(nets(&kept)[..3], ["10.0.0.0/17", "10.0.128.0/18", "10.0.192.0/18"]);
    assert_eq!(kept.len(), 3 + 8);
    assert_eq!(nets(&kept).last().unwrap(), "10.128.0.0/9");
    assert_eq!(kept.label(net("10.0.128.0/17")), Some("servers"));
    assert_eq!(leaf(&kept, "10.0.0.0/17").note, "users");
    assert_eq!(leaf(&kept, "10.0.192.0/18").color, Some(Color::Green));
    // In the middle of a larger base, too.
    let BaseChange::Grow { kept, .. } = d.base_change(net("10.0.0.0/12")) else { panic!() };
    assert_eq!(kept.leaf_index(net("10.0.0.0/17")), Some(0));
}

#[test]
fn another_ip_version_or_a_larger_base_elsewhere_replaces_the_work_after_asking() {
    let d = worked();
    let BaseChange::Replace { fresh, reason } = d.base_change(net("2001:db8:1234::/48")) else { panic!() };
    assert_eq!(nets(&fresh), ["2001:db8:1234::/48"]);
    assert_eq!(
        reason,
        "2001:db8:1234::/48 is an IPv6 network and your design (3 subnets, 2 notes) is IPv4, so it cannot move there"
    );
    // Same size in the other family is no move either (it used to give 2001:db8::/112 pieces).
    assert!(matches!(d.base_change(net("2001:db8::/112")), BaseChange::Replace { .. }));
    let BaseChange::Replace { fresh, reason } = d.base_change(net("192.0.0.0/8")) else { panic!() };
    assert_eq!(nets(&fresh), ["192.0.0.0/8"]);
    assert_eq!(reason, "192.0.0.0/8 does not hold 10.0.0.0/16, where your design (3 subnets, 2 notes) is");
}

#[test]
fn the_same_size_moves_every_leaf_and_label_without_asking() {
    let d = worked();
    let BaseChange::Apply(moved) = d.base_change(net("172.16.0.0/16")) else { panic!() };
    assert_eq!(nets(&moved), ["172.16.0.0/17", "172.16.128.0/18", "172.16.192.0/18"]);
    assert_eq!(leaf(&moved, "172.16.0.0/17").note, "users");
    assert_eq!(moved.labels(), [Label { node: net("172.16.128.0/17"), note: "servers".into() }]);
    assert_eq!(moved.mode(), Mode::Aws);
    let back = moved.rebase(net("10.0.0.0/16")).unwrap();
    assert_eq!(back.design, d);
}

#[test]
fn a_smaller_base_lists_what_it_would_drop() {
    let d = worked();
    let BaseChange::Shrink { design, dropped, dropped_labels } = d.base_change(net("10.0.0.0/17")) else { panic!() };
    assert_eq!(design.leaves(), [Leaf { net: net("10.0.0.0/17"), note: "users".into(), color: None }]);
    assert_eq!(dropped, [net("10.0.128.0/18"), net("10.0.192.0/18")]);
    assert_eq!(dropped_labels, [Label { node: net("10.0.128.0/17"), note: "servers".into() }]);
    // Zooming into the labelled group keeps its label on the new base; the rest goes.
    let BaseChange::Shrink { design, dropped, dropped_labels } = d.base_change(net("10.0.128.0/17")) else { panic!() };
    assert_eq!(nets(&design), ["10.0.128.0/18", "10.0.192.0/18"]);
    assert_eq!(design.label(net("10.0.128.0/17")), Some("servers"));
    assert_eq!(dropped, [net("10.0.0.0/17")]);
    assert!(dropped_labels.is_empty());
    // Inside one leaf, with nothing else to drop… there is always the rest of the old base.
    let mut one = Design::new(net("10.0.0.0/16"), Mode::Standard);
    one.set_note(net("10.0.0.0/16"), "all").unwrap();
    let BaseChange::Apply(zoomed) = one.base_change(net("10.0.4.0/24")) else { panic!() };
    assert_eq!(zoomed.leaves(), [Leaf { net: net("10.0.4.0/24"), note: "all".into(), color: None }]);
}

#[test]
fn rebase_keeps_labels_through_zoom_out_and_back() {
    let mut d = Design::new(net("10.0.4.0/24"), Mode::Standard);
    d.split(net("10.0.4.0/24"), 2).unwrap();
    d.split(net("10.0.4.128/25"), 2).unwrap();
    d.set_note(net("10.0.4.128/25"), "group").unwrap();
    d.set_note(net("10.0.4.0/24"), "top").unwrap();
    let wide = d.rebase(net("10.0.0.0/21")).unwrap();
    assert!(wide.dropped.is_empty() && wide.dropped_labels.is_empty());
    assert_eq!(wide.design.label(net("10.0.4.0/24")), Some("top"));
    assert_eq!(wide.design.label(net("10.0.4.128/25")), Some("group"));
    let back = wide.design.rebase(net("10.0.4.0/24")).unwrap();
    assert_eq!(back.design, d);
    assert_eq!(back.dropped.len(), 3);
}

#[test]
fn the_base_input_reports_host_bits_and_ranges_with_a_fix() {
    let e = parse_base("10.0.0.1/16").unwrap_err();
    assert_eq!(e.message, "Host bits are set in 10.0.0.1/16 — use 10.0.0.0/16?");
    assert_eq!(e.suggestion.as_deref(), Some("10.0.0.0/16"));
    let e = parse_base("10.0.0.0 - 10.0.3.255").unwrap_err();
    assert_eq!(e.message, "10.0.0.0 – 10.0.3.255 is a range; it is exactly the network 10.0.0.0/22 — use it?");
    assert_eq!(e.suggestion.as_deref(), Some("10.0.0.0/22"));
    let e = parse_base("192.168.1.10 - 192.168.1.20").unwrap_err();
    assert_eq!(
        e.message,
        "192.168.1.10 – 192.168.1.20 is a range, not one network; the smallest network that holds it is 192.168.1.0/27 — use it?"
    );
    assert_eq!(e.suggestion.as_deref(), Some("192.168.1.0/27"));
    assert!(parse_base("10.0.0.300/16").unwrap_err().message.contains("300"));
    assert_eq!(parse_base("10.20.0.0/255.255.0.0").unwrap(), net("10.20.0.0/16"));
    assert_eq!(parse_base("2001:db8:1234::/48").unwrap(), net("2001:db8:1234::/48"));
}
