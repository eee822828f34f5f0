//! Special-purpose address blocks: the IANA IPv4 and IPv6 Special-Purpose Address Registries
//! (RFC 6890, as updated by RFC 8190 and later allocations), plus the multicast blocks as rows of
//! their own, and helpers that reproduce CPython 3.13's `ipaddress` flags.
//!
//! (Long because most of it is data: the registries' rows in one table (`ROWS`) that reads
//! against IANA's, and CPython's own lists; the code is the lookups and the flag helpers.)
//!
//! Two views are offered, on purpose kept apart:
//!
//! * The **registry view** ([`registry`], [`classify`], [`overlapping`], [`is_global`],
//!   [`label`]) follows the IANA tables as they stand today, including rows that CPython does not
//!   know yet (RFC 9602 `5f00::/16`, RFC 9637 `3fff::/20`, RFC 9665 `2001:1::3/128`, RFC 9780
//!   `100:0:0:1::/64`, RFC 6751 `192.88.99.2/32`).
//! * The **Python view** (`py_*`) answers exactly what CPython 3.13.0's `IPv4Address`,
//!   `IPv6Address`, `IPv4Network` and `IPv6Network` properties answer, from CPython's own
//!   constant lists (`_private_networks`, `_private_networks_exceptions`, `_reserved_networks`,
//!   …), so results can be compared with Python-based tooling. Where the two views disagree,
//!   the registry view is the one the app shows; `tests/oracle_flags.rs` lists every such case
//!   with its reason.
//!
//! Nothing here panics: the tables are parsed once into a [`LazyLock`], rows are skipped rather
//! than unwrapped if one could not be built (a unit test checks none is skipped), and every query
//! is total over all `Cidr`/`Addr` values of both families.

use std::net::IpAddr;
use std::sync::LazyLock;

use crate::addr::{Addr, Cidr, Family};

/// One boolean column of the IANA registries.
///
/// IANA writes `True`, `False`, or `N/A` (e.g. "Globally Reachable" of `2002::/16` 6to4 and
/// `2001::/32` TEREDO); the columns of terminated rows (`192.88.99.0/24`, `2001:10::/28`) are
/// left empty, which is also modelled as [`Flag::NotApplicable`]. Serialises as JSON `true`,
/// `false` or `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// IANA `True`.
    Yes,
    /// IANA `False`.
    No,
    /// IANA `N/A`, or a column left empty.
    NotApplicable,
}

impl Flag {
    /// `Some(true)`, `Some(false)`, or `None` for N/A.
    pub const fn as_option(self) -> Option<bool> {
        match self {
            Flag::Yes => Some(true),
            Flag::No => Some(false),
            Flag::NotApplicable => None,
        }
    }

    /// `true` only for [`Flag::Yes`].
    pub const fn is_yes(self) -> bool {
        matches!(self, Flag::Yes)
    }
}

impl serde::Serialize for Flag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_option() {
            Some(b) => s.serialize_bool(b),
            None => s.serialize_none(),
        }
    }
}

/// One row of the special-purpose tables.
///
/// For registry rows the five flags are IANA's. Multicast rows (`multicast == true`) are not in
/// the special-purpose registries; their flags are ours, from the RFCs named in `rfc`: a
/// multicast address is never a valid source (RFC 1122 §3.2.1.3, RFC 4291 §2.7), is a valid
/// destination, is forwardable and globally reachable according to its scope, and
/// `reserved_by_protocol` is left N/A.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Special {
    /// The special-purpose block.
    pub block: Cidr,
    /// The registry's name for it (`Private-Use`).
    pub name: &'static str,
    /// The RFC(s) the registry cites, e.g. `"RFC 1918"` or `"RFC 8880, RFC 7050 Section 2.2"`.
    pub rfc: &'static str,
    /// Valid as a source address (IANA's "Source").
    pub source: Flag,
    /// Valid as a destination address (IANA's "Destination").
    pub destination: Flag,
    /// Forwarded by routers (IANA's "Forwardable").
    pub forwardable: Flag,
    /// Reachable from the whole internet (IANA's "Globally Reachable").
    pub globally_reachable: Flag,
    /// Reserved by a protocol (IANA's "Reserved-by-Protocol").
    pub reserved_by_protocol: Flag,
    /// A multicast row of our own rather than a registry row.
    pub multicast: bool,
}

/// The source form of a row, before its block is parsed.
struct Row {
    block: &'static str,
    name: &'static str,
    rfc: &'static str,
    /// source, destination, forwardable, globally reachable, reserved-by-protocol.
    flags: [Flag; 5],
    multicast: bool,
}

const T: Flag = Flag::Yes;
const F: Flag = Flag::No;
const NA: Flag = Flag::NotApplicable;

/// A registry row.
const fn r(block: &'static str, name: &'static str, rfc: &'static str, flags: [Flag; 5]) -> Row {
    Row { block, name, rfc, flags, multicast: false }
}

