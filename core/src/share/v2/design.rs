//! The design's extensions in v2 (after v1's design body). Tags, in the order written:
//!
//! ```text
//! (none yet)
//! ```

use crate::design::Design;
use crate::share::extensions::Extensions;
use crate::share::ShareError;

/// What `d` holds beyond v1's design body.
pub(super) fn extensions(_d: &Design) -> Extensions {
    Extensions::default()
}

/// `d` with the fields the link's extensions carry; an unknown extension fails the link.
pub(super) fn apply(d: Design, ext: Extensions) -> Result<Design, ShareError> {
    ext.finish()?;
    Ok(d)
}
