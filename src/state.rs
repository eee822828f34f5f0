//! The app's state as signals, shared by context, plus the undo histories and the wiring to
//! persistence (autosave in localStorage first, then the URL fragment).
//!
//! Start-up order matters: local work is loaded before a shared link is looked at, so a bad or
//! unexpected link can never replace what the user made without asking. The designer's saved
//! designs, their keys and their undo histories are in `state/designs.rs`.

mod designs;

use crate::browser;
use cidrplan::design::library::Library;
use cidrplan::design::{Design, DesignError};
use cidrplan::history::History;
use cidrplan::plan::{self, Layout, Plan, PlanError};
use cidrplan::share::{self, ShareState};
use cidrplan::{Cidr, Mode};
use leptos::prelude::*;
use std::time::Duration;

const KEY_CALC: &str = "cidrplan.v1.calculator";
const KEY_PLAN: &str = "cidrplan.v1.plan";
/// The last plan that fitted, while the form (KEY_PLAN) does not: see `src/planner/mod.rs`.
const KEY_PLAN_FITTED: &str = "cidrplan.v1.plan.fitted";
const KEY_TAB: &str = "cidrplan.v1.tab";
const KEY_THEME: &str = "cidrplan.v1.theme";
/// The fragment in the address bar when the page was left while a note was still being
/// committed (see [`AppState::load`]).
const KEY_OWN_FRAGMENT: &str = "cidrplan.v1.fragment";
/// Undo depth in memory: each entry is a whole design, so bound what a long session takes.
const MAX_UNDO: usize = 200;
/// A note being typed is committed after this pause (and at once when the field or the page
/// is left), so typing stays fast in a big design and a reload loses nothing.
const NOTE_PAUSE: Duration = Duration::from_millis(300);

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

/// Where a design waiting for the user's answer comes from (the prompt says so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A shared link.
    Link,
    /// "Split this in the designer" in the calculator.
    Calculator,
}

/// A design or plan that would replace local work: held until the user chooses.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one value at most, while the banner is up
pub enum PendingShare {
    Design(Design, Origin),
    /// A plan from a link or (`from_file`) an imported JSON file, with the last plan that
    /// fitted when the link carried the form's draft.
    Plan {
        form: Plan,
        fitted: Option<Plan>,
        from_file: bool,
    },
}

/// A note (of a leaf, or a group label) being typed and not yet committed, or committed while
/// its field still has the focus. The field shows `text` as typed while it has the focus
/// (the stored note is cleaned, e.g. of a trailing space the user is about to follow).
#[derive(Clone, Debug, PartialEq)]
struct Draft {
    node: Cidr,
    text: String,
    committed: bool,
}

/// Bookkeeping of the designer's edits, in one stored value (each stored type costs bundle
/// size).
#[derive(Clone, Debug, Default, PartialEq)]
struct Edits {
    /// The node of the last note edit, while typing continues on it: one undo step per note.
    group: Option<Cidr>,
    draft: Option<Draft>,
    /// Tells a pending note commit whether it is still the latest keystroke's.
    generation: u32,
    /// The open design changed without being edited (another design opened): its last-change
    /// time stays.
    quiet: bool,
    /// The undo history changed since it was last saved (it is saved after a pause).
    history_unsaved: bool,
}

