//! Bulk splits of one node (a leaf or an inner node's group) and the design as pasteable text
//! (Markdown and TSV).

mod design_support;

use cidrplan::design::{to_markdown, to_tsv, Color, Design, Label, MAX_LEAVES};
use cidrplan::Mode;
use design_support::{assert_partition, net};

fn nets(d: &Design) -> Vec<String> {
    d.leaves().iter().map(|l| l.net.to_string()).collect()
}

/// 10.0.0.0/24 in quarters, the first one noted "web" and teal, the last one noted "db".
fn quarters() -> Design {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split_all_to(26).unwrap();
    d.set_note(net("10.0.0.0/26"), "web").unwrap();
    d.set_color(net("10.0.0.0/26"), Some(Color::Teal)).unwrap();
    d.set_note(net("10.0.0.192/26"), "db").unwrap();
    d
}

#[test]
fn split_node_to_cuts_one_leaf_by_the_split_rule_and_leaves_the_others() {
    let mut d = quarters();
    assert_eq!(d.split_node_to(net("10.0.0.0/26"), 28).unwrap(), 4);
    assert_eq!(
        nets(&d),
        [
            "10.0.0.0/28",
            "10.0.0.16/28",
            "10.0.0.32/28",
            "10.0.0.48/28",
            "10.0.0.64/26",
            "10.0.0.128/26",
            "10.0.0.192/26"
        ]
    );
    // The split leaf's note is now its group's label and its colour is on every part; the
    // other leaves keep theirs.
    assert_eq!(d.label(net("10.0.0.0/26")), Some("web"));
    for i in 0..4 {
        assert_eq!(d.leaves()[i].color, Some(Color::Teal));
        assert_eq!(d.leaves()[i].note, "");
    }
    assert_eq!(d.leaves()[6].note, "db");
    assert_partition(&d);
    // Already at (or finer than) the target: nothing changes.
    let same = d.clone();
    assert_eq!(d.split_node_to(net("10.0.0.0/26"), 27).unwrap(), 4);
    assert_eq!(d, same);
}

#[test]
fn split_node_to_on_an_inner_node_splits_only_the_leaves_beneath_it() {
    let mut d = quarters();
    d.split(net("10.0.0.128/26"), 2).unwrap();
    d.set_note(net("10.0.0.160/27"), "keep").unwrap();
    d.set_note(net("10.0.0.128/25"), "upper").unwrap();
    // 10.0.0.128/25 holds .128/27, .160/27 and .192/26; to /27 cuts only .192/26.
    assert_eq!(d.split_node_to(net("10.0.0.128/25"), 27).unwrap(), 4);
    assert_eq!(
        nets(&d),
        ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/27", "10.0.0.160/27", "10.0.0.192/27", "10.0.0.224/27"]
    );
    assert_eq!(d.leaves()[0].note, "web");
    assert_eq!(d.leaves()[3].note, "keep");
    assert_eq!(d.label(net("10.0.0.128/25")), Some("upper"));
    assert_eq!(d.label(net("10.0.0.192/26")), Some("db"));
    assert_eq!(d.labels().len(), 2);
    assert_partition(&d);
}

