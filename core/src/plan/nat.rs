//! How private tiers reach the internet: the plan's NAT setting. The layout does not depend
//! on it; the infrastructure exports do (NAT gateways, their addresses and the private route
//! tables; see `crate::export`).

use super::choices::choices;

choices! {
    /// NAT gateways for the private tiers' outbound traffic.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum NatMode, "NAT setting" {
        /// One NAT gateway in every zone, each zone's private subnets routed through their own:
        /// a zone's outage leaves the others' outbound traffic working (and no cross-zone data
        /// charges).
        #[default]
        PerZone => "per-zone", "One NAT gateway per zone (resilient)";
        /// One NAT gateway for the whole VPC: cheaper, but a single point of failure.
        Shared => "shared", "One shared NAT gateway (cheaper)";
        /// No NAT: private subnets have no route to the internet (add a Transit Gateway or NAT
        /// instance route yourself).
        None => "none", "No NAT gateway";
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
