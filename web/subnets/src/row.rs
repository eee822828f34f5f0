//! One leaf's row of the designer table: subnet, split/join bars, note, colour, values.

use crate::state::DesignState;
use cidrplan::design::Color;
use cidrplan::table::{BarCell, RowView};
use cidrplan::{Cidr, Family};
use leptos::prelude::*;

/// The leaf "Go to" last landed on, highlighted until the next jump.
#[derive(Clone, Copy)]
pub(super) struct Jumped(pub RwSignal<Option<Cidr>>);

/// What a row's DOM is built from. Note and colour are left out: they are bound reactively,
/// so editing them keeps the row (and the control under the pointer or focus) in place.
pub(super) fn row_key(r: &RowView) -> (usize, Cidr, Vec<BarCell>, Option<String>, String, String) {
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
pub(super) fn LeafRow(row: RowView) -> impl IntoView {
    let st = expect_context::<DesignState>();
    let net = row.net;
    let note_label = format!("Note for {net}");
    let color_label = format!("Colour of {net}");
    let tools_label = format!("Tools for {net}");
    let tools = expect_context::<super::tools::RowTools>();
    let jumped = expect_context::<Jumped>().0;
    let problem = row.problem.clone();
    let problem_tip = problem.clone().unwrap_or_default();
    let has_problem = problem.is_some();
    // The live note and colour of this leaf (a binary search per row and change).
    let leaf = move || st.design.with(|d| d.leaf_index(net).and_then(|i| d.leaf(i)).map(|l| (l.note.clone(), l.color)));
    let color = move || leaf().and_then(|(_, c)| c);
    view! {
        <tr class="leaf" class:has-problem=has_problem class:jumped=move || jumped.get() == Some(net) style:--row-color=move || color_var(color()) data-row=row.index.to_string()>
            <th scope="row" class="col-subnet mono" title=problem_tip>
                {net.to_string()}
                <button
                    type="button"
                    class="tools-button"
                    aria-label=tools_label
                    aria-haspopup="dialog"
                    title="Split to /N or into N parts"
                    // The "⋯" is drawn by CSS, so the cell's text stays the subnet alone.
                    on:click=move |ev| super::tools::open_tools(tools, net, &ev)
                ></button>
                {problem.map(|p| view! { <span class="problem-mark" role="img" aria-label=p>"⚠"</span> })}
            </th>
            {row.cells.into_iter().map(|c| view! { <BarTd cell=c /> }).collect_view()}
            <td class="col-note">
                <input
                    type="text"
                    class="note-input"
                    maxlength="200"
                    aria-label=note_label
                    // Committed as typed (after a short pause; at once on leaving the field
                    // or the page), so a reload never loses a note.
                    prop:value=move || st.shown_note(net, leaf().map(|(n, _)| n).unwrap_or_default())
                    on:input=move |ev| st.type_note(net, event_target_value(&ev))
                    on:change=move |_| st.end_note()
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
            // IPv6 counts are shown short ("2⁶⁴ − 1"), the exact number in the tooltip.
            <td class="col-hosts num mono" title=row.usable_exact.clone()>{row.usable.clone()}</td>
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
    let st = expect_context::<DesignState>();
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
        let note = cell.note.clone();
        // The label is part of the bar's text and tooltip; static attributes only, as every
        // row of the windowed table draws about one join bar (scrolling cost).
        let (class, text, title) = if note.is_empty() {
            ("bar join-cell", cell.label.clone(), format!("Join everything under {node}"))
        } else {
            (
                "bar join-cell labelled",
                format!("{} {note}", cell.label),
                format!("{note}: join everything under {node}"),
            )
        };
        view! {
            <td class=class rowspan=rowspan colspan=colspan>
                <button
                    type="button"
                    class="label-button"
                    aria-label=format!("Label {node}")
                    on:click=move |ev| super::label::open_label_editor(st, node, &ev)
                ></button>
                <button type="button" class="join-button" aria-label=label title=title on:click=move |_| join(st, node)>
                    <span class="join-label">{text}</span>
                </button>
            </td>
        }
        .into_any()
    }
}

/// Join `node`; when that would cut the combined notes short, ask first.
pub(super) fn join(st: DesignState, node: Cidr) {
    let preview = st.design.with_untracked(|d| d.join_preview(node).ok());
    if let Some(p) = preview.filter(|p| p.cut) {
        let msg = format!(
            "Joining {node} combines {} notes into one, longer than a note may be: its end is cut. Join anyway? (You can undo.)",
            p.notes
        );
        if !web_sys::window().and_then(|w| w.confirm_with_message(&msg).ok()).unwrap_or(false) {
            return;
        }
    }
    st.edit_design(|d| d.join(node));
}
