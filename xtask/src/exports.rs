//! The `exports` stage: the planner's Terraform and CloudFormation checked by the real tools
//! (python-hcl2 parses every .tf, cfn-lint lints every template), from PyPI into a venv.

use crate::tools::Toolbox;
use crate::util::{describe, run, Res};
use std::path::PathBuf;

const REQUIREMENTS: &str = "tests/exports/requirements.txt";

/// `.tools/pyenv` with the pinned requirements; a second run installs nothing and says so.
fn ensure_venv(tb: &Toolbox) -> Res<PathBuf> {
    let root = crate::util::root();
    let venv = root.join(".tools/pyenv");
    let python = venv.join("bin/python");
    let wanted = std::fs::read_to_string(root.join(REQUIREMENTS)).map_err(|e| format!("{REQUIREMENTS}: {e}"))?;
    let stamp = venv.join(".cidrplan-requirements");
    if python.is_file() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        println!("python-hcl2 + cfn-lint: present in .tools/pyenv");
        return Ok(python);
    }
    if !python.is_file() {
        println!("creating .tools/pyenv (python3 -m venv) …");
        run(tb.command("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    println!(
        "installing {} into .tools/pyenv (pip, from PyPI) …",
        wanted.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    run(tb
        .command(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(root.join(REQUIREMENTS)))?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(python)
}

pub fn run_stage(tb: &Toolbox) -> Res<()> {
    let python = ensure_venv(tb)?;
    let root = crate::util::root();
    let mut build = tb.cargo();
    build.args(["build", "--release", "-p", "cidrplan-cli"]);
    println!("$ cargo build --release -p cidrplan-cli");
    run(&mut build)?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let mut check = tb.command(&python);
    check
        .arg(root.join("tests/exports/check_exports.py"))
        .arg("--cidrplan")
        .arg(target.join("release/cidrplan"))
        .arg("--out")
        .arg(target.join("exports"));
    println!("$ {}", describe(&check));
    run(&mut check)
}
