//! Everything the calculator and `cidrplan info` say about one network: the report as data,
//! serialised with stable field names (documented in the README).

use crate::addr::{Addr, Cidr, Count, Family};
use crate::mode::{Mode, Reserved};
use crate::parse::{NetworkForm, NetworkInput, Parsed};
use crate::reverse::{reverse_dns, ReverseDns, ZoneSpan};
use crate::special::{self, Special};

/// The report on one network (and the address typed in it, if any).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Report {
    /// The input as typed, trimmed.
    pub input: String,
    /// What the input was understood as ("IPv4 address 10.0.0.5 in network 10.0.0.0/16").
    pub understood_as: String,
    /// IP version: 4 or 6.
    pub version: u8,
    /// The mode the report is made under.
    pub mode: Mode,
    /// The network, host bits cleared.
    pub network: Cidr,
    /// The network's first address.
    pub network_address: Addr,
    /// Prefix length.
    pub prefix: u8,
    /// The netmask, written as an address (`255.255.255.0`).
    pub netmask: String,
    /// The netmask in hex (`0xffffff00`).
    pub netmask_hex: String,
    /// The wildcard (host) mask, written as an address (`0.0.0.255`).
    pub hostmask: String,
    /// IPv4 up to /30 only: IPv6 has no broadcast, and RFC 3021 /31 and /32 have none either.
    pub broadcast: Option<Addr>,
    /// The network's first address.
    pub first: Addr,
    /// The network's last address.
    pub last: Addr,
    /// First usable address under the mode (`None` when nothing is usable).
    pub first_usable: Option<Addr>,
    /// Last usable address under the mode (`None` when nothing is usable).
    pub last_usable: Option<Addr>,
    /// Number of addresses in the network.
    pub addresses: Count,
    /// Usable addresses under the mode.
    pub usable: Count,
    /// Legacy class A–E (IPv4 only).
    pub class: Option<char>,
    /// The network's reverse zone, a single address's PTR name, or else the smallest zone
    /// holding the network (larger than it when the prefix is off an octet/nibble boundary).
    pub reverse_dns: String,
    /// The zone holding the whole network (for a single address, the zone of its PTR).
    pub reverse_dns_zone: String,
    /// IPv4 /25–/31: the RFC 2317 classless name, e.g. `0-63.150.92.193.in-addr.arpa`.
    pub reverse_dns_classless: Option<String>,
    /// A prefix shorter than a boundary and off it: the zones it spans (count, first, last).
    pub reverse_dns_zones: Option<ZoneSpan>,
    /// Special-purpose blocks holding the whole network, most general first.
    pub special: Vec<&'static Special>,
    /// Special-purpose blocks inside this network (when it is larger than they are).
    pub contains_special: Vec<&'static Special>,
    /// Globally reachable in the special-purpose registries' sense.
    pub globally_reachable: bool,
    /// Short badge: the most specific special-purpose name, or "Public".
    pub label: String,
    /// The mode's reserved addresses of the network, with their roles.
    pub reserved: Vec<Reserved>,
    /// When the network's size is outside the mode's limits, why.
    pub mode_problem: Option<String>,
    /// The address typed, when it has host bits set.
    pub address: Option<Addr>,
    /// Where that address sits ("10.0.0.5 is address 6 of 256 in 10.0.0.0/24 …").
    pub address_position: Option<String>,
    /// IPv6 zone id typed (`fe80::1%eth0` → `eth0`).
    pub zone: Option<String>,
    /// The network address as a decimal integer and as `0x…` hex.
    pub integer: String,
    /// The network address in hex (`0x…`).
    pub hex: String,
    /// The same for the address typed, when it differs from the network address.
    pub address_integer: Option<String>,
    /// The address typed in hex (`0x…`), when it has host bits set.
    pub address_hex: Option<String>,
    /// A bare IPv4 address that reads like a netmask or wildcard mask, and what it would mean
    /// ("255.255.255.0 looks like a netmask: it is /24 …").
    pub mask_hint: Option<String>,
    /// The network address in binary, with a `|` at the prefix boundary.
    pub binary: String,
    /// IPv6 only: fully written out.
    pub exploded: Option<String>,
    /// IPv6 only: how many /64 and /48 networks it holds ("0" when smaller).
    pub count_64: Option<Count>,
    /// IPv6 only: how many /48 networks it holds ("0" when smaller).
    pub count_48: Option<Count>,
    /// Notes on embedded IPv4 (IPv4-mapped, 6to4, Teredo, NAT64).
    pub notes: Vec<String>,
}

