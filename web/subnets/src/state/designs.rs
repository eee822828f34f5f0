//! The designer's saved work in localStorage: the open design, its undo history and the other
//! named designs.
//!
//! Keys:
//! - `cidrplan.v2.design`: the open design, as `share::design_text` (its link, without a
//!   link's length cap);
//! - `cidrplan.v1.design.history`: its undo and redo steps (`cidrplan::history`'s text, each
//!   step as its `design_text`: the newest 50, at most 512 KB);
//! - `cidrplan.v1.designs`: the index of named designs (`cidrplan::design::library`'s text);
//! - `cidrplan.v2.designs.<id>` and `cidrplan.v1.designs.<id>.history`: each design that is
//!   not open;
//! - `<key>.unreadable`: text that could not be read, kept aside (and reported) rather than
//!   overwritten.
//!
//! An older designer saved designs as JSON (`cidrplan.v1.design.json`,
//! `cidrplan.v1.designs.<id>.json`): the JSON reader lives in the exports module, so those
//! are converted once, after start-up ([`migrate_old_saves`]), and their keys removed.
//!
//! Opening another design writes the open one to its own keys before anything else, so a page
//! closed half way keeps both.

use super::{DesignState, MAX_UNDO};
use cidrplan::design::library::Library;
use cidrplan::design::Design;
use cidrplan::history::{Budget, History};
use cidrplan::share;
use cidrplan_shell::{browser, library};
use leptos::prelude::*;
use std::time::Duration;

const KEY_DESIGN: &str = "cidrplan.v2.design";
const OLD_KEY_DESIGN: &str = "cidrplan.v1.design.json";
const KEY_HISTORY: &str = "cidrplan.v1.design.history";
const KEY_LIBRARY: &str = "cidrplan.v1.designs";
const SAVED_STEPS: Budget = Budget { steps: 50, bytes: 512 * 1024 };
/// The history is saved this long after its last change: encoding the steps on every
/// keystroke would slow a big design down.
const HISTORY_PAUSE: Duration = Duration::from_millis(400);
const FIRST_NAME: &str = "My design";

fn slot(id: u32) -> String {
    format!("cidrplan.v2.designs.{id}")
}

fn slot_history(id: u32) -> String {
    format!("{KEY_LIBRARY}.{id}.history")
}

/// What start-up found in storage.
pub(super) struct Saved {
    pub design: Design,
    pub library: Library,
    pub history: History<Design>,
    /// What could not be read (and where it was kept), for the page to say.
    pub problems: Option<String>,
}

/// The design saved under `key`, if any; unreadable text is kept aside and the reason given.
fn read_design(key: &str) -> Option<Result<Design, String>> {
    let text = browser::storage_get(key)?;
    Some(share::design_from_text(&text).map_err(|e| keep_aside(key, &text, e.message())))
}

/// Unreadable `text` of `key` kept under `<key>.unreadable`; the sentence that says so.
fn keep_aside(key: &str, text: &str, why: &str) -> String {
    let aside = format!("{key}.unreadable");
    browser::storage_set(&aside, text);
    format!("{why}; a copy was kept in this browser's storage under {aside}")
}

/// The saved text of `d`, or empty for a design over the 4 MiB payload cap (more than a
/// browser's storage holds anyway; the autosave reports it for the open design).
fn saved_text(d: &Design) -> String {
    share::design_text(d).unwrap_or_default()
}

fn read_history(key: &str) -> History<Design> {
    match browser::storage_get(key) {
        Some(text) => History::from_text(&text, MAX_UNDO, |saved| share::design_from_text(saved).ok()),
        None => History::new(MAX_UNDO),
    }
}

/// Most leaves saved over all steps: bounds a save's work and size (older steps of very big
/// designs are not kept across a reload).
const SAVED_LEAVES: usize = 100_000;

