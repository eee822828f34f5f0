//! Project automation for cidrplan. Run from anywhere in the repository:
//!
//! ```text
//! cargo xtask serve         # install missing tools, then trunk serve on http://127.0.0.1:8080
//! cargo xtask test [STAGE]  # fmt, clippy (host + wasm32), cargo test, release build, browser tests
//! cargo xtask dist          # release build into dist/ and its gzipped sizes
//! cargo xtask screenshots   # release build, browser tests, screenshots into docs/screenshots/
//! cargo xtask figures       # release build, browser tests, FIGURES-browser.md from what they record
//! cargo xtask setup         # only install/check the tools
//! ```

mod csp;
mod dist;
mod exports;
mod modules;
mod offline;
mod precompress;
mod stages;
mod tools;
mod util;

use std::process::ExitCode;
use tools::{Tool, Toolbox, BUILD_TOOLS};
use util::Res;

fn usage() -> String {
    format!(
        "usage: cargo xtask <command>\n\
         \n\
         commands:\n  \
         serve [TRUNK ARGS]  install missing tools, then `trunk serve` on http://127.0.0.1:8080 (live reload)\n  \
         test [STAGE...]     run the CI checks; ends with a summary and `N passed, N failed`\n  \
         dist                release build into dist/ and print each file's gzipped size\n  \
         screenshots         release build + browser tests, writing screenshots to docs/screenshots/\n  \
         figures             release build + browser tests → FIGURES-browser.md (load, typing, designer,\n                      \
         planner, Lighthouse, bundle)\n  \
         bench [--quick]     benchmarks against CPython ipaddress, ipcalc and sipcalc → BENCHMARKS.md\n  \
         fuzz TARGET SECS    cargo +nightly fuzz run TARGET for SECS seconds (targets: fuzz/README.md)\n  \
         setup               install/check the pinned tools only (rust target, trunk, wasm-bindgen,\n                      \
         npm packages in tests/, chromium)\n\
         \n{}",
        stages::usage()
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tb = Toolbox::new(util::root());
    let rest = args.get(1..).unwrap_or_default();
    let result: Res<i32> = match args.first().map(String::as_str) {
        Some("serve") => serve(&tb, rest),
        Some("test") => stages::run_stages(&tb, rest),
        Some("dist") => dist_cmd(&tb),
        Some("screenshots") => screenshots(&tb),
        Some("figures") => figures(&tb),
        Some("setup") => setup(&tb),
        Some("bench") => bench(&tb, rest),
        Some("fuzz") => fuzz(&tb, rest),
        Some("help" | "-h" | "--help") => {
            print!("{}", usage());
            Ok(0)
        }
        None => {
            eprint!("{}", usage());
            Ok(2)
        }
        Some(other) => {
            eprintln!("xtask: unknown command `{other}`\n");
            eprint!("{}", usage());
            Ok(2)
        }
    };
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Stops at the first tool that cannot be set up.
fn ensure(tb: &Toolbox, tools: &[Tool]) -> Res<()> {
    for &tool in tools {
        tb.ensure(tool)?;
    }
    Ok(())
}

fn setup(tb: &Toolbox) -> Res<i32> {
    let all = [Tool::WasmTarget, Tool::Trunk, Tool::WasmBindgen, Tool::NodePackages, Tool::Chromium, Tool::Nginx];
    let failures = tb.ensure_all(&all);
    for (tool, err) in &failures {
        eprintln!("{}: FAILED: {err}", tool.name());
    }
    if failures.is_empty() {
        println!("setup: all tools present");
        Ok(0)
    } else {
        Ok(1)
    }
}

fn serve(tb: &Toolbox, trunk_args: &[String]) -> Res<i32> {
    ensure(tb, &BUILD_TOOLS)?;
    tb.cargo_fetch()?;
    println!("serving on http://127.0.0.1:8080 with live reload (trunk serve; Ctrl-C stops)");
    let mut cmd = tb.trunk();
    cmd.args(["serve", "--offline"]);
    // The dev build goes to target/trunk-serve, so it neither replaces the release
    // build in dist/ nor collides with a `cargo xtask dist` running meanwhile.
    if !trunk_args.iter().any(|a| a == "-d" || a == "--dist" || a.starts_with("--dist=")) {
        cmd.arg("--dist").arg(tb.root.join("target/trunk-serve"));
    }
    cmd.args(trunk_args);
    // Replace this process so Ctrl-C and the exit status belong to trunk.
    use std::os::unix::process::CommandExt;
    cmd.stdin(std::process::Stdio::null());
    let err = cmd.exec();
    Err(format!("could not start `{}`: {err}", util::describe(&cmd)))
}

fn dist_cmd(tb: &Toolbox) -> Res<i32> {
    ensure(tb, &BUILD_TOOLS)?;
    dist::build_release(tb)?;
    dist::report_sizes(&tb.dist_dir())?;
    // The table is what `dist` is for: print it even when a tool is over its budget.
    if let Err(e) = dist::check_tool_budgets(&tb.dist_dir()) {
        println!("{e}");
    }
    Ok(0)
}

fn screenshots(tb: &Toolbox) -> Res<i32> {
    ensure(tb, &BUILD_TOOLS)?;
    ensure(tb, &[Tool::Chromium, Tool::Nginx])?;
    dist::build_release(tb)?;
    stages::browser_tests(tb, &[("CIDRPLAN_UPDATE_SCREENSHOTS", "1")])?;
    println!("screenshots written to docs/screenshots/");
    Ok(0)
}

/// The browser figures document: the browser tests record perf.json and lighthouse.json under
/// tests/artifacts/, and tests/figures.mjs lays them out with the bundle's sizes.
fn figures(tb: &Toolbox) -> Res<i32> {
    ensure(tb, &BUILD_TOOLS)?;
    ensure(tb, &[Tool::Chromium, Tool::Nginx])?;
    dist::build_release(tb)?;
    stages::browser_tests(tb, &[])?;
    let mut cmd = tb.command("node");
    cmd.current_dir(tb.tests_dir()).arg("figures.mjs").arg(tb.dist_dir()).arg(tb.root.join("FIGURES-browser.md"));
    util::run(&mut cmd).map(|_| 0)
}

/// `cargo run --release -p cidrplan-bench -- --write BENCHMARKS.md` (or `--quick`, printing only).
fn bench(tb: &Toolbox, rest: &[String]) -> Res<i32> {
    ensure(tb, &[Tool::PeerClis])?;
    let mut cmd = tb.cargo();
    cmd.args(["run", "--release", "-p", "cidrplan-bench", "--"]);
    if rest.iter().any(|a| a == "--quick") {
        cmd.arg("--quick");
    } else {
        cmd.args(["--write", "BENCHMARKS.md"]);
    }
    util::run(&mut cmd).map(|_| 0)
}

/// Runs one cargo-fuzz target for a while; the committed seeds stay as they are (new inputs go
/// to a corpus under target/).
fn fuzz(tb: &Toolbox, rest: &[String]) -> Res<i32> {
    let (Some(target), Some(secs)) = (rest.first(), rest.get(1)) else {
        return Err("usage: cargo xtask fuzz <target> <seconds> (targets: see fuzz/README.md)".into());
    };
    let secs: u64 = secs.parse().map_err(|_| format!("`{secs}` is not a number of seconds"))?;
    let root = util::root();
    if util::capture(tb.command("cargo").args(["fuzz", "--version"])).is_none() {
        println!("installing cargo-fuzz (cargo install cargo-fuzz --locked) …");
        util::run(tb.command("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    let corpus = root.join("target/fuzz-corpus").join(target);
    std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    let mut cmd = tb.command("cargo");
    cmd.current_dir(root.join("fuzz"))
        .args(["+nightly", "fuzz", "run", target])
        .arg(&corpus)
        .arg(root.join("fuzz/corpus").join(target))
        .args(["--", &format!("-max_total_time={secs}"), "-rss_limit_mb=2048", "-timeout=10"]);
    util::run(&mut cmd).map(|_| 0)
}
