//! Changing a design's base network: what the typed base means, what the change would do to
//! the design, and the move itself.
//!
//! The rules ([`Design::base_change`]), in order:
//! 1. A design that holds no work ([`Design::is_untouched`]) starts fresh as one leaf, whatever
//!    the new base: growing 10.0.0.0/16 to 10.0.0.0/8 gives one /8, not nine leaves padding
//!    the old /16.
//! 2. Another IP version always starts fresh; with work, the UI asks first
//!    ([`BaseChange::Replace`]).
//! 3. The same size moves every leaf and label by the same offset (nothing is lost).
//! 4. A smaller base keeps what lies inside it (the window where it lies in the old base, or
//!    the start of the old base when it lies elsewhere) and lists what would be dropped, for
//!    the UI to ask ([`BaseChange::Shrink`]).
//! 5. A larger base that holds the old one offers a choice ([`BaseChange::Grow`]): keep the
//!    design as the subtree at the old base (the rest of the new base padded with the fewest
//!    free leaves), or start fresh.
//! 6. A larger base elsewhere does not hold the design: it starts fresh, after asking
//!    ([`BaseChange::Replace`]).

use super::{block, Design, DesignError, Label, Leaf};
use crate::addr::Cidr;
use crate::parse::{covering, parse, ErrorKind, InputError, NetworkForm, Parsed};

/// What changing the base would do, for the UI to apply at once or ask about. Every variant
/// that changes the design holds the finished design, so applying a choice cannot fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseChange {
    /// The base is already this network.
    Same,
    /// Nothing the user made is lost (a same-size move, or a design without work starting
    /// fresh): apply without asking.
    Apply(Design),
    /// A smaller base: `design` keeps what fits; `dropped` are the leaves and
    /// `dropped_labels` the group labels that would go. Ask before applying.
    Shrink {
        /// The design on the smaller base: what fits.
        design: Design,
        /// Leaves that would be dropped.
        dropped: Vec<Cidr>,
        /// Group labels that would be dropped.
        dropped_labels: Vec<Label>,
    },
    /// A larger base holding the old one: `kept` is the design inside it (as the subtree at
    /// `at`, the old base), `fresh` the new base as one leaf. Offer both.
    Grow {
        /// The design kept as the subtree at `at`, the rest of the new base in free leaves.
        kept: Design,
        /// The old base, inside the new one.
        at: Cidr,
        /// The new base as one leaf.
        fresh: Design,
    },
    /// The design cannot move there (`reason` says why, for people): starting fresh replaces
    /// the work, so ask.
    Replace {
        /// The new base as one leaf.
        fresh: Design,
        /// Why the design cannot move there, for people.
        reason: String,
    },
}

/// A design moved onto another base by [`Design::rebase`], with what did not fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebased {
    /// The design on the new base.
    pub design: Design,
    /// Old leaves that lie outside the new base.
    pub dropped: Vec<Cidr>,
    /// Old labels whose nodes lie outside the new base or contain it.
    pub dropped_labels: Vec<Label>,
}

/// The base network typed in the designer: one network, written with a prefix length or a
/// netmask. What would otherwise be guessed at is refused with a message for people and, when
/// one is obvious, the network to use instead in `suggestion` (shown as a one-click fix, as
/// in the calculator): host bits (`10.0.0.1/16`), a range, a bare address.
pub fn parse_base(text: &str) -> Result<Cidr, InputError> {
    let refuse = |message: String, suggestion: Option<Cidr>| InputError {
        message,
        span: None,
        suggestion: suggestion.map(|c| c.to_string()),
        kind: ErrorKind::Invalid,
    };
    match parse(text)? {
        Parsed::Range(r) => {
            let cover = covering(r.first, r.last);
            Err(match r.cidrs.as_slice() {
                [one] => refuse(
                    format!("{} – {} is a range; it is exactly the network {one} — use it?", r.first, r.last),
                    Some(*one),
                ),
                _ => refuse(
                    format!(
                        "{} – {} is a range, not one network; the smallest network that holds it is {cover} — use it?",
                        r.first, r.last
                    ),
                    Some(cover),
                ),
            })
        }
        Parsed::Network(n) => match (n.form, n.address) {
            (NetworkForm::Address, _) => {
                let addr = n.network.network();
                Err(refuse(
                    format!("{addr} is one address; give the base network a prefix length, such as {addr}/24"),
                    None,
                ))
            }
            (_, Some(_)) => {
                Err(refuse(format!("Host bits are set in {} — use {}?", text.trim(), n.network), Some(n.network)))
            }
            _ => Ok(n.network),
        },
    }
}

impl Design {
    /// What moving onto `new_base` would do, by the rules in this module's docs. Changes
    /// nothing; the UI applies the design of the variant the user chooses.
    pub fn base_change(&self, new_base: Cidr) -> BaseChange {
        let fresh = Design::new(new_base, self.mode);
        if new_base == self.base {
            return BaseChange::Same;
        }
        if self.is_untouched() {
            return BaseChange::Apply(fresh);
        }
        let work = self.work_summary();
        if new_base.family() != self.base.family() {
            let reason = format!(
                "{new_base} is an IPv{} network and your design ({work}) is IPv{}, so it cannot move there",
                new_base.family().number(),
                self.base.family().number()
            );
            return BaseChange::Replace { fresh, reason };
        }
        if new_base.prefix() < self.base.prefix() && !new_base.contains(self.base) {
            let reason = format!("{new_base} does not hold {}, where your design ({work}) is", self.base);
            return BaseChange::Replace { fresh, reason };
        }
        match self.rebase(new_base) {
            Err(e) => BaseChange::Replace { fresh, reason: e.to_string() },
            Ok(r) if new_base.prefix() < self.base.prefix() => {
                BaseChange::Grow { kept: r.design, at: self.base, fresh }
            }
            Ok(r) if r.dropped.is_empty() && r.dropped_labels.is_empty() => BaseChange::Apply(r.design),
            Ok(r) => BaseChange::Shrink { design: r.design, dropped: r.dropped, dropped_labels: r.dropped_labels },
        }
    }

