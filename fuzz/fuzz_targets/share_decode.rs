//! Share links from strangers: any fragment → `share::decode`. An accepted state must encode
//! to a link that decodes to the same state (and re-encodes to the same link).
//!
//! Input whose first byte is 0x00 is a raw v1 *payload*: the target deflates and base64url-
//! encodes the rest into a `v1.` link first, so the fuzzer reaches the binary readers instead
//! of stopping at base64 and inflate errors. Any other input is the fragment text itself.
#![no_main]

use cidrplan::share::{self, ShareState};
use libfuzzer_sys::fuzz_target;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn v1_link(payload: &[u8]) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec(payload, 1);
    let mut out = String::from("v1.");
    let (mut acc, mut bits) = (0u32, 0);
    for b in bytes {
        acc = acc << 8 | b as u32;
        bits += 8;
        while bits >= 6 {
            bits -= 6;
            out.push(ALPHABET[(acc >> bits & 63) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[(acc << (6 - bits) & 63) as usize] as char);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let link = match data.split_first() {
        Some((0, payload)) => v1_link(payload),
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    let Ok(state) = share::decode(&link) else { return };

    // decode(encode(x)) == x for every state whose link is within the size limits (a plain
    // link percent-encodes, and another compressor may have packed the original tighter).
    if let Ok(again) = share::encode_checked(&state) {
        assert_eq!(again, share::encode(&state), "encode_checked and encode disagree");
        match share::decode(&again) {
            Ok(back) => {
                assert_eq!(back, state, "decode(encode(x)) != x for link {again}");
                assert_eq!(share::encode(&back), again, "encoding is not deterministic");
            }
            Err(e) => panic!("re-encoded link {again} does not open: {e}"),
        }
    }

    // What the app does next with each kind of state.
    match &state {
        ShareState::Calculator { input, .. } => {
            let _ = cidrplan::parse(input);
        }
        ShareState::Design(d) => {
            let _ = d.summary();
            let _ = cidrplan::design::to_csv(d);
        }
        ShareState::Plan(p) => {
            let _ = p.validate();
            let _ = p.layout();
        }
        ShareState::PlanDraft { fitted, form } => {
            for p in [fitted, form] {
                let _ = p.validate();
                let _ = p.layout();
            }
        }
    }
});
