//! The VPC planner tab: the plan form on one side; the layout's summaries, diagram, address
//! map, table and exports on the other. Every number and shape comes from `cidrplan::plan`
//! and `cidrplan::export`.
//!
//! Editing never blocks on a half-typed value: text fields keep their own text and write to
//! the plan only what parses, and while the plan has no layout the last valid one stays on
//! screen under the explanation.

use crate::browser;
use crate::state::AppState;
use cidrplan::export::{self, Format};
use cidrplan::plan::{
    self, diagram, presets, Layout, Pin, Plan, PlanError, Strategy, Tier, TierKind, TierSize, MAX_TIERS, MAX_ZONES,
};
use cidrplan::{parse, Cidr, Mode};
use leptos::prelude::*;

/// The layout on screen: the current one, or the last valid one while the plan has none.
#[derive(Clone, Copy)]
struct View {
    plan: RwSignal<Plan>,
    layout: Memo<Result<Layout, PlanError>>,
    shown: Memo<Option<(Plan, Layout)>>,
    hovered: RwSignal<Option<usize>>,
}

#[component]
pub fn Planner() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plan = st.plan;
    let layout = Memo::new(move |_| plan.with(|p| p.layout()));
    let last_ok = StoredValue::new(None::<(Plan, Layout)>);
    let shown = Memo::new(move |_| {
        let current = layout.with(|l| l.as_ref().ok().cloned());
        match current {
            Some(l) => {
                let pair = (plan.get(), l);
                last_ok.set_value(Some(pair.clone()));
                Some(pair)
            }
            None => last_ok.get_value(),
        }
    });
    let v = View { plan, layout, shown, hovered: RwSignal::new(None) };
    provide_context(v);
    view! {
        <section class="panel planner" aria-labelledby="planner-title">
            <h2 id="planner-title" class="visually-hidden">"VPC planner"</h2>
            <div class="planner-grid">
                <PlanForm />
                <div class="plan-output">
                    <PlanStatus />
                    <Summaries />
                    <DiagramView />
                    <PlanTable />
                    <Exports />
                </div>
            </div>
        </section>
    }
}

/// What a [`CheckedField`] does with text that parses. One boxed type for every field, so
/// the component is compiled once rather than once per field (7.7 KB gzipped when measured).
type Writer = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// A text field that writes to the plan only values that parse; its own text and problem
/// stay local, so a half-typed value never disturbs the layout.
#[component]
fn CheckedField(
    label: String,
    /// The plan's current value as text (re-read when the plan changes elsewhere).
    value: Signal<String>,
    parse: fn(&str) -> Result<(), String>,
    write: Writer,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    let problem = RwSignal::new(None::<String>);
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    // Follow outside changes (presets, undo, a shared link), but never while the user types
    // here: a prefix of what they are typing may already parse (`10.0.0.0` before `/16`), and
    // rewriting the text to the plan's form would garble the next keystrokes.
    Effect::new(move |_| {
        let v = value.get();
        let focused = input.get_untracked().is_some_and(|el| {
            let el: &web_sys::Element = &el;
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).as_ref() == Some(el)
        });
        if !focused {
            text.set(v);
            problem.set(None);
        }
    });
    let id = format!("f-{}", label.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let err_id = format!("{id}-err");
    let err_id2 = err_id.clone();
    view! {
        <label class=format!("field {class}")>
            <span class="field-label">{label}</span>
            <input
                type="text"
                class="mono"
                spellcheck="false"
                autocomplete="off"
                node_ref=input
                placeholder=placeholder
                prop:value=move || text.get()
                aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                aria-describedby=err_id2
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    match parse(&t) {
                        Ok(()) => {
                            problem.set(None);
                            write(&t);
                        }
                        Err(e) => problem.set(Some(e)),
                    }
                    text.set(t);
                }
            />
            <span id=err_id class="field-error" role="alert">{move || problem.get()}</span>
        </label>
    }
}

fn parse_network(t: &str) -> Result<Cidr, String> {
    match parse(t) {
        Ok(cidrplan::Parsed::Network(n)) if n.address.is_none() => Ok(n.network),
        Ok(cidrplan::Parsed::Network(n)) => Err(format!("Host bits are set: did you mean {}?", n.network)),
        Ok(cidrplan::Parsed::Range(_)) => Err("Enter one network, e.g. 10.0.0.0/16".into()),
        Err(e) => Err(e.to_string()),
    }
}

