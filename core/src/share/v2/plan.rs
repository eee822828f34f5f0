//! The plan's extensions in v2 (after the plan body of `plan_v1.rs`). Tags, in the order
//! written:
//!
//! ```text
//! (none yet)
//! ```

use crate::plan::Plan;
use crate::share::extensions::Extensions;
use crate::share::ShareError;

/// What `p` holds beyond the v1 plan body.
pub(super) fn extensions(_p: &Plan) -> Extensions {
    Extensions::default()
}

/// `p` with the fields the link's extensions carry; an unknown extension fails the link.
pub(super) fn apply(p: Plan, ext: Extensions) -> Result<Plan, ShareError> {
    ext.finish()?;
    Ok(p)
}
