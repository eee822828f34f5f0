//! The Calculator tool, its own wasm module: one input for every form the core parses
//! (`input`), the report as a grid with copy buttons (`results`), the bit view (`bits`) and
//! quick links (`links`); its state and link in `state`. The page around it is the shell's.
//!
//! While the input does not parse, the last input that did stays on screen, dimmed and inert,
//! and says which input it belongs to: the page keeps its height while someone types, and an
//! error appears only when the input is clearly wrong or typing has paused (`input`).

mod bits;
mod input;
mod links;
mod results;
mod state;

use cidrplan::calc::with_prefix;
use cidrplan::parse::Parsed;
use cidrplan::share::{self, Opened, ShareError, ShareState};
use cidrplan::{parse, Addr, Cidr, InputError};
use cidrplan_shell::{Shell, Tool, ToolId};
use leptos::prelude::*;
use state::CalcState;

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
    let st = expect_context::<CalcState>();
    let input = st.input;
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
                {move || shown.get().map(|s| view! { <results::Results shown=s mode=st.mode.get() /> })}
                <bits::BitView shown=shown on_set=set_prefix />
                {move || on_screen(shown).map(|(net, _)| view! { <links::QuickLinks net=net /> })}
            </div>
        </section>
    }
}

impl Tool for CalcState {
    const ID: ToolId = ToolId::Calculator;

    fn load(_shell: Shell) -> Self {
        CalcState::load()
    }

    fn decode(fragment: &str) -> Result<Opened, ShareError> {
        share::decode_calculator(fragment)
    }

    fn open(self, state: ShareState) {
        if let ShareState::Calculator { input, mode } = state {
            self.input.set(input);
            self.mode.set(mode);
        }
    }

    fn link(self) -> Result<String, ShareError> {
        CalcState::link(&self)
    }

    fn view(self) -> AnyView {
        view! { <Calculator /> }.into_any()
    }
}

// Started by `static/boot.js` (see `cidrplan_shell::host`).
cidrplan_shell::tool_module!(CalcState);
