//! A plan from a link or an imported file would replace local work: ask.

use crate::state::{PendingPlan, PlanState};
use cidrplan_shell::ask;
use leptos::prelude::*;

#[component]
pub fn SharePrompt() -> impl IntoView {
    let st = expect_context::<PlanState>();
    move || {
        st.pending_share.get().map(|PendingPlan { form, from_file, .. }| {
            let text = format!(
                "{} the VPC plan \"{}\" ({}). Opening it replaces your current work on that tab (you can undo).",
                if from_file { "This file holds" } else { "This link holds" },
                form.name,
                form.provider.label()
            );
            let first = if from_file { "Open the file's plan" } else { "Open shared plan" }.to_string();
            let on = Callback::new(move |choice: u8| {
                let taken = st.pending_share.get_untracked();
                st.pending_share.set(None);
                if let (0, Some(PendingPlan { form, fitted, .. })) = (choice, taken) {
                    st.open_plan(form, fitted);
                }
            });
            ask("banner", "share-prompt-title", text, first, None, "Keep mine", on)
        })
    }
}
