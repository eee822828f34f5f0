//! The designer's toolbar: base network, mode, undo/redo, saved designs, import and export.
//! What a new base does to the design is the core's decision ([`Design::base_change`]); this
//! applies it at once or asks, with the core's words.

use super::files::ImportExport;
use super::label::LabelEditor;
use super::library::Designs;
use crate::state::DesignState;
use cidrplan::design::{parse_base, BaseChange, Design};
use cidrplan::{Cidr, InputError, Mode};
use cidrplan_shell::{undo_redo, ModeSelect};
use leptos::prelude::*;

/// A base change waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
struct Question {
    text: String,
    /// The suggested answer: (button label, the design it applies).
    first: (String, Design),
    /// Another answer, when there are two.
    second: Option<(String, Design)>,
}

/// What to do about a base change.
enum Answer {
    Nothing,
    Apply(Design),
    Ask(Question),
}

/// The question to ask about `change` to `new_base`, or the design to apply at once.
fn question(current: &Design, new_base: Cidr, change: BaseChange) -> Answer {
    let plural = |n: usize, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
    match change {
        BaseChange::Same => Answer::Nothing,
        BaseChange::Apply(d) => Answer::Apply(d),
        BaseChange::Shrink { design, dropped, dropped_labels } => {
            let mut text = match dropped.as_slice() {
                [] => format!("Changing the base to {new_base}"),
                [one] => format!("Changing the base to {new_base} drops the subnet {one}, which does not fit"),
                [first, ..] => format!(
                    "Changing the base to {new_base} drops {} that do not fit (the first is {first})",
                    plural(dropped.len(), "subnet")
                ),
            };
            if !dropped_labels.is_empty() {
                let sep = if dropped.is_empty() { " drops" } else { " and" };
                text.push_str(&format!(
                    "{sep} {} (\"{}\")",
                    plural(dropped_labels.len(), "group label"),
                    dropped_labels[0].note
                ));
            }
            text.push_str(". Continue? (You can undo.)");
            Answer::Ask(Question { text, first: (format!("Drop them and use {new_base}"), design), second: None })
        }
        BaseChange::Grow { kept, at, fresh } => Answer::Ask(Question {
            text: format!(
                "{new_base} holds your design ({}). Keep it inside {at}, or start fresh with one {new_base}?",
                current.work_summary()
            ),
            first: (
                format!("Keep your {} inside {at} of the new /{}", plural(current.len(), "subnet"), new_base.prefix()),
                kept,
            ),
            second: Some(("Start fresh".into(), fresh)),
        }),
        BaseChange::Replace { fresh, reason } => Answer::Ask(Question {
            text: format!("{reason}. Start fresh with one {new_base}? (You can undo.)"),
            first: ("Start fresh".into(), fresh),
            second: None,
        }),
    }
}

/// Base network and mode. A base change that would lose or reshape work asks first.
#[component]
pub(super) fn BaseControls() -> impl IntoView {
    let st = expect_context::<DesignState>();
    let design = st.design;
    let text = RwSignal::new(design.with_untracked(|d| d.base().to_string()));
    let problem = RwSignal::new(None::<InputError>);
    let asking = RwSignal::new(None::<Question>);
    // Follow the design when it changes elsewhere (undo, a shared link, "split this"); a
    // question about the design as it was is void then.
    Effect::new(move |_| {
        let base = design.with(|d| d.base());
        text.set(base.to_string());
        problem.set(None);
        asking.set(None);
    });
    let mode = RwSignal::new(design.with_untracked(|d| d.mode()));
    Effect::new(move |_| mode.set(design.with(|d| d.mode())));
    Effect::new(move |prev: Option<Mode>| {
        let m = mode.get();
        if prev.is_some() && design.with_untracked(|d| d.mode()) != m {
            st.edit_design(|d| {
                d.set_mode(m);
                Ok(())
            });
        }
        m
    });
    let apply = move || {
        asking.set(None);
        let new_base = match parse_base(&text.get_untracked()) {
            Err(e) => return problem.set(Some(e)),
            Ok(b) => b,
        };
        problem.set(None);
        st.commit_note();
        let current = design.get_untracked();
        match question(&current, new_base, current.base_change(new_base)) {
            Answer::Apply(next) => st.replace_design(next),
            Answer::Nothing => text.set(current.base().to_string()),
            Answer::Ask(q) => {
                asking.set(Some(q));
                cidrplan_shell::browser::focus_later(".base-question button".into(), true);
            }
        }
    };
    let cancel = move || {
        asking.set(None);
        text.set(design.with_untracked(|d| d.base().to_string()));
    };
    view! {
        <div class="toolbar">
            <label class="field">
                <span class="field-label">"Base network"</span>
                <input
                    id="base-input"
                    class="mono"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:change=move |_| apply()
                    aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                />
            </label>
            <label class="field">
                <span class="field-label">"Mode"</span>
                <ModeSelect mode=mode />
            </label>
            {undo_redo(st, "toolbar-group")}
            <Designs />
            <ImportExport />
        </div>
        {move || problem.get().map(|e| {
            let fix = e.suggestion.clone().map(|s| {
                let label = format!("Use {s}");
                view! {
                    <button type="button" class="link-button" on:click=move |_| { text.set(s.clone()); apply(); }>{label}</button>
                }
            });
            view! { <p class="error" role="alert"><span class="error-icon" aria-hidden="true">"!"</span>{e.message}" "{fix}</p> }
        })}
        {move || asking.get().map(|q| {
            let Question { text, first: (first, first_design), second } = q;
            let (second_label, second_design) = second.map(|(l, d)| (Some(l), Some(d))).unwrap_or_default();
            let on = Callback::new(move |choice: u8| match choice {
                0 => st.replace_design(first_design.clone()),
                1 => second_design.clone().into_iter().for_each(|d| st.replace_design(d)),
                _ => cancel(),
            });
            cidrplan_shell::ask("banner base-question", "base-question-text", text, first, second_label, "Cancel", on)
        })}
        <LabelEditor />
    }
}
