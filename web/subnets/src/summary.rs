//! The line above the table: subnets, noted and free space, with a bar, and the warning the
//! subnets' sizes call for (allowed, but unwise: IPv6 longer than /64). The words come from
//! the core ([`cidrplan::design::Design::summary_line`]).

use crate::state::DesignState;
use cidrplan::decimal::fixed;
use leptos::prelude::*;

#[component]
pub(super) fn Summary() -> impl IntoView {
    let st = expect_context::<DesignState>();
    move || {
        st.design.with(|d| {
            let s = d.summary();
            let bar_w = format!("{}%", fixed(s.noted.as_f64() / s.total.as_f64().max(1.0) * 100.0, 3));
            // The line starts with the subnet count, drawn bold (tests read it there).
            let line = d.summary_line();
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit()).to_string();
            view! {
                <div class="summary" aria-live="polite">
                    <p>
                        <strong>{s.leaves.to_string()}</strong>
                        {rest}
                        {(s.problems > 0).then(|| view! { <span class="warning-inline">{format!(" · {} subnet(s) outside {}'s limits", s.problems, d.mode().label())}</span> })}
                    </p>
                    {d.size_warning().map(|w| view! { <div class="warning size-warning" role="status">{w}</div> })}
                    <div class="usage-bar" aria-hidden="true">
                        <span class="used" style:width=bar_w></span>
                    </div>
                </div>
            }
        })
    }
}
