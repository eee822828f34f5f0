//! The Subnets tab: the visual subnet designer. The table is windowed — only the rows in view
//! (plus a few) exist in the DOM, between two spacer rows that keep the scrollbar honest — so
//! 10,000+ leaves stay responsive. Rows are keyed by their content, so an edit re-creates only
//! the rows it changed.

use crate::browser;
use crate::calculator::ModeSelect;
use crate::state::AppState;
use cidrplan::decimal::fixed;
use cidrplan::design::{from_json, to_csv, to_json, Color, Design};
use cidrplan::table::{rows_in_window, window_for_scroll, BarCell, RowView};
use cidrplan::{parse, Cidr, Family, Mode};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
    let st = expect_context::<AppState>();
    let design = st.design;
    let scroll_top = RwSignal::new(0.0f64);
    let view_h = RwSignal::new(600.0f64);
    let hidden = RwSignal::new(Vec::<&'static str>::new());
    let scroller: NodeRef<leptos::html::Div> = NodeRef::new();

    let window = Memo::new(move |_| design.with(|d| window_for_scroll(scroll_top.get(), view_h.get(), ROW_H, d.len())));
    let rows = Memo::new(move |_| design.with(|d| rows_in_window(d, window.get())));
    let depth_cols = Memo::new(move |_| design.with(|d| d.max_depth() as usize + 1));

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

/// What a row's DOM is built from. Note and colour are left out: they are bound reactively,
/// so editing them keeps the row (and the control under the pointer or focus) in place.
fn row_key(r: &RowView) -> (usize, Cidr, Vec<BarCell>, Option<String>, String, String) {
    (r.index, r.net, r.cells.clone(), r.problem.clone(), r.usable.clone(), r.cidrsubnet.clone())
}

fn color_var(c: Option<Color>) -> String {
    c.map(|c| format!("var(--leaf-{})", c.id())).unwrap_or_else(|| "transparent".into())
}

/// The colour choices of a row's select, as markup (ids and labels are fixed ASCII words).
fn color_options() -> &'static str {
    static OPTIONS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut html = String::from("<option value=\"\">None</option>");
        for c in Color::ALL {
            html.push_str(&format!("<option value=\"{}\">{}</option>", c.id(), c.label()));
        }
        html
    })
}

#[component]
fn LeafRow(row: RowView) -> impl IntoView {
    let st = expect_context::<AppState>();
    let net = row.net;
    let note_label = format!("Note for {net}");
    let color_label = format!("Colour of {net}");
    let problem = row.problem.clone();
    let problem_tip = problem.clone().unwrap_or_default();
    let has_problem = problem.is_some();
    // The live note and colour of this leaf (a binary search per row and change).
    let leaf = move || st.design.with(|d| d.leaf_index(net).and_then(|i| d.leaf(i)).map(|l| (l.note.clone(), l.color)));
    let color = move || leaf().and_then(|(_, c)| c);
    view! {
        <tr class="leaf" class:has-problem=has_problem style:--row-color=move || color_var(color()) data-row=row.index.to_string()>
            <th scope="row" class="col-subnet mono" title=problem_tip>
                {net.to_string()}
                {problem.map(|p| view! { <span class="problem-mark" role="img" aria-label=p>"⚠"</span> })}
            </th>
            {row.cells.into_iter().map(|c| view! { <BarTd cell=c /> }).collect_view()}
            <td class="col-note">
                <input
                    type="text"
                    class="note-input"
                    maxlength="200"
                    aria-label=note_label
                    prop:value=move || leaf().map(|(n, _)| n).unwrap_or_default()
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        st.edit_design(|d| d.set_note(net, &text));
                    }
                />
            </td>
            <td class="col-color">
                // The options go in as markup: one innerHTML per row instead of building 11
                // option elements one call at a time halves the cost of drawing a new window
                // of rows (88 -> 44 ms per jump while scrolling 16,384 leaves). `inner_html`
                // must come before `prop:value`, which needs the options to exist.
                <select
                    class="color-select"
                    aria-label=color_label
                    inner_html=color_options()
                    prop:value=move || color().map(|c| c.id()).unwrap_or("")
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let c = v.parse::<Color>().ok();
                        st.edit_design(|d| d.set_color(net, c));
                    }
                ></select>
            </td>
            <td class="col-hosts num mono">{row.usable.clone()}</td>
            <td class="col-netmask mono">{row.netmask.clone()}</td>
            <td class="col-range mono">{format!("{} – {}", row.first, row.last)}</td>
            <td class="col-usable-range mono">{row.usable_range.clone()}</td>
            <td class="col-tf mono small">{row.cidrsubnet.clone()}</td>
        </tr>
    }
}

/// Two halves of a box: an icon (not text) so the button's name stays "Split <cidr>". Drawn
/// by CSS on an empty span: an inline SVG was three more elements in every row to create
/// while scrolling.
#[component]
fn SplitIcon() -> impl IntoView {
    view! { <span class="split-icon" aria-hidden="true"></span> }
}

