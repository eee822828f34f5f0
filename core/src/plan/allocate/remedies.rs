//! Remedies: the changes that would make a plan that does not fit fit, as values. Each one is
//! found by applying it to a copy of the plan and laying that out, so a remedy the page offers
//! as a button is one the allocator has already accepted. Their wording is in `explain.rs`.

use super::pieces::{sizes, Failure};
use super::place::fits;
use crate::addr::{Cidr, Count};
use crate::plan::check;
use crate::plan::model::{usable_v4, Plan, Strategy, TierSize};
use crate::sort::sort_few_by_key;

/// One change that makes a plan fit, checked by laying the changed plan out.
/// [`Remedy::apply`] makes it; `Display` says it ("a /17 VPC"), to follow "use".
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Remedy {
    /// VPC block `index` (`old`, which overlaps networks to avoid) replaced by `with`.
    ReplaceBlock {
        /// Index into `Plan::vpc`.
        index: usize,
        /// The block there now.
        old: Cidr,
        /// A free RFC 1918 block of the same size clear of the networks to avoid.
        with: Cidr,
    },
    /// The primary VPC block widened to its `/prefix` supernet; `only_block` when the VPC has
    /// no other block (it is then "a /17 VPC").
    WidenPrimary {
        /// The wider prefix.
        prefix: u8,
        /// The VPC has no other block.
        only_block: bool,
    },
    /// Another VPC block.
    AddBlock {
        /// A free block of the primary's size, in its RFC 1918 range when it has one.
        cidr: Cidr,
    },
    /// Tier `tier` (named `name`) at `/prefix`; `usable` is each subnet's usable count when
    /// the tier was sized by hosts (what the person asked in).
    ShrinkTier {
        /// Index into `Plan::tiers`.
        tier: usize,
        /// Its name.
        name: String,
        /// The narrower prefix.
        prefix: u8,
        /// Usable addresses per subnet at that prefix, for a tier sized by hosts.
        usable: Option<Count>,
    },
    /// The first `zones` zones of `from` (pins in the zones dropped go with them).
    FewerZones {
        /// The zones kept.
        zones: usize,
        /// The zones now.
        from: usize,
    },
    /// Room for `extra_zones` growth zones.
    FewerGrowthZones {
        /// The growth zones kept.
        extra_zones: u8,
    },
    /// No spare block per zone.
    NoSpare,
    /// The other layout strategy.
    Strategy {
        /// The strategy to use.
        strategy: Strategy,
    },
}

impl Remedy {
    /// Make the change on `plan`. A remedy made for another plan changes what it names only
    /// when that is there (an index past the end changes nothing).
    pub fn apply(&self, plan: &mut Plan) {
        match *self {
            Remedy::ReplaceBlock { index, with, .. } => {
                if let Some(b) = plan.vpc.get_mut(index) {
                    *b = with;
                }
            }
            Remedy::WidenPrimary { prefix, .. } => {
                if let Some(b) = plan.vpc.first_mut() {
                    *b = b.supernet(prefix).unwrap_or(*b);
                }
            }
            Remedy::AddBlock { cidr } => plan.vpc.push(cidr),
            Remedy::ShrinkTier { tier, prefix, .. } => {
                if let Some(t) = plan.tiers.get_mut(tier) {
                    t.size = TierSize::Prefix(prefix);
                }
            }
            Remedy::FewerZones { zones, .. } => {
                plan.zones.truncate(zones);
                plan.pinned.retain(|p| p.zone.is_none_or(|z| z < zones));
            }
            Remedy::FewerGrowthZones { extra_zones } => plan.growth.extra_zones = extra_zones,
            Remedy::NoSpare => plan.growth.spare_per_zone = None,
            Remedy::Strategy { strategy } => plan.strategy = strategy,
        }
    }

    /// `plan` with the change made.
    #[must_use]
    pub fn applied(&self, plan: &Plan) -> Plan {
        let mut q = plan.clone();
        self.apply(&mut q);
        q
    }

    fn fixes(&self, plan: &Plan) -> bool {
        fits(&self.applied(plan))
    }
}

