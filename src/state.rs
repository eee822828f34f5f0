//! The app's state as signals, shared by context, plus the designer's undo history and the
//! wiring to persistence (autosave in localStorage first, then the URL fragment).
//!
//! Start-up order matters: local work is loaded before a shared link is looked at, so a bad or
//! unexpected link can never replace what the user made without asking.

use crate::browser;
use cidrplan::design::{self, Design, DesignError};
use cidrplan::plan::{self, Layout, Plan, PlanError};
use cidrplan::share::{self, ShareState};
use cidrplan::{Cidr, Mode};
use leptos::prelude::*;

const KEY_CALC: &str = "cidrplan.v1.calculator";
const KEY_DESIGN: &str = "cidrplan.v1.design.json";
const KEY_DESIGN_UNREADABLE: &str = "cidrplan.v1.design.unreadable";
const KEY_PLAN: &str = "cidrplan.v1.plan";
/// The last plan that fitted, while the form (KEY_PLAN) does not: see `src/planner/mod.rs`.
const KEY_PLAN_FITTED: &str = "cidrplan.v1.plan.fitted";
const KEY_TAB: &str = "cidrplan.v1.tab";
const KEY_THEME: &str = "cidrplan.v1.theme";
/// Undo depth: each entry is a whole design, so bound the memory a long session can take.
const MAX_UNDO: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Calculator,
    Subnets,
    Planner,
}

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Calculator => "calculator",
            Tab::Subnets => "subnets",
            Tab::Planner => "planner",
        }
    }
}

/// Undo and redo stacks of whole snapshots (designs and plans are cheap to clone).
struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History { undo: Vec::new(), redo: Vec::new() }
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> History<T> {
    /// Record `before` as an undo step (dropping the oldest past [`MAX_UNDO`]).
    fn push(&mut self, before: T) {
        self.undo.push(before);
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Step back from `current`; `None` when there is nothing to undo.
    fn undo(&mut self, current: T) -> Option<T> {
        let prev = self.undo.pop()?;
        self.redo.push(current);
        Some(prev)
    }

    fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }
}

/// A valid shared design or plan that would replace local work: held until the user chooses.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one value at most, while the banner is up
pub enum PendingShare {
    Design(Design),
    /// A plan from a link or (`from_file`) an imported JSON file, with the last plan that
    /// fitted when the link carried the form's draft.
    Plan {
        form: Plan,
        fitted: Option<Plan>,
        from_file: bool,
    },
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub tab: RwSignal<Tab>,
    pub dark: RwSignal<bool>,
    pub calc_input: RwSignal<String>,
    pub calc_mode: RwSignal<Mode>,
    pub design: RwSignal<Design>,
    /// The planner's form: every value it holds that the core can store (see
    /// `src/planner/mod.rs` for the model). It may be invalid or not fit.
    pub plan: RwSignal<Plan>,
    /// The form's layout, computed once per change for everyone who reads it.
    pub plan_layout: Memo<Result<Layout, PlanError>>,
    /// The last plan that laid out: the form itself whenever the form fits.
    pub plan_fitted: RwSignal<Option<Plan>>,
    history: StoredValue<History<Design>>,
    plan_history: StoredValue<History<Plan>>,
    /// Bumped on every history change so undo/redo buttons re-evaluate.
    history_rev: RwSignal<u32>,
    /// A short status for the live region ("Link copied", "Undone").
    pub status: RwSignal<String>,
    /// Why the link in the address bar could not be opened (shown until dismissed).
    pub link_error: RwSignal<Option<String>>,
    pub pending_share: RwSignal<Option<PendingShare>>,
    /// The last error of a designer action ("AWS subnets can be at most /28 …").
    pub design_error: RwSignal<Option<String>>,
}

fn default_design() -> Design {
    Design::new(
        cidrplan::parse("10.0.0.0/16").map(|p| p.network()).unwrap_or(Cidr::all(cidrplan::Family::V4)),
        Mode::Standard,
    )
}

