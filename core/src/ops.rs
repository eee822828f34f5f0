//! Operations on networks: split (lazily), Terraform's cidrsubnet/cidrhost/cidrsubnets,
//! supernet, aggregate, exclude, and range → CIDRs.
//!
//! All arithmetic is on `u128` values, identical for both families. Nothing here builds a list
//! whose size the caller did not ask for: splitting 10.0.0.0/8 into /32s is an iterator.

use crate::addr::{host_mask, Addr, Cidr, Count, Family};

crate::error::message_error! {
    /// A refused operation, with a message that names the numbers involved.
    OpError
}

fn err<T>(m: impl Into<String>) -> Result<T, OpError> {
    Err(OpError(m.into()))
}

fn same_family(a: Cidr, b: Cidr) -> Result<(), OpError> {
    if a.family() == b.family() {
        Ok(())
    } else {
        err(format!("{a} and {b} are not of the same IP version"))
    }
}

/// The subnets of one size inside a network, produced on demand.
#[derive(Clone, Debug)]
pub struct Subnets {
    family: Family,
    prefix: u8,
    next: u128,
    remaining: Count,
    total: Count,
}

impl Subnets {
    /// How many subnets there are in all (up to 2^128).
    pub fn total(&self) -> Count {
        self.total
    }

    /// The prefix length of each subnet.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }
}

impl Iterator for Subnets {
    type Item = Cidr;

    fn next(&mut self) -> Option<Cidr> {
        if self.remaining == Count::ZERO {
            return None;
        }
        let c = Cidr::exact(Addr::new(self.family, self.next)?, self.prefix)?;
        self.remaining = self.remaining.saturating_sub(1);
        let step = host_mask(self.family.width(), self.prefix).wrapping_add(1);
        self.next = self.next.wrapping_add(step);
        Some(c)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.remaining.as_u128().and_then(|r| usize::try_from(r).ok()) {
            Some(n) => (n, Some(n)),
            None => (usize::MAX, None),
        }
    }
}

/// The subnets of `net` with prefix `new_prefix`, lazily.
pub fn split(net: Cidr, new_prefix: u8) -> Result<Subnets, OpError> {
    let w = net.width();
    if new_prefix > w {
        return err(format!("/{new_prefix} is longer than an IPv{} address (/{w})", net.family().number()));
    }
    if new_prefix < net.prefix() {
        return err(format!("Can't split {net} into /{new_prefix}s: a /{new_prefix} is larger than the network"));
    }
    let total = Count::pow2(new_prefix - net.prefix());
    Ok(Subnets { family: net.family(), prefix: new_prefix, next: net.network().value(), remaining: total, total })
}

/// Split into `n` equal parts. `n` is rounded up to a power of two (which is all a CIDR block
/// can be split into); the result says what `n` became so the caller can tell the user.
pub fn split_count(net: Cidr, n: u128) -> Result<(Subnets, u128), OpError> {
    if n == 0 {
        return err("Split into at least 1 part");
    }
    let bits = if n == 1 { 0 } else { 128 - (n - 1).leading_zeros() };
    let new_prefix = net.prefix() as u32 + bits;
    if new_prefix > net.width() as u32 {
        return err(format!("{net} can't be split into {n} parts: it holds only {} addresses", net.size()));
    }
    let rounded = 1u128 << bits;
    Ok((split(net, new_prefix as u8)?, rounded))
}

/// Terraform's `cidrsubnet(prefix, newbits, netnum)`: the `netnum`-th block of prefix
/// `prefix + newbits` inside `net`.
pub fn cidrsubnet(net: Cidr, newbits: u8, netnum: u128) -> Result<Cidr, OpError> {
    let new_prefix = net.prefix() as u16 + newbits as u16;
    if new_prefix > net.width() as u16 {
        return err(format!(
            "Not enough bits: {net} plus {newbits} new bits would be /{new_prefix}, longer than /{}",
            net.width()
        ));
    }
    if newbits < 128 && netnum >> newbits != 0 {
        return err(format!(
            "netnum {netnum} doesn't fit in {newbits} new bits (at most {})",
            Count::pow2(newbits).saturating_sub(1)
        ));
    }
    let host = net.width() - new_prefix as u8;
    let offset = if host >= 128 { 0 } else { netnum << host };
    let a =
        Addr::new(net.family(), net.network().value() | offset).ok_or_else(|| OpError("address overflow".into()))?;
    Cidr::exact(a, new_prefix as u8).ok_or_else(|| OpError("internal: misaligned subnet".into()))
}

