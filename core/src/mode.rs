//! Cloud modes as data: one table that the calculator, the designer and the planner all read.
//!
//! A mode says which addresses of an IPv4 subnet the provider keeps for itself and which subnet
//! sizes it accepts. Offsets are counted from the start (`0` = network address) or from the end
//! (`-1` = last address), so one rule covers every subnet size.

use crate::addr::{Addr, Cidr, Count, Family};
use std::fmt;
use std::str::FromStr;

/// Whose rules a subnet follows: plain IP (Standard) or a cloud provider's reserved addresses and sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// No provider: network and broadcast reserved in IPv4 subnets up to /30, any size accepted.
    #[default]
    Standard,
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud.
    Gcp,
    /// Oracle Cloud Infrastructure.
    Oci,
}

/// One reserved address of a mode: where it sits and what the provider uses it for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReservedRule {
    /// From the start (0 = network address) when ≥ 0, from the end (−1 = last) when < 0.
    pub offset: i8,
    /// What the provider uses the address for (`VPC router`).
    pub role: &'static str,
}

/// A reserved address of one concrete subnet.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Reserved {
    /// The reserved address.
    pub address: Addr,
    /// What it is reserved for (`Amazon DNS`).
    pub role: &'static str,
}

const fn r(offset: i8, role: &'static str) -> ReservedRule {
    ReservedRule { offset, role }
}

const AWS_RESERVED: &[ReservedRule] = &[
    r(0, "Network address"),
    r(1, "VPC router"),
    r(2, "Amazon DNS"),
    r(3, "Reserved by AWS for future use"),
    r(-1, "Broadcast (reserved; AWS does not support broadcast)"),
];
const AZURE_RESERVED: &[ReservedRule] =
    &[r(0, "Network address"), r(1, "Default gateway"), r(2, "Azure DNS"), r(3, "Azure DNS"), r(-1, "Broadcast")];
