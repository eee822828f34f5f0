//! Addresses, networks and address counts for both IP families.
//!
//! Everything is stored as a `u128` plus a [`Family`], so one implementation of every operation
//! serves IPv4 and IPv6 alike. An IPv4 value always fits in the low 32 bits; the constructors
//! enforce that, so the rest of the crate can rely on it.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// IP version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Family {
    /// IPv4: 32-bit addresses.
    V4,
    /// IPv6: 128-bit addresses.
    V6,
}

impl Family {
    /// Number of bits in an address of this family.
    pub const fn width(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }

    /// Largest address value of this family.
    pub const fn max_value(self) -> u128 {
        match self {
            Family::V4 => u32::MAX as u128,
            Family::V6 => u128::MAX,
        }
    }

    /// 4 or 6.
    pub const fn number(self) -> u8 {
        match self {
            Family::V4 => 4,
            Family::V6 => 6,
        }
    }
}

/// `n` one-bits at the top of a `width`-bit value (the netmask of a /n).
pub(crate) const fn mask(width: u8, n: u8) -> u128 {
    if n == 0 {
        0
    } else {
        let all = if width == 128 { u128::MAX } else { (1u128 << width) - 1 };
        all ^ host_mask(width, n)
    }
}

/// The host bits of a `width`-bit value under a /n (the wildcard mask).
pub(crate) const fn host_mask(width: u8, n: u8) -> u128 {
    let host = width - n;
    if host == 128 {
        u128::MAX
    } else {
        (1u128 << host) - 1
    }
}

/// One IPv4 or IPv6 address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Addr {
    family: Family,
    value: u128,
}

impl Addr {
    /// An IPv4 address from its 32-bit value.
    pub const fn v4(value: u32) -> Addr {
        Addr { family: Family::V4, value: value as u128 }
    }

    /// An IPv6 address from its 128-bit value.
    pub const fn v6(value: u128) -> Addr {
        Addr { family: Family::V6, value }
    }

    /// An address of `family` with `value`, or `None` when `value` does not fit the family.
    pub fn new(family: Family, value: u128) -> Option<Addr> {
        (value <= family.max_value()).then_some(Addr { family, value })
    }

    /// The address's IP version.
    pub const fn family(self) -> Family {
        self.family
    }

    /// The address as a number (an IPv4 value fits in the low 32 bits).
    pub const fn value(self) -> u128 {
        self.value
    }

    /// `self + n`, or `None` past the end of the address space.
    pub fn checked_add(self, n: u128) -> Option<Addr> {
        self.value.checked_add(n).and_then(|v| Addr::new(self.family, v))
    }

    /// `self - n`, or `None` below 0.
    pub fn checked_sub(self, n: u128) -> Option<Addr> {
        self.value.checked_sub(n).map(|v| Addr { family: self.family, value: v })
    }

    /// The same address as a standard-library `IpAddr`.
    pub fn to_std(self) -> std::net::IpAddr {
        match self.family {
            Family::V4 => std::net::IpAddr::V4(Ipv4Addr::from(self.value as u32)),
            Family::V6 => std::net::IpAddr::V6(Ipv6Addr::from(self.value)),
        }
    }

    /// Fully written out: IPv4 as usual, IPv6 as eight 4-digit groups.
    pub fn exploded(self) -> String {
        match self.family {
            Family::V4 => self.to_string(),
            Family::V6 => {
                if let Some(v4) = self.ipv4_mapped() {
                    return format!("0000:0000:0000:0000:0000:ffff:{v4}");
                }
                let groups = v6_groups(self.value);
                groups.iter().map(|g| format!("{g:04x}")).collect::<Vec<_>>().join(":")
            }
        }
    }

    /// Hexadecimal, zero-padded to the family's width (`0a000001`).
    pub fn hex(self) -> String {
        match self.family {
            Family::V4 => format!("{:08x}", self.value),
            Family::V6 => format!("{:032x}", self.value),
        }
    }

    /// The bits, most significant first, as '0'/'1' characters.
    pub fn bits(self) -> String {
        let w = self.family.width() as usize;
        format!("{:0w$b}", self.value, w = w)
    }

    /// Reverse-DNS name of this single address (`1.0.0.10.in-addr.arpa`).
    pub fn reverse_pointer(self) -> String {
        match self.family {
            Family::V4 => {
                let o = (self.value as u32).to_be_bytes();
                format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
            }
            Family::V6 => {
                let hex = format!("{:032x}", self.value);
                let mut parts: Vec<String> = hex.chars().rev().map(String::from).collect();
                parts.push("ip6.arpa".into());
                parts.join(".")
            }
        }
    }

    /// For `::ffff:a.b.c.d`, the embedded IPv4 address.
    pub fn ipv4_mapped(self) -> Option<Addr> {
        (self.family == Family::V6 && self.value >> 32 == 0xffff).then(|| Addr::v4(self.value as u32))
    }
}

