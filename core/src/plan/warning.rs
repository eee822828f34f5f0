//! What a layout warns about: values, so a caller can tell them apart (and one day act on
//! them) without reading sentences. Their wording is `Display`, in `explain.rs`; serialized,
//! a warning is its sentence.

use crate::addr::{Cidr, Count};
use crate::Mode;

/// Something about a plan that lays out but deserves a second look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// An AWS VPC block overlaps 172.17.0.0/16, Docker's default bridge.
    DockerBridge { block: Cidr },
    /// A VPC block outside RFC 1918 and shared (CGNAT) space.
    NotPrivate { block: Cidr },
    /// More zones than the provider's regions have.
    TooManyZones { provider: Mode, max: usize, zones: usize },
    /// Azure and GCP subnets span every zone: one per zone is a convention.
    RegionalSubnets { provider: Mode },
    /// An Azure subnet with a required minimum size (`GatewaySubnet` and the rest) below it.
    AzureMinimum { name: &'static str, min: u8, prefix: u8 },
    /// Growth zones are asked for, but no tier has a subnet per zone and there is no spare.
    EmptyGrowth,
    /// With more than 16 tiers, IPv6 /64s follow the table, so inserting one renumbers.
    Ipv6Renumbers { tiers: usize },
    /// The IPv6 block is not the size the provider hands a VPC.
    Ipv6BlockSize { provider: Mode, want: u8, block: Cidr },
    /// A group (`zone us-east-1a`, a tier) with pinned subnets could not be kept as one block.
    NotOneBlock { group: String, why: Dissolved },
    /// A pinned subnet holds fewer usable addresses than its tier asks for.
    PinnedTooSmall { name: String, cidr: Cidr, usable: Count, tier: String, hosts: u64 },
}

/// Why a group with pinned subnets is placed one subnet at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dissolved {
    /// It needs more than the whole IPv4 space.
    TooLarge,
    /// The pins do not fit in one aligned block of the group's size.
    PinsApart { pins: Vec<Cidr>, prefix: u8 },
    /// No block of the group's size holds the pins' span.
    NoBlock { cover: Cidr },
    /// The block around the pins is not inside one VPC block.
    OutsideVpc { block: Cidr },
    /// The block overlaps the block fixed for another group.
    OverlapsGroup { block: Cidr, other: String, other_block: Cidr },
    /// The block overlaps a pin of another group.
    OverlapsPin { block: Cidr, pin: Cidr },
    /// The block overlaps a network to avoid (named as the avoid list names it).
    OverlapsAvoid { block: Cidr, avoid: String },
    /// A member (named) finds no room around the pins.
    NoRoom { block: Cidr, member: String },
}

impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