impl Report {
    /// Build the report for a parsed network under `mode`. A range is reported by the smallest
    /// block covering it; callers show the range's CIDR list beside it.
    pub fn new(input: &str, parsed: &Parsed, mode: Mode) -> Report {
        match parsed {
            Parsed::Network(n) => Report::of_network(input, n, parsed.describe(), mode),
            Parsed::Range(_) => {
                let n =
                    NetworkInput { network: parsed.network(), address: None, zone: None, form: NetworkForm::Prefix };
                Report::of_network(input, &n, parsed.describe(), mode)
            }
        }
    }

    fn of_network(input: &str, n: &NetworkInput, understood_as: String, mode: Mode) -> Report {
        let net = n.network;
        let v4 = net.family() == Family::V4;
        let reserved = mode.reserved(net);
        let usable_range = mode.usable_range(net);
        let special = special::classify(net);
        let w = net.width() as usize;
        let bits = net.network().bits();
        let p = net.prefix() as usize;
        let binary = if v4 { group_bits(&bits, p, 8, '.') } else { group_bits(&bits, p, 16, ':') };
        debug_assert_eq!(bits.len(), w);
        let rdns = reverse_dns(net);
        Report {
            input: input.trim().to_string(),
            understood_as,
            version: net.family().number(),
            mode,
            network: net,
            network_address: net.network(),
            prefix: net.prefix(),
            netmask: net.netmask().plain(),
            netmask_hex: format!("0x{}", net.netmask().hex()),
            hostmask: net.hostmask().plain(),
            broadcast: (v4 && net.prefix() <= 30).then(|| net.last()),
            first: net.network(),
            last: net.last(),
            first_usable: usable_range.map(|r| r.0),
            last_usable: usable_range.map(|r| r.1),
            addresses: net.size(),
            usable: mode.usable(net),
            class: v4.then(|| legacy_class(net.network())),
            reverse_dns: rdns.name,
            reverse_dns_zone: rdns.zone,
            reverse_dns_classless: rdns.classless,
            reverse_dns_zones: rdns.zones,
            contains_special: special::overlapping(net),
            globally_reachable: special::is_global(net),
            label: special::label(net),
            special,
            address_position: n.address.map(|a| position(a, net, mode, &reserved)),
            reserved,
            mode_problem: mode.size_problem(net),
            address: n.address,
            zone: n.zone.clone(),
            integer: net.network().value().to_string(),
            hex: format!("0x{}", net.network().hex()),
            address_integer: n.address.map(|a| a.value().to_string()),
            address_hex: n.address.map(|a| format!("0x{}", a.hex())),
            mask_hint: (n.form == NetworkForm::Address).then(|| mask_hint(net.network())).flatten(),
            binary,
            exploded: (!v4).then(|| net.network().exploded()),
            count_64: (!v4).then(|| if net.prefix() <= 64 { Count::pow2(64 - net.prefix()) } else { Count::ZERO }),
            count_48: (!v4).then(|| if net.prefix() <= 48 { Count::pow2(48 - net.prefix()) } else { Count::ZERO }),
            notes: embedded_v4_notes(n.address.unwrap_or(net.network()), net),
        }
    }
}

impl Report {
    /// The value and note shown beside "Reverse DNS" (the calculator and `cidrplan info`).
    pub fn reverse_dns_shown(&self) -> (String, Option<String>) {
        ReverseDns {
            name: self.reverse_dns.clone(),
            zone: self.reverse_dns_zone.clone(),
            classless: self.reverse_dns_classless.clone(),
            zones: self.reverse_dns_zones.clone(),
        }
        .shown()
    }
}

