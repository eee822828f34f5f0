//! The editor of a group label: opened from a join bar's label button (click, Enter or Space),
//! a small field beside the bar. Typing commits as it goes, like a row's note; Enter or leaving
//! the field closes it, Escape puts the label back as it was.

use crate::state::{DesignState, LabelEdit};
use cidrplan::Cidr;
use leptos::prelude::*;

/// Selector of the label button of `node` (to give the focus back to it).
pub(super) fn label_button(node: Cidr) -> String {
    format!(".label-button[aria-label=\"Label {node}\"]")
}

/// Open the editor for `node` beside the element the event came from.
pub(super) fn open_label_editor(st: DesignState, node: Cidr, ev: &leptos::ev::MouseEvent) {
    let ((_, top, right, _), width) = cidrplan_shell::browser::event_target_box(ev);
    // Beside the bar, but never past the right edge (a phone is 360 px wide).
    let left = (right + 4.0).min(width - 272.0).max(4.0);
    // Whole pixels: formatting a float would add the float printer to the bundle.
    st.label_edit.set(Some(LabelEdit { node, left: left as i32, top: top as i32 }));
}

#[component]
pub(super) fn LabelEditor() -> impl IntoView {
    let st = expect_context::<DesignState>();
    move || {
        st.label_edit.get().map(|LabelEdit { node, left, top }| {
            let before = st.design.with_untracked(|d| d.note_of(node).to_string());
            let input: NodeRef<leptos::html::Input> = NodeRef::new();
            Effect::new(move |_| {
                if let Some(el) = input.get() {
                    let _ = el.focus();
                    el.select();
                }
            });
            let close = move || {
                st.end_note();
                st.label_edit.set(None);
                cidrplan_shell::browser::focus_later(label_button(node), false);
            };
            let before_esc = before.clone();
            let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                "Enter" => {
                    ev.prevent_default();
                    close();
                }
                "Escape" => {
                    ev.prevent_default();
                    // Back to the label as it was (one undo step with the typing, if any).
                    st.type_note(node, before_esc.clone());
                    close();
                }
                _ => {}
            };
            view! {
                <div class="label-editor" style:left=format!("{left}px") style:top=format!("{top}px")>
                    <input
                        node_ref=input
                        type="text"
                        maxlength="200"
                        aria-label=format!("Label for {node}")
                        placeholder="Group label, e.g. us-east"
                        prop:value=before
                        on:input=move |ev| st.type_note(node, event_target_value(&ev))
                        on:keydown=on_key
                        on:blur=move |_| {
                            if st.label_edit.get_untracked().is_some_and(|e| e.node == node) {
                                close();
                            }
                        }
                    />
                </div>
            }
        })
    }
}