/// A multicast row (flags ours, see [`Special`]).
const fn m(block: &'static str, name: &'static str, rfc: &'static str, flags: [Flag; 5]) -> Row {
    Row { block, name, rfc, flags, multicast: true }
}

// Flags in column order: [source, destination, forwardable, globally reachable, reserved-by-protocol].
#[rustfmt::skip]
const ROWS: &[Row] = &[
    // --- IANA IPv4 Special-Purpose Address Registry -------------------------------------------
    r("0.0.0.0/8", "\"This network\"", "RFC 791, Section 3.2", [T, F, F, F, T]),
    r("0.0.0.0/32", "\"This host on this network\"", "RFC 1122, Section 3.2.1.3", [T, F, F, F, T]),
    r("10.0.0.0/8", "Private-Use", "RFC 1918", [T, T, T, F, F]),
    r("100.64.0.0/10", "Shared Address Space", "RFC 6598", [T, T, T, F, F]),
    // IANA footnote: several protocols have been granted exceptions (RFC 8029, RFC 5884).
    r("127.0.0.0/8", "Loopback", "RFC 1122, Section 3.2.1.3", [F, F, F, F, T]),
    r("169.254.0.0/16", "Link Local", "RFC 3927", [T, T, F, F, T]),
    r("172.16.0.0/12", "Private-Use", "RFC 1918", [T, T, T, F, F]),
    // IANA footnote: not usable unless by virtue of a more specific reservation.
    r("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890, Section 2.1", [F, F, F, F, F]),
    r("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", [T, T, T, F, F]),
    r("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", [T, F, F, F, F]),
    r("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", [T, T, T, T, F]),
    r("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", [T, T, T, T, F]),
    // One IANA row ("192.0.0.170/32, 192.0.0.171/32"), two blocks.
    r("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 Section 2.2", [F, F, F, F, T]),
    r("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 Section 2.2", [F, F, F, F, T]),
    r("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", [F, F, F, F, F]),
    r("192.31.196.0/24", "AS112-v4", "RFC 7535", [T, T, T, T, F]),
    r("192.52.193.0/24", "AMT", "RFC 7450", [T, T, T, T, F]),
    // Terminated 2015-03; IANA leaves all five columns empty.
    r("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", [NA, NA, NA, NA, NA]),
    r("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", [T, T, T, F, F]),
    r("192.168.0.0/16", "Private-Use", "RFC 1918", [T, T, T, F, F]),
    r("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", [T, T, T, T, F]),
    r("198.18.0.0/15", "Benchmarking", "RFC 2544", [T, T, T, F, F]),
    r("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", [F, F, F, F, F]),
    r("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", [F, F, F, F, F]),
    r("240.0.0.0/4", "Reserved", "RFC 1112, Section 4", [F, F, F, F, T]),
    r("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919 Section 7", [F, T, F, F, T]),
    // --- IPv4 multicast (IANA IPv4 Multicast Address Space registry; flags ours) -------------
    m("224.0.0.0/4", "Multicast", "RFC 5771", [F, T, T, NA, NA]),
    // RFC 5771 §4: routers should not forward datagrams addressed to this block.
    m("224.0.0.0/24", "Local Network Control Block", "RFC 5771", [F, T, F, F, NA]),
    m("232.0.0.0/8", "Source-Specific Multicast", "RFC 4607, RFC 5771", [F, T, T, T, NA]),
    m("233.0.0.0/8", "GLOP", "RFC 3180, RFC 5771", [F, T, T, T, NA]),
    // RFC 2365: limited to an administrative (organisation) scope.
    m("239.0.0.0/8", "Administratively Scoped", "RFC 2365, RFC 5771", [F, T, T, F, NA]),
    // --- IANA IPv6 Special-Purpose Address Registry -------------------------------------------
    r("::1/128", "Loopback Address", "RFC 4291", [F, F, F, F, T]),
    r("::/128", "Unspecified Address", "RFC 4291", [T, F, F, F, T]),
    r("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", [F, F, F, F, T]),
    r("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", [T, T, T, T, F]),
    r("64:ff9b:1::/48", "IPv4-IPv6 Translat.", "RFC 8215", [T, T, T, F, F]),
    r("100::/64", "Discard-Only Address Block", "RFC 6666", [T, T, T, F, F]),
    r("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", [T, F, F, F, F]),
    // IANA footnote: unless allowed by a more specific allocation.
    r("2001::/23", "IETF Protocol Assignments", "RFC 2928", [F, F, F, F, F]),
    // IANA footnote: see RFC 4380 §5.4 (Teredo embeds an IPv4 address; reachability varies).
    r("2001::/32", "TEREDO", "RFC 4380, RFC 8190", [T, T, T, NA, F]),
    r("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", [T, T, T, T, F]),
    r("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", [T, T, T, T, F]),
    r("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", [T, T, T, T, F]),
    r("2001:2::/48", "Benchmarking", "RFC 5180, RFC Errata 1752", [T, T, T, F, F]),
    r("2001:3::/32", "AMT", "RFC 7450", [T, T, T, T, F]),
    r("2001:4:112::/48", "AS112-v6", "RFC 7535", [T, T, T, T, F]),
    // Terminated 2014-03; IANA leaves all five columns empty.
    r("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", [NA, NA, NA, NA, NA]),
    r("2001:20::/28", "ORCHIDv2", "RFC 7343", [T, T, T, T, F]),
    r("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", [T, T, T, T, F]),
    r("2001:db8::/32", "Documentation", "RFC 3849", [F, F, F, F, F]),
    // IANA footnote: see RFC 3056 §2 (6to4 embeds an IPv4 address; reachability varies).
    r("2002::/16", "6to4", "RFC 3056", [T, T, T, NA, F]),
    r("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", [T, T, T, T, F]),
    r("3fff::/20", "Documentation", "RFC 9637", [F, F, F, F, F]),
    r("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", [T, T, T, F, F]),
    // IANA footnote: see RFC 4193 for more details on the routing of ULAs.
    r("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190", [T, T, T, F, F]),
    r("fe80::/10", "Link-Local Unicast", "RFC 4291", [T, T, F, F, T]),
    // --- IPv6 multicast (RFC 4291 §2.7; flags ours) --------------------------------------------
    m("ff00::/8", "Multicast", "RFC 4291", [F, T, T, NA, NA]),
    // The /16 rows cover the permanently-assigned (flags = 0) groups of each scope, ff0s::/16;
    // transient groups (ff1s::, ff3s::, …) of the same scope fall under ff00::/8 only.
    m("ff01::/16", "Interface-Local Scope Multicast", "RFC 4291", [F, T, F, F, NA]),
    m("ff02::/16", "Link-Local Scope Multicast", "RFC 4291", [F, T, F, F, NA]),
    m("ff05::/16", "Site-Local Scope Multicast", "RFC 4291", [F, T, T, F, NA]),
    m("ff0e::/16", "Global Scope Multicast", "RFC 4291", [F, T, T, T, NA]),
];

