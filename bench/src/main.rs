//! cidrplan-bench: measures cidrplan against CPython's `ipaddress`, `ipcalc` and `sipcalc`, and
//! the share-link codec, then prints (and with `--write`, saves) BENCHMARKS.md.
//!
//! `cargo run --release -p cidrplan-bench -- --write BENCHMARKS.md` does everything, including
//! building the release CLI; `--quick` is a smoke run on small inputs (well under 30 s once the
//! CLI is built).

mod cpu;
mod harness;
mod inputs;
mod library;
mod planner;
mod process;
mod python;
mod report;
mod share;
mod tools;

use harness::Runs;
use report::Group;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Input sizes of the library workloads.
pub struct Sizes {
    /// Enumerate the /28s of 10.0.0.0/this.
    pub enumerate_prefix: u8,
    pub collapse_v4: usize,
    pub collapse_v6: usize,
    pub exclude: usize,
    pub ranges: usize,
    pub parse: usize,
}

pub struct Config {
    pub quick: bool,
    /// `--only ROW`: run just that library row (e.g. `parse`) and skip the other groups.
    pub only: Option<String>,
    pub sizes: Sizes,
    pub rust_runs: Runs,
    pub py_runs: Runs,
    pub process_runs: Runs,
}

impl Config {
    /// Whether the library row `name` is to run (all of them unless `--only` names another).
    pub fn runs_row(&self, name: &str) -> bool {
        self.only.as_deref().is_none_or(|o| name.starts_with(o))
    }

    fn new(quick: bool, only: Option<String>) -> Config {
        if quick {
            Config {
                quick,
                only,
                sizes: Sizes {
                    enumerate_prefix: 13,
                    collapse_v4: 10_000,
                    collapse_v6: 5_000,
                    exclude: 1_000,
                    ranges: 5_000,
                    parse: 10_000,
                },
                rust_runs: Runs { warmup: 1, min: 3, max: 5, budget: Duration::from_millis(300) },
                py_runs: Runs { warmup: 1, min: 3, max: 3, budget: Duration::from_secs(1) },
                process_runs: Runs::fixed(1, 3),
            }
        } else {
            Config {
                quick,
                only,
                sizes: Sizes {
                    enumerate_prefix: 8,
                    collapse_v4: 1_000_000,
                    collapse_v6: 100_000,
                    exclude: 10_000,
                    ranges: 100_000,
                    parse: 1_000_000,
                },
                rust_runs: Runs { warmup: 2, min: 5, max: 21, budget: Duration::from_millis(1500) },
                py_runs: Runs { warmup: 1, min: 3, max: 5, budget: Duration::from_secs(10) },
                process_runs: Runs::fixed(3, 30),
            }
        }
    }
}

const USAGE: &str = "cidrplan-bench: benchmarks cidrplan against CPython ipaddress, ipcalc and sipcalc.

Usage: cargo run --release -p cidrplan-bench -- [--quick] [--only ROW] [--write PATH]

  --quick        small inputs and few runs: a smoke check (< 30 s once the CLI is built)
  --only ROW     run only one row of the library group (enumerate, collapse_v4, collapse_v6,
                 exclude, ranges, parse) and skip the other groups: for working on one figure;
                 `--only process` runs the whole-process group (cidrplan info vs ipcalc, sipcalc)
  --write PATH   also write the markdown report to PATH (relative paths are taken from the
                 workspace root; `cargo xtask bench` writes BENCHMARKS.md)
  -h, --help     this text

The report always goes to stdout, progress to stderr. Exits non-zero if cidrplan and the
alternative disagree on any result.";

/// The workspace root (this crate lives in `<root>/bench`).
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// A scratch directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let p = std::env::temp_dir().join(format!("cidrplan-bench-{}", std::process::id()));
        std::fs::create_dir_all(&p)?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn main() -> ExitCode {
    let mut quick = false;
    let mut only: Option<String> = None;
    let mut write: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--only" => match args.next() {
                Some(r) => only = Some(r),
                None => return usage_error("--only needs a row name"),
            },
            "--write" => match args.next() {
                Some(p) => write = Some(PathBuf::from(p)),
                None => return usage_error("--write needs a path"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage_error(&format!("unknown argument '{other}'")),
        }
    }
    match run(Config::new(quick, only), write) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cidrplan-bench: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(m: &str) -> ExitCode {
    eprintln!("cidrplan-bench: {m}\n\n{USAGE}");
    ExitCode::from(2)
}

