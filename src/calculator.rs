//! The Calculator tab: one input for every form the core parses, the report as a grid with
//! copy buttons, special-purpose badges, the bit view and quick links.

use crate::browser;
use crate::state::{AppState, Tab};
use cidrplan::calc::{bit_groups, neighbours, with_prefix};
use cidrplan::parse::Parsed;
use cidrplan::report::Report;
use cidrplan::{parse, Cidr, Family, Mode};
use leptos::prelude::*;

#[component]
pub fn Calculator() -> impl IntoView {
    let st = expect_context::<AppState>();
    let input = st.calc_input;
    let mode = st.calc_mode;
    let parsed = Memo::new(move |_| input.with(|s| parse(s)));

    // Set the prefix, keeping the address typed; only when the input parses.
    let set_prefix = move |p: u8| {
        if let Some(Ok(pa)) = parsed.try_get_untracked() {
            input.set(with_prefix(&pa, p));
        }
    };
    let current_prefix = move || parsed.with(|p| p.as_ref().ok().map(|p| p.network().prefix()));
    let width = move || parsed.with(|p| p.as_ref().ok().map(|p| p.network().width()).unwrap_or(32));

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step: i16 = match ev.key().as_str() {
            "ArrowUp" => 1,
            "ArrowDown" => -1,
            _ => return,
        };
        if let Some(p) = current_prefix() {
            ev.prevent_default();
            let next = (p as i16 + step).clamp(0, width() as i16) as u8;
            set_prefix(next);
        }
    };

    view! {
        <section class="panel calc" aria-labelledby="calc-title">
            <h2 id="calc-title" class="visually-hidden">"Calculator"</h2>
            <div class="calc-input-row">
                <label class="field grow">
                    <span class="field-label">"Address, network or range"</span>
                    <input
                        id="calc-input"
                        class="mono big"
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        placeholder="10.0.0.0/16, 192.168.1.7 255.255.255.0, 2001:db8::/48, 10.0.0.0 - 10.0.3.255"
                        aria-describedby="calc-hint calc-error"
                        aria-invalid=move || parsed.with(|p| p.is_err()).to_string()
                        prop:value=move || input.get()
                        on:input=move |ev| input.set(event_target_value(&ev))
                        on:keydown=on_key
                    />
                </label>
                <label class="field">
                    <span class="field-label">"Mode"</span>
                    <ModeSelect mode=mode />
                </label>
            </div>
            <p id="calc-hint" class="hint">
                "CIDR, address + netmask or wildcard, bare address, range, IPv6 (incl. ::ffff:1.2.3.4, fe80::1%eth0). ↑/↓ change the prefix."
            </p>
            <InputProblem parsed=parsed input=input />
            <PrefixControl parsed=parsed on_set=set_prefix />
            {move || {
                parsed
                    .with(|p| p.as_ref().ok().cloned())
                    .map(|p| view! { <Results parsed=p mode=mode.get() input=input.get_untracked() /> })
            }}
        </section>
    }
}

/// The mode selector shared by the calculator and the designer.
#[component]
pub fn ModeSelect(mode: RwSignal<Mode>) -> impl IntoView {
    view! {
        <select
            class="mode-select"
            on:change=move |ev| {
                if let Ok(m) = event_target_value(&ev).parse::<Mode>() {
                    mode.set(m);
                }
            }
            prop:value=move || mode.get().id().to_string()
        >
            {Mode::ALL
                .into_iter()
                .map(|m| view! { <option value=m.id() selected=move || mode.get() == m>{m.label()}</option> })
                .collect_view()}
        </select>
    }
}

/// The parse error, next to the input, with a one-click fix when the core suggests one.
#[component]
fn InputProblem(parsed: Memo<Result<Parsed, cidrplan::InputError>>, input: RwSignal<String>) -> impl IntoView {
    move || {
        parsed.with(|p| match p {
            Err(e) if !input.with(|s| s.trim().is_empty()) => {
                // The core's suggestion is a whole corrected input.
                let fix = e.suggestion.clone().map(|whole| {
                    let label = format!("Use {whole}");
                    view! {
                        <button class="link-button" type="button" on:click=move |_| input.set(whole.clone())>
                            {label}
                        </button>
                    }
                });
                view! {
                    <p id="calc-error" class="error" role="alert">
                        <span class="error-icon" aria-hidden="true">"!"</span>
                        {e.message.clone()}
                        " "
                        {fix}
                    </p>
                }
                .into_any()
            }
            _ => view! { <p id="calc-error" class="error" hidden=true></p> }.into_any(),
        })
    }
}