/// `"a.b.c.d/n"` or `"x::y/n"` with no host bits set; `None` otherwise.
fn parse_block(s: &str) -> Option<Cidr> {
    let (addr, prefix) = s.split_once('/')?;
    let ip: IpAddr = addr.parse().ok()?;
    let prefix: u8 = prefix.parse().ok()?;
    Cidr::exact(Addr::from(ip), prefix)
}

fn parse_blocks(list: &[&str]) -> Vec<Cidr> {
    list.iter().filter_map(|s| parse_block(s)).collect()
}

static REGISTRY: LazyLock<Vec<Special>> = LazyLock::new(|| {
    ROWS.iter()
        .filter_map(|row| {
            let block = parse_block(row.block)?;
            let [source, destination, forwardable, globally_reachable, reserved_by_protocol] = row.flags;
            Some(Special {
                block,
                name: row.name,
                rfc: row.rfc,
                source,
                destination,
                forwardable,
                globally_reachable,
                reserved_by_protocol,
                multicast: row.multicast,
            })
        })
        .collect()
});

/// `2000::/3`, the IPv6 global unicast space (IANA IPv6 Address Space registry). Outside it,
/// IPv6 space without a special-purpose row is "Reserved by IETF", not public.
static V6_GLOBAL_UNICAST: LazyLock<Option<Cidr>> = LazyLock::new(|| parse_block("2000::/3"));

/// Every row: the IPv4 registry, IPv4 multicast, the IPv6 registry, IPv6 multicast, in that
/// order (within each, the registry's own order).
pub fn registry() -> &'static [Special] {
    &REGISTRY
}

/// Every row whose block contains the whole of `net`, most general first, most specific last.
/// Empty means `net` lies in no special-purpose block.
pub fn classify(net: Cidr) -> Vec<&'static Special> {
    let mut rows: Vec<&'static Special> = registry().iter().filter(|s| s.block.contains(net)).collect();
    // Containing blocks of one network are nested, so a shorter prefix is the more general one.
    crate::sort::sort_few_by_key(&mut rows, |s| s.block.prefix());
    rows
}

/// Rows that share addresses with `net` without containing it (so `net` contains them): e.g.
/// `0.0.0.0/0` overlaps every IPv4 row. Ordered by address, then prefix.
pub fn overlapping(net: Cidr) -> Vec<&'static Special> {
    let mut rows: Vec<&'static Special> =
        registry().iter().filter(|s| s.block.overlaps(net) && !s.block.contains(net)).collect();
    crate::sort::sort_few_by_key(&mut rows, |s| s.block);
    rows
}

