//! The planner form's text field: it writes to the plan only values that parse.

use cidrplan::{parse, Cidr};
use leptos::prelude::*;

/// What a [`CheckedField`] does with text that parses. One boxed type for every field, so
/// the component is compiled once rather than once per field (7.7 KB gzipped when measured).
pub(super) type Writer = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// A text field that writes to the plan only values that parse; its own text and problem
/// stay local, so a half-typed value never disturbs the layout.
#[component]
pub(super) fn CheckedField(
    label: String,
    /// The plan's current value as text (re-read when the plan changes elsewhere).
    value: Signal<String>,
    parse: fn(&str) -> Result<(), String>,
    write: Writer,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    let problem = RwSignal::new(None::<String>);
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    // Follow outside changes (presets, undo, a shared link), but never while the user types
    // here: a prefix of what they are typing may already parse (`10.0.0.0` before `/16`), and
    // rewriting the text to the plan's form would garble the next keystrokes.
    Effect::new(move |_| {
        let v = value.get();
        let focused = input.get_untracked().is_some_and(|el| {
            let el: &web_sys::Element = &el;
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).as_ref() == Some(el)
        });
        if !focused {
            text.set(v);
            problem.set(None);
        }
    });
    let id = format!("f-{}", label.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let err_id = format!("{id}-err");
    let err_id2 = err_id.clone();
    view! {
        <label class=format!("field {class}")>
            <span class="field-label">{label}</span>
            <input
                type="text"
                class="mono"
                spellcheck="false"
                autocomplete="off"
                node_ref=input
                placeholder=placeholder
                prop:value=move || text.get()
                aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                aria-describedby=err_id2
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    match parse(&t) {
                        Ok(()) => {
                            problem.set(None);
                            write(&t);
                        }
                        Err(e) => problem.set(Some(e)),
                    }
                    text.set(t);
                }
            />
            <span id=err_id class="field-error" role="alert">{move || problem.get()}</span>
        </label>
    }
}

pub(super) fn parse_network(t: &str) -> Result<Cidr, String> {
    match parse(t) {
        Ok(cidrplan::Parsed::Network(n)) if n.address.is_none() => Ok(n.network),
        Ok(cidrplan::Parsed::Network(n)) => Err(format!("Host bits are set: did you mean {}?", n.network)),
        Ok(cidrplan::Parsed::Range(_)) => Err("Enter one network, e.g. 10.0.0.0/16".into()),
        Err(e) => Err(e.to_string()),
    }
}
