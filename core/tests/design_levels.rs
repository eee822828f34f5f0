//! The designer's split/join columns for IPv6 (issue #9 item 10): a 16-way split is drawn as
//! one join bar, not four binary levels, while halving and IPv4 stay binary, labelled
//! in-between nodes stay drawn, and the windowed table still tiles.

mod design_support;

use cidrplan::design::Design;
use cidrplan::table::{rows_in_window, rows_in_window_at, BarCell};
use cidrplan::Mode;
use design_support::{design, net};
use proptest::prelude::*;

fn v6(base: &str) -> Design {
    Design::new(net(base), Mode::Standard)
}

/// Split every leaf of `d` into 16, `times` times.
fn sixteen_times(d: &mut Design, times: usize) {
    for _ in 0..times {
        let leaves: Vec<_> = d.leaves().iter().map(|l| l.net).collect();
        for l in leaves {
            d.split(l, 16).unwrap();
        }
    }
}

/// Each row's cells as (node, column, colspan).
fn cells(d: &Design, rows: std::ops::Range<usize>) -> Vec<Vec<(String, u8, u8)>> {
    rows_in_window(d, rows)
        .iter()
        .map(|r| r.cells.iter().map(|c: &BarCell| (c.node.to_string(), c.column, c.colspan)).collect())
        .collect()
}

/// Every row of every window is covered exactly once in every column (no hole, no overlap).
fn assert_tiles(d: &Design, start: usize, end: usize) {
    let cols = d.bar_levels().len();
    let rows = rows_in_window(d, start..end);
    let mut grid = vec![vec![0u8; cols]; end - start];
    for (r, row) in rows.iter().enumerate() {
        for c in &row.cells {
            assert!(c.colspan > 0, "empty cell {c:?}");
            for line in &mut grid[r..r + c.rowspan] {
                for x in &mut line[c.column as usize..c.column as usize + c.colspan as usize] {
                    *x += 1;
                }
            }
        }
    }
    assert!(grid.iter().flatten().all(|&x| x == 1), "window {start}..{end} of {}: {grid:?}", d.base());
}

#[test]
fn a_48_split_by_16_twice_draws_three_columns_not_nine() {
    let mut d = v6("2001:db8::/48");
    sixteen_times(&mut d, 1);
    assert_eq!(d.bar_levels(), [0, 4], "the /48's nibble bar and the /52 leaves");
    sixteen_times(&mut d, 1);
    assert_eq!(d.len(), 256);
    assert_eq!(d.bar_levels(), [0, 4, 8]);
    let first = cells(&d, 0..2);
    assert_eq!(
        first[0],
        [("2001:db8::/48".to_string(), 0, 1), ("2001:db8::/52".to_string(), 1, 1), ("2001:db8::/56".to_string(), 2, 1)]
    );
    assert_eq!(first[1], [("2001:db8:0:100::/56".to_string(), 2, 1)]);
    let rows = rows_in_window(&d, 0..1);
    assert_eq!(rows[0].cells[0].rowspan, 1, "clipped to the window");
    assert!(!rows[0].cells[0].is_leaf);
}

#[test]
fn a_48_to_64_plan_is_five_columns() {
    let mut d = v6("2001:db8::/48");
    d.split_all_to(64).unwrap();
    assert_eq!(d.len(), 65_536);
    assert_eq!(d.bar_levels(), [0, 4, 8, 12, 16]);
    // A window in the middle: every bar starts above it and is drawn from its first row.
    let w = 40_000..40_030;
    let rows = rows_in_window(&d, w.clone());
    let first: Vec<(u8, u8, usize)> = rows[0].cells.iter().map(|c| (c.column, c.colspan, c.rowspan)).collect();
    assert_eq!(first, [(0, 1, 30), (1, 1, 30), (2, 1, 30), (3, 1, 16), (4, 1, 1)]);
    assert_eq!(rows[0].cells[0].node, net("2001:db8::/48"));
    assert_eq!(rows[0].cells[3].node.prefix(), 60);
    assert_tiles(&d, w.start, w.end);
}

