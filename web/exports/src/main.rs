//! The export writers and JSON readers as a module of functions: the planner's Terraform,
//! CloudFormation, JSON, CSV, Markdown and text writers of `cidrplan::export`, the JSON reader
//! for imported plan files and for plans saved by an older planner, and the designer's JSON
//! file (export, import, and what an older designer saved).
//!
//! None of them is needed for a tool's first result and together they are about a third of
//! the planner's core code and all of the JSON code (serde_json: 18 KiB of the designer's
//! gzipped module), so they load on their own: boot.js's `cidrplanBoot.library('exports')`,
//! which the planner calls once it is on screen (see `web/planner/src/exports.rs`) and the
//! designer when a JSON file is exported or imported. Plans and designs cross between the
//! modules as share links (`cidrplan::share::plan_link`, `design_link`), which both read and
//! write exactly; so the tools themselves link no JSON code.
//!
//! No Leptos and no page: every function is text in, text out, and an `Err` is the sentence to
//! show.

use cidrplan::design;
use cidrplan::export::{self, ExportOptions, Format};
use cidrplan::plan::{self, Field, Plan};
use cidrplan::share::{self, Opened};
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {}

/// The plan of `link` (a plan link; a draft's plan that fitted) in `format` (a
/// [`Format::id`]), its header's plan link starting with `link_base` (the page's address
/// without its fragment).
#[wasm_bindgen]
pub fn render(link: &str, format: &str, link_base: &str) -> Result<String, String> {
    let plan = read(link)?;
    let format: Format = format.parse()?;
    let layout = plan.layout().map_err(|e| e.to_string())?;
    export::render_with(&plan, &layout, format, &ExportOptions { link_base: link_base.to_string() })
}

/// A plan file the user imported (a plan, or the JSON export), as a plan link; `Err` says
/// why it is not a plan, naming the field at fault.
#[wasm_bindgen]
pub fn import_plan(text: &str) -> Result<String, String> {
    let p = plan::from_file(text).map_err(|e| match e.field() {
        Some(Field::Json) | None => e.to_string(),
        Some(field) => format!("{field}: {e}"),
    })?;
    share::plan_link(&p, None).map_err(|e| e.to_string())
}

/// What an older planner saved in this browser (the form as JSON, and the last plan that
/// fitted as JSON or empty) as the link the planner saves now.
#[wasm_bindgen]
pub fn saved_link(form_json: &str, fitted_json: &str) -> Result<String, String> {
    let form = plan::from_json(form_json).map_err(|e| e.to_string())?;
    let fitted = plan::from_json(fitted_json).ok().filter(|f| f.layout().is_ok());
    share::form_link(&form, fitted.as_ref()).map_err(|e| e.to_string())
}

/// The design of `saved` (`share::design_text`, which has no link's length cap) as the
/// designer's JSON file.
#[wasm_bindgen]
pub fn design_json(saved: &str) -> Result<String, String> {
    share::design_from_text(saved)
        .map(|d| design::to_json(&d))
        .map_err(|e| format!("the designer handed over a design that does not read back: {e}"))
}

/// A designer JSON file (imported, or saved by an older designer in this browser) as its
/// `share::design_text` (a design too large to share stays whole); `Err` says why it is not
/// a design.
#[wasm_bindgen]
pub fn import_design(text: &str) -> Result<String, String> {
    let d = design::from_json(text).map_err(|e| e.to_string())?;
    share::design_text(&d).map_err(|e| e.to_string())
}

/// The plan a link holds: its plan, or a draft's plan that fitted.
fn read(link: &str) -> Result<Plan, String> {
    match share::decode_plan(link) {
        Ok(Opened::Mine(state)) => state
            .into_plan()
            .map(|(form, fitted)| fitted.unwrap_or(form))
            .ok_or_else(|| "the planner handed over a link that is not a plan".into()),
        Ok(Opened::Other(_)) => Err("the planner handed over a link that is not a plan".into()),
        Err(e) => Err(format!("the planner handed over a plan that does not read back: {e}")),
    }
}
