//! The host: mounts one tool's module on the page, and hands the page to another tool.
//!
//! Each tool module exports three functions that `static/boot.js` calls:
//! - `start(how)`: show this tool. The first start loads its state (autosave first, then the
//!   link, see [`Handoff`]); later starts show the same state again, undo history included.
//! - `stop()`: save what is not saved and take the view off the page (the state stays).
//! - `load_failed(tool, reason)`: another tool's module could not be loaded; say so.
//!
//! A tool module's `main.rs` implements [`Tool`] and forwards those exports to [`start`],
//! [`stop`] and [`load_failed`]. Only one module's view is on the page at a time.

use crate::browser;
use crate::frame::Frame;
use crate::shell::{Shell, ToolId};
use cidrplan::share::{Opened, ShareError, ShareState};
use cidrplan::{Cidr, Mode};
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The fragment in the address bar when the page was left while work was still being
/// committed (a note being typed): a reload must not open that older link over the saved work.
const KEY_OWN_FRAGMENT: &str = "cidrplan.v1.fragment";

/// What a tool module does for the host. `Self` is the tool's state: signals, `Copy`.
pub trait Tool: Copy + Send + Sync + 'static {
    const ID: ToolId;
    /// The state saved in this browser (problems go to `shell.storage_problem`). Called once,
    /// under an owner that lives as long as the page.
    fn load(shell: Shell) -> Self;
    /// The core decoder of this tool's links only (`share::decode_calculator`…), so the
    /// module links no other tool's readers.
    fn decode(fragment: &str) -> Result<Opened, ShareError>;
    /// Show a state from a link of this tool's kind.
    fn open(self, state: ShareState);
    /// What another tool asked this one to show (only [`Handoff::Split`] so far).
    fn receive(self, _handoff: Handoff) {}
    /// The link of what is on screen (tracked: the address bar follows it), or why none.
    fn link(self) -> Result<String, ShareError>;
    /// A shared link waits for the person's answer: leave it in the address bar (tracked).
    fn holds_link(self) -> bool {
        false
    }
    /// Save what waits for a pause (a note being typed), now: the page is left or the tool
    /// is switched. `typing` is whether anything was still being typed.
    fn flush(self) -> bool {
        false
    }
    /// Undo (`back`) or redo the last edit, for Ctrl/Cmd+Z; whether this tool has undo at all.
    fn undo(self, _back: bool) -> bool {
        false
    }
    /// The tool's view, below the banners.
    fn view(self) -> AnyView;
}

/// Why a tool is started.
#[derive(Clone, Debug, PartialEq)]
pub enum Handoff {
    /// The page loaded: open the link in the address bar, unless it is the page's own.
    Boot,
    /// Its tab was chosen: the address bar holds the previous tool's link, not for it.
    Tab,
    /// A link for this tool arrived while another tool was shown.
    Link,
    /// "Split this in the designer" in the calculator.
    Split(Cidr, Mode),
}

impl Handoff {
    /// As passed through `static/boot.js` (a string between two modules).
    fn encode(&self) -> String {
        match self {
            Handoff::Boot => "boot".into(),
            Handoff::Tab => "tab".into(),
            Handoff::Link => "link".into(),
            Handoff::Split(net, mode) => format!("split {net} {}", mode.id()),
        }
    }

    fn decode(text: &str) -> Handoff {
        let mut words = text.split(' ');
        match (words.next(), words.next(), words.next()) {
            (Some("boot"), ..) => Handoff::Boot,
            (Some("link"), ..) => Handoff::Link,
            (Some("split"), Some(net), Some(mode)) => match (cidrplan::parse(net), mode.parse::<Mode>()) {
                (Ok(p), Ok(m)) => Handoff::Split(p.network(), m),
                _ => Handoff::Tab,
            },
            _ => Handoff::Tab,
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// `static/boot.js`: load `tool`'s module (if not yet) and start it with `how`.
    #[wasm_bindgen(catch, js_namespace = cidrplanBoot, js_name = open)]
    fn boot_open(tool: &str, how: &str) -> Result<(), JsValue>;
}

/// The page's one tool: its shell and state (kept for the page's life) and its view while
/// shown.
struct Hosted {
    shell: Shell,
    /// The tool's state (a `T: Tool`).
    tool: Box<dyn Any>,
    /// Owns the state's signals and effects; never dropped while the page lives.
    _owner: Owner,
    flush: Box<dyn Fn() -> bool>,
    mounted: Option<Box<dyn Any>>,
}

thread_local! {
    static HOSTED: RefCell<Option<Hosted>> = const { RefCell::new(None) };
}

/// `start(how)` of a tool module.
pub fn start<T: Tool>(how: &str) {
    let how = Handoff::decode(how);
    let (shell, tool) = HOSTED.with(|h| h.borrow().as_ref().map(|h| h.shell)).map_or_else(first_start::<T>, |shell| {
        let tool = HOSTED.with(|h| h.borrow().as_ref().and_then(|h| h.tool.downcast_ref::<T>().copied()));
        (shell, tool.expect("one tool per module"))
    });
    shell.reload_theme();
    shell.loading.set(None);
    T::ID.remember();
    match how {
        Handoff::Boot => open_own_or_shared(shell, tool),
        Handoff::Link => open_fragment(shell, tool, &browser::fragment()),
        Handoff::Tab => {}
        h @ Handoff::Split(..) => tool.receive(h),
    }
    // `mount_to`, not `mount_to_body` (which forgets its handle): dropping the handle in
    // `stop` takes the view off the page for the next tool.
    let body = document().body().expect("a page has a body");
    let handle = leptos::mount::mount_to(body, move || {
        provide_context(shell);
        provide_context(tool);
        view! { <Frame tool=tool /> }
    });
    shell.shown.set(true);
    HOSTED.with(|h| {
        if let Some(h) = h.borrow_mut().as_mut() {
            h.mounted = Some(Box::new(handle));
        }
    });
}

/// The module's first start: its state, kept for the page's life.
fn first_start<T: Tool>() -> (Shell, T) {
    console_error_panic_hook::set_once();
    // The state's effects and tasks run before the first mount, which would otherwise be
    // what sets leptos's executor up (an Err only means it already is).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let (shell, tool) = owner.with(|| {
        let shell = Shell::new(T::ID);
        let tool = T::load(shell);
        persist(shell, tool);
        (shell, tool)
    });
    let flush = Box::new(move || tool.flush());
    HOSTED
        .with(|h| *h.borrow_mut() = Some(Hosted { shell, tool: Box::new(tool), _owner: owner, flush, mounted: None }));
    save_when_left();
    (shell, tool)
}