fn run(cfg: Config, write: Option<PathBuf>) -> Result<(), String> {
    let started = Instant::now();
    if cfg!(debug_assertions) {
        eprintln!("[bench] warning: this is a debug build; run with --release for meaningful numbers");
    }
    let root = workspace_root();
    let tmp = TempDir::new().map_err(|e| format!("creating a temporary directory: {e}"))?;
    let machine = Machine::collect();
    let python = python::Python::find(&root);
    if let Err(e) = &python {
        eprintln!("[bench] note: {e}; skipping the Python side");
    }
    let py = python.as_ref().map_err(String::as_str);

    // `--only process`: the whole-process group alone (the CLI against ipcalc and sipcalc).
    let process_only = cfg.only.as_deref() == Some("process");
    let mut groups: Vec<Group> = Vec::new();
    if !process_only {
        groups.push(library::run(&cfg, py, &tmp.0)?);
    }
    if cfg.only.is_none() || process_only {
        groups.push(process::run(&cfg, &root));
    }
    if cfg.only.is_none() {
        groups.push(share::run(&cfg)?);
        groups.push(planner::run(&cfg));
        groups.push(tools::run(&cfg));
    }
    let load_after = loadavg();
    let md = markdown(&cfg, &machine, py.ok(), &groups, &load_after, started.elapsed().as_secs());
    print!("{md}");
    if let Some(path) = write {
        let path = if path.is_absolute() { path } else { root.join(path) };
        std::fs::write(&path, &md).map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("[bench] wrote {}", path.display());
    }
    eprintln!("[bench] done in {} s", started.elapsed().as_secs());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The machine.

struct Machine {
    cpus: usize,
    cpu_model: String,
    load_before: String,
    date: String,
}

impl Machine {
    fn collect() -> Machine {
        let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            cpu_model,
            load_before: loadavg(),
            date: today_utc(),
        }
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// CPU minutes used by this process and its reaped children (from /proc, 100 ticks a second).
fn process_cpu_minutes() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime, stime, cutime, cstime are fields 14–17 of the file, 11–14 after the command name.
    let ticks: f64 = fields.get(11..15)?.iter().map(|f| f.parse::<f64>().unwrap_or(0.0)).sum();
    Some(ticks / 100.0 / 60.0)
}

/// First line of a command's output (stdout, else stderr), or `None`.
fn first_line(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    let text = if out.stdout.iter().any(|b| !b.is_ascii_whitespace()) { out.stdout } else { out.stderr };
    String::from_utf8_lossy(&text).lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string)
}

/// `0.42-2 (Debian package)` when dpkg knows it, else what the tool says, else "not installed".
fn tool_version(name: &str, flag: &str, kind: &str) -> String {
    if process::which(name).is_none() {
        return "not installed (its rows are skipped)".into();
    }
    let own = first_line(name, &[flag]).unwrap_or_else(|| "version unknown".into());
    match first_line("dpkg-query", &["-W", "-f=${Version}", name]) {
        Some(v) => format!("Debian package {v}; `{name} {flag}` says \"{own}\"; {kind}"),
        None => format!("{own}; {kind}"),
    }
}

/// `YYYY-MM-DD` (UTC) from the system clock, without a date crate.
fn today_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    // Howard Hinnant's civil_from_days.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------------------------
// The document.

