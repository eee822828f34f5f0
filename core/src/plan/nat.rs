//! How private tiers reach the internet: the plan's NAT setting. The layout does not depend
//! on it; the infrastructure exports do (NAT gateways, their addresses and the private route
//! tables; see `crate::export`).

use std::fmt;
use std::str::FromStr;

/// NAT gateways for the private tiers' outbound traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NatMode {
    /// One NAT gateway in every zone, each zone's private subnets routed through their own:
    /// a zone's outage leaves the others' outbound traffic working (and no cross-zone data
    /// charges).
    #[default]
    PerZone,
    /// One NAT gateway for the whole VPC: cheaper, but a single point of failure.
    Shared,
    /// No NAT: private subnets have no route to the internet (add a Transit Gateway or NAT
    /// instance route yourself).
    None,
}

impl NatMode {
    /// Every mode, in the order the form lists them (and their link codes).
    pub const ALL: [NatMode; 3] = [NatMode::PerZone, NatMode::Shared, NatMode::None];

    /// Identifier used in JSON, the CLI and the form.
    pub const fn id(self) -> &'static str {
        match self {
            NatMode::PerZone => "per-zone",
            NatMode::Shared => "shared",
            NatMode::None => "none",
        }
    }

    /// For people, with the trade-off.
    pub const fn label(self) -> &'static str {
        match self {
            NatMode::PerZone => "One NAT gateway per zone (resilient)",
            NatMode::Shared => "One shared NAT gateway (cheaper)",
            NatMode::None => "No NAT gateway",
        }
    }

    /// Stable code for share links (position in [`NatMode::ALL`]).
    /// The mode's code in share links.
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The mode of a share-link code; `None` for a code this version does not know.
    pub fn from_code(code: u8) -> Option<NatMode> {
        NatMode::ALL.get(code as usize).copied()
    }
}

impl fmt::Display for NatMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for NatMode {
    type Err = String;
    fn from_str(s: &str) -> Result<NatMode, String> {
        let t = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        NatMode::ALL
            .into_iter()
            .find(|k| k.id() == t)
            .ok_or_else(|| format!("Unknown NAT setting '{}': use per-zone, shared or none", s.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_codes_round_trip() {
        for n in NatMode::ALL {
            assert_eq!(n.id().parse::<NatMode>(), Ok(n));
            assert_eq!(NatMode::from_code(n.code()), Some(n));
        }
        assert_eq!(" Per_Zone ".parse::<NatMode>(), Ok(NatMode::PerZone));
        assert_eq!(NatMode::from_code(3), None);
        let e = "both".parse::<NatMode>().unwrap_err();
        assert!(e.contains("'both'") && e.contains("per-zone, shared or none"), "{e}");
    }
}
