//! The Subnets tool, its own wasm module: the visual subnet designer. The table is windowed — only the rows in view
//! (plus a few) exist in the DOM, between two spacer rows that keep the scrollbar honest — so
//! 10,000+ leaves stay responsive. Rows are keyed by their content, so an edit re-creates only
//! the rows it changed.
//!
//! One file per part: `base` (toolbar) with `files`, `bulk`, `summary`, and `row` (a leaf's
//! row of the table); `prompt` asks before a shared design replaces local work; `state` holds
//! the design, its saved copies and undo history. The page around it is the shell's.

mod base;
mod bulk;
mod files;
mod label;
mod library;
mod prompt;
mod row;
mod state;
mod summary;
mod tools;

use base::BaseControls;
use bulk::BulkControls;
use cidrplan::share::{self, Opened, ShareError, ShareState};
use cidrplan::table::{rows_in_window_at, window_for_scroll};
use cidrplan_shell::{Handoff, Shell, Tool, ToolId};
use leptos::prelude::*;
use row::{row_key, Jumped, LeafRow};
use state::{DesignState, Origin};
use summary::Summary;
use tools::{RowTools, ToolsPopover};

/// Must equal `--row-h` in style/main.css (rows have a fixed height so the window is exact).
const ROW_H: f64 = 34.0;

/// The optional columns, as (css id, header).
const COLUMNS: [(&str, &str); 7] = [
    ("note", "Note"),
    ("color", "Colour"),
    ("hosts", "Usable hosts"),
    ("netmask", "Netmask"),
    ("range", "Range"),
    ("usable-range", "Usable range"),
    ("tf", "cidrsubnet()"),
];