#[component]
fn PlanForm() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plan = st.plan;
    let load_preset = move |ev| {
        let id = event_target_value(&ev);
        if let Some(p) = plan::preset(&id) {
            st.edit_plan(|cur| *cur = p);
        }
    };
    view! {
        <form class="plan-form" on:submit=|ev| ev.prevent_default() aria-label="Plan settings">
            <div class="form-row">
                <label class="field grow">
                    <span class="field-label">"Start from a preset"</span>
                    <select on:change=load_preset>
                        <option value="" selected=true>"Choose a preset…"</option>
                        {presets().into_iter().map(|(id, label, _)| view! { <option value=id>{label}</option> }).collect_view()}
                    </select>
                </label>
            </div>
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
                    value=Signal::derive(move || plan.with(|p| p.region.clone()))
                    parse=|t: &str| if t.trim().is_empty() { Err("Enter a region label".into()) } else { Ok(()) }
                    write=std::sync::Arc::new(move |t: &str| st.edit_plan(|p| p.set_region(t.trim())))
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
                                        prop:checked=move || plan.with(|p| p.strategy == s)
                                        on:change=move |_| st.edit_plan(|p| p.strategy = s)
                                    />
                                    <span>{s.label()}<span class="hint-inline">" — "{hint}</span></span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
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
                        value=Signal::derive(move || plan.with(|p| p.growth.spare_per_zone.map(|x| format!("/{x}")).unwrap_or_default()))
                        parse=|t: &str| {
                            let t = t.trim();
                            if t.is_empty() {
                                return Ok(());
                            }
                            match t.trim_start_matches('/').parse::<u8>() {
                                Ok(p) if p <= 32 => Ok(()),
                                _ => Err("A prefix like /22, or empty for none".into()),
                            }
                        }
                        write=std::sync::Arc::new(move |t: &str| {
                            let v = t.trim().trim_start_matches('/').parse::<u8>().ok();
                            st.edit_plan(|p| p.growth.spare_per_zone = v);
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
    let st = expect_context::<AppState>();
    let plan = st.plan;
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
                                    value=Signal::derive(move || plan.with(|p| p.vpc.get(i).map(|c| c.to_string()).unwrap_or_default()))
                                    parse=|t: &str| parse_network(t).map(|_| ())
                                    write=std::sync::Arc::new(move |t: &str| {
                                        if let Ok(c) = parse_network(t) {
                                            st.edit_plan(|p| if let Some(slot) = p.vpc.get_mut(i) { *slot = c });
                                        }
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
                disabled=move || plan.with(|p| p.vpc.len() >= plan::limits(p.provider).blocks_per_vpc.unwrap_or(plan::MAX_VPC_BLOCKS).min(plan::MAX_VPC_BLOCKS))
                on:click=move |_| st.edit_plan(|p| {
                    // Offer the next block after the last one as a starting point.
                    let next = p.vpc.last().and_then(|c| c.next()).unwrap_or(p.vpc[0]);
                    p.vpc.push(next);
                })
            >
                "+ Secondary block"
            </button>
        </fieldset>
    }
}

#[component]
fn Zones() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plan = st.plan;
    let zone_count = Memo::new(move |_| plan.with(|p| p.zones.len()));
    view! {
        <fieldset class="form-group">
            <legend>"Availability zones"</legend>
            <div class="stepper" role="group" aria-label="Number of zones">
                <button type="button" class="icon-button" aria-label="One zone fewer" disabled=move || plan.with(|p| p.zones.len() <= 1)
                    on:click=move |_| st.edit_plan(|p| { let n = p.zones.len(); if n > 1 { p.remove_zone(n - 1) } })>"−"</button>
                <output class="stepper-value" aria-live="polite">{move || plan.with(|p| p.zones.len())}" zones"</output>
                <button type="button" class="icon-button" aria-label="One more zone" disabled=move || plan.with(|p| p.zones.len() >= MAX_ZONES)
                    on:click=move |_| st.edit_plan(|p| p.add_zone())>"+"</button>
            </div>
            <div class="zone-names">
                {move || {
                    (0..zone_count.get())
                        .map(|i| view! {
                            <CheckedField
                                label=format!("Zone {}", i + 1)
                                value=Signal::derive(move || plan.with(|p| p.zones.get(i).cloned().unwrap_or_default()))
                                parse=|t: &str| if t.trim().is_empty() { Err("Name the zone".into()) } else { Ok(()) }
                                write=std::sync::Arc::new(move |t: &str| st.edit_plan(|p| if let Some(z) = p.zones.get_mut(i) { *z = t.trim().to_string() }))
                                class="zone-field"
                            />
                        })
                        .collect_view()
                }}
            </div>
        </fieldset>
    }
}

#[component]
fn Tiers() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plan = st.plan;
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
                on:click=move |_| st.edit_plan(|p| {
                    let name = format!("tier{}", p.tiers.len() + 1);
                    p.tiers.push(Tier::new(&name, TierKind::Private, TierSize::Prefix(24)));
                })
            >
                "+ Tier"
            </button>
        </fieldset>
    }
}