const GCP_RESERVED: &[ReservedRule] = &[
    r(0, "Network address"),
    r(1, "Default gateway"),
    r(-2, "Reserved by Google Cloud for future use"),
    r(-1, "Broadcast"),
];
const OCI_RESERVED: &[ReservedRule] = &[r(0, "Network address"), r(1, "Default gateway"), r(-1, "Broadcast")];

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 5] = [Mode::Standard, Mode::Aws, Mode::Azure, Mode::Gcp, Mode::Oci];

    /// Short identifier used in the CLI, JSON and share links.
    pub const fn id(self) -> &'static str {
        match self {
            Mode::Standard => "standard",
            Mode::Aws => "aws",
            Mode::Azure => "azure",
            Mode::Gcp => "gcp",
            Mode::Oci => "oci",
        }
    }

    /// Name for people.
    pub const fn label(self) -> &'static str {
        match self {
            Mode::Standard => "Standard",
            Mode::Aws => "AWS",
            Mode::Azure => "Azure",
            Mode::Gcp => "GCP",
            Mode::Oci => "OCI",
        }
    }

    /// The provider's reserved addresses of every IPv4 subnet (empty for Standard, whose
    /// network/broadcast rule depends on the size; see [`Mode::reserved`]).
    pub const fn reserved_rules(self) -> &'static [ReservedRule] {
        match self {
            Mode::Standard => &[],
            Mode::Aws => AWS_RESERVED,
            Mode::Azure => AZURE_RESERVED,
            Mode::Gcp => GCP_RESERVED,
            Mode::Oci => OCI_RESERVED,
        }
    }

    /// Longest IPv4 prefix (smallest subnet) the provider accepts.
    pub const fn max_prefix_v4(self) -> u8 {
        match self {
            Mode::Standard => 32,
            Mode::Aws => 28,
            Mode::Azure | Mode::Gcp => 29,
            Mode::Oci => 30,
        }
    }

    /// Shortest IPv4 prefix (largest subnet) the provider accepts.
    pub const fn min_prefix_v4(self) -> u8 {
        match self {
            Mode::Standard => 0,
            Mode::Aws | Mode::Oci => 16,
            Mode::Azure => 2,
            // GCP documents no upper bound for a subnet beyond the RFC 1918 ranges themselves.
            Mode::Gcp => 8,
        }
    }

    /// The prefix an IPv6 subnet must have, where the provider fixes one.
    pub const fn ipv6_subnet_prefix(self) -> Option<u8> {
        match self {
            Mode::Standard => None,
            Mode::Aws | Mode::Azure | Mode::Gcp | Mode::Oci => Some(64),
        }
    }

    /// Allowed prefix range for subnets of `family` under this mode.
    pub fn prefix_range(self, family: Family) -> (u8, u8) {
        match (family, self.ipv6_subnet_prefix()) {
            (Family::V4, _) => (self.min_prefix_v4(), self.max_prefix_v4()),
            (Family::V6, Some(p)) => (p, p),
            (Family::V6, None) => (0, 128),
        }
    }

    /// Why `net` is allowed but unwise as a subnet, if it is: an IPv6 subnet longer than /64
    /// where the mode fixes no size (the cloud modes refuse it outright, [`Mode::size_problem`]).
    pub fn size_warning(self, net: Cidr) -> Option<&'static str> {
        (net.family() == Family::V6 && net.prefix() > 64 && self.ipv6_subnet_prefix().is_none())
            .then_some("Longer than /64: SLAAC and other IPv6 features need a /64 per link (RFC 7421)")
    }

    /// Why `net` is not a valid subnet under this mode, if it is not.
    pub fn size_problem(self, net: Cidr) -> Option<String> {
        let (lo, hi) = self.prefix_range(net.family());
        let p = net.prefix();
        if lo == hi && p != lo {
            let fam = if net.family() == Family::V6 { "IPv6 " } else { "" };
            return Some(format!("{} {fam}subnets must be /{lo}; this is a /{p}", self.label()));
        }
        // Said in sizes, not in prefix order: "at most /28" reads as "no larger than a /28",
        // the opposite of the rule.
        let addresses = |prefix: u8| Count::pow2(net.family().width() - prefix).grouped();
        if p > hi {
            Some(format!(
                "{} subnets are no smaller than /{hi} ({} addresses); /{p} is smaller",
                self.label(),
                addresses(hi)
            ))
        } else if p < lo {
            Some(format!(
                "{} subnets are no larger than /{lo} ({} addresses); /{p} is larger",
                self.label(),
                addresses(lo)
            ))
        } else {
            None
        }
    }

    /// The reserved addresses of `net` with their roles. Standard mode reserves the network and
    /// broadcast addresses of an IPv4 subnet up to /30 (RFC 3021 /31 and /32 reserve none).
    /// Cloud modes reserve their IPv4 rules. In IPv6 every mode reserves only the Subnet-Router
    /// anycast address (providers document no other IPv6 reservations we could apply exactly).
    pub fn reserved(self, net: Cidr) -> Vec<Reserved> {
        if net.family() == Family::V6 {
            // RFC 4291 §2.6.1: the network address is the Subnet-Router anycast address, not a
            // host (as CPython's hosts() has it); RFC 6164 /127 point-to-point links use both.
            return if net.prefix() <= 126 {
                vec![Reserved { address: net.network(), role: "Subnet-Router anycast (RFC 4291)" }]
            } else {
                Vec::new()
            };
        }
        let total = net.size().as_u128().unwrap_or(u128::MAX);
        let rules: Vec<ReservedRule> = match self {
            Mode::Standard if net.prefix() <= 30 => vec![r(0, "Network address"), r(-1, "Broadcast address")],
            Mode::Standard => vec![],
            _ => self.reserved_rules().to_vec(),
        };
        let mut out: Vec<Reserved> = Vec::new();
        for rule in rules {
            let offset = if rule.offset >= 0 {
                rule.offset as u128
            } else {
                match total.checked_sub(rule.offset.unsigned_abs() as u128) {
                    Some(o) => o,
                    None => continue,
                }
            };
            if offset >= total {
                continue;
            }
            if let Some(address) = net.network().checked_add(offset) {
                // A tiny subnet can map two rules onto one address; list it once, first role wins.
                if !out.iter().any(|x| x.address == address) {
                    out.push(Reserved { address, role: rule.role });
                }
            }
        }
        crate::sort::sort_few_by_key(&mut out, |x| x.address);
        out
    }

    /// Usable addresses of `net` under this mode.
    pub fn usable(self, net: Cidr) -> Count {
        net.size().saturating_sub(self.reserved(net).len() as u128)
    }

    /// First and last usable address, or `None` when nothing is usable.
    pub fn usable_range(self, net: Cidr) -> Option<(Addr, Addr)> {
        let reserved = self.reserved(net);
        let is_reserved = |a: Addr| reserved.iter().any(|x| x.address == a);
        // Reserved addresses sit at the two ends, so walk inwards past them.
        let mut first = net.network();
        let mut last = net.last();
        while is_reserved(first) {
            if first == last {
                return None;
            }
            first = first.checked_add(1)?;
        }
        while is_reserved(last) {
            if last == first {
                return None;
            }
            last = last.checked_sub(1)?;
        }
        Some((first, last))
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Mode, String> {
        let t = s.trim().to_ascii_lowercase();
        Mode::ALL
            .into_iter()
            .find(|m| m.id() == t)
            .ok_or_else(|| format!("Unknown mode '{}': use standard, aws, azure, gcp or oci", s.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Cidr {
        let (a, p) = s.split_once('/').unwrap();
        Cidr::exact(Addr::from(a.parse::<std::net::IpAddr>().unwrap()), p.parse().unwrap()).unwrap()
    }

    #[test]
    fn standard_follows_rfc3021() {
        assert_eq!(Mode::Standard.usable(net("10.0.0.0/24")).as_u128(), Some(254));
        assert_eq!(Mode::Standard.usable(net("10.0.0.0/30")).as_u128(), Some(2));
        assert_eq!(Mode::Standard.usable(net("10.0.0.0/31")).as_u128(), Some(2));
        assert_eq!(Mode::Standard.usable(net("10.0.0.7/32")).as_u128(), Some(1));
        assert_eq!(Mode::Standard.usable(net("2001:db8::/64")).to_string(), "18446744073709551615");
        assert_eq!(Mode::Standard.usable(net("2001:db8::/127")).as_u128(), Some(2));
    }

    #[test]
    fn tiny_subnets_never_underflow() {
        for m in Mode::ALL {
            for p in 28..=32 {
                let n = net(&format!("10.0.0.0/{p}"));
                let u = m.usable(n).as_u128().unwrap();
                assert!(u <= 16, "{m} /{p}: {u}");
                if u == 0 {
                    assert!(m.usable_range(n).is_none());
                }
            }
        }
    }

    #[test]
    fn size_limits_are_said_in_sizes() {
        assert_eq!(
            Mode::Aws.size_problem(net("10.0.0.0/30")).as_deref(),
            Some("AWS subnets are no smaller than /28 (16 addresses); /30 is smaller")
        );
        assert_eq!(
            Mode::Aws.size_problem(net("10.0.0.0/12")).as_deref(),
            Some("AWS subnets are no larger than /16 (65,536 addresses); /12 is larger")
        );
        assert_eq!(
            Mode::Azure.size_problem(net("2001:db8::/65")).as_deref(),
            Some("Azure IPv6 subnets must be /64; this is a /65")
        );
        assert_eq!(Mode::Aws.size_problem(net("10.0.0.0/28")), None);
        assert_eq!(Mode::Standard.size_problem(net("10.0.0.0/32")), None);
    }

    #[test]
    fn mode_names_parse() {
        for m in Mode::ALL {
            assert_eq!(m.id().parse::<Mode>(), Ok(m));
        }
        assert!("AWS ".parse::<Mode>().is_ok());
        assert!("ibm".parse::<Mode>().unwrap_err().contains("Unknown mode"));
    }
}
