//! Why a need list does not fit, in numbers, and what would: a bigger base, or the fewest
//! needs to halve. Every suggestion is checked by laying the changed list out.
//!
//! Fitting does not depend on the order: each block goes to the lowest free block aligned to
//! its size, and with power-of-two sizes that never strands free space a later block could
//! use, so a list fits exactly when its sizes add up to at most the base (`vlsm_props.rs`
//! checks this against a brute-force search).

use super::place::{allocate, Sized};
use super::{usable_at, Order};
use crate::addr::{Cidr, Count};
use crate::mode::Mode;
use std::fmt;

/// Needs named in a shrink suggestion before it says "and N more".
const SHRINK_NAMED: usize = 6;

/// A need to halve: its name, its prefix now and the prefix that would make the list fit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Shrink {
    /// The need's name.
    pub name: String,
    /// Its prefix now.
    pub from: u8,
    /// The prefix that would make the list fit.
    pub to: u8,
    /// Usable addresses at `to` under the mode.
    pub usable: Count,
}

/// A need list that does not fit its base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFit {
    /// The base network the needs were laid out in.
    pub base: Cidr,
    /// The order they were placed in.
    pub order: Order,
    /// Addresses the needs' subnets take together.
    pub needed: Count,
    /// Addresses in the base.
    pub available: Count,
    /// The smallest base around this one that holds the list (checked), if any.
    pub bigger_base: Option<Cidr>,
    /// The fewest needs to halve so that the list fits (checked); empty when halving is not
    /// enough or not allowed by the mode.
    pub shrink: Vec<Shrink>,
    message: String,
}

impl NotFit {
    /// The whole explanation in one paragraph.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Addresses missing.
    pub fn short(&self) -> Count {
        match (self.needed.as_u128(), self.available.as_u128()) {
            (Some(n), Some(a)) => Count::new(n.saturating_sub(a)),
            (None, Some(a)) => Count::pow2(128).saturating_sub(a),
            _ => Count::ZERO,
        }
    }

    pub(super) fn explain(base: Cidr, mode: Mode, order: Order, sized: &[Sized]) -> Box<NotFit> {
        let prefixes: Vec<u8> = sized.iter().map(|s| s.sizing.prefix).collect();
        let needed = prefixes.iter().fold(Count::ZERO, |acc, &p| acc.saturating_add(Count::pow2(base.width() - p)));
        let mut nf = NotFit {
            base,
            order,
            needed,
            available: base.size(),
            bigger_base: bigger_base(base, &prefixes, order, needed),
            shrink: shrink(base, mode, order, sized),
            message: String::new(),
        };
        nf.message = nf.compose(&prefixes);
        Box::new(nf)
    }

    fn compose(&self, prefixes: &[u8]) -> String {
        let base = self.base;
        let sizes = sizes_text(prefixes);
        let mut m = format!(
            "The needs take {sizes} = {} addresses, but {base} has {}: {} short",
            self.needed.grouped(),
            self.available.grouped(),
            self.short().grouped()
        );
        let mut fixes = Vec::new();
        if let Some(b) = self.bigger_base {
            fixes.push(format!("use a /{} base such as {b}", b.prefix()));
        }
        if !self.shrink.is_empty() {
            let named: Vec<String> = self
                .shrink
                .iter()
                .take(SHRINK_NAMED)
                .map(|s| format!("{} to /{} ({} usable)", s.name, s.to, s.usable.grouped()))
                .collect();
            let more = self.shrink.len().saturating_sub(SHRINK_NAMED);
            let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
            fixes.push(format!("shrink {}{tail}", and_list(&named)));
        }
        if !fixes.is_empty() {
            m.push_str(". To fit, ");
            m.push_str(&fixes.join(", or "));
        }
        m.push('.');
        m
    }
}

impl fmt::Display for NotFit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NotFit {}

