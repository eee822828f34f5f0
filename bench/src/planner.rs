//! Group 4: the VPC planner (`cidrplan::plan`), `Plan::layout` per second.
//!
//! There is no outside planner to run the same plans, so the reference column is one frame at
//! 60 Hz (16.7 ms): the web app lays the plan out again on every edit, and the ratio says how
//! many layouts fit in a frame (> 1: no dropped frame from the layout alone).
//!
//! The 200-subnet plan is AWS's limit of subnets per VPC, the most a plan for AWS may hold.

use crate::harness::{fmt_duration, grouped, measure, Stats};
use crate::inputs;
use crate::report::{Cell, Group, Row};
use crate::Config;
use cidrplan::plan::{Growth, Ipv6Plan, Plan, PlanError, Strategy, Tier, TierKind, TierSize};
use cidrplan::Mode;
use std::time::Duration;

/// One frame at 60 Hz.
const FRAME: Duration = Duration::from_nanos(16_666_667);

fn tier(name: &str, kind: TierKind, size: TierSize) -> Tier {
    Tier::new(name, kind, size)
}

/// AWS, 10.0.0.0/16, 6 zones, 8 tiers (some sized by host count): 48 subnets, zone-major.
fn six_by_eight(vpc_prefix: u8) -> Plan {
    use TierKind::*;
    use TierSize::*;
    let mut p = Plan::new(Mode::Aws);
    p.name = "bench-6x8".into();
    while p.zones.len() < 6 {
        p.add_zone();
    }
    p.vpc = vec![inputs::v4(0x0A00_0000, vpc_prefix)];
    p.tiers = vec![
        tier("public", Public, Prefix(24)),
        tier("private", Private, Prefix(21)),
        tier("app", Private, Hosts(900)),
        tier("data", Isolated, Prefix(24)),
        tier("cache", Isolated, Hosts(100)),
        tier("mgmt", Private, Prefix(26)),
        tier("endpoints", Private, Prefix(26)),
        tier("lb", Public, Prefix(25)),
    ];
    p
}

/// 200 subnets, AWS's per-VPC limit: 5 zones × 40 tiers, tier-major, two VPC blocks, two
/// growth zones and a spare /24 per zone, dual-stack, 16 networks to avoid.
fn two_hundred() -> Plan {
    use TierKind::*;
    use TierSize::*;
    let mut p = Plan::new(Mode::Aws);
    p.name = "bench-200".into();
    while p.zones.len() < 5 {
        p.add_zone();
    }
    p.vpc = vec![inputs::v4(0x0A00_0000, 16), inputs::v4(0x0A01_0000, 16)];
    let sizes = [Prefix(22), Prefix(22), Hosts(400), Prefix(23), Prefix(24), Prefix(24), Hosts(200), Prefix(24)];
    let kinds = [Public, Private, Private, Isolated];
    p.tiers = (0..40)
        .map(|i| {
            let size = if i < sizes.len() { sizes[i] } else { [Prefix(25), Prefix(26), Hosts(50)][i % 3] };
            tier(&format!("tier{i:02}"), kinds[i % kinds.len()], size)
        })
        .collect();
    p.strategy = Strategy::TierMajor;
    p.growth = Growth { extra_zones: 2, spare_per_zone: Some(24) };
    p.ipv6 = Some(Ipv6Plan { block: inputs::v6(0x2600_1f18_abcd_1200 << 64, 56) });
    // On-premises and peered networks elsewhere in RFC 1918 (none overlapping the VPC).
    p.avoid = (0..16u32).map(|i| inputs::v4(0xAC10_0000 | i << 16, 16).into()).collect();
    p
}

fn measured(name: &str, plan: &Plan, runs: crate::harness::Runs) -> (Stats, Result<usize, PlanError>) {
    eprintln!("[bench] planner: {name}…");
    let (stats, out) = measure(runs, || plan.layout());
    (stats, out.map(|l| l.subnets.len()))
}

pub fn run(cfg: &Config) -> Group {
    let runs = cfg.rust_runs;
    let per_sec = |s: &Stats| grouped((1.0 / s.median().as_secs_f64()) as u64);
    let mut rows = Vec::new();

    for (work, plan, expect_fit) in [
        ("Lay out 6 zones × 8 tiers (48 subnets, AWS, zone-major)", six_by_eight(16), true),
        (
            "Lay out 200 subnets, AWS's per-VPC limit: 5 zones × 40 tiers (tier-major, 2 VPC blocks, growth, IPv6, 16 networks to avoid)",
            two_hundred(),
            true,
        ),
        ("6 × 8 tiers in a /20 that cannot hold them: the explained \"does not fit\" error", six_by_eight(20), false),
    ] {
        let (stats, out) = measured(work, &plan, runs);
        let (ours, notes) = match (out, expect_fit) {
            (Ok(n), true) => {
                let notes = format!("{n} subnets; ≈ {} layouts/s", per_sec(&stats));
                (Cell::Time(stats), notes)
            }
            (Err(e @ PlanError::DoesNotFit { .. }), false) => {
                let notes = format!(
                    "the error suggests changes, each checked by laying out the changed plan; ≈ {} /s; message: {} characters",
                    per_sec(&stats),
                    e.message().chars().count()
                );
                (Cell::Time(stats), notes)
            }
            (other, _) => {
                let what = match other {
                    Ok(n) => format!("laid out {n} subnets where an error was expected"),
                    Err(e) => format!("layout failed: {}", e.message()),
                };
                eprintln!("[bench] warning: planner row '{work}': {what}");
                (Cell::Missing("plan did not behave as expected".into()), format!("**check the bench plan:** {what}"))
            }
        };
        rows.push(Row {
            work: work.into(),
            ours,
            alt_name: Some("60 Hz frame".into()),
            alt: Cell::Fixed(FRAME),
            notes,
            loss: Some(FRAME_LOSS.into()),
        });
    }
    Group {
        title: "4. VPC planner".into(),
        intro: format!(
            "`Plan::layout()` on three plans, {} warm-up + up to {} timed runs each. No other tool lays out the same \
             plans, so the reference is one 60 Hz frame ({}): the web app lays the plan out again on every edit, and \
             a ratio above 1 means a layout fits in a frame. The web app runs the same code as wasm, which is \
             usually slower than this native build (often 1.5–2×), so keep a margin.",
            runs.warmup,
            runs.max,
            fmt_duration(FRAME)
        ),
        alt_header: "reference (fixed)".into(),
        rows,
        details: String::new(),
    }
}

const FRAME_LOSS: &str = "a layout (or its explained error) takes longer than a 60 Hz frame here, so editing this \
plan in the web app would drop frames. Look at what `layout` repeats: the \"does not fit\" explanation lays out \
changed plans again, and every layout also computes free space, overlaps and suggestions. Caching the last layout per \
plan, or computing the suggestions only when the error is shown, would close it.";