fn v6_groups(value: u128) -> [u16; 8] {
    let mut g = [0u16; 8];
    for (i, slot) in g.iter_mut().enumerate() {
        *slot = (value >> (112 - 16 * i)) as u16;
    }
    g
}

/// RFC 5952 text: lowercase, no leading zeros, the longest run (first on a tie) of two or more
/// zero groups as `::`, and IPv4-mapped addresses in mixed form (`::ffff:1.2.3.4`).
fn fmt_v6(value: u128, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if value >> 32 == 0xffff {
        let v4 = Ipv4Addr::from(value as u32);
        return write!(f, "::ffff:{v4}");
    }
    let g = v6_groups(value);
    // Longest run of zero groups, first one on a tie; a single zero group is not compressed.
    let (mut best_start, mut best_len) = (0usize, 0usize);
    let mut i = 0;
    while i < 8 {
        if g[i] == 0 {
            let start = i;
            while i < 8 && g[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best_start = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        let parts: Vec<String> = g.iter().map(|x| format!("{x:x}")).collect();
        return f.write_str(&parts.join(":"));
    }
    let head: Vec<String> = g[..best_start].iter().map(|x| format!("{x:x}")).collect();
    let tail: Vec<String> = g[best_start + best_len..].iter().map(|x| format!("{x:x}")).collect();
    write!(f, "{}::{}", head.join(":"), tail.join(":"))
}

impl Addr {
    /// Like `Display`, but never in IPv4-mapped mixed form: for masks, where `::ffff:255.255.255.255`
    /// would read as an address rather than a /80's host mask.
    pub fn plain(self) -> String {
        match self.family {
            Family::V4 => self.to_string(),
            Family::V6 if self.value >> 32 == 0xffff => {
                let g = v6_groups(self.value);
                format!("::{:x}:{:x}:{:x}", g[5], g[6], g[7])
            }
            Family::V6 => self.to_string(),
        }
    }
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.family {
            Family::V4 => write!(f, "{}", Ipv4Addr::from(self.value as u32)),
            Family::V6 => fmt_v6(self.value, f),
        }
    }
}

impl From<std::net::IpAddr> for Addr {
    fn from(ip: std::net::IpAddr) -> Addr {
        match ip {
            std::net::IpAddr::V4(a) => Addr::v4(u32::from(a)),
            std::net::IpAddr::V6(a) => Addr::v6(u128::from(a)),
        }
    }
}

/// A number of addresses: anything from 0 to 2^128 inclusive (an IPv6 /0 holds 2^128, one more
/// than `u128` can hold; `usize` is only 32 bits on wasm32).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count {
    /// `true` only for exactly 2^128 (then `low` is 0).
    full: bool,
    low: u128,
}

impl Count {
    /// No addresses.
    pub const ZERO: Count = Count { full: false, low: 0 };

    /// A count of `n` addresses.
    pub const fn new(n: u128) -> Count {
        Count { full: false, low: n }
    }

    /// 2^bits, for bits in 0..=128.
    pub const fn pow2(bits: u8) -> Count {
        if bits >= 128 {
            Count { full: true, low: 0 }
        } else {
            Count { full: false, low: 1u128 << bits }
        }
    }

    /// The value when it fits a `u128` (everything but 2^128).
    pub const fn as_u128(self) -> Option<u128> {
        if self.full {
            None
        } else {
            Some(self.low)
        }
    }

    /// `self - n`, floored at zero.
    pub const fn saturating_sub(self, n: u128) -> Count {
        if self.full {
            if n == 0 {
                self
            } else {
                Count { full: false, low: u128::MAX - (n - 1) }
            }
        } else {
            Count { full: false, low: self.low.saturating_sub(n) }
        }
    }

    /// `self + other`, saturating at 2^128.
    pub fn saturating_add(self, other: Count) -> Count {
        if self.full || other.full {
            return Count::pow2(128);
        }
        match self.low.checked_add(other.low) {
            Some(v) => Count::new(v),
            None => Count::pow2(128),
        }
    }

    /// Approximate value, for ratios and bar widths.
    pub fn as_f64(self) -> f64 {
        if self.full {
            2f64.powi(128)
        } else {
            self.low as f64
        }
    }

