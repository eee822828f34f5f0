//! The design as CSV (RFC 4180), one row per leaf, guarded against spreadsheet formulas.

use super::{for_each_path, netmask_text, Design};

/// The CSV header, matching the cells of [`to_csv`]. The last three columns came with group
/// labels; they are last so that scripts reading the older columns by position still work.
pub const CSV_HEADER: &str =
    "subnet,netmask,first,last,first_usable,last_usable,usable,cidrsubnet,note,color,prefix,parent,path";

/// Separates the labels in the CSV's `path` column ("us-east / prod / web").
pub const PATH_SEPARATOR: &str = " / ";

/// The design as CSV (RFC 4180, CRLF line ends), one row per leaf. Cells are quoted where
/// needed and guarded against spreadsheet formula injection. `parent` is the block the leaf
/// was split from (empty for an unsplit base); `path` lists the labels of the groups holding
/// the leaf, outermost first, then the leaf's own note.
pub fn to_csv(d: &Design) -> String {
    let mut out = String::with_capacity(CSV_HEADER.len() + 2 + d.len() * 112);
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for_each_path(d, |leaf, path| {
        let net = leaf.net;
        let (fu, lu) = match d.mode.usable_range(net) {
            Some((f, l)) => (f.to_string(), l.to_string()),
            None => (String::new(), String::new()),
        };
        let parent =
            if net == d.base { String::new() } else { net.parent().map(|p| p.to_string()).unwrap_or_default() };
        let cells = [
            net.to_string(),
            netmask_text(net),
            net.network().to_string(),
            net.last().to_string(),
            fu,
            lu,
            d.mode.usable(net).to_string(),
            d.cidrsubnet_expr(net),
            leaf.note.clone(),
            leaf.color.map(|c| c.id().to_string()).unwrap_or_default(),
            net.prefix().to_string(),
            parent,
            path.join(PATH_SEPARATOR),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    });
    out
}

/// One CSV cell: a leading apostrophe when a spreadsheet would read it as a formula, then
/// quoted (with doubled quotes) when it holds a separator, quote or line break.
pub fn csv_cell(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}
