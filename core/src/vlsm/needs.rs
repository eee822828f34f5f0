//! Reading a need list. One need a line, the size last:
//!
//! ```text
//! Sales, 120          # hosts
//! Ops 50
//! Lab = 1,000 hosts   # thousands separators and a trailing "hosts" (or "h") are fine
//! Link /30            # a prefix instead of a host count
//! ```
//!
//! The name is everything before the size (spaces allowed), cleaned like a designer note;
//! names must be unique, because a re-run finds each need's old subnet by its name.

use crate::design::sanitize_note;
use crate::lines::{self, grouped, LineError};
use std::collections::HashMap;
use std::fmt;

/// Most needs in one list: far past AWS's 200 subnets per VPC, and small enough that the
/// design it becomes (needs plus free leaves) stays within the designer's leaf cap.
pub const MAX_NEEDS: usize = 1024;

/// How big a need is: hosts it must hold, or a prefix length given outright.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NeedSize {
    /// Hosts the subnet must hold.
    Hosts(u128),
    /// A prefix length given outright (`/30`).
    Prefix(u8),
}

impl fmt::Display for NeedSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            NeedSize::Hosts(1) => f.write_str("1 host"),
            NeedSize::Hosts(n) => write!(f, "{} hosts", crate::Count::new(n).grouped()),
            NeedSize::Prefix(p) => write!(f, "/{p}"),
        }
    }
}

/// One need: a name, a size and the line it came from (1-based).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Need {
    /// The need's name, cleaned like a designer note.
    pub name: String,
    /// How big it is.
    pub size: NeedSize,
    /// The line it came from (1-based).
    pub line: usize,
}

/// A read list: the needs in the order written, and the lines that could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NeedList {
    /// The needs, in the order written.
    pub needs: Vec<Need>,
    /// The lines that could not be read.
    pub errors: Vec<LineError>,
}

/// Read a pasted need list (see the module docs). Never fails as a whole.
pub fn parse_needs(text: &str) -> NeedList {
    let mut list = NeedList::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, body) in lines::content_lines(text) {
        if list.needs.len() == MAX_NEEDS {
            list.errors.push(lines::over_cap(line, MAX_NEEDS, "needs"));
            break;
        }
        let result = body.and_then(parse_need).and_then(|(name, size)| match seen.get(&name) {
            Some(&first) => Err(format!("'{name}' is already on line {}; names must be unique", grouped(first))),
            None => Ok((name, size)),
        });
        match result {
            Ok((name, size)) => {
                seen.insert(name.clone(), line);
                list.needs.push(Need { name, size, line });
            }
            Err(message) => list.errors.push(LineError { line, message }),
        }
    }
    list.errors.extend(lines::too_long(text));
    list
}

/// Characters that may stand between a name and its size.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '=' | ':' | ';')
}

/// One need, `name, 120` or `name /24` (also `name=120`, `name: 120 hosts`): the cleaned name
/// and the size, or why the text is not a need.
pub fn parse_need(text: &str) -> Result<(String, NeedSize), String> {
    let t = text.trim();
    let body = strip_hosts_word(t);
    let Some((number, start)) = trailing_number(body) else {
        return Err(format!(
            "'{t}' has no size: write a host count or a prefix after the name, like 'Sales, 120' or 'Sales /25'"
        ));
    };
    let before = &body[..start];
    let (name, size) = if let Some(name) = before.strip_suffix('/') {
        if number.contains([',', '_']) {
            return Err(format!("'/{number}' is not a prefix length"));
        }
        match number.parse::<u8>() {
            Ok(p) if p <= 128 => (name, NeedSize::Prefix(p)),
            _ => return Err(format!("'/{number}' is not a prefix length (at most /128)")),
        }
    } else {
        if !before.is_empty() && !before.ends_with(is_separator) {
            return Err(format!("'{t}': put a space or a comma between the name and the size"));
        }
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        match digits.parse::<u128>() {
            Ok(0) => return Err(format!("'{t}' asks for 0 hosts; a subnet holds at least 1")),
            Ok(n) => (before, NeedSize::Hosts(n)),
            Err(_) => return Err(format!("'{number}' is too large a host count")),
        }
    };
    let name = sanitize_note(name.trim_end_matches(is_separator));
    if name.is_empty() {
        return Err(format!("'{t}' has no name: write it before the size, like 'Sales, 120'"));
    }
    Ok((name, size))
}

