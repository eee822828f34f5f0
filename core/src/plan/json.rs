//! JSON import/export of plans, also used by serde on [`Plan`] (so `serde_json::from_str` works
//! and validates too).
//!
//! ```json
//! { "format": "cidrplan-plan", "version": 1, "name": "prod", "provider": "aws",
//!   "region": "us-east-1", "vpc": ["10.0.0.0/16"], "zones": ["us-east-1a", "us-east-1b"],
//!   "tiers": [{"name": "public", "kind": "public", "prefix": 24, "per_zone": true},
//!             {"name": "app", "kind": "private", "hosts": 500, "per_zone": true}],
//!   "strategy": "zone-major", "growth": {"extra_zones": 1, "spare_per_zone": 24},
//!   "pinned": [{"tier": 0, "zone": 1, "cidr": "10.0.5.0/24"}],
//!   "avoid": ["192.168.0.0/16", "10.20.128.0/17 on-prem"],
//!   "ipv6": {"block": "2600:1f18:abcd:ef00::/56"}, "nat": "per-zone" }
//! ```
//!
//! A network to avoid is its CIDR, followed by its label when it has one, as in the form's
//! list (so files without labels read exactly as before, and older saves load unchanged).
//!
//! On import every field but `vpc` is optional (provider defaults to generic, zones to the
//! provider's three default zones, strategy to zone-major, tiers to per-zone, `nat` —
//! `per-zone`, `shared` or `none` — to per-zone); a tier's size is
//! `prefix`, `hosts` or `size` (`"/24"`, `"500 hosts"`); a pin's `tier`/`zone` is an index or a
//! name. Import refuses malformed values and anything over the caps (zones, tiers, blocks, pins,
//! avoid entries, name lengths, references); values a form may hold while being edited (a tier
//! too large for the provider, a pin outside the VPC) load and are reported by
//! [`Plan::validate`].

use super::check;
use super::field::Field;
use super::model::{
    default_region, default_zones, Avoid, Growth, Ipv6Plan, Pin, Plan, Strategy, Tier, TierKind, TierSize,
};
use super::nat::NatMode;
use super::PlanError;
use crate::addr::Cidr;
use crate::mode::Mode;
use crate::parse::short;

/// Largest JSON import accepted, in bytes (the largest possible plan is far smaller).
pub const MAX_JSON_BYTES: usize = 256 * 1024;

const FORMAT: &str = "cidrplan-plan";
const VERSION: u32 = 1;

