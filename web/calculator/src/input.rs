//! The calculator's input row (text, mode), what is wrong with the input, and the prefix
//! slider.
//!
//! An input the core calls incomplete (`10.0`, `10.0.0.0/`) is not an error while keys keep
//! coming: the page says "keep typing" and shows the error only after a pause of [`PAUSE`].
//! An input nothing can fix (`10.0.0.256`) is an error at once.

use super::{on_screen, ParseResult, Shown};
use crate::state::CalcState;
use cidrplan::InputError;
use cidrplan_shell::ModeSelect;
use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before an incomplete input is called an error.
const PAUSE: Duration = Duration::from_millis(800);

/// What to say under the input.
enum Problem {
    None,
    /// Incomplete, and keys are still coming.
    KeepTyping,
    Error(InputError),
}

/// What to say about the input now.
#[inline(never)]
fn problem_of(parsed: ParseResult, input: RwSignal<String>, typing: RwSignal<bool>) -> Problem {
    match parsed.get() {
        Ok(_) => Problem::None,
        Err(_) if input.with(|s| s.trim().is_empty()) => Problem::None,
        Err(e) if e.is_incomplete() && typing.get() => Problem::KeepTyping,
        Err(e) => Problem::Error(e),
    }
}

#[component]
pub fn InputRow<F>(parsed: ParseResult, set_prefix: F) -> impl IntoView
where
    F: Fn(u8) + Copy + Send + Sync + 'static,
{
    let st = expect_context::<CalcState>();
    let input = st.input;
    let typing = RwSignal::new(false);
    // Only the timer of the latest keystroke ends the typing state.
    let keystroke = StoredValue::new(0u32);
    let on_input = move |ev| {
        input.set(event_target_value(&ev));
        typing.set(true);
        keystroke.update_value(|k| *k = k.wrapping_add(1));
        let mine = keystroke.get_value();
        set_timeout(
            move || {
                if keystroke.try_get_value() == Some(mine) {
                    typing.set(false);
                }
            },
            PAUSE,
        );
    };
    let problem = move || problem_of(parsed, input, typing);

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step: i16 = match ev.key().as_str() {
            "ArrowUp" => 1,
            "ArrowDown" => -1,
            _ => return,
        };
        if let Some(net) = parsed.with_untracked(|p| p.as_ref().ok().map(|p| p.network())) {
            ev.prevent_default();
            set_prefix((net.prefix() as i16 + step).clamp(0, net.width() as i16) as u8);
        }
    };

    view! {
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
                    aria-invalid=move || matches!(problem(), Problem::Error(_)).to_string()
                    prop:value=move || input.get()
                    on:input=on_input
                    on:keydown=on_key
                />
            </label>
            <label class="field mode-field">
                <span class="field-label">"Mode"</span>
                <ModeSelect mode=st.mode />
            </label>
        </div>
        <p id="calc-hint" class="hint">
            "CIDR, address + netmask or wildcard, bare address, range, IPv6 (incl. ::ffff:1.2.3.4, fe80::1%eth0). ↑/↓ change the prefix."
        </p>
        {move || match problem() {
            Problem::Error(e) => {
                // The core's suggestion is a whole corrected input.
                let fix = e.suggestion.map(|whole| {
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
                        {e.message}
                        " "
                        {fix}
                    </p>
                }
                .into_any()
            }
            Problem::KeepTyping => view! { <p id="calc-pending" class="pending">"Keep typing…"</p> }.into_any(),
            Problem::None => view! { <p id="calc-error" class="error" hidden=true></p> }.into_any(),
        }}
    }
}

/// A − / slider / + control for the prefix length. The elements stay while the prefix
/// changes, so a drag or the arrow keys on the slider keep going.
#[component]
pub fn PrefixControl<F>(shown: Memo<Option<Shown>>, on_set: F) -> impl IntoView
where
    F: Fn(u8) + Copy + Send + Sync + 'static,
{
    let net = move || on_screen(shown).map(|(net, _)| net);
    let p = move || net().map(|n| n.prefix()).unwrap_or(0);
    let w = move || net().map(|n| n.width()).unwrap_or(32);
    view! {
        <div class="prefix-control" hidden=move || net().is_none()>
            <button
                type="button"
                class="icon-button"
                aria-label="Shorter prefix (larger network)"
                disabled=move || p() == 0
                on:click=move |_| on_set(p().saturating_sub(1))
            >
                "−"
            </button>
            <input
                type="range"
                min="0"
                max=move || w().to_string()
                prop:value=move || p().to_string()
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
                disabled=move || p() == w()
                on:click=move |_| on_set((p() + 1).min(w()))
            >
                "+"
            </button>
            <output class="mono prefix-value">{move || format!("/{}", p())}</output>
        </div>
    }
}