/// A result as Terraform writes it: a block or address inside `::ffff:0:0/96` comes out as the
/// IPv4 it maps (Go's `net` prints IPv4-mapped values so), as `cidrsubnet` does:
/// `cidrsubnet("::ffff:192.168.0.0/112", 8, 6)` is `192.168.6.0/24`. The plan keeps its IPv6
/// blocks IPv6; only the CLI's Terraform functions print this way.
pub fn as_terraform_writes(c: Cidr) -> Cidr {
    c.ipv4_mapped().unwrap_or(c)
}

/// [`as_terraform_writes`] for an address (`cidrhost`).
pub fn addr_as_terraform_writes(a: Addr) -> Addr {
    a.ipv4_mapped().unwrap_or(a)
}

/// Terraform's `cidrhost(prefix, hostnum)`: the `n`-th address of `net`; negative counts from
/// the end (−1 is the last address).
pub fn cidrhost(net: Cidr, n: i128) -> Result<Addr, OpError> {
    let size = net.size();
    let out_of_range = || OpError(format!("Host number {n} is out of range: {net} holds {} addresses", size.grouped()));
    let offset = if n >= 0 {
        let n = n as u128;
        if size.as_u128().is_some_and(|s| n >= s) {
            return Err(out_of_range());
        }
        n
    } else {
        let back = n.unsigned_abs();
        if size.as_u128().is_some_and(|s| back > s) {
            return Err(out_of_range());
        }
        host_mask(net.width(), net.prefix()) - (back - 1)
    };
    net.network().checked_add(offset).ok_or_else(out_of_range)
}

/// Terraform's `cidrsubnets(prefix, newbits...)`: consecutive blocks, each aligned to its own
/// size right after the previous one (gaps left by alignment are not filled, as in Terraform).
/// Unlike Terraform (hashicorp/terraform#35486) a base at the all-zero address works.
pub fn cidrsubnets(net: Cidr, newbits: &[u8]) -> Result<Vec<Cidr>, OpError> {
    let mut out = Vec::with_capacity(newbits.len());
    // Next free address as an offset from the base; u128 plus a flag for "the end" (2^128).
    let mut cursor: Option<u128> = Some(0);
    for &nb in newbits {
        // Terraform's limits, kept so that a plan written as cidrsubnets() also works there.
        if nb == 0 {
            return err("Each block must extend the prefix by at least one bit");
        }
        if nb > 32 {
            return err(format!("cidrsubnets may not extend a prefix by more than 32 bits (got {nb})"));
        }
        let p = net.prefix() as u16 + nb as u16;
        if p > net.width() as u16 {
            return err(format!("Not enough bits: {net} plus {nb} new bits would be /{p}"));
        }
        let p = p as u8;
        let after = out.last().map(|c: &Cidr| format!(" after {c}")).unwrap_or_default();
        let no_room = || OpError(format!("No room for a /{p}{after} in {net}"));
        let start = cursor.ok_or_else(no_room)?;
        let align = host_mask(net.width(), p);
        let aligned = start.checked_add(align).map(|v| v & !align).ok_or_else(no_room)?;
        if net.size().as_u128().is_some_and(|s| aligned >= s) {
            return Err(no_room());
        }
        let a = Addr::new(net.family(), net.network().value() + aligned).ok_or_else(no_room)?;
        let block = Cidr::exact(a, p).ok_or_else(no_room)?;
        cursor = aligned.checked_add(align).and_then(|v| v.checked_add(1));
        out.push(block);
    }
    Ok(out)
}

/// `range_to_cidrs` for user-given ends: refuses reversed or mixed-version ranges.
pub fn summarize_range(first: Addr, last: Addr) -> Result<Vec<Cidr>, OpError> {
    if first.family() != last.family() {
        return err(format!("{first} and {last} are not of the same IP version"));
    }
    if last < first {
        return err(format!("The range ends before it starts: {last} comes before {first}"));
    }
    Ok(range_to_cidrs(first, last))
}

/// `a` lies inside `b` (same family required).
pub fn subnet_of(a: Cidr, b: Cidr) -> Result<bool, OpError> {
    same_family(a, b)?;
    Ok(b.contains(a))
}

/// Terraform's `cidrnetmask`: IPv4 only, since IPv6 has no netmask notation.
pub fn cidrnetmask(net: Cidr) -> Result<Addr, OpError> {
    match net.family() {
        Family::V4 => Ok(net.netmask()),
        Family::V6 => err("IPv6 has no netmask notation; use the prefix length"),
    }
}

