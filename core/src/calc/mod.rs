//! Calculator helpers the web page needs beyond the report: the report and the bit view as
//! markup (`results`, `bitview`), rewriting the input for another prefix, and the quick links
//! to neighbouring networks.

mod bitview;
mod results;

pub use bitview::{bit_view, BitView};
pub use results::{result_rows, results_html, ResultRow};

use crate::addr::{Addr, Cidr, Family};
use crate::parse::Parsed;

/// One bit of the bit view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bit {
    /// Position from the left, 0-based (0..32 or 0..128).
    pub index: u8,
    /// The bit is 1.
    pub one: bool,
    /// Inside the prefix (network part).
    pub network: bool,
    /// Place value inside its group as a decimal string would show it (128 … 1 for an octet,
    /// 8 4 2 1 per hex digit for IPv6).
    pub place: u16,
}

/// A group of bits: an octet of IPv4 or a hextet of IPv6.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitGroup {
    /// The group's bits, leftmost (most significant) first.
    pub bits: Vec<Bit>,
    /// The group's value as written in the address (`10`, `db8`).
    pub text: String,
}

/// The address's bits grouped by octet (IPv4) or hextet (IPv6), each marked network or host.
pub fn bit_groups(addr: Addr, prefix: u8) -> Vec<BitGroup> {
    let w = addr.family().width();
    let size: u8 = if addr.family() == Family::V4 { 8 } else { 16 };
    (0..w / size)
        .map(|g| {
            let start = g * size;
            let value = (addr.value() >> (w - start - size)) & ((1u128 << size) - 1);
            let bits = (0..size)
                .map(|i| {
                    let index = start + i;
                    let shift = w - index - 1;
                    let place = if size == 8 { 1u16 << (7 - i) } else { 1u16 << (3 - i % 4) };
                    Bit { index, one: (addr.value() >> shift) & 1 == 1, network: index < prefix, place }
                })
                .collect();
            let text = if size == 8 { value.to_string() } else { format!("{value:x}") };
            BitGroup { bits, text }
        })
        .collect()
}

/// The input rewritten for a new prefix, keeping the address typed (`10.0.0.5/16` → `10.0.0.5/20`).
pub fn with_prefix(parsed: &Parsed, prefix: u8) -> String {
    let (addr, zone) = match parsed {
        Parsed::Network(n) => (n.address.unwrap_or(n.network.network()), n.zone.clone()),
        Parsed::Range(_) => (parsed.network().network(), None),
    };
    let p = prefix.min(addr.family().width());
    match zone {
        Some(z) => format!("{addr}%{z}/{p}"),
        None => format!("{addr}/{p}"),
    }
}

/// Networks one click away from `net`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbours {
    /// The block of the same size just before `net`, if any.
    pub previous: Option<Cidr>,
    /// The block of the same size just after `net`, if any.
    pub next: Option<Cidr>,
    /// The block one bit shorter holding `net`, if any.
    pub supernet: Option<Cidr>,
    /// The two halves, when the network can be split.
    pub halves: Option<(Cidr, Cidr)>,
}

/// The networks one click away from `net`: the blocks either side, its parent and its halves.
pub fn neighbours(net: Cidr) -> Neighbours {
    Neighbours { previous: net.prev(), next: net.next(), supernet: net.parent(), halves: net.halves() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn bit_view_marks_network_bits() {
        let p = parse("10.0.0.5/20").unwrap();
        let n = p.network();
        let g = bit_groups(n.network(), n.prefix());
        assert_eq!(g.len(), 4);
        assert_eq!(g[0].text, "10");
        assert_eq!(g[0].bits.iter().map(|b| b.place).collect::<Vec<_>>(), [128, 64, 32, 16, 8, 4, 2, 1]);
        let ones: Vec<u8> = g[0].bits.iter().filter(|b| b.one).map(|b| b.index).collect();
        assert_eq!(ones, [4, 6]);
        assert!(g[2].bits[3].network && !g[2].bits[4].network);
        let g6 = bit_groups(parse("2001:db8::").unwrap().network().network(), 32);
        assert_eq!(g6.len(), 8);
        assert_eq!(g6[1].text, "db8");
    }

    #[test]
    fn prefix_rewrite_keeps_the_address() {
        assert_eq!(with_prefix(&parse("10.0.0.5/16").unwrap(), 20), "10.0.0.5/20");
        assert_eq!(with_prefix(&parse("10.0.0.0 255.255.0.0").unwrap(), 8), "10.0.0.0/8");
        assert_eq!(with_prefix(&parse("fe80::1%eth0").unwrap(), 64), "fe80::1%eth0/64");
        assert_eq!(with_prefix(&parse("10.0.0.0/16").unwrap(), 40), "10.0.0.0/32");
    }

    #[test]
    fn neighbours_stop_at_the_edges() {
        let n = neighbours(parse("0.0.0.0/1").unwrap().network());
        assert!(n.previous.is_none());
        assert_eq!(n.next.unwrap().to_string(), "128.0.0.0/1");
        assert!(neighbours(parse("255.255.255.255").unwrap().network()).next.is_none());
    }
}
