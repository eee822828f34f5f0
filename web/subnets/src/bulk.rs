//! Bulk edits of the whole design: every leaf to /N, N equal parts, join all.

use crate::state::DesignState;
use cidrplan::design::Design;
use leptos::prelude::*;

#[component]
pub(super) fn BulkControls() -> impl IntoView {
    let st = expect_context::<DesignState>();
    let design = st.design;
    let to_prefix = RwSignal::new(String::new());
    let parts = RwSignal::new(String::from("4"));
    let note = RwSignal::new(String::new());
    let split_all = move |_| {
        let Ok(p) = cidrplan::parse_prefix(&to_prefix.get_untracked(), design.with_untracked(|d| d.base().family()))
        else {
            st.design_error.set(Some("Enter a prefix length such as 24 to split every leaf to /24".into()));
            return;
        };
        if let Some(n) = st.edit_design(|d| d.split_all_to(p)) {
            note.set(format!("{n} leaves"));
        }
    };
    let split_n = move |_| {
        let Ok(n) = parts.get_untracked().trim().parse::<u64>() else {
            st.design_error.set(Some("Enter how many equal parts, e.g. 4".into()));
            return;
        };
        if let Some(actual) = st.edit_design(|d| d.split_into(n)) {
            note.set(if actual as u64 != n {
                format!("Rounded {n} up to {actual}: a block splits only into a power of two")
            } else {
                format!("Split into {actual}")
            });
        }
    };
    // Suggest the next prefix down as the bulk target.
    Effect::new(move |_| {
        let p = design.with(|d: &Design| d.base().prefix());
        let w = design.with(|d| d.base().width());
        if to_prefix.get_untracked().is_empty() {
            to_prefix.set(((p + 4).min(w)).to_string());
        }
    });
    view! {
        <div class="toolbar bulk">
            <label class="field small">
                <span class="field-label">"Every leaf to /"</span>
                <input type="text" inputmode="numeric" class="mono narrow" prop:value=move || to_prefix.get() on:input=move |ev| to_prefix.set(event_target_value(&ev)) />
            </label>
            <button type="button" class="button" on:click=split_all>"Split all"</button>
            <label class="field small">
                <span class="field-label">"Equal parts"</span>
                <input type="text" inputmode="numeric" class="mono narrow" prop:value=move || parts.get() on:input=move |ev| parts.set(event_target_value(&ev)) />
            </label>
            <button type="button" class="button" on:click=split_n>"Split into parts"</button>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    st.edit_design(|d| {
                        d.join_all();
                        Ok(())
                    });
                }
            >
                "Join all"
            </button>
            <span class="bulk-note" role="status">{move || note.get()}</span>
        </div>
    }
}
