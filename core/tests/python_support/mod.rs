//! Running `core/tests/python/reference.py` (CPython's `ipaddress`) on cases the test made,
//! and a small seeded generator for those cases.
//!
//! `python3` (or `$CIDRPLAN_PYTHON`) is a test dependency here, as for `cargo xtask bench`: a
//! missing interpreter fails the test with that instruction rather than passing silently.
//! `CIDRPLAN_NO_PYTHON=1` skips only these reference comparisons (the invariant and brute-force
//! tests in `vlsm_props.rs` and `lists_props.rs` still run).
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The reference's answer to `request`, or `None` when the run was asked to skip Python.
pub fn reference(request: &Value) -> Option<Value> {
    if std::env::var_os("CIDRPLAN_NO_PYTHON").is_some_and(|v| v == "1") {
        eprintln!("CIDRPLAN_NO_PYTHON=1: skipping the CPython reference comparison");
        return None;
    }
    let exe = std::env::var("CIDRPLAN_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/reference.py");
    let mut child = Command::new(&exe)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{exe} not found ({e}): install Python 3, set CIDRPLAN_PYTHON, or CIDRPLAN_NO_PYTHON=1 to skip")
        });
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{} failed: {}", script.display(), out.status);
    Some(serde_json::from_slice(&out.stdout).expect("the reference prints JSON"))
}

/// xorshift64*: reproducible cases without a dependency; the seed is in every failure message.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// Roughly log-uniform in `1..=max`: small and large values alike.
    pub fn log_uniform(&mut self, max: u128) -> u128 {
        let bits = 128 - max.leading_zeros() as u64;
        let b = self.range(0, bits.saturating_sub(1));
        let hi = (1u128 << b).min(max);
        let lo = (hi / 2).max(1);
        lo + (self.next() as u128) % (hi - lo + 1)
    }
}
