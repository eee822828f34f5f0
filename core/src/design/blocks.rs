//! Small helpers on blocks and labels: aligned blocks, prefix arithmetic, note checks, the
//! leaf a join makes, and label lists kept sorted.

use super::*;

/// The aligned block of `prefix` starting at `value`, if `value` is a valid aligned start.
pub(super) fn block(family: Family, value: u128, prefix: u8) -> Option<Cidr> {
    Cidr::exact(Addr::new(family, value)?, prefix)
}

/// The `k`-th block of `prefix` inside `net` (the caller keeps `k` in range).
pub(super) fn nth_block(net: Cidr, prefix: u8, k: u128) -> Option<Cidr> {
    let host = net.width().checked_sub(prefix)?;
    let offset = if host >= 128 { 0 } else { k.checked_shl(host as u32)? };
    block(net.family(), net.network().value().checked_add(offset)?, prefix)
}

/// 2^bits as a `u128`, saturating (the number of `bits`-deeper blocks in a block).
pub(super) fn pow2_saturating(bits: u8) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        1u128 << bits
    }
}

/// Prefix length of the deepest block holding both `a` and `b` (same family).
pub(super) fn common_prefix_len(a: Cidr, b: Cidr) -> u8 {
    let w = a.width() as u32;
    let diff = a.network().value() ^ b.network().value();
    let equal_bits = (diff.leading_zeros() - (128 - w)).min(w) as u8;
    equal_bits.min(a.prefix()).min(b.prefix())
}

/// `n` with thousands separators.
pub(super) fn grouped(n: u128) -> String {
    Count::new(n).grouped()
}

/// Clean free text into a note: tabs and line breaks become spaces, other control and
/// bidirectional-override characters are dropped (they could disguise a note in a table or a
/// spreadsheet), the ends are trimmed and the text is cut to [`MAX_NOTE_CHARS`] characters.
/// Idempotent, so a stored note always equals its sanitized form.
pub fn sanitize_note(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c })
        .filter(|&c| !c.is_control() && !is_bidi_control(c))
        .collect();
    let cut: String = cleaned.trim().chars().take(MAX_NOTE_CHARS).collect();
    cut.trim_end().to_string()
}

/// Unicode bidirectional embedding, override and isolate controls (Trojan Source): refused
/// in notes here and in the planner's names and labels (`plan/check.rs`).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// Why `note` cannot be stored as it is, if it cannot.
pub(super) fn note_problem(net: Cidr, note: &str) -> Option<String> {
    if note.is_empty() {
        return None;
    }
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Some(format!("The note of {net} is {chars} characters long; notes are at most {MAX_NOTE_CHARS}"));
    }
    (sanitize_note(note) != note)
        .then(|| format!("The note of {net} contains control characters or leading/trailing spaces"))
}

/// The netmask column: dotted for IPv4, `/64`-style for IPv6 (nobody writes IPv6 netmasks).
pub fn netmask_text(net: Cidr) -> String {
    match net.family() {
        Family::V4 => net.netmask().to_string(),
        Family::V6 => format!("/{}", net.prefix()),
    }
}

/// The leaf that joining `node` makes from the `labels` and `leaves` under it (both sorted):
/// the distinct notes in address order (a node's label before what lies inside it), separated
/// by "; ", and the first colour. See the module docs.
pub(super) fn joined_leaf(node: Cidr, labels: &[Label], leaves: &[Leaf]) -> JoinPreview {
    let (mut li, mut fi) = (0, 0);
    // The notes kept so far: at most MAX_NOTE_CHARS / 3 of them fit, so a linear search for
    // repeats is cheap; past the limit nothing more is kept, only counted.
    let mut kept: Vec<&str> = Vec::new();
    let mut chars = 0usize;
    let mut notes = 0;
    let mut cut = false;
    // Merge the two sorted lists by node: a label sorts before the leaves inside its node.
    while li < labels.len() || fi < leaves.len() {
        let take_label = match (labels.get(li), leaves.get(fi)) {
            (Some(l), Some(f)) => l.node < f.net,
            (Some(_), None) => true,
            _ => false,
        };
        let note = if take_label {
            li += 1;
            labels[li - 1].note.as_str()
        } else {
            fi += 1;
            leaves[fi - 1].note.as_str()
        };
        if note.is_empty() {
            continue;
        }
        notes += 1;
        if cut || kept.contains(&note) {
            continue;
        }
        let sep = if kept.is_empty() { 0 } else { 2 };
        chars += sep + note.chars().count();
        cut = chars > MAX_NOTE_CHARS;
        kept.push(note);
    }
    let text = kept.join("; ");
    let note = if cut {
        // Keep room for the ellipsis that says the text goes on.
        let start: String = text.chars().take(MAX_NOTE_CHARS - 1).collect();
        format!("{}…", start.trim_end())
    } else {
        text
    };
    let leaf = Leaf { net: node, note: sanitize_note(&note), color: leaves.iter().find_map(|l| l.color) };
    JoinPreview { leaf, notes, cut }
}

/// The sort key of leaves. A named function rather than a closure: each closure would compile
/// its own copy of the standard sort into the web bundle, this one is shared.
pub(super) fn leaf_net(l: &Leaf) -> Cidr {
    l.net
}

/// `labels` sorted by node, with the leaves' sort (see [`leaf_net`]). Labels arrive sorted
/// from every writer; only a hand-edited file may need it.
pub(super) fn sorted_labels(labels: Vec<Label>) -> Vec<Label> {
    if labels.windows(2).all(|p| p[0].node <= p[1].node) {
        return labels;
    }
    let mut as_leaves: Vec<Leaf> =
        labels.into_iter().map(|l| Leaf { net: l.node, note: l.note, color: None }).collect();
    as_leaves.sort_by_key(leaf_net);
    as_leaves.into_iter().map(|l| Label { node: l.net, note: l.note }).collect()
}

/// Two label lists, each sorted and with no node in both, as one sorted list.
pub(super) fn merge_sorted(a: Vec<Label>, b: Vec<Label>) -> Vec<Label> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x.node < y.node { a.next() } else { b.next() };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    out
}

/// The blocks of `prefix` in `net`, each without a note and with `color` (the caller has
/// checked that the count is within [`MAX_LEAVES`]).
pub(super) fn split_parts(net: Cidr, color: Option<Color>, prefix: u8, out: &mut Vec<Leaf>) {
    let parts = pow2_saturating(prefix - net.prefix());
    for k in 0..parts {
        let Some(child) = nth_block(net, prefix, k) else { break };
        out.push(Leaf { net: child, note: String::new(), color });
    }
}