/// `t` without a trailing `hosts`, `host` or `h` that follows a number (`120 hosts`, `120h`).
fn strip_hosts_word(t: &str) -> &str {
    let lower = t.to_ascii_lowercase();
    for word in ["hosts", "host", "h"] {
        if let Some(rest) = lower.strip_suffix(word) {
            let rest_t = &t[..rest.len()];
            let trimmed = rest_t.trim_end();
            let after_number = trimmed.ends_with(|c: char| c.is_ascii_digit());
            // "120h" or "120 hosts", but not "Branch" (no number before the h).
            if after_number && (word != "h" || rest_t.len() == trimmed.len()) {
                return trimmed;
            }
        }
    }
    t
}

/// The number at the end of `t` and where it starts: digits, `_` between digits, or groups of
/// three after commas (`1,000`). Of a run like `Link2,2` only the part after the last comma
/// that does not form a grouped number is taken (`2`), so a comma still separates.
fn trailing_number(t: &str) -> Option<(&str, usize)> {
    let in_run = |c: char| c.is_ascii_digit() || c == ',' || c == '_';
    let run_start = t.char_indices().rev().find(|&(_, c)| !in_run(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let run = &t[run_start..];
    // Candidate starts: the run itself and just after each comma in it, longest first.
    let starts = std::iter::once(0).chain(run.match_indices(',').map(|(i, _)| i + 1));
    for s in starts {
        let cand = &run[s..];
        if is_number(cand) {
            return Some((cand, run_start + s));
        }
    }
    None
}

/// `120`, `1_000`, `1,000,000` (first group 1–3 digits, then groups of exactly 3).
fn is_number(s: &str) -> bool {
    if s.is_empty() || s.starts_with('_') || s.ends_with('_') || s.contains("__") {
        return false;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut groups = s.split(',');
    let first = groups.next().unwrap_or("");
    if s.contains(',') {
        let ok_first = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
        ok_first && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        first.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(t: &str) -> (String, NeedSize) {
        parse_need(t).unwrap_or_else(|e| panic!("{t}: {e}"))
    }

    #[test]
    fn every_written_form() {
        let sales = ("Sales".to_string(), NeedSize::Hosts(120));
        for t in ["Sales, 120", "Sales 120", "Sales=120", "Sales: 120", "Sales\t120", "Sales,120", "Sales 120 hosts"] {
            assert_eq!(need(t), sales, "{t}");
        }
        assert_eq!(need("Sales 120h"), sales);
        assert_eq!(need("Link /30"), ("Link".into(), NeedSize::Prefix(30)));
        assert_eq!(need("Link, /30"), ("Link".into(), NeedSize::Prefix(30)));
        assert_eq!(need("Link/30"), ("Link".into(), NeedSize::Prefix(30)));
        assert_eq!(need("Big lab, 1,000"), ("Big lab".into(), NeedSize::Hosts(1000)));
        assert_eq!(need("Big lab 1_000 hosts"), ("Big lab".into(), NeedSize::Hosts(1000)));
        assert_eq!(need("Link2,2"), ("Link2".into(), NeedSize::Hosts(2)));
        assert_eq!(need("Team 7, 1,000"), ("Team 7".into(), NeedSize::Hosts(1000)));
        assert_eq!(need("Branch 5"), ("Branch".into(), NeedSize::Hosts(5)));
        assert_eq!(need("Café 5"), ("Café".into(), NeedSize::Hosts(5)));
        assert!(parse_need("Café5").is_err());
    }

    #[test]
    fn bad_needs_say_what_to_write() {
        assert!(parse_need("Sales").unwrap_err().contains("no size"));
        assert!(parse_need("120").unwrap_err().contains("no name"));
        assert!(parse_need("Sales 0").unwrap_err().contains("0 hosts"));
        assert!(parse_need("Sales120").unwrap_err().contains("space or a comma"));
        assert!(parse_need("Link /129").unwrap_err().contains("prefix"));
        assert!(parse_need("Big 999999999999999999999999999999999999999").unwrap_err().contains("too large"));
    }

    #[test]
    fn a_list_keeps_good_lines_and_names_bad_ones() {
        let list = parse_needs("# needs\nSales, 120\nOps\n\nLink /31 # p2p\nSales 5\n");
        let names: Vec<_> = list.needs.iter().map(|n| (n.name.as_str(), n.line)).collect();
        assert_eq!(names, [("Sales", 2), ("Link", 5)]);
        let errs: Vec<_> = list.errors.iter().map(|e| e.line).collect();
        assert_eq!(errs, [3, 6]);
        assert!(list.errors[1].message.contains("already on line 2"));
    }

    #[test]
    fn the_cap_is_an_error_on_the_first_line_past_it() {
        let text: String = (0..MAX_NEEDS + 3).map(|i| format!("n{i} 1\n")).collect();
        let list = parse_needs(&text);
        assert_eq!(list.needs.len(), MAX_NEEDS);
        assert_eq!(list.errors.len(), 1);
        assert_eq!(list.errors[0].line, MAX_NEEDS + 1);
    }
}
