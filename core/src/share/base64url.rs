//! base64url (RFC 4648 §5, no padding), strict both ways: the transport of versioned links.

use super::{fail, ShareError};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 without padding.
pub(super) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..chunk.len() + 1 {
            out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    } as u32)
}

/// Strict decoding: only the URL-safe alphabet, no padding, no stray bits, so every
/// accepted text is the one [`encode`] would write.
pub(super) fn decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return fail("This link is truncated or damaged: its data has an impossible length");
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            let Some(v) = value(c) else {
                return fail(if c.is_ascii_graphic() {
                    format!("This link is damaged: '{}' cannot appear in it", c as char)
                } else {
                    "This link is damaged: it contains characters that cannot appear in it".to_string()
                });
            };
            n |= v << (18 - 6 * k);
        }
        let full = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = chunk.len() - 1;
        out.extend_from_slice(&full[..keep]);
        if full[keep..].iter().any(|&b| b != 0) {
            return fail("This link is damaged: its last character is wrong");
        }
    }
    Ok(out)
}
