//! The calculator's state: the input as typed and the mode, saved in this browser on every
//! change and carried by its link.

use cidrplan::share::{self, ShareState};
use cidrplan::Mode;
use cidrplan_shell::browser;
use leptos::prelude::*;

const KEY_CALC: &str = "cidrplan.v1.calculator";

#[derive(Clone, Copy)]
pub struct CalcState {
    pub input: RwSignal<String>,
    pub mode: RwSignal<Mode>,
}

impl CalcState {
    /// The saved input (stored as the calculator's own link), or the first example.
    pub fn load() -> CalcState {
        let saved = browser::storage_get(KEY_CALC).map(|s| share::decode_calculator(&s));
        let (input, mode) = match saved {
            Some(Ok(share::Opened::Mine(ShareState::Calculator { input, mode }))) => (input, mode),
            _ => ("10.0.0.0/16".to_string(), Mode::Standard),
        };
        let st = CalcState { input: RwSignal::new(input), mode: RwSignal::new(mode) };
        Effect::new(move |_| {
            if let Ok(link) = st.link() {
                browser::storage_set(KEY_CALC, &link);
            }
        });
        st
    }

    /// The input and mode as a link (tracked).
    pub fn link(&self) -> Result<String, share::ShareError> {
        self.input.with(|input| share::calculator_link(input, self.mode.get()))
    }
}