#[component]
fn TierRow(i: usize) -> impl IntoView {
    let st = expect_context::<AppState>();
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
                value=name
                parse=|t: &str| if t.trim().is_empty() { Err("Name the tier".into()) } else { Ok(()) }
                write=std::sync::Arc::new(move |t: &str| st.edit_plan(|p| if let Some(x) = p.tiers.get_mut(i) { x.name = t.trim().to_string() }))
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
                value=Signal::derive(move || tier().map(|t| t.size.to_string()).unwrap_or_default())
                parse=|t: &str| TierSize::parse(t).map(|_| ())
                write=std::sync::Arc::new(move |t: &str| {
                    if let Ok(sz) = TierSize::parse(t) {
                        st.edit_plan(|p| if let Some(x) = p.tiers.get_mut(i) { x.size = sz });
                    }
                })
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

#[component]
fn Ipv6Field() -> impl IntoView {
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
                    value=Signal::derive(move || plan.with(|p| p.ipv6.map(|v| v.block.to_string()).unwrap_or_default()))
                    parse=|t: &str| parse_network(t).and_then(|c| if c.family() == cidrplan::Family::V6 { Ok(()) } else { Err("Enter an IPv6 block such as 2600:1f18:abcd:ef00::/56".into()) })
                    write=std::sync::Arc::new(move |t: &str| {
                        if let Ok(block) = parse_network(t) {
                            st.edit_plan(|p| p.ipv6 = Some(plan::Ipv6Plan { block }));
                        }
                    })
                    class="grow"
                />
            })}
        </fieldset>
    }
}

#[component]
fn Avoid() -> impl IntoView {
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
fn Pins() -> impl IntoView {
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
                value=Signal::derive(move || pin().map(|x| x.cidr.to_string()).unwrap_or_default())
                parse=|t: &str| parse_network(t).map(|_| ())
                write=std::sync::Arc::new(move |t: &str| {
                    if let Ok(c) = parse_network(t) {
                        st.edit_plan(|p| if let Some(x) = p.pinned.get_mut(i) { x.cidr = c });
                    }
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

/// The explanation when the plan has no layout (the last valid layout stays below).
#[component]
fn PlanStatus() -> impl IntoView {
    let v = expect_context::<View>();
    move || {
        v.layout.with(|l| match l {
            Ok(_) => None,
            Err(e) => {
                let stale = v.shown.with(|s| s.is_some());
                Some(view! {
                    <div class="plan-error" role="alert">
                        <p><span class="error-icon" aria-hidden="true">"!"</span>{e.to_string()}</p>
                        {stale.then(|| view! { <p class="hint">"Showing the last plan that fitted."</p> })}
                    </div>
                })
            }
        })
    }
}

#[component]
fn Summaries() -> impl IntoView {
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
                                {l.suggestions.iter().map(|s| view! { <p>{format!("Free RFC 1918 block instead of VPC block {}: ", s.block_index + 1)}<span class="mono">{s.replacement.to_string()}</span></p> }).collect_view()}
                            </div>
                        })}
                        {(!l.warnings.is_empty()).then(|| view! {
                            <ul class="warnings">{l.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                        })}
                    </div>
                }
            })
        })
    }
}

/// The diagram's width for the page: the output column on a desktop, the screen on a phone.
fn diagram_width() -> f64 {
    let w = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1280.0);
    if w < 1000.0 {
        (w - 48.0).max(diagram::MIN_WIDTH)
    } else {
        (w - 520.0).clamp(600.0, 1000.0)
    }
}

