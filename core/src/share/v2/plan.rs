//! The plan's extensions in v2 (after the plan body of `plan_v1.rs`). Tags, in the order
//! written:
//!
//! ```text
//! 1  avoid labels   one string (varint byte length + UTF-8) per network to avoid, in the
//!                   body's order; written only when some network has a label
//! 2  nat            u8 NatMode code (1 = shared, 2 = none); absent = per-zone
//! 128 form draft   only in a ShareState::PlanDraft link: the plan the form holds while it
//!                   does not fit; the body before it is then the last plan that fitted, which
//!                   the diagram, table and exports show. Its bytes are a whole plan: a plan_v1
//!                   body and that plan's own extensions section (which may not hold a draft).
//! ```
//! Fields of `Plan` take tags below 128, so the draft, written last, keeps the tags in order.

use crate::plan::{NatMode, Plan};
use crate::share::bytes::Reader;
use crate::share::extensions::Extensions;
use crate::share::plan_v1::{self, push_str, read_str};
use crate::share::{fail, ShareError, ShareState};

/// Extension tag of the avoid list's labels.
const TAG_AVOID_LABELS: u8 = 1;
/// Extension tag of the NAT setting.
const TAG_NAT: u8 = 2;
/// Extension tag of the form's draft (fields of `Plan` take tags below it).
const TAG_DRAFT: u8 = 128;

/// What `p` holds beyond the v1 plan body.
fn extensions(p: &Plan) -> Extensions {
    let mut ext = Extensions::default();
    if p.avoid.iter().any(|a| !a.label.is_empty()) {
        let mut bytes = Vec::new();
        p.avoid.iter().for_each(|a| push_str(&mut bytes, &a.label));
        ext.push(TAG_AVOID_LABELS, bytes);
    }
    if p.nat != NatMode::default() {
        ext.push(TAG_NAT, vec![p.nat.code()]);
    }
    ext
}

/// `p` with the fields the link's extensions carry; an unknown extension fails the link.
fn apply(mut p: Plan, mut ext: Extensions) -> Result<Plan, ShareError> {
    if let Some(bytes) = ext.take(TAG_AVOID_LABELS) {
        read_avoid_labels(&mut p, &bytes)?;
    }
    if let Some(bytes) = ext.take(TAG_NAT) {
        p.nat = match bytes[..] {
            [code] => match NatMode::from_code(code) {
                // The default is never written: a link holding it was not made by cidrplan.
                Some(n) if n != NatMode::default() => n,
                _ => return fail(format!("This link is damaged: its NAT setting ({code}) is not valid")),
            },
            _ => return fail("This link is damaged: its NAT setting is not one byte"),
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::preset;
    use crate::share::{decode, encode, plan_v1, v1::KIND_PLAN, v2, ShareState};

    /// A v2 plan link whose extensions are exactly `ext` (tag, bytes).
    fn link_with(p: &Plan, ext: &[(u8, Vec<u8>)]) -> String {
        let mut payload = vec![KIND_PLAN];
        plan_v1::write(&mut payload, p);
        let mut e = Extensions::default();
        for (tag, bytes) in ext {
            e.push(*tag, bytes.clone());
        }
        e.write(&mut payload);
        v2::link(&payload)
    }

    #[test]
    fn nat_round_trips_and_the_default_adds_nothing() {
        let p = preset("aws-3az").unwrap();
        let default_link = encode(&ShareState::Plan(p.clone()));
        assert_eq!(default_link, link_with(&p, &[]), "per-zone (the default) writes no extension");
        for nat in NatMode::ALL {
            let q = Plan { nat, ..p.clone() };
            let link = encode(&ShareState::Plan(q.clone()));
            assert_eq!(decode(&link), Ok(ShareState::Plan(q)), "{nat}");
            assert_eq!(link == default_link, nat == NatMode::default(), "{nat}");
        }
    }

    #[test]
    fn a_damaged_nat_extension_is_refused() {
        let p = preset("aws-3az").unwrap();
        for (bytes, want) in [
            (vec![7], "its NAT setting (7) is not valid"),
            (vec![0], "its NAT setting (0) is not valid"),
            (vec![], "its NAT setting is not one byte"),
            (vec![1, 1], "its NAT setting is not one byte"),
        ] {
            let e = decode(&link_with(&p, &[(TAG_NAT, bytes.clone())])).unwrap_err();
            assert!(e.message().starts_with("This link is damaged") && e.message().contains(want), "{bytes:?}: {e}");
        }
        let ok = decode(&link_with(&p, &[(TAG_NAT, vec![NatMode::Shared.code()])])).unwrap();
        assert_eq!(ok, ShareState::Plan(Plan { nat: NatMode::Shared, ..p }));
    }
}