/// The enclosing network of `new_prefix`.
pub fn supernet(net: Cidr, new_prefix: u8) -> Result<Cidr, OpError> {
    if new_prefix > net.prefix() {
        return err(format!("A supernet of {net} must have a shorter prefix than /{}", net.prefix()));
    }
    net.supernet(new_prefix).ok_or_else(|| OpError("prefix out of range".into()))
}

/// The fewest blocks covering exactly the union of `nets`, sorted. IPv4 and IPv6 blocks are
/// aggregated each in their own family (IPv4 first).
pub fn aggregate(nets: &[Cidr]) -> Vec<Cidr> {
    let mut sorted = nets.to_vec();
    sorted.sort_unstable();
    // Drop blocks inside an earlier (shorter, same start or enclosing) block.
    let mut kept: Vec<Cidr> = Vec::with_capacity(sorted.len());
    for n in sorted {
        if kept.last().is_some_and(|k: &Cidr| k.contains(n)) {
            continue;
        }
        kept.push(n);
    }
    // Merge sibling pairs with a stack: each merge can enable another with the block before.
    let mut out: Vec<Cidr> = Vec::with_capacity(kept.len());
    for mut n in kept {
        while let Some(&top) = out.last() {
            if top.sibling() == Some(n) && top.prefix() == n.prefix() && top < n {
                out.pop();
                n = top.parent().unwrap_or(top);
            } else if top.contains(n) {
                n = top;
                out.pop();
            } else {
                break;
            }
        }
        out.push(n);
    }
    out
}

/// The blocks of `net` left after removing every block in `excluded`, sorted.
/// An excluded block must overlap `net`; one that covers all of `net` leaves nothing.
pub fn exclude(net: Cidr, excluded: &[Cidr]) -> Result<Vec<Cidr>, OpError> {
    for &x in excluded {
        same_family(net, x)?;
        if !net.overlaps(x) {
            return err(format!("{x} is not inside {net}"));
        }
    }
    let holes = aggregate(excluded);
    let mut out = Vec::new();
    let mut cursor = Some(net.network());
    for h in holes {
        let (hs, he) = (h.network().max(net.network()), h.last().min(net.last()));
        if let Some(c) = cursor {
            if c < hs {
                out.extend(range_to_cidrs(c, hs.checked_sub(1).unwrap_or(c)));
            }
        }
        cursor = he.checked_add(1).filter(|&n| n <= net.last());
    }
    if let Some(c) = cursor {
        out.extend(range_to_cidrs(c, net.last()));
    }
    Ok(out)
}

/// The fewest blocks that cover `outer` minus `inner` (`inner` inside `outer`): the sibling of
/// each block on the path from `inner` up to `outer`, smallest first. The unsorted, allocation-
/// light cousin of [`exclude`] for one block that is known to be inside.
pub fn padding_around(outer: Cidr, inner: Cidr) -> Vec<Cidr> {
    let mut out = Vec::new();
    let mut node = inner;
    while node.prefix() > outer.prefix() {
        if let Some(s) = node.sibling() {
            out.push(s);
        }
        match node.parent() {
            Some(p) => node = p,
            None => break,
        }
    }
    out
}