#[component]
fn DiagramView() -> impl IntoView {
    let v = expect_context::<View>();
    let st = expect_context::<AppState>();
    let width = RwSignal::new(diagram_width());
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        let w = diagram_width();
        if (w - width.get_untracked()).abs() > 24.0 {
            width.set(w);
        }
    });
    on_cleanup(move || handle.remove());
    let geometry = Memo::new(move |_| v.shown.with(|s| s.as_ref().map(|(p, l)| diagram::diagram(p, l, width.get()))));
    let export_svg = move |_| {
        if let Some(d) = geometry.get_untracked() {
            let name = v.plan.with_untracked(|p| file_stem(&p.name));
            browser::download(&format!("{name}.svg"), "image/svg+xml", &diagram::to_svg(&d, st.dark.get_untracked()));
        }
    };
    let export_png = move |_| {
        if let Some(d) = geometry.get_untracked() {
            let name = v.plan.with_untracked(|p| file_stem(&p.name));
            browser::download_svg_as_png(
                &diagram::to_svg(&d, st.dark.get_untracked()),
                d.width,
                d.height,
                &format!("{name}.png"),
            );
        }
    };
    // The core renders the SVG (the same renderer as the SVG export); it goes in as markup,
    // which is far less code than one typed view per shape. Hover and focus are delegated:
    // each subnet's box and segment carry `data-subnet`.
    let svg = Memo::new(move |_| {
        geometry.with(|g| g.as_ref().map(|d| diagram::render_svg(d, st.dark.get(), diagram::SvgTarget::Page)))
    });
    let host: NodeRef<leptos::html::Div> = NodeRef::new();
    // New markup when the diagram changes (then the highlight again, on the new elements);
    // only the highlight when the hovered subnet changes. Either order of the two is right.
    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        svg.with(|s| el.set_inner_html(s.as_deref().unwrap_or("")));
        highlight(&el, v.hovered.get_untracked());
    });
    Effect::new(move |_| {
        let hovered = v.hovered.get();
        if let Some(el) = host.get() {
            highlight(&el, hovered);
        }
    });
    view! {
        <div class="diagram-wrap">
            <div class="diagram-actions">
                <button type="button" class="button small" on:click=export_svg>"Export SVG"</button>
                <button type="button" class="button small" on:click=export_png>"Export PNG"</button>
            </div>
            <div
                class="diagram-host"
                node_ref=host
                on:mouseover=move |ev| v.hovered.set(browser::data_at(&ev, "data-subnet"))
                on:mouseleave=move |_| v.hovered.set(None)
                on:focusin=move |ev| v.hovered.set(browser::data_at(&ev, "data-subnet"))
                on:focusout=move |_| v.hovered.set(None)
            ></div>
        </div>
    }
}

/// A file name from the plan's name: letters, digits, `-` and `_` only.
fn file_stem(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if s.trim_matches('-').is_empty() {
        "vpc-plan".to_string()
    } else {
        s
    }
}

/// Marks subnet `i`'s box and address-map segment with the `hl` class, and nothing else.
fn highlight(host: &web_sys::Element, i: Option<usize>) {
    // At most two elements carry the class, so a loop of single queries is enough.
    while let Ok(Some(el)) = host.query_selector(".hl") {
        let _ = el.class_list().remove_1("hl");
    }
    if let Some(i) = i {
        for sel in [format!("g[data-subnet=\"{i}\"]"), format!("rect[data-subnet=\"{i}\"]")] {
            if let Ok(Some(el)) = host.query_selector(&sel) {
                let _ = el.class_list().add_1("hl");
            }
        }
    }
}