thread_local! {
    /// Steps already encoded, newest last: a save encodes only the steps that are new since
    /// the last one (a design of 16,384 leaves takes milliseconds to encode).
    static ENCODED: std::cell::RefCell<Vec<(Design, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The share link of a history step, from the cache when it was encoded before.
fn encoded(d: &Design) -> Option<String> {
    ENCODED.with_borrow_mut(|cache| {
        if let Some((_, text)) = cache.iter().find(|(x, _)| x == d) {
            return Some(text.clone());
        }
        let text = share::design_text(d).ok()?;
        if cache.len() >= 2 * SAVED_STEPS.steps {
            cache.remove(0);
        }
        cache.push((d.clone(), text.clone()));
        Some(text)
    })
}

fn history_text(h: &History<Design>) -> String {
    let leaves = std::cell::Cell::new(0usize);
    h.to_text(SAVED_STEPS, |d| {
        leaves.set(leaves.get() + d.len());
        (leaves.get() <= SAVED_LEAVES).then(|| encoded(d)).flatten()
    })
}

pub(super) fn load(default: Design) -> Saved {
    let mut problems = Vec::new();
    let design = match read_design(KEY_DESIGN) {
        None => default,
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            problems.push(format!("Your saved design could not be read ({e})."));
            default
        }
    };
    let library = load_library(&design, &mut problems);
    let history = read_history(KEY_HISTORY);
    Saved { design, library, history, problems: (!problems.is_empty()).then(|| problems.join(" ")) }
}

fn load_library(open: &Design, problems: &mut Vec<String>) -> Library {
    let now = browser::now_ms();
    let Some(text) = browser::storage_get(KEY_LIBRARY) else { return Library::new(FIRST_NAME, open, now) };
    let aside = format!("{KEY_LIBRARY}.unreadable");
    match Library::from_text(&text) {
        Ok((lib, found)) => {
            if !found.is_empty() {
                browser::storage_set(&aside, &text);
                problems.extend(found);
                problems.push(format!("The list as it was is kept under {aside}."));
            }
            lib
        }
        Err(e) => {
            browser::storage_set(&aside, &text);
            problems.push(format!("{e}; it was kept under {aside}, and the designs found were listed again."));
            recover(open, now)
        }
    }
}

/// A new index for the open design and every design found under its own key.
fn recover(open: &Design, now: u64) -> Library {
    let mut lib = Library::new(FIRST_NAME, open, now);
    for key in browser::storage_keys() {
        let id = key.strip_prefix("cidrplan.v2.designs.").and_then(|n| n.parse::<u32>().ok());
        let (Some(id), Some(Ok(d))) = (id, id.and_then(|_| read_design(&key))) else { continue };
        let name = format!("Recovered design {id}");
        if lib.adopt(id, &name, &d, now).is_err() {
            // The id is the open design's now: file it under a new one.
            if let Ok(new) = lib.add(&name, &d, now) {
                browser::storage_set(&slot(new), &saved_text(&d));
                browser::storage_remove(&key);
            }
        }
    }
    lib
}

/// Autosave: the open design on every change, the index with it, the history after a pause.
pub(super) fn persist(st: DesignState) {
    Effect::new(move |first_run: Option<()>| {
        // Every set of the design, even to an equal one (which leaves `saved` as it was): a
        // quiet `show` is followed by exactly one run here.
        st.design.track();
        match st.saved.get() {
            Ok(text) => browser::storage_set(KEY_DESIGN, &text),
            Err(e) => {
                st.storage_problem.set(Some(format!("The design is not saved in this browser: {}.", e.message())))
            }
        }
        if first_run.is_some() && !st.edits.with_value(|e| e.quiet) {
            let now = browser::now_ms();
            st.design.with_untracked(|d| st.library.update(|l| l.touch(d, now)));
        }
        st.edits.update_value(|e| e.quiet = false);
    });
    Effect::new(move |_| {
        let json = st.library.with(Library::to_text);
        browser::storage_set(KEY_LIBRARY, &json);
    });
    let generation = StoredValue::new(0u32);
    Effect::new(move |first_run: Option<()>| {
        st.history_rev.track();
        if first_run.is_none() {
            return;
        }
        generation.update_value(|g| *g = g.wrapping_add(1));
        st.edits.update_value(|e| e.history_unsaved = true);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() == mine {
                    save_history(st);
                }
            },
            HISTORY_PAUSE,
        );
    });
}

fn save_history(st: DesignState) {
    let text = st.history.with_value(history_text);
    browser::storage_set(KEY_HISTORY, &text);
    st.edits.update_value(|e| e.history_unsaved = false);
}

