//! `cidrplan plan`: load a plan (file, stdin, share link or preset), lay it out and print it in
//! one of the export formats of [`cidrplan::export`].

use crate::args::{Args, Command};
use crate::{arity, bad, Failure, Out};
use cidrplan::export::{self, Format};
use cidrplan::plan::{self, Plan, PlanError, MAX_JSON_BYTES};
use cidrplan::share::{self, ShareState};
use std::io::Read;

/// Largest file `--from` reads: a JSON export holds the plan and its whole layout, so it may
/// be larger than a plan file ([`MAX_JSON_BYTES`], checked again on the plan itself).
const MAX_FILE_BYTES: u64 = 16 << 20;

pub fn plan_cmd(cmd: &Command, args: &Args, out: Out) -> Result<(), Failure> {
    arity(cmd, &args.positional, &[], false)?;
    let Some(source) = args.from.as_deref() else {
        return bad(format!("say which plan: --from plan.json, a share link or preset:ID (usage: {})", cmd.usage));
    };
    let format = match args.format.as_deref() {
        Some(f) => f.parse::<Format>().map_err(Failure::Bad)?,
        None if args.json => Format::Json,
        None => Format::Table,
    };
    let plan = load(source)?;
    let layout = plan.layout().map_err(|e| Failure::Bad(plan_error(&e)))?;
    let text = export::render(&plan, &layout, format).map_err(Failure::Bad)?;
    if args.json && format != Format::Json {
        let format = match format {
            // Name the target Terraform was made for.
            Format::Terraform(None) => {
                export::TfTarget::for_provider(plan.provider).map_or(format, |t| Format::Terraform(Some(t)))
            }
            f => f,
        };
        let v = Wrapped { format: format.id(), extension: format.extension(), content: &text };
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
    } else {
        write!(out, "{text}")?;
    }
    Ok(())
}

/// A text export under `--json`.
#[derive(serde::Serialize)]
struct Wrapped<'a> {
    format: &'a str,
    extension: &'a str,
    content: &'a str,
}

/// The one-line message for a plan without a layout: the field's path for an invalid field.
fn plan_error(e: &PlanError) -> String {
    match e {
        PlanError::Field { field, message } => format!("the plan's {field} is invalid: {message}"),
        PlanError::DoesNotFit { message } => format!("the plan does not fit: {message}"),
        PlanError::Limit { message } => message.clone(),
    }
}

/// The plan named by `--from`.
fn load(source: &str) -> Result<Plan, Failure> {
    let s = source.trim();
    if let Some(id) = s.strip_prefix("preset:") {
        return plan::preset(id.trim()).ok_or_else(|| {
            let ids: Vec<&str> = plan::presets().into_iter().map(|(id, _, _)| id).collect();
            Failure::Bad(format!("there is no preset '{}': use preset:{}", id.trim(), ids.join(", preset:")))
        });
    }
    if s == "-" {
        let mut text = String::new();
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| Failure::Bad(format!("cannot read the plan from stdin: {e}")))?;
        return from_text(&text, "stdin");
    }
    // A link: a URL (the state is in its #fragment), a bare `#…` or a versioned fragment.
    let looks_like_link = s.contains("://") || s.starts_with('#') || is_versioned_fragment(s);
    let path = std::path::Path::new(source);
    if looks_like_link && !path.is_file() {
        return from_link(s);
    }
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Failure::Bad(format!("no such file '{source}' (--from takes a plan.json file, a share link or preset:ID)"))
        }
        _ => Failure::Bad(format!("cannot read '{source}': {e}")),
    })?;
    let mut text = String::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Failure::Bad(format!("cannot read '{source}': {e}")))?;
    from_text(&text, &format!("'{source}'"))
}

/// `v1.…`: the versioned share-link format.
fn is_versioned_fragment(s: &str) -> bool {
    s.strip_prefix('v')
        .and_then(|r| r.split_once('.'))
        .is_some_and(|(v, _)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
}

/// A plan file, or the `plan` of a JSON export (`"format": "cidrplan-export"`).
fn from_text(text: &str, what: &str) -> Result<Plan, Failure> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return bad(format!("{what} is too large for a plan ({} bytes)", text.len()));
    }
    let plan_text = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) if v.get("format").and_then(|f| f.as_str()) == Some("cidrplan-export") => match v.get("plan") {
            Some(p) => p.to_string(),
            None => return bad(format!("{what} is a cidrplan export without its plan")),
        },
        _ => {
            if text.len() > MAX_JSON_BYTES {
                return bad(format!("{what} is too large for a plan ({} bytes; at most {MAX_JSON_BYTES})", text.len()));
            }
            text.to_string()
        }
    };
    plan::from_json(&plan_text).map_err(|e| Failure::Bad(format!("{what}: {}", plan_error_in_file(&e))))
}

fn plan_error_in_file(e: &PlanError) -> String {
    match e.field() {
        Some("json") | None => e.message().to_string(),
        Some(f) => format!("{f}: {}", e.message()),
    }
}

/// The plan in a share link (a URL with a `#fragment`, or the fragment itself).
fn from_link(link: &str) -> Result<Plan, Failure> {
    let fragment = match link.split_once('#') {
        Some((_, f)) => f,
        None if link.contains("://") => {
            return bad("this link has no #fragment: copy the whole share link from the app's address bar")
        }
        None => link,
    };
    let state = share::decode(fragment).map_err(|e| Failure::Bad(format!("cannot open the link: {e}")))?;
    match state {
        ShareState::Plan(p) => Ok(p),
        // The planner was showing (and exporting) the last plan that fitted: that is the plan.
        ShareState::PlanDraft { fitted, .. } => {
            eprintln!("cidrplan: note: the link also holds an unfinished form that does not fit; using the last plan that fitted, as the app shows it");
            Ok(fitted)
        }
        ShareState::Design(_) => bad("this link holds a subnet design, not a VPC plan"),
        ShareState::Calculator { .. } => bad("this link holds a calculator input, not a VPC plan"),
    }
}
