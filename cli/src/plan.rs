//! `cidrplan plan`: load a plan (file, stdin, share link or preset), lay it out and print it in
//! one of the export formats of [`cidrplan::export`].

use crate::args::PlanArgs;
use crate::source::{read_text, MAX_FILE_BYTES};
use crate::{arity, bad, Failure, Out};
use cidrplan::export::{self, ExportOptions, Format};
use cidrplan::plan::{self, Field, Plan, PlanError, MAX_JSON_BYTES};
use cidrplan::share::{self, ShareState};

pub fn plan_cmd(args: &PlanArgs, json: bool, out: Out) -> Result<(), Failure> {
    arity("plan", &args.extra, &[], false)?;
    let Some(source) = args.from.as_deref() else {
        return bad(format!(
            "say which plan: --from plan.json, a share link or preset:ID (usage: {})",
            crate::args::usage::PLAN
        ));
    };
    let format = match args.format.as_deref() {
        Some(f) => f.parse::<Format>().map_err(Failure::Bad)?,
        None if json => Format::Json,
        None => Format::Table,
    };
    let plan = load(source)?;
    let layout = plan.layout().map_err(|e| Failure::Bad(plan_error(&e)))?;
    // Opened from a page's link, the header's plan link points at that page, as the page's
    // own download does: the same file either way.
    let opts = ExportOptions { link_base: link_base(source).to_string() };
    let text = export::render_with(&plan, &layout, format, &opts).map_err(Failure::Bad)?;
    if json && format != Format::Json {
        let format = match format {
            // Name the target Terraform was made for.
            Format::Terraform(None) => {
                export::TfTarget::for_provider(plan.provider).map_or(format, |t| Format::Terraform(Some(t)))
            }
            f => f,
        };
        let file_name = export::file_name(&plan, format);
        let v = Wrapped { format: format.id(), extension: format.extension(), file_name: &file_name, content: &text };
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
    /// What the app names the download (`prod-vpc.aws.tf`).
    file_name: &'a str,
    content: &'a str,
}

/// The page address of a share-link URL (`https://host/path/` of `https://host/path/#v2.…`),
/// or nothing for any other source.
fn link_base(source: &str) -> &str {
    match source.trim().split_once('#') {
        Some((base, _)) if base.contains("://") => base,
        _ => "",
    }
}

/// The one-line message for a plan without a layout: the field's path for an invalid field.
fn plan_error(e: &PlanError) -> String {
    match e {
        PlanError::Field { field, message } => format!("the plan's {field} is invalid: {message}"),
        PlanError::DoesNotFit { message, .. } => format!("the plan does not fit: {message}"),
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
    let hint = "--from takes a plan.json file, a share link or preset:ID";
    if s == "-" {
        let (text, name) = read_text("-", "plan", hint)?;
        return from_text(&text, &name);
    }
    // A link: a URL (the state is in its #fragment), a bare `#…` or a versioned fragment.
    let looks_like_link = s.contains("://") || s.starts_with('#') || is_versioned_fragment(s);
    let path = std::path::Path::new(source);
    if looks_like_link && !path.is_file() {
        return from_link(s);
    }
    let (text, name) = read_text(source, "plan", hint)?;
    from_text(&text, &name)
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
        Some(Field::Json) | None => e.message().to_string(),
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
