//! The designer model: operations, refusals and their messages, queries, exports.

mod design_support;

use cidrplan::design::{
    from_json, sanitize_note, to_csv, to_json, Bar, Color, Design, Label, Leaf, CSV_HEADER, MAX_LEAVES, MAX_NOTE_CHARS,
};
use cidrplan::{ops, Count, Mode};
use design_support::{assert_partition, net};

fn nets(d: &Design) -> Vec<String> {
    d.leaves().iter().map(|l| l.net.to_string()).collect()
}

fn leaf<'a>(d: &'a Design, s: &str) -> &'a Leaf {
    &d.leaves()[d.leaf_index(net(s)).expect("leaf")]
}

#[test]
fn a_new_design_is_its_base() {
    let d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    assert_eq!(nets(&d), ["10.0.0.0/16"]);
    assert_eq!(d.len(), 1);
    assert!(!d.is_empty());
    assert_eq!(d.max_depth(), 0);
    assert_eq!(d.bars(0..1), [Bar { node: net("10.0.0.0/16"), depth: 0, first_row: 0, rows: 1, is_leaf: true }]);
    assert_partition(&d);
}

#[test]
fn split_moves_the_note_to_the_parent_label_and_copies_the_colour() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    d.set_note(net("10.0.0.0/16"), "prod").unwrap();
    d.set_color(net("10.0.0.0/16"), Some(Color::Teal)).unwrap();
    d.split(net("10.0.0.0/16"), 2).unwrap();
    assert_eq!(nets(&d), ["10.0.0.0/17", "10.0.128.0/17"]);
    // The note is the label of the block that was split, not copied onto (or lost from) a part.
    assert_eq!(d.label(net("10.0.0.0/16")), Some("prod"));
    assert_eq!(d.labels(), [Label { node: net("10.0.0.0/16"), note: "prod".into() }]);
    for half in ["10.0.0.0/17", "10.0.128.0/17"] {
        assert_eq!(*leaf(&d, half), Leaf { net: net(half), note: String::new(), color: Some(Color::Teal) });
    }
    assert_eq!(d.summary().noted, Count::ZERO, "a label is a group, not allocated space");
    // Joining right back restores the leaf exactly.
    d.join(net("10.0.0.0/16")).unwrap();
    let mut expect = Design::new(net("10.0.0.0/16"), Mode::Standard);
    expect.set_note(net("10.0.0.0/16"), "prod").unwrap();
    expect.set_color(net("10.0.0.0/16"), Some(Color::Teal)).unwrap();
    assert_eq!(d, expect);
}

#[test]
fn sixteen_way_split_is_one_hex_digit() {
    let mut d = Design::new(net("2001:db8::/48"), Mode::Standard);
    d.split(net("2001:db8::/48"), 16).unwrap();
    assert_eq!(d.len(), 16);
    assert_eq!(d.leaves()[0].net, net("2001:db8::/52"));
    assert_eq!(d.leaves()[15].net, net("2001:db8:0:f000::/52"));
    assert_eq!(d.max_depth(), 4);
    assert_partition(&d);
    // IPv4 may use it too, while four bits remain.
    let mut v4 = Design::new(net("10.0.0.0/28"), Mode::Standard);
    v4.split(net("10.0.0.0/28"), 16).unwrap();
    assert_eq!(v4.len(), 16);
    let err = v4.split(net("10.0.0.0/32"), 2).unwrap_err();
    assert_eq!(err.0, "10.0.0.0/32 is a single address and cannot be split");
}

#[test]
fn refused_splits_say_why() {
    let mut d = Design::new(net("10.0.0.0/28"), Mode::Aws);
    assert_eq!(
        d.split(net("10.0.0.0/28"), 2).unwrap_err().0,
        "AWS subnets are no smaller than /28; splitting 10.0.0.0/28 would make /29"
    );
    assert_eq!(d.split(net("10.0.0.0/28"), 3).unwrap_err().0, "A subnet splits into 2 or 16 parts, not 3");
    assert_eq!(d.split(net("10.0.0.0/29"), 2).unwrap_err().0, "10.0.0.0/29 is not a subnet of this design");
    let mut small = Design::new(net("10.0.0.0/30"), Mode::Standard);
    assert_eq!(
        small.split(net("10.0.0.0/30"), 16).unwrap_err().0,
        "10.0.0.0/30 cannot be split into 16: it has only 4 addresses"
    );
    let mut v6 = Design::new(net("2001:db8::/64"), Mode::Azure);
    assert_eq!(
        v6.split(net("2001:db8::/64"), 2).unwrap_err().0,
        "Azure subnets are no smaller than /64; splitting 2001:db8::/64 would make /65"
    );
}