/// What is not saved yet, for a page being left (effects may not run again): the design and
/// the index when a note was just committed (`committed`), the history when it waits.
pub(super) fn save_now(st: DesignState, committed: bool) {
    if committed {
        if let Ok(text) = st.saved.get_untracked() {
            browser::storage_set(KEY_DESIGN, &text);
        }
        browser::storage_set(KEY_LIBRARY, &st.library.with_untracked(Library::to_text));
    }
    if committed || st.edits.with_value(|e| e.history_unsaved) {
        save_history(st);
    }
}

impl DesignState {
    /// Open saved design `id`; the open one is saved under its own keys first.
    pub fn open_saved(&self, id: u32) {
        if id == self.library.with_untracked(|l| l.current().id) {
            return;
        }
        self.end_note();
        match read_design(&slot(id)) {
            Some(Ok(d)) => self.switch_to(id, d, read_history(&slot_history(id))),
            Some(Err(e)) => self.storage_problem.set(Some(format!("That design could not be opened ({e})."))),
            None => self.storage_problem.set(Some("That design is no longer in this browser's storage.".into())),
        }
    }

    /// Make `id` the open design, showing `next` with `history`. The open design goes to its
    /// own keys first; `id`'s keys are cleared last (the open design lives in the main key).
    fn switch_to(&self, id: u32, next: Design, history: History<Design>) {
        let current = self.library.with_untracked(|l| l.current().id);
        browser::storage_set(&slot(current), &self.saved.get_untracked().unwrap_or_default());
        browser::storage_set(&slot_history(current), &self.history.with_value(history_text));
        browser::storage_set(KEY_DESIGN, &saved_text(&next));
        browser::storage_set(KEY_HISTORY, &history_text(&history));
        self.library.update(|l| {
            let _ = l.open(id);
        });
        browser::storage_set(KEY_LIBRARY, &self.library.with_untracked(Library::to_text));
        browser::storage_remove(&slot(id));
        browser::storage_remove(&slot_history(id));
        self.show(next, history);
    }

    /// Put `next` on screen as the open design, without an undo step or a "last change".
    fn show(&self, next: Design, history: History<Design>) {
        self.history.set_value(history);
        self.edits.update_value(|e| {
            e.group = None;
            e.quiet = true;
        });
        self.design.set(next);
        self.design_error.set(None);
        self.history_rev.update(|r| *r += 1);
    }

    /// Add `d` as a new design named `name` (made unique) and open it.
    fn open_new(&self, name: &str, d: Design) -> bool {
        self.end_note();
        let now = browser::now_ms();
        match self.library.try_update(|l| l.add(name, &d, now)) {
            Some(Ok(id)) => {
                self.switch_to(id, d, History::new(MAX_UNDO));
                self.status.set(format!("Opened \"{}\"", self.library.with_untracked(|l| l.current().name.clone())));
                true
            }
            Some(Err(e)) => {
                self.design_error.set(Some(e.to_string()));
                false
            }
            None => false,
        }
    }

    /// "Save as": a copy of the open design under `name`, opened; the original stays as it is.
    pub fn save_as(&self, name: &str) -> bool {
        self.commit_note();
        self.open_new(name, self.design.get_untracked())
    }

    /// A new, empty design (the default /16 in the open design's mode).
    pub fn new_design(&self) {
        let mode = self.design.with_untracked(|d| d.mode());
        let fresh = Design::new(super::default_design().base(), mode);
        let name = self.library.with_untracked(|l| l.unique_name(&format!("Design {}", l.len() + 1)));
        self.open_new(&name, fresh);
    }

    /// A shared (or calculator) design opened beside the open one instead of replacing it.
    pub fn open_as_new(&self, d: Design) {
        let name = format!("{} (shared)", d.base());
        self.open_new(&name, d);
    }

    pub fn rename_design(&self, name: &str) {
        let id = self.library.with_untracked(|l| l.current().id);
        match self.library.try_update(|l| l.rename(id, name)) {
            Some(Err(e)) => self.design_error.set(Some(e.to_string())),
            _ => self.design_error.set(None),
        }
    }

