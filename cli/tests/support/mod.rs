//! Running the `cidrplan` binary for the tests of the newer commands (vlsm, lists, docs).
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cidrplan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cidrplan");
    {
        let mut input = child.stdin.take().expect("stdin");
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).expect("write stdin");
        }
    }
    let out = child.wait_with_output().expect("wait");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// A run that must succeed with nothing on stderr: its stdout.
pub fn ok_with(args: &[&str], stdin: Option<&str>) -> String {
    let r = run(args, stdin);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    assert_eq!(r.stderr, "", "{args:?} wrote to stderr");
    r.stdout
}

pub fn ok(args: &[&str]) -> String {
    ok_with(args, None)
}

pub fn lines(args: &[&str], stdin: Option<&str>) -> Vec<String> {
    ok_with(args, stdin).lines().map(str::to_string).collect()
}

pub fn json_with(args: &[&str], stdin: Option<&str>) -> Value {
    let out = ok_with(args, stdin);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
}

/// Bad input or usage: exit status 2, nothing on stdout, exactly one line on stderr.
pub fn fails_with(args: &[&str], stdin: Option<&str>) -> String {
    let r = run(args, stdin);
    assert_eq!(r.code, 2, "{args:?} should fail with 2; stdout: {}", r.stdout);
    assert_eq!(r.stdout, "", "{args:?} wrote to stdout");
    assert!(r.stderr.starts_with("cidrplan: "), "{args:?}: {}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{args:?}: not one line: {}", r.stderr);
    r.stderr.trim_end().to_string()
}

pub fn fails(args: &[&str]) -> String {
    fails_with(args, None)
}

/// A file in a fresh temporary directory of this test.
pub fn temp_file(test: &str, name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("cidrplan-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

pub fn strings(v: &Value) -> Vec<String> {
    v.as_array().expect("array").iter().map(|x| x.as_str().expect("string").to_string()).collect()
}