#[test]
fn join_keeps_every_note_as_a_list_and_the_first_colour() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split_all_to(26).unwrap();
    d.set_color(net("10.0.0.0/26"), Some(Color::Red)).unwrap();
    d.set_note(net("10.0.0.128/26"), "db").unwrap();
    d.set_color(net("10.0.0.128/26"), Some(Color::Blue)).unwrap();
    d.set_note(net("10.0.0.192/26"), "later").unwrap();
    let mut j = d.clone();
    let preview = j.join_preview(net("10.0.0.0/24")).unwrap();
    assert_eq!((preview.notes, preview.cut), (2, false));
    j.join(net("10.0.0.0/24")).unwrap();
    assert_eq!(j.leaves(), [Leaf { net: net("10.0.0.0/24"), note: "db; later".into(), color: Some(Color::Red) }]);
    assert_eq!(j.leaves()[0], preview.leaf);
    let mut j = d.clone();
    j.join(net("10.0.0.0/25")).unwrap();
    assert_eq!(
        *leaf(&j, "10.0.0.0/25"),
        Leaf { net: net("10.0.0.0/25"), note: String::new(), color: Some(Color::Red) }
    );
    // Joining a leaf does nothing; a block inside a leaf or outside the base is no node.
    let mut j = d.clone();
    j.join(net("10.0.0.64/26")).unwrap();
    assert_eq!(j, d);
    assert_eq!(
        j.join(net("10.0.0.64/27")).unwrap_err().0,
        "10.0.0.64/27 is part of the subnet 10.0.0.64/26, which is not split"
    );
    assert_eq!(j.join(net("10.0.1.0/24")).unwrap_err().0, "10.0.1.0/24 is not inside the base network 10.0.0.0/24");
    assert_eq!(j.join(net("::/0")).unwrap_err().0, "::/0 is not inside the base network 10.0.0.0/24");
}

#[test]
fn a_leaf_keeps_its_note_while_others_split_and_join() {
    let mut d = Design::new(net("10.0.0.0/22"), Mode::Standard);
    d.split_all_to(24).unwrap();
    d.set_note(net("10.0.2.0/24"), "keep me").unwrap();
    d.set_color(net("10.0.2.0/24"), Some(Color::Gray)).unwrap();
    d.split(net("10.0.3.0/24"), 16).unwrap();
    d.join(net("10.0.0.0/23")).unwrap();
    d.split(net("10.0.0.0/23"), 2).unwrap();
    d.join(net("10.0.3.0/24")).unwrap();
    assert_eq!(
        *leaf(&d, "10.0.2.0/24"),
        Leaf { net: net("10.0.2.0/24"), note: "keep me".into(), color: Some(Color::Gray) }
    );
}

#[test]
fn split_all_to_cuts_only_shorter_leaves() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split(net("10.0.0.0/24"), 2).unwrap();
    d.split(net("10.0.0.128/25"), 16).unwrap();
    assert_eq!(d.split_all_to(27).unwrap(), 4 + 16);
    assert_eq!(d.leaves()[0].net, net("10.0.0.0/27"));
    assert_eq!(d.leaves()[4].net, net("10.0.0.128/29"));
    assert_partition(&d);
    let same = d.clone();
    assert_eq!(d.split_all_to(24).unwrap(), 20);
    assert_eq!(d, same);
    assert_eq!(d.split_all_to(23).unwrap_err().0, "/23 is larger than the base network 10.0.0.0/24");
    assert_eq!(d.split_all_to(33).unwrap_err().0, "/33 is longer than an IPv4 address (/32)");
    let mut aws = Design::new(net("10.0.0.0/16"), Mode::Aws);
    assert_eq!(
        aws.split_all_to(29).unwrap_err().0,
        "AWS subnets are no smaller than /28; splitting to /29 would make /29"
    );
}