/// A − / slider / + control for the prefix length.
#[component]
fn PrefixControl<F>(parsed: Memo<Result<Parsed, cidrplan::InputError>>, on_set: F) -> impl IntoView
where
    F: Fn(u8) + Copy + Send + Sync + 'static,
{
    move || {
        parsed.with(|p| p.as_ref().ok().map(|p| p.network())).map(|net| {
            let p = net.prefix();
            let w = net.width();
            view! {
                <div class="prefix-control">
                    <button
                        type="button"
                        class="icon-button"
                        aria-label="Shorter prefix (larger network)"
                        disabled=p == 0
                        on:click=move |_| on_set(p.saturating_sub(1))
                    >
                        "−"
                    </button>
                    <input
                        type="range"
                        min="0"
                        max=w.to_string()
                        prop:value=p.to_string()
                        aria-label="Prefix length"
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<u8>() {
                                on_set(v)
                            }
                        }
                    />
                    <button
                        type="button"
                        class="icon-button"
                        aria-label="Longer prefix (smaller network)"
                        disabled=p == w
                        on:click=move |_| on_set((p + 1).min(w))
                    >
                        "+"
                    </button>
                    <output class="mono prefix-value">{format!("/{p}")}</output>
                </div>
            }
        })
    }
}

/// Two overlapping sheets: drawn inline so no icon font or request is needed.
#[component]
fn CopyIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
    }
}

/// One labelled value with a copy button.
#[component]
fn Row(label: &'static str, value: String, #[prop(optional)] note: Option<String>) -> impl IntoView {
    let copy_value = value.clone();
    let aria = format!("Copy {label}");
    view! {
        <div class="result-row">
            <dt>{label}</dt>
            <dd>
                <span class="mono value">{value}</span>
                {note.map(|n| view! { <span class="value-note">{n}</span> })}
                <button
                    type="button"
                    class="copy-button"
                    aria-label=aria
                    title="Copy"
                    on:click=move |_| crate::browser::copy_to_clipboard(&copy_value)
                >
                    <CopyIcon />
                </button>
            </dd>
        </div>
    }
}