/// The octets a contiguous IPv4 netmask can have.
const MASK_OCTETS: [u32; 9] = [0, 128, 192, 224, 240, 248, 252, 254, 255];

/// What a bare IPv4 address that reads like a mask would mean: people type `255.255.255.0`
/// alone to ask what it is, or a non-contiguous `255.0.255.0` believing it a mask.
fn mask_hint(a: Addr) -> Option<String> {
    if a.family() != Family::V4 {
        return None;
    }
    let v = a.value() as u32;
    let octets = v.to_be_bytes().map(u32::from);
    let contiguous = |m: u32| m.checked_shl(m.leading_ones()).unwrap_or(0) == 0;
    if octets[0] == 255 && v != u32::MAX && octets.iter().all(|o| MASK_OCTETS.contains(o)) {
        return Some(if contiguous(v) {
            let p = v.leading_ones();
            format!(
                "{a} looks like a netmask: it is /{p}. Shown here as an address; type it after one \
                 (e.g. 10.0.0.0 {a}) to see that network."
            )
        } else {
            format!(
                "{a} looks like a netmask but is not one: a netmask's one-bits run unbroken from the \
                 left (like 255.255.0.0). Shown here as an address."
            )
        });
    }
    let wild = !v;
    if octets[0] == 0 && octets[3] == 255 && octets.iter().all(|o| MASK_OCTETS.contains(&(255 - o))) && contiguous(wild)
    {
        let p = wild.leading_ones();
        return Some(format!(
            "{a} looks like a wildcard mask: it is the wildcard of a /{p} (netmask {}). Shown here as an address.",
            Addr::v4(wild)
        ));
    }
    None
}

/// How many networks of size `/size` fit in `net`, in words people use: `65,536`, `1`, or a
/// fraction when `net` is smaller (`1/65,536 of a /64`; `1/2⁶⁴ of a /64` past 2³²).
pub fn networks_of_size(net: Cidr, size: u8) -> String {
    let p = net.prefix();
    if p <= size {
        return Count::pow2(size - p).grouped();
    }
    let k = p - size;
    if k <= 32 {
        format!("1/{} of a /{size}", Count::pow2(k).grouped())
    } else {
        format!("1/2{} of a /{size}", crate::decimal::superscript(u32::from(k)))
    }
}

/// One reference of a special-purpose block's RFC text, with its page on rfc-editor.org.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RfcLink {
    /// The reference as written (`RFC 7050 Section 2.2`).
    pub text: String,
    /// `None` for text that names no document.
    pub url: Option<String>,
}

/// The references in an IANA registry's RFC text (`"RFC 8880, RFC 7050 Section 2.2"`,
/// `"RFC 6890, Section 2.1"`, `"RFC 5180, RFC Errata 1752"`), each linked to its page (and
/// section) on rfc-editor.org. The page only links; it never fetches them.
pub fn rfc_links(rfc: &str) -> Vec<RfcLink> {
    let mut doc: Option<String> = None;
    rfc.split(", ")
        .map(|part| {
            let words: Vec<&str> = part.split(' ').collect();
            let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
            let url = match words.as_slice() {
                ["RFC", "Errata", n] if number(n) => Some(format!("https://www.rfc-editor.org/errata/eid{n}")),
                ["RFC", n, rest @ ..] if number(n) => {
                    doc = Some(format!("https://www.rfc-editor.org/rfc/rfc{n}"));
                    match rest {
                        ["Section", s] => doc.as_ref().map(|d| format!("{d}#section-{s}")),
                        _ => doc.clone(),
                    }
                }
                ["Section", s] => doc.as_ref().map(|d| format!("{d}#section-{s}")),
                _ => None,
            };
            RfcLink { text: part.to_string(), url }
        })
        .collect()
}

