//! The planner's state as signals, shared by context: the form (every value the core can
//! store), its layout, the last plan that fitted, the undo history, and a shared plan waiting
//! for an answer; saved in this browser on every change (the host writes the link).

use cidrplan::history::History;
use cidrplan::plan::{self, Layout, Plan, PlanError};
use cidrplan::share::{self, Opened};
use cidrplan_shell::{browser, library, Shell};
use leptos::prelude::*;

/// The form and, while it does not fit, the last plan that fitted: saved as the plan's link
/// ([`PlanState::link`]), read back with the planner's own link reader. The plan caps
/// (`cidrplan::plan::MAX_TIERS` and the rest) keep every storable plan within a link's length.
const KEY_SAVED: &str = "cidrplan.v2.plan";
/// What planners before the link autosave kept: the form and the last plan that fitted as
/// JSON. Read once through the exports module (the planner links no JSON code), then removed.
const OLD_KEY_PLAN: &str = "cidrplan.v1.plan";
const OLD_KEY_PLAN_FITTED: &str = "cidrplan.v1.plan.fitted";
/// Undo depth in memory.
const MAX_UNDO: usize = 200;

/// A plan from a link or (`from_file`) an imported JSON file, with the last plan that fitted
/// when the link carried the form's draft: held until the user chooses.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingPlan {
    pub form: Plan,
    pub fitted: Option<Plan>,
    pub from_file: bool,
}

#[derive(Clone, Copy)]
pub struct PlanState {
    /// The planner's form: every value it holds that the core can store (see `main.rs` for
    /// the model). It may be invalid or not fit.
    pub plan: RwSignal<Plan>,
    /// The form's layout, computed once per change for everyone who reads it.
    pub plan_layout: Memo<Result<Layout, PlanError>>,
    /// The last plan that laid out: the form itself whenever the form fits.
    pub plan_fitted: RwSignal<Option<Plan>>,
    plan_history: StoredValue<History<Plan>>,
    /// Bumped on every history change so undo/redo buttons re-evaluate.
    history_rev: RwSignal<u32>,
    pub pending_share: RwSignal<Option<PendingPlan>>,
    /// The shell's theme (the diagram's colours) and status line.
    pub dark: RwSignal<bool>,
    pub status: RwSignal<String>,
}

impl PlanState {
    /// The saved form (or the first preset) and the last plan that fitted.
    pub fn load(shell: Shell) -> PlanState {
        let (plan, saved_fitted) = saved().unwrap_or_else(|| (plan::preset("aws-3az").unwrap_or_default(), None));
        let plan = RwSignal::new(plan);
        // Never compared (`changed` is always true): the form changes only when an edit
        // changes it, and comparing layouts would link a deep `PartialEq` of `Layout` for
        // nothing.
        let plan_layout = Memo::new_with_compare(move |_| plan.with(|p| p.layout()), |_, _| true);
        // The saved last plan that fitted matters only while the form does not fit.
        let plan_fitted = if plan_layout.with_untracked(|l| l.is_ok()) {
            Some(plan.get_untracked())
        } else {
            saved_fitted.filter(|p| p.layout().is_ok())
        };
        let st = PlanState {
            plan,
            plan_layout,
            plan_fitted: RwSignal::new(plan_fitted),
            plan_history: StoredValue::new(History::new(MAX_UNDO)),
            history_rev: RwSignal::new(0),
            pending_share: RwSignal::new(None),
            dark: shell.dark,
            status: shell.status,
        };
        st.persist();
        st.migrate_old_save();
        st
    }

    fn persist(self) {
        Effect::new(move |_| {
            // Fails only for a link longer than a link may be, which the plan caps rule out.
            if let Ok(link) = self.link() {
                browser::storage_set(KEY_SAVED, &link);
            }
        });
    }

