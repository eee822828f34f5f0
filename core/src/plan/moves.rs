//! Which existing subnets a change of the plan moves, so the UI can ask before applying it:
//! "Adding us-east-1e moves 8 subnets: public-a 10.0.0.0/24 → 10.0.8.0/24, … Apply?".
//!
//! Subnets are matched by tier and zone index, which adding a zone, a tier or a VPC block
//! (each appended) and switching the strategy all keep. A subnet that exists only on one side
//! (a new zone's) is not a move.

use super::allocate::Layout;
use crate::addr::Cidr;

/// An existing subnet whose IPv4 block or IPv6 /64 changes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SubnetMove {
    /// The subnet's name after the change.
    pub name: String,
    /// Index into `Plan::tiers`.
    pub tier: usize,
    /// Index into `Plan::zones`; `None` for a tier with a single subnet.
    pub zone: Option<usize>,
    /// Its IPv4 block before the change.
    pub from: Cidr,
    /// Its IPv4 block after it.
    pub to: Cidr,
    /// Its IPv6 /64 before, when dual-stack.
    pub ipv6_from: Option<Cidr>,
    /// Its IPv6 /64 after.
    pub ipv6_to: Option<Cidr>,
}

impl SubnetMove {
    /// "public-a 10.0.0.0/24 → 10.0.8.0/24", or the /64s when only they change.
    pub fn describe(&self) -> String {
        match (self.from == self.to, self.ipv6_from, self.ipv6_to) {
            (true, Some(a), Some(b)) => format!("{} {a} → {b}", self.name),
            _ => format!("{} {} → {}", self.name, self.from, self.to),
        }
    }
}

/// The subnets of `before` that are somewhere else in `after`, in `after`'s order. Empty when
/// the change keeps every existing subnet where it is.
pub fn moved_subnets(before: &Layout, after: &Layout) -> Vec<SubnetMove> {
    after
        .subnets
        .iter()
        .filter_map(|s| {
            let old = before.subnets.iter().find(|o| o.tier == s.tier && o.zone == s.zone)?;
            (old.cidr != s.cidr || old.ipv6 != s.ipv6).then(|| SubnetMove {
                name: s.name.clone(),
                tier: s.tier,
                zone: s.zone,
                from: old.cidr,
                to: s.cidr,
                ipv6_from: old.ipv6,
                ipv6_to: s.ipv6,
            })
        })
        .collect()
}

/// Moves shown by name in [`moves_message`]; the rest are counted.
const MOVES_LISTED: usize = 4;

/// "Adding us-east-1e moves 8 subnets: public-a 10.0.0.0/24 → 10.0.8.0/24, … and 4 more"
/// for `action` ("Adding us-east-1e"); empty when nothing moves.
pub fn moves_message(action: &str, moves: &[SubnetMove]) -> String {
    let n = moves.len();
    if n == 0 {
        return String::new();
    }
    let listed: Vec<String> = moves.iter().take(MOVES_LISTED).map(SubnetMove::describe).collect();
    let rest = if n > MOVES_LISTED { format!(" and {} more", n - MOVES_LISTED) } else { String::new() };
    let what = if n == 1 { "1 subnet".to_string() } else { format!("{n} subnets") };
    format!("{action} moves {what}: {}{rest}", listed.join(", "))
}
