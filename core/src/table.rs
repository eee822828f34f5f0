//! The designer table's geometry: which rows are in view for a scroll position, and each
//! visible row's cells, including the split/join bars clipped to the window (a bar that starts
//! above the window is drawn from the window's first row). The web page only maps these to
//! `<tr>`/`<td>`; keeping it here means windowing is tested natively.

use crate::addr::Cidr;
use crate::design::{netmask_text, Color, Design};
use std::ops::Range;

/// Rows drawn above and below the visible ones, so fast scrolling shows no blank band.
pub const OVERSCAN: usize = 8;

/// The rows to render for a scroller at `scroll_top` pixels showing `view_height` pixels,
/// with every row `row_height` pixels tall.
pub fn window_for_scroll(scroll_top: f64, view_height: f64, row_height: f64, rows: usize) -> Range<usize> {
    if rows == 0 || row_height <= 0.0 || !row_height.is_finite() {
        return 0..0;
    }
    let top = if scroll_top.is_finite() { scroll_top.max(0.0) } else { 0.0 };
    let first_visible = (top / row_height).floor() as usize;
    let visible = if view_height.is_finite() { (view_height.max(0.0) / row_height).ceil() as usize } else { 0 };
    let start = first_visible.saturating_sub(OVERSCAN).min(rows.saturating_sub(1));
    let end = first_visible.saturating_add(visible).saturating_add(OVERSCAN + 1).min(rows);
    start..end.max(start + 1).min(rows)
}

/// One split/join cell starting in a row.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BarCell {
    /// The tree node the cell stands for.
    pub node: Cidr,
    /// Column: drawn levels above this one ([`Design::bar_levels`]); the base is column 0.
    pub column: u8,
    /// Rows this cell spans inside the window.
    pub rowspan: usize,
    /// Columns: a leaf's cell reaches the right edge; an internal node's reaches the column of
    /// the next level drawn under it (one column, or more for a 16-way bar).
    pub colspan: u8,
    /// A leaf's cell holds its split control; an internal node's cell is its join bar.
    pub is_leaf: bool,
    /// The node's prefix as shown on the bar ("/17").
    pub label: String,
    /// An internal node's group label ("us-east"), drawn on its join bar; empty for leaves
    /// (their note has its own column) and unlabelled nodes.
    pub note: String,
}

/// Everything one visible row shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RowView {
    /// Row number (the leaf's index in the design).
    pub index: usize,
    /// The row's subnet.
    pub net: Cidr,
    /// The netmask column: dotted for IPv4, `/64`-style for IPv6.
    pub netmask: String,
    /// The subnet's first address.
    pub first: String,
    /// The subnet's last address.
    pub last: String,
    /// "10.0.0.1 – 10.0.0.254", or "—" when the mode leaves nothing usable.
    pub usable_range: String,
    /// Usable addresses, short enough for its column ([`crate::Count::compact`]: `2⁶⁴`).
    pub usable: String,
    /// The exact count with separators, for the cell's tooltip.
    pub usable_exact: String,
    /// Terraform expression for the subnet relative to the base (`cidrsubnet("10.0.0.0/16", 4, 3)`).
    pub cidrsubnet: String,
    /// The leaf's note.
    pub note: String,
    /// The leaf's colour.
    pub color: Option<Color>,
    /// Why the mode does not accept this subnet's size, or why the size is unwise (an IPv6
    /// subnet longer than /64), if either.
    pub problem: Option<String>,
    /// Bars that start in this row, left (base) to right (deepest).
    pub cells: Vec<BarCell>,
}

/// The rows in `window` with their clipped bars.
pub fn rows_in_window(d: &Design, window: Range<usize>) -> Vec<RowView> {
    rows_in_window_at(d, &d.bar_levels(), window)
}

