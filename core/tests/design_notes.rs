//! Notes on every node of the designer's tree (issue #9 items 7 and 8): what splits and joins
//! do with notes, labels on inner nodes, and their way through JSON, CSV and share links.

mod design_support;

use cidrplan::design::{from_json, to_csv, to_json, Color, Design, Label, Leaf, MAX_NOTE_CHARS};
use cidrplan::share::{decode, encode, encode_v1, ShareState};
use cidrplan::table::rows_in_window;
use cidrplan::Mode;
use design_support::{assert_partition, link_of, net, payload_of};

/// The architect's drawing: a /8 with a /12 "us-east" holding a /14 "prod" with a /16 "web".
fn regions() -> Design {
    let mut d = Design::new(net("10.0.0.0/8"), Mode::Standard);
    d.split(net("10.0.0.0/8"), 16).unwrap();
    d.split(net("10.0.0.0/12"), 2).unwrap();
    d.split(net("10.0.0.0/13"), 2).unwrap();
    d.split(net("10.0.0.0/14"), 2).unwrap();
    d.split(net("10.0.0.0/15"), 2).unwrap();
    d.set_note(net("10.0.0.0/12"), "us-east").unwrap();
    d.set_note(net("10.0.0.0/14"), "prod").unwrap();
    d.set_note(net("10.0.0.0/16"), "web").unwrap();
    d.set_note(net("10.16.0.0/12"), "eu-west").unwrap();
    d.set_color(net("10.0.0.0/16"), Some(Color::Green)).unwrap();
    d
}

#[test]
fn inner_nodes_take_labels_once_split() {
    let d = regions();
    assert_partition(&d);
    assert_eq!(
        d.labels(),
        [
            Label { node: net("10.0.0.0/12"), note: "us-east".into() },
            Label { node: net("10.0.0.0/14"), note: "prod".into() },
        ]
    );
    assert_eq!(d.note_of(net("10.0.0.0/16")), "web");
    assert_eq!(d.note_of(net("10.0.0.0/12")), "us-east");
    assert_eq!(d.note_of(net("10.0.0.0/13")), "");
    // An empty text removes a label; a block that is no node of the tree takes none.
    let mut e = d.clone();
    e.set_note(net("10.0.0.0/14"), "  ").unwrap();
    assert_eq!(e.label(net("10.0.0.0/14")), None);
    assert_eq!(e.set_note(net("10.0.0.0/17"), "x").unwrap_err().0, "10.0.0.0/17 is not a subnet of this design");
    assert_eq!(e.set_note(net("11.0.0.0/12"), "x").unwrap_err().0, "11.0.0.0/12 is not a subnet of this design");
    // The join bars carry them.
    let rows = rows_in_window(&d, 0..3);
    let bar = |node: &str| rows.iter().flat_map(|r| &r.cells).find(|c| c.node == net(node)).expect("bar");
    assert_eq!(bar("10.0.0.0/12").note, "us-east");
    assert_eq!(bar("10.0.0.0/14").note, "prod");
    assert_eq!(bar("10.0.0.0/13").note, "");
    assert_eq!(bar("10.0.0.0/16").note, "", "a leaf's note is in its note column");
}

#[test]
fn splitting_a_noted_leaf_makes_its_note_the_group_label() {
    // 16 parts: the label sits on the split leaf, not on the intermediate levels.
    let mut d = Design::new(net("2001:db8::/48"), Mode::Standard);
    d.set_note(net("2001:db8::/48"), "site A").unwrap();
    d.split(net("2001:db8::/48"), 16).unwrap();
    assert_eq!(d.labels(), [Label { node: net("2001:db8::/48"), note: "site A".into() }]);
    assert!(d.leaves().iter().all(|l| !l.has_note()));
    // Splitting a part of a labelled group keeps the group's label where it is.
    d.set_note(net("2001:db8:0:1000::/52"), "lab").unwrap();
    d.split(net("2001:db8:0:1000::/52"), 2).unwrap();
    assert_eq!(d.label(net("2001:db8::/48")), Some("site A"));
    assert_eq!(d.label(net("2001:db8:0:1000::/52")), Some("lab"));
    // "Every leaf to /N" follows the same rule for every leaf it cuts.
    let mut d = Design::new(net("10.0.0.0/22"), Mode::Standard);
    d.split_all_to(24).unwrap();
    d.set_note(net("10.0.1.0/24"), "app").unwrap();
    d.set_note(net("10.0.3.0/24"), "db").unwrap();
    d.split_all_to(26).unwrap();
    assert_eq!(d.label(net("10.0.1.0/24")), Some("app"));
    assert_eq!(d.label(net("10.0.3.0/24")), Some("db"));
    assert_eq!(d.len(), 16);
    assert_partition(&d);
}