#[test]
fn split_node_to_is_refused_with_reasons_and_changes_nothing() {
    let mut d = quarters();
    let before = d.clone();
    assert_eq!(d.split_node_to(net("10.0.0.0/26"), 25).unwrap_err().0, "/25 is larger than 10.0.0.0/26");
    assert_eq!(d.split_node_to(net("10.0.0.0/26"), 33).unwrap_err().0, "/33 is longer than an IPv4 address (/32)");
    assert_eq!(
        d.split_node_to(net("10.0.0.0/27"), 28).unwrap_err().0,
        "10.0.0.0/27 is part of the subnet 10.0.0.0/26, which is not split"
    );
    assert_eq!(
        d.split_node_to(net("10.1.0.0/26"), 28).unwrap_err().0,
        "10.1.0.0/26 is not inside the base network 10.0.0.0/24"
    );
    assert_eq!(d, before);
    let mut aws = Design::new(net("10.0.0.0/24"), Mode::Aws);
    aws.split(net("10.0.0.0/24"), 2).unwrap();
    assert_eq!(
        aws.split_node_to(net("10.0.0.0/25"), 29).unwrap_err().0,
        "AWS subnets are no smaller than /28; splitting 10.0.0.0/25 to /29 would make /29"
    );
    // The cap counts the leaves outside the node too.
    let mut big = Design::new(net("10.0.0.0/8"), Mode::Standard);
    big.split(net("10.0.0.0/8"), 2).unwrap();
    assert_eq!(big.split_node_to(net("10.0.0.0/9"), 24).unwrap(), 32_768);
    big.split(net("10.0.0.0/24"), 2).unwrap();
    assert_eq!(
        big.split_node_to(net("10.128.0.0/9"), 24).unwrap_err().0,
        "Splitting 10.128.0.0/9 to /24 would make 65,537 subnets; the designer holds at most 65,536"
    );
    assert_eq!(big.split_node_to(net("10.128.0.0/9"), 23).unwrap(), 16_384);
    assert!(big.len() < MAX_LEAVES);
}

#[test]
fn split_node_into_rounds_up_and_touches_only_the_node() {
    let mut d = quarters();
    assert_eq!(d.split_node_into(net("10.0.0.64/26"), 5).unwrap(), 8);
    assert_eq!(d.len(), 3 + 8);
    assert_eq!(d.leaves()[1].net, net("10.0.0.64/29"));
    assert_eq!(d.leaves()[8].net, net("10.0.0.120/29"));
    assert_eq!(d.leaves()[0].note, "web");
    assert_eq!(d.leaves()[10].note, "db");
    assert_partition(&d);
    assert_eq!(d.split_node_into(net("10.0.0.0/26"), 1).unwrap(), 1);
    assert_eq!(d.split_node_into(net("10.0.0.0/26"), 0).unwrap_err().0, "Split into at least 1 part");
    assert_eq!(
        d.split_node_into(net("10.0.0.0/26"), 65).unwrap_err().0,
        "10.0.0.0/26 cannot be split into 65 parts: it holds only 64 addresses"
    );
    // An inner node: its group is cut into parts, what is finer stays.
    let mut g = quarters();
    g.split(net("10.0.0.128/26"), 2).unwrap();
    assert_eq!(g.split_node_into(net("10.0.0.128/25"), 3).unwrap(), 4);
    assert_eq!(nets(&g)[2..], ["10.0.0.128/27", "10.0.0.160/27", "10.0.0.192/27", "10.0.0.224/27"]);
    let mut aws = Design::new(net("10.0.0.0/24"), Mode::Aws);
    aws.split(net("10.0.0.0/24"), 2).unwrap();
    assert_eq!(
        aws.split_node_into(net("10.0.0.128/25"), 16).unwrap_err().0,
        "AWS subnets are no smaller than /28; splitting 10.0.0.128/25 into 16 parts would make /29"
    );
}

#[test]
fn markdown_is_one_table_row_per_leaf_with_label_paths() {
    let mut d = quarters();
    d.set_note(net("10.0.0.0/24"), "prod").unwrap();
    let md = to_markdown(&d);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "| Subnet | Prefix | Usable hosts | Range | Note | Labels |");
    assert_eq!(lines[1], "|---|---:|---:|---|---|---|");
    assert_eq!(lines[2], "| 10.0.0.0/26 | /26 | 62 | 10.0.0.0 – 10.0.0.63 | web | prod / web |");
    assert_eq!(lines[3], "| 10.0.0.64/26 | /26 | 62 | 10.0.0.64 – 10.0.0.127 |  | prod |");
    assert_eq!(lines.len(), 2 + 4);
}