/// Whether `net` is globally reachable in the registry's sense.
///
/// The most specific row containing `net` decides: its "Globally Reachable" column `True` →
/// `true`; `False` or N/A (TEREDO, 6to4, the terminated rows, the multicast parents) → `false`,
/// since the registry does not vouch for it. With no containing row: every IPv4 network is
/// global, and an IPv6 network is global only inside `2000::/3` (the rest of IPv6 is reserved
/// by the IETF). A network that merely *overlaps* special rows (`0.0.0.0/0`) is judged by its
/// containing rows only; see [`overlapping`] for those.
pub fn is_global(net: Cidr) -> bool {
    match classify(net).last() {
        Some(row) => row.globally_reachable.is_yes(),
        None => match net.family() {
            Family::V4 => true,
            Family::V6 => V6_GLOBAL_UNICAST.is_some_and(|g| g.contains(net)),
        },
    }
}

/// A short badge for `net`: the most specific containing row's name; otherwise `"Mixed"` when
/// `net` contains special-purpose blocks (or, for IPv6, straddles `2000::/3`), `"Public"` for
/// ordinary unicast space (all other IPv4, IPv6 inside `2000::/3`), and `"Reserved"` for IPv6
/// outside `2000::/3` (IANA: "Reserved by IETF", e.g. `4000::/3`, the old site-local
/// `fec0::/10`).
pub fn label(net: Cidr) -> String {
    if let Some(row) = classify(net).last() {
        return row.name.to_string();
    }
    let mixed = !overlapping(net).is_empty();
    match net.family() {
        Family::V4 => if mixed { "Mixed" } else { "Public" }.to_string(),
        Family::V6 => {
            let Some(global) = *V6_GLOBAL_UNICAST else {
                return "Reserved".to_string();
            };
            if mixed || (net.contains(global) && net != global) {
                "Mixed".to_string()
            } else if global.contains(net) {
                "Public".to_string()
            } else {
                "Reserved".to_string()
            }
        }
    }
}

// --- CPython 3.13.0 `ipaddress` compatibility -------------------------------------------------

/// CPython 3.13.0 `_IPv4Constants._private_networks`.
const PY_V4_PRIVATE: &[&str] = &[
    "0.0.0.0/8",
    "10.0.0.0/8",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.0.170/31",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "240.0.0.0/4",
    "255.255.255.255/32",
];
/// CPython 3.13.0 `_IPv4Constants._private_networks_exceptions`.
const PY_V4_PRIVATE_EXCEPTIONS: &[&str] = &["192.0.0.9/32", "192.0.0.10/32"];
/// CPython 3.13.0 `_IPv6Constants._private_networks` (no `3fff::/20` yet in 3.13.0).
const PY_V6_PRIVATE: &[&str] = &[
    "::1/128",
    "::/128",
    "::ffff:0:0/96",
    "64:ff9b:1::/48",
    "100::/64",
    "2001::/23",
    "2001:db8::/32",
    "2002::/16",
    "fc00::/7",
    "fe80::/10",
];
/// CPython 3.13.0 `_IPv6Constants._private_networks_exceptions`.
const PY_V6_PRIVATE_EXCEPTIONS: &[&str] =
    &["2001:1::1/128", "2001:1::2/128", "2001:3::/32", "2001:4:112::/48", "2001:20::/28", "2001:30::/28"];
/// CPython 3.13.0 `_IPv6Constants._reserved_networks`.
const PY_V6_RESERVED: &[&str] = &[
    "::/8", "100::/8", "200::/7", "400::/6", "800::/5", "1000::/4", "4000::/3", "6000::/3", "8000::/3", "a000::/3",
    "c000::/3", "e000::/4", "f000::/5", "f800::/6", "fe00::/9",
];

/// CPython's single-network constants, in one table parsed once.
struct PyConstants {
    v4_private: Vec<Cidr>,
    v4_exceptions: Vec<Cidr>,
    v6_private: Vec<Cidr>,
    v6_exceptions: Vec<Cidr>,
    v6_reserved: Vec<Cidr>,
    v4_shared: Vec<Cidr>,    // _public_network 100.64.0.0/10
    v4_reserved: Vec<Cidr>,  // _reserved_network 240.0.0.0/4
    v4_multicast: Vec<Cidr>, // 224.0.0.0/4
    v6_multicast: Vec<Cidr>, // ff00::/8
    v4_loopback: Vec<Cidr>,  // 127.0.0.0/8
    v4_linklocal: Vec<Cidr>, // 169.254.0.0/16
    v6_linklocal: Vec<Cidr>, // fe80::/10
    v6_sitelocal: Vec<Cidr>, // fec0::/10
}

