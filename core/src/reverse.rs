//! Reverse DNS of a network. Reverse zones are cut on label boundaries — an octet for IPv4
//! (`in-addr.arpa`), a nibble for IPv6 (`ip6.arpa`) — so a prefix between two boundaries has
//! no zone of its own: a longer IPv4 one (/25–/31) is delegated by an RFC 2317 classless name
//! inside its /24's zone, and a shorter one spans several zones at the next boundary down.

use crate::addr::{Cidr, Family};

/// Where a network's reverse records live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReverseDns {
    /// The network's zone; the PTR name for a single address; otherwise the smallest zone
    /// holding the whole network, which is larger than it when the prefix is off a boundary.
    pub name: String,
    /// The zone holding the whole network (for a single address, the zone its PTR is in).
    pub zone: String,
    /// IPv4 /25–/31: the RFC 2317 classless name (`0-63.2.0.192.in-addr.arpa`).
    pub classless: Option<String>,
    /// A prefix shorter than a boundary and not on one: the zones it spans.
    pub zones: Option<ZoneSpan>,
}

/// The zones at the next boundary that together make up the network.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ZoneSpan {
    /// At most 128 (an IPv4 /1 spans 128 /8 zones); an IPv6 prefix spans at most 8.
    pub count: u16,
    /// The first of those zones.
    pub first: String,
    /// The last of those zones.
    pub last: String,
}

/// Bits per label: an octet or a nibble.
fn label_bits(f: Family) -> u8 {
    match f {
        Family::V4 => 8,
        Family::V6 => 4,
    }
}

/// The zone named by the first `labels` labels of `value` (`labels` = 0 is the family's root).
fn zone_name(f: Family, value: u128, labels: u8) -> String {
    let bits = label_bits(f);
    let width = f.width();
    let mut out = String::new();
    for i in (0..labels).rev() {
        let label = (value >> (width - bits * (i + 1))) & ((1 << bits) - 1);
        match f {
            Family::V4 => out.push_str(&label.to_string()),
            Family::V6 => out.push(char::from_digit(label as u32, 16).unwrap_or('0')),
        }
        out.push('.');
    }
    out.push_str(match f {
        Family::V4 => "in-addr.arpa",
        Family::V6 => "ip6.arpa",
    });
    out
}

/// Where `net`'s reverse records live.
pub fn reverse_dns(net: Cidr) -> ReverseDns {
    let f = net.family();
    let (bits, p, w) = (label_bits(f), net.prefix(), f.width());
    let v = net.network().value();
    // The boundary at or above the prefix (the enclosing zone) and the one at or below it.
    let above = p / bits;
    let below = p.div_ceil(bits);
    let zone = zone_name(f, v, if p == w { above - 1 } else { above });
    let name = if p == w { net.network().reverse_pointer() } else { zone.clone() };
    let mut r = ReverseDns { name, zone, classless: None, zones: None };
    if p % bits == 0 {
        return r;
    }
    if f == Family::V4 && p > 24 {
        let first = v as u8;
        let last = net.last().value() as u8;
        r.classless = Some(format!("{first}-{last}.{}", r.zone));
        return r;
    }
    let step = below * bits;
    let count = 1u16 << (step - p);
    let last_start = net.last().value() & !((1u128 << (w - step)) - 1);
    r.zones = Some(ZoneSpan { count, first: zone_name(f, v, below), last: zone_name(f, last_start, below) });
    r
}

impl ReverseDns {
    /// The value and note shown beside "Reverse DNS" by the calculator and `cidrplan info`.
    pub fn shown(&self) -> (String, Option<String>) {
        if let Some(c) = &self.classless {
            return (c.clone(), Some(format!("RFC 2317 classless name, delegated from {}", self.zone)));
        }
        if let Some(s) = &self.zones {
            let between = if s.count == 2 { " and " } else { " … " };
            return (
                format!("{} zones: {}{between}{}", s.count, s.first, s.last),
                Some(format!("the prefix is not on a zone boundary; all inside {}", self.zone)),
            );
        }
        (self.name.clone(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_names_by_label() {
        assert_eq!(zone_name(Family::V4, 0xc000_0200, 3), "2.0.192.in-addr.arpa");
        assert_eq!(zone_name(Family::V4, 0, 0), "in-addr.arpa");
        assert_eq!(zone_name(Family::V6, 0x2001_0db8 << 96, 8), "8.b.d.0.1.0.0.2.ip6.arpa");
    }
}