    /// Delete saved design `id` (the caller has asked). Deleting the open one opens the most
    /// recently changed other design.
    pub fn delete_saved(&self, id: u32) {
        self.end_note();
        match self.library.try_update(|l| l.remove(id)) {
            Some(Ok(None)) => {
                browser::storage_remove(&slot(id));
                browser::storage_remove(&slot_history(id));
            }
            Some(Ok(Some(next))) => {
                let d = match read_design(&slot(next)) {
                    Some(Ok(d)) => d,
                    Some(Err(e)) => {
                        self.storage_problem.set(Some(format!("The next design could not be read ({e}).")));
                        super::default_design()
                    }
                    None => super::default_design(),
                };
                let history = read_history(&slot_history(next));
                browser::storage_set(KEY_DESIGN, &saved_text(&d));
                browser::storage_set(KEY_HISTORY, &history_text(&history));
                browser::storage_set(KEY_LIBRARY, &self.library.with_untracked(Library::to_text));
                browser::storage_remove(&slot(next));
                browser::storage_remove(&slot_history(next));
                self.show(d, history);
            }
            Some(Err(e)) => self.design_error.set(Some(e.to_string())),
            None => {}
        }
    }
}

/// Designs an older designer saved as JSON, converted by the exports module's reader: the
/// open design is shown as soon as it is read (over the default design shown meanwhile; when
/// work was done in between, it is kept as one more saved design), each saved design goes to its
/// new key. An old key is removed once its design is saved again; when the module does not
/// load, every old key stays for the next visit and the page says so.
pub(super) fn migrate_old_saves(st: DesignState) {
    let slots: Vec<(String, u32)> = browser::storage_keys()
        .into_iter()
        .filter_map(|key| {
            let id = key.strip_prefix(&format!("{KEY_LIBRARY}."))?.strip_suffix(".json")?.parse().ok()?;
            Some((key, id))
        })
        .collect();
    let open = browser::storage_get(OLD_KEY_DESIGN);
    if open.is_none() && slots.is_empty() {
        return;
    }
    let shown = st.design.get_untracked();
    leptos::task::spawn_local(async move {
        let lib = match library::load("exports").await {
            Ok(lib) => lib,
            Err(e) => {
                let why = format!(
                    "Designs saved by an older cidrplan could not be read now ({e}); they are kept for the next visit."
                );
                st.storage_problem.set(Some(why));
                return;
            }
        };
        let convert = |key: &str, json: &str| match lib.call("import_design", &[json]) {
            Ok(text) => share::design_from_text(&text).map_err(|e| keep_aside(key, json, e.message())),
            Err(e) => Err(keep_aside(key, json, &e)),
        };
        let mut problems = Vec::new();
        for (key, id) in slots {
            let Some(json) = browser::storage_get(&key) else { continue };
            match convert(&key, &json) {
                Ok(d) => browser::storage_set(&slot(id), &saved_text(&d)),
                Err(e) => problems.push(format!("A saved design could not be read ({e}).")),
            }
            browser::storage_remove(&key);
        }
        if let Some(json) = open {
            match convert(OLD_KEY_DESIGN, &json) {
                Ok(d) if st.design.with_untracked(|now| *now == shown) => {
                    let history = st.history.with_value(Clone::clone);
                    st.show(d, history);
                    browser::storage_remove(OLD_KEY_DESIGN);
                }
                Ok(d) => {
                    let now = browser::now_ms();
                    match st.library.try_update(|l| l.add("Saved design", &d, now)) {
                        Some(Ok(id)) => {
                            browser::storage_set(&slot(id), &saved_text(&d));
                            browser::storage_remove(OLD_KEY_DESIGN);
                            st.status.set("A design saved by an older cidrplan is in Designs".into());
                        }
                        Some(Err(e)) => {
                            problems.push(format!("A design saved by an older cidrplan is kept for later: {e}."))
                        }
                        None => {}
                    }
                }
                Err(e) => {
                    problems.push(format!("Your saved design could not be read ({e})."));
                    browser::storage_remove(OLD_KEY_DESIGN);
                }
            }
        }
        if !problems.is_empty() {
            st.storage_problem.set(Some(problems.join(" ")));
        }
    });
}
