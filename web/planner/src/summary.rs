//! What the layout says in words: the status when the plan does not fit (with the core's
//! remedies as buttons), subnet counts, route summaries, overlaps and warnings.

use super::View;
use crate::state::PlanState;
use cidrplan::plan::{self, Plan, Remedy, Strategy};
use leptos::prelude::*;

/// The explanation when the form has no layout, and what the page shows instead.
#[component]
pub(super) fn PlanStatus() -> impl IntoView {
    let v = expect_context::<View>();
    move || {
        v.layout.with(|l| match l {
            Ok(_) => None,
            Err(e) => {
                let shown = v.shown.with(|s| s.as_ref().map(|(p, _)| v.plan.with(|form| stale_note(p, form))));
                let remedies = e.remedies().to_vec();
                Some(view! {
                    <div class="plan-error" role="alert">
                        <p><span class="error-icon" aria-hidden="true">"!"</span>{e.to_string()}</p>
                        {(!remedies.is_empty()).then(|| view! {
                            <div class="remedies">{remedies.into_iter().map(remedy_button).collect_view()}</div>
                        })}
                        <p class="hint">{shown.unwrap_or_else(|| "Nothing to show until the plan fits.".into())}</p>
                    </div>
                })
            }
        })
    }
}

/// A button making one of the core's remedies, as one undoable edit of the form.
fn remedy_button(r: Remedy) -> impl IntoView {
    let st = expect_context::<PlanState>();
    let label = format!("Use {r}");
    let done = format!("Applied: {r}. Undo goes back.");
    view! {
        <button type="button" class="chip" on:click=move |_| {
            st.edit_plan(|p| r.apply(p));
            st.status.set(done.clone());
        }>{label}</button>
    }
}

/// What the page shows while the form does not fit, in one sentence.
fn stale_note(shown: &Plan, form: &Plan) -> String {
    let parts = plan::changed_parts(shown, form);
    let differs =
        if parts.is_empty() { String::new() } else { format!(" The form differs from it in: {}.", parts.join(", ")) };
    format!(
        "Showing the last plan that fitted ({} · {}).{differs} Exports wait until the form fits; Undo goes back.",
        shown.vpc.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" + "),
        shown.strategy.label()
    )
}

#[component]
pub(super) fn Summaries() -> impl IntoView {
    let v = expect_context::<View>();
    move || {
        v.shown.with(|s| {
            s.as_ref().map(|(plan, l)| {
                let groups = match plan.strategy {
                    Strategy::ZoneMajor => &l.zone_summaries,
                    Strategy::TierMajor => &l.tier_summaries,
                };
                let heading = match plan.strategy {
                    Strategy::ZoneMajor => "Zone summaries",
                    Strategy::TierMajor => "Tier summaries",
                };
                view! {
                    <div class="plan-summary">
                        <p class="free-line"><strong>{format!("{} subnets", l.subnets.len())}</strong>" · "{l.free_text()}</p>
                        <div class="usage-bar" aria-hidden="true"><span class="used" style:width=format!("{}%", cidrplan::decimal::fixed((1.0 - l.free_ratio()) * 100.0, 2))></span></div>
                        <h3>{heading}</h3>
                        <ul class="summary-list">
                            {groups
                                .iter()
                                .map(|g| {
                                    let route = g.block.map(|b| b.to_string()).unwrap_or_else(|| g.exact.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "));
                                    view! { <li><span class="summary-name">{g.name.clone()}</span>" "<span class="mono">{route}</span></li> }
                                })
                                .collect_view()}
                        </ul>
                        {(!l.overlaps.is_empty()).then(|| view! {
                            <div class="warning">
                                <strong>"Overlaps with networks to avoid"</strong>
                                <ul>{l.overlaps.iter().map(|o| view! { <li>{o.message.clone()}</li> }).collect_view()}</ul>
                                // Offered only while the page shows the form: the button edits the form.
                                {(!v.stale()).then(|| l.suggestions.iter().filter_map(|s| s.remedy(plan)).map(|r| {
                                    view! { <p class="remedies">"A free RFC 1918 block clear of them: "{remedy_button(r)}</p> }
                                }).collect_view())}
                            </div>
                        })}
                        {(!l.warnings.is_empty()).then(|| view! {
                            <ul class="warnings">{l.warnings.iter().map(|w| view! { <li>{w.to_string()}</li> }).collect_view()}</ul>
                        })}
                    </div>
                }
            })
        })
    }
}