    /// Decimal with thousands separators (`65,536`).
    pub fn grouped(self) -> String {
        let s = self.to_string();
        let mut out = String::with_capacity(s.len() + s.len() / 3);
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

impl Count {
    /// Short enough for a table cell, for IPv6 sizes up to 2^128: exact and grouped up to
    /// 2³² (every IPv4 count), then a power of two as `2⁶⁴`, a power of two less a few as
    /// `2⁶⁴ − 5`, anything else as `≈1.84 × 10¹⁹`. [`Count::grouped`] is the exact value (for a
    /// tooltip). Digits come from the decimal text, not floats, to keep float formatting out
    /// of the web bundle.
    pub fn compact(self) -> String {
        if self <= Count::pow2(32) {
            return self.grouped();
        }
        // The smallest power of two not below `self`, and how far below it `self` is.
        let (bits, gap) = match self.as_u128() {
            None => (128, 0),
            Some(v) => {
                let bits = (128 - (v - 1).leading_zeros()) as u8;
                (bits, if bits == 128 { u128::MAX - v + 1 } else { (1u128 << bits) - v })
            }
        };
        let pow = format!("2{}", crate::decimal::superscript(u32::from(bits)));
        if gap == 0 {
            return pow;
        }
        if gap < 1 << 16 {
            return format!("{pow} − {}", Count::new(gap).grouped());
        }
        let digits = self.to_string();
        let frac = digits[1..3].trim_end_matches('0');
        let dot = if frac.is_empty() { "" } else { "." };
        format!("≈{}{dot}{frac} × 10{}", &digits[..1], crate::decimal::superscript(digits.len() as u32 - 1))
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.full {
            f.write_str("340282366920938463463374607431768211456")
        } else {
            write!(f, "{}", self.low)
        }
    }
}

/// A network: an aligned block of 2^(width − prefix) addresses. Host bits are always zero (the
/// constructors mask or refuse them), so two equal blocks always compare equal; this avoids
/// ipnetwork#118, where a network with host bits set compared as a different block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr {
    family: Family,
    network: u128,
    prefix: u8,
}

/// Ordered by family, then first address, then prefix (a block before its own subnets).
impl Ord for Cidr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.family, self.network, self.prefix).cmp(&(other.family, other.network, other.prefix))
    }
}

impl PartialOrd for Cidr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Cidr {
    /// The block of `addr` under `prefix`, host bits cleared; `None` if `prefix` is too long.
    pub fn containing(addr: Addr, prefix: u8) -> Option<Cidr> {
        let w = addr.family.width();
        (prefix <= w).then(|| Cidr { family: addr.family, network: addr.value & mask(w, prefix), prefix })
    }

    /// `addr/prefix` only when `addr` has no host bits set.
    pub fn exact(addr: Addr, prefix: u8) -> Option<Cidr> {
        Cidr::containing(addr, prefix).filter(|c| c.network == addr.value)
    }

    /// The /32 or /128 holding one address.
    pub fn host(addr: Addr) -> Cidr {
        Cidr { family: addr.family, network: addr.value, prefix: addr.family.width() }
    }

    /// The whole address space of a family (`0.0.0.0/0`, `::/0`).
    pub fn all(family: Family) -> Cidr {
        Cidr { family, network: 0, prefix: 0 }
    }

    /// The block's IP version.
    pub const fn family(self) -> Family {
        self.family
    }

    /// Prefix length: the `n` of `/n`.
    pub const fn prefix(self) -> u8 {
        self.prefix
    }

    /// Number of bits in an address of the block's family (32 or 128).
    pub const fn width(self) -> u8 {
        self.family.width()
    }

    /// Number of host bits (width − prefix).
    pub const fn host_bits(self) -> u8 {
        self.family.width() - self.prefix
    }

    /// The network's first address.
    pub fn network(self) -> Addr {
        Addr { family: self.family, value: self.network }
    }

    /// Last address of the block (the broadcast address in IPv4).
    pub fn last(self) -> Addr {
        Addr { family: self.family, value: self.network | host_mask(self.width(), self.prefix) }
    }

    /// The netmask: the prefix bits set (`255.255.255.0` for a /24).
    pub fn netmask(self) -> Addr {
        Addr { family: self.family, value: mask(self.width(), self.prefix) }
    }

    /// The host (wildcard) mask: the host bits set (`0.0.0.255` for a /24).
    pub fn hostmask(self) -> Addr {
        Addr { family: self.family, value: host_mask(self.width(), self.prefix) }
    }

    /// Number of addresses in the block.
    pub fn size(self) -> Count {
        Count::pow2(self.host_bits())
    }

    /// `a` lies inside the block.
    pub fn contains_addr(self, a: Addr) -> bool {
        a.family == self.family && a.value & mask(self.width(), self.prefix) == self.network
    }

    /// `other` lies wholly inside `self` (a block contains itself).
    pub fn contains(self, other: Cidr) -> bool {
        other.family == self.family && other.prefix >= self.prefix && self.contains_addr(other.network())
    }

    /// The two blocks share at least one address.
    pub fn overlaps(self, other: Cidr) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// The block one bit shorter, or `None` for a /0.
    pub fn parent(self) -> Option<Cidr> {
        if self.prefix == 0 {
            None
        } else {
            Cidr::containing(self.network(), self.prefix - 1)
        }
    }

