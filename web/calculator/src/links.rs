//! Quick links under the report: the previous and next network of the same size, the
//! supernet, and "Split this in the designer".

use crate::state::CalcState;
use cidrplan::calc::neighbours;
use cidrplan::Cidr;
use cidrplan_shell::{host, Handoff, Shell, ToolId};
use leptos::prelude::*;

/// Previous/next network of the same size, the supernet, and "split this".
#[component]
pub fn QuickLinks(net: Cidr) -> impl IntoView {
    let st = expect_context::<CalcState>();
    let shell = expect_context::<Shell>();
    let n = neighbours(net);
    let go = move |c: Cidr| st.input.set(c.to_string());
    let link = move |label: &'static str, c: Option<Cidr>| {
        c.map(|c| {
            view! {
                <button type="button" class="chip" on:click=move |_| go(c)>
                    {label}" "<span class="mono">{c.to_string()}</span>
                </button>
            }
        })
    };
    let split_this = move |_| {
        let mode = st.mode.get_untracked();
        host::switch_to(shell, ToolId::Subnets, Handoff::Split(net, mode));
    };
    view! {
        <nav class="quick-links" aria-label="Related networks">
            {link("← Previous", n.previous)}
            {link("Next →", n.next)}
            {link("Supernet", n.supernet)}
            {n.halves.map(|_| view! {
                <button type="button" class="chip primary" on:click=split_this>
                    "Split this in the designer"
                </button>
            })}
        </nav>
    }
}
