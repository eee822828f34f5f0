//! The VPC planner tab: the plan form on one side; the layout's summaries, diagram, address
//! map, table and exports on the other. Every number and shape comes from `cidrplan::plan`
//! and `cidrplan::export`.
//!
//! Editing never blocks on a half-typed value: text fields keep their own text and write to
//! the plan only what parses, and while the plan has no layout the last valid one stays on
//! screen under the explanation.
//!
//! One file per part of the page: `form` (with `tiers` and `networks`), its `field` and the
//! `confirm` banner for changes that move subnets;
//! `summary`, `diagram`, `table` and `exports` on the output side.

mod confirm;
mod diagram;
mod exports;
mod field;
mod form;
mod naming;
mod networks;
mod summary;
mod table;
mod tiers;

use crate::state::AppState;
use cidrplan::plan::{Layout, Plan, PlanError};
use diagram::DiagramView;
use exports::Exports;
use form::PlanForm;
use leptos::prelude::*;
use summary::{PlanStatus, Summaries};
use table::PlanTable;

/// The layout on screen: the current one, or the last valid one while the plan has none.
#[derive(Clone, Copy)]
pub(super) struct View {
    pub(super) plan: RwSignal<Plan>,
    pub(super) layout: Memo<Result<Layout, PlanError>>,
    pub(super) shown: Memo<Option<(Plan, Layout)>>,
    pub(super) hovered: RwSignal<Option<usize>>,
}

#[component]
pub fn Planner() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plan = st.plan;
    let layout = Memo::new(move |_| plan.with(|p| p.layout()));
    let last_ok = StoredValue::new(None::<(Plan, Layout)>);
    let shown = Memo::new(move |_| {
        let current = layout.with(|l| l.as_ref().ok().cloned());
        match current {
            Some(l) => {
                let pair = (plan.get(), l);
                last_ok.set_value(Some(pair.clone()));
                Some(pair)
            }
            None => last_ok.get_value(),
        }
    });
    let v = View { plan, layout, shown, hovered: RwSignal::new(None) };
    provide_context(v);
    confirm::Confirm::provide();
    view! {
        <section class="panel planner" aria-labelledby="planner-title">
            <h2 id="planner-title" class="visually-hidden">"VPC planner"</h2>
            <div class="planner-grid">
                <PlanForm />
                <div class="plan-output">
                    <PlanStatus />
                    <Summaries />
                    <DiagramView />
                    <PlanTable />
                    <Exports />
                </div>
            </div>
        </section>
    }
}
