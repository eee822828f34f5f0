//! Share links: the whole app state in a URL fragment, owned by the core so it is tested here.
//!
//! A link is either
//! - **plain**: a percent-encoded calculator input in Standard mode (`#10.0.0.0/16`), readable
//!   and hand-editable; or
//! - **versioned**: `v<N>.` + base64url (no padding) of a raw-deflated compact binary payload.
//!
//! Each format version has its own module with its own decoder; [`decode`] dispatches on the
//! version, so every `v1` link ever shared keeps opening. Inside a version, the payload's first
//! byte is a *kind* tag (calculator, design, plan), so a new kind of state needs no new
//! version; since v2 each kind's body ends with a tagged extensions section
//! ([`extensions`]), so a new field of a design or plan needs none either.
//!
//! Files: `plain` (readable calculator links), `base64url` and `deflate` (the transport),
//! `bytes` (bounds-checked cursors), `v1` (calculator and design bodies) and `plan_v1` (the
//! plan body), `v2/` (the current format: v1's bodies plus extensions, one file per kind).
//!
//! Links come from strangers: [`decode`] checks sizes before each step (link length before
//! base64, inflated size while inflating, leaf and note caps while parsing), rejects anything
//! malformed or left over with a reason for people, and never panics or allocates unboundedly.

use crate::design::Design;
use crate::mode::Mode;
use crate::plan::Plan;

mod base64url;
mod bytes;
mod deflate;
mod extensions;
mod plain;
mod plan_v1;
mod v1;
mod v2;

/// Longest fragment [`decode`] accepts, in bytes (after an optional leading `#`).
pub const MAX_LINK_CHARS: usize = 64 * 1024;

/// Most bytes a versioned link may inflate to. A deflate stream can expand ~1000-fold, so this
/// is what bounds memory, not the link length; real designs need far less (1,000 noted leaves
/// take ~12 KB).
pub const MAX_PAYLOAD_BYTES: usize = 4 << 20;

/// The format version [`encode`] writes.
pub const CURRENT_VERSION: u32 = 2;

/// What a link holds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // one value per link opened or written, never stored in bulk
pub enum ShareState {
    /// The calculator's input text (unvalidated: the UI's parser reports problems) and mode.
    Calculator {
        /// The calculator's input text.
        input: String,
        /// The calculator's mode.
        mode: Mode,
    },
    /// A subnet design.
    Design(Design),
    /// A VPC plan (its layout is recomputed on opening, so only the inputs travel).
    Plan(Plan),
    /// A VPC plan whose form does not fit, as the planner shows it: the last plan that fitted
    /// (drawn, tabled and exported, labelled as such) and the form as the user left it. The
    /// app writes this only when the two differ; a reader that wants one plan takes `fitted`.
    PlanDraft {
        /// The last plan that fitted.
        fitted: Plan,
        /// The form as the user left it.
        form: Plan,
    },
}

impl ShareState {
    /// A plan state as the form and, for a draft, the last plan that fitted (what
    /// [`form_link`] wrote); `None` for a calculator or design state.
    pub fn into_plan(self) -> Option<(Plan, Option<Plan>)> {
        match self {
            ShareState::Plan(p) => Some((p, None)),
            ShareState::PlanDraft { fitted, form } => Some((form, Some(fitted))),
            ShareState::Calculator { .. } | ShareState::Design(_) => None,
        }
    }
}

crate::error::message_error! {
    /// Why a link cannot be opened, in words for people.
    ShareError
}

fn fail<T>(m: impl Into<String>) -> Result<T, ShareError> {
    Err(ShareError(m.into()))
}

/// The fragment (without `#`) for `state`. A Standard-mode calculator state gives a plain,
/// readable link; everything else the current versioned format. Deterministic.
pub fn encode(state: &ShareState) -> String {
    match state {
        ShareState::Calculator { input, mode: Mode::Standard } => plain::encode(input),
        _ => v2::encode(state),
    }
}

/// The link a cidrplan of format v1 wrote for `state` (before v2): kept so tests can check that
/// old links still open to what they held.
pub fn encode_v1(state: &ShareState) -> String {
    v1::encode(state)
}

/// Like [`encode`], but refuses a state whose link [`decode`] would reject as too large, so
/// the UI can suggest exporting JSON instead of handing out a link that does not open.
pub fn encode_checked(state: &ShareState) -> Result<String, ShareError> {
    match state {
        ShareState::Calculator { input, mode } => calculator_link(input, *mode),
        ShareState::Design(d) => design_link(d),
        ShareState::Plan(p) => plan_link(p, None),
        ShareState::PlanDraft { fitted, form } => plan_link(fitted, Some(form)),
    }
}

