//! The plan form's IPv6 block, networks to avoid and pinned subnets.

use super::field::{apply, parse_network, CheckedField};
use crate::state::AppState;
use cidrplan::plan::{self, Pin};
use cidrplan::Cidr;
use leptos::prelude::*;

#[component]
pub(super) fn Ipv6Field() -> impl IntoView {
    let st = expect_context::<AppState>();
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
                        st.edit_plan(|p| {
                            p.ipv6 = if on {
                                parse_network("2001:db8:1234:5600::/56").ok().map(|block| plan::Ipv6Plan { block })
                            } else {
                                None
                            }
                        });
                    }
                />
                "A /64 for every subnet"
            </label>
            {move || plan.with(|p| p.ipv6.is_some()).then(|| view! {
                <CheckedField
                    label="IPv6 block".into()
                    path="ipv6.block".into()
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

#[component]
pub(super) fn Avoid() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plan = st.plan;
    let text =
        RwSignal::new(plan.with_untracked(|p| p.avoid.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("\n")));
    let problem = RwSignal::new(None::<String>);
    let on_input = move |ev| {
        let t = event_target_value(&ev);
        let mut nets = Vec::new();
        let mut bad = None;
        for (n, line) in t.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match parse_network(line) {
                Ok(c) => nets.push(c),
                Err(e) => {
                    bad = Some(format!("Line {}: {e}", n + 1));
                    break;
                }
            }
        }
        match bad {
            Some(e) => problem.set(Some(e)),
            None => {
                problem.set(None);
                st.edit_plan(|p| p.avoid = nets);
            }
        }
        text.set(t);
    };
    Effect::new(move |_| {
        let v = plan.with(|p| p.avoid.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("\n"));
        if problem.with_untracked(|p| p.is_none()) && text.with_untracked(|t| t.trim() != v) {
            text.set(v);
        }
    });
    view! {
        <fieldset class="form-group">
            <legend>"Networks to avoid"</legend>
            <label class="field">
                <span class="field-label">"On-prem, peered or other VPC CIDRs, one per line"</span>
                <textarea
                    class="mono"
                    rows="3"
                    spellcheck="false"
                    prop:value=move || text.get()
                    on:input=on_input
                    aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                ></textarea>
                <span class="field-error" role="alert">{move || problem.get()}</span>
            </label>
        </fieldset>
    }
}

#[component]
pub(super) fn Pins() -> impl IntoView {
    let st = expect_context::<AppState>();
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
                on:click=move |_| st.edit_plan(|p| {
                    let zone = p.tiers.first().filter(|t| t.per_zone).map(|_| 0);
                    let cidr = p.vpc[0];
                    p.pinned.push(Pin { tier: 0, zone, cidr: Cidr::containing(cidr.network(), 24.max(cidr.prefix())).unwrap_or(cidr) });
                })
            >
                "+ Pin a subnet"
            </button>
        </fieldset>
    }
}

#[component]
fn PinRow(i: usize) -> impl IntoView {
    let st = expect_context::<AppState>();
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
                path=format!("pinned[{i}].cidr")
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
