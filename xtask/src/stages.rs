//! `cargo xtask test`: every check CI runs, one stage at a time, then a summary.

use crate::dist;
use crate::tools::{Tool, Toolbox, BUILD_TOOLS, WASM_TARGET};
use crate::util::{describe, fmt_duration, run, Res};
use std::process::Command;
use std::time::{Duration, Instant};

/// The stages, in the order they run.
pub const STAGES: [(&str, &str); 8] = [
    ("tools", "install/check the pinned tools the selected stages need"),
    ("fmt", "cargo fmt --all --check"),
    ("clippy", "cargo clippy --workspace --all-targets -- -D warnings"),
    ("clippy-wasm", "cargo clippy --target wasm32-unknown-unknown -p cidrplan-shell -p cidrplan-calculator -p cidrplan-subnets -p cidrplan-planner -p cidrplan-exports -- -D warnings"),
    ("test", "cargo test --workspace"),
    ("exports", "planner Terraform/CloudFormation through python-hcl2 and cfn-lint (PyPI, .tools/pyenv)"),
    ("build", "trunk build --release --offline (dist/)"),
    ("browser", "node --test browser/ (tests/, headless chromium on dist/)"),
];

/// The tools a stage needs.
fn needs(stage: &str) -> &'static [Tool] {
    match stage {
        "clippy-wasm" => &[Tool::WasmTarget],
        "build" => &BUILD_TOOLS,
        "browser" => &[Tool::NodePackages, Tool::Chromium, Tool::Nginx],
        _ => &[],
    }
}

enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

struct Record {
    name: &'static str,
    outcome: Outcome,
    time: Duration,
}

pub fn usage() -> String {
    let mut s = String::from("stages (all by default; name some to run only those):\n");
    for (name, what) in STAGES {
        s.push_str(&format!("  {name:<12} {what}\n"));
    }
    s
}

/// Runs the selected stages (all if `args` is empty); returns the process exit code.
pub fn run_stages(tb: &Toolbox, args: &[String]) -> Res<i32> {
    for a in args {
        if !STAGES.iter().any(|(n, _)| n == a) {
            return Err(format!("unknown stage `{a}`\n{}", usage()));
        }
    }
    let selected: Vec<&'static str> = STAGES
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| args.is_empty() || args.iter().any(|a| a == n) || *n == "tools")
        .collect();
    let total = selected.len();
    let started = Instant::now();
    let mut records: Vec<Record> = Vec::new();
    let mut failed_tools: Vec<Tool> = Vec::new();

    for (i, &name) in selected.iter().enumerate() {
        let what = STAGES.iter().find(|(n, _)| *n == name).map(|s| s.1);
        println!();
        println!("==> [{}/{total}] {name}: {}", i + 1, what.unwrap_or(""));
        let start = Instant::now();
        let outcome = if let Some(reason) = blocked(name, &failed_tools, &records) {
            Outcome::Skip(reason)
        } else {
            match name {
                "tools" => {
                    let mut wanted: Vec<Tool> = Vec::new();
                    for s in &selected {
                        for t in needs(s) {
                            if !wanted.contains(t) {
                                wanted.push(*t);
                            }
                        }
                    }
                    if wanted.is_empty() {
                        println!("no tools needed by the selected stages");
                    }
                    let failures = tb.ensure_all(&wanted);
                    for (tool, err) in &failures {
                        println!("{}: FAILED: {err}", tool.name());
                    }
                    failed_tools = failures.iter().map(|(t, _)| *t).collect();
                    if failures.is_empty() {
                        Outcome::Pass
                    } else {
                        let names: Vec<&str> = failures.iter().map(|(t, _)| t.name()).collect();
                        Outcome::Fail(format!("could not set up: {}", names.join(", ")))
                    }
                }
                _ => match run_stage(tb, name) {
                    Ok(()) => Outcome::Pass,
                    Err(e) => Outcome::Fail(e),
                },
            }
        };
        let time = start.elapsed();
        let line = match &outcome {
            Outcome::Pass => "PASS".to_string(),
            Outcome::Fail(e) => format!("FAIL ({e})"),
            Outcome::Skip(e) => format!("SKIPPED ({e})"),
        };
        println!("<== {name}: {line} in {}", fmt_duration(time));
        records.push(Record { name, outcome, time });
    }

    let passed = count(&records, |o| matches!(o, Outcome::Pass));
    let failed = count(&records, |o| matches!(o, Outcome::Fail(_)));
    let skipped = count(&records, |o| matches!(o, Outcome::Skip(_)));
    println!();
    println!("Summary");
    println!("{:<12} {:<7} {:>9}  note", "stage", "result", "time");
    for r in &records {
        let (result, note) = match &r.outcome {
            Outcome::Pass => ("pass", ""),
            Outcome::Fail(e) => ("FAIL", e.as_str()),
            Outcome::Skip(e) => ("skipped", e.as_str()),
        };
        println!("{:<12} {:<7} {:>9}  {note}", r.name, result, fmt_duration(r.time));
    }
    println!("{:<12} {:<7} {:>9}", "total", "", fmt_duration(started.elapsed()));
    if skipped > 0 {
        println!("{passed} passed, {failed} failed, {skipped} skipped");
    } else {
        println!("{passed} passed, {failed} failed");
    }
    Ok(if failed + skipped > 0 { 1 } else { 0 })
}

