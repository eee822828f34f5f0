//! The VPC planner: provider, VPC blocks, zones and tiers in; a deterministic layout of aligned,
//! non-overlapping subnets out, with summaries, growth reservations, free space, overlap reports
//! against other networks, IPv6 numbering, table rows and diagram geometry.
//!
//! - [`Plan`] is what the user edits: plain public fields (see `model.rs`), so the UI binds them
//!   directly; it may hold anything while being edited.
//! - [`moved_subnets`] compares two layouts (before and after a change) so the UI can say which
//!   subnets a change would move before applying it.
//! - [`Plan::validate`] lists every invalid field as a [`FieldProblem`]: which [`Field`]
//!   (`Display` gives its path, `tiers[2].size`) and a message.
//! - [`Plan::refusal`] is what the form may not write at all (what JSON import and the
//!   autosave could not read back); [`problem_at`] one field's problem; [`changed_parts`] how
//!   the form differs from the last plan that fitted.
//! - [`Plan::layout`] gives a [`Layout`] or a [`PlanError`]: the first invalid field, a provider
//!   limit (subnets or blocks per VPC), or a plan that does not fit, explained in numbers with
//!   the changes that would make it fit (each one checked by laying the changed plan out).
//!   The UI keeps showing the last `Ok` layout while a field is invalid.
//! - `crate::export::table_rows` and `crate::export::csv` give the table; [`diagram::diagram`] the drawing's geometry and
//!   [`diagram::to_svg`] a standalone SVG; [`to_json`]/[`from_json`] (and serde on [`Plan`])
//!   the import/export format; [`presets`] the starting points.
//!
//! The allocator is described in `allocate.rs`: greedy, aligned, over free lists that leave
//! out the networks to avoid. [`parse_avoid`] reads the avoid list as people type it.

mod allocate;
mod avoid;
mod check;
mod choices;
pub mod diagram;
mod edit;
mod explain;
mod field;
mod form;
mod json;
mod model;
mod moves;
mod nat;
mod presets;
mod table;
mod warning;

pub use allocate::{AvoidedSpace, GroupSummary, Layout, PlannedSubnet, Remedy, Reservation, ReservationKind};
pub use avoid::{avoid_text, parse_avoid, parse_avoid_list, AvoidLine};
pub use check::{
    free_rfc1918_block, limits, rfc1918, validate, BlockSuggestion, FieldProblem, Overlap, OverlapWith, ProviderLimits,
};
pub use edit::example_ipv6_block;
pub use field::Field;
pub use form::{changed_parts, problem_at};
pub use json::{from_file, from_json, to_json, MAX_JSON_BYTES};
pub use model::{
    default_region, default_zone_name, default_zones, subnet_name, usable_v4, zone_suffixes, Avoid, Growth, Ipv6Plan,
    Pin, Plan, ReadSize, SizeReading, Sizing, Strategy, Tier, TierKind, TierSize, MAX_AVOID, MAX_EXTRA_ZONES,
    MAX_NAME_CHARS, MAX_PINS, MAX_TIERS, MAX_VPC_BLOCKS, MAX_ZONES,
};
pub use moves::{moved_subnets, moves_message, SubnetMove};
pub use nat::NatMode;
pub use presets::{preset, presets};
pub(crate) use table::block_label;
pub use warning::{Dissolved, Warning};

use std::fmt;

/// Why a plan has no layout. `Display` gives the message for people.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanError {
    /// A field's value is invalid.
    Field {
        /// Which field.
        field: Field,
        /// What is wrong with it.
        message: String,
    },
    /// The subnets do not fit in the VPC blocks: `message` says what did not fit, with the
    /// numbers, and ends in advice made of `remedies` (each checked to make the plan fit).
    DoesNotFit {
        /// The explanation, ending in advice.
        message: String,
        /// The changes that make the plan fit, in the advice's order.
        remedies: Vec<Remedy>,
    },
    /// A provider quota is exceeded (subnets or CIDR blocks per VPC).
    Limit {
        /// Which quota, and by how much.
        message: String,
    },
}

impl PlanError {
    /// The changes that would make the plan fit (empty unless it does not fit).
    pub fn remedies(&self) -> &[Remedy] {
        match self {
            PlanError::DoesNotFit { remedies, .. } => remedies,
            _ => &[],
        }
    }

    /// The message for people (the same as `Display`).
    pub fn message(&self) -> &str {
        match self {
            PlanError::Field { message, .. } | PlanError::DoesNotFit { message, .. } | PlanError::Limit { message } => {
                message
            }
        }
    }

    /// The field at fault, for a field error.
    pub fn field(&self) -> Option<Field> {
        match self {
            PlanError::Field { field, .. } => Some(*field),
            _ => None,
        }
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for PlanError {}
