//! What the parser gives: a [`Parsed`] network or range with how it was written, or an
//! [`InputError`] that says what is wrong, where, and whether more typing could fix it.

use super::covering;
use crate::addr::{Addr, Cidr, Count, Family};
use std::fmt;
use std::ops::Range;

/// Whether typing more could make a rejected input valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is the start of something valid (`10.0`, `10.0.0.0/`, `2001:db8:`,
    /// `10.0.0.9 - 10.0.0.1` on its way to `10.0.0.100`): someone is still typing it.
    Incomplete,
    /// Nothing typed after it can make it valid (`10.0.0.256`, `10.0.x`, `10.0.0.0/33`).
    #[default]
    Invalid,
}

/// A rejection: the message for people, the byte range of the input it is about (for
/// highlighting), a corrected input when one is obvious, and whether more typing could still
/// make the input valid (set by [`parse`]; other entry points leave it [`ErrorKind::Invalid`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// What is wrong, for people.
    pub message: String,
    /// The byte range of the input the message is about, for highlighting.
    pub span: Option<Range<usize>>,
    /// A corrected input, when one is obvious.
    pub suggestion: Option<String>,
    /// Whether more typing could still make the input valid.
    pub kind: ErrorKind,
}

impl InputError {
    pub(crate) fn new(message: impl Into<String>) -> InputError {
        InputError { message: message.into(), span: None, suggestion: None, kind: ErrorKind::Invalid }
    }

    /// The input is only the start of something valid: more typing may fix it.
    pub fn is_incomplete(&self) -> bool {
        self.kind == ErrorKind::Incomplete
    }

    pub(crate) fn at(mut self, start: usize, len: usize) -> InputError {
        self.span = Some(start..start + len);
        self
    }

    pub(crate) fn suggest(mut self, s: impl Into<String>) -> InputError {
        self.suggestion = Some(s.into());
        self
    }

    /// Shift the span by `offset` (when a part was parsed on its own).
    pub(crate) fn shifted(mut self, offset: usize) -> InputError {
        self.span = self.span.map(|r| r.start + offset..r.end + offset);
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = &self.suggestion {
            // The message already asks "did you mean …?" when it has a suggestion.
            if !self.message.contains("did you mean") {
                write!(f, " (did you mean {s}?)")?;
            }
        }
        Ok(())
    }
}

impl InputError {
    /// The message where the input is not on screen (a command line, a log): it names what
    /// was typed ("Leading zeros are ambiguous in '010.0.0.1' — did you mean 10.0.0.1?"),
    /// unless it already says where (a prefix, or the input quoted), and ends with the
    /// suggestion like `Display`. Inputs over 80 characters are not repeated.
    pub fn for_input(&self, input: &str) -> String {
        let input = input.trim();
        let mut msg = self.message.clone();
        if !input.is_empty() && input.chars().count() <= 80 && !msg.contains(&format!("'{input}'")) {
            let at = format!(" in '{input}'");
            // The message's first part says what is wrong, the part after " — " what to do.
            match msg.find(" — ") {
                Some(i) if msg[..i].contains(" in ") => {}
                Some(i) => msg.insert_str(i, &at),
                None => msg.push_str(&at),
            }
        }
        if let Some(s) = &self.suggestion {
            if !msg.contains("did you mean") {
                msg.push_str(&format!(" (did you mean {s}?)"));
            }
        }
        msg
    }
}

impl std::error::Error for InputError {}

/// How the network part of the input was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkForm {
    /// `10.0.0.0/16`
    Prefix,
    /// `10.0.0.0/255.255.0.0` or `10.0.0.0 255.255.0.0`
    Netmask,
    /// `10.0.0.0/0.0.255.255`
    Wildcard,
    /// `10.0.0.1` (a /32 or /128)
    Address,
}

/// A single network (possibly written with an address inside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkInput {
    /// The network, host bits cleared.
    pub network: Cidr,
    /// The address typed, when it had host bits set (`10.0.0.5/16` → 10.0.0.5); `None` when
    /// the address typed was the network address itself.
    pub address: Option<Addr>,
    /// IPv6 zone id (`fe80::1%eth0` → `eth0`).
    pub zone: Option<String>,
    /// How the network was written.
    pub form: NetworkForm,
}

/// A range of addresses and the fewest CIDR blocks that cover it exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeInput {
    /// The range's first address.
    pub first: Addr,
    /// The range's last address (included).
    pub last: Addr,
    /// The fewest CIDR blocks covering the range exactly.
    pub cidrs: Vec<Cidr>,
}

impl RangeInput {
    /// How many addresses the range holds (`first` and `last` included).
    pub fn addresses(&self) -> Count {
        Count::new(self.last.value() - self.first.value()).saturating_add(Count::new(1))
    }
}

/// What [`parse`] read: a single network (or address), or a range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A network or a single address.
    Network(NetworkInput),
    /// A range of addresses (`10.0.0.0 - 10.0.3.255`).
    Range(RangeInput),
}

impl Parsed {
    /// One line saying what the input was understood as.
    pub fn describe(&self) -> String {
        match self {
            Parsed::Range(r) => {
                let n = r.cidrs.len();
                format!("Range {} – {} ({n} CIDR block{})", r.first, r.last, if n == 1 { "" } else { "s" })
            }
            Parsed::Network(n) => {
                let fam = if n.network.family() == Family::V4 { "IPv4" } else { "IPv6" };
                let what = match (n.form, n.address) {
                    (NetworkForm::Address, _) => format!("{fam} address"),
                    (_, Some(a)) => format!("{fam} address {a} in network {}", n.network),
                    (NetworkForm::Netmask, None) => format!("{fam} network written with a netmask"),
                    (NetworkForm::Wildcard, None) => format!("{fam} network written with a wildcard mask"),
                    (NetworkForm::Prefix, None) => format!("{fam} network"),
                };
                match &n.zone {
                    Some(z) => format!("{what}, zone {z} (the interface it is reached on)"),
                    None => what,
                }
            }
        }
    }

    /// The network the input stands for (for a range: the smallest block that covers it).
    pub fn network(&self) -> Cidr {
        match self {
            Parsed::Network(n) => n.network,
            Parsed::Range(r) => covering(r.first, r.last),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn for_input_names_what_was_typed_unless_the_message_says_where() {
        let e = crate::parse("010.0.0.1").unwrap_err();
        assert_eq!(e.for_input(" 010.0.0.1 "), "Leading zeros are ambiguous in '010.0.0.1' — did you mean 10.0.0.1?");
        let e = crate::parse("10.0.0.0/08").unwrap_err();
        assert_eq!(e.for_input("10.0.0.0/08"), e.to_string(), "the prefix is named already");
        // Named once, even where the parser's own message quotes it.
        let long = format!("{}x", "1".repeat(90));
        assert_eq!(crate::parse(&long).unwrap_err().for_input(&long).matches(&long).count(), 1);
    }
}
