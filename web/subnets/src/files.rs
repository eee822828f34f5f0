//! The design as files: JSON export and import, CSV export. The JSON writer and reader are
//! the exports module's (loaded on the first click), so the designer links no JSON code.

use crate::state::DesignState;
use cidrplan::design::{to_csv, to_markdown, to_tsv, Design};
use cidrplan::share;
use cidrplan_shell::{browser, library};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub(super) fn ImportExport() -> impl IntoView {
    let st = expect_context::<DesignState>();
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let base_name = move || st.design.with_untracked(|d| d.base().to_string().replace(['/', ':'], "_"));
    let export_json = move |_| {
        let name = format!("cidrplan-{}.json", base_name());
        let text = st.saved_text();
        leptos::task::spawn_local(async move {
            let json = match text {
                Ok(text) => library::load("exports").await.and_then(|lib| lib.call("design_json", &[&text])),
                Err(e) => Err(e.message().to_string()),
            };
            match json {
                Ok(json) => browser::download(&name, "application/json", &json),
                Err(e) => st.design_error.set(Some(format!("Could not export the design: {e}"))),
            }
        });
    };
    let export_csv = move |_| {
        browser::download(&format!("cidrplan-{}.csv", base_name()), "text/csv", &st.design.with_untracked(to_csv))
    };
    // Visible feedback beside the buttons (the status line is for screen readers only).
    let copied = RwSignal::new("");
    let copy = move |text: fn(&Design) -> String, what: &'static str| {
        browser::copy_to_clipboard(&st.design.with_untracked(text));
        copied.set(what);
        st.status.set(what.into());
    };
    let on_file = move |_| {
        let Some(input) = file_input.get_untracked() else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let promise = file.text();
        let fut = wasm_bindgen_futures::JsFuture::from(promise);
        leptos::task::spawn_local(async move {
            match fut.await {
                Ok(v) => {
                    let text = v.as_string().unwrap_or_default();
                    let read = library::load("exports").await.and_then(|lib| lib.call("import_design", &[&text]));
                    match read.and_then(|saved| share::design_from_text(&saved).map_err(|e| e.message().to_string())) {
                        Ok(d) => {
                            st.replace_design(d);
                            st.status.set("Design imported".into());
                        }
                        Err(e) => st.design_error.set(Some(format!("Could not import that file: {e}"))),
                    }
                }
                Err(_) => st.design_error.set(Some("Could not read that file".into())),
            }
        });
        // Let the same file be chosen again.
        if let Some(el) = input.dyn_ref::<web_sys::HtmlInputElement>() {
            el.set_value("");
        }
    };
    view! {
        <div class="toolbar-group" role="group" aria-label="Import and export">
            <button type="button" class="button" on:click=export_json>"Export JSON"</button>
            <button type="button" class="button" on:click=export_csv>"Export CSV"</button>
            <button type="button" class="button" on:click=move |_| copy(to_markdown, "Copied the table as Markdown")>"Copy Markdown"</button>
            <button type="button" class="button" on:click=move |_| copy(to_tsv, "Copied the table as TSV")>"Copy TSV"</button>
            <span class="copy-note" role="status">{move || copied.get()}</span>
            <label class="button file-button">
                "Import JSON"
                <input type="file" accept=".json,application/json" class="visually-hidden" node_ref=file_input on:change=on_file />
            </label>
        </div>
    }
}
