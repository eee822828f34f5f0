//! The Undo and Redo buttons every tool with a history shows (the designer's toolbar, the
//! planner's form): one markup, one set of labels and shortcuts, whatever the tool.

use leptos::prelude::*;

/// A tool state with an undo history. `can_undo` and `can_redo` are read in a reactive
/// context, so they must track what changes them.
pub trait Undoable: Copy + Send + Sync + 'static {
    fn can_undo(&self) -> bool;
    fn can_redo(&self) -> bool;
    fn undo(&self);
    fn redo(&self);
}

/// "↶ Undo" and "↷ Redo" in a group named History with class `class`; each disabled while
/// there is nothing to undo or redo. The tool binds Ctrl+Z and Ctrl+Shift+Z itself (the
/// buttons announce them).
pub fn undo_redo(st: impl Undoable, class: &'static str) -> impl IntoView {
    view! {
        <div class=class role="group" aria-label="History">
            <button type="button" class="button" disabled=move || !st.can_undo() on:click=move |_| st.undo() aria-keyshortcuts="Control+Z">
                "↶ Undo"
            </button>
            <button type="button" class="button" disabled=move || !st.can_redo() on:click=move |_| st.redo() aria-keyshortcuts="Control+Shift+Z">
                "↷ Redo"
            </button>
        </div>
    }
}
