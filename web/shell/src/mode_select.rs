//! The mode selector (Standard, AWS, Azure, GCP, OCI) of the calculator and the designer.

use cidrplan::Mode;
use leptos::prelude::*;

/// The mode selector shared by the calculator and the designer.
#[component]
pub fn ModeSelect(mode: RwSignal<Mode>) -> impl IntoView {
    view! {
        <select
            class="mode-select"
            on:change=move |ev| {
                if let Ok(m) = event_target_value(&ev).parse::<Mode>() {
                    mode.set(m);
                }
            }
            prop:value=move || mode.get().id().to_string()
        >
            {Mode::ALL
                .into_iter()
                .map(|m| view! { <option value=m.id() selected=move || mode.get() == m>{m.label()}</option> })
                .collect_view()}
        </select>
    }
}
