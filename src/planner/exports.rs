//! The export panel: the plan as code and data, to read, copy or download.

use super::View;
use crate::browser;
use crate::state::AppState;
use cidrplan::export::{self, Format};
use leptos::prelude::*;

/// The plan as code and data: pick a format, read it, copy it or download it.
#[component]
pub(super) fn Exports() -> impl IntoView {
    let v = expect_context::<View>();
    let st = expect_context::<AppState>();
    // Start with the format a user of this provider most likely wants.
    let initial = v.plan.with_untracked(|p| match export::TfTarget::for_provider(p.provider) {
        Some(t) => Format::Terraform(Some(t)),
        None => Format::Csv,
    });
    let format = RwSignal::new(initial);
    let output = Memo::new(move |_| {
        let f = format.get();
        // Plan links in the files' headers point at this page.
        let opts = export::ExportOptions { link_base: browser::url_with_fragment("") };
        v.shown.with(|s| s.as_ref().map(|(p, l)| export::render_with(p, l, f, &opts)))
    });
    let copy = move |_| {
        if let Some(Ok(text)) = output.get_untracked() {
            browser::copy_to_clipboard(&text);
            st.status.set("Copied".into());
        }
    };
    let download = move |_| {
        if let Some(Ok(text)) = output.get_untracked() {
            let f = format.get_untracked();
            // Named after the plan shown and the format: `prod-vpc.aws.tf`, `prod-vpc.cfn.yaml`.
            let name = v.shown.with_untracked(|s| s.as_ref().map(|(p, _)| export::file_name(p, f)));
            browser::download(&name.unwrap_or_default(), f.mime(), &text);
        }
    };
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
                <button type="button" class="button" on:click=copy>"Copy"</button>
                <button type="button" class="button" on:click=download>"Download"</button>
            </div>
            {move || match output.get() {
                Some(Ok(text)) => view! { <pre class="code" tabindex="0" aria-label="Exported text"><code>{text}</code></pre> }.into_any(),
                Some(Err(e)) => view! { <p class="warning">{e}</p> }.into_any(),
                None => view! { <p class="hint">"Nothing to export until the plan fits."</p> }.into_any(),
            }}
        </section>
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