/// A note being typed is committed after a pause; a page reloaded, closed or sent to the
/// background first saves it (and everything else) at once. Listens for the page's life.
fn save_when_left() {
    use wasm_bindgen::JsCast;
    let leave = Closure::<dyn Fn()>::new(flush_all);
    let f = leave.as_ref().unchecked_ref();
    let _ = window().add_event_listener_with_callback("pagehide", f);
    let _ = document().add_event_listener_with_callback("visibilitychange", f);
    leave.forget();
}

/// `stop()` of a tool module: save, then take the view off the page.
pub fn stop() {
    let taken = HOSTED.with(|h| {
        let mut h = h.borrow_mut();
        let h = h.as_mut()?;
        (h.flush)();
        h.shell.shown.set(false);
        h.mounted.take()
    });
    // Dropped outside the borrow: unmounting runs the view's cleanups.
    drop(taken);
}

/// `load_failed(tool, reason)`: the module of the tab chosen could not be loaded.
pub fn load_failed(tool: &str, reason: &str) {
    let Some(shell) = HOSTED.with(|h| h.borrow().as_ref().map(|h| h.shell)) else { return };
    shell.loading.set(None);
    shell.shown.set(true);
    let label = ToolId::ALL.into_iter().find(|t| t.id() == tool).map_or_else(|| tool.to_string(), |t| t.label().into());
    shell
        .link_error
        .set(Some(format!("{label} could not be loaded ({reason}). Check the connection and choose its tab again")));
    shell.tool.remember();
}

/// Hand the page to `to` (this module's view stays until that module has loaded).
pub fn switch_to(shell: Shell, to: ToolId, how: Handoff) {
    if to == shell.tool {
        return;
    }
    HOSTED.with(|h| h.borrow().as_ref().map(|h| (h.flush)()));
    shell.loading.set(Some(to));
    // A reload while it loads opens the tab chosen.
    to.remember();
    if boot_open(to.id(), &how.encode()).is_err() {
        load_failed(to.id(), "the page's loader is missing");
    }
}

/// The page is being left or hidden: save everything now.
fn flush_all() {
    let typing = HOSTED.with(|h| h.borrow().as_ref().map(|h| (h.flush)())).unwrap_or(false);
    if typing {
        // The address a reload of this page opens is one step behind the saved work (read
        // once, at the next start).
        browser::storage_set(KEY_OWN_FRAGMENT, &browser::fragment());
    }
}

/// At start-up: the link in the address bar, unless it is the page's own link as it was left
/// (older than the saved work).
fn open_own_or_shared<T: Tool>(shell: Shell, tool: T) {
    let fragment = browser::fragment();
    let own = browser::storage_get(KEY_OWN_FRAGMENT);
    browser::storage_remove(KEY_OWN_FRAGMENT);
    if !fragment.is_empty() && own.as_deref() != Some(fragment.as_str()) {
        open_fragment(shell, tool, &fragment);
    }
}

/// Open a link: this tool's own kind opens here; another tool's kind goes to that tool; a bad
/// link changes nothing and says why.
pub(crate) fn open_fragment<T: Tool>(shell: Shell, tool: T, fragment: &str) {
    if fragment.is_empty() {
        return;
    }
    match T::decode(fragment) {
        Err(e) => {
            shell.link_error.set(Some(e.to_string()));
            // Put the link of what is on screen back, so Share never passes the bad one on.
            browser::replace_fragment(&untrack(|| tool.link()).unwrap_or_default());
        }
        Ok(Opened::Mine(state)) => tool.open(state),
        Ok(Opened::Other(kind)) => switch_to(shell, ToolId::for_link(kind), Handoff::Link),
    }
}

/// The address bar follows the link of what is on screen (replaceState: no history entry per
/// keystroke, no scroll jump), while this tool is shown.
fn persist<T: Tool>(shell: Shell, tool: T) {
    Effect::new(move |_| {
        // While another tool's module loads, the address bar may hold the link being handed
        // to it (a design link the calculator read first): leave it for that tool to read.
        if !shell.shown.get() || shell.loading.get().is_some() || tool.holds_link() {
            return;
        }
        // A tool whose state is too large for a link leaves the fragment empty rather than
        // writing a link that would be refused when opened; Share then says why.
        browser::replace_fragment(&tool.link().unwrap_or_default());
    });
    Effect::new(move |_| browser::apply_theme(shell.dark.get()));
}
