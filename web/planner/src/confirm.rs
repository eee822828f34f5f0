//! Asking before a change that moves existing subnets. The zone stepper's "+", "+ Tier",
//! "+ Secondary block" and the strategy radio *propose* the changed plan: when its layout moves
//! subnets of the one on screen (`cidrplan::plan::moved_subnets`), a banner beside the control
//! says which and offers Apply or Cancel; otherwise the change applies at once. A banner in
//! the page rather than `window.confirm`, so it can be read, styled and tested.

use super::View;
use crate::state::PlanState;
use cidrplan::plan::{moved_subnets, moves_message, Plan};
use leptos::prelude::*;

/// Which control proposed the change: its banner shows beside it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    Zones,
    Tiers,
    Blocks,
    Strategy,
}

/// A change held for confirmation, valid while the plan is still `before`.
#[derive(Clone)]
struct Proposal {
    at: At,
    before: Plan,
    next: Plan,
    message: String,
}

#[derive(Clone, Copy)]
pub(super) struct Confirm {
    pending: RwSignal<Option<Proposal>>,
    /// Bumped when a proposal is held or dropped, so a control showing the plan's value (the
    /// strategy radio, which the click already changed) shows it again.
    pub(super) revert: RwSignal<u32>,
    st: PlanState,
    v: View,
}

impl Confirm {
    /// Set up the confirmation for the planner (needs `View` in context).
    pub(super) fn provide() {
        let c = Confirm {
            pending: RwSignal::new(None),
            revert: RwSignal::new(0),
            st: expect_context::<PlanState>(),
            v: expect_context::<View>(),
        };
        provide_context(c);
        // A proposal is about the plan it was made from: any other change drops it.
        Effect::new(move |_| {
            let stale = c.st.plan.with(|p| c.pending.with_untracked(|x| x.as_ref().is_some_and(|x| x.before != *p)));
            if stale {
                c.pending.set(None);
            }
        });
    }

    pub(super) fn get() -> Confirm {
        expect_context::<Confirm>()
    }

    /// Apply `edit`, or hold it when it would move existing subnets. `action` names the change
    /// from the changed plan ("Adding us-east-1d"). Plain functions, so this compiles once.
    pub(super) fn propose(self, at: At, action: fn(&Plan) -> String, edit: fn(&mut Plan)) {
        let before = self.st.plan.get_untracked();
        let mut next = before.clone();
        edit(&mut next);
        if next == before {
            return;
        }
        let moves = self.v.layout.with_untracked(|l| match (l, next.layout()) {
            (Ok(old), Ok(new)) => moved_subnets(old, &new),
            _ => Vec::new(),
        });
        if moves.is_empty() {
            self.pending.set(None);
            self.st.edit_plan(|p| *p = next);
        } else {
            let message = moves_message(&action(&next), &moves);
            self.pending.set(Some(Proposal { at, before, next, message }));
            self.revert.update(|n| *n += 1);
        }
    }

    fn apply(self) {
        if let Some(p) = self.pending.get_untracked() {
            self.pending.set(None);
            if self.st.plan.with_untracked(|cur| *cur == p.before) {
                self.st.edit_plan(|cur| *cur = p.next);
            }
        }
    }

    fn cancel(self) {
        self.pending.set(None);
        self.revert.update(|n| *n += 1);
    }
}

/// The banner for proposals made at `at`.
#[component]
pub(super) fn MoveBanner(at: At) -> impl IntoView {
    let c = Confirm::get();
    move || {
        c.pending.with(|p| {
            p.as_ref().filter(|p| p.at == at).map(|p| {
                view! {
                    <div class="move-confirm" role="alert">
                        <p>{format!("{}. Apply?", p.message)}</p>
                        <div class="form-row">
                            <button type="button" class="button small" on:click=move |_| c.apply()>"Apply"</button>
                            <button type="button" class="button small" on:click=move |_| c.cancel()>"Cancel"</button>
                        </div>
                    </div>
                }
            })
        })
    }
}
