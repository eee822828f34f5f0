//! The plan's extensions in v2 (after the plan body of `plan_v1.rs`). Tags, in the order
//! written:
//!
//! ```text
//! 128  form draft (only in a ShareState::PlanDraft link): the plan the form holds while it
//!      does not fit; the body before it is then the last plan that fitted, which the
//!      diagram, table and exports show. Its bytes are a whole plan: a plan_v1 body and that
//!      plan's own extensions section (which may not hold a draft itself).
//! ```
//! Fields of `Plan` take tags below 128, so the draft, written last, keeps the tags in order.

use super::super::bytes::Reader;
use super::super::plan_v1;
use crate::plan::Plan;
use crate::share::extensions::Extensions;
use crate::share::{ShareError, ShareState};

const TAG_DRAFT: u8 = 128;

/// What `p` holds beyond the v1 plan body.
fn extensions(_p: &Plan) -> Extensions {
    Extensions::default()
}

/// `p` with the fields the link's extensions carry; an unknown extension fails the link.
fn apply(p: Plan, ext: Extensions) -> Result<Plan, ShareError> {
    ext.finish()?;
    Ok(p)
}

/// The plan body of `shown` with its extensions and, when given, the form's draft.
pub(super) fn write(out: &mut Vec<u8>, shown: &Plan, draft: Option<&Plan>) {
    plan_v1::write(out, shown);
    let mut ext = extensions(shown);
    if let Some(form) = draft {
        let mut bytes = Vec::new();
        plan_v1::write(&mut bytes, form);
        extensions(form).write(&mut bytes);
        ext.push(TAG_DRAFT, bytes);
    }
    ext.write(out);
}

/// A plan body and its extensions: a plan, or a plan with the form's draft.
pub(super) fn read(r: &mut Reader) -> Result<ShareState, ShareError> {
    let shown = plan_v1::read(r)?;
    let mut ext = Extensions::read(r)?;
    let draft = ext.take(TAG_DRAFT);
    let shown = apply(shown, ext)?;
    let Some(bytes) = draft else { return Ok(ShareState::Plan(shown)) };
    let mut d = Reader::new(&bytes);
    let form = plan_v1::read(&mut d)?;
    let mut form_ext = Extensions::read(&mut d)?;
    if form_ext.take(TAG_DRAFT).is_some() {
        return Err(ShareError("This link is damaged: its unfinished plan holds another one".into()));
    }
    let form = apply(form, form_ext)?;
    d.finish()?;
    Ok(ShareState::PlanDraft { fitted: shown, form })
}
