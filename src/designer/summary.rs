//! The line above the table: subnets, noted and free space, with a bar.

use crate::state::AppState;
use cidrplan::decimal::fixed;
use leptos::prelude::*;

#[component]
pub(super) fn Summary() -> impl IntoView {
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
