//! The designer's toolbar: base network, mode, undo/redo, import and export.

use super::files::ImportExport;
use crate::calculator::ModeSelect;
use crate::state::AppState;
use cidrplan::{parse, Cidr, Mode};
use leptos::prelude::*;

/// Base network and mode. Same-size changes move the design; a size change asks first when
/// it would drop subnets.
#[component]
pub(super) fn BaseControls() -> impl IntoView {
    let st = expect_context::<AppState>();
    let design = st.design;
    let text = RwSignal::new(design.with_untracked(|d| d.base().to_string()));
    let problem = RwSignal::new(None::<String>);
    // Follow the design when it changes elsewhere (undo, a shared link, "split this").
    Effect::new(move |_| {
        let base = design.with(|d| d.base());
        text.set(base.to_string());
        problem.set(None);
    });
    let mode = RwSignal::new(design.with_untracked(|d| d.mode()));
    Effect::new(move |_| mode.set(design.with(|d| d.mode())));
    Effect::new(move |prev: Option<Mode>| {
        let m = mode.get();
        if prev.is_some() && design.with_untracked(|d| d.mode()) != m {
            st.edit_design(|d| {
                d.set_mode(m);
                Ok(())
            });
        }
        m
    });
    let apply = move |_| {
        let input = text.get_untracked();
        match parse(&input) {
            Err(e) => problem.set(Some(e.to_string())),
            Ok(p) => {
                let new_base: Cidr = p.network();
                let current = design.get_untracked();
                if new_base == current.base() {
                    problem.set(None);
                    return;
                }
                match current.rebase(new_base) {
                    Err(e) => problem.set(Some(e.to_string())),
                    Ok((next, dropped)) => {
                        if !dropped.is_empty() {
                            let msg = match dropped.len() {
                                1 => format!("Changing the base to {new_base} drops the subnet {}, which does not fit. Continue?", dropped[0]),
                                n => format!("Changing the base to {new_base} drops {n} subnets that do not fit (the first is {}). Continue?", dropped[0]),
                            };
                            let ok = web_sys::window().and_then(|w| w.confirm_with_message(&msg).ok()).unwrap_or(false);
                            if !ok {
                                text.set(current.base().to_string());
                                return;
                            }
                        }
                        problem.set(None);
                        st.replace_design(next);
                    }
                }
            }
        }
    };
    view! {
        <div class="toolbar">
            <label class="field">
                <span class="field-label">"Base network"</span>
                <input
                    id="base-input"
                    class="mono"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:change=apply
                    aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                />
            </label>
            <label class="field">
                <span class="field-label">"Mode"</span>
                <ModeSelect mode=mode />
            </label>
            <div class="toolbar-group" role="group" aria-label="History">
                <button type="button" class="button" disabled=move || !st.can_undo() on:click=move |_| st.undo() aria-keyshortcuts="Control+Z">
                    "↶ Undo"
                </button>
                <button type="button" class="button" disabled=move || !st.can_redo() on:click=move |_| st.redo() aria-keyshortcuts="Control+Shift+Z">
                    "↷ Redo"
                </button>
            </div>
            <ImportExport />
        </div>
        {move || problem.get().map(|p| view! { <p class="error" role="alert"><span class="error-icon" aria-hidden="true">"!"</span>{p}</p> })}
    }
}
