//! A need's subnet size under a mode: the smallest block whose usable addresses (what is left
//! after the mode's reserved ones) hold the hosts, among the sizes the mode accepts.

use super::NeedSize;
use crate::addr::{Addr, Cidr, Count, Family};
use crate::mode::Mode;

/// The subnet size chosen for a need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sizing {
    /// The subnet's prefix length.
    pub prefix: u8,
    /// Usable addresses of a block of `prefix` under the mode.
    pub usable: Count,
}

/// Usable addresses of any block of `prefix` in `family` under `mode` (the count does not
/// depend on where the block is). Zero for a prefix longer than the family allows.
pub fn usable_at(mode: Mode, family: Family, prefix: u8) -> Count {
    match Addr::new(family, 0).and_then(|a| Cidr::containing(a, prefix)) {
        Some(c) => mode.usable(c),
        None => Count::ZERO,
    }
}

/// The size of `need` in a `family` network under `mode`, or why no subnet of the mode fits.
/// Standard mode reaches /31 for 2 hosts and /32 for 1 (RFC 3021); the cloud modes stop at
/// their smallest subnet (AWS /28: 2 hosts get 11 usable).
pub fn size_for(mode: Mode, family: Family, need: NeedSize) -> Result<Sizing, String> {
    let (lo, hi) = mode.prefix_range(family);
    match need {
        NeedSize::Prefix(p) => {
            let w = family.width();
            if p > w {
                return Err(format!("/{p} is longer than an IPv{} prefix (/{w})", family.number()));
            }
            let block = Addr::new(family, 0).and_then(|a| Cidr::containing(a, p));
            if let Some(problem) = block.and_then(|c| mode.size_problem(c)) {
                return Err(problem);
            }
            Ok(Sizing { prefix: p, usable: usable_at(mode, family, p) })
        }
        NeedSize::Hosts(0) => Err("Ask for at least 1 host".to_string()),
        NeedSize::Hosts(n) => {
            let holds = |p: u8| usable_at(mode, family, p).as_u128().is_none_or(|u| u >= n);
            match (lo..=hi).rev().find(|&p| holds(p)) {
                Some(prefix) => Ok(Sizing { prefix, usable: usable_at(mode, family, prefix) }),
                None => Err(format!(
                    "No {}{} subnet holds {} hosts: the largest, a /{lo}, has {} usable addresses",
                    mode.label(),
                    if family == Family::V6 { " IPv6" } else { "" },
                    Count::new(n).grouped(),
                    usable_at(mode, family, lo).grouped()
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(mode: Mode, hosts: u128) -> u8 {
        size_for(mode, Family::V4, NeedSize::Hosts(hosts)).unwrap().prefix
    }

    #[test]
    fn reserved_addresses_set_the_size() {
        // 120 hosts: a /25 has 128 addresses, 126 usable in Standard, 123 in AWS.
        assert_eq!(prefix(Mode::Standard, 120), 25);
        assert_eq!(prefix(Mode::Aws, 123), 25);
        assert_eq!(prefix(Mode::Aws, 124), 24);
        assert_eq!(prefix(Mode::Gcp, 124), 25);
        assert_eq!(prefix(Mode::Oci, 125), 25);
        assert_eq!(prefix(Mode::Standard, 126), 25);
        assert_eq!(prefix(Mode::Standard, 127), 24);
    }

    #[test]
    fn point_to_point_sizes_only_where_the_mode_allows() {
        assert_eq!(prefix(Mode::Standard, 2), 31);
        assert_eq!(prefix(Mode::Standard, 1), 32);
        assert_eq!(prefix(Mode::Standard, 3), 29);
        assert_eq!(prefix(Mode::Aws, 1), 28);
        assert_eq!(prefix(Mode::Azure, 2), 29);
        assert_eq!(prefix(Mode::Oci, 1), 30);
    }

    #[test]
    fn sizes_the_mode_refuses_are_explained() {
        let e = size_for(Mode::Aws, Family::V4, NeedSize::Hosts(70_000)).unwrap_err();
        assert!(e.contains("/16") && e.contains("65,531"), "{e}");
        let e = size_for(Mode::Aws, Family::V4, NeedSize::Prefix(30)).unwrap_err();
        assert!(e.contains("no smaller than /28"), "{e}");
        assert!(size_for(Mode::Standard, Family::V4, NeedSize::Prefix(33)).is_err());
        let v6 = size_for(Mode::Aws, Family::V6, NeedSize::Hosts(10)).unwrap();
        assert_eq!(v6.prefix, 64);
        // RFC 6164: a /127 link uses both addresses.
        assert_eq!(size_for(Mode::Standard, Family::V6, NeedSize::Hosts(2)).unwrap().prefix, 127);
        assert_eq!(size_for(Mode::Standard, Family::V6, NeedSize::Hosts(3)).unwrap().prefix, 126);
    }
}