/// "2 × /25 + 1 × /26", largest first; past four sizes the rest are summed up as "…".
fn sizes_text(prefixes: &[u8]) -> String {
    let mut counts: Vec<(u8, usize)> = Vec::new();
    let mut sorted = prefixes.to_vec();
    sorted.sort_unstable();
    for p in sorted {
        match counts.last_mut() {
            Some((q, n)) if *q == p => *n += 1,
            _ => counts.push((p, 1)),
        }
    }
    let mut parts: Vec<String> = counts.iter().take(4).map(|(p, n)| format!("{n} × /{p}")).collect();
    if counts.len() > 4 {
        parts.push("…".to_string());
    }
    parts.join(" + ")
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Bits needed to count `n` addresses as one block: ceil(log2 n).
fn bits_for(n: Count) -> u8 {
    match n.as_u128() {
        None => 128,
        Some(0 | 1) => 0,
        Some(v) => (128 - (v - 1).leading_zeros()) as u8,
    }
}

/// The smallest block around `base` that holds the list, checked by laying it out there.
fn bigger_base(base: Cidr, prefixes: &[u8], order: Order, needed: Count) -> Option<Cidr> {
    let bits = bits_for(needed);
    let w = base.width();
    if bits > w {
        return None;
    }
    let bigger = base.supernet(w - bits)?;
    allocate(bigger, prefixes, order).map(|_| bigger)
}

/// The fewest needs to halve (largest first) so that the list fits, checked by layout.
fn shrink(base: Cidr, mode: Mode, order: Order, sized: &[Sized]) -> Vec<Shrink> {
    let (_, longest) = mode.prefix_range(base.family());
    let w = base.width();
    let mut prefixes: Vec<u8> = sized.iter().map(|s| s.sizing.prefix).collect();
    let size_of = |p: u8| Count::pow2(w - p).as_u128();
    let total: Option<u128> = prefixes.iter().try_fold(0u128, |acc, &p| acc.checked_add(size_of(p)?));
    let available = base.size().as_u128();
    let mut saved: u128 = 0;
    let mut out = Vec::new();
    for i in super::place::sequence(&prefixes.clone(), Order::Size) {
        let p = prefixes[i];
        if p >= longest || p >= w {
            continue;
        }
        prefixes[i] = p + 1;
        saved = saved.saturating_add(size_of(p + 1).unwrap_or(u128::MAX));
        out.push(Shrink {
            name: sized[i].need.name.clone(),
            from: p,
            to: p + 1,
            usable: usable_at(mode, base.family(), p + 1),
        });
        // The list fits once the sizes add up to the base (see the module docs): lay it out
        // then, once, to check.
        let sum_fits = match (total, available) {
            (Some(t), Some(a)) => t.saturating_sub(saved) <= a,
            (_, None) => true,
            (None, Some(_)) => false,
        };
        if sum_fits {
            return if allocate(base, &prefixes, order).is_some() { out } else { Vec::new() };
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use crate::vlsm::{parse_needs, place, Order};
    use crate::Mode;

    fn c(s: &str) -> crate::Cidr {
        crate::parse(s).unwrap().network()
    }

    #[test]
    fn says_by_how_much_and_what_would_fit() {
        let needs = parse_needs("Sales 200\nOps 100\nDev 50").needs;
        let e = place(c("10.0.0.0/24"), Mode::Standard, &needs, Order::Size).unwrap_err();
        // /24 + /25 + /26 = 448 addresses in a /24.
        assert_eq!(e.short().as_u128(), Some(192));
        assert_eq!(e.bigger_base, Some(c("10.0.0.0/23")));
        let shrunk: Vec<_> = e.shrink.iter().map(|s| (s.name.as_str(), s.to)).collect();
        assert_eq!(shrunk, [("Sales", 25), ("Ops", 26)]);
        assert_eq!(
            e.message(),
            "The needs take 1 × /24 + 1 × /25 + 1 × /26 = 448 addresses, but 10.0.0.0/24 has 256: 192 short. \
             To fit, use a /23 base such as 10.0.0.0/23, or shrink Sales to /25 (126 usable) and Ops to /26 (62 usable)."
        );
    }

    #[test]
    fn one_need_larger_than_the_base() {
        let needs = parse_needs("Campus 5000\nLink 2").needs;
        let e = place(c("10.0.0.0/24"), Mode::Standard, &needs, Order::Listed).unwrap_err();
        // A /19 for the campus plus a /31 for the link: only a /18 holds both.
        assert_eq!(e.bigger_base, Some(c("10.0.0.0/18")));
        assert!(e.shrink.is_empty(), "halving a /19 once does not bring it into a /24");
        assert!(e.message().ends_with("To fit, use a /18 base such as 10.0.0.0/18."), "{}", e.message());
    }

    #[test]
    fn no_shrink_past_the_modes_smallest_subnet() {
        let needs = parse_needs("a 1\nb 1\nc 1").needs;
        let e = place(c("10.0.0.0/28"), Mode::Aws, &needs, Order::Size).unwrap_err();
        assert!(e.shrink.is_empty());
        assert_eq!(e.bigger_base, Some(c("10.0.0.0/26")));
    }
}
