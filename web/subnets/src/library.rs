//! "Designs": the named designs of this browser. The open one is autosaved as it changes;
//! rename it, save a copy under a new name, start a new one, or open or delete another. The
//! list is the core's markup (one innerHTML, one delegated click handler), so a long list
//! costs no typed view code.

use crate::state::DesignState;
use cidrplan_shell::browser;
use leptos::prelude::*;

#[component]
pub(super) fn Designs() -> impl IntoView {
    let st = expect_context::<DesignState>();
    let name = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    // The name field follows the open design.
    Effect::new(move |_| name.set(st.library.with(|l| l.current().name.clone())));
    // Drawn while the menu is open: again when it opens ("5 min ago" moves on) and when the
    // library changes.
    let list = move || {
        if !open.get() {
            return String::new();
        }
        st.library.with(|l| l.list_html(browser::now_ms(), browser::utc_offset_min()))
    };
    let on_list_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(id) = browser::data_at::<u32>(&ev, "data-open") {
            st.open_saved(id);
        } else if let Some(id) = browser::data_at::<u32>(&ev, "data-delete") {
            let Some(entry) = st.library.with_untracked(|l| l.get(id).cloned()) else { return };
            let msg = format!(
                "Delete the design \"{}\" ({} subnets in {})? This cannot be undone.",
                entry.name, entry.subnets, entry.base
            );
            if web_sys::window().and_then(|w| w.confirm_with_message(&msg).ok()).unwrap_or(false) {
                st.delete_saved(id);
            }
        }
    };
    let current_name = move || st.library.with(|l| l.current().name.clone());
    view! {
        <details class="designs-menu" prop:open=move || open.get() on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            let now_open = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|d| d.has_attribute("open"));
            open.set(now_open);
        }>
            <summary class="button" title="Saved designs in this browser">
                "Designs: "<span class="design-name">{current_name}</span>
            </summary>
            <div class="designs-panel">
                <div class="toolbar">
                    <label class="field">
                        <span class="field-label">"Name"</span>
                        <input
                            type="text"
                            maxlength="60"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                            on:keydown=move |ev| {
                                if ev.key() == "Enter" {
                                    st.rename_design(&name.get_untracked());
                                }
                            }
                        />
                    </label>
                    <div class="toolbar-group">
                        <button type="button" class="button" on:click=move |_| st.rename_design(&name.get_untracked())>"Rename"</button>
                        <button type="button" class="button" on:click=move |_| { st.save_as(&name.get_untracked()); }>"Save as new"</button>
                        <button type="button" class="button" on:click=move |_| st.new_design()>"New design"</button>
                    </div>
                </div>
                <div class="designs-list" inner_html=list on:click=on_list_click></div>
            </div>
        </details>
    }
}
