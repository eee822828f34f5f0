//! Result tables and the BENCHMARKS.md text.

use crate::harness::{fmt_duration, fmt_ratio, grouped, Stats};
use std::fmt::Write as _;
use std::time::Duration;

/// One side of a row.
#[derive(Clone, Debug)]
pub enum Cell {
    Time(Stats),
    /// A fixed reference duration (not measured), such as one frame.
    Fixed(Duration),
    /// A size, smaller is better (`unit` e.g. "chars", "bytes").
    Size(usize, &'static str),
    /// Not measured, and why ("ipcalc not installed").
    Missing(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Time(s) => fmt_duration(s.median()),
            Cell::Fixed(d) => fmt_duration(*d),
            Cell::Size(n, unit) => format!("{} {unit}", grouped(*n as u64)),
            Cell::Missing(why) => format!("— ({why})"),
        }
    }

    fn value(&self) -> Option<f64> {
        match self {
            Cell::Time(s) => Some(s.median().as_secs_f64()),
            Cell::Fixed(d) => Some(d.as_secs_f64()),
            Cell::Size(n, _) => Some(*n as f64),
            Cell::Missing(_) => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    pub work: String,
    pub ours: Cell,
    /// Shown before the alternative's time when a group compares several tools.
    pub alt_name: Option<String>,
    pub alt: Cell,
    pub notes: String,
    /// Why cidrplan is slower here and what would close the gap; printed when the ratio is < 1.
    pub loss: Option<String>,
}

impl Row {
    /// The work, with the alternative's name when the group compares several.
    pub fn label(&self) -> String {
        match &self.alt_name {
            Some(n) => format!("{} vs {n}", self.work),
            None => self.work.clone(),
        }
    }

    /// alternative / cidrplan: > 1 means cidrplan is faster (or smaller).
    pub fn ratio(&self) -> Option<f64> {
        let (o, a) = (self.ours.value()?, self.alt.value()?);
        (o > 0.0).then(|| a / o)
    }

    /// Run counts and IQRs of both sides, for the notes.
    pub fn spread_note(&self) -> Option<String> {
        match (&self.ours, &self.alt) {
            (Cell::Time(o), Cell::Time(a)) => {
                Some(format!("runs {} / {}, IQR {:.0} % / {:.0} %", o.len(), a.len(), o.iqr() * 100.0, a.iqr() * 100.0))
            }
            (Cell::Time(o), _) => Some(format!("runs {}, IQR {:.0} %", o.len(), o.iqr() * 100.0)),
            _ => None,
        }
    }
}

pub struct Group {
    pub title: String,
    /// Markdown paragraphs before the table.
    pub intro: String,
    pub alt_header: String,
    pub rows: Vec<Row>,
    /// Markdown after the table (what exactly each side ran).
    pub details: String,
}

impl Group {
    /// Rows where cidrplan is slower (or larger) than the alternative.
    pub fn losses(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.ratio().is_some_and(|x| x < 1.0))
    }

    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "## {}\n", self.title);
        if !self.intro.is_empty() {
            let _ = writeln!(s, "{}\n", self.intro.trim_end());
        }
        let _ = writeln!(s, "| Work | cidrplan (median) | {} | Ratio | Notes |", self.alt_header);
        let _ = writeln!(s, "|---|---:|---:|---:|---|");
        for r in &self.rows {
            let alt = match &r.alt_name {
                Some(n) => format!("{n}: {}", r.alt.text()),
                None => r.alt.text(),
            };
            let ratio = r.ratio().map(|x| format!("**{}**", fmt_ratio(x))).unwrap_or_else(|| "—".into());
            let mut notes = r.notes.clone();
            if let Some(sp) = r.spread_note() {
                if !notes.is_empty() {
                    notes.push_str("; ");
                }
                notes.push_str(&sp);
            }
            let _ = writeln!(s, "| {} | {} | {alt} | {ratio} | {} |", r.work, r.ours.text(), cell_escape(&notes));
        }
        let _ = writeln!(s);
        // One paragraph per explanation, naming every row it covers.
        let mut explained: Vec<(String, Vec<String>)> = Vec::new();
        for r in self.losses() {
            let why = r.loss.clone().unwrap_or_else(|| "(no explanation recorded yet; needs a look)".into());
            let what = format!("*{}* ({})", r.label(), fmt_ratio(r.ratio().unwrap_or(0.0)));
            match explained.iter_mut().find(|(w, _)| *w == why) {
                Some((_, rows)) => rows.push(what),
                None => explained.push((why, vec![what])),
            }
        }
        if !explained.is_empty() {
            let _ = writeln!(s, "**Where cidrplan loses in this group:**\n");
            for (why, rows) in explained {
                let _ = writeln!(s, "- {}: {why}", rows.join(", "));
            }
            let _ = writeln!(s);
        }
        if !self.details.is_empty() {
            let _ = writeln!(s, "{}\n", self.details.trim_end());
        }
        s
    }
}

fn cell_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
