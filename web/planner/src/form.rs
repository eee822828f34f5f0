//! The plan form: preset, provider, region, VPC blocks, zones, layout settings; the tier,
//! network and pin sections live in their own files.

use super::confirm::{At, Confirm, MoveBanner};
use super::field::{apply, CheckedField};
use super::networks::{Avoid, Ipv6Field, Pins};
use super::tiers::Tiers;
use crate::state::PlanState;
use cidrplan::parse::parse_network;
use cidrplan::plan::{self, presets, Field, Plan, Strategy, MAX_ZONES};
use cidrplan::{Family, Mode};
use cidrplan_shell::undo_redo;
use leptos::prelude::*;

/// A preset's short name, from its label ("AWS 3 AZ: public /24, …"): the select shows the
/// name, which fits (the whole label is the option's tooltip).
fn preset_name(label: &'static str) -> &'static str {
    label.split_once(':').map_or(label, |(name, _)| name)
}

#[component]
pub(super) fn PlanForm() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let confirm = Confirm::get();
    let load_preset = move |ev| {
        let id = event_target_value(&ev);
        if let Some(p) = plan::preset(&id) {
            st.edit_plan(|cur| *cur = p);
        }
    };
    // Which preset the plan is, if it still is one: the select says so, or "Custom".
    let current = move || plan.with(|p| presets().into_iter().find(|(_, _, preset)| preset == p).map(|(id, _, _)| id));
    view! {
        <form class="plan-form" on:submit=|ev| ev.prevent_default() aria-label="Plan settings">
            <div class="form-row">
                {undo_redo(st, "plan-history")}
            </div>
            <div class="form-row">
                <label class="field grow">
                    <span class="field-label">"Start from a preset"</span>
                    <select on:change=load_preset>
                        <option value="" disabled=true selected=move || current().is_none()>"Custom (edited)"</option>
                        {presets()
                            .into_iter()
                            .map(|(id, label, _)| {
                                view! { <option value=id title=label selected=move || current() == Some(id)>{preset_name(label)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <super::naming::PlanNaming />
            <div class="form-row">
                <label class="field">
                    <span class="field-label">"Provider"</span>
                    <select on:change=move |ev| {
                        if let Ok(m) = event_target_value(&ev).parse::<Mode>() {
                            st.edit_plan(|p| p.set_provider(m));
                        }
                    }>
                        {Mode::ALL
                            .into_iter()
                            .map(|m| {
                                let label = if m == Mode::Standard { "Generic" } else { m.label() };
                                view! { <option value=m.id() selected=move || plan.with(|p| p.provider == m)>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <CheckedField
                    label="Region".into()
                    field=Field::Region
                    value=Signal::derive(move || plan.with(|p| p.region.clone()))
                    apply=apply(|t, p| {
                        p.set_region(t.trim());
                        Ok(())
                    })
                    class="grow"
                />
            </div>
            <VpcBlocks />
            <Zones />
            <Tiers />
            <fieldset class="form-group">
                <legend>"Layout"</legend>
                <div class="radio-row" role="radiogroup" aria-label="Strategy">
                    {Strategy::ALL
                        .into_iter()
                        .map(|s| {
                            let hint = match s {
                                Strategy::ZoneMajor => "each zone one contiguous block",
                                Strategy::TierMajor => "each tier one block: one route/NACL entry per tier",
                            };
                            view! {
                                <label class="radio">
                                    <input
                                        type="radio"
                                        name="strategy"
                                        prop:checked=move || {
                                            confirm.revert.track();
                                            plan.with(|p| p.strategy == s)
                                        }
                                        on:change=move |_| confirm.propose(
                                            At::Strategy,
                                            |n| format!("Switching to {}", n.strategy.id()),
                                            match s {
                                                Strategy::ZoneMajor => |p: &mut plan::Plan| p.strategy = Strategy::ZoneMajor,
                                                Strategy::TierMajor => |p: &mut plan::Plan| p.strategy = Strategy::TierMajor,
                                            },
                                        )
                                    />
                                    <span>{s.label()}<span class="hint-inline">" — "{hint}</span></span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <MoveBanner at=At::Strategy />
                <div class="form-row">
                    <label class="field">
                        <span class="field-label">"Room for more zones"</span>
                        <select on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                                st.edit_plan(|p| p.growth.extra_zones = n);
                            }
                        }>
                            {(0..=plan::MAX_EXTRA_ZONES)
                                .map(|n| view! { <option value=n.to_string() selected=move || plan.with(|p| p.growth.extra_zones == n)>{n.to_string()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <CheckedField
                        label="Spare block per zone".into()
                        field=Field::SparePerZone
                        value=Signal::derive(move || plan.with(|p| p.growth.spare_per_zone.map(|x| format!("/{x}")).unwrap_or_default()))
                        apply=apply(|t, p| {
                            p.growth.spare_per_zone = match t.trim() {
                                "" => None,
                                t => Some(cidrplan::parse_prefix(t, Family::V4).map_err(|e| e.to_string())?),
                            };
                            Ok(())
                        })
                        placeholder="none"
                    />
                </div>
            </fieldset>
            <Ipv6Field />
            <Avoid />
            <Pins />
        </form>
    }
}

#[component]
fn VpcBlocks() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let confirm = Confirm::get();
    // Rows are rebuilt only when their number changes, never on an edit inside one (which
    // would replace the field being typed in).
    let vpc_count = Memo::new(move |_| plan.with(|p| p.vpc.len()));
    view! {
        <fieldset class="form-group">
            <legend>"VPC CIDR blocks"</legend>
            {move || {
                (0..vpc_count.get())
                    .map(|i| {
                        let label = if i == 0 { "Primary".to_string() } else { format!("Secondary {i}") };
                        let remove_label = format!("Remove {label}");
                        view! {
                            <div class="form-row">
                                <CheckedField
                                    label=label
                                    field=Field::VpcBlock(i)
                                    value=Signal::derive(move || plan.with(|p| p.vpc.get(i).map(|c| c.to_string()).unwrap_or_default()))
                                    apply=apply(move |t, p| {
                                        let c = parse_network(t)?;
                                        if let Some(slot) = p.vpc.get_mut(i) {
                                            *slot = c;
                                        }
                                        Ok(())
                                    })
                                    class="grow"
                                />
                                {(i > 0).then(|| view! {
                                    <button type="button" class="icon-button" aria-label=remove_label on:click=move |_| st.edit_plan(|p| {
                                        if i < p.vpc.len() {
                                            p.vpc.remove(i);
                                        }
                                    })>"×"</button>
                                })}
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="button small"
                disabled=move || plan.with(|p| p.vpc.len() >= p.max_vpc_blocks())
                on:click=move |_| confirm.propose(
                    At::Blocks,
                    |n| format!("Adding secondary block {}", n.vpc.last().map(|c| c.to_string()).unwrap_or_default()),
                    Plan::add_vpc_block,
                )
            >
                "+ Secondary block"
            </button>
            <MoveBanner at=At::Blocks />
        </fieldset>
    }
}

#[component]
fn Zones() -> impl IntoView {
    let st = expect_context::<PlanState>();
    let plan = st.plan;
    let confirm = Confirm::get();
    let zone_count = Memo::new(move |_| plan.with(|p| p.zones.len()));
    view! {
        <fieldset class="form-group">
            <legend>"Availability zones"</legend>
            <div class="stepper" role="group" aria-label="Number of zones">
                <button type="button" class="icon-button" aria-label="One zone fewer" disabled=move || plan.with(|p| p.zones.len() <= 1)
                    on:click=move |_| st.edit_plan(|p| { let n = p.zones.len(); if n > 1 { p.remove_zone(n - 1) } })>"−"</button>
                <output class="stepper-value" aria-live="polite">{move || plan.with(|p| p.zones.len())}" zones"</output>
                <button type="button" class="icon-button" aria-label="One more zone" disabled=move || plan.with(|p| p.zones.len() >= MAX_ZONES)
                    on:click=move |_| confirm.propose(
                        At::Zones,
                        |n| format!("Adding {}", n.zones.last().cloned().unwrap_or_default()),
                        |p| p.add_zone(),
                    )>"+"</button>
            </div>
            <MoveBanner at=At::Zones />
            <div class="zone-names">
                {move || {
                    (0..zone_count.get())
                        .map(|i| view! {
                            <CheckedField
                                label=format!("Zone {}", i + 1)
                                field=Field::Zone(i)
                                value=Signal::derive(move || plan.with(|p| p.zones.get(i).cloned().unwrap_or_default()))
                                apply=apply(move |t, p| {
                                    if let Some(z) = p.zones.get_mut(i) {
                                        *z = t.trim().to_string();
                                    }
                                    Ok(())
                                })
                                class="zone-field"
                            />
                        })
                        .collect_view()
                }}
            </div>
        </fieldset>
    }
}
