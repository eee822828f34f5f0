//! The Calculator tab: one input for every form the core parses (`input`), the report as a
//! grid with copy buttons (`results`), the bit view (`bits`) and quick links (`links`).
//!
//! While the input does not parse, the last input that did stays on screen, dimmed and inert,
//! and says which input it belongs to: the page keeps its height while someone types, and an
//! error appears only when the input is clearly wrong or typing has paused (`input`).

mod bits;
mod input;
mod links;
mod results;

pub use input::ModeSelect;

use crate::state::AppState;
use cidrplan::calc::with_prefix;
use cidrplan::parse::Parsed;
use cidrplan::{parse, Addr, Cidr, InputError};
use leptos::prelude::*;

/// The input on screen and what it parsed to: the current input, or the last one that parsed.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    input: String,
    parsed: Parsed,
}

/// The network on screen and the address typed in it (host bits and all; the network address
/// for a range), or `None` before anything parsed. One function that the many reactive
/// attributes call, rather than a copy of this in each of their closures.
#[inline(never)]
fn on_screen(shown: Memo<Option<Shown>>) -> Option<(Cidr, Addr)> {
    shown.with(|s| {
        s.as_ref().map(|s| {
            let net = s.parsed.network();
            match &s.parsed {
                Parsed::Network(n) => (net, n.address.unwrap_or(net.network())),
                Parsed::Range(_) => (net, net.network()),
            }
        })
    })
}

type ParseResult = Memo<Result<Parsed, InputError>>;

#[component]
pub fn Calculator() -> impl IntoView {
    let st = expect_context::<AppState>();
    let input = st.calc_input;
    let parsed: ParseResult = Memo::new(move |_| input.with(|s| parse(s)));
    let shown = Memo::new(move |prev: Option<&Option<Shown>>| match parsed.get() {
        Ok(parsed) => Some(Shown { input: input.get(), parsed }),
        Err(_) => prev.cloned().flatten(),
    });
    let stale = move || parsed.with(|p| p.is_err());

    // Set the prefix, keeping the address typed; only when the input parses (what is shown
    // while it does not is inert).
    let set_prefix = move |p: u8| {
        if let Some(Ok(pa)) = parsed.try_get_untracked() {
            input.set(with_prefix(&pa, p));
        }
    };

    view! {
        <section class="panel calc" aria-labelledby="calc-title">
            <h2 id="calc-title" class="visually-hidden">"Calculator"</h2>
            <input::InputRow parsed=parsed set_prefix=set_prefix />
            {move || {
                stale()
                    .then(|| shown.with(|s| s.as_ref().map(|s| s.input.clone())))
                    .flatten()
                    .map(|last| {
                        view! {
                            <p class="stale-note">
                                "Showing the last complete input, "<span class="mono">{last}</span>"."
                            </p>
                        }
                    })
            }}
            <div class="calc-output" class:stale=stale inert=stale>
                <input::PrefixControl shown=shown on_set=set_prefix />
                {move || shown.get().map(|s| view! { <results::Results shown=s mode=st.calc_mode.get() /> })}
                <bits::BitView shown=shown on_set=set_prefix />
                {move || on_screen(shown).map(|(net, _)| view! { <links::QuickLinks net=net /> })}
            </div>
        </section>
    }
}