/// The changes that would make `plan` fit, each checked by laying out the changed plan: a
/// clear block for one that overlaps networks to avoid, a wider primary block or another
/// block, a smaller tier (the failing one first), fewer zones, less growth, the other strategy.
pub(crate) fn remedies(plan: &Plan, f: &Failure) -> Vec<Remedy> {
    let mut out: Vec<Remedy> =
        check::suggestions(plan).into_iter().filter_map(|s| s.remedy(plan)).filter(|r| r.fixes(plan)).collect();
    out.extend(more_space(plan));
    out.extend(smaller_tier(plan, f));
    out.extend(fewer_zones(plan, f));
    let extra = plan.growth.extra_zones;
    out.extend((0..extra).rev().map(|k| Remedy::FewerGrowthZones { extra_zones: k }).find(|r| r.fixes(plan)));
    if plan.growth.spare_per_zone.is_some() {
        out.extend(Some(Remedy::NoSpare).filter(|r| r.fixes(plan)));
    }
    let other = match plan.strategy {
        Strategy::ZoneMajor => Strategy::TierMajor,
        Strategy::TierMajor => Strategy::ZoneMajor,
    };
    out.extend(Some(Remedy::Strategy { strategy: other }).filter(|r| r.fixes(plan)));
    out
}

/// A wider primary block (up to 16 prefixes wider, within the provider's limit), and another
/// block: at the provider's widest block, or when avoided space is what is missing (widening
/// the primary may only take in more of it).
fn more_space(plan: &Plan) -> Vec<Remedy> {
    let mut out = Vec::new();
    let Some(&primary) = plan.vpc.first() else { return out };
    let lim = check::limits(plan.provider);
    let only_block = plan.vpc.len() == 1;
    let widen = (lim.vpc_prefix.0..primary.prefix())
        .rev()
        .take(16)
        .map(|prefix| Remedy::WidenPrimary { prefix, only_block })
        .find(|r| r.fixes(plan));
    let avoided = plan.vpc.iter().any(|b| plan.avoid.iter().any(|a| a.cidr.overlaps(*b)));
    let add = (widen.is_none() || avoided) && plan.vpc.len() < plan.max_vpc_blocks();
    out.extend(widen);
    if add {
        let mut taken = check::avoided_cidrs(plan);
        taken.extend(plan.vpc.iter().copied());
        taken.push(check::docker_bridge());
        let candidate = match check::rfc1918().into_iter().find(|r| r.contains(primary)) {
            Some(r) => check::free_block_in(r, primary.prefix(), &taken),
            None => check::free_rfc1918_block(primary.prefix(), &taken),
        };
        out.extend(candidate.map(|cidr| Remedy::AddBlock { cidr }).filter(|r| r.fixes(plan)));
    }
    out
}

/// The first tier that fits when made smaller, at the widest prefix that fits: the failing
/// tier first, then the few widest others. Only a few: each try is a whole layout per prefix,
/// and with 64 tiers trying them all took 45–80 ms (native) on every edit of a plan that does
/// not fit; shrinking a small tier rarely frees enough anyway.
fn smaller_tier(plan: &Plan, f: &Failure) -> Option<Remedy> {
    const OTHER_TIERS_TRIED: usize = 4;
    let sz = sizes(plan);
    let lim = check::limits(plan.provider);
    let mut candidates: Vec<usize> = f.tier.into_iter().collect();
    let mut others: Vec<usize> = (0..plan.tiers.len()).filter(|&t| Some(t) != f.tier).collect();
    sort_few_by_key(&mut others, |&t| (sz[t].prefix, t));
    candidates.extend(others.into_iter().take(OTHER_TIERS_TRIED));
    candidates.into_iter().find_map(|t| {
        let by_hosts = matches!(plan.tiers[t].size, TierSize::Hosts(_));
        (sz[t].prefix.saturating_add(1)..=lim.subnet_prefix.1)
            .map(|prefix| Remedy::ShrinkTier {
                tier: t,
                name: plan.tiers[t].name.trim().to_string(),
                prefix,
                usable: by_hosts.then(|| usable_v4(plan.provider, prefix)),
            })
            .find(|r| r.fixes(plan))
    })
}

/// The most zones that fit, fewer than now, when the failure has to do with zones.
fn fewer_zones(plan: &Plan, f: &Failure) -> Option<Remedy> {
    let from = plan.zones.len();
    if !f.zone_related || from < 2 {
        return None;
    }
    (1..from).rev().map(|zones| Remedy::FewerZones { zones, from }).find(|r| r.fixes(plan))
}