#[test]
fn joining_keeps_the_label_and_every_note_under_it() {
    let d = regions();
    let mut j = d.clone();
    j.join(net("10.0.0.0/12")).unwrap();
    let joined = &j.leaves()[0];
    assert_eq!(*joined, Leaf { net: net("10.0.0.0/12"), note: "us-east; prod; web".into(), color: Some(Color::Green) });
    assert!(j.labels().is_empty(), "the labels under the joined node are in its note now");
    assert_partition(&j);
    // The same note twice is kept once.
    let mut twice = Design::new(net("10.0.0.0/24"), Mode::Standard);
    twice.split(net("10.0.0.0/24"), 2).unwrap();
    twice.set_note(net("10.0.0.0/25"), "k8s").unwrap();
    twice.set_note(net("10.0.0.128/25"), "k8s").unwrap();
    twice.join(net("10.0.0.0/24")).unwrap();
    assert_eq!(twice.leaves()[0].note, "k8s");
}

#[test]
fn a_join_that_must_cut_text_says_so_first() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split_all_to(26).unwrap();
    for (i, l) in ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26"].iter().enumerate() {
        d.set_note(net(l), &format!("{i}{}", "n".repeat(90))).unwrap();
    }
    let preview = d.join_preview(net("10.0.0.0/24")).unwrap();
    assert!(preview.cut);
    assert_eq!(preview.notes, 3);
    assert_eq!(preview.leaf.note.chars().count(), MAX_NOTE_CHARS);
    assert!(preview.leaf.note.ends_with('…'));
    assert!(preview.leaf.note.starts_with(&format!("0{}; 1", "n".repeat(90))));
    let small = d.join_preview(net("10.0.0.0/25")).unwrap();
    assert!(!small.cut);
    assert_eq!(small.notes, 2);
}

#[test]
fn labels_round_trip_through_json() {
    let d = regions();
    let json = to_json(&d);
    assert!(json.contains("\"version\": 2,"), "labels need version 2: {json}");
    assert!(json.ends_with(
        "  ],\n  \"labels\": [\n    {\"node\": \"10.0.0.0/12\", \"note\": \"us-east\"},\n    {\"node\": \"10.0.0.0/14\", \"note\": \"prod\"}\n  ]\n}\n"
    ));
    assert_eq!(from_json(&json).unwrap(), d);
    // Without labels the file is version 1, as before.
    let mut plain = d.clone();
    plain.set_note(net("10.0.0.0/12"), "").unwrap();
    plain.set_note(net("10.0.0.0/14"), "").unwrap();
    assert!(to_json(&plain).contains("\"version\": 1,") && !to_json(&plain).contains("labels"));
    // A label must name a split block.
    let bad = json.replace("\"node\": \"10.0.0.0/14\"", "\"node\": \"10.0.0.0/16\"");
    assert_eq!(
        from_json(&bad).unwrap_err().0,
        "The label \"prod\" is on 10.0.0.0/16, which is not a split block of this design"
    );
    let bad = json.replace("\"node\": \"10.0.0.0/14\"", "\"node\": \"10.0.0.1/14\"");
    assert_eq!(from_json(&bad).unwrap_err().0, "Label #2: 10.0.0.1/14 has host bits set; the network is 10.0.0.0/14");
    let bad = json.replace("\"node\": \"10.0.0.0/14\"", "\"node\": \"10.0.0.0/12\"");
    assert_eq!(from_json(&bad).unwrap_err().0, "10.0.0.0/12 has two labels");
}

