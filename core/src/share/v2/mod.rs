//! Version 2, the format the app writes: `v2.` + base64url(raw deflate(payload)). The payload
//! is v1's (see `v1.rs` and `plan_v1.rs`) with one addition: every kind's body ends with an
//! extensions section (see `extensions.rs`). Nothing may follow it.
//!
//! ```text
//! kind          u8     0 = calculator, 1 = design, 2 = plan
//! body          the kind's v1 body
//! extensions    the kind's fields added since v1, tagged (design.rs and plan.rs list them)
//! ```

mod design;
mod plan;

use super::bytes::Reader;
use super::extensions::Extensions;
use super::v1::{self, KIND_CALCULATOR, KIND_DESIGN, KIND_PLAN};
use super::{base64url, deflate, ShareError, ShareState};
use crate::design::Design;
use crate::mode::Mode;
use crate::plan::Plan;

const PREFIX: &str = "v2.";

pub(super) fn encode(state: &ShareState) -> String {
    link(&payload(state))
}

/// The link text of an uncompressed payload.
pub(super) fn link(payload: &[u8]) -> String {
    format!("{PREFIX}{}", base64url::encode(&deflate::compress(payload)))
}

/// A calculator's link: its payload stored, not compressed (see [`deflate::store`]).
pub(super) fn calculator_link(input: &str, mode: Mode) -> String {
    format!("{PREFIX}{}", base64url::encode(&deflate::store(&calculator_payload(input, mode))))
}

/// The uncompressed payload (exposed to the parent for the size check).
pub(super) fn payload(state: &ShareState) -> Vec<u8> {
    match state {
        ShareState::Calculator { input, mode } => calculator_payload(input, *mode),
        ShareState::Design(d) => design_payload(d),
        ShareState::Plan(p) => plan_payload(p, None),
        ShareState::PlanDraft { fitted, form } => plan_payload(fitted, Some(form)),
    }
}

/// One payload writer per kind, so a caller that writes one kind links only its writer.
pub(super) fn calculator_payload(input: &str, mode: Mode) -> Vec<u8> {
    let mut out = vec![KIND_CALCULATOR];
    v1::write_calculator(&mut out, input, mode);
    Extensions::default().write(&mut out);
    out
}

pub(super) fn design_payload(d: &Design) -> Vec<u8> {
    let mut out = vec![KIND_DESIGN];
    v1::write_design(&mut out, d);
    design::extensions(d).write(&mut out);
    out
}

/// `shown` is the plan drawn; `draft` the form, when the two differ.
pub(super) fn plan_payload(shown: &Plan, draft: Option<&Plan>) -> Vec<u8> {
    let mut out = vec![KIND_PLAN];
    plan::write(&mut out, shown, draft);
    out
}

/// The payload after its kind byte: the kind's v1 body and its extensions.
pub(super) fn read_kind(kind: u8, r: &mut Reader) -> Result<ShareState, ShareError> {
    match kind {
        KIND_CALCULATOR => {
            let state = v1::read_calculator(r)?;
            Extensions::read(r)?.finish()?;
            Ok(state)
        }
        KIND_DESIGN => {
            let d = v1::read_design(r)?;
            Ok(ShareState::Design(design::apply(d, Extensions::read(r)?)?))
        }
        KIND_PLAN => plan::read(r),
        k => super::unknown_kind(k),
    }
}
