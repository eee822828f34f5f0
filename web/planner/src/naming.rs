//! The plan's name and NAT setting: what the exports are named after (files, the VPC's Name
//! tag, resource names) and how their private tiers reach the internet.

use super::field::{apply, CheckedField};
use crate::state::PlanState;
use cidrplan::plan::Field;
use cidrplan::plan::NatMode;
use leptos::prelude::*;

#[component]
pub(super) fn PlanNaming() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    view! {
        <div class="form-row">
            <CheckedField
                label="Plan name".into()
                field=Field::Name
                value=Signal::derive(move || plan.with(|p| p.name.clone()))
                // The core judges the name (length, characters): the field shows its message.
                apply=apply(|t, p| {
                    p.name = t.trim().to_string();
                    Ok(())
                })
                class="grow"
                placeholder="prod-vpc"
            />
        </div>
        // A row of its own: the choices say their trade-off and must not be cut.
        <div class="form-row">
            <label class="field grow">
                <span class="field-label">"NAT for private tiers"</span>
                <select on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<NatMode>() {
                        st.edit_plan(|p| p.nat = n);
                    }
                }>
                    {NatMode::ALL
                        .into_iter()
                        .map(|n| view! { <option value=n.id() selected=move || plan.with(|p| p.nat == n)>{n.label()}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}
