//! A plain timing harness: warm-up runs, then N separately timed runs, reported by their median.
//! No criterion: it would cost more compile time than everything measured here.
//!
//! Each run is timed in CPU time of the calling thread (see [`crate::cpu`]); wall time only
//! decides how many runs fit in the time budget.

use crate::cpu;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// How many runs to make of one piece of work: `warmup` untimed runs, then as many timed runs
/// as fit in `budget` (judged from the last warm-up run), but at least `min` and at most `max`.
#[derive(Clone, Copy, Debug)]
pub struct Runs {
    pub warmup: usize,
    pub min: usize,
    pub max: usize,
    pub budget: Duration,
}

impl Runs {
    /// Exactly `n` timed runs after `warmup`.
    pub const fn fixed(warmup: usize, n: usize) -> Runs {
        Runs { warmup, min: n, max: n, budget: Duration::ZERO }
    }

    /// The number of timed runs when one run takes `one`.
    pub fn samples_for(&self, one: Duration) -> usize {
        let fit = if one.is_zero() { self.max } else { (self.budget.as_secs_f64() / one.as_secs_f64()) as usize };
        fit.clamp(self.min.max(1), self.max.max(self.min).max(1))
    }
}

/// The timed runs of one piece of work.
#[derive(Clone, Debug)]
pub struct Stats {
    samples: Vec<Duration>,
}

impl Stats {
    pub fn from_samples(mut samples: Vec<Duration>) -> Stats {
        assert!(!samples.is_empty(), "no samples");
        samples.sort_unstable();
        Stats { samples }
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn median(&self) -> Duration {
        let n = self.samples.len();
        if n % 2 == 1 {
            self.samples[n / 2]
        } else {
            (self.samples[n / 2 - 1] + self.samples[n / 2]) / 2
        }
    }

    /// The interquartile range relative to the median (quartiles by nearest rank, outward), a
    /// rough "how much do the runs vary" for the notes; with 3 runs it is the whole range.
    pub fn iqr(&self) -> f64 {
        let n = self.samples.len();
        let q1 = self.samples[(n - 1) / 4];
        let q3 = self.samples[(3 * (n - 1)).div_ceil(4)];
        let m = self.median().as_secs_f64();
        if m == 0.0 {
            0.0
        } else {
            (q3 - q1).as_secs_f64() / m
        }
    }
}

/// Run `f` once; its result goes through `black_box`. Returns (wall time, CPU time, result).
fn once<T>(f: &mut impl FnMut() -> T) -> (Duration, Duration, T) {
    let c0 = cpu::thread_cpu();
    let t0 = Instant::now();
    let r = black_box(f());
    let wall = t0.elapsed();
    let c = match (c0, cpu::thread_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall,
    };
    (wall, c, r)
}

/// The warm-up runs; returns the wall time of the last one (the estimate for
/// [`Runs::samples_for`]).
fn warm_up<T>(runs: Runs, f: &mut impl FnMut() -> T) -> Duration {
    let mut last = Duration::ZERO;
    for _ in 0..runs.warmup.max(1) {
        last = once(f).0;
    }
    last
}

/// `n` timed runs of `f`, their CPU times appended to `times`; the previous result is dropped
/// (untimed) before each run. Returns the last result.
fn sample<T>(n: usize, f: &mut impl FnMut() -> T, times: &mut Vec<Duration>, mut last: Option<T>) -> Option<T> {
    for _ in 0..n {
        drop(last.take());
        let (_, c, r) = once(f);
        times.push(c);
        last = Some(r);
    }
    last
}

/// Warm up, then time `f` repeatedly (see [`Runs`]). Returns the timings and the last result,
/// for checking.
pub fn measure<T>(runs: Runs, mut f: impl FnMut() -> T) -> (Stats, T) {
    let n = runs.samples_for(warm_up(runs, &mut f));
    let mut times = Vec::with_capacity(n);
    let last = sample(n, &mut f, &mut times, None);
    (Stats::from_samples(times), last.expect("at least one sample"))
}

/// Like [`measure`], but with `middle` (the other side of the comparison, in another process)
/// run halfway through the timed runs, after one more untimed run: a change in background load
/// during the bench then affects both sides alike.
pub fn measure_around<T, R>(runs: Runs, mut f: impl FnMut() -> T, middle: impl FnOnce() -> R) -> (Stats, T, R) {
    let n = runs.samples_for(warm_up(runs, &mut f));
    let mut times = Vec::with_capacity(n);
    let last = sample(n.div_ceil(2), &mut f, &mut times, None);
    drop(last);
    let m = middle();
    black_box(f());
    let last = sample(n / 2, &mut f, &mut times, None).or_else(|| Some(f()));
    (Stats::from_samples(times), last.expect("a result"), m)
}

/// Time `f` and `g` in alternation (f, g, f, g, …) after warming both up, so that background load
/// affects them alike. The budget covers a pair of runs.
pub fn measure_pair<A, B>(runs: Runs, mut f: impl FnMut() -> A, mut g: impl FnMut() -> B) -> (Stats, A, Stats, B) {
    let one = warm_up(runs, &mut f) + warm_up(runs, &mut g);
    let n = runs.samples_for(one);
    let (mut tf, mut tg) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut a, mut b) = (None, None);
    for _ in 0..n {
        a = sample(1, &mut f, &mut tf, a);
        b = sample(1, &mut g, &mut tg, b);
    }
    (Stats::from_samples(tf), a.expect("a result"), Stats::from_samples(tg), b.expect("a result"))
}

/// `12.3 ms`, `845 µs`, `2.41 s`: three significant digits.
pub fn fmt_duration(d: Duration) -> String {
    let ns = d.as_secs_f64() * 1e9;
    let (v, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "µs")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    format!("{} {unit}", sig3(v))
}

/// A ratio for the tables: `412×`, `38.5×`, `1.84×`, `0.62×`.
pub fn fmt_ratio(r: f64) -> String {
    format!("{}×", sig3(r))
}

/// Three significant digits, without a pointless exponent.
pub fn sig3(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// `1,048,576`.
pub fn grouped(n: u64) -> String {
    cidrplan::Count::new(n as u128).grouped()
}
