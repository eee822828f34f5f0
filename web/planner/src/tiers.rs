//! The tier rows of the plan form.

use super::confirm::{At, Confirm, MoveBanner};
use super::field::{apply, CheckedField};
use super::View;
use crate::state::PlanState;
use cidrplan::plan::{Field, Plan, TierKind, TierSize, MAX_TIERS};
use leptos::prelude::*;

#[component]
pub(super) fn Tiers() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let confirm = Confirm::get();
    let tier_count = Memo::new(move |_| plan.with(|p| p.tiers.len()));
    view! {
        <fieldset class="form-group">
            <legend>"Tiers"</legend>
            <div class="tier-list">
                {move || (0..tier_count.get()).map(|i| view! { <TierRow i=i /> }).collect_view()}
            </div>
            <button
                type="button"
                class="button small"
                disabled=move || plan.with(|p| p.tiers.len() >= MAX_TIERS)
                on:click=move |_| confirm.propose(
                    At::Tiers,
                    |n| format!("Adding tier {}", n.tiers.last().map(|t| t.name.as_str()).unwrap_or_default()),
                    Plan::add_tier,
                )
            >
                "+ Tier"
            </button>
            <MoveBanner at=At::Tiers />
        </fieldset>
    }
}

#[component]
fn TierRow(i: usize) -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let tier = move || plan.with(|p| p.tiers.get(i).cloned());
    let name = Signal::derive(move || tier().map(|t| t.name).unwrap_or_default());
    let headroom = move || {
        let v = expect_context::<View>();
        v.layout.with(|l| {
            let l = l.as_ref().ok()?;
            let s = l.subnets.iter().find(|s| s.tier == i)?;
            let h = s.headroom?;
            Some(format!("/{} · {} usable · headroom {h}", s.cidr.prefix(), s.usable.grouped()))
        })
    };
    view! {
        <div class="tier-row" role="group" aria-label=move || format!("Tier {}", name.get())>
            <CheckedField
                label=format!("Tier {} name", i + 1)
                field=Field::TierName(i)
                value=name
                apply=apply(move |t, p| {
                    if let Some(x) = p.tiers.get_mut(i) {
                        x.name = t.trim().to_string();
                    }
                    Ok(())
                })
                class="tier-name"
            />
            <label class="field tier-kind">
                <span class="field-label">"Kind"</span>
                <select on:change=move |ev| {
                    if let Ok(k) = event_target_value(&ev).parse::<TierKind>() {
                        st.edit_plan(|p| if let Some(x) = p.tiers.get_mut(i) { x.kind = k });
                    }
                }>
                    {TierKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.id() selected=move || tier().is_some_and(|t| t.kind == k)>{k.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <CheckedField
                label=format!("Tier {} size", i + 1)
                field=Field::TierSize(i)
                value=Signal::derive(move || tier().map(|t| t.size.to_string()).unwrap_or_default())
                apply=apply(move |t, p| {
                    let size = TierSize::parse(t)?.size;
                    if let Some(x) = p.tiers.get_mut(i) {
                        x.size = size;
                    }
                    Ok(())
                })
                hint=|t: &str| TierSize::parse(t).ok().and_then(|r| r.hint())
                class="tier-size"
                placeholder="/24 or 500 hosts"
            />
            <label class="check tier-per-zone">
                <input
                    type="checkbox"
                    prop:checked=move || tier().is_some_and(|t| t.per_zone)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        st.edit_plan(|p| if let Some(x) = p.tiers.get_mut(i) { x.per_zone = on });
                    }
                />
                "One per zone"
            </label>
            <button type="button" class="icon-button" aria-label=move || format!("Remove tier {}", name.get()) on:click=move |_| st.edit_plan(|p| p.remove_tier(i))>"×"</button>
            <p class="tier-headroom hint">{headroom}</p>
        </div>
    }
}
