//! Group 5: the list tools (`cidrplan::lists`) on a 10,000-line list and VLSM
//! (`cidrplan::vlsm`) on 500 needs, the sizes issue #15 asks to be measured.
//!
//! Like the planner, these run again on every keystroke in the page, so the reference is one
//! 60 Hz frame; a ratio above 1 means the work fits in a frame. Each list row includes reading
//! the pasted text, as the page would.

use crate::harness::{fmt_duration, grouped, measure, Runs, Stats};
use crate::inputs::XorShift;
use crate::report::{Cell, Group, Row};
use crate::Config;
use cidrplan::lists::{exclude, overlaps, parse_list, ranges, summarize};
use cidrplan::vlsm::{parse_needs, place, relayout, Order};
use cidrplan::{parse, Mode};
use std::time::Duration;

const FRAME: Duration = Duration::from_nanos(16_666_667);

/// `n` lines the way people paste them: /24s to /28s of 10.0.0.0/8 (some overlapping, some
/// duplicated), every third with a label, some ranges and comments, a few lines of two.
fn pasted_list(n: usize, stream: u64) -> String {
    let mut r = XorShift::new(stream);
    let mut out = String::with_capacity(n * 32);
    for i in 0..n {
        let v = 0x0A00_0000 | (r.next_u32() & 0x00ff_fff0);
        let a = std::net::Ipv4Addr::from(v);
        match r.below(10) {
            0 => out.push_str(&format!("{a} - {}", std::net::Ipv4Addr::from(v + r.below(4000) as u32))),
            1 => out.push_str(&format!("{a}/28, {}/28", std::net::Ipv4Addr::from(v ^ 0x100))),
            _ => {
                let p = 24 + r.below(5) as u32;
                let a = std::net::Ipv4Addr::from(v & !((1u32 << (32 - p)) - 1));
                out.push_str(&format!("{a}/{p}"));
            }
        }
        if i % 3 == 0 {
            out.push_str(&format!(" subnet {i}"));
        }
        if i % 50 == 0 {
            out.push_str(" # checked");
        }
        out.push('\n');
    }
    out
}

/// `n` needs of 2 to 4,000 hosts (log-spread), with a few fixed prefixes.
fn need_list(n: usize) -> String {
    let mut r = XorShift::new(77);
    (0..n)
        .map(|i| {
            if i % 25 == 0 {
                format!("link {i} /28\n")
            } else {
                let hosts = 2u64 << r.below(11);
                format!("team {i}, {}\n", hosts - r.below(hosts / 2))
            }
        })
        .collect()
}

fn row(work: &str, stats: Stats, notes: String) -> Row {
    Row {
        work: work.into(),
        ours: Cell::Time(stats),
        alt_name: Some("60 Hz frame".into()),
        alt: Cell::Fixed(FRAME),
        notes,
        loss: Some(FRAME_LOSS.into()),
    }
}

fn timed<T>(name: &str, runs: Runs, f: impl FnMut() -> T) -> (Stats, T) {
    eprintln!("[bench] tools: {name}…");
    measure(runs, f)
}

