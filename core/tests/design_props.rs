//! Property tests of the designer: the partition invariant survives any sequence of
//! operations, bars() agrees with a brute-force tree walk, exports and rebases round-trip.

mod design_support;

use cidrplan::design::{from_json, to_csv, to_json, Bar, Design};
use cidrplan::Cidr;
use design_support::{apply, assert_partition, base, design, op};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Every tree node (all ancestors of all leaves, down from the base), with its rows found by
/// scanning every leaf: the definition bars() must meet without the scan.
fn brute_force_bars(d: &Design, window: std::ops::Range<usize>) -> Vec<Bar> {
    let leaves = d.leaves();
    let mut nodes = BTreeSet::new();
    for l in leaves {
        for p in d.base().prefix()..=l.net.prefix() {
            nodes.insert(l.net.supernet(p).unwrap());
        }
    }
    let mut out = Vec::new();
    for node in nodes {
        let rows: Vec<usize> = (0..leaves.len()).filter(|&i| node.contains(leaves[i].net)).collect();
        let (first, last) = (rows[0], rows[rows.len() - 1]);
        if window.start < window.end && first < window.end && last >= window.start {
            out.push(Bar {
                node,
                depth: node.prefix() - d.base().prefix(),
                first_row: first,
                rows: rows.len(),
                is_leaf: rows.len() == 1 && leaves[first].net == node,
            });
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_ops_keeps_the_partition(base in base(), ops in prop::collection::vec(op(), 0..60)) {
        let mut d = Design::new(base, cidrplan::Mode::Standard);
        for o in &ops {
            apply(&mut d, o);
            assert_partition(&d);
            prop_assert!(d.len() <= cidrplan::design::MAX_LEAVES);
            prop_assert!(d.max_depth() <= base.host_bits());
        }
    }

    #[test]
    fn bars_match_brute_force(d in design(), a in 0usize..40, len in 0usize..12) {
        let window = a.min(d.len())..(a + len);
        let clamped = window.start..window.end.min(d.len());
        prop_assert_eq!(d.bars(window), brute_force_bars(&d, clamped));
    }

    #[test]
    fn every_row_has_one_bar_per_level(d in design()) {
        // Across the whole design, each row is covered by exactly depth+1 bars.
        let bars = d.bars(0..d.len());
        for (row, leaf) in d.leaves().iter().enumerate() {
            let covering: Vec<&Bar> = bars.iter().filter(|b| b.first_row <= row && row < b.first_row + b.rows).collect();
            prop_assert_eq!(covering.len(), (leaf.net.prefix() - d.base().prefix()) as usize + 1);
            prop_assert!(covering.iter().any(|b| b.is_leaf && b.node == leaf.net));
        }
    }

    #[test]
    fn span_and_join_agree_with_bars(d in design(), pick in any::<usize>()) {
        let bars = d.bars(0..d.len());
        let bar = bars[pick % bars.len()];
        prop_assert_eq!(d.span(bar.node).unwrap(), bar.first_row..bar.first_row + bar.rows);
        let mut j = d.clone();
        j.join(bar.node).unwrap();
        assert_partition(&j);
        prop_assert_eq!(j.len(), d.len() - bar.rows + 1);
        prop_assert_eq!(j.leaf_index(bar.node), Some(bar.first_row));
    }

    #[test]
    fn split_then_join_is_identity(d in design(), pick in any::<usize>(), sixteen in any::<bool>()) {
        let leaf = d.leaves()[pick % d.len()].net;
        let mut s = d.clone();
        if s.split(leaf, if sixteen { 16 } else { 2 }).is_ok() {
            assert_partition(&s);
            s.join(leaf).unwrap();
            prop_assert_eq!(s, d);
        }
    }

    #[test]
    fn json_round_trips(d in design()) {
        prop_assert_eq!(from_json(&to_json(&d)).unwrap(), d.clone());
        let csv = to_csv(&d);
        prop_assert_eq!(csv.matches("\r\n").count(), d.len() + 1 + d.leaves().iter().map(|l| l.note.matches('\n').count()).sum::<usize>());
    }

    #[test]
    fn summary_adds_up(d in design()) {
        let s = d.summary();
        prop_assert_eq!(s.noted.saturating_add(s.free), s.total);
        prop_assert_eq!(s.leaves, d.len());
    }

    #[test]
    fn rebase_round_trips(d in design(), shift in any::<u128>(), zoom_out in 0u8..6) {
        // Same size elsewhere and back.
        let b = d.base();
        let target = Cidr::containing(cidrplan::Addr::new(b.family(), shift & b.family().max_value()).unwrap(), b.prefix()).unwrap();
        let moved = d.rebase(target).unwrap();
        prop_assert!(moved.dropped.is_empty() && moved.dropped_labels.is_empty());
        assert_partition(&moved.design);
        prop_assert_eq!(moved.design.labels().len(), d.labels().len());
        let back = moved.design.rebase(b).unwrap();
        prop_assert_eq!(back.design, d.clone());
        // Zoom out and back in.
        let outer = b.supernet(b.prefix().saturating_sub(zoom_out)).unwrap();
        if let Ok(wide) = d.rebase(outer) {
            prop_assert!(wide.dropped.is_empty());
            assert_partition(&wide.design);
            let back = wide.design.rebase(b).unwrap();
            prop_assert_eq!(back.design, d.clone());
            prop_assert_eq!(back.dropped.len(), (b.prefix() - outer.prefix()) as usize);
            prop_assert!(back.dropped_labels.is_empty());
        }
    }

    #[test]
    fn zoom_in_keeps_exactly_what_fits(d in design(), pick in any::<usize>(), deeper in 0u8..4) {
        let leaf = d.leaves()[pick % d.len()].net;
        let target = leaf.supernet(leaf.prefix().saturating_sub(deeper).max(d.base().prefix())).unwrap();
        let z = d.rebase(target).unwrap();
        assert_partition(&z.design);
        let kept: Vec<_> = d.leaves().iter().filter(|l| target.contains(l.net)).cloned().collect();
        prop_assert_eq!(z.design.leaves(), &kept[..]);
        prop_assert_eq!(z.dropped.len() + kept.len(), d.len());
        let kept_labels: Vec<_> = d.labels().iter().filter(|l| target.contains(l.node)).cloned().collect();
        prop_assert_eq!(z.design.labels(), &kept_labels[..]);
        prop_assert_eq!(z.dropped_labels.len() + kept_labels.len(), d.labels().len());
    }

    /// No note or label is ever lost by a join: each one is in the joined leaf's note (unless
    /// the preview said the combined text is cut).
    #[test]
    fn join_keeps_every_note(d in design(), pick in any::<usize>(), up in 0u8..8) {
        let leaf = d.leaves()[pick % d.len()].net;
        let node = leaf.supernet(leaf.prefix().saturating_sub(up).max(d.base().prefix())).unwrap();
        let preview = d.join_preview(node).unwrap();
        let mut j = d.clone();
        j.join(node).unwrap();
        assert_partition(&j);
        let joined = &j.leaves()[j.leaf_index(node).unwrap()];
        prop_assert_eq!(joined, &preview.leaf);
        if !preview.cut {
            for l in d.leaves().iter().filter(|l| node.contains(l.net)) {
                prop_assert!(joined.note.contains(&l.note), "{} lost from {}", l.note, joined.note);
            }
            for l in d.labels().iter().filter(|l| node.contains(l.node)) {
                prop_assert!(joined.note.contains(&l.note), "{} lost from {}", l.note, joined.note);
            }
        }
        prop_assert!(j.labels().iter().all(|l| !node.contains(l.node)));
    }
}