/// [`encode_checked`] of a calculator state. Each tool module calls its own kind's function,
/// so it links no other kind's writer.
pub fn calculator_link(input: &str, mode: Mode) -> Result<String, ShareError> {
    let link = match mode {
        Mode::Standard => plain::encode(input),
        _ => v2::calculator_link(input, mode),
    };
    checked_length(link, "Shorten the input")
}

/// [`encode_checked`] of a design.
pub fn design_link(d: &Design) -> Result<String, ShareError> {
    design_text(d).and_then(design_text_as_link)
}

/// The longest [`design_text`]: base64url of a payload at its cap that deflate could not
/// shrink (stored blocks add 5 bytes per 64 KiB), with its version prefix.
const MAX_SAVED_CHARS: usize = (MAX_PAYLOAD_BYTES + 5 * (MAX_PAYLOAD_BYTES / 0xffff + 1)).div_ceil(3) * 4 + 8;

/// A design as the designer saves it in this browser (the open design, saved designs, undo
/// steps) and hands it to the exports module: its link without a link's length cap, so a
/// design too large to share is still saved whole. Capped only by its payload (4 MiB).
pub fn design_text(d: &Design) -> Result<String, ShareError> {
    // The payload is built once: checked for size, then compressed (this runs on every edit
    // in the web app).
    let payload = v2::design_payload(d);
    if payload.len() > MAX_PAYLOAD_BYTES {
        return fail(format!(
            "This design is too large for a link: its {} subnets and notes need {} bytes, more than the {} a link may hold. Export it as JSON instead",
            grouped(d.len()),
            grouped(payload.len()),
            grouped(MAX_PAYLOAD_BYTES)
        ));
    }
    Ok(v2::link(&payload))
}

/// A [`design_text`] as a link to share, or why it is too long for one.
pub fn design_text_as_link(text: String) -> Result<String, ShareError> {
    checked_length(text, "Pass the design on with Export JSON instead")
}

/// The design of a [`design_text`] (or of any design link).
pub fn design_from_text(text: &str) -> Result<Design, ShareError> {
    match decode_kind::<{ v1::KIND_DESIGN }>(text, MAX_SAVED_CHARS)? {
        Opened::Mine(ShareState::Design(d)) => Ok(d),
        Opened::Mine(_) | Opened::Other(_) => fail("This is not a saved design"),
    }
}

/// [`encode_checked`] of a plan: `shown` is the plan drawn, `draft` the form when it differs
/// (a [`ShareState::PlanDraft`]).
pub fn plan_link(shown: &Plan, draft: Option<&Plan>) -> Result<String, ShareError> {
    checked_length(v2::link(&v2::plan_payload(shown, draft)), "Pass the plan on with Export JSON instead")
}

/// The link of what the planner shows: the form alone, or both the last plan that fitted and
/// the form when they differ (a [`ShareState::PlanDraft`]); [`ShareState::into_plan`] reads
/// it back. The planner writes it to the address bar and to its autosave.
pub fn form_link(form: &Plan, fitted: Option<&Plan>) -> Result<String, ShareError> {
    match fitted {
        Some(f) if f != form => plan_link(f, Some(form)),
        _ => plan_link(form, None),
    }
}

/// `link`, unless it is longer than a link may be; `instead` says what to do then (the
/// designer and the planner name their Export JSON button).
fn checked_length(link: String, instead: &str) -> Result<String, ShareError> {
    if link.len() > MAX_LINK_CHARS {
        return fail(format!(
            "This link would be {} characters long; links hold at most {}. {instead}",
            grouped(link.len()),
            grouped(MAX_LINK_CHARS)
        ));
    }
    Ok(link)
}

/// The state in a link fragment, with or without its leading `#`. A fragment that is not
/// `v<N>.…` is a plain calculator input (percent-decoded, in Standard mode).
pub fn decode(fragment: &str) -> Result<ShareState, ShareError> {
    match decode_kind::<ANY_KIND>(fragment, MAX_LINK_CHARS)? {
        Opened::Mine(state) => Ok(state),
        Opened::Other(k) => fail(format!("This link holds a {k:?} state, which was not asked for")),
    }
}

/// What a link holds, by the tool that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A calculator input (every plain link).
    Calculator,
    /// A subnet design.
    Design,
    /// A VPC plan (or plan draft).
    Plan,
}

/// A link opened by one tool: its own state, or the kind of state another tool opens (the
/// rest of such a link is not read: that tool reads it, and says what is wrong with it).
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // one value per link opened
pub enum Opened {
    /// The state, of the kind this tool opens.
    Mine(ShareState),
    /// The kind of another tool's state (the rest of the link is not read).
    Other(Kind),
}

/// The kind of a link's state, from its header alone (a versioned link is inflated to read
/// its first byte; nothing else is checked).
pub fn kind(fragment: &str) -> Result<Kind, ShareError> {
    let Some((_, body)) = versioned(fragment, MAX_LINK_CHARS)? else { return Ok(Kind::Calculator) };
    let payload = inflate_body(body)?;
    kind_of(bytes::Reader::new(&payload).u8("the link's content")?)
}