    /// "12 subnets, 3 notes": what a replacement would throw away, in words.
    pub fn work_summary(&self) -> String {
        let n = self.len();
        let notes = self.leaves.iter().filter(|l| l.has_note()).count() + self.labels.len();
        let mut s = format!("{n} subnet{}", if n == 1 { "" } else { "s" });
        if notes > 0 {
            s.push_str(&format!(", {notes} note{}", if notes == 1 { "" } else { "s" }));
        }
        s
    }

    /// The design moved onto `new_base`, keeping the mode, plus what did not fit. Works in
    /// host bits, so the family may change too:
    /// - same size: every leaf and label moves by the same offset (nothing is dropped);
    /// - smaller (zoom in): the window is where `new_base` lies inside the old base, or the
    ///   start of the old base when it lies elsewhere; leaves and labels inside the window
    ///   move, a leaf holding the whole window becomes the single leaf (keeping its note),
    ///   the rest is dropped;
    /// - larger (zoom out): the old design moves to where the old base lies inside `new_base`
    ///   (or to its start) and the rest is padded with the fewest free leaves.
    pub fn rebase(&self, new_base: Cidr) -> Result<Rebased, DesignError> {
        let (old_h, new_h) = (self.base.host_bits(), new_base.host_bits());
        let old_start = self.base.network().value();
        let new_start = new_base.network().value();
        let internal = || DesignError(format!("Internal error moving the design onto {new_base}"));
        // `net` of the old design, moved from `from` (old addresses) to `to` (new addresses).
        let moved = |net: Cidr, from: u128, to: u128| -> Result<Cidr, DesignError> {
            let rel = net.network().value() - from;
            let prefix = new_base.width() - net.host_bits();
            block(new_base.family(), to.checked_add(rel).ok_or_else(internal)?, prefix).ok_or_else(internal)
        };
        let (window, from, to) = if new_h <= old_h {
            let offset = if self.base.contains(new_base) { new_start - old_start } else { 0 };
            let window =
                block(self.base.family(), old_start + offset, self.base.width() - new_h).ok_or_else(internal)?;
            (window, old_start + offset, new_start)
        } else {
            let place = if self.base.family() == new_base.family() && new_base.contains(self.base) {
                old_start - new_start
            } else {
                0
            };
            (self.base, old_start, new_start + place)
        };
        let mut leaves = Vec::with_capacity(self.leaves.len());
        let mut dropped = Vec::new();
        for leaf in &self.leaves {
            if window.contains(leaf.net) {
                leaves.push(Leaf { net: moved(leaf.net, from, to)?, ..leaf.clone() });
            } else if leaf.net.contains(window) {
                leaves.push(Leaf { net: new_base, ..leaf.clone() });
            } else {
                dropped.push(leaf.net);
            }
        }
        let mut labels = Vec::new();
        let mut dropped_labels = Vec::new();
        for label in &self.labels {
            if window.contains(label.node) {
                labels.push(Label { node: moved(label.node, from, to)?, note: label.note.clone() });
            } else {
                dropped_labels.push(label.clone());
            }
        }
        if new_h > old_h {
            let image = block(new_base.family(), to, new_base.width() - old_h).ok_or_else(internal)?;
            let padding = crate::ops::padding_around(new_base, image);
            self.check_cap((leaves.len() + padding.len()) as u128, &format!("Moving the design onto {new_base}"))?;
            leaves.extend(padding.into_iter().map(Leaf::free));
        }
        let design = Design::from_leaves(new_base, self.mode, leaves)?.with_labels(labels)?;
        Ok(Rebased { design, dropped, dropped_labels })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_fix() {
        let e = parse_base("10.0.0.1/16").unwrap_err();
        assert_eq!(e.message, "Host bits are set in 10.0.0.1/16 — use 10.0.0.0/16?");
        assert_eq!(e.suggestion.as_deref(), Some("10.0.0.0/16"));
        let e = parse_base("10.0.0.0 - 10.0.3.255").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("10.0.0.0/22"));
        assert!(e.message.contains("exactly the network 10.0.0.0/22"), "{}", e.message);
        let e = parse_base("10.0.0.1-10.0.0.9").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("10.0.0.0/28"));
        assert!(e.message.contains("smallest network that holds it is 10.0.0.0/28"), "{}", e.message);
        let e = parse_base("10.1.2.3").unwrap_err();
        assert_eq!(e.suggestion, None);
        assert!(e.message.starts_with("10.1.2.3 is one address"), "{}", e.message);
        assert_eq!(parse_base(" 10.0.0.0 255.255.0.0 ").unwrap().to_string(), "10.0.0.0/16");
        assert_eq!(parse_base("2001:db8::/48").unwrap().to_string(), "2001:db8::/48");
        // A parse error is the parser's own, with its fix.
        assert_eq!(parse_base("10.0.0.01/16").unwrap_err().suggestion.as_deref(), Some("10.0.0.1/16"));
    }
}