fn count(records: &[Record], f: impl Fn(&Outcome) -> bool) -> usize {
    records.iter().filter(|r| f(&r.outcome)).count()
}

/// Why `stage` cannot run: a tool it needs failed to install, or the build it tests failed.
fn blocked(stage: &str, failed_tools: &[Tool], done: &[Record]) -> Option<String> {
    let missing: Vec<&str> = needs(stage).iter().filter(|t| failed_tools.contains(t)).map(|t| t.name()).collect();
    if !missing.is_empty() {
        return Some(format!("needs {}", missing.join(", ")));
    }
    if stage == "browser" && done.iter().any(|r| r.name == "build" && !matches!(r.outcome, Outcome::Pass)) {
        return Some("the build stage failed".into());
    }
    None
}

fn cargo_stage(tb: &Toolbox, args: &[&str]) -> Res<()> {
    let mut cmd = tb.cargo();
    cmd.args(args);
    println!("$ {}", describe(&cmd).replacen(&cargo_program(), "cargo", 1));
    run(&mut cmd).map_err(|e| e.replacen(&cargo_program(), "cargo", 1))
}

fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn run_stage(tb: &Toolbox, name: &str) -> Res<()> {
    match name {
        "fmt" => cargo_stage(tb, &["fmt", "--all", "--check"]),
        "clippy" => cargo_stage(tb, &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
        "clippy-wasm" => cargo_stage(
            tb,
            &[
                "clippy",
                "--target",
                WASM_TARGET,
                "-p",
                "cidrplan-shell",
                "-p",
                "cidrplan-calculator",
                "-p",
                "cidrplan-subnets",
                "-p",
                "cidrplan-planner",
                "-p",
                "cidrplan-exports",
                "--",
                "-D",
                "warnings",
            ],
        ),
        "test" => cargo_stage(tb, &["test", "--workspace"]),
        "exports" => crate::exports::run_stage(tb),
        "build" => {
            dist::build_release(tb)?;
            let total = dist::report_sizes(&tb.dist_dir())?;
            dist::check_budget(total)?;
            dist::check_tool_budgets(&tb.dist_dir())
        }
        "browser" => browser_tests(tb, &[]),
        other => Err(format!("no such stage `{other}`")),
    }
}

/// `node --test browser/` in tests/, against dist/, with the pinned chromium.
/// `env` adds variables (e.g. CIDRPLAN_UPDATE_SCREENSHOTS=1).
pub fn browser_tests(tb: &Toolbox, env: &[(&str, &str)]) -> Res<()> {
    let dist = tb.dist_dir();
    if !dist.join("index.html").is_file() {
        return Err(format!("{}/index.html missing: run `cargo xtask dist` first", dist.display()));
    }
    let mut cmd: Command = tb.command("node");
    cmd.current_dir(tb.tests_dir())
        .args(["--test", "--test-concurrency=1", "--test-reporter=tap", "browser/"])
        .env("CIDRPLAN_DIST", &dist)
        .env("CHROMIUM_PATH", tb.chromium())
        .env("NGINX_PATH", tb.nginx());
    for (k, v) in env {
        cmd.env(k, v);
    }
    println!("$ (cd tests && {})", describe(&cmd));
    run(&mut cmd)
}