/// [`rows_in_window`] with the design's [`Design::bar_levels`] computed once by the caller
/// (they are linear in the design; scrolling only moves the window). Cost is proportional to
/// the window, not to the design.
pub fn rows_in_window_at(d: &Design, levels: &[u8], window: Range<usize>) -> Vec<RowView> {
    let start = window.start.min(d.len());
    let end = window.end.min(d.len()).max(start);
    // Column of binary level `depth`: the drawn levels above it.
    let column = |depth: u8| levels.partition_point(|&l| l < depth) as u8;
    let columns = levels.len() as u8;
    let mode = d.mode();
    let mut rows: Vec<RowView> = d
        .rows(start..end)
        .iter()
        .enumerate()
        .map(|(i, leaf)| {
            let net = leaf.net;
            let usable = mode.usable(net);
            let usable_range = match mode.usable_range(net) {
                Some((a, b)) if a == b => a.to_string(),
                Some((a, b)) => format!("{a} – {b}"),
                None => "—".to_string(),
            };
            RowView {
                index: start + i,
                net,
                netmask: netmask_text(net),
                first: net.network().to_string(),
                last: net.last().to_string(),
                usable_range,
                usable: usable.compact(),
                usable_exact: usable.grouped(),
                cidrsubnet: d.cidrsubnet_expr(net),
                note: leaf.note.clone(),
                color: leaf.color,
                problem: mode.size_problem(net).or_else(|| mode.size_warning(net).map(str::to_string)),
                cells: Vec::new(),
            }
        })
        .collect();
    for drawn in d.drawn_bars(start..end) {
        let bar = drawn.bar;
        let first = bar.first_row.max(start);
        let last = (bar.first_row + bar.rows).min(end);
        if first >= last {
            continue;
        }
        let col = column(bar.depth);
        let colspan = if bar.is_leaf { columns - col } else { column(bar.depth + drawn.levels) - col };
        if let Some(row) = rows.get_mut(first - start) {
            row.cells.push(BarCell {
                node: bar.node,
                column: col,
                rowspan: last - first,
                colspan,
                is_leaf: bar.is_leaf,
                label: format!("/{}", bar.node.prefix()),
                note: if bar.is_leaf { String::new() } else { d.label(bar.node).unwrap_or_default().to_string() },
            });
        }
    }
    for row in &mut rows {
        crate::sort::sort_few_by_key(&mut row.cells, |c| c.column);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;
    use crate::Mode;

    fn design(splits: &[&str]) -> Design {
        let mut d = Design::new(parse("10.0.0.0/16").unwrap().network(), Mode::Standard);
        for s in splits {
            d.split(parse(s).unwrap().network(), 2).unwrap();
        }
        d
    }

    #[test]
    fn window_covers_the_view_plus_overscan() {
        assert_eq!(window_for_scroll(0.0, 340.0, 34.0, 10_000), 0..19);
        let w = window_for_scroll(34_000.0, 340.0, 34.0, 10_000);
        assert_eq!(w, 992..1019);
        assert_eq!(window_for_scroll(1e12, 340.0, 34.0, 100), 99..100);
        assert_eq!(window_for_scroll(f64::NAN, f64::NAN, 34.0, 5), 0..5);
        assert_eq!(window_for_scroll(0.0, 100.0, 34.0, 0), 0..0);
    }

    /// Every visible row is covered exactly once in every column by the cells (a well-formed
    /// table: no hole, no overlap), whatever the window.
    #[test]
    fn cells_tile_the_window() {
        let d = design(&["10.0.0.0/16", "10.0.0.0/17", "10.0.128.0/17", "10.0.0.0/18", "10.0.192.0/18"]);
        let cols = d.bar_levels().len();
        for start in 0..d.len() {
            for end in start + 1..=d.len() {
                let rows = rows_in_window(&d, start..end);
                let h = end - start;
                let mut grid = vec![vec![0u8; cols]; h];
                for (r, row) in rows.iter().enumerate() {
                    for c in &row.cells {
                        let cols = c.column as usize..c.column as usize + c.colspan as usize;
                        for line in &mut grid[r..r + c.rowspan] {
                            line[cols.clone()].iter_mut().for_each(|x| *x += 1);
                        }
                    }
                }
                assert!(grid.iter().flatten().all(|&x| x == 1), "window {start}..{end}: {grid:?}");
            }
        }
    }

    #[test]
    fn row_text() {
        let d = design(&["10.0.0.0/16"]);
        let rows = rows_in_window(&d, 0..2);
        assert_eq!(rows[1].first, "10.0.128.0");
        assert_eq!(rows[1].usable_range, "10.0.128.1 – 10.0.255.254");
        assert_eq!(rows[1].cidrsubnet, "cidrsubnet(\"10.0.0.0/16\", 1, 1)");
        assert_eq!(rows[0].cells[0].label, "/16");
        assert!(!rows[0].cells[0].is_leaf);
        assert_eq!(rows[0].cells[0].rowspan, 2);
    }
}