static PY: LazyLock<PyConstants> = LazyLock::new(|| PyConstants {
    v4_private: parse_blocks(PY_V4_PRIVATE),
    v4_exceptions: parse_blocks(PY_V4_PRIVATE_EXCEPTIONS),
    v6_private: parse_blocks(PY_V6_PRIVATE),
    v6_exceptions: parse_blocks(PY_V6_PRIVATE_EXCEPTIONS),
    v6_reserved: parse_blocks(PY_V6_RESERVED),
    v4_shared: parse_blocks(&["100.64.0.0/10"]),
    v4_reserved: parse_blocks(&["240.0.0.0/4"]),
    v4_multicast: parse_blocks(&["224.0.0.0/4"]),
    v6_multicast: parse_blocks(&["ff00::/8"]),
    v4_loopback: parse_blocks(&["127.0.0.0/8"]),
    v4_linklocal: parse_blocks(&["169.254.0.0/16"]),
    v6_linklocal: parse_blocks(&["fe80::/10"]),
    v6_sitelocal: parse_blocks(&["fec0::/10"]),
});

fn in_any(a: Addr, list: &[Cidr]) -> bool {
    list.iter().any(|n| n.contains_addr(a))
}

fn py_private_lists(f: Family) -> (&'static [Cidr], &'static [Cidr]) {
    match f {
        Family::V4 => (&PY.v4_private, &PY.v4_exceptions),
        Family::V6 => (&PY.v6_private, &PY.v6_exceptions),
    }
}

/// All the `is_*` properties CPython 3.13.0 reports for one address or network.
/// `is_site_local` exists only on IPv6 objects in Python, so it is `None` for IPv4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PyFlags {
    /// CPython's `is_private`.
    pub is_private: bool,
    /// CPython's `is_global`.
    pub is_global: bool,
    /// CPython's `is_reserved`.
    pub is_reserved: bool,
    /// CPython's `is_multicast`.
    pub is_multicast: bool,
    /// CPython's `is_loopback`.
    pub is_loopback: bool,
    /// CPython's `is_link_local`.
    pub is_link_local: bool,
    /// CPython's `is_unspecified`.
    pub is_unspecified: bool,
    /// CPython's `is_site_local`; `None` for IPv4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_site_local: Option<bool>,
}

/// `ip_address(a).is_private`: in `_private_networks` and in none of
/// `_private_networks_exceptions`; an IPv4-mapped IPv6 address answers for its IPv4 address.
pub fn py_is_private(a: Addr) -> bool {
    if let Some(v4) = a.ipv4_mapped() {
        return py_is_private(v4);
    }
    let (private, exceptions) = py_private_lists(a.family());
    in_any(a, private) && !in_any(a, exceptions)
}

/// `ip_address(a).is_global`: not private and, for IPv4, not in `100.64.0.0/10`. For IPv6 it
/// is just "not private" (3.13.0's `IPv6Address.is_global`); as `is_private` answers for the
/// embedded IPv4 address of an IPv4-mapped address, `::ffff:100.64.0.1` comes out global even
/// though `100.64.0.1` does not (a CPython quirk, reproduced on purpose).
pub fn py_is_global(a: Addr) -> bool {
    match a.family() {
        Family::V4 => !in_any(a, &PY.v4_shared) && !py_is_private(a),
        Family::V6 => !py_is_private(a),
    }
}

/// `ip_address(a).is_reserved`: IPv4 `240.0.0.0/4`; IPv6 `_reserved_networks` (IPv4-mapped
/// addresses are *not* unwrapped: `::ffff:0:0/96` lies in `::/8`).
pub fn py_is_reserved(a: Addr) -> bool {
    match a.family() {
        Family::V4 => in_any(a, &PY.v4_reserved),
        Family::V6 => in_any(a, &PY.v6_reserved),
    }
}

/// `ip_address(a).is_multicast`: `224.0.0.0/4` or `ff00::/8` (not unwrapped).
pub fn py_is_multicast(a: Addr) -> bool {
    match a.family() {
        Family::V4 => in_any(a, &PY.v4_multicast),
        Family::V6 => in_any(a, &PY.v6_multicast),
    }
}

/// `ip_address(a).is_loopback`: `127.0.0.0/8` or `::1`; an IPv4-mapped IPv6 address answers
/// for its IPv4 address (3.13 behaviour).
pub fn py_is_loopback(a: Addr) -> bool {
    if let Some(v4) = a.ipv4_mapped() {
        return py_is_loopback(v4);
    }
    match a.family() {
        Family::V4 => in_any(a, &PY.v4_loopback),
        Family::V6 => a.value() == 1,
    }
}

/// `ip_address(a).is_link_local`: `169.254.0.0/16` or `fe80::/10` (not unwrapped).
pub fn py_is_link_local(a: Addr) -> bool {
    match a.family() {
        Family::V4 => in_any(a, &PY.v4_linklocal),
        Family::V6 => in_any(a, &PY.v6_linklocal),
    }
}

