//! Pasted lists, as the list tools and the VLSM need list read them: one item a line, `#`
//! starts a comment, blank lines are skipped, and a line that cannot be read becomes a
//! [`LineError`] naming its line while every other line keeps working.

use crate::addr::Count;
use std::fmt;

/// Longest line read, in bytes; a longer line is one error (nobody types a 4 KiB network).
pub const MAX_LINE_BYTES: usize = 4096;

/// Largest pasted text read, in bytes: 16 MiB is 65,536 lines of 256 bytes, beyond any list
/// people paste, and bounds the work before a single line is looked at.
pub const MAX_TEXT_BYTES: usize = 16 << 20;

/// One line that could not be read: its 1-based number and what is wrong, for people.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", Count::new(self.line as u128).grouped(), self.message)
    }
}

/// The content lines of `text`: `(line number, text without its comment, trimmed)`, blank and
/// comment-only lines skipped. An over-long line comes back as an error in its place. Text
/// past [`MAX_TEXT_BYTES`] is not read; [`too_long`] says so.
pub fn content_lines(text: &str) -> impl Iterator<Item = (usize, Result<&str, String>)> {
    readable(text).lines().enumerate().filter_map(|(i, raw)| {
        if raw.len() > MAX_LINE_BYTES {
            let msg = format!("the line is {} bytes long; a line is at most {MAX_LINE_BYTES}", grouped(raw.len()));
            return Some((i + 1, Err(msg)));
        }
        let body = raw.split_once('#').map_or(raw, |(b, _)| b).trim();
        (!body.is_empty()).then_some((i + 1, Ok(body)))
    })
}

/// The error for text longer than [`MAX_TEXT_BYTES`], naming the first line left unread.
pub fn too_long(text: &str) -> Option<LineError> {
    if text.len() <= MAX_TEXT_BYTES {
        return None;
    }
    Some(LineError {
        line: readable(text).lines().count() + 1,
        message: format!(
            "the text is {} bytes long; only the first {} are read, so this line and the ones after it are left out",
            grouped(text.len()),
            grouped(MAX_TEXT_BYTES)
        ),
    })
}

/// The error for the first item over a list's cap of `max` `what` (e.g. "networks").
pub fn over_cap(line: usize, max: usize, what: &str) -> LineError {
    LineError {
        line,
        message: format!("a list holds at most {} {what}; this line and the ones after it are left out", grouped(max)),
    }
}

/// The whole lines of `text` within [`MAX_TEXT_BYTES`] (a line cut by the limit is not read).
fn readable(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    // `\n` is one byte and never inside a UTF-8 sequence, so the cut is a char boundary.
    let end = text.as_bytes()[..MAX_TEXT_BYTES].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    &text[..end]
}

pub(crate) fn grouped(n: usize) -> String {
    Count::new(n as u128).grouped()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped_and_numbers_kept() {
        let text = "# header\n\n10.0.0.0/8 # office\n   \n  x  \n";
        let got: Vec<_> = content_lines(text).collect();
        assert_eq!(got, vec![(3, Ok("10.0.0.0/8")), (5, Ok("x"))]);
    }

    #[test]
    fn long_lines_are_errors_in_place() {
        let long = "1".repeat(MAX_LINE_BYTES + 1);
        let text = format!("a\n{long}\nb");
        let got: Vec<_> = content_lines(&text).map(|(n, r)| (n, r.is_ok())).collect();
        assert_eq!(got, vec![(1, true), (2, false), (3, true)]);
        assert!(too_long(&text).is_none());
    }

    #[test]
    fn crlf_lines_are_read() {
        let got: Vec<_> = content_lines("a\r\nb\r\n").map(|(n, r)| (n, r.unwrap())).collect();
        assert_eq!(got, vec![(1, "a"), (2, "b")]);
    }
}
