//! The bit view: the core's markup (place values, address, netmask, network) inside one
//! slider for the prefix. A click on any bit ends the network part right after that bit; with
//! the keyboard, ←/→ (or ↓/↑) move the prefix by one bit, Page Up/Down to the next octet or
//! hextet boundary, Home/End to /0 and the full width. The slider element stays while its
//! contents change, so it keeps focus as the prefix moves.

use super::{on_screen, Shown};
use cidrplan::calc::bit_view;
use cidrplan_shell::browser;
use leptos::prelude::*;

#[component]
pub fn BitView<F>(shown: Memo<Option<Shown>>, on_set: F) -> impl IntoView
where
    F: Fn(u8) + Copy + Send + Sync + 'static,
{
    let prefix = move || on_screen(shown).map_or(0, |(net, _)| net.prefix());
    let width = move || on_screen(shown).map_or(32, |(net, _)| net.width());
    let drawn = move || on_screen(shown).map(|(net, addr)| bit_view(addr, net.prefix()));

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (p, w) = (prefix() as i16, width() as i16);
        let group = if w == 32 { 8 } else { 16 };
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => p + 1,
            "ArrowLeft" | "ArrowDown" => p - 1,
            "PageUp" => (p / group + 1) * group,
            "PageDown" => (p - 1).div_euclid(group) * group,
            "Home" => 0,
            "End" => w,
            _ => return,
        };
        ev.prevent_default();
        on_set(next.clamp(0, w) as u8);
    };

    view! {
        <figure class="bitview" hidden=move || on_screen(shown).is_none()>
            <figcaption inner_html=move || drawn().map(|d| d.caption_html()).unwrap_or_default()></figcaption>
            <div
                class=move || if width() == 32 { "bit-slider v4" } else { "bit-slider v6" }
                role="slider"
                tabindex="0"
                aria-label="Network bits"
                aria-valuemin="0"
                aria-valuemax=move || width().to_string()
                aria-valuenow=move || prefix().to_string()
                aria-valuetext=move || {
                    format!("/{p}: {p} network bits, {} host bits", width() - prefix(), p = prefix())
                }
                on:click=move |ev| {
                    if let Some(p) = browser::data_at::<u8>(&ev, "data-prefix") {
                        on_set(p)
                    }
                }
                on:keydown=on_key
                inner_html=move || drawn().map(|d| d.html).unwrap_or_default()
            ></div>
        </figure>
    }
}