    /// A plan an older planner saved as JSON, opened like a link (at once over the untouched
    /// preset shown meanwhile); its keys are removed once it has been read, and kept for
    /// the next visit when the exports module did not load.
    fn migrate_old_save(self) {
        let Some(form) = browser::storage_get(OLD_KEY_PLAN) else { return };
        let fitted = browser::storage_get(OLD_KEY_PLAN_FITTED).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let Ok(lib) = library::load("exports").await else { return };
            // A saved plan that no longer reads is not a plan: nothing to keep.
            if let Some((form, fitted)) =
                lib.call("saved_link", &[&form, &fitted]).ok().and_then(|link| read_link(&link))
            {
                self.offer_plan(form, fitted, false);
            }
            browser::storage_remove(OLD_KEY_PLAN);
            browser::storage_remove(OLD_KEY_PLAN_FITTED);
        });
    }

    /// A plan from a link or a file (with the last plan that fitted, for a link that carried
    /// the form's draft): opened at once over a plan still equal to a preset, which holds no
    /// work of its own; otherwise held for the "Open … / Keep mine" choice.
    pub fn offer_plan(&self, form: Plan, fitted: Option<Plan>, from_file: bool) {
        let same = self.plan.with_untracked(|p| *p == form)
            && (fitted.is_none() || self.plan_fitted.with_untracked(|f| *f == fitted));
        if same {
            return;
        }
        let untouched = self.plan.with_untracked(|local| plan::presets().iter().any(|(_, _, preset)| preset == local));
        if untouched {
            self.open_plan(form, fitted);
        } else {
            self.pending_share.set(Some(PendingPlan { form, fitted, from_file }));
        }
    }

    /// Replace the plan as one undoable step; `fitted` is shown while `form` does not fit.
    pub fn open_plan(&self, form: Plan, fitted: Option<Plan>) {
        self.edit_plan(|cur| *cur = form);
        if let Some(f) = fitted.filter(|f| f.layout().is_ok()) {
            if self.plan_layout.with_untracked(|l| l.is_err()) {
                self.plan_fitted.set(Some(f));
            }
        }
    }

    /// Apply a plan edit as one undoable step (no-op when nothing changed). An edit the core
    /// refuses to store ([`Plan::refusal`]) is not applied: the form checks first and keeps
    /// such text in its field, so this only guards the autosave and the link.
    pub fn edit_plan(&self, f: impl FnOnce(&mut Plan)) {
        let before = self.plan.get_untracked();
        let mut next = before.clone();
        f(&mut next);
        if next != before && next.refusal().is_none() {
            self.plan_history.update_value(|h| h.push(before));
            self.plan.set(next);
            self.history_rev.update(|r| *r += 1);
            self.sync_fitted();
        }
    }

    /// After a change of the form: a form that fits is the last plan that fitted.
    fn sync_fitted(&self) {
        if self.plan_layout.with_untracked(|l| l.is_ok()) {
            let p = self.plan.get_untracked();
            if self.plan_fitted.with_untracked(|f| f.as_ref() != Some(&p)) {
                self.plan_fitted.set(Some(p));
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history_rev.track();
        self.plan_history.with_value(|h| h.can_undo())
    }

    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.plan_history.with_value(|h| h.can_redo())
    }

    pub fn undo(&self) {
        self.step(true);
    }

    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        let cur = self.plan.get_untracked();
        let moved = self.plan_history.try_update_value(|h| if back { h.undo(cur) } else { h.redo(cur) }).flatten();
        if let Some(p) = moved {
            self.plan.set(p);
            self.sync_fitted();
            self.history_rev.update(|r| *r += 1);
            self.status.set(if back { "Undone" } else { "Redone" }.into());
        }
    }

    /// What the planner shows, as a link (tracked): the form, and while it does not fit the
    /// last plan that fitted too, so the link opens to the same page.
    pub fn link(&self) -> Result<String, share::ShareError> {
        self.plan.with(|form| share::form_link(form, self.plan_fitted.get().as_ref()))
    }
}

/// The plan saved in this browser: the form and the last plan that fitted, if saved.
fn saved() -> Option<(Plan, Option<Plan>)> {
    read_link(&browser::storage_get(KEY_SAVED)?)
}

/// The form and (for a draft) the last plan that fitted in a plan link; `None` for any other
/// link or one that does not read.
pub fn read_link(link: &str) -> Option<(Plan, Option<Plan>)> {
    match share::decode_plan(link).ok()? {
        Opened::Mine(state) => state.into_plan(),
        Opened::Other(_) => None,
    }
}

impl cidrplan_shell::Undoable for PlanState {
    fn can_undo(&self) -> bool {
        PlanState::can_undo(self)
    }
    fn can_redo(&self) -> bool {
        PlanState::can_redo(self)
    }
    fn undo(&self) {
        PlanState::undo(self)
    }
    fn redo(&self) {
        PlanState::redo(self)
    }
}