#[test]
fn leaf_cap_is_enforced_with_the_numbers() {
    let mut d = Design::new(net("10.0.0.0/8"), Mode::Standard);
    assert_eq!(d.split_all_to(24).unwrap(), MAX_LEAVES);
    assert_partition(&d);
    let e = d.split(net("10.0.0.0/24"), 2).unwrap_err();
    assert_eq!(e.0, "Splitting 10.0.0.0/24 would make 65,537 subnets; the designer holds at most 65,536");
    let mut d = Design::new(net("10.0.0.0/8"), Mode::Standard);
    assert_eq!(
        d.split_all_to(32).unwrap_err().0,
        "Splitting every subnet to /32 would make 16,777,216 subnets; the designer holds at most 65,536"
    );
    let mut v6 = Design::new(net("::/0"), Mode::Standard);
    assert!(v6.split_all_to(128).unwrap_err().0.contains("too many subnets"));
    assert_eq!(
        v6.split_into(1 << 20).unwrap_err().0,
        "Splitting ::/0 into 1,048,576 parts would make 1,048,576 subnets; the designer holds at most 65,536"
    );
}

#[test]
fn split_into_rounds_up_to_a_power_of_two() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    assert_eq!(d.split_into(5).unwrap(), 8);
    assert_eq!(d.leaves()[1].net, net("10.0.32.0/19"));
    assert_eq!(d.split_into(1).unwrap(), 1);
    assert_eq!(d.split_into(16).unwrap(), 16);
    assert_eq!(d.split_into(0).unwrap_err().0, "Split into at least 1 part");
    let mut tiny = Design::new(net("10.0.0.0/30"), Mode::Standard);
    assert_eq!(
        tiny.split_into(5).unwrap_err().0,
        "10.0.0.0/30 cannot be split into 5 parts: it holds only 4 addresses"
    );
    assert!(tiny.split_into(u64::MAX).unwrap_err().0.contains("cannot be split"));
    let mut aws = Design::new(net("10.0.0.0/24"), Mode::Aws);
    assert_eq!(
        aws.split_into(32).unwrap_err().0,
        "AWS subnets are no smaller than /28; splitting 10.0.0.0/24 into 32 parts would make /29"
    );
}

#[test]
fn split_into_keeps_the_hierarchy_and_join_all_keeps_every_note() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split_all_to(26).unwrap();
    d.split(net("10.0.0.192/26"), 2).unwrap();
    d.set_note(net("10.0.0.64/26"), "b").unwrap();
    d.set_note(net("10.0.0.0/26"), "a").unwrap();
    d.set_note(net("10.0.0.224/27"), "d").unwrap();
    d.set_color(net("10.0.0.128/26"), Some(Color::Pink)).unwrap();
    // Fewer parts than there are leaves: nothing to cut, and nothing is merged away.
    let mut halves = d.clone();
    assert_eq!(halves.split_into(2).unwrap(), 2);
    assert_eq!(halves, d);
    // More: only the leaves larger than a part are cut; each noted one keeps its note as the
    // label of its group.
    let mut eighths = d.clone();
    assert_eq!(eighths.split_into(8).unwrap(), 8);
    assert_eq!(
        nets(&eighths),
        [
            "10.0.0.0/27",
            "10.0.0.32/27",
            "10.0.0.64/27",
            "10.0.0.96/27",
            "10.0.0.128/27",
            "10.0.0.160/27",
            "10.0.0.192/27",
            "10.0.0.224/27"
        ]
    );
    let notes: Vec<&str> = eighths.leaves().iter().map(|l| l.note.as_str()).collect();
    assert_eq!(notes, ["", "", "", "", "", "", "", "d"]);
    assert_eq!(eighths.label(net("10.0.0.0/26")), Some("a"));
    assert_eq!(eighths.label(net("10.0.0.64/26")), Some("b"));
    assert_eq!(eighths.leaves()[4].color, Some(Color::Pink));
    assert_eq!(eighths.leaves()[5].color, Some(Color::Pink));
    let mut all = d.clone();
    all.join_all();
    assert_eq!(all.leaves(), [Leaf { net: net("10.0.0.0/24"), note: "a; b; d".into(), color: Some(Color::Pink) }]);
    let mut all = eighths.clone();
    all.join_all();
    assert_eq!(all.leaves()[0].note, "a; b; d");
    assert!(all.labels().is_empty());
}

