//! The VPC planner tool, its own wasm module: the plan form on one side; the layout's summaries, diagram, address
//! map, table and exports on the other. Every number, shape and check comes from
//! `cidrplan::plan` and `cidrplan::export`.
//!
//! # What the page holds, shows, exports and shares
//!
//! - **The form** (`AppState::plan`) holds every value the user entered that the core can
//!   store, valid or not: a VPC block too small for the tiers, a duplicate zone name, a tier
//!   size the provider refuses. A field keeps only two kinds of text to itself, with its
//!   message: text that is not a value yet (`10.20.`, `abc hosts`), and values the core
//!   refuses to store ([`cidrplan::plan::Plan::refusal`]: an empty zone name, a 65-character
//!   region), which no autosave or link could read back. Field messages are the core's:
//!   the parser's, then `Plan::validate`'s for that field's path. The form has no rules of
//!   its own.
//! - **The last plan that fitted** (`AppState::plan_fitted`) is the form whenever the form
//!   lays out, and otherwise the plan it was the last time it did.
//! - **On screen**, summaries, diagram and table always draw the last plan that fitted, and
//!   the diagram's title and subtitle describe that plan. While the form does not fit, the
//!   status says why, names the parts of the form that differ from what is drawn, and the
//!   diagram and table carry a "Last plan that fitted — not the form" label.
//! - **Exports** (Copy, Download, SVG, PNG) give only a plan that is the form: while the form
//!   does not fit they are disabled, with the reason beside them, and the preview is labelled
//!   as the last plan that fitted. A file never holds a plan other than the one in the form
//!   without saying so, because it cannot be made then. SVG and PNG are drawn at a fixed
//!   width ([`diagram::EXPORT_WIDTH`]) in the theme chosen beside them (light by default),
//!   whatever the screen.
//! - **The link** carries what is on screen: the form alone when it fits (or when nothing ever
//!   fitted), else both the last plan that fitted and the form (`ShareState::PlanDraft`), so
//!   it opens to the same form, the same drawing and the same labels.
//! - **The autosave** stores the link (form and last plan that fitted) in localStorage,
//!   so a reload keeps both; the link in the address bar then matches what was loaded and
//!   opens nothing. Text a field keeps to itself is the one thing a reload does not keep.
//! - **Replacing the plan** from a link or an imported JSON file happens at once only over a
//!   plan still equal to a preset (no work of its own); otherwise the "Open … / Keep mine"
//!   banner asks. Either way it is one undoable step.
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
mod prompt;
mod state;
mod summary;
mod table;
mod tiers;

use cidrplan::plan::{FieldProblem, Layout, Plan, PlanError};
use cidrplan::share::{self, Opened, ShareError, ShareState};
use cidrplan_shell::{Shell, Tool, ToolId};
use diagram::DiagramView;
use exports::Exports;
use form::PlanForm;
use leptos::prelude::*;
use state::PlanState;
use summary::{PlanStatus, Summaries};
use table::PlanTable;

/// What the output side reads: the form and its layout, the plan on screen (the last plan
/// that fitted) with its layout, and whether that is not the form.
#[derive(Clone, Copy)]
pub(crate) struct View {
    pub(crate) plan: RwSignal<Plan>,
    pub(crate) layout: Memo<Result<Layout, PlanError>>,
    /// `Plan::validate` of the form, for the fields' messages.
    pub(crate) problems: Memo<Vec<FieldProblem>>,
    pub(crate) shown: Memo<Option<(Plan, Layout)>>,
    pub(crate) hovered: RwSignal<Option<usize>>,
}

impl View {
    /// The form does not fit and the page shows the last plan that did (tracked).
    pub(crate) fn stale(&self) -> bool {
        self.layout.with(|l| l.is_err()) && self.shown.with(|s| s.is_some())
    }
}

#[component]
pub fn Planner() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let layout = st.plan_layout;
    // Laid out again rather than cloned from the form's layout (less code; a layout takes
    // well under a millisecond): it changes only when the last plan that fitted does.
    // Not compared either (see `PlanState::load`): the plan that fitted changes only when it does.
    let shown = Memo::new_with_compare(
        move |_| st.plan_fitted.with(|f| f.as_ref().and_then(|f| Some((f.clone(), f.layout().ok()?)))),
        |_, _| true,
    );
    let problems = Memo::new(move |_| plan.with(|p| p.validate()));
    let v = View { plan, layout, problems, shown, hovered: RwSignal::new(None) };
    provide_context(v);
    confirm::Confirm::provide();
    view! {
        <section class="panel planner" aria-labelledby="planner-title">
            <h2 id="planner-title" class="visually-hidden">"VPC planner"</h2>
            <div class="planner-grid">
                <PlanForm />
                <div class="plan-output" class:stale=move || v.stale()>
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

/// The label over the diagram and the table while they show the last plan that fitted (a
/// function, not a component: less code for two uses).
fn stale_label(v: View) -> impl IntoView {
    move || v.stale().then(|| view! { <p class="stale-label">"Last plan that fitted — not the form"</p> })
}

impl Tool for PlanState {
    const ID: ToolId = ToolId::Planner;

    fn load(shell: Shell) -> Self {
        PlanState::load(shell)
    }

    fn decode(fragment: &str) -> Result<Opened, ShareError> {
        share::decode_plan(fragment)
    }

    fn open(self, state: ShareState) {
        if let Some((form, fitted)) = state.into_plan() {
            self.offer_plan(form, fitted, false);
        }
    }

    fn link(self) -> Result<String, ShareError> {
        PlanState::link(&self)
    }

    fn holds_link(self) -> bool {
        self.pending_share.with(|p| p.is_some())
    }

    fn undo(self, back: bool) -> bool {
        if back {
            PlanState::undo(&self);
        } else {
            PlanState::redo(&self);
        }
        true
    }

    fn view(self) -> AnyView {
        view! {
            <prompt::SharePrompt />
            <Planner />
        }
        .into_any()
    }
}

// Started by `static/boot.js` (see `cidrplan_shell::host`).
cidrplan_shell::tool_module!(PlanState);
