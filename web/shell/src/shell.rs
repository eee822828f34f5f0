//! The state every tool's page shares: which tool this module is, the theme, the short
//! status line, and the problems shown above any tool.

use crate::browser;
use leptos::prelude::*;

const KEY_TAB: &str = "cidrplan.v1.tab";
const KEY_THEME: &str = "cidrplan.v1.theme";

/// The tools, in tab order. Each is its own wasm module (see the crate docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolId {
    Calculator,
    Subnets,
    Planner,
}

impl ToolId {
    pub const ALL: [ToolId; 3] = [ToolId::Calculator, ToolId::Subnets, ToolId::Planner];

    /// The name in storage, in `static/boot.js` (its module table) and in element ids.
    pub fn id(self) -> &'static str {
        match self {
            ToolId::Calculator => "calculator",
            ToolId::Subnets => "subnets",
            ToolId::Planner => "planner",
        }
    }

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            ToolId::Calculator => "Calculator",
            ToolId::Subnets => "Subnets",
            ToolId::Planner => "VPC planner",
        }
    }

    /// The tool that opens links of `kind`.
    pub fn for_link(kind: cidrplan::share::Kind) -> ToolId {
        use cidrplan::share::Kind;
        match kind {
            Kind::Calculator => ToolId::Calculator,
            Kind::Design => ToolId::Subnets,
            Kind::Plan => ToolId::Planner,
        }
    }

    /// The tab a person was on when they last left the page (saved by [`remember`](Self::remember)).
    pub fn saved() -> Option<ToolId> {
        let id = browser::storage_get(KEY_TAB)?;
        ToolId::ALL.into_iter().find(|t| t.id() == id)
    }

    /// This tab is the one a reload opens.
    pub fn remember(self) {
        browser::storage_set(KEY_TAB, self.id());
    }
}

#[derive(Clone, Copy)]
pub struct Shell {
    /// The tool of this module.
    pub tool: ToolId,
    pub dark: RwSignal<bool>,
    /// A short status for the live region and the toast ("Link copied", "Undone").
    pub status: RwSignal<String>,
    /// Why the link in the address bar could not be opened (shown until dismissed).
    pub link_error: RwSignal<Option<String>>,
    /// Saved work that could not be read (kept aside; shown until dismissed).
    pub storage_problem: RwSignal<Option<String>>,
    /// Another tool whose tab was chosen and whose module is loading: its tab shows selected
    /// and the page says it is loading until that module takes the page over.
    pub loading: RwSignal<Option<ToolId>>,
    /// This module's tool is on the page. Its state outlives its view (switching back keeps
    /// undo history), so what writes the address bar checks this first.
    pub shown: RwSignal<bool>,
}

impl Shell {
    pub(crate) fn new(tool: ToolId) -> Shell {
        Shell {
            tool,
            dark: RwSignal::new(saved_theme()),
            status: RwSignal::new(String::new()),
            link_error: RwSignal::new(None),
            storage_problem: RwSignal::new(None),
            loading: RwSignal::new(None),
            shown: RwSignal::new(false),
        }
    }

    /// Another tool's module may have changed the theme while this one was not shown.
    pub(crate) fn reload_theme(&self) {
        self.dark.set(saved_theme());
    }

    pub fn set_theme(&self, dark: bool) {
        self.dark.set(dark);
        browser::storage_set(KEY_THEME, if dark { "dark" } else { "light" });
    }
}

fn saved_theme() -> bool {
    match browser::storage_get(KEY_THEME).as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => browser::prefers_dark(),
    }
}