#[derive(serde::Serialize, serde::Deserialize)]
struct PlanJson {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u32>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    vpc: Vec<String>,
    #[serde(default)]
    zones: Option<Vec<String>>,
    #[serde(default)]
    tiers: Vec<TierJson>,
    #[serde(default)]
    strategy: Option<String>,
    #[serde(default)]
    growth: Option<GrowthJson>,
    #[serde(default)]
    pinned: Vec<PinJson>,
    #[serde(default)]
    avoid: Vec<String>,
    #[serde(default)]
    ipv6: Option<Ipv6Json>,
    /// Absent in files written before the setting existed: the default.
    #[serde(default)]
    nat: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct TierJson {
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prefix: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hosts: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    size: Option<String>,
    #[serde(default = "yes")]
    per_zone: bool,
}

fn yes() -> bool {
    true
}

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct GrowthJson {
    #[serde(default)]
    extra_zones: u8,
    #[serde(default)]
    spare_per_zone: Option<u8>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
enum Ref {
    Index(usize),
    Name(String),
}

#[derive(serde::Serialize, serde::Deserialize)]
struct PinJson {
    tier: Ref,
    #[serde(default)]
    zone: Option<Ref>,
    cidr: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Ipv6Json {
    block: String,
}

impl From<&Plan> for PlanJson {
    fn from(p: &Plan) -> PlanJson {
        PlanJson {
            format: Some(FORMAT.to_string()),
            version: Some(VERSION),
            name: p.name.clone(),
            provider: Some(p.provider.id().to_string()),
            region: Some(p.region.clone()),
            vpc: p.vpc.iter().map(|c| c.to_string()).collect(),
            zones: Some(p.zones.clone()),
            tiers: p
                .tiers
                .iter()
                .map(|t| TierJson {
                    name: t.name.clone(),
                    kind: Some(t.kind.id().to_string()),
                    prefix: match t.size {
                        TierSize::Prefix(n) => Some(n),
                        TierSize::Hosts(_) => None,
                    },
                    hosts: match t.size {
                        TierSize::Hosts(n) => Some(n),
                        TierSize::Prefix(_) => None,
                    },
                    size: None,
                    per_zone: t.per_zone,
                })
                .collect(),
            strategy: Some(p.strategy.id().to_string()),
            growth: Some(GrowthJson { extra_zones: p.growth.extra_zones, spare_per_zone: p.growth.spare_per_zone }),
            pinned: p
                .pinned
                .iter()
                .map(|x| PinJson { tier: Ref::Index(x.tier), zone: x.zone.map(Ref::Index), cidr: x.cidr.to_string() })
                .collect(),
            avoid: p.avoid.iter().map(|a| a.to_string()).collect(),
            ipv6: p.ipv6.map(|v| Ipv6Json { block: v.block.to_string() }),
            nat: Some(p.nat.id().to_string()),
        }
    }
}

fn field(path: Field, message: impl Into<String>) -> PlanError {
    PlanError::Field { field: path, message: message.into() }
}

/// [`crate::parse::parse_exact_cidr`], its problem filed under `path`.
fn strict_cidr(path: Field, text: &str) -> Result<Cidr, PlanError> {
    crate::parse::parse_exact_cidr(text).map_err(|m| field(path, m))
}

fn resolve_ref(path: Field, r: &Ref, names: &[String], what: &str) -> Result<usize, PlanError> {
    match r {
        Ref::Index(i) => Ok(*i),
        Ref::Name(n) => names
            .iter()
            .position(|x| x.trim().eq_ignore_ascii_case(n.trim()))
            .ok_or_else(|| field(path, format!("There is no {what} called '{}'", short(n)))),
    }
}

impl TryFrom<PlanJson> for Plan {
    type Error = PlanError;

    fn try_from(raw: PlanJson) -> Result<Plan, PlanError> {
        check_header(raw.format.as_deref(), raw.version)?;
        let provider = match raw.provider.as_deref().map(str::trim) {
            None | Some("") | Some("generic") => Mode::Standard,
            Some(m) => m.parse::<Mode>().map_err(|e| field(Field::Provider, e))?,
        };
        // Counts are checked before anything is built from the lists.
        check_caps(&raw)?;
        let region = raw.region.unwrap_or_else(|| default_region(provider).to_string());
        let vpc = raw
            .vpc
            .iter()
            .enumerate()
            .map(|(i, s)| strict_cidr(Field::VpcBlock(i), s))
            .collect::<Result<Vec<_>, _>>()?;
        let zones = raw.zones.unwrap_or_else(|| default_zones(provider, &region, 3));
        let mut tiers = Vec::with_capacity(raw.tiers.len());
        for (i, t) in raw.tiers.into_iter().enumerate() {
            tiers.push(read_tier(i, t)?);
        }
        let strategy = match raw.strategy.as_deref() {
            None | Some("") => Strategy::ZoneMajor,
            Some(s) => s.parse::<Strategy>().map_err(|e| field(Field::Strategy, e))?,
        };
        let growth = raw.growth.unwrap_or_default();
        let tier_names: Vec<String> = tiers.iter().map(|t| t.name.clone()).collect();
        let mut pinned = Vec::with_capacity(raw.pinned.len());
        for (i, p) in raw.pinned.iter().enumerate() {
            let tier = resolve_ref(Field::PinTier(i), &p.tier, &tier_names, "tier")?;
            let zone = match &p.zone {
                None => None,
                Some(r) => Some(resolve_ref(Field::PinZone(i), r, &zones, "zone")?),
            };
            let cidr = strict_cidr(Field::PinCidr(i), &p.cidr)?;
            pinned.push(Pin { tier, zone, cidr });
        }
        let avoid = raw
            .avoid
            .iter()
            .enumerate()
            .map(|(i, a)| {
                // "10.20.128.0/17 on-prem": the network, then the label (checked with the rest).
                let (cidr, label) = a.trim().split_once(char::is_whitespace).unwrap_or((a, ""));
                strict_cidr(Field::AvoidNetwork(i), cidr).map(|c| Avoid::new(c, label))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let ipv6 = match raw.ipv6 {
            None => None,
            Some(v) => Some(Ipv6Plan { block: strict_cidr(Field::Ipv6Block, &v.block)? }),
        };
        let nat = match raw.nat.as_deref().map(str::trim) {
            None | Some("") => NatMode::default(),
            Some(n) => n.parse::<NatMode>().map_err(|e| field(Field::Nat, e))?,
        };
        let plan = Plan {
            name: raw.name,
            provider,
            region,
            vpc,
            zones,
            tiers,
            strategy,
            growth: Growth { extra_zones: growth.extra_zones, spare_per_zone: growth.spare_per_zone },
            pinned,
            avoid,
            ipv6,
            nat,
        };
        if let Some(p) = check::structural(&plan).into_iter().next() {
            return Err(PlanError::Field { field: p.field, message: p.message });
        }
        Ok(plan)
    }
}

impl serde::Serialize for Plan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PlanJson::from(self).serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Plan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Plan, D::Error> {
        let raw = PlanJson::deserialize(d)?;
        Plan::try_from(raw).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

/// The plan as pretty-printed JSON; [`from_json`] reads it back to an equal plan.
pub fn to_json(plan: &Plan) -> String {
    serde_json::to_string_pretty(&PlanJson::from(plan)).unwrap_or_default() + "\n"
}

/// A plan from JSON (see the module docs for the format). Never panics; refuses files over
/// [`MAX_JSON_BYTES`].
pub fn from_json(text: &str) -> Result<Plan, PlanError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(field(
            Field::Json,
            format!("The file is too large ({} bytes); a plan is at most {MAX_JSON_BYTES} bytes", text.len()),
        ));
    }
    let raw: PlanJson =
        serde_json::from_str(text).map_err(|e| field(Field::Json, format!("This is not a cidrplan plan file: {e}")))?;
    Plan::try_from(raw)
}

/// A plan from a file a person chooses: a plan file ([`from_json`]), or the `plan` inside a
/// JSON export (`"format": "cidrplan-export"`, what the planner's JSON export writes), so
/// that an exported plan can be imported again.
pub fn from_file(text: &str) -> Result<Plan, PlanError> {
    // Only the two fields that matter (serde skips the rest): a `serde_json::Value` would
    // cost the web bundle 11 KB.
    #[derive(serde::Deserialize)]
    struct Export {
        format: String,
        plan: Option<PlanJson>,
    }
    if text.len() <= MAX_JSON_BYTES {
        if let Ok(Export { format, plan }) = serde_json::from_str::<Export>(text) {
            if format == "cidrplan-export" {
                return match plan {
                    Some(raw) => Plan::try_from(raw),
                    None => Err(field(Field::Json, "This cidrplan export has no plan in it")),
                };
            }
        }
    }
    from_json(text)
}

/// The file's `format` and `version`, before anything else is read.
fn check_header(format: Option<&str>, version: Option<u32>) -> Result<(), PlanError> {
    if let Some(f) = format {
        if f != FORMAT {
            return Err(field(Field::Format, format!("This file holds '{}', not a cidrplan plan", short(f))));
        }
    }
    match version {
        Some(v) if v > VERSION => {
            return Err(field(
                Field::Version,
                format!("This plan was saved by a newer cidrplan (version {v}); this one reads version {VERSION}"),
            ))
        }
        Some(0) => return Err(field(Field::Version, "Unknown plan file version 0")),
        _ => {}
    }
    Ok(())
}

/// Every list within its cap.
fn check_caps(raw: &PlanJson) -> Result<(), PlanError> {
    let caps = [
        (Field::Vpc, raw.vpc.len(), super::model::MAX_VPC_BLOCKS),
        (Field::Zones, raw.zones.as_ref().map_or(0, Vec::len), super::model::MAX_ZONES),
        (Field::Tiers, raw.tiers.len(), super::model::MAX_TIERS),
        (Field::Pinned, raw.pinned.len(), super::model::MAX_PINS),
        (Field::Avoid, raw.avoid.len(), super::model::MAX_AVOID),
    ];
    for (path, n, max) in caps {
        if n > max {
            return Err(field(path, format!("The plan has {n} entries in '{path}'; at most {max}")));
        }
    }
    Ok(())
}

/// Tier `i` of the file: its kind (private when absent) and exactly one of prefix, hosts or
/// size.
fn read_tier(i: usize, t: TierJson) -> Result<Tier, PlanError> {
    let kind = match t.kind.as_deref() {
        None | Some("") => TierKind::Private,
        Some(k) => k.parse::<TierKind>().map_err(|e| field(Field::TierKind(i), e))?,
    };
    let size = match (t.prefix, t.hosts, t.size.as_deref()) {
        (Some(p), None, None) if p <= 32 => TierSize::Prefix(p),
        (Some(p), None, None) => return Err(field(Field::TierSize(i), format!("/{p} is longer than /32"))),
        (None, Some(h), None) => TierSize::Hosts(h),
        (None, None, Some(s)) => TierSize::parse(s).map(|r| r.size).map_err(|e| field(Field::TierSize(i), e))?,
        (None, None, None) => {
            return Err(field(Field::TierSize(i), format!("Tier #{}: give a prefix or a host count", i + 1)))
        }
        _ => {
            return Err(field(
                Field::TierSize(i),
                format!("Tier #{}: give one of prefix, hosts or size, not several", i + 1),
            ))
        }
    };
    Ok(Tier { name: t.name, kind, size, per_zone: t.per_zone })
}
