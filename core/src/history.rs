//! Undo and redo as stacks of whole snapshots (designs and plans are cheap to clone), and
//! their persisted form, so that the history survives a reload.
//!
//! Persisted as lines of text: a header naming the format and its version, then one step a
//! line, oldest first, `u ` (undo) or `r ` (redo) before the text the caller's encoder gives
//! (the designer uses its share-link form, a few hundred bytes for a typical design):
//!
//! ```text
//! cidrplan-history 1
//! u v2.Y2Rg…
//! r v2.Y2Ri…
//! ```
//!
//! Only the newest steps are kept, within a step and a byte budget; reading drops what cannot
//! be decoded, from the oldest end, so what is kept is always a contiguous run of the steps
//! next to the current state. (Lines, not JSON: the web bundle has no JSON array reader to
//! spare for it.)

/// Undo and redo stacks, the newest step last, at most `cap` undo steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    cap: usize,
}

/// How much of a history [`History::to_text`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Most steps per stack.
    pub steps: usize,
    /// Most bytes of encoded entries in all.
    pub bytes: usize,
}

impl<T> History<T> {
    /// An empty history keeping at most `cap` undo steps.
    pub fn new(cap: usize) -> History<T> {
        History { undo: Vec::new(), redo: Vec::new(), cap }
    }

    /// Record `before` as an undo step (dropping the oldest past the cap); clears redo.
    pub fn push(&mut self, before: T) {
        self.undo.push(before);
        if self.undo.len() > self.cap {
            let extra = self.undo.len() - self.cap;
            self.undo.drain(..extra);
        }
        self.redo.clear();
    }

    /// Step back from `current`; `None` when there is nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let prev = self.undo.pop()?;
        self.redo.push(current);
        Some(prev)
    }

    /// Step forward from `current`; `None` when there is nothing to redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of undo steps.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of redo steps.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// The persisted form: the newest steps of each stack, within `budget`, each entry as
    /// `encode` writes it. An entry `encode` cannot write (`None`, or text with a line break)
    /// ends its stack there, as older steps past it could not be reached.
    pub fn to_text(&self, budget: Budget, encode: impl Fn(&T) -> Option<String>) -> String {
        let mut bytes = 0;
        let mut stack = |items: &[T]| {
            let mut out = Vec::new();
            for item in items.iter().rev().take(budget.steps) {
                let Some(text) = encode(item).filter(|t| !t.contains('\n')) else { break };
                bytes += text.len();
                if bytes > budget.bytes {
                    break;
                }
                out.push(text);
            }
            out.reverse();
            out
        };
        // Undo first: it is what a reload is most often followed by.
        let (undo, redo) = (stack(&self.undo), stack(&self.redo));
        let mut out = String::from(HEADER);
        for (tag, items) in [("u ", undo), ("r ", redo)] {
            for text in items {
                out.push('\n');
                out.push_str(tag);
                out.push_str(&text);
            }
        }
        out
    }

    /// A history read back from [`History::to_text`]'s text. Entries `decode` refuses end
    /// their stack there (the older ones are dropped); anything unreadable gives an empty
    /// history: losing undo steps is better than failing to start.
    pub fn from_text(text: &str, cap: usize, decode: impl Fn(&str) -> Option<T>) -> History<T> {
        let mut h = History::new(cap);
        let mut lines = text.split('\n');
        if lines.next() != Some(HEADER) {
            return h;
        }
        let (mut undo, mut redo) = (Vec::new(), Vec::new());
        for line in lines {
            match line.split_at_checked(2) {
                Some(("u ", t)) => undo.push(t),
                Some(("r ", t)) => redo.push(t),
                _ => return h,
            }
        }
        let stack = |items: Vec<&str>| -> Vec<T> {
            let mut out: Vec<T> = Vec::new();
            for item in items.iter().rev().take(cap) {
                match decode(item) {
                    Some(x) => out.push(x),
                    None => break,
                }
            }
            out.reverse();
            out
        };
        h.undo = stack(undo);
        h.redo = stack(redo);
        h
    }
}

/// The first line of the persisted form: the format and its version.
const HEADER: &str = "cidrplan-history 1";
