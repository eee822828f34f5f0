//! The table of the plan's subnets.

use super::{stale_label, View};
use cidrplan::export;
use cidrplan_shell::browser;
use leptos::prelude::*;

#[component]
pub(super) fn PlanTable() -> impl IntoView {
    let v = expect_context::<View>();
    move || {
        v.shown.with(|s| {
            s.as_ref().map(|(plan, l)| {
                let rows = export::table_rows(plan, l);
                let has_v6 = plan.ipv6.is_some();
                view! {
                    {stale_label(v)}
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
                            // Hover and focus are delegated, like the diagram's; the `hl`
                            // class is set by the diagram's highlight effect.
                            <tbody
                                on:mouseover=move |ev| v.hovered.set(browser::data_at(&ev, "data-subnet"))
                                on:mouseleave=move |_| v.hovered.set(None)
                                on:focusin=move |ev| v.hovered.set(browser::data_at(&ev, "data-subnet"))
                                on:focusout=move |_| v.hovered.set(None)
                            >
                                {rows
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, r)| {
                                        let reserved = r.reserved.iter().map(|x| format!("{} {}", x.address, x.role)).collect::<Vec<_>>().join("\n");
                                        let reserved_n = r.reserved.len();
                                        view! {
                                            <tr class=format!("kind-{}", r.kind.id()) data-subnet=i.to_string() tabindex="0">
                                                <th scope="row">
                                                    {r.name.clone()}
                                                    {r.pinned.then(|| view! { <span class="pin-mark" title="Pinned">" 📌"</span> })}
                                                </th>
                                                <td>{r.zone.clone()}</td>
                                                <td>{r.tier.clone()}</td>
                                                <td class="mono cidr">{r.cidr.to_string()}</td>
                                                <td class="mono">{r.range()}</td>
                                                <td class="mono num">
                                                    {r.usable.grouped()}
                                                    {r.headroom_text().map(|h| view! { <span class="hint">{format!(" ({h})")}</span> })}
                                                </td>
                                                <td title=reserved>{reserved_n.to_string()}</td>
                                                {has_v6.then(|| view! { <td class="mono">{r.ipv6.map(|c| c.to_string()).unwrap_or_default()}</td> })}
                                                <td class="mono small">{r.expr.clone()}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                            {(!l.avoided.is_empty()).then(|| {
                                // One line, by label: the table lists subnets, and none is there.
                                let parts: Vec<String> = l.avoided.iter().map(|a| format!("{} {}", if a.label.is_empty() { "avoided" } else { &a.label }, a.cidr)).collect();
                                view! {
                                    <tfoot>
                                        <tr class="avoided-row">
                                            <td colspan=if has_v6 { "10" } else { "9" }>{format!("Kept free (networks to avoid): {}", parts.join(", "))}</td>
                                        </tr>
                                    </tfoot>
                                }
                            })}
                        </table>
                    </div>
                }
            })
        })
    }
}