impl AppState {
    /// Build the state: autosaved work first, then the link in the address bar.
    pub fn load() -> AppState {
        let mut calc_input = "10.0.0.0/16".to_string();
        let mut calc_mode = Mode::Standard;
        let mut design = default_design();
        if let Some(Ok(ShareState::Calculator { input, mode })) =
            browser::storage_get(KEY_CALC).map(|s| share::decode(&s))
        {
            calc_input = input;
            calc_mode = mode;
        }
        // Autosave is JSON, which has no link-length limit: a design too large for a link
        // still survives a reload. An unreadable save is kept aside, never overwritten.
        let mut unreadable = None;
        if let Some(saved) = browser::storage_get(KEY_DESIGN) {
            match design::from_json(&saved) {
                Ok(d) => design = d,
                Err(e) => {
                    browser::storage_set(KEY_DESIGN_UNREADABLE, &saved);
                    unreadable = Some(format!("Your saved design could not be read ({e}); a copy was kept in this browser's storage under {KEY_DESIGN_UNREADABLE}."));
                }
            }
        }
        let plan = browser::storage_get(KEY_PLAN)
            .and_then(|s| plan::from_json(&s).ok())
            .or_else(|| plan::preset("aws-3az"))
            .unwrap_or_default();
        let plan = RwSignal::new(plan);
        let plan_layout = Memo::new(move |_| plan.with(|p| p.layout()));
        // The saved last plan that fitted matters only while the form does not fit.
        let plan_fitted = if plan_layout.with_untracked(|l| l.is_ok()) {
            Some(plan.get_untracked())
        } else {
            browser::storage_get(KEY_PLAN_FITTED).and_then(|s| plan::from_json(&s).ok()).filter(|p| p.layout().is_ok())
        };
        let tab = match browser::storage_get(KEY_TAB).as_deref() {
            Some("subnets") => Tab::Subnets,
            Some("planner") => Tab::Planner,
            _ => Tab::Calculator,
        };
        let dark = match browser::storage_get(KEY_THEME).as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => browser::prefers_dark(),
        };
        let st = AppState {
            tab: RwSignal::new(tab),
            dark: RwSignal::new(dark),
            calc_input: RwSignal::new(calc_input),
            calc_mode: RwSignal::new(calc_mode),
            design: RwSignal::new(design),
            plan,
            plan_layout,
            plan_fitted: RwSignal::new(plan_fitted),
            history: StoredValue::new(History::default()),
            plan_history: StoredValue::new(History::default()),
            history_rev: RwSignal::new(0),
            status: RwSignal::new(String::new()),
            link_error: RwSignal::new(unreadable),
            pending_share: RwSignal::new(None),
            design_error: RwSignal::new(None),
        };
        st.open_fragment(&browser::fragment());
        st
    }

    /// Apply a link's fragment: a calculator link just fills the calculator; a design replaces
    /// the local one directly only when that holds no work of its own, otherwise the user is
    /// asked. A bad link changes nothing and says why.
    pub fn open_fragment(&self, fragment: &str) {
        if fragment.is_empty() {
            return;
        }
        match share::decode(fragment) {
            Err(e) => {
                self.link_error.set(Some(e.to_string()));
                // Put the link of what is on screen back, so Share never passes the bad one on.
                let tab = self.tab.get_untracked();
                browser::replace_fragment(&untrack(|| self.link_for(tab)).unwrap_or_default());
            }
            Ok(ShareState::Calculator { input, mode }) => {
                self.calc_input.set(input);
                self.calc_mode.set(mode);
                self.tab.set(Tab::Calculator);
            }
            Ok(ShareState::Design(d)) => {
                self.tab.set(Tab::Subnets);
                let local = self.design.get_untracked();
                if local == d {
                    return;
                }
                if local == default_design() || local.leaves().iter().all(|l| !l.has_note()) && local.len() == 1 {
                    self.design.set(d);
                } else {
                    self.pending_share.set(Some(PendingShare::Design(d)));
                }
            }
            Ok(ShareState::Plan(p)) => {
                self.tab.set(Tab::Planner);
                self.offer_plan(p, None, false);
            }
            Ok(ShareState::PlanDraft { fitted, form }) => {
                self.tab.set(Tab::Planner);
                self.offer_plan(form, Some(fitted), false);
            }
        }
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
            self.pending_share.set(Some(PendingShare::Plan { form, fitted, from_file }));
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

    /// Persist on every change: localStorage first (autosave), then the URL fragment of the
    /// tab in view, with replaceState (no history entry per keystroke, no scroll jump).
    pub fn persist(self) {
        Effect::new(move |_| {
            let enc =
                share::encode(&ShareState::Calculator { input: self.calc_input.get(), mode: self.calc_mode.get() });
            browser::storage_set(KEY_CALC, &enc);
        });
        Effect::new(move |_| {
            let json = self.design.with(design::to_json);
            browser::storage_set(KEY_DESIGN, &json);
        });
        Effect::new(move |_| {
            let json = self.plan.with(plan::to_json);
            browser::storage_set(KEY_PLAN, &json);
        });
        Effect::new(move |_| {
            if let Some(json) = self.plan_fitted.with(|f| f.as_ref().map(plan::to_json)) {
                browser::storage_set(KEY_PLAN_FITTED, &json);
            }
        });
        Effect::new(move |_| {
            let tab = self.tab.get();
            browser::storage_set(KEY_TAB, tab.id());
            // While a shared design waits for an answer, leave its link in the address bar.
            if self.pending_share.with(|p| p.is_some()) {
                return;
            }
            // A design too large for a link leaves the fragment empty rather than writing a
            // link that would be refused when opened; Share then says to export instead.
            let frag = self.link_for(tab).unwrap_or_default();
            browser::replace_fragment(&frag);
        });
        Effect::new(move |_| {
            let dark = self.dark.get();
            browser::apply_theme(dark);
        });
    }

    pub fn set_theme(&self, dark: bool) {
        self.dark.set(dark);
        browser::storage_set(KEY_THEME, if dark { "dark" } else { "light" });
    }

    /// Apply a designer edit with an undo snapshot; a refused edit changes nothing and its
    /// reason is shown.
    pub fn edit_design<T>(&self, f: impl FnOnce(&mut Design) -> Result<T, DesignError>) -> Option<T> {
        let before = self.design.get_untracked();
        let mut next = before.clone();
        match f(&mut next) {
            Ok(v) => {
                if next != before {
                    self.history.update_value(|h| h.push(before));
                    self.design.set(next);
                    self.history_rev.update(|r| *r += 1);
                }
                self.design_error.set(None);
                Some(v)
            }
            Err(e) => {
                self.design_error.set(Some(e.to_string()));
                None
            }
        }
    }

    /// Replace the design as one undoable step.
    pub fn replace_design(&self, d: Design) {
        self.edit_design(|cur| {
            *cur = d;
            Ok(())
        });
    }

    pub fn open_in_designer(&self, net: Cidr) {
        let mode = self.calc_mode.get_untracked();
        self.replace_design(Design::new(net, mode));
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
        match self.tab.get() {
            Tab::Planner => self.plan_history.with_value(|h| !h.undo.is_empty()),
            _ => self.history.with_value(|h| !h.undo.is_empty()),
        }
    }

    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        match self.tab.get() {
            Tab::Planner => self.plan_history.with_value(|h| !h.redo.is_empty()),
            _ => self.history.with_value(|h| !h.redo.is_empty()),
        }
    }

    /// Undo the last edit of the tab in view (designer or planner).
    pub fn undo(&self) {
        self.step(true);
    }

    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        let done = match self.tab.get_untracked() {
            Tab::Planner => {
                let done = step_signal(self.plan, self.plan_history, back);
                self.sync_fitted();
                done
            }
            _ => step_signal(self.design, self.history, back),
        };
        if done {
            self.history_rev.update(|r| *r += 1);
            self.status.set(if back { "Undone" } else { "Redone" }.into());
        }
    }

    /// The fragment for `tab` (tracked), or why it can't be a link.
    fn link_for(&self, tab: Tab) -> Result<String, share::ShareError> {
        match tab {
            Tab::Calculator => {
                let (input, mode) = (self.calc_input.get(), self.calc_mode.get());
                share::encode_checked(&ShareState::Calculator { input, mode })
            }
            Tab::Subnets => self.design.with(|d| share::encode_checked(&ShareState::Design(d.clone()))),
            // What the planner shows: the form, and while it does not fit the last plan that
            // fitted too, so the link opens to the same page.
            Tab::Planner => self.plan.with(|form| {
                let state = match self.plan_fitted.get() {
                    Some(fitted) if fitted != *form => ShareState::PlanDraft { fitted, form: form.clone() },
                    _ => ShareState::Plan(form.clone()),
                };
                share::encode_checked(&state)
            }),
        }
    }

    /// Copy the link of the tab in view and say so.
    pub fn share(&self) {
        match untrack(|| self.link_for(self.tab.get_untracked())) {
            Ok(fragment) => {
                // Built from the state on screen, not read back from the address bar.
                browser::copy_to_clipboard(&browser::url_with_fragment(&fragment));
                self.status.set("Link copied".into());
            }
            Err(e) => self.status.set(format!("{e} Use Export JSON to pass this design on.")),
        }
    }
}

/// Move `signal` one step back or forward through `history`; whether anything changed.
fn step_signal<T: Clone + PartialEq + Send + Sync + 'static>(
    signal: RwSignal<T>,
    history: StoredValue<History<T>>,
    back: bool,
) -> bool {
    let cur = signal.get_untracked();
    let moved = history.try_update_value(|h| if back { h.undo(cur) } else { h.redo(cur) }).flatten();
    match moved {
        Some(v) => {
            signal.set(v);
            true
        }
        None => false,
    }
}