#[test]
fn csv_gains_prefix_parent_and_the_path_of_labels() {
    let csv = to_csv(&regions());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].ends_with(",note,color,prefix,parent,path"), "{}", lines[0]);
    assert!(lines[1].starts_with("10.0.0.0/16,255.255.0.0,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",web,green,16,10.0.0.0/15,us-east / prod / web"), "{}", lines[1]);
    assert!(lines[2].starts_with("10.1.0.0/16,"), "{}", lines[2]);
    assert!(lines[2].ends_with(",,,16,10.0.0.0/15,us-east / prod"), "{}", lines[2]);
    assert!(lines[3].ends_with(",,,15,10.0.0.0/14,us-east / prod"), "{}", lines[3]);
    assert!(lines[4].ends_with(",,,14,10.0.0.0/13,us-east"), "{}", lines[4]);
    // The next /12: its own note, no group above it.
    let eu = lines.iter().find(|l| l.starts_with("10.16.0.0/12,")).unwrap();
    assert!(eu.ends_with(",eu-west,,12,10.0.0.0/11,eu-west"), "{eu}");
    // An unsplit base has no parent.
    let one = to_csv(&Design::new(net("10.0.0.0/16"), Mode::Standard));
    assert!(one.split("\r\n").nth(1).unwrap().ends_with(",,,16,,"), "{one}");
}

#[test]
fn labels_travel_in_link_extension_1_and_designs_without_them_keep_their_links() {
    let d = regions();
    let state = ShareState::Design(d.clone());
    let link = encode(&state);
    assert_eq!(decode(&link).unwrap(), state);
    // v2 = v1's body + extensions. Without labels: no extension, so the same bytes as before.
    let mut plain = d.clone();
    plain.set_note(net("10.0.0.0/12"), "").unwrap();
    plain.set_note(net("10.0.0.0/14"), "").unwrap();
    let plain_state = ShareState::Design(plain.clone());
    let mut expect = payload_of(&encode_v1(&plain_state));
    expect.push(0);
    assert_eq!(payload_of(&encode(&plain_state)), expect);
    // With labels: tag 1, one zero-ended label per inner node in pre-order.
    let body = payload_of(&encode_v1(&state));
    let full = payload_of(&link);
    let ext = &full[body.len()..];
    let inner = d.inner_nodes();
    // The 16-way split of the /8 made the levels /9 to /11 too.
    let first: Vec<String> = inner[..8].iter().map(|n| n.to_string()).collect();
    assert_eq!(
        first,
        [
            "10.0.0.0/8",
            "10.0.0.0/9",
            "10.0.0.0/10",
            "10.0.0.0/11",
            "10.0.0.0/12",
            "10.0.0.0/13",
            "10.0.0.0/14",
            "10.0.0.0/15"
        ]
    );
    let mut labels = vec![0u8; 4];
    labels.extend_from_slice(b"us-east\0\0prod\0");
    labels.resize(inner.len() + "us-east".len() + "prod".len(), 0);
    let mut want = vec![1u8, 1, labels.len() as u8];
    want.extend_from_slice(&labels);
    assert_eq!(ext, &want[..]);
}

#[test]
fn a_damaged_labels_extension_is_refused_with_a_reason() {
    let d = regions();
    let state = ShareState::Design(d.clone());
    let body = payload_of(&encode_v1(&state));
    let inner = d.inner_nodes().len();
    let with_labels = |labels: &[u8]| {
        let mut p = body.clone();
        p.extend_from_slice(&[1, 1]);
        p.push(labels.len() as u8);
        p.extend_from_slice(labels);
        decode(&link_of("v2.", &p)).map(|_| ()).unwrap_err().0
    };
    assert_eq!(with_labels(&vec![0; inner]), "This link is damaged: its group labels section is empty");
    assert_eq!(with_labels(&vec![0; inner - 1]), "This link is truncated: the group labels end early");
    assert_eq!(with_labels(&vec![0; inner + 1]), "This link is damaged: its group labels do not match its split tree");
    let mut ctrl = b"a\x07b\0".to_vec();
    ctrl.resize(inner + 3, 0);
    assert_eq!(
        with_labels(&ctrl),
        "This link is damaged: the label of 10.0.0.0/8 is too long or has control characters"
    );
    let mut utf = vec![0xff, 0];
    utf.resize(inner + 1, 0);
    assert_eq!(with_labels(&utf), "This link is damaged: the label of 10.0.0.0/8 is not valid text");
    // An unknown extension after it is still a newer version's.
    let mut p = payload_of(&encode(&state));
    let n = body.len();
    p[n] = 2;
    p.extend_from_slice(&[7, 0]);
    assert!(decode(&link_of("v2.", &p)).unwrap_err().0.contains("(extension 7); it was made by a newer version"));
}