fn markdown(
    cfg: &Config,
    m: &Machine,
    py: Option<&python::Python>,
    groups: &[Group],
    load_after: &str,
    secs: u64,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# cidrplan benchmarks\n");
    if cfg.quick {
        let _ = writeln!(
            s,
            "> **Quick smoke run (`--quick`): small inputs and few runs. These numbers are not representative; \
             regenerate with `cargo xtask bench`.**\n"
        );
    }
    let _ = writeln!(
        s,
        "Generated on {} by {} (this run: {:.1} min wall, {} CPU, bench and children together). Regenerate with \
         `cargo xtask bench`, which runs `cargo run --release -p cidrplan-bench -- --write BENCHMARKS.md`. Do not edit \
         by hand: the text comes from `bench/src/`, the Python side from `bench/python/ipaddress_bench.py`. \
         `cargo run --release -p cidrplan-bench -- --quick` is a smoke run of the same code on small inputs. \
         The web app's figures in the browser (loading, typing, the designer, the planner, Lighthouse, bundle \
         size) are in `FIGURES-browser.md` (`cargo xtask figures`).\n",
        m.date,
        if cfg.quick { "a `--quick` smoke run" } else { "the full bench" },
        secs as f64 / 60.0,
        process_cpu_minutes().map(|m| format!("{m:.1} min")).unwrap_or_else(|| "unknown".into())
    );
    let _ = writeln!(s, "## How to read these numbers\n");
    let _ = writeln!(
        s,
        "- The machine is **shared and noisy** (other builds run alongside). Every figure is the **median** of \
         repeated runs after warm-up runs, never a single run, and both sides of a row are measured in the same \
         bench run, close together in time, so the **ratio** is the number to read; absolute times only give \
         the order of magnitude and will differ on another machine or another day.\n\
         - {}\n\
         - **Ratio = alternative ÷ cidrplan: above 1 means cidrplan is faster** (or, for sizes, smaller). \
         Notes give the number of timed runs (cidrplan / alternative) and how much they varied: the interquartile \
         range relative to the median (IQR; with 3 runs, the whole range).\n\
         - Every library row checks that both sides produced the same result (count and checksum); the bench fails \
         if they do not.\n\
         - cidrplan is measured as it ships: the workspace `release` profile (opt-level `{}`, LTO, one codegen \
         unit, `panic = \"abort\"`), which is tuned for a small wasm bundle rather than for speed.\n",
        if cpu::MEASURED {
            "Times are **CPU time**, not wall time: of the measuring thread for in-process work (both sides read \
             the same clock, `CLOCK_THREAD_CPUTIME_ID`; Python through `time.thread_time_ns`), and of the child \
             process (user + system, from `wait4`) for whole-process runs. Time spent waiting for a core while \
             other jobs run is therefore not counted; cache and memory-bandwidth contention still is."
        } else {
            "Times are wall time (CPU time is only read on 64-bit Linux), so they include time spent waiting \
             for a core while other jobs run."
        },
        env!("BENCH_OPT_LEVEL")
    );
    let losses: Vec<String> = groups
        .iter()
        .flat_map(|g| g.losses().map(move |r| (g, r)))
        .map(|(g, r)| format!("- {}: *{}*, {}", g.title, r.label(), harness::fmt_ratio(r.ratio().unwrap_or(0.0))))
        .collect();
    let _ = writeln!(s, "## Where cidrplan loses\n");
    if losses.is_empty() {
        let _ = writeln!(s, "Nowhere in this run.\n");
    } else {
        let _ = writeln!(s, "Explained under each group's table:\n\n{}\n", losses.join("\n"));
    }
    let _ = writeln!(s, "## Machine\n");
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| CPU | {} ({} logical CPUs, `nproc`) |", m.cpu_model, m.cpus);
    let _ = writeln!(s, "| Load average (1/5/15 min) | {} at start, {load_after} at end |", m.load_before);
    let _ = writeln!(
        s,
        "| rustc | {} (profile `{}`, opt-level `{}`) |",
        env!("BENCH_RUSTC_VERSION"),
        env!("BENCH_PROFILE"),
        env!("BENCH_OPT_LEVEL")
    );
    let _ = writeln!(s, "| Python | {} |", py.map(|p| p.version.as_str()).unwrap_or("not found (Python rows skipped)"));
    let _ = writeln!(s, "| ipcalc | {} |", tool_version("ipcalc", "-v", "Perl script"));
    let _ = writeln!(s, "| sipcalc | {} |", tool_version("sipcalc", "-v", "C program"));
    let _ = writeln!(s, "| Date | {} (UTC) |\n", m.date);
    for g in groups {
        s.push_str(&g.markdown());
    }
    s
}