/// The join bar whose label is being edited, and where its editor opens (viewport pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelEdit {
    pub node: Cidr,
    pub left: i32,
    pub top: i32,
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
    /// The named designs of this browser; `design` is the open one.
    pub library: RwSignal<Library>,
    history: StoredValue<History<Design>>,
    plan_history: StoredValue<History<Plan>>,
    /// Bumped on every history change so undo/redo buttons re-evaluate (and it is saved).
    history_rev: RwSignal<u32>,
    edits: StoredValue<Edits>,
    /// A short status for the live region ("Link copied", "Undone").
    pub status: RwSignal<String>,
    /// Why the link in the address bar could not be opened (shown until dismissed).
    pub link_error: RwSignal<Option<String>>,
    /// Saved work that could not be read (kept aside; shown until dismissed).
    pub storage_problem: RwSignal<Option<String>>,
    pub pending_share: RwSignal<Option<PendingShare>>,
    /// The last error of a designer action ("AWS subnets are no smaller than /28 …").
    pub design_error: RwSignal<Option<String>>,
    pub label_edit: RwSignal<Option<LabelEdit>>,
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
        if let Some(Ok(ShareState::Calculator { input, mode })) =
            browser::storage_get(KEY_CALC).map(|s| share::decode(&s))
        {
            calc_input = input;
            calc_mode = mode;
        }
        let saved = designs::load(default_design());
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
            design: RwSignal::new(saved.design),
            plan,
            plan_layout,
            plan_fitted: RwSignal::new(plan_fitted),
            library: RwSignal::new(saved.library),
            history: StoredValue::new(saved.history),
            plan_history: StoredValue::new(History::new(MAX_UNDO)),
            history_rev: RwSignal::new(0),
            edits: StoredValue::new(Edits::default()),
            status: RwSignal::new(String::new()),
            link_error: RwSignal::new(None),
            storage_problem: RwSignal::new(saved.problems),
            pending_share: RwSignal::new(None),
            design_error: RwSignal::new(None),
            label_edit: RwSignal::new(None),
        };
        let fragment = browser::fragment();
        // The address bar of the page as it was left (a reload): the app's own link, perhaps
        // older than the saved work (a note committed as the page was left), not a shared one.
        let own = browser::storage_get(KEY_OWN_FRAGMENT);
        browser::storage_remove(KEY_OWN_FRAGMENT);
        if !fragment.is_empty() && own.as_deref() != Some(fragment.as_str()) {
            st.open_fragment(&fragment);
        }
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
            Ok(ShareState::Design(d)) => self.offer_design(d, Origin::Link),
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

    /// Show `d` in the designer: at once when the open design holds no work, else after
    /// asking ("Open … / Open as a new design / Keep mine").
    fn offer_design(&self, d: Design, origin: Origin) {
        self.tab.set(Tab::Subnets);
        self.commit_note();
        let local = self.design.get_untracked();
        if local == d {
            return;
        }
        if local.is_untouched() {
            self.replace_design(d);
        } else {
            self.pending_share.set(Some(PendingShare::Design(d, origin)));
            // Into view and under the keyboard: the page may be scrolled far down.
            browser::focus_later("[aria-labelledby=share-prompt-title] button".into(), true);
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
        designs::persist(self);
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

    /// Save what is not saved yet, now: the page is being left or hidden, and neither a
    /// pending commit nor an effect may run again. Nothing is written when all is saved (so a
    /// page whose storage was cleared does not write it back).
    pub fn flush(&self) {
        let typing = self.edits.with_value(|e| e.draft.as_ref().is_some_and(|d| !d.committed));
        if typing {
            // Before the commit below updates it: the address a reload of this page opens, one
            // step behind the saved work (read once, at the next start).
            browser::storage_set(KEY_OWN_FRAGMENT, &browser::fragment());
        }
        self.commit_note();
        designs::save_now(*self, typing);
    }

    pub fn set_theme(&self, dark: bool) {
        self.dark.set(dark);
        browser::storage_set(KEY_THEME, if dark { "dark" } else { "light" });
    }

    /// Apply a designer edit with an undo snapshot; a refused edit changes nothing and its
    /// reason is shown.
    pub fn edit_design<T>(&self, f: impl FnOnce(&mut Design) -> Result<T, DesignError>) -> Option<T> {
        let mut next = self.design.get_untracked();
        let result = f(&mut next);
        // The rest is shared by every edit (not compiled again for each `f`).
        self.finish_edit(None, next, result.as_ref().err())?;
        result.ok()
    }

    /// Show `next` as the design with an undo step (when it changed), or say why an edit was
    /// refused. Consecutive edits of the same `group` (the note of one node, committed as it is
    /// typed) make one undo step. `None` when refused.
    fn finish_edit(&self, group: Option<Cidr>, next: Design, refused: Option<&DesignError>) -> Option<()> {
        if let Some(e) = refused {
            self.design_error.set(Some(e.to_string()));
            return None;
        }
        if self.design.with_untracked(|cur| *cur != next) {
            let before = std::mem::replace(&mut *self.design.write(), next);
            if group.is_none() || self.edits.with_value(|e| e.group) != group {
                self.history.update_value(|h| h.push(before));
            }
            self.edits.update_value(|e| e.group = group);
            self.history_rev.update(|r| *r += 1);
        }
        self.design_error.set(None);
        Some(())
    }

    /// Replace the design as one undoable step.
    pub fn replace_design(&self, d: Design) {
        self.edit_design(|cur| {
            *cur = d;
            Ok(())
        });
    }

    /// "Split this in the designer": a new design of `net`, asked about when the open design
    /// holds work.
    pub fn open_in_designer(&self, net: Cidr) {
        let mode = self.calc_mode.get_untracked();
        self.offer_design(Design::new(net, mode), Origin::Calculator);
    }

    /// A keystroke in the note field of `node` (a leaf or a group): committed after a pause.
    pub fn type_note(&self, node: Cidr, text: String) {
        if self.edits.with_value(|e| e.draft.as_ref().is_some_and(|d| d.node != node)) {
            self.end_note();
        }
        let generation = self.edits.with_value(|e| e.generation.wrapping_add(1));
        self.edits.update_value(|e| {
            e.draft = Some(Draft { node, text, committed: false });
            e.generation = generation;
        });
        let st = *self;
        set_timeout(
            move || {
                if st.edits.with_value(|e| e.generation) == generation {
                    st.commit_note();
                }
            },
            NOTE_PAUSE,
        );
    }

    /// Commit the note being typed, if any (its field keeps showing it as typed).
    pub fn commit_note(&self) {
        let Some(draft) = self.edits.with_value(|e| e.draft.clone()).filter(|d| !d.committed) else { return };
        self.edits.update_value(|e| e.draft = Some(Draft { committed: true, ..draft.clone() }));
        let node = draft.node;
        // The node may be gone (undone, or joined away): then there is nothing to note.
        let mut next = self.design.get_untracked();
        if next.set_note(node, &draft.text).is_ok() {
            self.finish_edit(Some(node), next, None);
        }
    }

    /// The note field was left: commit, and show the stored note from now on.
    pub fn end_note(&self) {
        self.commit_note();
        self.edits.update_value(|e| e.draft = None);
    }

    /// What the note field of `node` shows: the text as typed while it is being edited, else
    /// the stored note.
    pub fn shown_note(&self, node: Cidr, stored: String) -> String {
        self.edits.with_value(|e| match &e.draft {
            Some(d) if d.node == node => d.text.clone(),
            _ => stored,
        })
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
            Tab::Planner => self.plan_history.with_value(|h| h.can_undo()),
            _ => self.history.with_value(|h| h.can_undo()),
        }
    }

    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        match self.tab.get() {
            Tab::Planner => self.plan_history.with_value(|h| h.can_redo()),
            _ => self.history.with_value(|h| h.can_redo()),
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
            _ => {
                self.end_note();
                self.edits.update_value(|e| e.group = None);
                step_signal(self.design, self.history, back)
            }
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
        self.commit_note();
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