#[test]
fn notes_are_cleaned_and_capped() {
    assert_eq!(sanitize_note("  web\tfront\r\nend \u{7}\u{202e}x "), "web front  end x");
    assert_eq!(sanitize_note(&"é".repeat(300)).chars().count(), MAX_NOTE_CHARS);
    assert_eq!(sanitize_note("\u{0}\u{1b}"), "");
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.set_note(net("10.0.0.0/24"), &format!("{}  z", "y".repeat(199))).unwrap();
    assert_eq!(d.leaves()[0].note, "y".repeat(199));
    assert_eq!(d.set_note(net("10.0.0.0/25"), "x").unwrap_err().0, "10.0.0.0/25 is not a subnet of this design");
}

#[test]
fn set_mode_keeps_leaves_and_reports_misfits() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split_all_to(26).unwrap();
    d.split(net("10.0.0.0/26"), 16).unwrap();
    let before: Vec<Leaf> = d.leaves().to_vec();
    let problems = d.set_mode(Mode::Aws);
    assert_eq!(d.leaves(), &before[..]);
    assert_eq!(problems.len(), 16, "/30s are too small for AWS (/16 to /28)");
    assert_eq!(d.summary().problems, 16);
    assert_eq!(
        d.split(net("10.0.0.64/26"), 16).unwrap_err().0,
        "AWS subnets are no smaller than /28; splitting 10.0.0.64/26 would make /30"
    );
    assert_eq!(d.set_mode(Mode::Standard), vec![]);
    assert_eq!(d.leaves(), &before[..]);
}

#[test]
fn summary_splits_space_into_noted_and_free() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split_all_to(26).unwrap();
    d.set_note(net("10.0.0.64/26"), "a").unwrap();
    d.set_color(net("10.0.0.128/26"), Some(Color::Red)).unwrap();
    let s = d.summary();
    assert_eq!((s.leaves, s.noted_leaves, s.problems), (4, 1, 0));
    assert_eq!((s.total, s.noted, s.free), (Count::new(256), Count::new(64), Count::new(192)));
    let huge = Design::new(net("::/0"), Mode::Standard);
    assert_eq!(huge.summary().free, Count::pow2(128));
    let mut huge = huge;
    huge.split(net("::/0"), 2).unwrap();
    huge.set_note(net("::/1"), "half").unwrap();
    assert_eq!(huge.summary().noted, Count::pow2(127));
    assert_eq!(huge.summary().total, Count::pow2(128));
}

#[test]
fn cidrsubnet_expressions_match_terraform() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    assert_eq!(d.cidrsubnet_expr(net("10.0.0.0/16")), "\"10.0.0.0/16\"");
    d.split_all_to(20).unwrap();
    d.split(net("10.0.48.0/20"), 16).unwrap();
    assert_eq!(d.cidrsubnet_expr(net("10.0.32.0/20")), "cidrsubnet(\"10.0.0.0/16\", 4, 2)");
    assert_eq!(d.cidrsubnet_expr(net("10.0.49.0/24")), "cidrsubnet(\"10.0.0.0/16\", 8, 49)");
    assert_eq!(d.cidrsubnet_expr(net("10.1.0.0/24")), "");
    for l in d.leaves() {
        let expr = d.cidrsubnet_expr(l.net);
        let args = expr.trim_start_matches("cidrsubnet(\"10.0.0.0/16\", ").trim_end_matches(')');
        let (bits, num) = args.split_once(", ").unwrap();
        assert_eq!(ops::cidrsubnet(d.base(), bits.parse().unwrap(), num.parse().unwrap()).unwrap(), l.net);
    }
    let v6 = Design::new(net("::/0"), Mode::Standard);
    assert_eq!(v6.cidrsubnet_expr(net("ffff::/16")), "cidrsubnet(\"::/0\", 16, 65535)");
}

