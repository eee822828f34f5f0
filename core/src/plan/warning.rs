//! What a layout warns about, and the checks that find it (`warnings`; the allocator adds its
//! own): values, so a caller can tell them apart (and one day act on them) without reading
//! sentences. Their wording is `Display`, in `explain.rs`; serialized, a warning is its
//! sentence.

use super::check::{cgnat, docker_bridge, limits, link_local, rfc1918};
use super::model::Plan;
use crate::addr::{Cidr, Count, Family};
use crate::Mode;

/// Something about a plan that lays out but deserves a second look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// An AWS VPC block overlaps 172.17.0.0/16, Docker's default bridge.
    DockerBridge {
        /// The VPC block.
        block: Cidr,
    },
    /// A VPC block outside RFC 1918 and shared (CGNAT) space.
    NotPrivate {
        /// The VPC block.
        block: Cidr,
    },
    /// More zones than the provider's regions have.
    TooManyZones {
        /// The plan's provider.
        provider: Mode,
        /// The most zones its regions have.
        max: usize,
        /// The plan's zones.
        zones: usize,
    },
    /// Azure and GCP subnets span every zone: one per zone is a convention.
    RegionalSubnets {
        /// Azure or GCP.
        provider: Mode,
    },
    /// An Azure subnet with a required minimum size (`GatewaySubnet` and the rest) below it.
    AzureMinimum {
        /// The subnet name Azure reserves (`GatewaySubnet`).
        name: &'static str,
        /// The widest prefix Azure accepts for it.
        min: u8,
        /// The tier's prefix.
        prefix: u8,
    },
    /// Growth zones are asked for, but no tier has a subnet per zone and there is no spare.
    EmptyGrowth,
    /// With more than 16 tiers, IPv6 /64s follow the table, so inserting one renumbers.
    Ipv6Renumbers {
        /// The plan's tiers.
        tiers: usize,
    },
    /// The IPv6 block is not the size the provider hands a VPC.
    Ipv6BlockSize {
        /// The plan's provider.
        provider: Mode,
        /// The prefix of the block it hands a VPC.
        want: u8,
        /// The plan's IPv6 block.
        block: Cidr,
    },
    /// A group (`zone us-east-1a`, a tier) with pinned subnets could not be kept as one block.
    NotOneBlock {
        /// The group as messages name it (`zone us-east-1a`, `private`).
        group: String,
        /// Why.
        why: Dissolved,
    },
    /// A pinned subnet holds fewer usable addresses than its tier asks for.
    PinnedTooSmall {
        /// The subnet's name (`private-a`).
        name: String,
        /// The pinned CIDR.
        cidr: Cidr,
        /// Its usable addresses under the provider.
        usable: Count,
        /// The tier's name.
        tier: String,
        /// The hosts the tier asks for.
        hosts: u64,
    },
}

/// Why a group with pinned subnets is placed one subnet at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dissolved {
    /// It needs more than the whole IPv4 space.
    TooLarge,
    /// The pins do not fit in one aligned block of the group's size.
    PinsApart {
        /// The group's pins.
        pins: Vec<Cidr>,
        /// The prefix of the group's block.
        prefix: u8,
    },
    /// No block of the group's size holds the pins' span.
    NoBlock {
        /// The smallest block covering the pins.
        cover: Cidr,
    },
    /// The block around the pins is not inside one VPC block.
    OutsideVpc {
        /// The block around the pins.
        block: Cidr,
    },
    /// The block overlaps the block fixed for another group.
    OverlapsGroup {
        /// The block around the pins.
        block: Cidr,
        /// The other group, as messages name it.
        other: String,
        /// The other group's block.
        other_block: Cidr,
    },
    /// The block overlaps a pin of another group.
    OverlapsPin {
        /// The block around the pins.
        block: Cidr,
        /// The other group's pin.
        pin: Cidr,
    },
    /// The block overlaps a network to avoid (named as the avoid list names it).
    OverlapsAvoid {
        /// The block around the pins.
        block: Cidr,
        /// The network to avoid, as messages name it (`on-prem 10.20.0.0/16`).
        avoid: String,
    },
    /// A member (named) finds no room around the pins.
    NoRoom {
        /// The block around the pins.
        block: Cidr,
        /// The member that found no room, as messages name it.
        member: String,
    },
}

/// Minimum sizes Azure documents for its named subnets.
const AZURE_NAMED: [(&str, u8); 5] = [
    ("GatewaySubnet", 27),
    ("AzureFirewallSubnet", 26),
    ("AzureFirewallManagementSubnet", 26),
    ("AzureBastionSubnet", 26),
    ("RouteServerSubnet", 27),
];

/// Advice that does not stop the layout.
pub(crate) fn warnings(plan: &Plan) -> Vec<Warning> {
    let mut out = Vec::new();
    let lim = limits(plan.provider);
    let provider = plan.provider;
    for &block in &plan.vpc {
        if block.family() != Family::V4 {
            continue;
        }
        if provider == Mode::Aws && block.overlaps(docker_bridge()) {
            out.push(Warning::DockerBridge { block });
        }
        let private = rfc1918().iter().chain(std::iter::once(&cgnat())).any(|r| r.contains(block));
        if !private && !block.overlaps(link_local()) {
            out.push(Warning::NotPrivate { block });
        }
    }
    if let Some(max) = lim.zones {
        if plan.zones.len() > max {
            out.push(Warning::TooManyZones { provider, max, zones: plan.zones.len() });
        }
    }
    if matches!(provider, Mode::Azure | Mode::Gcp) && plan.tiers.iter().any(|t| t.per_zone) && plan.zones.len() > 1 {
        out.push(Warning::RegionalSubnets { provider });
    }
    if provider == Mode::Azure {
        for t in &plan.tiers {
            let Some(&(name, min)) = AZURE_NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(t.name.trim())) else {
                continue;
            };
            if let Ok(s) = t.size.resolve(provider) {
                if s.prefix > min {
                    out.push(Warning::AzureMinimum { name, min, prefix: s.prefix });
                }
            }
        }
    }
    if plan.growth.extra_zones > 0 && !plan.tiers.iter().any(|t| t.per_zone) && plan.growth.spare_per_zone.is_none() {
        out.push(Warning::EmptyGrowth);
    }
    if let Some(v6) = plan.ipv6 {
        // Past 16 tiers there is no hex digit per tier (see allocate::ipv6_netnum): the /64s
        // follow the table, so inserting a zone or tier renumbers the ones after it.
        if v6.block.family() == Family::V6 && v6.block.prefix() <= 56 && plan.tiers.len() > 16 {
            out.push(Warning::Ipv6Renumbers { tiers: plan.tiers.len() });
        }
    }
    if let (Some(v6), Some(want)) = (plan.ipv6, lim.ipv6_vpc_prefix) {
        if v6.block.family() == Family::V6 && v6.block.prefix() != want {
            out.push(Warning::Ipv6BlockSize { provider, want, block: v6.block });
        }
    }
    out
}

impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
