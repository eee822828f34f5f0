//! Property tests of share links: round trips, stability, and robustness against truncated,
//! mutated and random input (never a panic, never an unbounded allocation).

mod design_support;

use cidrplan::share::{decode, encode, ShareState};
use cidrplan::Mode;
use design_support::{design, link_of as link, payload_of};
use proptest::prelude::*;

fn state() -> impl Strategy<Value = ShareState> {
    prop_oneof![
        3 => design().prop_map(ShareState::Design),
        1 => ("\\PC{0,40}|[0-9a-f:./ %#v-]{0,30}", 0usize..5)
            .prop_map(|(input, m)| ShareState::Calculator { input, mode: Mode::ALL[m] }),
    ]
}

/// Whatever a link decodes to must survive another trip unchanged.
fn assert_stable(fragment: &str) -> Result<(), TestCaseError> {
    if let Ok(s) = decode(fragment) {
        let again = encode(&s);
        prop_assert_eq!(decode(&again), Ok(s.clone()));
        prop_assert_eq!(encode(&s), again);
        if let ShareState::Design(d) = &s {
            design_support::assert_partition(d);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn encode_then_decode_gives_the_state_back(s in state()) {
        let link = encode(&s);
        prop_assert_eq!(decode(&link), Ok(s.clone()));
        prop_assert_eq!(decode(&format!("#{link}")), Ok(s.clone()));
        prop_assert!(link.bytes().all(|b| b.is_ascii_graphic() && b != b'#'));
        // A decoded link re-encodes to the very same string.
        prop_assert_eq!(encode(&decode(&link).unwrap()), link);
    }

    #[test]
    fn truncated_links_never_panic(s in state(), cut in any::<prop::sample::Index>()) {
        let link = encode(&s);
        let at = cut.index(link.len() + 1);
        let head = &link[..at];
        assert_stable(head)?;
        if link.starts_with("v2.") && at >= 3 && at < link.len() {
            prop_assert!(decode(head).is_err(), "a truncated versioned link must be refused: {head}");
        }
    }

    #[test]
    fn mutated_links_never_panic(s in state(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let mut bytes = encode(&s).into_bytes();
        if bytes.is_empty() {
            return Ok(());
        }
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        assert_stable(&text)?;
    }

    #[test]
    fn mutated_payloads_never_panic(d in design(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4), cut in any::<prop::sample::Index>()) {
        let mut payload = payload_of(&encode(&ShareState::Design(d)));
        for (at, b) in edits {
            let i = at.index(payload.len());
            payload[i] = b;
        }
        let at = cut.index(payload.len() + 1);
        assert_stable(&link("v2.", &payload))?;
        assert_stable(&link("v2.", &payload[..at]))?;
    }

    #[test]
    fn random_payloads_never_panic(kind in 0u8..3, body in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut payload = vec![kind];
        payload.extend(body);
        assert_stable(&link("v1.", &payload))?;
        assert_stable(&link("v2.", &payload))?;
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}|v[12]\\.[A-Za-z0-9_-]{0,200}|#?v[0-9]{1,3}\\..{0,50}") {
        assert_stable(&text)?;
    }
}