#[test]
fn bars_of_a_small_tree() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split(net("10.0.0.0/24"), 2).unwrap();
    d.split(net("10.0.0.0/25"), 2).unwrap();
    let bar = |node: &str, depth, first_row, rows, is_leaf| Bar { node: net(node), depth, first_row, rows, is_leaf };
    assert_eq!(
        d.bars(1..3),
        [
            bar("10.0.0.0/24", 0, 0, 3, false),
            bar("10.0.0.0/25", 1, 0, 2, false),
            bar("10.0.0.64/26", 2, 1, 1, true),
            bar("10.0.0.128/25", 1, 2, 1, true),
        ]
    );
    assert_eq!(d.bars(2..99), [bar("10.0.0.0/24", 0, 0, 3, false), bar("10.0.0.128/25", 1, 2, 1, true)]);
    assert!(d.bars(5..9).is_empty());
    #[allow(clippy::reversed_empty_ranges)]
    let backwards = d.bars(2..1);
    assert!(backwards.is_empty());
    assert_eq!(d.max_depth(), 2);
    assert_eq!(d.span(net("10.0.0.0/25")).unwrap(), 0..2);
}

#[test]
fn rows_and_lookups_never_panic() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split_all_to(26).unwrap();
    assert_eq!(d.rows(1..3).len(), 2);
    assert!(d.rows(3..100).len() == 1 && d.rows(100..200).is_empty());
    assert_eq!(d.leaf_index(net("10.0.0.128/26")), Some(2));
    assert_eq!(d.leaf_index(net("10.0.0.128/25")), None);
    assert_eq!(d.leaf_containing(net("10.0.0.200/32").network()), Some(3));
    assert_eq!(d.leaf_containing(net("10.0.1.0/32").network()), None);
    assert!(d.leaf(4).is_none());
}

#[test]
fn from_leaves_names_the_problem() {
    let base = net("10.0.0.0/24");
    let leaves = |v: &[&str]| v.iter().map(|s| Leaf::free(net(s))).collect::<Vec<_>>();
    let e = |v: &[&str]| Design::from_leaves(base, Mode::Standard, leaves(v)).unwrap_err().0;
    assert_eq!(e(&[]), "A design needs at least one subnet covering 10.0.0.0/24");
    assert_eq!(
        e(&["10.0.0.0/25"]),
        "No subnet covers 10.0.0.128 – 10.0.0.255: the subnets must cover the whole base network"
    );
    assert_eq!(e(&["10.0.0.0/25", "10.0.0.0/26", "10.0.0.128/25"]), "10.0.0.0/26 overlaps 10.0.0.0/25");
    assert_eq!(e(&["10.0.0.0/23"]), "10.0.0.0/23 is not inside the base network 10.0.0.0/24");
    assert_eq!(e(&["10.0.0.0/24", "2001:db8::/64"]), "2001:db8::/64 is not inside the base network 10.0.0.0/24");
    let unsorted = Design::from_leaves(base, Mode::Standard, leaves(&["10.0.0.128/25", "10.0.0.0/25"])).unwrap();
    assert_eq!(nets(&unsorted), ["10.0.0.0/25", "10.0.0.128/25"]);
    let bad_note = vec![Leaf { net: base, note: " padded".into(), color: None }];
    assert!(Design::from_leaves(base, Mode::Standard, bad_note)
        .unwrap_err()
        .0
        .contains("control characters or leading"));
    let whole_v6 = Design::from_leaves(net("::/0"), Mode::Standard, leaves(&["::/1", "8000::/1"])).unwrap();
    assert_eq!(whole_v6.len(), 2);
    assert!(Design::from_leaves(net("::/0"), Mode::Standard, leaves(&["::/1", "8000::/1", "ffff::/16"])).is_err());
}