#[component]
fn Results(parsed: Parsed, mode: Mode, input: String) -> impl IntoView {
    let r = Report::new(&input, &parsed, mode);
    let v4 = r.version == 4;
    let net = r.network;
    let dash = || "—".to_string();
    let range_cidrs = match &parsed {
        Parsed::Range(rg) if rg.cidrs.len() > 1 || rg.cidrs.first() != Some(&net) => Some(rg.cidrs.clone()),
        _ => None,
    };
    let badges = if r.special.is_empty() {
        vec![(r.label.clone(), "public".to_string(), "Globally reachable unicast".to_string())]
    } else {
        r.special
            .iter()
            .map(|s| (s.name.to_string(), "special".to_string(), format!("{} — {}", s.block, s.rfc)))
            .collect()
    };
    let reserved = r.reserved.clone();
    let usable_note = if reserved.is_empty() { None } else { Some(format!("{} reserved", reserved.len())) };
    view! {
        <div class="results">
            <p class="understood">
                {r.understood_as.clone()}
                {r.address_position.clone().map(|s| view! { <span class="position">" · "{s}</span> })}
            </p>
            <ul class="badges" aria-label="Address type">
                {badges
                    .into_iter()
                    .map(|(name, kind, title)| {
                        let tip = title.clone();
                        view! {
                            <li class=format!("badge badge-{kind}") title=tip>
                                {name}
                                <span class="badge-rfc">{title}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {r.mode_problem.clone().map(|m| view! { <p class="warning" role="note">{m}</p> })}
            <dl class="result-grid">
                <Row label="Network" value=r.network.to_string() />
                <Row label="Netmask" value=r.netmask.to_string() note=format!("/{} · {}", r.prefix, r.netmask_hex) />
                <Row label="Wildcard" value=r.hostmask.to_string() />
                {v4.then(|| view! { <Row label="Broadcast" value=r.broadcast.map(|b| b.to_string()).unwrap_or_else(dash) /> })}
                <Row label="First address" value=r.first.to_string() />
                <Row label="Last address" value=r.last.to_string() />
                <Row label="First usable" value=r.first_usable.map(|a| a.to_string()).unwrap_or_else(dash) />
                <Row label="Last usable" value=r.last_usable.map(|a| a.to_string()).unwrap_or_else(dash) />
                <Row label="Total addresses" value=r.addresses.grouped() />
                <Row label="Usable hosts" value=r.usable.grouped() note=usable_note.unwrap_or_default() />
                {r.class.map(|c| view! { <Row label="Class" value=c.to_string() /> })}
                <Row label="Integer" value=r.integer.clone() />
                <Row label="Hex" value=r.hex.clone() />
                <Row label="Reverse DNS" value=r.reverse_dns.clone() />
                {(!v4).then(|| view! {
                    <Row label="Expanded" value=r.exploded.clone().unwrap_or_default() />
                    <Row label="/64 networks" value=r.count_64.map(|c| c.grouped()).unwrap_or_default() />
                    <Row label="/48 networks" value=r.count_48.map(|c| c.grouped()).unwrap_or_default() />
                })}
            </dl>
            {(!r.notes.is_empty()).then(|| view! {
                <ul class="notes">{r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
            })}
            {(!reserved.is_empty()).then(|| view! {
                <details class="reserved" open=true>
                    <summary>{format!("Reserved under {} ({})", mode.label(), reserved.len())}</summary>
                    <ul>
                        {reserved
                            .iter()
                            .map(|x| view! { <li><span class="mono">{x.address.to_string()}</span>" — "{x.role}</li> })
                            .collect_view()}
                    </ul>
                </details>
            })}
            {range_cidrs.map(|cidrs| view! {
                <div class="range-cidrs">
                    <h3>{format!("This range is {} CIDR block{}", cidrs.len(), if cidrs.len() == 1 { "" } else { "s" })}</h3>
                    <ul class="mono">{cidrs.iter().map(|c| view! { <li>{c.to_string()}</li> }).collect_view()}</ul>
                </div>
            })}
            <BitView addr=r.address.unwrap_or(net.network()) net=net />
            <QuickLinks net=net />
        </div>
    }
}

/// The bits drawn as bits: network and host parts in two colours, place values under each
/// octet, the netmask under the address; a click between two bits moves the prefix there.
#[component]
fn BitView(addr: cidrplan::Addr, net: Cidr) -> impl IntoView {
    let st = expect_context::<AppState>();
    let p = net.prefix();
    let groups = bit_groups(addr, p);
    let mask_groups = bit_groups(net.netmask(), p);
    let v4 = net.family() == Family::V4;
    let set = move |np: u8| {
        st.calc_input.update(|s| {
            if let Ok(pa) = parse(s) {
                *s = with_prefix(&pa, np);
            }
        })
    };
    view! {
        <figure class="bitview" aria-label="Address bits: network part and host part">
            <figcaption>
                <span class="swatch swatch-net"></span>"network bits ("{p}") "
                <span class="swatch swatch-host"></span>"host bits ("{net.width() - p}")"
                <span class="hint">" · click between two bits, or use the prefix slider, to move the prefix"</span>
            </figcaption>
            // The gaps are a pointer shortcut, not controls of their own: the prefix slider and
            // its −/+ buttons (just above) are the keyboard and screen-reader way to the same
            // thing. As 33 or 129 buttons they were that many tab stops, and at phone width
            // they fall under WCAG 2.5.8's 24 px minimum target size.
            <div class=if v4 { "bit-groups v4" } else { "bit-groups v6" } on:click=move |ev| {
                if let Some(np) = browser::data_at::<u8>(&ev, "data-prefix") {
                    set(np)
                }
            }>
                {groups
                    .into_iter()
                    .zip(mask_groups)
                    .map(|(g, m)| {
                        view! {
                            <div class="bit-group">
                                <div class="group-value mono">{g.text.clone()}</div>
                                <div class="bit-row">
                                    {g.bits
                                        .iter()
                                        .map(|b| {
                                            let idx = b.index;
                                            let cls = if b.network { "bit net" } else { "bit host" };
                                            view! {
                                                <span
                                                    class="bit-gap"
                                                    class:at-prefix=idx == p
                                                    data-prefix=idx
                                                    title=format!("Set prefix to /{idx}")
                                                ></span>
                                                <span class=cls>{if b.one { "1" } else { "0" }}</span>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                                <div class="bit-row mask" role="group" aria-label="netmask bits">
                                    {m.bits
                                        .iter()
                                        .map(|b| view! {
                                            <span class="bit-gap-spacer"></span>
                                            <span class=if b.one { "bit mask-one" } else { "bit mask-zero" }>{if b.one { "1" } else { "0" }}</span>
                                        })
                                        .collect_view()}
                                </div>
                                {v4.then(|| view! {
                                    <div class="bit-row places" aria-hidden="true">
                                        {g.bits.iter().map(|b| view! { <span class="bit-gap-spacer"></span><span class="bit place">{b.place}</span> }).collect_view()}
                                    </div>
                                })}
                            </div>
                        }
                    })
                    .collect_view()}
                {(p == net.width()).then(|| {
                    let w = net.width();
                    view! {
                        <span class="bit-gap end at-prefix" data-prefix=w title=format!("Set prefix to /{w}")></span>
                    }
                })}
            </div>
        </figure>
    }
}

/// Previous/next network of the same size, the supernet, and "split this".
#[component]
fn QuickLinks(net: Cidr) -> impl IntoView {
    let st = expect_context::<AppState>();
    let n = neighbours(net);
    let go = move |c: Cidr| st.calc_input.set(c.to_string());
    let link = move |label: &'static str, c: Option<Cidr>| {
        c.map(|c| {
            view! {
                <button type="button" class="chip" on:click=move |_| go(c)>
                    {label}" "<span class="mono">{c.to_string()}</span>
                </button>
            }
        })
    };
    let split_this = move |_| {
        st.open_in_designer(net);
        st.tab.set(Tab::Subnets);
    };
    view! {
        <nav class="quick-links" aria-label="Related networks">
            {link("← Previous", n.previous)}
            {link("Next →", n.next)}
            {link("Supernet", n.supernet)}
            {n.halves.map(|_| view! {
                <button type="button" class="chip primary" on:click=split_this>
                    "Split this in the designer"
                </button>
            })}
        </nav>
    }
}