/// `ip_address(a).is_unspecified`: `0.0.0.0` or `::`.
pub fn py_is_unspecified(a: Addr) -> bool {
    a.value() == 0
}

/// `IPv6Address(a).is_site_local`: `fec0::/10`. IPv4 addresses have no such property in
/// Python; this answers `false` for them.
pub fn py_is_site_local(a: Addr) -> bool {
    a.family() == Family::V6 && in_any(a, &PY.v6_sitelocal)
}

/// Every `py_is_*` of one address.
pub fn py_flags(a: Addr) -> PyFlags {
    PyFlags {
        is_private: py_is_private(a),
        is_global: py_is_global(a),
        is_reserved: py_is_reserved(a),
        is_multicast: py_is_multicast(a),
        is_loopback: py_is_loopback(a),
        is_link_local: py_is_link_local(a),
        is_unspecified: py_is_unspecified(a),
        is_site_local: (a.family() == Family::V6).then(|| py_is_site_local(a)),
    }
}

/// `ip_network(net).is_private` (3.13): some single `_private_networks` entry holds both the
/// network and the broadcast address, and no `_private_networks_exceptions` entry holds either
/// of them. (Not "both ends private": `0.0.0.0/0` has two private ends but is not private.)
/// Networks are not unwrapped as IPv4-mapped.
pub fn py_net_is_private(net: Cidr) -> bool {
    let (first, last) = (net.network(), net.last());
    let (private, exceptions) = py_private_lists(net.family());
    private.iter().any(|p| p.contains_addr(first) && p.contains_addr(last))
        && exceptions.iter().all(|e| !e.contains_addr(first) && !e.contains_addr(last))
}

/// `ip_network(net).is_global`: not private and, for IPv4, not wholly inside `100.64.0.0/10`.
pub fn py_net_is_global(net: Cidr) -> bool {
    let shared =
        || net.family() == Family::V4 && in_any(net.network(), &PY.v4_shared) && in_any(net.last(), &PY.v4_shared);
    !shared() && !py_net_is_private(net)
}

/// `ip_network(net).is_reserved`: both ends reserved.
pub fn py_net_is_reserved(net: Cidr) -> bool {
    py_is_reserved(net.network()) && py_is_reserved(net.last())
}

/// `ip_network(net).is_multicast`: both ends multicast.
pub fn py_net_is_multicast(net: Cidr) -> bool {
    py_is_multicast(net.network()) && py_is_multicast(net.last())
}

/// `ip_network(net).is_loopback`: both ends loopback.
pub fn py_net_is_loopback(net: Cidr) -> bool {
    py_is_loopback(net.network()) && py_is_loopback(net.last())
}

/// `ip_network(net).is_link_local`: both ends link-local.
pub fn py_net_is_link_local(net: Cidr) -> bool {
    py_is_link_local(net.network()) && py_is_link_local(net.last())
}

/// `ip_network(net).is_unspecified`: both ends unspecified (only `0.0.0.0/32`, `::/128`).
pub fn py_net_is_unspecified(net: Cidr) -> bool {
    py_is_unspecified(net.network()) && py_is_unspecified(net.last())
}

/// `IPv6Network(net).is_site_local`: both ends site-local; `false` for IPv4.
pub fn py_net_is_site_local(net: Cidr) -> bool {
    py_is_site_local(net.network()) && py_is_site_local(net.last())
}