#[component]
fn PlanTable() -> impl IntoView {
    let v = expect_context::<View>();
    move || {
        v.shown.with(|s| {
            s.as_ref().map(|(plan, l)| {
                let rows = export::table_rows(plan, l);
                let has_v6 = plan.ipv6.is_some();
                view! {
                    <div class="table-scroll plan-table-wrap">
                        <table class="plan-table">
                            <caption class="visually-hidden">"Subnets of the plan"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"Zone"</th>
                                    <th scope="col">"Tier"</th>
                                    <th scope="col">"CIDR"</th>
                                    <th scope="col">"Range"</th>
                                    <th scope="col" class="num">"Usable"</th>
                                    <th scope="col">"Reserved"</th>
                                    {has_v6.then(|| view! { <th scope="col">"IPv6"</th> })}
                                    <th scope="col">"cidrsubnet()"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, r)| {
                                        let reserved = r.reserved.iter().map(|x| format!("{} {}", x.address, x.role)).collect::<Vec<_>>().join("\n");
                                        let reserved_n = r.reserved.len();
                                        view! {
                                            <tr
                                                class=format!("kind-{}", r.kind.id())
                                                class:hl=move || v.hovered.get() == Some(i)
                                                on:mouseenter=move |_| v.hovered.set(Some(i))
                                                on:mouseleave=move |_| v.hovered.set(None)
                                                on:focusin=move |_| v.hovered.set(Some(i))
                                                on:focusout=move |_| v.hovered.set(None)
                                                tabindex="0"
                                            >
                                                <th scope="row">
                                                    {r.name.clone()}
                                                    {r.pinned.then(|| view! { <span class="pin-mark" title="Pinned">" 📌"</span> })}
                                                </th>
                                                <td>{r.zone.clone()}</td>
                                                <td>{r.tier.clone()}</td>
                                                <td class="mono">{r.cidr.to_string()}</td>
                                                <td class="mono">{r.range()}</td>
                                                <td class="mono num">
                                                    {r.usable.grouped()}
                                                    {r.headroom.map(|h| view! { <span class="hint">{format!(" (+{h})")}</span> })}
                                                </td>
                                                <td title=reserved>{reserved_n.to_string()}</td>
                                                {has_v6.then(|| view! { <td class="mono">{r.ipv6.map(|c| c.to_string()).unwrap_or_default()}</td> })}
                                                <td class="mono small">{r.expr.clone()}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })
        })
    }
}

/// The plan as code and data: pick a format, read it, copy it or download it.
#[component]
fn Exports() -> impl IntoView {
    let v = expect_context::<View>();
    let st = expect_context::<AppState>();
    // Start with the format a user of this provider most likely wants.
    let initial = v.plan.with_untracked(|p| match export::TfTarget::for_provider(p.provider) {
        Some(t) => Format::Terraform(Some(t)),
        None => Format::Csv,
    });
    let format = RwSignal::new(initial);
    let output = Memo::new(move |_| {
        let f = format.get();
        v.shown.with(|s| s.as_ref().map(|(p, l)| export::render(p, l, f)))
    });
    let copy = move |_| {
        if let Some(Ok(text)) = output.get_untracked() {
            browser::copy_to_clipboard(&text);
            st.status.set("Copied".into());
        }
    };
    let download = move |_| {
        if let Some(Ok(text)) = output.get_untracked() {
            let f = format.get_untracked();
            let name = v.plan.with_untracked(|p| file_stem(&p.name));
            browser::download(&format!("{name}.{}", f.extension()), f.mime(), &text);
        }
    };
    view! {
        <section class="exports" aria-labelledby="exports-title">
            <h3 id="exports-title">"Export"</h3>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">"Format"</span>
                    <select on:change=move |ev| {
                        if let Ok(f) = event_target_value(&ev).parse::<Format>() {
                            format.set(f);
                        }
                    }>
                        {Format::ALL
                            .into_iter()
                            .map(|f| view! { <option value=f.id() selected=move || format.get() == f>{format_label(f)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button type="button" class="button" on:click=copy>"Copy"</button>
                <button type="button" class="button" on:click=download>"Download"</button>
            </div>
            {move || match output.get() {
                Some(Ok(text)) => view! { <pre class="code" tabindex="0" aria-label="Exported text"><code>{text}</code></pre> }.into_any(),
                Some(Err(e)) => view! { <p class="warning">{e}</p> }.into_any(),
                None => view! { <p class="hint">"Nothing to export until the plan fits."</p> }.into_any(),
            }}
        </section>
    }
}

fn format_label(f: Format) -> &'static str {
    match f {
        Format::Terraform(Some(export::TfTarget::Aws)) => "Terraform (AWS)",
        Format::Terraform(Some(export::TfTarget::Azure)) => "Terraform (Azure)",
        Format::Terraform(Some(export::TfTarget::Gcp)) => "Terraform (GCP)",
        Format::Terraform(None) => "Terraform",
        Format::CloudFormation => "CloudFormation (AWS)",
        Format::Json => "JSON",
        Format::Csv => "CSV",
        Format::Markdown => "Markdown",
        Format::Table => "Text table",
    }
}