#[component]
pub fn Designer() -> impl IntoView {
    let st = expect_context::<DesignState>();
    let design = st.design;
    let scroll_top = RwSignal::new(0.0f64);
    let view_h = RwSignal::new(600.0f64);
    let hidden = RwSignal::new(Vec::<&'static str>::new());
    let scroller: NodeRef<leptos::html::Div> = NodeRef::new();
    provide_context(RowTools(RwSignal::new(None)));
    let jumped = RwSignal::new(None);
    provide_context(Jumped(jumped));
    let go_text = RwSignal::new(String::new());
    let go_error = RwSignal::new(None::<String>);

    let window = Memo::new(move |_| design.with(|d| window_for_scroll(scroll_top.get(), view_h.get(), ROW_H, d.len())));
    // The split/join columns change with the design, not with scrolling.
    let levels = Memo::new(move |_| design.with(|d| d.bar_levels()));
    let rows = Memo::new(move |_| design.with(|d| levels.with(|l| rows_in_window_at(d, l, window.get()))));
    let depth_cols = Memo::new(move |_| levels.with(|l| l.len()));

    // Measure the scroller when it appears and when the window resizes, not only on scroll,
    // so a tall screen is filled from the start.
    // The scroller grows with its content up to a maximum, so its height when measured can
    // be smaller than it will be after the next split: draw for the window's height, which
    // the scroller never exceeds (a few extra rows cost little).
    let measure = move || {
        let window_h = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|v| v.as_f64()).unwrap_or(800.0);
        let el_h = scroller.get_untracked().map(|el| el.client_height() as f64).unwrap_or(0.0);
        view_h.set(el_h.max(window_h));
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
        }
    };
    // Scroll the leaf holding the typed address (or block) into the middle of the view, mark
    // it and focus its note, so the keyboard carries on from there.
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match design.with_untracked(|d| d.row_for(&go_text.get_untracked()).map(|i| (i, d.leaves()[i].net))) {
            Ok((row, net)) => {
                go_error.set(None);
                jumped.set(Some(net));
                let top = (row as f64 * ROW_H - view_h.get_untracked() / 3.0).max(0.0);
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(top as i32);
                    scroll_top.set(el.scroll_top() as f64);
                }
                cidrplan_shell::browser::focus_later(format!("input[aria-label=\"Note for {net}\"]"), true);
            }
            Err(e) => go_error.set(Some(e.0)),
        }
    };
    let table_class = move || {
        let mut c = String::from("designer-table");
        for h in hidden.get() {
            c.push_str(" hide-");
            c.push_str(h);
        }
        c
    };

    view! {
        <section class="panel designer" aria-labelledby="designer-title">
            <h2 id="designer-title" class="visually-hidden">"Subnet designer"</h2>
            <BaseControls />
            <BulkControls />
            <Summary />
            {move || st.design_error.get().map(|e| view! { <p class="error" role="alert"><span class="error-icon" aria-hidden="true">"!"</span>{e}</p> })}
            <form class="toolbar go-to" on:submit=go>
                <label class="field small">
                    <span class="field-label">"Go to"</span>
                    <input
                        type="text"
                        class="mono"
                        placeholder="10.0.7.9 or 10.0.0.0/20"
                        aria-describedby="go-to-error"
                        prop:value=move || go_text.get()
                        on:input=move |ev| go_text.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="button">"Go"</button>
                <span id="go-to-error" class="go-to-error" role="status">{move || go_error.get()}</span>
            </form>
            <ToolsPopover />
            <details class="columns-menu">
                <summary>"Columns"</summary>
                <div class="columns-list">
                    {COLUMNS
                        .iter()
                        .map(|&(id, label)| {
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || !hidden.with(|h| h.contains(&id))
                                        on:change=move |_| hidden.update(|h| {
                                            if let Some(i) = h.iter().position(|x| *x == id) {
                                                h.remove(i);
                                            } else {
                                                h.push(id);
                                            }
                                        })
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </details>
            <div class="table-scroll" node_ref=scroller on:scroll=on_scroll tabindex="-1">
                <table class=table_class>
                    <thead>
                        <tr>
                            <th scope="col" class="col-subnet">"Subnet"</th>
                            <th scope="col" class="col-bars" colspan=move || depth_cols.get().to_string()>"Split / join"</th>
                            <th scope="col" class="col-note">"Note"</th>
                            <th scope="col" class="col-color">"Colour"</th>
                            <th scope="col" class="col-hosts num">"Usable hosts"</th>
                            <th scope="col" class="col-netmask">"Netmask"</th>
                            <th scope="col" class="col-range">"Range"</th>
                            <th scope="col" class="col-usable-range">"Usable range"</th>
                            <th scope="col" class="col-tf">"cidrsubnet()"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", (window.get().start as f64 * ROW_H) as u64)></tr>
                        <For each=move || rows.get() key=row_key let:row>
                            <LeafRow row=row />
                        </For>
                        <tr
                            class="spacer"
                            aria-hidden="true"
                            style:height=move || format!("{}px", (design.with(|d| d.len().saturating_sub(window.get().end)) as f64 * ROW_H) as u64)
                        ></tr>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

impl Tool for DesignState {
    const ID: ToolId = ToolId::Subnets;

    fn load(shell: Shell) -> Self {
        DesignState::load(shell)
    }

    fn decode(fragment: &str) -> Result<Opened, ShareError> {
        share::decode_design(fragment)
    }

    fn open(self, state: ShareState) {
        if let ShareState::Design(d) = state {
            self.offer_design(d, Origin::Link);
        }
    }

    fn receive(self, handoff: Handoff) {
        if let Handoff::Split(net, mode) = handoff {
            self.open_in_designer(net, mode);
        }
    }

    fn link(self) -> Result<String, ShareError> {
        DesignState::link(&self)
    }

    fn holds_link(self) -> bool {
        self.pending_share.with(|p| p.is_some())
    }

    fn flush(self) -> bool {
        DesignState::flush(&self)
    }

    fn undo(self, back: bool) -> bool {
        if back {
            DesignState::undo(&self);
        } else {
            DesignState::redo(&self);
        }
        true
    }

    fn view(self) -> AnyView {
        view! {
            <prompt::SharePrompt />
            <Designer />
        }
        .into_any()
    }
}

// Started by `static/boot.js` (see `cidrplan_shell::host`).
cidrplan_shell::tool_module!(DesignState);
