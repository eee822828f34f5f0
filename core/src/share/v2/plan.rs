//! The plan's extensions in v2 (after the plan body of `plan_v1.rs`). Tags, in the order
//! written:
//!
//! ```text
//! 2  nat       u8 NatMode code (1 = shared, 2 = none); absent = per-zone
//! ```

use crate::plan::{NatMode, Plan};
use crate::share::extensions::Extensions;
use crate::share::{fail, ShareError};

const TAG_NAT: u8 = 2;

/// What `p` holds beyond the v1 plan body.
pub(super) fn extensions(p: &Plan) -> Extensions {
    let mut ext = Extensions::default();
    if p.nat != NatMode::default() {
        ext.push(TAG_NAT, vec![p.nat.code()]);
    }
    ext
}

/// `p` with the fields the link's extensions carry; an unknown extension fails the link.
pub(super) fn apply(mut p: Plan, mut ext: Extensions) -> Result<Plan, ShareError> {
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
