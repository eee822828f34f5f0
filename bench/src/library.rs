//! Group 1: the core library against CPython's `ipaddress`, same work, same inputs, same run.

use crate::harness::{grouped, measure_around};
use crate::inputs::{self, Checksum, SEED};
use crate::python::Python;
use crate::report::{Cell, Group, Row};
use crate::Config;
use cidrplan::{ops, parse, Cidr};
use serde_json::json;
use std::hint::black_box;
use std::path::Path;

/// What both sides must agree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Outcome {
    count: u64,
    checksum: u64,
}

impl Outcome {
    fn of(nets: &[Cidr]) -> Outcome {
        Outcome { count: nets.len() as u64, checksum: Checksum::of(nets) }
    }
}

struct Ctx<'a> {
    cfg: &'a Config,
    py: Result<&'a Python, &'a str>,
    dir: &'a Path,
}

impl Ctx<'_> {
    /// Time `f` (ours) with the Python side of the same workload run halfway through our timed
    /// runs, check that both agree, and make the row.
    fn compare<T>(
        &self,
        name: &str,
        work: String,
        f: impl FnMut() -> T,
        outcome: impl Fn(&T) -> Outcome,
        spec: serde_json::Value,
    ) -> Result<Row, String> {
        let python = |py: &Python| {
            eprintln!("[bench] {name}: Python side…");
            py.run(self.dir, name, self.cfg.py_runs, spec)
        };
        let (ours_stats, last, theirs) = measure_around(self.cfg.rust_runs, f, || self.py.map(python));
        let ours_out = outcome(&last);
        drop(last);
        let (alt, agree) = match theirs {
            Ok(r) => {
                let r = r?;
                let theirs = Outcome { count: r.count, checksum: r.checksum };
                if theirs != ours_out {
                    return Err(format!(
                        "RESULTS DIFFER for '{name}': cidrplan gave {} blocks (checksum {:016x}), Python gave {} (checksum {:016x})",
                        ours_out.count, ours_out.checksum, theirs.count, theirs.checksum
                    ));
                }
                let ratio = r.stats.median().as_secs_f64() / ours_stats.median().as_secs_f64();
                eprintln!("[bench] {name}: results agree; Python/cidrplan = {ratio:.1}×");
                (Cell::Time(r.stats), "results match")
            }
            Err(why) => (Cell::Missing(why.to_string()), "not compared"),
        };
        Ok(Row {
            work,
            ours: Cell::Time(ours_stats),
            alt_name: None,
            alt,
            notes: format!("{} blocks out, {agree}", grouped(ours_out.count)),
            loss: None,
        })
    }

    fn input_path(&self, name: &str) -> std::path::PathBuf {
        self.dir.join(format!("{name}.txt"))
    }
}

fn io<T>(r: std::io::Result<T>) -> Result<T, String> {
    r.map_err(|e| format!("writing benchmark input: {e}"))
}

