//! The plan's name and NAT setting: what the exports are named after (files, the VPC's Name
//! tag, resource names) and how their private tiers reach the internet.

use super::field::CheckedField;
use crate::state::AppState;
use cidrplan::plan::{validate, NatMode, Plan};
use leptos::prelude::*;

/// The core's verdict on a plan name (its length and characters), or `Ok`.
fn check_name(text: &str) -> Result<(), String> {
    let probe = Plan { name: text.trim().to_string(), ..Plan::default() };
    match validate(&probe).into_iter().find(|p| p.field == "name") {
        Some(p) => Err(p.message),
        None => Ok(()),
    }
}

#[component]
pub(super) fn PlanNaming() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plan = st.plan;
    view! {
        <div class="form-row">
            <CheckedField
                label="Plan name".into()
                value=Signal::derive(move || plan.with(|p| p.name.clone()))
                parse=check_name
                write=std::sync::Arc::new(move |t: &str| st.edit_plan(|p| p.name = t.trim().to_string()))
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