/// [`decode`] for the calculator alone: a tool module that opens only calculator links links
/// only their reader (and no design or plan code).
pub fn decode_calculator(fragment: &str) -> Result<Opened, ShareError> {
    decode_kind::<{ v1::KIND_CALCULATOR }>(fragment, MAX_LINK_CHARS)
}

/// [`decode`] for designs alone (see [`decode_calculator`]).
pub fn decode_design(fragment: &str) -> Result<Opened, ShareError> {
    decode_kind::<{ v1::KIND_DESIGN }>(fragment, MAX_LINK_CHARS)
}

/// [`decode`] for plans alone (see [`decode_calculator`]).
pub fn decode_plan(fragment: &str) -> Result<Opened, ShareError> {
    decode_kind::<{ v1::KIND_PLAN }>(fragment, MAX_LINK_CHARS)
}

fn kind_of(byte: u8) -> Result<Kind, ShareError> {
    match byte {
        v1::KIND_CALCULATOR => Ok(Kind::Calculator),
        v1::KIND_DESIGN => Ok(Kind::Design),
        v1::KIND_PLAN => Ok(Kind::Plan),
        k => unknown_kind(k),
    }
}

/// `decode_kind`'s `K` for "whatever the link holds".
const ANY_KIND: u8 = u8::MAX;

/// The one decoder: `K` is the kind byte of the state wanted, or [`ANY_KIND`]. It is a
/// constant, so each tool's copy keeps only the readers of its own kind. `max_chars` is a
/// link's cap, or a saved text's.
fn decode_kind<const K: u8>(fragment: &str, max_chars: usize) -> Result<Opened, ShareError> {
    let Some((version, body)) = versioned(fragment, max_chars)? else {
        let text = fragment.strip_prefix('#').unwrap_or(fragment);
        return Ok(if K == v1::KIND_CALCULATOR || K == ANY_KIND {
            Opened::Mine(ShareState::Calculator { input: plain::decode(text), mode: Mode::Standard })
        } else {
            Opened::Other(Kind::Calculator)
        });
    };
    let payload = inflate_body(body)?;
    let mut r = bytes::Reader::new(&payload);
    let k = r.u8("the link's content")?;
    if K != ANY_KIND && k != K {
        return kind_of(k).map(Opened::Other);
    }
    let kind = if K == ANY_KIND { k } else { K };
    let state = if version == 1 { v1::read_kind(kind, &mut r)? } else { v2::read_kind(kind, &mut r)? };
    r.finish()?;
    Ok(Opened::Mine(state))
}

/// The version and body of a versioned link, `None` for a plain one, or why neither: too
/// long, or a version this cidrplan cannot read.
fn versioned(fragment: &str, max_chars: usize) -> Result<Option<(u32, &str)>, ShareError> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    if text.len() > max_chars {
        return fail(format!(
            "This link is too long ({} characters); cidrplan links are at most {}",
            grouped(text.len()),
            grouped(max_chars)
        ));
    }
    let Some((version, body)) = split_version(text) else { return Ok(None) };
    if version.len() > 1 && version.starts_with('0') {
        return fail(format!("This link has an unknown format (v{})", truncate(version, 12)));
    }
    match version.parse::<u32>() {
        Ok(v @ (1 | 2)) => Ok(Some((v, body))),
        Ok(v) if v > CURRENT_VERSION => fail(format!(
            "This link was made by a newer cidrplan (v{v}); this one opens links up to v{CURRENT_VERSION}. Reload the page to update"
        )),
        Err(_) if !version.starts_with('0') => {
            fail("This link was made by a newer cidrplan; reload the page to update")
        }
        _ => fail(format!("This link has an unknown format (v{})", truncate(version, 12))),
    }
}

/// A versioned link's payload: every version so far is base64url of raw deflate.
fn inflate_body(body: &str) -> Result<Vec<u8>, ShareError> {
    deflate::inflate(&base64url::decode(body)?, MAX_PAYLOAD_BYTES)
}

/// `("7", rest)` for `v7.rest`: a `v`, decimal digits (no leading zero unless just `0`), a dot.
fn split_version(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('v')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let body = rest[digits..].strip_prefix('.')?;
    (digits > 0).then(|| (&rest[..digits], body))
}

/// A payload of a kind this version does not know: a newer cidrplan's.
fn unknown_kind<T>(k: u8) -> Result<T, ShareError> {
    fail(format!("This link holds something this cidrplan does not know (kind {k}); it may come from a newer version. Reload the page to update"))
}

fn grouped(n: usize) -> String {
    crate::addr::Count::new(n as u128).grouped()
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
