//! What every cidrplan tool module shares, compiled into each of them (one source, never a
//! copy per tool): the page frame (header, tabs, theme, banners, toast, footer), the browser
//! glue, and the host that mounts a tool and hands the page over to another tool's module.
//!
//! The page is split into one wasm module per tool (`web/calculator`, `web/subnets`,
//! `web/planner`) so a visitor downloads only the tool they opened. `static/boot.js` picks the
//! first module from the link or the saved tab and loads the others when their tab is first
//! chosen; a tool module implements [`Tool`] and exports what boot.js calls with
//! [`tool_module!`] (see [`host`]).

pub mod browser;
mod frame;
mod history;
pub mod host;
pub mod library;
mod mode_select;
mod shell;

pub use frame::{ask, sentence};
pub use history::{undo_redo, Undoable};
pub use host::{Handoff, Tool};
pub use mode_select::ModeSelect;
pub use shell::{Shell, ToolId};

/// A tool module's exports for `static/boot.js` — `start(how)`, `stop()` and
/// `load_failed(tool, reason)`, forwarded to [`host`] for the tool whose state is `$state` —
/// and its empty `main` (the module is started by boot.js, not when it loads). The tool crate
/// depends on `wasm-bindgen` itself, as the attribute needs.
#[macro_export]
macro_rules! tool_module {
    ($state:ty) => {
        fn main() {}

        #[::wasm_bindgen::prelude::wasm_bindgen]
        pub fn start(how: String) {
            $crate::host::start::<$state>(&how);
        }

        #[::wasm_bindgen::prelude::wasm_bindgen]
        pub fn stop() {
            $crate::host::stop();
        }

        #[::wasm_bindgen::prelude::wasm_bindgen]
        pub fn load_failed(tool: String, reason: String) {
            $crate::host::load_failed(&tool, &reason);
        }
    };
}