fn sample() -> Design {
    let mut d = Design::new(net("10.0.0.0/22"), Mode::Aws);
    d.split_all_to(24).unwrap();
    d.set_note(net("10.0.0.0/24"), "web, \"public\"").unwrap();
    d.set_color(net("10.0.0.0/24"), Some(Color::Green)).unwrap();
    d.set_note(net("10.0.1.0/24"), "=HYPERLINK(\"x\")").unwrap();
    d.set_note(net("10.0.2.0/24"), "ünïcode ✓").unwrap();
    d.set_color(net("10.0.3.0/24"), Some(Color::Indigo)).unwrap();
    d
}

#[test]
fn json_export_is_readable_and_round_trips() {
    let d = sample();
    let json = to_json(&d);
    assert_eq!(
        json,
        r#"{
  "format": "cidrplan-design",
  "version": 1,
  "base": "10.0.0.0/22",
  "mode": "aws",
  "subnets": [
    {"subnet": "10.0.0.0/24", "note": "web, \"public\"", "color": "green"},
    {"subnet": "10.0.1.0/24", "note": "=HYPERLINK(\"x\")"},
    {"subnet": "10.0.2.0/24", "note": "ünïcode ✓"},
    {"subnet": "10.0.3.0/24", "color": "indigo"}
  ]
}
"#
    );
    assert_eq!(from_json(&json).unwrap(), d);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["subnets"].as_array().unwrap().len(), 4);
    let mut big = Design::new(net("2001:db8::/48"), Mode::Standard);
    big.split_all_to(60).unwrap();
    big.set_note(net("2001:db8:0:ff0::/60"), "last").unwrap();
    assert_eq!(from_json(&to_json(&big)).unwrap(), big);
}