/// Bits grouped by octet (IPv4) or hextet (IPv6), with `|` where the prefix ends.
fn group_bits(bits: &str, prefix: usize, group: usize, sep: char) -> String {
    let mut out = String::with_capacity(bits.len() * 2);
    for (i, ch) in bits.chars().enumerate() {
        if i == prefix && i != 0 {
            out.push('|');
        } else if i > 0 && i % group == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    if prefix == bits.len() {
        out.push('|');
    }
    out
}

/// Legacy classful class by the first octet's leading bits.
pub fn legacy_class(a: Addr) -> char {
    match (a.value() >> 24) as u8 {
        0..=127 => 'A',
        128..=191 => 'B',
        192..=223 => 'C',
        224..=239 => 'D',
        _ => 'E',
    }
}

/// "10.0.0.5 is address 6 of 256 in 10.0.0.0/24 (usable host 5 of 254)".
fn position(a: Addr, net: Cidr, mode: Mode, reserved: &[Reserved]) -> String {
    let index = a.value() - net.network().value();
    let ordinal = Count::new(index).saturating_add(Count::new(1));
    let base = format!("{a} is address {} of {} in {net}", ordinal.grouped(), net.size().grouped());
    if let Some(r) = reserved.iter().find(|r| r.address == a) {
        return format!("{base} — reserved: {}", r.role);
    }
    match mode.usable_range(net) {
        Some((first, _)) if a >= first => {
            let host = Count::new(a.value() - first.value()).saturating_add(Count::new(1));
            format!("{base} (usable host {} of {})", host.grouped(), mode.usable(net).grouped())
        }
        _ => base,
    }
}

/// What an IPv6 address says about an IPv4 address embedded in it.
fn embedded_v4_notes(a: Addr, net: Cidr) -> Vec<String> {
    let mut notes = Vec::new();
    if a.family() != Family::V6 {
        return notes;
    }
    let v = a.value();
    if let Some(v4) = a.ipv4_mapped() {
        notes.push(format!("IPv4-mapped address of {v4}"));
    }
    if v >> 112 == 0x2002 && net.prefix() <= 48 + 16 {
        notes.push(format!("6to4: embeds IPv4 {}", Addr::v4((v >> 80) as u32)));
    }
    if v >> 96 == 0x2001_0000 {
        let server = Addr::v4((v >> 64) as u32);
        let client = Addr::v4(!(v as u32));
        notes.push(format!("Teredo: server {server}, client {client}"));
    }
    if v >> 32 == 0x0064_ff9b_0000_0000_0000_0000 {
        notes.push(format!("NAT64 (64:ff9b::/96): embeds IPv4 {}", Addr::v4(v as u32)));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn report(s: &str, mode: Mode) -> Report {
        Report::new(s, &parse(s).unwrap(), mode)
    }

    #[test]
    fn ipv4_report() {
        let r = report("10.0.0.5/24", Mode::Standard);
        assert_eq!(r.network.to_string(), "10.0.0.0/24");
        assert_eq!(r.broadcast.unwrap().to_string(), "10.0.0.255");
        assert_eq!(r.first_usable.unwrap().to_string(), "10.0.0.1");
        assert_eq!(r.usable.as_u128(), Some(254));
        assert_eq!(r.class, Some('A'));
        assert_eq!(r.reverse_dns, "0.0.10.in-addr.arpa");
        assert_eq!(r.binary, "00001010.00000000.00000000|00000000");
        assert_eq!(
            r.address_position.as_deref(),
            Some("10.0.0.5 is address 6 of 256 in 10.0.0.0/24 (usable host 5 of 254)")
        );
    }

    #[test]
    fn aws_mode_reserves_five() {
        let r = report("10.0.0.0/24", Mode::Aws);
        assert_eq!(r.usable.as_u128(), Some(251));
        assert_eq!(r.reserved.len(), 5);
        assert_eq!(r.first_usable.unwrap().to_string(), "10.0.0.4");
        assert!(report("10.0.0.0/29", Mode::Aws).mode_problem.unwrap().contains("/28"));
    }

    #[test]
    fn ipv6_report() {
        let r = report("2001:db8::/48", Mode::Standard);
        assert!(r.broadcast.is_none());
        assert_eq!(r.count_64.unwrap().as_u128(), Some(65536));
        assert_eq!(r.count_48.unwrap().as_u128(), Some(1));
        assert_eq!(r.reverse_dns, "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
        assert!(report("2002:c000:0204::/48", Mode::Standard).notes[0].contains("192.0.2.4"));
    }

    #[test]
    fn integer_and_hex_of_the_address_typed_beside_the_network() {
        let r = report("10.0.0.5/24", Mode::Standard);
        assert_eq!((r.integer.as_str(), r.hex.as_str()), ("167772160", "0x0a000000"));
        assert_eq!(r.address_integer.as_deref(), Some("167772165"));
        assert_eq!(r.address_hex.as_deref(), Some("0x0a000005"));
        let r = report("10.0.0.0/24", Mode::Standard);
        assert_eq!((r.address_integer, r.address_hex), (None, None));
    }

    #[test]
    fn a_bare_mask_is_recognised() {
        let hint = |s: &str| report(s, Mode::Standard).mask_hint;
        assert!(hint("255.255.255.0").unwrap().contains("looks like a netmask: it is /24"));
        assert!(hint("255.255.240.0").unwrap().contains("/20"));
        assert!(hint("255.0.255.0").unwrap().contains("is not one"));
        assert!(hint("0.0.0.255").unwrap().contains("wildcard of a /24 (netmask 255.255.255.0)"));
        assert!(hint("0.0.15.255").unwrap().contains("/20"));
        for s in ["10.0.0.1", "255.255.255.255", "0.0.0.0", "255.1.0.0", "0.0.255.0", "192.168.1.0", "255.255.255.0/24"]
        {
            assert_eq!(hint(s), None, "{s}");
        }
        // Written as a network, a mask-like address is just a network.
        assert_eq!(hint("255.255.255.0 255.255.255.0"), None);
    }

    #[test]
    fn networks_of_a_size_read_as_a_fraction_when_smaller() {
        let n = |s: &str| parse(s).unwrap().network();
        assert_eq!(networks_of_size(n("2001:db8::/48"), 64), "65,536");
        assert_eq!(networks_of_size(n("2001:db8::/64"), 64), "1");
        assert_eq!(networks_of_size(n("2001:db8::/56"), 48), "1/256 of a /48");
        assert_eq!(networks_of_size(n("2001:db8::/80"), 64), "1/65,536 of a /64");
        assert_eq!(networks_of_size(n("2001:db8::1"), 64), "1/2⁶⁴ of a /64");
        assert_eq!(networks_of_size(n("::/0"), 48), "281,474,976,710,656");
    }

    #[test]
    fn rfc_references_link_to_rfc_editor() {
        let links = rfc_links("RFC 8880, RFC 7050 Section 2.2");
        assert_eq!(
            links[0],
            RfcLink { text: "RFC 8880".into(), url: Some("https://www.rfc-editor.org/rfc/rfc8880".into()) }
        );
        assert_eq!(links[1].url.as_deref(), Some("https://www.rfc-editor.org/rfc/rfc7050#section-2.2"));
        let links = rfc_links("RFC 6890, Section 2.1");
        assert_eq!(links[1].url.as_deref(), Some("https://www.rfc-editor.org/rfc/rfc6890#section-2.1"));
        assert_eq!(
            rfc_links("RFC 5180, RFC Errata 1752")[1].url.as_deref(),
            Some("https://www.rfc-editor.org/errata/eid1752")
        );
        assert_eq!(rfc_links("Reserved")[0].url, None);
        // Every row of the registries gets at least one link.
        for s in crate::special::classify(parse("::/0").unwrap().network())
            .iter()
            .chain(crate::special::overlapping(parse("::/0").unwrap().network()).iter())
            .chain(crate::special::overlapping(parse("0.0.0.0/0").unwrap().network()).iter())
        {
            assert!(rfc_links(s.rfc).iter().any(|l| l.url.is_some()), "{}: {}", s.block, s.rfc);
        }
    }
}
