//! Running the CPython side (`bench/python/ipaddress_bench.py`), one process per workload.

use crate::harness::{Runs, Stats};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

pub struct Python {
    exe: String,
    script: PathBuf,
    /// `Python 3.11.7`
    pub version: String,
}

/// What the Python side reports for one workload.
pub struct PyResult {
    pub stats: Stats,
    pub count: u64,
    pub checksum: u64,
}

impl Python {
    /// `python3` on PATH (or `$CIDRPLAN_BENCH_PYTHON`), or why it cannot be used.
    pub fn find(root: &Path) -> Result<Python, String> {
        let exe = std::env::var("CIDRPLAN_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = root.join("bench/python/ipaddress_bench.py");
        if !script.is_file() {
            return Err(format!("{} is missing", script.display()));
        }
        let out = Command::new(&exe)
            .args([
                "-c",
                "import ipaddress, platform; print(platform.python_implementation(), platform.python_version())",
            ])
            .output()
            .map_err(|e| format!("{exe} not found ({e})"))?;
        if !out.status.success() {
            return Err(format!("{exe} does not run ({})", out.status));
        }
        let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok(Python { exe, script, version })
    }

    /// Run one workload described by `spec` (plus the run counts) and read back its result.
    pub fn run(&self, dir: &Path, name: &str, runs: Runs, mut spec: serde_json::Value) -> Result<PyResult, String> {
        spec["warmup"] = runs.warmup.max(1).into();
        spec["min_samples"] = runs.min.into();
        spec["max_samples"] = runs.max.into();
        spec["budget_s"] = runs.budget.as_secs_f64().into();
        let spec_path = dir.join(format!("{name}.json"));
        std::fs::write(&spec_path, spec.to_string()).map_err(|e| format!("writing {}: {e}", spec_path.display()))?;
        let out = Command::new(&self.exe)
            .arg(&self.script)
            .arg(&spec_path)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("running {}: {e}", self.exe))?;
        if !out.status.success() {
            return Err(format!("the Python side of '{name}' failed ({}); see its error above", out.status));
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| format!("the Python side of '{name}' printed no result ({e})"))?;
        let samples: Vec<Duration> = v["samples_ns"]
            .as_array()
            .ok_or("samples_ns missing")?
            .iter()
            .map(|x| x.as_u64().map(Duration::from_nanos).ok_or("bad sample"))
            .collect::<Result<_, _>>()?;
        if samples.is_empty() {
            return Err(format!("the Python side of '{name}' returned no samples"));
        }
        Ok(PyResult {
            stats: Stats::from_samples(samples),
            count: v["count"].as_u64().ok_or("count missing")?,
            checksum: v["checksum"].as_u64().ok_or("checksum missing")?,
        })
    }
}
