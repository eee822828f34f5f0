//! A shared design (a link, or "Split this in the designer" from the calculator) would
//! replace local work: ask. It can also open beside the current one, as a new named design.

use crate::state::{DesignState, Origin, PendingShare};
use cidrplan_shell::ask;
use leptos::prelude::*;

#[component]
pub fn SharePrompt() -> impl IntoView {
    let st = expect_context::<DesignState>();
    move || {
        st.pending_share.get().map(|PendingShare(d, origin)| {
            let work = st.design.with_untracked(|d| d.work_summary());
            let replaces = format!(
                "That replaces your current design ({work}; you can undo), or open it as a new design beside yours."
            );
            let (text, first) = match origin {
                Origin::Link => (
                    format!(
                        "This link holds a design of {} with {} subnet{}. {replaces}",
                        d.base(),
                        d.len(),
                        if d.len() == 1 { "" } else { "s" }
                    ),
                    "Open shared design".to_string(),
                ),
                Origin::Calculator => {
                    (format!("Split {} in the designer? {replaces}", d.base()), format!("Open {}", d.base()))
                }
            };
            let on = Callback::new(move |choice: u8| {
                let taken = st.pending_share.get_untracked();
                st.pending_share.set(None);
                match (choice, taken) {
                    (0, Some(PendingShare(d, _))) => st.replace_design(d),
                    (1, Some(PendingShare(d, _))) => st.open_as_new(d),
                    _ => {}
                }
            });
            ask("banner", "share-prompt-title", text, first, Some("Open as a new design".to_string()), "Keep mine", on)
        })
    }
}
