//! The design as text to paste: a Markdown table (for a ticket or a wiki page) and TSV (for a
//! spreadsheet), one row per leaf with the columns people read: subnet, prefix, usable hosts,
//! range, note and label path (as the CSV's `path` column). Notes come from people and from
//! imported files, so every cell is escaped for where it goes.

use super::{for_each_path, Design, PATH_SEPARATOR};
use crate::export::escape::{display, markdown};

/// Column headers of both formats.
const HEADERS: [&str; 6] = ["Subnet", "Prefix", "Usable hosts", "Range", "Note", "Labels"];

/// The design as a GitHub-flavoured Markdown table. Notes and labels are escaped by
/// [`markdown`]: a `|` cannot end a cell, a line break cannot end the row, and `<`, `*`, `[`
/// and the like stay text.
pub fn to_markdown(d: &Design) -> String {
    let mut out = String::with_capacity(96 + d.len() * 80);
    out.push_str("| ");
    out.push_str(&HEADERS.join(" | "));
    out.push_str(" |\n|---|---:|---:|---|---|---|\n");
    for_each_path(d, |leaf, path| {
        let net = leaf.net;
        let labels: Vec<String> = path.iter().map(|p| markdown(p)).collect();
        let cells = [
            net.to_string(),
            format!("/{}", net.prefix()),
            d.mode.usable(net).grouped(),
            format!("{} – {}", net.network(), net.last()),
            markdown(&leaf.note),
            labels.join(PATH_SEPARATOR),
        ];
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
    });
    out
}

/// The design as tab-separated values with a header row. A cell never holds a tab or a line
/// break (they become spaces), and a cell a spreadsheet would read as a formula or a quoted
/// field gets a leading apostrophe, as in the CSV.
pub fn to_tsv(d: &Design) -> String {
    let mut out = String::with_capacity(64 + d.len() * 64);
    out.push_str(&HEADERS.join("\t"));
    out.push('\n');
    for_each_path(d, |leaf, path| {
        let net = leaf.net;
        let cells = [
            net.to_string(),
            net.prefix().to_string(),
            d.mode.usable(net).to_string(),
            format!("{} – {}", net.network(), net.last()),
            tsv_cell(&leaf.note),
            tsv_cell(&path.join(PATH_SEPARATOR)),
        ];
        out.push_str(&cells.join("\t"));
        out.push('\n');
    });
    out
}

/// One TSV cell of free text: controls (tab, line breaks) and invisible formatting characters
/// become spaces ([`display`]); a leading `=`, `+`, `-`, `@` or `"` is guarded by `'`.
fn tsv_cell(text: &str) -> String {
    let shown = display(text);
    if shown.starts_with(['=', '+', '-', '@', '"']) {
        format!("'{shown}")
    } else {
        shown
    }
}