/// Every `py_net_is_*` of one network.
pub fn py_net_flags(net: Cidr) -> PyFlags {
    PyFlags {
        is_private: py_net_is_private(net),
        is_global: py_net_is_global(net),
        is_reserved: py_net_is_reserved(net),
        is_multicast: py_net_is_multicast(net),
        is_loopback: py_net_is_loopback(net),
        is_link_local: py_net_is_link_local(net),
        is_unspecified: py_net_is_unspecified(net),
        is_site_local: (net.family() == Family::V6).then(|| py_net_is_site_local(net)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Cidr {
        parse_block(s).unwrap_or_else(|| panic!("test block {s} does not parse"))
    }

    fn host(s: &str) -> Cidr {
        let ip: IpAddr = s.parse().unwrap_or_else(|_| panic!("test address {s} does not parse"));
        Cidr::host(Addr::from(ip))
    }

    fn names(rows: &[&Special]) -> Vec<String> {
        rows.iter().map(|r| format!("{} {}", r.block, r.name)).collect()
    }

    #[test]
    fn every_row_and_constant_parses() {
        assert_eq!(registry().len(), ROWS.len(), "a registry row failed to parse or is misaligned");
        assert_eq!(registry().len(), 61);
        assert_eq!(registry().iter().filter(|s| s.block.family() == Family::V4).count(), 31);
        assert_eq!(registry().iter().filter(|s| s.multicast).count(), 10);
        for (list, parsed) in [
            (PY_V4_PRIVATE, &PY.v4_private),
            (PY_V4_PRIVATE_EXCEPTIONS, &PY.v4_exceptions),
            (PY_V6_PRIVATE, &PY.v6_private),
            (PY_V6_PRIVATE_EXCEPTIONS, &PY.v6_exceptions),
            (PY_V6_RESERVED, &PY.v6_reserved),
        ] {
            assert_eq!(list.len(), parsed.len(), "{list:?}");
        }
        assert!(V6_GLOBAL_UNICAST.is_some());
    }

    #[test]
    fn blocks_are_unique_and_each_row_is_its_own_most_specific_match() {
        for (i, a) in registry().iter().enumerate() {
            for b in &registry()[i + 1..] {
                assert_ne!(a.block, b.block, "duplicate block {}", a.block);
            }
            let rows = classify(a.block);
            assert!(std::ptr::eq(*rows.last().unwrap(), a), "{}", a.block);
            // Most general first: prefixes never decrease.
            assert!(rows.windows(2).all(|w| w[0].block.prefix() < w[1].block.prefix()));
        }
    }

    #[test]
    fn private_use_host() {
        let n = host("10.1.2.3");
        let rows = classify(n);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "Private-Use");
        assert_eq!(rows[0].rfc, "RFC 1918");
        assert_eq!(rows[0].block, net("10.0.0.0/8"));
        assert!(!is_global(n));
        assert_eq!(label(n), "Private-Use");
        assert!(overlapping(n).is_empty());
    }

    #[test]
    fn shared_address_space() {
        let n = net("100.64.0.0/10");
        assert_eq!(label(n), "Shared Address Space");
        assert_eq!(classify(n)[0].rfc, "RFC 6598");
        assert!(!is_global(n));
        assert!(!is_global(host("100.127.255.255")));
        assert!(is_global(host("100.128.0.0")));
    }

    #[test]
    fn public_v4() {
        let n = host("8.8.8.8");
        assert!(classify(n).is_empty());
        assert!(overlapping(n).is_empty());
        assert!(is_global(n));
        assert_eq!(label(n), "Public");
    }

    #[test]
    fn newer_v6_rows() {
        let doc = host("3fff::1");
        assert_eq!(label(doc), "Documentation");
        assert_eq!(classify(doc)[0].rfc, "RFC 9637");
        assert!(!is_global(doc));
        assert!(is_global(host("3fff:1000::1")), "3fff::/20 ends at 3fff:fff:ffff:…");

        let srv6 = net("5f00::/16");
        assert_eq!(label(srv6), "Segment Routing (SRv6) SIDs");
        assert_eq!(classify(srv6)[0].rfc, "RFC 9602");
        assert!(!is_global(srv6));

        let d = net("2001:db8::/48");
        let rows = classify(d);
        assert_eq!(names(&rows), ["2001:db8::/32 Documentation"]);
        assert!(!is_global(d));

        let dummy = host("100:0:0:1::1");
        assert_eq!(label(dummy), "Dummy IPv6 Prefix");
        assert_eq!(classify(dummy)[0].rfc, "RFC 9780");
        assert_eq!(label(host("100::1")), "Discard-Only Address Block");
    }

    #[test]
    fn ietf_protocol_assignments_carve_outs() {
        // 192.0.0.9 sits in the not-globally-reachable 192.0.0.0/24 but is itself reachable.
        let pcp = host("192.0.0.9");
        assert_eq!(
            names(&classify(pcp)),
            ["192.0.0.0/24 IETF Protocol Assignments", "192.0.0.9/32 Port Control Protocol Anycast"]
        );
        assert!(is_global(pcp));
        assert!(!is_global(host("192.0.0.8")));
        assert!(!is_global(host("192.0.0.11")));
        assert_eq!(label(host("192.0.0.2")), "IPv4 Service Continuity Prefix");
        assert_eq!(label(host("192.0.0.171")), "NAT64/DNS64 Discovery");
        // A /31 over .8 and .9 is only inside the /24 and overlaps both host rows.
        let pair = net("192.0.0.8/31");
        assert_eq!(names(&classify(pair)), ["192.0.0.0/24 IETF Protocol Assignments"]);
        assert_eq!(overlapping(pair).len(), 2);
        assert!(!is_global(pair));

        assert!(is_global(host("2001:1::3")), "RFC 9665 SRP anycast");
        assert!(!is_global(host("2001:1::4")));
        assert!(is_global(host("2001:4:112::1")));
        assert!(!is_global(host("2001::1")), "TEREDO is N/A, so not vouched for");
        assert!(!is_global(host("2002::1")), "6to4 is N/A");
        assert!(is_global(host("192.31.196.1")));
        assert!(is_global(host("192.52.193.1")));
        assert!(is_global(host("192.175.48.1")));
        assert!(!is_global(host("192.88.99.1")), "terminated 6to4 relay anycast");
        assert_eq!(label(host("192.88.99.2")), "6a44-relay anycast address");
    }

    #[test]
    fn whole_space() {
        let all4 = Cidr::all(Family::V4);
        assert!(classify(all4).is_empty());
        let over = overlapping(all4);
        assert_eq!(over.len(), registry().iter().filter(|s| s.block.family() == Family::V4).count());
        assert!(over.iter().any(|s| s.block == net("10.0.0.0/8")));
        assert!(over.windows(2).all(|w| w[0].block < w[1].block));
        assert!(is_global(all4));
        assert_eq!(label(all4), "Mixed");

        let all6 = Cidr::all(Family::V6);
        assert!(classify(all6).is_empty());
        assert_eq!(overlapping(all6).len(), registry().len() - over.len());
        assert!(!is_global(all6));
        assert_eq!(label(all6), "Mixed");
    }

    #[test]
    fn v6_outside_special_rows() {
        assert!(is_global(host("2606:4700:4700::1111")));
        assert_eq!(label(host("2606:4700:4700::1111")), "Public");
        assert_eq!(label(net("2000::/3")), "Mixed");
        assert!(!is_global(host("4000::1")));
        assert_eq!(label(host("4000::1")), "Reserved");
        assert_eq!(label(net("fec0::/10")), "Reserved");
        assert_eq!(label(net("::/1")), "Mixed");
    }

    #[test]
    fn multicast_rows() {
        let local = host("224.0.0.251");
        assert_eq!(names(&classify(local)), ["224.0.0.0/4 Multicast", "224.0.0.0/24 Local Network Control Block"]);
        assert!(classify(local).iter().all(|s| s.multicast));
        assert!(!is_global(local));
        assert!(is_global(host("232.1.2.3")));
        assert!(!is_global(host("239.255.255.250")));
        assert!(!is_global(host("225.1.2.3")), "224.0.0.0/4 alone is N/A");
        assert_eq!(label(host("ff02::1")), "Link-Local Scope Multicast");
        assert_eq!(label(host("ff12::1")), "Multicast");
        assert!(is_global(host("ff0e::101")));
    }

    #[test]
    fn flags_serialise_as_bool_or_null() {
        let teredo = classify(host("2001::1")).pop().unwrap();
        assert_eq!(teredo.name, "TEREDO");
        let v = serde_json::to_string(teredo).unwrap_or_default();
        assert!(v.contains("\"globally_reachable\":null"), "{v}");
        assert!(v.contains("\"source\":true"), "{v}");
        assert!(v.contains("\"reserved_by_protocol\":false"), "{v}");
        assert!(v.contains("\"block\":\"2001::/32\""), "{v}");
    }

    /// Where the registry and CPython 3.13.0's constant lists disagree on a row's reachability.
    /// Each disagreement is a row newer than CPython 3.13.0's lists (or one it never had).
    #[test]
    fn registry_reachability_vs_cpython_lists() {
        let lagging = ["192.88.99.2/32", "100:0:0:1::/64", "2001:1::3/128", "3fff::/20", "5f00::/16"];
        let mut differ = Vec::new();
        for s in registry().iter().filter(|s| !s.multicast) {
            let Some(reachable) = s.globally_reachable.as_option() else {
                continue;
            };
            if reachable != py_net_is_global(s.block) {
                differ.push(s.block.to_string());
            }
        }
        assert_eq!(differ, lagging);
    }

    #[test]
    fn python_network_private_needs_one_block_holding_both_ends() {
        // Both ends private, but in different blocks: not private (CPython 3.13).
        assert!(!py_net_is_private(Cidr::all(Family::V4)));
        assert!(py_net_is_global(Cidr::all(Family::V4)));
        // An exception strictly inside, touching neither end, does not matter.
        assert!(py_net_is_private(net("192.0.0.0/24")));
        // An exception at an end does.
        assert!(!py_net_is_private(net("192.0.0.8/31")));
        assert!(!py_net_is_global(net("100.64.0.0/10")));
        assert!(!py_net_is_private(net("100.64.0.0/10")));
        assert!(py_is_loopback(Addr::v6(0xffff_7f00_0001)));
        assert!(!py_is_reserved(Addr::v4(0)));
        assert!(py_is_reserved(Addr::v6(0xffff_0a00_0001)));
        assert!(!py_is_global(Addr::v4(0x6440_0001)));
        assert!(py_is_global(Addr::v6(0xffff_6440_0001)), "CPython 3.13.0 quirk: mapped shared space is global");
        assert!(!py_is_global(Addr::v6(0xffff_0a00_0001)));
        assert_eq!(py_flags(Addr::v4(0)).is_site_local, None);
        assert_eq!(py_flags(Addr::v6(0xfec0 << 112)).is_site_local, Some(true));
    }
}
