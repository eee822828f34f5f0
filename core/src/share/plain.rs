//! Plain links: `#10.0.0.0/16`, a percent-encoded calculator input in Standard mode.

/// Characters left as they are: enough for addresses, prefixes and masks to stay readable.
fn is_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'/' | b'-' | b'_' | b'~')
}

/// Percent-encode `input`. A leading `v` is always escaped so the text can never look
/// like a versioned link (`v1.…`).
pub(super) fn encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for (i, b) in input.bytes().enumerate() {
        if is_safe(b) && !(i == 0 && b == b'v') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decode (a `%` not followed by two hex digits stays as it is); invalid UTF-8
/// becomes U+FFFD, which the calculator's parser then reports.
pub(super) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) if hex.is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit())) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