/// A leaf's split control, or an internal node's join bar.
#[component]
fn BarTd(cell: BarCell) -> impl IntoView {
    let st = expect_context::<AppState>();
    let node = cell.node;
    let rowspan = cell.rowspan.to_string();
    let colspan = cell.colspan.to_string();
    if cell.is_leaf {
        let can_split = node.prefix() < node.width();
        let can_16 = node.prefix() + 4 <= node.width() && node.family() == Family::V6;
        let label2 = format!("Split {node}");
        let label16 = format!("Split {node} into 16");
        view! {
            <td class="bar leaf-cell" rowspan=rowspan colspan=colspan>
                <button
                    type="button"
                    class="split-button"
                    aria-label=label2
                    title="Split in two"
                    disabled=!can_split
                    on:click=move |_| {
                        st.edit_design(|d| d.split(node, 2));
                    }
                >
                    {cell.label.clone()}
                    <SplitIcon />
                </button>
                {can_16.then(|| view! {
                    <button
                        type="button"
                        class="split-button"
                        aria-label=label16
                        title="Split into 16 (one hex digit)"
                        on:click=move |_| {
                            st.edit_design(|d| d.split(node, 16));
                        }
                    >
                        "16"
                        <SplitIcon />
                    </button>
                })}
            </td>
        }
        .into_any()
    } else {
        let label = format!("Join {node}");
        view! {
            <td class="bar join-cell" rowspan=rowspan colspan=colspan>
                <button
                    type="button"
                    class="join-button"
                    aria-label=label
                    title=format!("Join everything under {node}")
                    on:click=move |_| {
                        st.edit_design(|d| d.join(node));
                    }
                >
                    <span class="join-label">{cell.label.clone()}</span>
                </button>
            </td>
        }
        .into_any()
    }
}

/// Base network and mode. Same-size changes move the design; a size change asks first when
/// it would drop subnets.
#[component]
fn BaseControls() -> impl IntoView {
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

#[component]
fn BulkControls() -> impl IntoView {
    let st = expect_context::<AppState>();
    let design = st.design;
    let to_prefix = RwSignal::new(String::new());
    let parts = RwSignal::new(String::from("4"));
    let note = RwSignal::new(String::new());
    let split_all = move |_| {
        let Ok(p) = to_prefix.get_untracked().trim().trim_start_matches('/').parse::<u8>() else {
            st.design_error.set(Some("Enter a prefix length such as 24 to split every leaf to /24".into()));
            return;
        };
        if let Some(n) = st.edit_design(|d| d.split_all_to(p)) {
            note.set(format!("{n} leaves"));
        }
    };
    let split_n = move |_| {
        let Ok(n) = parts.get_untracked().trim().parse::<u64>() else {
            st.design_error.set(Some("Enter how many equal parts, e.g. 4".into()));
            return;
        };
        if let Some(actual) = st.edit_design(|d| d.split_into(n)) {
            note.set(if actual as u64 != n {
                format!("Rounded {n} up to {actual}: a block splits only into a power of two")
            } else {
                format!("Split into {actual}")
            });
        }
    };
    // Suggest the next prefix down as the bulk target.
    Effect::new(move |_| {
        let p = design.with(|d: &Design| d.base().prefix());
        let w = design.with(|d| d.base().width());
        if to_prefix.get_untracked().is_empty() {
            to_prefix.set(((p + 4).min(w)).to_string());
        }
    });
    view! {
        <div class="toolbar bulk">
            <label class="field small">
                <span class="field-label">"Every leaf to /"</span>
                <input type="text" inputmode="numeric" class="mono narrow" prop:value=move || to_prefix.get() on:input=move |ev| to_prefix.set(event_target_value(&ev)) />
            </label>
            <button type="button" class="button" on:click=split_all>"Split all"</button>
            <label class="field small">
                <span class="field-label">"Equal parts"</span>
                <input type="text" inputmode="numeric" class="mono narrow" prop:value=move || parts.get() on:input=move |ev| parts.set(event_target_value(&ev)) />
            </label>
            <button type="button" class="button" on:click=split_n>"Split into parts"</button>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    st.edit_design(|d| {
                        d.join_all();
                        Ok(())
                    });
                }
            >
                "Join all"
            </button>
            <span class="bulk-note" role="status">{move || note.get()}</span>
        </div>
    }
}

#[component]
fn Summary() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        st.design.with(|d| {
            let s = d.summary();
            let pct = |c: cidrplan::Count| {
                if s.total.as_f64() > 0.0 {
                    format!("{}%", fixed(c.as_f64() / s.total.as_f64() * 100.0, 1))
                } else {
                    String::new()
                }
            };
            let bar_w = |c: cidrplan::Count| format!("{}%", fixed(c.as_f64() / s.total.as_f64().max(1.0) * 100.0, 3));
            view! {
                <div class="summary" aria-live="polite">
                    <p>
                        <strong>{s.leaves.to_string()}</strong>
                        {if s.leaves == 1 { " subnet · " } else { " subnets · " }}
                        <strong>{s.noted.grouped()}</strong>
                        {format!(" addresses noted ({}) · ", pct(s.noted))}
                        <strong>{s.free.grouped()}</strong>
                        {format!(" free ({}) · ", pct(s.free))}
                        {format!("{} in {}", s.total.grouped(), d.base())}
                        {(s.problems > 0).then(|| view! { <span class="warning-inline">{format!(" · {} subnet(s) outside {}'s limits", s.problems, d.mode().label())}</span> })}
                    </p>
                    <div class="usage-bar" aria-hidden="true">
                        <span class="used" style:width=bar_w(s.noted)></span>
                    </div>
                </div>
            }
        })
    }
}

#[component]
fn ImportExport() -> impl IntoView {
    let st = expect_context::<AppState>();
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let base_name = move || st.design.with_untracked(|d| d.base().to_string().replace(['/', ':'], "_"));
    let export_json = move |_| {
        browser::download(
            &format!("cidrplan-{}.json", base_name()),
            "application/json",
            &st.design.with_untracked(to_json),
        )
    };
    let export_csv = move |_| {
        browser::download(&format!("cidrplan-{}.csv", base_name()), "text/csv", &st.design.with_untracked(to_csv))
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
                    match from_json(&text) {
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
            <label class="button file-button">
                "Import JSON"
                <input type="file" accept=".json,application/json" class="visually-hidden" node_ref=file_input on:change=on_file />
            </label>
        </div>
    }
}
