//! What every cidrplan tool module shares, compiled into each of them (one source, never a
//! copy per tool): the page frame (header, tabs, theme, banners, toast, footer), the browser
//! glue, and the host that mounts a tool and hands the page over to another tool's module.
//!
//! The page is split into one wasm module per tool (`web/calculator`, `web/subnets`,
//! `web/planner`) so a visitor downloads only the tool they opened. `static/boot.js` picks the
//! first module from the link or the saved tab and loads the others when their tab is first
//! chosen; a tool module implements [`Tool`] and exports [`start`]/[`stop`] through its own
//! `#[wasm_bindgen]` functions (see [`host`]).

pub mod browser;
mod frame;
pub mod host;
mod mode_select;
mod shell;

pub use frame::{ask, sentence};
pub use host::{Handoff, Tool};
pub use mode_select::ModeSelect;
pub use shell::{Shell, ToolId};