#[test]
fn halving_stays_binary_and_mixes_with_sixteen() {
    let mut d = v6("2001:db8::/48");
    d.split(net("2001:db8::/48"), 2).unwrap();
    assert_eq!(d.bar_levels(), [0, 1]);
    // The first half split by 16, the second halved twice.
    d.split(net("2001:db8::/49"), 16).unwrap();
    d.split(net("2001:db8:0:8000::/49"), 2).unwrap();
    d.split(net("2001:db8:0:8000::/50"), 2).unwrap();
    assert_eq!(d.bar_levels(), [0, 1, 2, 3, 5], "/53 leaves under the 16-way /49; /50 and /51 beside it");
    let rows = cells(&d, 0..d.len());
    assert_eq!(
        rows[0],
        [("2001:db8::/48".to_string(), 0, 1), ("2001:db8::/49".to_string(), 1, 3), ("2001:db8::/53".to_string(), 4, 1)],
        "the nibble bar spans the columns its branch skips"
    );
    assert_eq!(
        rows[16],
        [
            ("2001:db8:0:8000::/49".to_string(), 1, 1),
            ("2001:db8:0:8000::/50".to_string(), 2, 1),
            ("2001:db8:0:8000::/51".to_string(), 3, 2)
        ]
    );
    for start in 0..d.len() {
        for end in start + 1..=d.len() {
            assert_tiles(&d, start, end);
        }
    }
}

#[test]
fn a_labelled_in_between_node_keeps_its_group_binary() {
    let mut d = v6("2001:db8::/48");
    d.split(net("2001:db8::/48"), 16).unwrap();
    d.set_note(net("2001:db8::/50"), "west").unwrap();
    assert_eq!(d.bar_levels(), [0, 1, 2, 3, 4]);
    let first = rows_in_window(&d, 0..1).remove(0);
    let labelled = first.cells.iter().find(|c| c.node == net("2001:db8::/50")).expect("the /50 is drawn");
    assert_eq!(labelled.note, "west");
    d.set_note(net("2001:db8::/50"), "").unwrap();
    assert_eq!(d.bar_levels(), [0, 4], "without the label the 16-way bar is back");
}

#[test]
fn a_partial_sixteen_is_drawn_binary() {
    let mut d = v6("2001:db8::/48");
    d.split(net("2001:db8::/48"), 16).unwrap();
    // Joining one /51 leaves 15 blocks: not a 16-way split any more.
    d.join(net("2001:db8::/51")).unwrap();
    assert_eq!(d.bar_levels(), [0, 1, 2, 3, 4]);
    // Joining the nibble bar joins all 16.
    let mut e = v6("2001:db8::/48");
    e.split(net("2001:db8::/48"), 16).unwrap();
    e.join(net("2001:db8::/48")).unwrap();
    assert_eq!(e.len(), 1);
}

#[test]
fn ipv4_is_always_binary() {
    let mut d = Design::new(net("10.0.0.0/16"), Mode::Standard);
    d.split(net("10.0.0.0/16"), 16).unwrap();
    assert_eq!(d.bar_levels(), [0, 1, 2, 3, 4]);
    assert_eq!(rows_in_window(&d, 0..1)[0].cells.len(), 5);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the design (both families, 16-way and binary splits, labels) and window, the
    /// cells tile the window and a leaf's cell ends at the last column.
    #[test]
    fn cells_tile_any_window(d in design(), a in 0usize..64, b in 0usize..64) {
        let (start, end) = (a.min(b) % d.len(), (a.max(b) % d.len()) + 1);
        let (start, end) = (start.min(end - 1), end.max(start + 1));
        assert_tiles(&d, start, end);
        let cols = d.bar_levels().len() as u8;
        for row in rows_in_window(&d, start..end) {
            let leaf = row.cells.last().expect("a leaf cell");
            prop_assert!(leaf.is_leaf);
            prop_assert_eq!(leaf.column + leaf.colspan, cols);
        }
    }
}

/// The column layout is computed once per edit and every scroll draws a window with it: on
/// the largest IPv6 design (65,536 /64s) both stay cheap (this guards against a per-row or
/// quadratic walk).
#[test]
fn levels_of_the_largest_ipv6_design_are_cheap() {
    let mut d = v6("2001:db8::/48");
    d.split_all_to(64).unwrap();
    let t = std::time::Instant::now();
    let levels = d.bar_levels();
    let once = t.elapsed();
    assert_eq!(levels.len(), 5);
    let t = std::time::Instant::now();
    for w in 0..100 {
        assert_eq!(rows_in_window_at(&d, &levels, w * 600..w * 600 + 40).len(), 40);
    }
    let window = t.elapsed() / 100;
    println!("65,536 /64s: bar_levels {once:?}, a 40-row window {window:?}");
    // Generous bounds for a debug build on a loaded machine; release is ~10× faster.
    assert!(once < std::time::Duration::from_millis(500), "{once:?}");
    assert!(window < std::time::Duration::from_millis(20), "{window:?}");
}