#[test]
fn json_import_rejects_with_specific_messages() {
    let wrap = |subnets: &str| {
        format!(
            r#"{{"format":"cidrplan-design","version":1,"base":"10.0.0.0/24","mode":"standard","subnets":[{subnets}]}}"#
        )
    };
    let e = |text: &str| from_json(text).unwrap_err().0;
    assert!(e("not json").starts_with("This is not a cidrplan design file:"));
    assert!(e("{}").starts_with("This is not a cidrplan design file: missing field"));
    assert_eq!(
        e(&wrap(r#"{"subnet":"10.0.0.0/25"}"#)),
        "No subnet covers 10.0.0.128 – 10.0.0.255: the subnets must cover the whole base network"
    );
    assert_eq!(
        e(&wrap(r#"{"subnet":"10.0.0.1/24"}"#)),
        "Subnet #1: 10.0.0.1/24 has host bits set; the network is 10.0.0.0/24"
    );
    assert_eq!(
        e(&wrap(r#"{"subnet":"10.0.0.0/24","color":"mauve"}"#)),
        "Subnet #1: Unknown colour 'mauve': use one of red, orange, yellow, green, teal, blue, indigo, purple, pink, gray"
    );
    assert_eq!(
        e(&wrap(r#"{"subnet":"2001:db8::/120"}"#)),
        "Subnet #1: 2001:db8::/120 is not of the same IP version as the base network"
    );
    assert_eq!(e(&wrap(r#"{"subnet":"10.0.0.0/024"}"#)), "Subnet #1: '/024' is not a prefix length from /0 to /32");
    assert_eq!(e(&wrap(r#"{"subnet":"10.0.0.0"}"#)), "Subnet #1: '10.0.0.0' is not a network like 10.0.0.0/16");
    let long = format!(r#"{{"subnet":"10.0.0.0/24","note":"{}"}}"#, "n".repeat(201));
    assert_eq!(e(&wrap(&long)), "Subnet #1: The note of 10.0.0.0/24 is 201 characters long; notes are at most 200");
    assert!(e(&wrap(r#"{"subnet":"10.0.0.0/24","note":"a\nb"}"#)).contains("control characters"));
    assert_eq!(
        e(r#"{"format":"cidrplan-design","version":3,"base":"10.0.0.0/24","subnets":[]}"#),
        "This design was saved by a newer cidrplan (version 3); this one reads version 2"
    );
    assert_eq!(
        e(r#"{"base":"10.0.0.0/24","mode":"ibm","subnets":[]}"#),
        "Unknown mode 'ibm': use standard, aws, azure, gcp or oci"
    );
    assert_eq!(
        e(r#"{"format":"other","base":"10.0.0.0/24","subnets":[]}"#),
        "This file holds 'other', not a cidrplan design"
    );
    assert_eq!(
        e(r#"{"base":"10.0.0.0/33","subnets":[]}"#),
        "Base network: '/33' is not a prefix length from /0 to /32"
    );
    // Too many subnets is refused before anything is built.
    let many = vec![r#"{"subnet":"10.0.0.0/32"}"#; MAX_LEAVES + 1].join(",");
    assert_eq!(e(&wrap(&many)), "The design has 65,537 subnets; the designer holds at most 65,536");
    // Minimal hand-written form: no format, version or mode.
    let d =
        from_json(r#"{"base":"10.0.0.0/24","subnets":[{"subnet":"10.0.0.0/24","note":"hi","color":"Grey"}]}"#).unwrap();
    assert_eq!(d.leaves()[0].color, Some(Color::Gray));
    assert_eq!(d.mode(), Mode::Standard);
}

#[test]
fn csv_export_is_escaped_and_formula_guarded() {
    let csv = to_csv(&sample());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], CSV_HEADER);
    assert_eq!(
        lines[1],
        r#"10.0.0.0/24,255.255.255.0,10.0.0.0,10.0.0.255,10.0.0.4,10.0.0.254,251,"cidrsubnet(""10.0.0.0/22"", 2, 0)","web, ""public""",green,24,10.0.0.0/23,"web, ""public""""#
    );
    assert_eq!(
        lines[2],
        r#"10.0.1.0/24,255.255.255.0,10.0.1.0,10.0.1.255,10.0.1.4,10.0.1.254,251,"cidrsubnet(""10.0.0.0/22"", 2, 1)","'=HYPERLINK(""x"")",,24,10.0.0.0/23,"'=HYPERLINK(""x"")""#
    );
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[5], "");
    for (text, cell) in
        [("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a\nb", "\"a\nb\"")]
    {
        assert_eq!(cidrplan::design::csv_cell(text), cell);
    }
    let mut v6 = Design::new(net("2001:db8::/64"), Mode::Standard);
    v6.split(net("2001:db8::/64"), 2).unwrap();
    let csv = to_csv(&v6);
    assert!(csv.contains("\r\n2001:db8::/65,/65,2001:db8::,2001:db8::7fff:ffff:ffff:ffff,2001:db8::1,"), "{csv}");
    // A /31 under AWS has no usable range: the cells stay empty.
    let mut tiny = Design::new(net("10.0.0.0/31"), Mode::Standard);
    tiny.set_mode(Mode::Aws);
    assert!(to_csv(&tiny).contains("\r\n10.0.0.0/31,255.255.255.254,10.0.0.0,10.0.0.1,,,0,"));
}

#[test]
fn big_designs_stay_fast() {
    let start = std::time::Instant::now();
    let mut d = Design::new(net("10.0.0.0/8"), Mode::Standard);
    d.split_all_to(24).unwrap();
    let split_time = start.elapsed();
    let t = std::time::Instant::now();
    let mut total = 0;
    for w in (0..MAX_LEAVES).step_by(4096) {
        total += d.bars(w..w + 60).len();
    }
    let bars_time = t.elapsed();
    assert!(total > 0);
    let t = std::time::Instant::now();
    let snapshot = d.clone();
    d.join(net("10.0.0.0/9")).unwrap();
    d.split_into(8).unwrap();
    let misc_time = t.elapsed();
    assert_ne!(snapshot, d);
    // Generous bounds for unoptimised test builds on a busy machine; release is ~10× faster.
    assert!(split_time.as_millis() < 500, "split_all_to took {split_time:?}");
    assert!(bars_time.as_millis() < 100, "16 bars windows took {bars_time:?}");
    assert!(misc_time.as_millis() < 500, "join/split_into took {misc_time:?}");
}
