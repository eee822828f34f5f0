//! The design's extensions in v2 (after v1's design body). Tags, in the order written:
//!
//! ```text
//! 1  labels   the group labels of inner nodes: for each inner node (split block) in
//!             pre-order, its label's UTF-8 followed by a zero byte (an unlabelled node is just
//!             the zero byte), like v1's leaf notes. Written only when some node has a label,
//!             so a design without labels keeps its exact link; a section whose labels are
//!             all empty, too short, too long or not clean text is refused as damaged.
//! ```

use crate::design::{sanitize_note, Design, Label, MAX_NOTE_CHARS};
use crate::share::bytes::Reader;
use crate::share::extensions::Extensions;
use crate::share::{fail, ShareError};

const TAG_LABELS: u8 = 1;
/// A label of MAX_NOTE_CHARS characters of at most 4 UTF-8 bytes each.
const MAX_LABEL_BYTES: usize = MAX_NOTE_CHARS * 4;

/// What `d` holds beyond v1's design body.
pub(super) fn extensions(d: &Design) -> Extensions {
    let mut ext = Extensions::default();
    if !d.labels().is_empty() {
        ext.push(TAG_LABELS, labels_bytes(d));
    }
    ext
}

/// One zero-terminated label per inner node, in pre-order (the labels are sorted the same way).
fn labels_bytes(d: &Design) -> Vec<u8> {
    let mut out = Vec::new();
    let mut labels = d.labels().iter().peekable();
    for node in d.inner_nodes() {
        if let Some(l) = labels.next_if(|l| l.node == node) {
            out.extend_from_slice(l.note.as_bytes());
        }
        out.push(0);
    }
    out
}

/// `d` with the fields the link's extensions carry; an unknown extension fails the link.
pub(super) fn apply(d: Design, mut ext: Extensions) -> Result<Design, ShareError> {
    let d = match ext.take(TAG_LABELS) {
        Some(bytes) => read_labels(d, &bytes)?,
        None => d,
    };
    ext.finish()?;
    Ok(d)
}

fn read_labels(d: Design, bytes: &[u8]) -> Result<Design, ShareError> {
    let mut r = Reader::new(bytes);
    let mut labels = Vec::new();
    for node in d.inner_nodes() {
        let raw = r.until_zero(MAX_LABEL_BYTES, "the group labels")?;
        let Ok(note) = std::str::from_utf8(raw) else {
            return fail(format!("This link is damaged: the label of {node} is not valid text"));
        };
        if note.chars().count() > MAX_NOTE_CHARS || sanitize_note(note) != note {
            return fail(format!("This link is damaged: the label of {node} is too long or has control characters"));
        }
        if !note.is_empty() {
            labels.push(Label { node, note: note.to_string() });
        }
    }
    r.finish().map_err(|_| ShareError("This link is damaged: its group labels do not match its split tree".into()))?;
    if labels.is_empty() {
        return fail("This link is damaged: its group labels section is empty");
    }
    d.with_labels(labels).map_err(|e| ShareError(format!("This link holds an invalid design: {e}")))
}
