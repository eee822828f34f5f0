//! What the planner's form asks of the core, so that the form has no rules of its own: whether
//! an edit may be written to the plan at all, the problem of one field, and how the form
//! differs from the last plan that fitted (which the page shows while the form does not fit).

use super::check::{self, FieldProblem};
use super::field::Field;
use super::model::Plan;

impl Plan {
    /// The first problem no saved plan or share link may hold: a cap, a missing zone or tier
    /// name, a name too long or with control characters, a block of the wrong address family.
    /// JSON import refuses the same. The form keeps such text in its field, with this message,
    /// instead of writing it, so the autosave and the link always open again. `None` when the
    /// plan may be written; it may still be invalid ([`Plan::validate`]) or not fit.
    pub fn refusal(&self) -> Option<FieldProblem> {
        check::structural(self).into_iter().next()
    }
}

/// The message of the first of `problems` (from [`Plan::validate`]) about `field`.
pub fn problem_at(problems: &[FieldProblem], field: Field) -> Option<&str> {
    problems.iter().find(|p| p.field == field).map(|p| p.message.as_str())
}

/// The parts of the form, named as the form names them, in which `form` differs from
/// `shown`, in form order.
pub fn changed_parts(shown: &Plan, form: &Plan) -> Vec<&'static str> {
    // Destructured so that a new field of `Plan` must be named here.
    let Plan { name, provider, region, vpc, zones, tiers, strategy, growth, pinned, avoid, ipv6, nat } = form;
    let parts = [
        (*name != shown.name, "plan name"),
        (*nat != shown.nat, "NAT"),
        (*provider != shown.provider, "provider"),
        (*region != shown.region, "region"),
        (*vpc != shown.vpc, "VPC blocks"),
        (*zones != shown.zones, "zones"),
        (*tiers != shown.tiers, "tiers"),
        (*strategy != shown.strategy, "layout"),
        (*growth != shown.growth, "growth"),
        (*ipv6 != shown.ipv6, "IPv6"),
        (*avoid != shown.avoid, "networks to avoid"),
        (*pinned != shown.pinned, "pinned subnets"),
    ];
    parts.into_iter().filter(|(changed, _)| *changed).map(|(_, part)| part).collect()
}
