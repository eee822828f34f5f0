//! The planner form's text field. The rules are the core's (see the module docs of
//! `planner`): the text becomes an edit of the plan through `apply` (the core's parsers), the
//! edit is written unless the core refuses to store it, and the message shown is the parser's,
//! the refusal's or `Plan::validate`'s for the field.

use super::View;
use crate::state::PlanState;
use cidrplan::plan::{self, Field, Plan};
use leptos::prelude::*;

/// What a [`CheckedField`] does with its text: the edit of the plan it means, or why the text
/// is not a value. One boxed type for every field, so the component is compiled once rather
/// than once per field (7.7 KB gzipped when measured).
pub(super) type Apply = std::sync::Arc<dyn Fn(&str, &mut Plan) -> Result<(), String> + Send + Sync>;

/// An [`Apply`] from a closure.
pub(super) fn apply(f: impl Fn(&str, &mut Plan) -> Result<(), String> + Send + Sync + 'static) -> Apply {
    std::sync::Arc::new(f)
}

/// A text field of the plan form. Text that is not a value, or that the core refuses to
/// store, stays in the field with its message, so a half-typed value never disturbs the plan.
#[component]
pub(super) fn CheckedField(
    label: String,
    /// Which field of the plan it edits: its problem in `Plan::validate`'s is the one shown.
    field: Field,
    /// The plan's current value as text (re-read when the plan changes elsewhere).
    value: Signal<String>,
    apply: Apply,
    /// A note on how the text was read (a tier size's "read as /21 — …").
    #[prop(optional)]
    hint: Option<fn(&str) -> Option<String>>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let st = expect_context::<PlanState>();
    let v = expect_context::<View>();
    let text = RwSignal::new(value.get_untracked());
    // The problem with text kept in the field; the plan's own problem with the field otherwise.
    let local = RwSignal::new(None::<String>);
    let problem = move || local.get().or_else(|| v.problems.with(|ps| plan::problem_at(ps, field).map(str::to_string)));
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    // Follow outside changes (presets, undo, a shared link), but never while the user types
    // here: a prefix of what they are typing may already parse (`10.0.0.0` before `/16`), and
    // rewriting the text to the plan's form would garble the next keystrokes. An edit
    // elsewhere in the plan is not a change of this value and keeps text held here.
    let mut seen = value.get_untracked();
    Effect::new(move |_| {
        let v = value.get();
        if v == seen {
            return;
        }
        seen.clone_from(&v);
        let focused = input.get_untracked().is_some_and(|el| {
            let el: &web_sys::Element = &el;
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).as_ref() == Some(el)
        });
        if !focused {
            text.set(v);
            local.set(None);
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
                aria-invalid=move || problem().is_some().to_string()
                aria-describedby=err_id2
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    let mut next = st.plan.get_untracked();
                    let checked = apply(&t, &mut next).and_then(|()| next.refusal().map_or(Ok(()), |p| Err(p.message)));
                    match checked {
                        Ok(()) => {
                            local.set(None);
                            st.edit_plan(|p| *p = next);
                        }
                        Err(e) => local.set(Some(e)),
                    }
                    text.set(t);
                }
            />
            <span id=err_id class="field-error" role="alert">{problem}</span>
            {hint.map(|h| view! { <span class="field-hint">{move || text.with(|t| h(t))}</span> })}
        </label>
    }
}
