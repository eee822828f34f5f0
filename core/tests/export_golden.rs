//! Golden files: every export format for the AWS 3-AZ preset and the tricky-names plan.
//!
//! The expected outputs live in `core/tests/golden/`. After an intended change, regenerate
//! them and review the diff:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test -p cidrplan --test export_golden
//! ```

mod export_support;

use cidrplan::export::{render, Format};
use cidrplan::plan::{preset, Layout, Plan};
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
}

/// Compare `actual` with the golden file `name`, or write it when `UPDATE_GOLDEN` is set.
fn check(name: &str, actual: &str) -> Result<(), String> {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path).map_err(|e| {
        format!("{}: {e} (run UPDATE_GOLDEN=1 cargo test -p cidrplan --test export_golden)", path.display())
    })?;
    if expected == actual {
        return Ok(());
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.split('\n').collect(), actual.split('\n').collect());
    let line = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    Err(format!(
        "{name} differs from the golden file at line {}:\n  expected: {:?}\n  actual:   {:?}\n(if intended: UPDATE_GOLDEN=1 cargo test -p cidrplan --test export_golden)",
        line + 1,
        e.get(line).unwrap_or(&"<end of file>"),
        a.get(line).unwrap_or(&"<end of file>")
    ))
}

const FILES: [(&str, &str); 8] = [
    ("terraform-aws", "terraform-aws.tf"),
    ("terraform-azure", "terraform-azure.tf"),
    ("terraform-gcp", "terraform-gcp.tf"),
    ("cloudformation", "cloudformation.yaml"),
    ("json", "json"),
    ("csv", "csv"),
    ("markdown", "md"),
    ("table", "table.txt"),
];

fn check_all(stem: &str, plan: &Plan, layout: &Layout) {
    let mut failures = Vec::new();
    for (format, ext) in FILES {
        let f: Format = format.parse().unwrap();
        let text = render(plan, layout, f).unwrap_or_else(|e| panic!("{stem} {format}: {e}"));
        assert_eq!(render(plan, layout, f).unwrap(), text, "{stem} {format} is not deterministic");
        if let Err(e) = check(&format!("{stem}.{ext}"), &text) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn aws_3az_golden() {
    let plan = preset("aws-3az").unwrap();
    let layout = plan.layout().unwrap();
    check_all("aws-3az", &plan, &layout);
}

#[test]
fn tricky_names_golden() {
    let (plan, layout) = export_support::tricky();
    check_all("tricky", &plan, &layout);
}
