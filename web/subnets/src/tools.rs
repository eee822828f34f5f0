//! One node's bulk tools ("Split to /N", "Into N parts"), in one shared popover opened from a
//! row's "⋯" button: the windowed table re-creates rows as it scrolls, so each row carries only
//! that button and the popover exists once, for the row it was opened from.

use crate::state::DesignState;
use cidrplan::Cidr;
use leptos::prelude::*;

/// The node whose tools are open, and where the popover is drawn (whole pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct ToolsAt {
    node: Cidr,
    left: i32,
    top: i32,
}

/// Which row's tools are open; provided by the designer, read by rows and the popover.
#[derive(Clone, Copy)]
pub(super) struct RowTools(pub RwSignal<Option<ToolsAt>>);

fn tools_button(node: Cidr) -> String {
    format!(".tools-button[aria-label=\"Tools for {node}\"]")
}

/// Open the tools of `node` beside the button the event came from.
pub(super) fn open_tools(tools: RowTools, node: Cidr, ev: &leptos::ev::MouseEvent) {
    let ((left, _, _, bottom), width) = cidrplan_shell::browser::event_target_box(ev);
    // Below the button, never past the right edge (a phone is 360 px wide, the popover 300).
    let left = left.min(width - 304.0).max(4.0);
    tools.0.set(Some(ToolsAt { node, left: left as i32, top: bottom as i32 + 2 }));
}

#[component]
pub(super) fn ToolsPopover() -> impl IntoView {
    let st = expect_context::<DesignState>();
    let tools = expect_context::<RowTools>();
    let to_prefix = RwSignal::new(String::new());
    let parts = RwSignal::new(String::from("4"));
    let note = RwSignal::new(String::new());
    move || {
        tools.0.get().map(|ToolsAt { node, left, top }| {
            let family = node.family();
            to_prefix.set((node.prefix() + 2).min(node.width()).to_string());
            note.set(String::new());
            let first: NodeRef<leptos::html::Input> = NodeRef::new();
            Effect::new(move |_| {
                if let Some(el) = first.get() {
                    let _ = el.focus();
                    el.select();
                }
            });
            let close = move || {
                tools.0.set(None);
                cidrplan_shell::browser::focus_later(tools_button(node), true);
            };
            let split_to = move || {
                let Ok(p) = cidrplan::parse_prefix(&to_prefix.get_untracked(), family) else {
                    note.set("Enter a prefix length such as 26".into());
                    return;
                };
                if let Some(n) = st.edit_design(|d| d.split_node_to(node, p)) {
                    note.set(format!("{node}: {n} subnets of /{p} or smaller"));
                } else {
                    note.set(st.design_error.get_untracked().unwrap_or_default());
                }
            };
            let split_n = move || {
                let Ok(n) = parts.get_untracked().trim().parse::<u64>() else {
                    note.set("Enter how many equal parts, e.g. 4".into());
                    return;
                };
                if let Some(actual) = st.edit_design(|d| d.split_node_into(node, n)) {
                    note.set(if actual as u64 != n {
                        format!("Rounded {n} up to {actual}: a block splits only into a power of two")
                    } else {
                        format!("{node} split into {actual}")
                    });
                } else {
                    note.set(st.design_error.get_untracked().unwrap_or_default());
                }
            };
            let parent = node.parent().filter(|_| st.design.with_untracked(|d| node != d.base()));
            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    close();
                }
            };
            view! {
                <div
                    class="row-tools"
                    role="dialog"
                    aria-label=format!("Tools for {node}")
                    style:left=format!("{left}px")
                    style:top=format!("{top}px")
                    on:keydown=on_key
                >
                    <p class="row-tools-title mono">{node.to_string()}</p>
                    <form class="row-tools-line" on:submit=move |ev| { ev.prevent_default(); split_to(); }>
                        <label class="field small">
                            <span class="field-label">"Split to /"</span>
                            <input node_ref=first type="text" inputmode="numeric" class="mono narrow" prop:value=move || to_prefix.get() on:input=move |ev| to_prefix.set(event_target_value(&ev)) />
                        </label>
                        <button type="submit" class="button">"Split"</button>
                    </form>
                    <form class="row-tools-line" on:submit=move |ev| { ev.prevent_default(); split_n(); }>
                        <label class="field small">
                            <span class="field-label">"Into"</span>
                            <input type="text" inputmode="numeric" class="mono narrow" prop:value=move || parts.get() on:input=move |ev| parts.set(event_target_value(&ev)) />
                        </label>
                        <button type="submit" class="button">"parts"</button>
                    </form>
                    <p class="row-tools-note" role="status">{move || note.get()}</p>
                    <div class="row-tools-line">
                        {parent.map(|p| view! {
                            <button type="button" class="button" on:click=move |_| tools.0.update(|t| if let Some(t) = t { t.node = p })>
                                {format!("Whole group {p}")}
                            </button>
                        })}
                        <button type="button" class="button" on:click=move |_| close()>"Close"</button>
                    </div>
                </div>
            }
        })
    }
}
