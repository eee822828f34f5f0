//! The plan's extensions in v2 (after the plan body of `plan_v1.rs`). Tags, in the order
//! written:
//!
//! ```text
//! 1  avoid labels   one string (varint byte length + UTF-8) per network to avoid, in the
//!                   body's order; written only when some network has a label
//! ```

use crate::plan::Plan;
use crate::share::bytes::Reader;
use crate::share::extensions::Extensions;
use crate::share::plan_v1::{push_str, read_str};
use crate::share::{fail, ShareError};

/// Extension tag of the avoid list's labels.
const TAG_AVOID_LABELS: u8 = 1;

/// What `p` holds beyond the v1 plan body.
pub(super) fn extensions(p: &Plan) -> Extensions {
    let mut ext = Extensions::default();
    if p.avoid.iter().any(|a| !a.label.is_empty()) {
        let mut bytes = Vec::new();
        p.avoid.iter().for_each(|a| push_str(&mut bytes, &a.label));
        ext.push(TAG_AVOID_LABELS, bytes);
    }
    ext
}

/// `p` with the fields the link's extensions carry; an unknown extension fails the link.
pub(super) fn apply(mut p: Plan, mut ext: Extensions) -> Result<Plan, ShareError> {
    if let Some(bytes) = ext.take(TAG_AVOID_LABELS) {
        read_avoid_labels(&mut p, &bytes)?;
    }
    ext.finish()?;
    Ok(p)
}

/// Exactly one label per network to avoid, nothing after them, and not all empty (a link
/// without labels has no extension 1, so each plan has one encoding).
fn read_avoid_labels(p: &mut Plan, bytes: &[u8]) -> Result<(), ShareError> {
    let mut r = Reader::new(bytes);
    for a in &mut p.avoid {
        a.label = read_str(&mut r, "a network to avoid's label")?;
    }
    if !r.rest().is_empty() {
        return fail("This link is damaged: it has more labels than networks to avoid");
    }
    if p.avoid.iter().all(|a| a.label.is_empty()) {
        return fail("This link is damaged: its networks to avoid have an empty list of labels");
    }
    Ok(())
}
