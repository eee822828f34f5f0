//! The report on the input shown, rendered by the core as markup (`calc::results_html`); one
//! click handler serves every copy button: it copies the button's `data-copy`, says so in the
//! live region, and the button itself says "Copied" for [`COPIED_FOR`].

use super::Shown;
use cidrplan::calc::results_html;
use cidrplan::report::Report;
use cidrplan::Mode;
use cidrplan_shell::browser;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long a copy button says "Copied".
const COPIED_FOR: Duration = Duration::from_millis(1500);

#[component]
pub fn Results(shown: Shown, mode: Mode) -> impl IntoView {
    let shell = expect_context::<cidrplan_shell::Shell>();
    let html = results_html(&Report::new(&shown.input, &shown.parsed, mode), &shown.parsed);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-copy]").ok().flatten());
        let Some(button) = button else { return };
        let attr = |name| button.get_attribute(name).unwrap_or_default();
        let (value, label) = (attr("data-copy"), attr("data-label"));
        browser::copy_to_clipboard(&value);
        shell.status.set(format!("Copied {label}: {value}"));
        show_copied(&button);
    };
    view! { <div class="results" inner_html=html on:click=on_click></div> }
}

/// "Copied" on `button` (and on no other button) until [`COPIED_FOR`] has passed since the
/// last click on it.
fn show_copied(button: &web_sys::Element) {
    let set = |b: &web_sys::Element, on: bool| {
        let _ = if on { b.class_list().add_1("copied") } else { b.class_list().remove_1("copied") };
        if let Ok(Some(text)) = b.query_selector(".copied-text") {
            text.set_text_content(Some(if on { "Copied" } else { "" }));
        }
    };
    if let Ok(Some(results)) = button.closest(".results") {
        while let Ok(Some(other)) = results.query_selector(".copy-button.copied") {
            set(&other, false);
        }
    }
    set(button, true);
    // Each click restarts the time: only the timer of the latest click clears the label.
    let click = button.get_attribute("data-clicks").and_then(|c| c.parse::<u32>().ok()).unwrap_or(0).wrapping_add(1);
    let _ = button.set_attribute("data-clicks", &click.to_string());
    let button = button.clone();
    set_timeout(
        move || {
            if button.get_attribute("data-clicks").as_deref() == Some(click.to_string().as_str()) {
                set(&button, false);
            }
        },
        COPIED_FOR,
    );
}
