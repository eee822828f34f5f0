//! cidrplan web app (Leptos, client-side rendered). A thin shell: every number, check and
//! encoding comes from the `cidrplan` core crate; this crate maps state to views and events to
//! core calls.

mod browser;
pub use browser::register_service_worker;
mod calculator;
mod designer;
mod planner;
mod state;

use leptos::prelude::*;
use state::{AppState, Origin, PendingShare, Tab};

/// The root component, mounted to `<body>` by `main`.
#[component]
pub fn App() -> impl IntoView {
    let st = AppState::load();
    provide_context(st);
    st.persist();

    // Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z undo and redo designer edits, except while typing in a
    // field (where the browser's own text undo is what people expect).
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let ctrl = ev.ctrl_key() || ev.meta_key();
        if !ctrl || st.tab.get_untracked() == Tab::Calculator || ev.key().to_lowercase() != "z" {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if typing {
            return;
        }
        ev.prevent_default();
        if ev.shift_key() {
            st.redo();
        } else {
            st.undo();
        }
    });
    on_cleanup(move || handle.remove());

    // A note being typed is committed after a pause; a page reloaded, closed or sent to the
    // background first saves it (and everything else) at once. One closure for both events.
    {
        use wasm_bindgen::JsCast;
        let leave = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || st.flush());
        let f = leave.as_ref().unchecked_ref();
        let _ = window().add_event_listener_with_callback("pagehide", f);
        let _ = document().add_event_listener_with_callback("visibilitychange", f);
        // Listens for the page's whole life.
        leave.forget();
    }

    // A link opened while the page is already open (pasted into the address bar).
    let hash_handle = window_event_listener(leptos::ev::hashchange, move |_| {
        st.open_fragment(&browser::fragment());
    });
    on_cleanup(move || hash_handle.remove());

    view! {
        <Header />
        <main id="main">
            <LinkProblem />
            <SharePrompt />
            {move || match st.tab.get() {
                Tab::Calculator => view! { <calculator::Calculator /> }.into_any(),
                Tab::Subnets => view! { <designer::Designer /> }.into_any(),
                Tab::Planner => view! { <planner::Planner /> }.into_any(),
            }}
        </main>
        <footer class="footer">
            "cidrplan runs entirely in your browser: nothing you type leaves this page. Designs are saved in this browser and in the link."
        </footer>
        <div class="visually-hidden" role="status" aria-live="polite">{move || st.status.get()}</div>
        <Toast />
    }
}

#[component]
fn Header() -> impl IntoView {
    let st = expect_context::<AppState>();
    let tab_button = move |tab: Tab, label: &'static str, id: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                id=id
                class="tab"
                aria-selected=move || (st.tab.get() == tab).to_string()
                on:click=move |_| st.tab.set(tab)
            >
                {label}
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
                {tab_button(Tab::Calculator, "Calculator", "tab-calculator")}
                {tab_button(Tab::Subnets, "Subnets", "tab-subnets")}
                {tab_button(Tab::Planner, "VPC planner", "tab-planner")}
            </nav>
            <div class="header-actions">
                <button type="button" class="button primary" on:click=move |_| st.share() title="Copy a link to what you see">
                    "Share"
                </button>
                <button
                    type="button"
                    class="icon-button theme-toggle"
                    aria-label=move || if st.dark.get() { "Switch to light theme" } else { "Switch to dark theme" }
                    aria-pressed=move || st.dark.get().to_string()
                    on:click=move |_| st.set_theme(!st.dark.get_untracked())
                >
                    {move || if st.dark.get() { "☀" } else { "☾" }}
                </button>
            </div>
        </header>
    }
}

/// `text` as a sentence: with a full stop unless it already ends with punctuation.
fn sentence(text: &str) -> String {
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
    let st = expect_context::<AppState>();
    move || {
        (
            st.link_error.get().map(|e| {
                problem_banner("This link could not be opened. ", e, " Your own work is unchanged.", st.link_error)
            }),
            st.storage_problem.get().map(|e| problem_banner("Saved work: ", e, "", st.storage_problem)),
        )
    }
}

/// A question in a banner: `text`, a suggested answer, maybe a second one, and a way out;
/// `on` gets 0, 1 or 2 for the button pressed. One view for every question the app asks (a
/// shared link, "Split this in the designer", a base change), so each costs no view code.
pub(crate) fn ask(
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

/// A design or plan would replace local work: ask. A design can also open beside the current
/// one, as a new named design.
#[component]
fn SharePrompt() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        st.pending_share.get().map(|pending| {
            let work = st.design.with_untracked(|d| d.work_summary());
            let replaces = format!("That replaces your current design ({work}; you can undo), or open it as a new design beside yours.");
            let (text, first, second) = match &pending {
                PendingShare::Design(d, Origin::Link) => (
                    format!("This link holds a design of {} with {} subnet{}. {replaces}", d.base(), d.len(), if d.len() == 1 { "" } else { "s" }),
                    "Open shared design".to_string(),
                    Some("Open as a new design".to_string()),
                ),
                PendingShare::Design(d, Origin::Calculator) => (
                    format!("Split {} in the designer? {replaces}", d.base()),
                    format!("Open {}", d.base()),
                    Some("Open as a new design".to_string()),
                ),
                PendingShare::Plan { form, from_file, .. } => (
                    format!(
                        "{} the VPC plan \"{}\" ({}). Opening it replaces your current work on that tab (you can undo).",
                        if *from_file { "This file holds" } else { "This link holds" },
                        form.name,
                        form.provider.label()
                    ),
                    if *from_file { "Open the file's plan" } else { "Open shared plan" }.to_string(),
                    None,
                ),
            };
            let on = Callback::new(move |choice: u8| {
                let taken = st.pending_share.get_untracked();
                st.pending_share.set(None);
                match (choice, taken) {
                    (0, Some(PendingShare::Design(d, _))) => st.replace_design(d),
                    (0, Some(PendingShare::Plan { form, fitted, .. })) => st.open_plan(form, fitted),
                    (1, Some(PendingShare::Design(d, _))) => st.open_as_new(d),
                    _ => {}
                }
            });
            ask("banner", "share-prompt-title", text, first, second, "Keep mine", on)
        })
    }
}

/// The visible confirmation for short statuses ("Link copied").
#[component]
fn Toast() -> impl IntoView {
    let st = expect_context::<AppState>();
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