/// The fewest CIDR blocks covering exactly `first..=last` (same family, `first <= last`;
/// otherwise empty).
pub fn range_to_cidrs(first: Addr, last: Addr) -> Vec<Cidr> {
    let mut out = Vec::new();
    if first.family() != last.family() || first > last {
        return out;
    }
    let w = first.family().width();
    let (mut lo, hi) = (first.value(), last.value());
    loop {
        // Largest aligned block starting at `lo` that does not run past `hi`.
        let align_bits = lo.trailing_zeros().min(w as u32);
        let span = hi - lo; // addresses after lo, inclusive range is span + 1
        let fit_bits = if span == u128::MAX { 128 } else { 127 - (span + 1).leading_zeros() };
        let bits = align_bits.min(fit_bits) as u8;
        let prefix = w - bits;
        if let Some(c) = Addr::new(first.family(), lo).and_then(|a| Cidr::exact(a, prefix)) {
            out.push(c);
        }
        let end = lo | host_mask(w, prefix);
        if end >= hi {
            break;
        }
        lo = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn c(s: &str) -> Cidr {
        parse(s).unwrap().network()
    }

    fn strs(v: &[Cidr]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn split_is_lazy_on_huge_counts() {
        let mut s = split(c("10.0.0.0/8"), 32).unwrap();
        assert_eq!(s.total().as_u128(), Some(1 << 24));
        assert_eq!(s.next().unwrap().to_string(), "10.0.0.0/32");
        let mut v6 = split(c("::/0"), 128).unwrap();
        assert_eq!(v6.total().to_string(), "340282366920938463463374607431768211456");
        assert_eq!(v6.nth(1).unwrap().to_string(), "::1/128");
        let all: Vec<_> = split(c("0.0.0.0/0"), 1).unwrap().collect();
        assert_eq!(strs(&all), ["0.0.0.0/1", "128.0.0.0/1"]);
    }

    #[test]
    fn split_count_rounds_up() {
        let (s, n) = split_count(c("10.0.0.0/24"), 5).unwrap();
        assert_eq!(n, 8);
        assert_eq!(s.prefix(), 27);
        assert!(split_count(c("10.0.0.0/30"), 5).is_err());
    }

    #[test]
    fn cidrsubnets_names_the_overflow() {
        let v = cidrsubnets(c("0.0.0.0/1"), &[1, 1]).unwrap();
        assert_eq!(strs(&v), ["0.0.0.0/2", "64.0.0.0/2"]);
        let v = cidrsubnets(c("10.1.0.0/16"), &[4, 4, 8, 4]).unwrap();
        assert_eq!(strs(&v), ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]);
        let e = cidrsubnets(c("10.0.0.0/16"), &[4; 17]).unwrap_err();
        assert_eq!(e.0, "No room for a /20 after 10.0.240.0/20 in 10.0.0.0/16");
    }

    #[test]
    fn cidrhost_counts_from_both_ends() {
        assert_eq!(cidrhost(c("10.0.0.0/8"), -2).unwrap().to_string(), "10.255.255.254");
        assert_eq!(cidrhost(c("10.0.0.0/8"), -1).unwrap().to_string(), "10.255.255.255");
        assert!(cidrhost(c("10.0.0.0/24"), 256).is_err());
        assert!(cidrhost(c("10.0.0.0/24"), -257).is_err());
        assert_eq!(cidrhost(c("::/0"), -1).unwrap().to_string(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    #[test]
    fn ipv4_mapped_results_are_written_as_ipv4() {
        let mapped = c("::ffff:192.168.0.0/112");
        assert_eq!(as_terraform_writes(cidrsubnet(mapped, 8, 6).unwrap()).to_string(), "192.168.6.0/24");
        assert_eq!(addr_as_terraform_writes(cidrhost(mapped, 5).unwrap()).to_string(), "192.168.0.5");
        let v = cidrsubnets(mapped, &[8, 8, 4]).unwrap();
        assert_eq!(
            strs(&v.into_iter().map(as_terraform_writes).collect::<Vec<_>>()),
            ["192.168.0.0/24", "192.168.1.0/24", "192.168.16.0/20"]
        );
        // The whole mapped block is IPv4's /0; blocks around it stay IPv6.
        assert_eq!(as_terraform_writes(c("::ffff:0:0/96")).to_string(), "0.0.0.0/0");
        assert_eq!(as_terraform_writes(c("::/80")).to_string(), "::/80");
        assert_eq!(as_terraform_writes(c("::ffff:0:0/95")).to_string(), "::fffe:0:0/95");
        assert_eq!(as_terraform_writes(c("2001:db8::/112")).to_string(), "2001:db8::/112");
        assert_eq!(addr_as_terraform_writes(Addr::v6(0xffff_0a00_0001)).to_string(), "10.0.0.1");
    }

    #[test]
    fn exclude_several() {
        let v = exclude(c("10.0.0.0/24"), &[c("10.0.0.0/26"), c("10.0.0.128/26")]).unwrap();
        assert_eq!(strs(&v), ["10.0.0.64/26", "10.0.0.192/26"]);
        assert_eq!(exclude(c("10.0.0.0/24"), &[c("10.0.0.0/8")]).unwrap(), vec![]);
        assert!(exclude(c("10.0.0.0/24"), &[c("10.0.1.0/24")]).is_err());
        let all = exclude(c("::/0"), &[c("::/128")]).unwrap();
        assert_eq!(all.len(), 128);
    }

    #[test]
    fn range_edges() {
        let all = range_to_cidrs(c("0.0.0.0").network(), c("255.255.255.255").network());
        assert_eq!(strs(&all), ["0.0.0.0/0"]);
        let all6 = range_to_cidrs(Addr::v6(0), Addr::v6(u128::MAX));
        assert_eq!(strs(&all6), ["::/0"]);
        let top = range_to_cidrs(Addr::v6(u128::MAX), Addr::v6(u128::MAX));
        assert_eq!(top.len(), 1);
    }
}
