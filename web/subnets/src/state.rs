//! The designer's state as signals, shared by context: the open design, its undo history, the
//! note being typed, and a shared design waiting for an answer; the wiring to persistence
//! (autosave in localStorage first; the host writes the link).
//!
//! Start-up order matters: local work is loaded before a shared link is looked at (the host
//! opens links after [`DesignState::load`]), so an unexpected link never replaces what the
//! user made without asking. Saved designs, their keys and undo histories: `state/designs.rs`.

mod designs;

use cidrplan::design::library::Library;
use cidrplan::design::{Design, DesignError};
use cidrplan::history::History;
use cidrplan::share;
use cidrplan::{Cidr, Mode};
use cidrplan_shell::{browser, Shell};
use leptos::prelude::*;
use std::time::Duration;
/// Undo depth in memory: each entry is a whole design, so bound what a long session takes.
const MAX_UNDO: usize = 200;
/// A note being typed is committed after this pause (and at once when the field or the page
/// is left), so typing stays fast in a big design and a reload loses nothing.
const NOTE_PAUSE: Duration = Duration::from_millis(300);

/// Where a design waiting for the user's answer comes from (the prompt says so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A shared link.
    Link,
    /// "Split this in the designer" in the calculator.
    Calculator,
}

/// A design that would replace local work: held until the user chooses.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingShare(pub Design, pub Origin);

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
pub struct DesignState {
    pub design: RwSignal<Design>,
    /// `design` as saved in this browser (`share::design_text`; also its link when that is
    /// short enough): encoded once per change for the autosave and the address bar.
    saved: Memo<Result<String, share::ShareError>>,
    /// The named designs of this browser; `design` is the open one.
    pub library: RwSignal<Library>,
    history: StoredValue<History<Design>>,
    /// Bumped on every history change so undo/redo buttons re-evaluate (and it is saved).
    history_rev: RwSignal<u32>,
    edits: StoredValue<Edits>,
    /// The shell's status line ("Undone").
    pub status: RwSignal<String>,
    /// The shell's banner for saved work that could not be read.
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

impl DesignState {
    /// The saved work of this browser (a problem reading it goes to the shell's banner).
    pub fn load(shell: Shell) -> DesignState {
        let saved = designs::load(default_design());
        shell.storage_problem.set(saved.problems);
        let design = RwSignal::new(saved.design);
        let st = DesignState {
            design,
            saved: Memo::new(move |_| design.with(share::design_text)),
            library: RwSignal::new(saved.library),
            history: StoredValue::new(saved.history),
            history_rev: RwSignal::new(0),
            edits: StoredValue::new(Edits::default()),
            status: shell.status,
            storage_problem: shell.storage_problem,
            pending_share: RwSignal::new(None),
            design_error: RwSignal::new(None),
            label_edit: RwSignal::new(None),
        };
        designs::persist(st);
        designs::migrate_old_saves(st);
        st
    }

    /// Show `d` in the designer: at once when the open design holds no work, else after
    /// asking ("Open … / Open as a new design / Keep mine").
    pub fn offer_design(&self, d: Design, origin: Origin) {
        self.commit_note();
        let local = self.design.get_untracked();
        if local == d {
            return;
        }
        if local.is_untouched() {
            self.replace_design(d);
        } else {
            self.pending_share.set(Some(PendingShare(d, origin)));
            // Into view and under the keyboard: the page may be scrolled far down.
            browser::focus_later("[aria-labelledby=share-prompt-title] button".into(), true);
        }
    }

    /// Save what is not saved yet, now: the page is being left or hidden, and neither a
    /// pending commit nor an effect may run again. Nothing is written when all is saved (so a
    /// page whose storage was cleared does not write it back).
    /// Whether a note was still being typed (the host then notes that the address bar is one
    /// step behind the saved work).
    pub fn flush(&self) -> bool {
        let typing = self.edits.with_value(|e| e.draft.as_ref().is_some_and(|d| !d.committed));
        self.commit_note();
        designs::save_now(*self, typing);
        typing
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
    pub fn open_in_designer(&self, net: Cidr, mode: Mode) {
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

    pub fn can_undo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(|h| h.can_undo())
    }

    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(|h| h.can_redo())
    }

    /// Undo the last edit.
    pub fn undo(&self) {
        self.step(true);
    }

    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        self.end_note();
        self.edits.update_value(|e| e.group = None);
        let done = step_signal(self.design, self.history, back);
        if done {
            self.history_rev.update(|r| *r += 1);
            self.status.set(if back { "Undone" } else { "Redone" }.into());
        }
    }

    /// The open design as saved in this browser (untracked): the encoding the autosave made.
    pub fn saved_text(&self) -> Result<String, share::ShareError> {
        self.saved.get_untracked()
    }

    /// The design's link (tracked), or why it can't be one.
    pub fn link(&self) -> Result<String, share::ShareError> {
        self.saved.get().and_then(share::design_text_as_link)
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

impl cidrplan_shell::Undoable for DesignState {
    fn can_undo(&self) -> bool {
        DesignState::can_undo(self)
    }
    fn can_redo(&self) -> bool {
        DesignState::can_redo(self)
    }
    fn undo(&self) {
        DesignState::undo(self)
    }
    fn redo(&self) {
        DesignState::redo(self)
    }
}
