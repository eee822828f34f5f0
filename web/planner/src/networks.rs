//! The plan form's IPv6 block, networks to avoid and pinned subnets.

use super::field::{apply, CheckedField};
use crate::state::PlanState;
use cidrplan::parse::parse_network;
use cidrplan::plan::{self, Field, Plan};
use cidrplan_shell::browser;
use leptos::prelude::*;

#[component]
pub(super) fn Ipv6Field() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    view! {
        <fieldset class="form-group">
            <legend>"IPv6 (dual-stack)"</legend>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || plan.with(|p| p.ipv6.is_some())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        st.edit_plan(|p| p.set_ipv6(on));
                    }
                />
                "A /64 for every subnet"
            </label>
            {move || plan.with(|p| p.ipv6.is_some()).then(|| view! {
                <CheckedField
                    label="IPv6 block".into()
                    field=Field::Ipv6Block
                    value=Signal::derive(move || plan.with(|p| p.ipv6.map(|v| v.block.to_string()).unwrap_or_default()))
                    apply=apply(|t, p| {
                        p.ipv6 = Some(plan::Ipv6Plan { block: parse_network(t)? });
                        Ok(())
                    })
                    class="grow"
                />
            })}
        </fieldset>
    }
}

/// Where the avoid list's text is kept as typed (comments, commas), so a reload shows it again
/// rather than the plan's one-network-a-line form.
const KEY_AVOID_TEXT: &str = "cidrplan.v1.plan.avoid-text";

/// The text typed last, if it still reads as `list` (else the plan changed elsewhere: undo, a
/// preset, a link).
fn typed_text(list: &[plan::Avoid]) -> Option<String> {
    browser::storage_get(KEY_AVOID_TEXT).filter(|t| plan::parse_avoid_list(t).as_deref() == Ok(list))
}

#[component]
pub(super) fn Avoid() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let text =
        RwSignal::new(plan.with_untracked(|p| typed_text(&p.avoid).unwrap_or_else(|| plan::avoid_text(&p.avoid))));
    let problem = RwSignal::new(None::<String>);
    let on_input = move |ev| {
        let t = event_target_value(&ev);
        match plan::parse_avoid_list(&t) {
            Ok(list) => {
                problem.set(None);
                browser::storage_set(KEY_AVOID_TEXT, &t);
                st.edit_plan(|p| p.avoid = list);
            }
            Err(e) => problem.set(Some(e)),
        }
        text.set(t);
    };
    // Follow outside changes; the text stays as typed while it means the plan's list.
    Effect::new(move |_| {
        let same = plan.with(|p| text.with_untracked(|t| plan::parse_avoid_list(t).as_deref() == Ok(&p.avoid[..])));
        if problem.with_untracked(Option::is_none) && !same {
            text.set(plan.with_untracked(|p| plan::avoid_text(&p.avoid)));
        }
    });
    view! {
        <fieldset class="form-group">
            <legend>"Networks to avoid"</legend>
            <label class="field">
                <span class="field-label">"On-prem, peered or other VPC CIDRs, kept free of subnets"</span>
                <textarea
                    class="mono"
                    rows="3"
                    spellcheck="false"
                    placeholder="10.20.128.0/17 on-prem"
                    prop:value=move || text.get()
                    on:input=on_input
                    aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                    aria-describedby="avoid-hint"
                ></textarea>
                <span id="avoid-hint" class="hint-inline">"One per line or comma-separated, a label after each; # starts a comment"</span>
                <span class="field-error" role="alert">{move || problem.get()}</span>
            </label>
        </fieldset>
    }
}

#[component]
pub(super) fn Pins() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let pin_count = Memo::new(move |_| plan.with(|p| p.pinned.len()));
    view! {
        <fieldset class="form-group">
            <legend>"Pinned subnets (existing infrastructure)"</legend>
            {move || (0..pin_count.get()).map(|i| view! { <PinRow i=i /> }).collect_view()}
            <button
                type="button"
                class="button small"
                disabled=move || plan.with(|p| p.tiers.is_empty())
                on:click=move |_| st.edit_plan(Plan::add_pin)
            >
                "+ Pin a subnet"
            </button>
        </fieldset>
    }
}

#[component]
fn PinRow(i: usize) -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let pin = move || plan.with(|p| p.pinned.get(i).copied());
    view! {
        <div class="form-row pin-row">
            <label class="field">
                <span class="field-label">"Tier"</span>
                <select on:change=move |ev| {
                    if let Ok(t) = event_target_value(&ev).parse::<usize>() {
                        st.edit_plan(|p| if let Some(x) = p.pinned.get_mut(i) { x.tier = t });
                    }
                }>
                    {move || plan.with(|p| p.tiers.iter().enumerate().map(|(ti, t)| {
                        let sel = pin().is_some_and(|x| x.tier == ti);
                        view! { <option value=ti.to_string() selected=sel>{t.name.clone()}</option> }
                    }).collect_view())}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Zone"</span>
                <select on:change=move |ev| {
                    let z = event_target_value(&ev).parse::<usize>().ok();
                    st.edit_plan(|p| if let Some(x) = p.pinned.get_mut(i) { x.zone = z });
                }>
                    <option value="" selected=move || pin().is_some_and(|x| x.zone.is_none())>"—"</option>
                    {move || plan.with(|p| p.zones.iter().enumerate().map(|(zi, z)| {
                        let sel = pin().is_some_and(|x| x.zone == Some(zi));
                        view! { <option value=zi.to_string() selected=sel>{z.clone()}</option> }
                    }).collect_view())}
                </select>
            </label>
            <CheckedField
                label=format!("Pinned CIDR {}", i + 1)
                field=Field::PinCidr(i)
                value=Signal::derive(move || pin().map(|x| x.cidr.to_string()).unwrap_or_default())
                apply=apply(move |t, p| {
                    let c = parse_network(t)?;
                    if let Some(x) = p.pinned.get_mut(i) {
                        x.cidr = c;
                    }
                    Ok(())
                })
                class="grow"
            />
            <button type="button" class="icon-button" aria-label=format!("Remove pin {}", i + 1) on:click=move |_| st.edit_plan(|p| {
                if i < p.pinned.len() {
                    p.pinned.remove(i);
                }
            })>"×"</button>
        </div>
    }
}
