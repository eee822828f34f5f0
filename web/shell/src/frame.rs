//! The page around a tool: header with the tabs, the theme and Share; the banners every tool
//! shows (a link that could not be opened, saved work that could not be read); the tool, or
//! while another tool's module loads, a loading state; the footer, status region and toast.

use crate::browser;
use crate::host::{self, Handoff, Tool};
use crate::shell::{Shell, ToolId};
use leptos::prelude::*;

/// The whole page of `tool`.
#[component]
pub(crate) fn Frame<T: Tool>(tool: T) -> impl IntoView {
    let shell = expect_context::<Shell>();
    undo_keys(tool);
    // A link opened while the page is already open (pasted into the address bar).
    let hash_handle = window_event_listener(leptos::ev::hashchange, move |_| {
        host::open_fragment(shell, tool, &browser::fragment());
    });
    on_cleanup(move || hash_handle.remove());
    let share = Callback::new(move |()| share(shell, tool));
    view! {
        <Header share=share />
        <main id="main">
            <LinkProblem />
            {move || match shell.loading.get() {
                Some(other) => view! {
                    <section class="panel tool-loading" aria-busy="true">
                        <p>"Loading " {other.label()} "…"</p>
                    </section>
                }
                .into_any(),
                None => tool.view(),
            }}
        </main>
        <footer class="footer">
            "cidrplan runs entirely in your browser: nothing you type leaves this page. Designs are saved in this browser and in the link."
        </footer>
        <div class="visually-hidden" role="status" aria-live="polite">{move || shell.status.get()}</div>
        <Toast />
    }
}

/// Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z undo and redo the tool's edits, except while typing in a
/// field (where the browser's own text undo is what people expect).
fn undo_keys<T: Tool>(tool: T) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let ctrl = ev.ctrl_key() || ev.meta_key();
        if !ctrl || ev.key().to_lowercase() != "z" {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if !typing && tool.undo(!ev.shift_key()) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Copy the link of what is on screen and say so, or say why there is none.
fn share<T: Tool>(shell: Shell, tool: T) {
    tool.flush();
    match untrack(|| tool.link()) {
        Ok(fragment) => {
            // Built from the state on screen, not read back from the address bar.
            browser::copy_to_clipboard(&browser::url_with_fragment(&fragment));
            shell.status.set("Link copied".into());
        }
        Err(e) => shell.status.set(sentence(&e.to_string())),
    }
}

#[component]
fn Header(share: Callback<()>) -> impl IntoView {
    let shell = expect_context::<Shell>();
    // The tab chosen: this module's, or the one whose module is loading.
    let selected = move || shell.loading.get().unwrap_or(shell.tool);
    let tab_button = move |tab: ToolId| {
        view! {
            <button
                type="button"
                role="tab"
                id=format!("tab-{}", tab.id())
                class="tab"
                aria-selected=move || (selected() == tab).to_string()
                on:click=move |_| host::switch_to(shell, tab, Handoff::Tab)
            >
                {tab.label()}
            </button>
        }
    };
    view! {
        <header class="header">
            <div class="brand">
                <svg class="logo" viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
                    <rect x="2" y="2" width="20" height="20" rx="4" fill="currentColor" opacity="0.15" />
                    <rect x="2" y="2" width="10" height="20" rx="2" fill="currentColor" opacity="0.55" />
                    <rect x="12" y="2" width="10" height="10" rx="2" fill="currentColor" opacity="0.85" />
                    <rect x="12" y="12" width="5" height="10" rx="1.5" fill="currentColor" />
                </svg>
                <h1>"cidrplan"</h1>
            </div>
            <nav class="tabs" role="tablist" aria-label="Tools">
                {ToolId::ALL.map(tab_button)}
            </nav>
            <div class="header-actions">
                <button type="button" class="button primary" on:click=move |_| share.run(()) title="Copy a link to what you see">
                    "Share"
                </button>
                <button
                    type="button"
                    class="icon-button theme-toggle"
                    aria-label=move || if shell.dark.get() { "Switch to light theme" } else { "Switch to dark theme" }
                    aria-pressed=move || shell.dark.get().to_string()
                    on:click=move |_| shell.set_theme(!shell.dark.get_untracked())
                >
                    {move || if shell.dark.get() { "☀" } else { "☾" }}
                </button>
            </div>
        </header>
    }
}

/// `text` as a sentence: with a full stop unless it already ends with punctuation.
pub fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// A banner saying what went wrong, with a Dismiss button that clears `signal`.
fn problem_banner(
    title: &'static str,
    text: String,
    tail: &'static str,
    signal: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="banner banner-error" role="alert">
            <p>
                <strong>{title}</strong>
                {sentence(&text)}
                {tail}
            </p>
            <button type="button" class="button" on:click=move |_| signal.set(None)>"Dismiss"</button>
        </div>
    }
}

/// A link that could not be opened (say why; the user's own work is untouched), and saved
/// work that could not be read (say where it was kept).
#[component]
fn LinkProblem() -> impl IntoView {
    let shell = expect_context::<Shell>();
    move || {
        (
            shell.link_error.get().map(|e| {
                problem_banner("This link could not be opened. ", e, " Your own work is unchanged.", shell.link_error)
            }),
            shell.storage_problem.get().map(|e| problem_banner("Saved work: ", e, "", shell.storage_problem)),
        )
    }
}

/// A question in a banner: `text`, a suggested answer, maybe a second one, and a way out;
/// `on` gets 0, 1 or 2 for the button pressed. One view for every question the app asks (a
/// shared link, "Split this in the designer", a base change), so each costs no view code.
pub fn ask(
    class: &'static str,
    id: &'static str,
    text: String,
    first: String,
    second: Option<String>,
    last: &'static str,
    on: Callback<u8>,
) -> impl IntoView {
    view! {
        <div class=class role="alertdialog" aria-labelledby=id>
            <p id=id>{text}</p>
            <div class="banner-actions">
                <button type="button" class="button primary" on:click=move |_| on.run(0)>{first}</button>
                {second.map(|label| view! { <button type="button" class="button" on:click=move |_| on.run(1)>{label}</button> })}
                <button type="button" class="button" on:click=move |_| on.run(2)>{last}</button>
            </div>
        </div>
    }
}

/// The visible confirmation for short statuses ("Link copied").
#[component]
fn Toast() -> impl IntoView {
    let st = expect_context::<Shell>();
    let visible = RwSignal::new(false);
    // Each message gets its own full display time: a timer only hides the message it was
    // started for, not a newer one.
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let s = st.status.get();
        if !s.is_empty() {
            visible.set(true);
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            set_timeout(
                move || {
                    if generation.get_value() == mine {
                        visible.set(false);
                        st.status.set(String::new());
                    }
                },
                std::time::Duration::from_millis(2400),
            );
        }
    });
    view! {
        <div class="toast" class:show=move || visible.get() aria-hidden="true">
            {move || st.status.get()}
        </div>
    }
}