pub fn run(cfg: &Config, py: Result<&Python, &str>, dir: &Path) -> Result<Group, String> {
    let cx = Ctx { cfg, py, dir };
    let s = &cfg.sizes;
    let mut rows = Vec::new();

    // 1. Enumerate every /28 of a network.
    if cfg.runs_row("enumerate") {
        let base = inputs::v4(0x0A00_0000, s.enumerate_prefix);
        let n = 1u64 << (28 - s.enumerate_prefix);
        eprintln!("[bench] enumerate /28s of {base}…");
        let spec = json!({"kind": "enumerate", "base": base.to_string(), "new_prefix": 28});
        let enumerate = || {
            let mut n = 0u64;
            let mut last = None;
            for sub in ops::split(base, 28).expect("split") {
                n += 1;
                last = Some(black_box(sub));
            }
            (n, last.expect("some subnet"))
        };
        let outcome = |r: &(u64, Cidr)| Outcome { count: r.0, checksum: Checksum::of(&[r.1]) };
        let work = format!("Enumerate all {} /28s of {base} (count them)", grouped(n));
        let mut row = cx.compare("enumerate", work, enumerate, outcome, spec)?;
        row.notes =
            row.notes.replace("blocks out", "subnets counted").replace("results match", "count and last subnet match");
        rows.push(row);
    }

    // 2. Collapse random blocks.
    for (name, nets, version, what) in [
        ("collapse_v4", inputs::random_v4_24s(s.collapse_v4, 1), 4, "random IPv4 /24s (anywhere)"),
        ("collapse_v6", inputs::random_v6_64s(s.collapse_v6, 2), 6, "random IPv6 /64s in 2001:db8::/44"),
    ] {
        if !cfg.runs_row(name) {
            continue;
        }
        eprintln!("[bench] {name}: {} inputs…", nets.len());
        let file = cx.input_path(name);
        io(inputs::write_networks(&file, &nets))?;
        let spec = json!({"kind": "collapse", "file": file, "version": version});
        let work = format!("Collapse {} {what}", grouped(nets.len() as u64));
        rows.push(cx.compare(name, work, || ops::aggregate(&nets), |v| Outcome::of(v), spec)?);
    }

    // 3. Exclude random /24s from 10.0.0.0/8, against two Python approaches.
    if cfg.runs_row("exclude") {
        let base = inputs::v4(0x0A00_0000, 8);
        let holes = inputs::random_24s_in_10_8(s.exclude, 3);
        eprintln!("[bench] exclude {} /24s from {base}…", holes.len());
        let file = cx.input_path("exclude");
        io(inputs::write_networks(&file, &holes))?;
        let base_spec = [base.network().value() as u64, u64::from(base.prefix())];
        let n = grouped(holes.len() as u64);
        for (kind, how) in [
            ("exclude_gaps", "Python: collapse holes + summarize gaps"),
            ("exclude_repeated", "Python: repeated `address_exclude`"),
        ] {
            let spec = json!({"kind": kind, "file": file, "version": 4, "base": base_spec});
            let work = format!("Exclude {n} random /24s from {base} — {how}");
            let exclude = || ops::exclude(base, &holes).expect("exclude");
            rows.push(cx.compare(kind, work, exclude, |v| Outcome::of(v), spec)?);
        }
    }

    // 4. Ranges to CIDRs.
    if cfg.runs_row("ranges") {
        let ranges = inputs::random_v4_ranges(s.ranges, 4);
        eprintln!("[bench] {} ranges → CIDRs…", ranges.len());
        let file = cx.input_path("ranges");
        io(inputs::write_ranges(&file, &ranges))?;
        let summarize = || {
            let mut out = Vec::new();
            for &(a, b) in &ranges {
                out.extend(ops::range_to_cidrs(a, b));
            }
            out
        };
        let work = format!("{} random IPv4 ranges → CIDRs", grouped(ranges.len() as u64));
        let spec = json!({"kind": "ranges", "file": file, "version": 4});
        rows.push(cx.compare("ranges", work, summarize, |v| Outcome::of(v), spec)?);
    }

    // 5. Parse mixed strings.
    if cfg.runs_row("parse") {
        let strings = inputs::mixed_strings(s.parse, 5);
        eprintln!("[bench] parse {} strings…", strings.len());
        if let Some((t, e)) = strings.iter().find_map(|t| parse(t).err().map(|e| (t, e))) {
            return Err(format!("cidrplan::parse refused the generated input '{t}': {e}"));
        }
        let file = cx.input_path("parse");
        io(inputs::write_lines(&file, &strings))?;
        let parse_all = || strings.iter().map(|t| parse(t).map(|p| p.network())).collect::<Result<Vec<Cidr>, _>>();
        let outcome = |r: &Result<Vec<Cidr>, _>| Outcome::of(r.as_deref().unwrap_or_default());
        let work = format!("Parse {} mixed IPv4/IPv6 strings", grouped(strings.len() as u64));
        let spec = json!({"kind": "parse", "file": file});
        rows.push(cx.compare("parse", work, parse_all, outcome, spec)?);
    }

    Ok(Group {
        title: "1. Core library vs CPython `ipaddress`".into(),
        intro: format!(
            "Each row does the same work in `cidrplan` (in this process) and in CPython's `ipaddress` (in its own \
             process, timing its own loop in CPU time with `time.thread_time_ns`). Inputs are generated once by the Rust side \
             (xorshift64*, seed `{SEED:#x}`) and written to a file the Python side reads, so both work on identical \
             data; both sides build their network/address objects before timing. After timing, both sides checksum \
             the last run's result (count plus an order-sensitive FNV-1a over network, prefix) and the bench stops \
             with an error if they differ. Runs: cidrplan {} warm-up, then {}–{} timed (as many as fit in {} s); \
             Python {} warm-up, then {}–{} timed (as many as fit in {} s), run as a separate process halfway \
             through cidrplan's timed runs so both see the same background load. Python's garbage collector is \
             disabled during each run, as `timeit` does.",
            cfg.rust_runs.warmup,
            cfg.rust_runs.min,
            cfg.rust_runs.max,
            cfg.rust_runs.budget.as_secs_f64(),
            cfg.py_runs.warmup,
            cfg.py_runs.min,
            cfg.py_runs.max,
            cfg.py_runs.budget.as_secs_f64(),
        ),
        alt_header: "CPython `ipaddress` (median)".into(),
        rows,
        details: DETAILS.into(),
    })
}

const DETAILS: &str = "What each side runs (timed part only):

| Work | cidrplan | CPython |
|---|---|---|
| Enumerate | `for s in ops::split(net, 28)? { n += 1; last = black_box(s) }` | `for s in net.subnets(new_prefix=28): n += 1; last = s` |
| Collapse | `ops::aggregate(&nets)` (copies, sorts, merges) | `list(collapse_addresses(nets))` |
| Exclude | `ops::exclude(net, &holes)` | (a) `collapse_addresses(holes)`, then `summarize_address_range` over each gap (the same algorithm as ours); (b) for each hole, `bisect` the sorted list of remaining blocks for the one holding it and replace it by `sorted(block.address_exclude(hole))` — the obvious use of the stdlib's one exclude primitive, with a `bisect` index so it is not quadratic |
| Ranges | `out.extend(ops::range_to_cidrs(a, b))` per range | `out.extend(summarize_address_range(a, b))` per range |
| Parse | `parse(s).map(Parsed::network)` per string, collected | `[ip_network(s, strict=False) for s in strings]` |

The parse inputs are 40 % `a.b.c.d/p` with host bits set, 10 % IPv4 with a dotted netmask, 5 % with a wildcard mask, \
5 % bare IPv4, 25 % compressed IPv6 with a prefix (a tenth of them IPv4-mapped, `::ffff:a.b.c.d/p`), 10 % fully \
written-out IPv6 with a prefix and 5 % bare IPv6 — forms both parsers accept with the same meaning. Ranges start at a \
random address and span 0 to 2^24 − 1 addresses (the span's bit length is itself random).";
