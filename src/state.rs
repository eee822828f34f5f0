//! The app's state as signals, shared by context, plus the designer's undo history and the
//! wiring to persistence (autosave in localStorage first, then the URL fragment).
//!
//! Start-up order matters: local work is loaded before a shared link is looked at, so a bad or
//! unexpected link can never replace what the user made without asking.

use crate::browser;
use cidrplan::design::{Design, DesignError};
use cidrplan::share::{self, ShareState};
use cidrplan::{Cidr, Mode};
use leptos::prelude::*;

const KEY_CALC: &str = "cidrplan.v1.calculator";
const KEY_DESIGN: &str = "cidrplan.v1.design";
const KEY_TAB: &str = "cidrplan.v1.tab";
const KEY_THEME: &str = "cidrplan.v1.theme";
/// Undo depth: each entry is a whole design, so bound the memory a long session can take.
const MAX_UNDO: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Calculator,
    Subnets,
}

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Calculator => "calculator",
            Tab::Subnets => "subnets",
        }
    }
}

#[derive(Default)]
struct History {
    undo: Vec<Design>,
    redo: Vec<Design>,
}

/// A valid shared design that would replace unsaved local work: held until the user chooses.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingShare(pub Design);

#[derive(Clone, Copy)]
pub struct AppState {
    pub tab: RwSignal<Tab>,
    pub dark: RwSignal<bool>,
    pub calc_input: RwSignal<String>,
    pub calc_mode: RwSignal<Mode>,
    pub design: RwSignal<Design>,
    history: StoredValue<History>,
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
    Design::new(cidrplan::parse("10.0.0.0/16").map(|p| p.network()).unwrap_or(Cidr::all(cidrplan::Family::V4)), Mode::Standard)
}

impl AppState {
    /// Build the state: autosaved work first, then the link in the address bar.
    pub fn load() -> AppState {
        let mut calc_input = "10.0.0.0/16".to_string();
        let mut calc_mode = Mode::Standard;
        let mut design = default_design();
        if let Some(Ok(ShareState::Calculator { input, mode })) = browser::storage_get(KEY_CALC).map(|s| share::decode(&s)) {
            calc_input = input;
            calc_mode = mode;
        }
        if let Some(Ok(ShareState::Design(d))) = browser::storage_get(KEY_DESIGN).map(|s| share::decode(&s)) {
            design = d;
        }
        let tab = match browser::storage_get(KEY_TAB).as_deref() {
            Some("subnets") => Tab::Subnets,
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
            history: StoredValue::new(History::default()),
            history_rev: RwSignal::new(0),
            status: RwSignal::new(String::new()),
            link_error: RwSignal::new(None),
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
            Err(e) => self.link_error.set(Some(e.to_string())),
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
                    self.pending_share.set(Some(PendingShare(d)));
                }
            }
        }
    }

    /// Persist on every change: localStorage first (autosave), then the URL fragment of the
    /// tab in view, with replaceState (no history entry per keystroke, no scroll jump).
    pub fn persist(self) {
        Effect::new(move |_| {
            let enc = share::encode(&ShareState::Calculator { input: self.calc_input.get(), mode: self.calc_mode.get() });
            browser::storage_set(KEY_CALC, &enc);
        });
        Effect::new(move |_| {
            let enc = self.design.with(|d| share::encode(&ShareState::Design(d.clone())));
            browser::storage_set(KEY_DESIGN, &enc);
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
                    self.history.update_value(|h| {
                        h.undo.push(before);
                        if h.undo.len() > MAX_UNDO {
                            h.undo.remove(0);
                        }
                        h.redo.clear();
                    });
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

    pub fn can_undo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(|h| !h.undo.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(|h| !h.redo.is_empty())
    }

    pub fn undo(&self) {
        let cur = self.design.get_untracked();
        let prev = self.history.try_update_value(|h| {
            let p = h.undo.pop()?;
            h.redo.push(cur);
            Some(p)
        });
        if let Some(Some(p)) = prev {
            self.design.set(p);
            self.history_rev.update(|r| *r += 1);
            self.status.set("Undone".into());
        }
    }

    pub fn redo(&self) {
        let cur = self.design.get_untracked();
        let next = self.history.try_update_value(|h| {
            let n = h.redo.pop()?;
            h.undo.push(cur);
            Some(n)
        });
        if let Some(Some(n)) = next {
            self.design.set(n);
            self.history_rev.update(|r| *r += 1);
            self.status.set("Redone".into());
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
        }
    }

    /// Copy the link of the tab in view and say so.
    pub fn share(&self) {
        match self.link_for(self.tab.get_untracked()) {
            Ok(_) => {
                browser::copy_to_clipboard(&browser::href());
                self.status.set("Link copied".into());
            }
            Err(e) => self.status.set(format!("{e} Use Export JSON to pass this design on.")),
        }
    }
}