pub fn run(cfg: &Config) -> Group {
    let runs = cfg.rust_runs;
    // The sizes the issue names, also in a --quick run: each takes milliseconds.
    let (lines, needs_n) = (10_000, 500);
    let text = pasted_list(lines, 15);
    let holes = pasted_list(lines / 10, 16);
    let ranges_text: String =
        pasted_list(lines, 17).lines().filter(|l| l.contains(" - ")).collect::<Vec<_>>().join("\n");
    let mut rows = Vec::new();

    let (s, list) = timed("parse", runs, || parse_list(&text));
    rows.push(row(
        &format!("Read a pasted {}-line list (labels, ranges, comments, two per line on some)", grouped(lines as u64)),
        s,
        format!("{} entries, {} bad lines", grouped(list.entries.len() as u64), list.errors.len()),
    ));
    let (s, sum) = timed("summarize", runs, || summarize(&parse_list(&text)));
    rows.push(row(
        "Summarize it: read + smallest exact cover + smallest supernet",
        s,
        format!("{} blocks in the cover; supernet {}", grouped(sum.cidrs.len() as u64), sum.supernets[0].net),
    ));
    let (s, o) = timed("overlaps", runs, || overlaps(&parse_list(&text)));
    rows.push(row(
        "Every overlapping pair in it: read + sort-and-sweep",
        s,
        format!("{} pairs among {} entries", grouped(o.total), grouped(o.entries as u64)),
    ));
    let minus = parse_list(&holes);
    let (s, left) = timed("exclude", runs, || exclude(&parse_list(&text), &minus));
    rows.push(row(
        &format!("Exclude a {}-line list from it: read + interval difference", grouped(lines as u64 / 10)),
        s,
        format!("{} blocks left", grouped(left.len() as u64)),
    ));
    let (s, r) = timed("ranges", runs, || ranges(&parse_list(&ranges_text)));
    rows.push(row(
        &format!("Ranges → CIDRs for {} range lines", grouped(ranges_text.lines().count() as u64)),
        s,
        format!("{} blocks", grouped(r.iter().map(|x| x.cidrs.len()).sum::<usize>() as u64)),
    ));

    let needs_text = need_list(needs_n);
    let base = parse("10.0.0.0/8").unwrap().network();
    let (s, p) = timed("vlsm", runs, || {
        let needs = parse_needs(&needs_text).needs;
        place(base, Mode::Aws, &needs, Order::Size).map(|p| (p.to_design().map(|d| d.len()), p))
    });
    let (design_rows, first) = match p {
        Ok((Ok(rows), p)) => (rows, Some(p)),
        _ => (0, None),
    };
    rows.push(row(
        &format!("VLSM: {needs_n} needs in 10.0.0.0/8 (AWS, largest first): read + size + place + design"),
        s,
        format!("{design_rows} designer rows (needs and free blocks)"),
    ));
    if let Some(first) = first {
        let prev: Vec<(String, cidrplan::Cidr)> = first.items().iter().map(|i| (i.name.clone(), i.net)).collect();
        // Ten needs grow; the rest must stay where they were.
        let changed = needs_text.replace(", 1", ", 3");
        let needs = parse_needs(&changed).needs;
        let (s, re) = timed("relayout", runs, || relayout(base, Mode::Aws, &needs, Order::Size, &prev));
        let notes = match re {
            Ok(r) => {
                format!("{} kept, {} moved{}", r.kept(), r.moved.len(), if r.repacked { ", repacked" } else { "" })
            }
            Err(e) => format!("**check the bench list:** {}", e.message()),
        };
        rows.push(row("VLSM re-run with some needs grown: keep the others in place", s, notes));
    }
    let small = parse("10.0.0.0/16").unwrap().network();
    let needs = parse_needs(&needs_text).needs;
    let (s, e) = timed("vlsm does not fit", runs, || place(small, Mode::Aws, &needs, Order::Listed));
    let notes = match e {
        Err(nf) => format!("checked suggestions; message: {} characters", nf.message().chars().count()),
        Ok(_) => "**check the bench list:** it fitted".into(),
    };
    rows.push(row(
        &format!("VLSM: the same {needs_n} needs in a /16 that cannot hold them: the explained error"),
        s,
        notes,
    ));

    Group {
        title: "5. List tools and VLSM".into(),
        intro: format!(
            "The list tools and VLSM of issue #15, {} warm-up + up to {} timed runs each, on inputs generated by the \
             bench (seeded). The page runs these again as you type, so the reference is one 60 Hz frame ({}); a ratio \
             above 1 means the work fits in a frame. The web app runs the same code as wasm, usually 1.5–2× slower.",
            runs.warmup,
            runs.max,
            fmt_duration(FRAME)
        ),
        alt_header: "reference (fixed)".into(),
        rows,
        details: String::new(),
    }
}

const FRAME_LOSS: &str = "the work takes longer than a 60 Hz frame here, so running it on every keystroke in the \
page would drop frames. Reading the text dominates: each entry goes through the calculator's parser (`parse`, about \
1.7 µs a string in group 1), so a page should debounce the input (or run on paste and on pause), and a faster \
`parse` for the plain `a.b.c.d/p` form would speed up every row.";
