//! Which part of a plan a problem is about: a value, not a string to build or compare. The
//! page finds each input's problem by its `Field`; `Display` gives the path people and files
//! see (`tiers[2].size`), which JSON import messages, the CLI and the serialized errors use.

use std::fmt;

/// A field of a plan (or of a plan file, for what the file itself gets wrong). Indices count
/// from 0 in the plan's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The file is not JSON, or not a plan at all.
    Json,
    /// The file's `format` names something other than a plan.
    Format,
    /// The file's `version` is newer than this cidrplan reads.
    Version,
    /// The plan's name.
    Name,
    /// The cloud provider.
    Provider,
    /// The region.
    Region,
    /// The NAT gateways (per zone, one shared, none).
    Nat,
    /// The layout strategy (zone-major, tier-major).
    Strategy,
    /// The VPC blocks as a list (none, or too many).
    Vpc,
    /// One VPC block (0 is the primary).
    VpcBlock(usize),
    /// The zones as a list.
    Zones,
    /// One zone's name.
    Zone(usize),
    /// The tiers as a list.
    Tiers,
    /// A tier's name.
    TierName(usize),
    /// A tier's kind (public, private, data…).
    TierKind(usize),
    /// A tier's size (`/24`, `500 hosts`).
    TierSize(usize),
    /// How many growth zones to keep room for.
    ExtraZones,
    /// The spare block per zone.
    SparePerZone,
    /// The pinned subnets as a list.
    Pinned,
    /// The tier a pinned subnet belongs to.
    PinTier(usize),
    /// The zone a pinned subnet is in.
    PinZone(usize),
    /// A pinned subnet's CIDR.
    PinCidr(usize),
    /// The networks to avoid as a list.
    Avoid,
    /// One network to avoid.
    AvoidNetwork(usize),
    /// A network to avoid's label.
    AvoidLabel(usize),
    /// The IPv6 block.
    Ipv6Block,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Field::Json => f.write_str("json"),
            Field::Format => f.write_str("format"),
            Field::Version => f.write_str("version"),
            Field::Name => f.write_str("name"),
            Field::Provider => f.write_str("provider"),
            Field::Region => f.write_str("region"),
            Field::Nat => f.write_str("nat"),
            Field::Strategy => f.write_str("strategy"),
            Field::Vpc => f.write_str("vpc"),
            Field::VpcBlock(i) => write!(f, "vpc[{i}]"),
            Field::Zones => f.write_str("zones"),
            Field::Zone(i) => write!(f, "zones[{i}]"),
            Field::Tiers => f.write_str("tiers"),
            Field::TierName(i) => write!(f, "tiers[{i}].name"),
            Field::TierKind(i) => write!(f, "tiers[{i}].kind"),
            Field::TierSize(i) => write!(f, "tiers[{i}].size"),
            Field::ExtraZones => f.write_str("growth.extra_zones"),
            Field::SparePerZone => f.write_str("growth.spare_per_zone"),
            Field::Pinned => f.write_str("pinned"),
            Field::PinTier(i) => write!(f, "pinned[{i}].tier"),
            Field::PinZone(i) => write!(f, "pinned[{i}].zone"),
            Field::PinCidr(i) => write!(f, "pinned[{i}].cidr"),
            Field::Avoid => f.write_str("avoid"),
            Field::AvoidNetwork(i) => write!(f, "avoid[{i}]"),
            Field::AvoidLabel(i) => write!(f, "avoid[{i}].label"),
            Field::Ipv6Block => f.write_str("ipv6.block"),
        }
    }
}

/// Serialized as its path, as plans' errors always were.
impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    #[test]
    fn paths_read_as_the_plan_file_names_them() {
        assert_eq!(Field::TierSize(2).to_string(), "tiers[2].size");
        assert_eq!(Field::AvoidNetwork(0).to_string(), "avoid[0]");
        assert_eq!(Field::SparePerZone.to_string(), "growth.spare_per_zone");
        assert_eq!(serde_json::to_string(&Field::PinCidr(1)).unwrap(), "\"pinned[1].cidr\"");
    }
}