    /// The enclosing block of `prefix` (≤ own prefix).
    pub fn supernet(self, prefix: u8) -> Option<Cidr> {
        (prefix <= self.prefix).then(|| Cidr::containing(self.network(), prefix)).flatten()
    }

    /// The two halves, or `None` for a single address.
    pub fn halves(self) -> Option<(Cidr, Cidr)> {
        if self.prefix == self.width() {
            return None;
        }
        let p = self.prefix + 1;
        let lo = Cidr { family: self.family, network: self.network, prefix: p };
        let hi = Cidr { family: self.family, network: self.network | (1u128 << (self.width() - p)), prefix: p };
        Some((lo, hi))
    }

    /// The other half of this block's parent.
    pub fn sibling(self) -> Option<Cidr> {
        if self.prefix == 0 {
            return None;
        }
        let bit = 1u128 << (self.width() - self.prefix);
        Some(Cidr { family: self.family, network: self.network ^ bit, prefix: self.prefix })
    }

    /// Next block of the same size, or `None` past the end of the address space.
    pub fn next(self) -> Option<Cidr> {
        let step = self.size().as_u128()?;
        let n = self.network.checked_add(step)?;
        (n <= self.family.max_value()).then_some(Cidr { network: n, ..self })
    }

    /// Previous block of the same size, or `None` before the start.
    pub fn prev(self) -> Option<Cidr> {
        let step = self.size().as_u128()?;
        let n = self.network.checked_sub(step)?;
        Some(Cidr { network: n, ..self })
    }

    /// `base/prefix` notation with the netmask instead of the prefix (IPv4 style).
    pub fn with_netmask(self) -> String {
        format!("{}/{}", self.network(), self.netmask())
    }

    /// `base/hostmask` notation with the wildcard mask instead of the prefix (`10.0.0.0/0.0.0.255`).
    pub fn with_hostmask(self) -> String {
        format!("{}/{}", self.network(), self.hostmask())
    }

    /// For a block inside `::ffff:0:0/96`, the IPv4 block it maps (`::ffff:192.168.6.0/120` is
    /// 192.168.6.0/24). A mapped network address implies a prefix of at least /96.
    pub fn ipv4_mapped(self) -> Option<Cidr> {
        let v4 = self.network().ipv4_mapped()?;
        Cidr::exact(v4, self.prefix.checked_sub(96)?)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network(), self.prefix)
    }
}

impl From<Cidr> for ipnetwork::IpNetwork {
    fn from(c: Cidr) -> Self {
        // The prefix is in range by construction, so this cannot fail.
        ipnetwork::IpNetwork::new(c.network().to_std(), c.prefix).expect("prefix in range")
    }
}

impl From<ipnetwork::IpNetwork> for Cidr {
    /// Masks host bits: ipnetwork keeps them, which is the root of its `is_subnet_of` bug.
    fn from(n: ipnetwork::IpNetwork) -> Self {
        Cidr::containing(Addr::from(n.ip()), n.prefix()).expect("ipnetwork prefix in range")
    }
}

impl serde::Serialize for Cidr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl serde::Serialize for Addr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl serde::Serialize for Count {
    /// As a decimal string: JSON numbers lose precision past 2^53.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v6_text_follows_rfc5952() {
        let cases = [
            (0u128, "::"),
            (1, "::1"),
            (0x2001_0db8_0000_0000_0001_0000_0000_0001, "2001:db8::1:0:0:1"),
            (0x2001_0db8_0000_0001_0001_0001_0001_0001, "2001:db8:0:1:1:1:1:1"),
            (0xffff_0102_0304, "::ffff:1.2.3.4"),
            (0x0001_0002_0003_0004_0005_0006_0007_0000, "1:2:3:4:5:6:7:0"),
        ];
        for (v, s) in cases {
            assert_eq!(Addr::v6(v).to_string(), s);
        }
    }

    #[test]
    fn counts_reach_two_to_the_128() {
        let all = Cidr::all(Family::V6);
        assert_eq!(all.size().to_string(), "340282366920938463463374607431768211456");
        assert_eq!(all.size().saturating_sub(1).as_u128(), Some(u128::MAX));
        assert_eq!(Cidr::all(Family::V4).size().as_u128(), Some(1 << 32));
        assert_eq!(Count::new(65536).grouped(), "65,536");
    }

    #[test]
    fn ipnetwork_round_trip_masks_host_bits() {
        let n: ipnetwork::IpNetwork = "10.0.0.5/16".parse().unwrap();
        let c = Cidr::from(n);
        assert_eq!(c.to_string(), "10.0.0.0/16");
        assert_eq!(ipnetwork::IpNetwork::from(c).to_string(), "10.0.0.0/16");
    }
}
