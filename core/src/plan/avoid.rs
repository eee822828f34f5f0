//! The "networks to avoid" list as people type it: networks separated by newlines or commas,
//! each optionally followed by a label, `#` starting a comment.
//!
//! ```text
//! # data centres
//! 10.20.128.0/17 on-prem # DC1
//! 192.168.0.0/16, peered-vpc
//! 172.16.0.0/12 lab, 100.64.0.0/10 cgnat
//! 10.99.0.0/16 # old VPC
//! ```
//!
//! - A part after a comma that is not a network labels the network before it
//!   (`192.168.0.0/16, peered-vpc`), so both ways of writing a label work.
//! - A line with one network, no label and a comment takes the comment as its label
//!   (`10.99.0.0/16 # old VPC` is labelled "old VPC"); other comments are ignored.
//! - A network is anything the calculator reads as one network (`10.0.0.0/8`, a bare address,
//!   `10.0.0.0 255.0.0.0` is not: one word per network); host bits are refused with the
//!   network they probably meant, a range with the CIDR blocks that cover it.
//!
//! [`parse_avoid`] gives one result per network (or mistake) with its line number, so the
//! form can say which line is wrong; [`avoid_text`] writes a list back in this form.

use super::check::label_problem;
use super::model::{Avoid, MAX_AVOID};
use crate::parse::{parse_network, short};

/// One network of the list, or why a part of line `line` (1-based) is not one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AvoidLine {
    /// The line number, from 1.
    pub line: usize,
    /// The network and its label, or a message that names the line.
    pub entry: Result<Avoid, String>,
}

/// Every network of `text` in order, each with its line (see the module docs). Also refused,
/// each at its own line: a label the plan cannot hold and networks past [`MAX_AVOID`]. (A
/// network listed twice is harmless and kept.)
pub fn parse_avoid(text: &str) -> Vec<AvoidLine> {
    let mut out: Vec<AvoidLine> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let (body, comment) = raw.split_once('#').unwrap_or((raw, ""));
        let first = out.len();
        for part in body.split(',') {
            let part = squash(part);
            let Some(head) = part.split(' ').next().filter(|h| !h.is_empty()) else { continue };
            let label = part[head.len()..].trim();
            let entry = if looks_like_network(head) {
                parse_network(head).map(|cidr| Avoid { cidr, label: label.to_string() })
            } else {
                // A label after a comma names the network before it on this line.
                if let Some(AvoidLine { entry: Ok(prev), .. }) = out[first..].last_mut() {
                    if prev.label.is_empty() {
                        prev.label = part;
                        continue;
                    }
                }
                Err(format!(
                    "'{}' is not a network; write the network first, then its label (10.20.128.0/17 on-prem)",
                    short(head)
                ))
            };
            out.push(AvoidLine { line, entry });
        }
        let comment = squash(comment);
        if let [AvoidLine { entry: Ok(only), .. }] = &mut out[first..] {
            if only.label.is_empty() && label_problem(&comment).is_none() {
                only.label = comment;
            }
        }
    }
    let mut networks = 0;
    for l in &mut out {
        if let Ok(a) = &l.entry {
            networks += 1;
            let problem = if networks > MAX_AVOID {
                Some(format!("at most {MAX_AVOID} networks to avoid"))
            } else {
                label_problem(&a.label)
            };
            if let Some(m) = problem {
                l.entry = Err(m);
            }
        }
        // Every message names its line.
        if let Err(m) = &mut l.entry {
            *m = format!("Line {}: {m}", l.line);
        }
    }
    out
}

/// `s` trimmed, each run of whitespace one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The networks of `text`, or its first mistake (with how many more lines have one).
pub fn parse_avoid_list(text: &str) -> Result<Vec<Avoid>, String> {
    let lines = parse_avoid(text);
    let mut errors = lines.iter().filter_map(|l| l.entry.as_ref().err());
    match errors.next() {
        None => Ok(lines.into_iter().filter_map(|l| l.entry.ok()).collect()),
        Some(first) => {
            let more = errors.count();
            Err(match more {
                0 => first.clone(),
                1 => format!("{first} (and 1 more mistake)"),
                n => format!("{first} (and {n} more mistakes)"),
            })
        }
    }
}

/// `list` as text, one network a line with its label: [`parse_avoid`] reads it back.
pub fn avoid_text(list: &[Avoid]) -> String {
    list.iter().map(|a| a.to_string()).collect::<Vec<_>>().join("\n")
}

/// Whether `word` is meant as an address (so a mistake in it is reported, not taken as a
/// label): IPv4 starts with a digit and has a dot or slash; IPv6 has two colons and only hex
/// digits, colons and dots before any `/` or `%`.
fn looks_like_network(word: &str) -> bool {
    let v4 = word.starts_with(|c: char| c.is_ascii_digit()) && word.contains(['.', '/']);
    let addr = word.split(['/', '%']).next().unwrap_or("");
    let v6 = addr.matches(':').count() >= 2 && addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    v4 || v6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_words() {
        for w in ["10.0.0.0/8", "10.1.2.3", "fe80::1", "2001:db8::/32", "::/0", "10.0.0.300"] {
            assert!(looks_like_network(w), "{w}");
        }
        for w in ["on-prem", "peered-vpc", "2nd-dc", "db.internal", "cafe", "vpc:prod"] {
            assert!(!looks_like_network(w), "{w}");
        }
    }
}
