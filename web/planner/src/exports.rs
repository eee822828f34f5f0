//! The export panel: the plan as code and data, to read, copy or download; and JSON import.
//!
//! The writers and the plan-file reader are their own module (`web/exports`), loaded once the
//! planner is on screen: they are a third of the planner's core code and its first result
//! needs none of them. Until it arrives the preview says it is loading; Copy and Download wait.

use super::View;
use crate::state::{read_link, PlanState};
use cidrplan::export::{self, Format};
use cidrplan::share;
use cidrplan_shell::browser;
use cidrplan_shell::library::{self, Library};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The module holding the export writers (`web/exports`).
const EXPORTS: &str = "exports";

/// What the preview shows.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Preview {
    /// The plan has never fitted: nothing to export.
    Nothing,
    /// The export writers are still loading.
    Loading,
    Text(String),
    /// The writers did not load, or refused the plan: the sentence to show.
    Problem(String),
}

/// The plan as code and data: pick a format, read it, copy it or download it.
#[component]
pub(super) fn Exports() -> impl IntoView {
    let v = expect_context::<View>();
    let st = expect_context::<PlanState>();
    // Start with the format a user of this provider most likely wants.
    let initial = v.plan.with_untracked(|p| match export::TfTarget::for_provider(p.provider) {
        Some(t) => Format::Terraform(Some(t)),
        None => Format::Csv,
    });
    let format = RwSignal::new(initial);
    let writers = RwSignal::new_local(None::<Result<Library, String>>);
    leptos::task::spawn_local(async move { writers.set(Some(library::load(EXPORTS).await)) });
    // The plan shown, handed over as its link, which both modules read exactly (the plan caps
    // keep every plan within a link's length): made once per plan, not per format.
    let shown_link = Memo::new(move |_| v.shown.with(|s| s.as_ref().map(|(p, _)| share::plan_link(p, None))));
    let output = Memo::new(move |_| {
        let f = format.get();
        // Plan links in the files' headers point at this page.
        let link_base = browser::url_with_fragment("");
        let plan = match shown_link.get() {
            None => return Preview::Nothing,
            Some(Err(e)) => return Preview::Problem(e.to_string()),
            Some(Ok(link)) => link,
        };
        writers.with(|w| match w {
            None => Preview::Loading,
            Some(Err(e)) => {
                Preview::Problem(format!("The export writers could not load ({e}). Check the connection and reload."))
            }
            Some(Ok(lib)) => match lib.call("render", &[&plan, f.id(), &link_base]) {
                Ok(text) => Preview::Text(text),
                Err(e) => Preview::Problem(e),
            },
        })
    });
    let text = move || match output.get_untracked() {
        Preview::Text(text) => Some(text),
        _ => None,
    };
    // Only the form's own plan leaves the page: while the form does not fit, the preview is
    // the last plan that fitted, labelled, and Copy and Download wait.
    let copy = move |_| {
        if v.stale() {
            return;
        }
        if let Some(text) = text() {
            browser::copy_to_clipboard(&text);
            st.status.set("Copied".into());
        }
    };
    let download = move |_| {
        if v.stale() {
            return;
        }
        if let Some(text) = text() {
            let f = format.get_untracked();
            // Named after the plan shown and the format: `prod-vpc.aws.tf`, `prod-vpc.cfn.yaml`.
            let name = v.shown.with_untracked(|s| s.as_ref().map(|(p, _)| export::file_name(p, f)));
            browser::download(&name.unwrap_or_default(), f.mime(), &text);
        }
    };
    let waiting = move || v.stale() || !matches!(output.get(), Preview::Text(_));
    view! {
        <section class="exports" aria-labelledby="exports-title">
            <h3 id="exports-title">"Export"</h3>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">"Format"</span>
                    <select on:change=move |ev| {
                        if let Ok(f) = event_target_value(&ev).parse::<Format>() {
                            format.set(f);
                        }
                    }>
                        {Format::ALL
                            .into_iter()
                            .map(|f| view! { <option value=f.id() selected=move || format.get() == f>{format_label(f)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button type="button" class="button" disabled=waiting aria-describedby="exports-stale" on:click=copy>"Copy"</button>
                <button type="button" class="button" disabled=waiting aria-describedby="exports-stale" on:click=download>"Download"</button>
                {import_json(st)}
            </div>
            <p id="exports-stale" class="stale-label">
                {move || v.stale().then_some("The form does not fit: Copy and Download wait until it does. The preview is the last plan that fitted.")}
            </p>
            {move || match output.get() {
                Preview::Text(text) => {
                    let label = if v.stale() { "Exported text of the last plan that fitted" } else { "Exported text" };
                    view! { <pre class="code" tabindex="0" aria-label=label><code>{text}</code></pre> }.into_any()
                }
                Preview::Problem(e) => view! { <p class="warning">{e}</p> }.into_any(),
                Preview::Loading => view! { <p class="hint" aria-busy="true">"Loading the export writers…"</p> }.into_any(),
                Preview::Nothing => view! { <p class="hint">"Nothing to export until the plan fits."</p> }.into_any(),
            }}
        </section>
    }
}

/// "Import JSON": a plan file, or a JSON export of this panel, replaces the plan, asking first over
/// work of one's own, like a link. A file that is not a plan says why and changes nothing.
fn import_json(st: PlanState) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let name = file.name();
        let read = wasm_bindgen_futures::JsFuture::from(file.text());
        // Let the same file be chosen again.
        input.set_value("");
        leptos::task::spawn_local(async move {
            let Some(text) = read.await.ok().and_then(|v| v.as_string()) else {
                return problem.set(Some(format!("{name} could not be read")));
            };
            // The file reader is in the export writers' module (loaded by now, or loading).
            let imported = match library::load(EXPORTS).await {
                Ok(lib) => lib.call("import_plan", &[&text]).map_err(|e| format!("{name} is not a plan: {e}")),
                Err(e) => Err(format!("{name} could not be read: the plan reader did not load ({e})")),
            };
            // The module hands the plan back as its link.
            match imported.and_then(|link| read_link(&link).ok_or_else(|| format!("{name} is not a plan"))) {
                Ok((p, _)) => {
                    problem.set(None);
                    st.offer_plan(p, None, true);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    view! {
        <label class="button file-button">
            "Import JSON"
            <input type="file" accept=".json,application/json" class="visually-hidden" on:change=on_file />
        </label>
        <p class="field-error import-error" role="alert">{move || problem.get()}</p>
    }
}

fn format_label(f: Format) -> &'static str {
    match f {
        Format::Terraform(Some(export::TfTarget::Aws)) => "Terraform (AWS)",
        Format::Terraform(Some(export::TfTarget::Azure)) => "Terraform (Azure)",
        Format::Terraform(Some(export::TfTarget::Gcp)) => "Terraform (GCP)",
        Format::Terraform(None) => "Terraform",
        Format::CloudFormation => "CloudFormation (AWS)",
        Format::Json => "JSON",
        Format::Csv => "CSV",
        Format::Markdown => "Markdown",
        Format::Table => "Text table",
    }
}

/// A file name from the plan's name: letters, digits, `-` and `_` only (see
/// [`export::file_stem`]).
pub(super) fn file_stem(name: &str) -> String {
    export::file_stem(name)
}