#[test]
fn hostile_notes_stay_inside_their_markdown_cell() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split(net("10.0.0.0/24"), 2).unwrap();
    // A label from an imported file is checked, a typed note sanitized: both may still hold
    // markup.
    d.set_note(net("10.0.0.0/24"), "a | b").unwrap();
    d.set_note(net("10.0.0.0/25"), "x|y\nnew row <b>*bold*</b> [l](http://e)").unwrap();
    let md = to_markdown(&d);
    let row = md.lines().nth(2).unwrap();
    assert_eq!(md.lines().count(), 4);
    assert_eq!(
        row,
        "| 10.0.0.0/25 | /25 | 126 | 10.0.0.0 – 10.0.0.127 | x\\|y new row \\<b\\>\\*bold\\*\\</b\\> \\[l\\](http://e) | \
         a \\| b / x\\|y new row \\<b\\>\\*bold\\*\\</b\\> \\[l\\](http://e) |"
    );
    // Exactly 7 unescaped pipes: the cell borders of 6 columns.
    let unescaped = row.char_indices().filter(|&(i, c)| c == '|' && !row[..i].ends_with('\\')).count();
    assert_eq!(unescaped, 7);
}

#[test]
fn tsv_has_no_stray_tabs_or_line_breaks_and_guards_formulas() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split(net("10.0.0.0/24"), 2).unwrap();
    d.set_note(net("10.0.0.0/25"), "a\tb\r\nc").unwrap();
    d.set_note(net("10.0.0.128/25"), "=HYPERLINK(\"x\")").unwrap();
    let tsv = to_tsv(&d);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "Subnet\tPrefix\tUsable hosts\tRange\tNote\tLabels");
    for l in &lines {
        assert_eq!(l.matches('\t').count(), 5, "{l:?}");
    }
    assert_eq!(lines[1], "10.0.0.0/25\t25\t126\t10.0.0.0 – 10.0.0.127\ta b  c\ta b  c");
    assert_eq!(lines[2], "10.0.0.128/25\t25\t126\t10.0.0.128 – 10.0.0.255\t'=HYPERLINK(\"x\")\t'=HYPERLINK(\"x\")");
}

#[test]
fn labels_from_a_file_cannot_smuggle_a_line_break_into_the_text_exports() {
    let mut d = Design::new(net("10.0.0.0/24"), Mode::Standard);
    d.split(net("10.0.0.0/24"), 2).unwrap();
    // Refused at the door, so the text exports never see them.
    assert!(d.clone().with_labels(vec![Label { node: net("10.0.0.0/24"), note: "a\nb".into() }]).is_err());
    assert_eq!(to_tsv(&d).lines().count(), 3);
}

#[test]
fn row_for_finds_the_leaf_of_an_address_or_a_block() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    d.split_all_to(30).unwrap();
    assert_eq!(d.len(), 16_384);
    // 10.3.7.9 is in 10.3.7.8/30: row (3 * 256 + 7) * 64 + 2.
    assert_eq!(d.row_for(" 10.0.7.9 ").unwrap(), 7 * 64 + 2);
    assert_eq!(d.leaves()[d.row_for("10.0.255.255").unwrap()].net, net("10.0.255.252/30"));
    // A block: the first leaf inside it, or the leaf it is part of.
    assert_eq!(d.leaves()[d.row_for("10.0.16.0/20").unwrap()].net, net("10.0.16.0/30"));
    assert_eq!(d.leaves()[d.row_for("10.0.16.0/31").unwrap()].net, net("10.0.16.0/30"));
    assert_eq!(d.row_for("10.0.0.0/16").unwrap(), 0);
    // With host bits: the address typed.
    assert_eq!(d.leaves()[d.row_for("10.0.9.9/16").unwrap()].net, net("10.0.9.8/30"));
    assert_eq!(d.row_for("10.1.0.0").unwrap_err().0, "10.1.0.0 is outside the base network 10.0.0.0/16");
    assert_eq!(d.row_for("10.0.0.0/8").unwrap_err().0, "10.0.0.0/8 is outside the base network 10.0.0.0/16");
    assert_eq!(d.row_for("2001:db8::1").unwrap_err().0, "2001:db8::1 is outside the base network 10.0.0.0/16");
    assert!(d.row_for("banana").unwrap_err().0.starts_with("'banana' is not an address or a block"));
    assert!(d.row_for("").unwrap_err().0.starts_with("Enter an address"));
    assert_eq!(d.row_for("10.0.0.1-10.0.0.9").unwrap_err().0, "Enter one address or one block to go to, not a range");
}
