//! The list commands: `summarize`, `exclude`, `range` and `overlaps`, over arguments (one
//! network a word, as before) or a pasted list read with `--from FILE` or a lone `-` (stdin),
//! on the core's list tools ([`cidrplan::lists`]).

use crate::args::{ExcludeArgs, ListOpts, OverlapsArgs, RangeArgs, SummarizeArgs};
use crate::{arity, bad, note, parse_addr, parse_cidr, parse_input, print_list, source, Failure, Out};
use cidrplan::lines::LineError;
use cidrplan::lists::{self, Entry, EntryList, Span};
use cidrplan::{ops, Addr, Cidr, Count, Parsed};

/// How a list command prints its result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Csv,
    Json,
}

fn output(opts: &ListOpts, json: bool) -> Result<Output, Failure> {
    match (opts.format.as_deref().map(|f| f.trim().to_ascii_lowercase()), json) {
        (Some(f), true) if f != "json" => bad(format!("--format {f} and --json: choose one")),
        (_, true) => Ok(Output::Json),
        (None, false) => Ok(Output::Text),
        (Some(f), false) => match f.as_str() {
            "text" => Ok(Output::Text),
            "csv" => Ok(Output::Csv),
            "json" => Ok(Output::Json),
            _ => bad(format!("Unknown format '{f}': use text or csv")),
        },
    }
}

/// Stop at the first bad line of a list (naming it and how many more there are), or with
/// `--skip-bad` note each one on stderr and go on. `skip_bad` is `None` for a command
/// without that option.
pub fn check_lines(errors: &[LineError], name: &str, skip_bad: Option<bool>, out: Out) -> Result<(), Failure> {
    let Some(first) = errors.first() else { return Ok(()) };
    if skip_bad == Some(true) {
        for e in errors {
            note(out, &format!("{name}, {e} (left out)"))?;
        }
        return Ok(());
    }
    let more = match (errors.len(), skip_bad.is_some()) {
        (1, true) => " (--skip-bad leaves it out)".to_string(),
        (1, false) => String::new(),
        (n, true) => format!(" ({} more bad lines; --skip-bad leaves them out)", n - 1),
        (n, false) => format!(" ({} more bad lines)", n - 1),
    };
    bad(format!("{name}, {first}{more}"))
}

/// The list in `source` (a file, or `-` for stdin).
fn read_list(source: &str, opts: &ListOpts, out: Out) -> Result<EntryList, Failure> {
    let (text, name) = source::read_text(source, "list", "--from takes a file of networks, or - for stdin")?;
    let list = lists::parse_list(&text);
    check_lines(&list.errors, &name, Some(opts.skip_bad), out)?;
    Ok(list)
}

/// One argument as a list entry; its position is its "line".
fn entry_of(position: usize, arg: &str) -> Result<Entry, Failure> {
    let span = match parse_input(arg)? {
        Parsed::Network(n) => Span::Block(n.network),
        Parsed::Range(r) if r.cidrs.len() == 1 => Span::Block(r.cidrs[0]),
        Parsed::Range(r) => Span::Range(r.first, r.last),
    };
    Ok(Entry { line: position, text: arg.trim().to_string(), label: String::new(), span })
}

/// The arguments as a list (a lone `-` reads one from stdin).
fn words_list(inputs: &[String], opts: &ListOpts, out: Out) -> Result<EntryList, Failure> {
    let mut list = EntryList::default();
    for (i, a) in inputs.iter().enumerate() {
        if a.trim() == "-" {
            list.entries.extend(read_list("-", opts, out)?.entries);
        } else {
            list.entries.push(entry_of(i + 1, a)?);
        }
    }
    Ok(list)
}

/// The arguments followed by the `--from` list.
fn gather(inputs: &[String], opts: &ListOpts, out: Out) -> Result<EntryList, Failure> {
    let mut list = words_list(inputs, opts, out)?;
    if let Some(f) = &opts.from {
        list.entries.extend(read_list(f, opts, out)?.entries);
    }
    Ok(list)
}

fn print_json(out: Out, v: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)?;
    Ok(())
}

fn print_cidrs(out: Out, cidrs: &[Cidr], how: Output) -> Result<(), Failure> {
    match how {
        Output::Csv => write!(out, "{}", lists::cidrs_csv(cidrs))?,
        _ => print_list(out, cidrs, how == Output::Json)?,
    }
    Ok(())
}

pub fn summarize_cmd(a: &SummarizeArgs, json: bool, out: Out) -> Result<(), Failure> {
    let how = output(&a.list, json)?;
    if a.list.from.is_none() {
        arity("summarize", &a.inputs, &["<CIDR|ADDR|RANGE>"], true)?;
    }
    let s = lists::summarize(&gather(&a.inputs, &a.list, out)?);
    match (how, a.supernet) {
        (Output::Json, true) => {
            let supernets = s
                .supernets
                .iter()
                .map(|x| SupernetJson { cidr: x.net, addresses: x.net.size(), listed: x.listed, extra: x.extra })
                .collect();
            print_json(out, &SummaryJson { cidrs: &s.cidrs, supernets })
        }
        (Output::Text, true) => Ok(write!(out, "{}", s.to_text())?),
        (Output::Csv, _) => Ok(write!(out, "{}", s.to_csv())?),
        (_, false) => print_list(out, &s.cidrs, how == Output::Json),
    }
}

pub fn exclude_cmd(a: &ExcludeArgs, json: bool, out: Out) -> Result<(), Failure> {
    let how = output(&a.list, json)?;
    let w = &a.words;
    let (left, from) = if a.list.from.is_none() && a.minus.is_none() {
        // One network minus blocks that must overlap it, as Terraform-minded scripts expect.
        arity("exclude", w, &["<CIDR>", "<EXCLUDE>"], true)?;
        let net = parse_cidr(&w[0])?;
        let mut holes = Vec::new();
        for x in &w[1..] {
            match parse_input(x)? {
                Parsed::Network(n) => holes.push(n.network),
                Parsed::Range(r) => holes.extend(r.cidrs),
            }
        }
        (ops::exclude(net, &holes)?, net.to_string())
    } else {
        // A list minus blocks and lists: what lies outside the list removes nothing.
        let (base, holes_words) = match &a.list.from {
            Some(f) => (read_list(f, &a.list, out)?, &w[..]),
            None => {
                arity("exclude", w, &["<CIDR>"], true)?;
                (EntryList { entries: vec![entry_of(1, &w[0])?], errors: Vec::new() }, &w[1..])
            }
        };
        let mut holes = words_list(holes_words, &a.list, out)?;
        if let Some(m) = &a.minus {
            holes.entries.extend(read_list(m, &a.list, out)?.entries);
        }
        (lists::exclude(&base, &holes), "the list".to_string())
    };
    print_cidrs(out, &left, how)?;
    if left.is_empty() && how == Output::Text {
        note(out, &format!("nothing is left: the excluded blocks cover all of {from}"))?;
    }
    Ok(())
}

pub fn range_cmd(a: &RangeArgs, json: bool, out: Out) -> Result<(), Failure> {
    let how = output(&a.list, json)?;
    let p = &a.words;
    if a.list.from.is_some() || matches!(p.as_slice(), [one] if one.trim() == "-") {
        let ranges = lists::ranges(&gather(p, &a.list, out)?);
        return match how {
            Output::Text => Ok(write!(out, "{}", lists::ranges_text(&ranges))?),
            Output::Csv => Ok(write!(out, "{}", lists::ranges_csv(&ranges))?),
            Output::Json => {
                let v: Vec<RangeJson> = ranges
                    .iter()
                    .map(|r| RangeJson {
                        line: r.entry.line,
                        first: r.entry.span.first(),
                        last: r.entry.span.last(),
                        label: &r.entry.label,
                        cidrs: &r.cidrs,
                    })
                    .collect();
                print_json(out, &v)
            }
        };
    }
    // Also accepted: `FIRST - LAST` and `FIRST-LAST` (one argument).
    let (first, last) = match p.as_slice() {
        [one] if one.contains(['-', '–', '—']) => match parse_input(one)? {
            Parsed::Range(r) => (r.first, r.last),
            Parsed::Network(_) => return bad(format!("'{one}' is not a range")),
        },
        [x, dash, y] if matches!(dash.as_str(), "-" | "–" | "—") => (parse_addr(x)?, parse_addr(y)?),
        _ => {
            arity("range", p, &["<FIRST>", "<LAST>"], false)?;
            (parse_addr(&p[0])?, parse_addr(&p[1])?)
        }
    };
    let cidrs = ops::summarize_range(first, last).map_err(|e| {
        if last < first && first.family() == last.family() {
            Failure::Bad(format!("{} (did you mean {last} {first}?)", e.0))
        } else {
            Failure::Bad(e.0)
        }
    })?;
    print_cidrs(out, &cidrs, how)
}

#[derive(serde::Serialize)]
struct SupernetJson {
    cidr: Cidr,
    addresses: Count,
    listed: Count,
    extra: Count,
}

#[derive(serde::Serialize)]
struct SummaryJson<'a> {
    cidrs: &'a [Cidr],
    supernets: Vec<SupernetJson>,
}

#[derive(serde::Serialize)]
struct RangeJson<'a> {
    line: usize,
    first: Addr,
    last: Addr,
    label: &'a str,
    cidrs: &'a [Cidr],
}

#[derive(serde::Serialize)]
struct EntryJson<'a> {
    line: usize,
    network: String,
    label: &'a str,
}

fn entry_json(e: &Entry) -> EntryJson<'_> {
    EntryJson { line: e.line, network: e.span.to_string(), label: &e.label }
}

#[derive(serde::Serialize)]
struct PairJson<'a> {
    relation: &'a str,
    first: EntryJson<'a>,
    second: EntryJson<'a>,
}

#[derive(serde::Serialize)]
struct OverlapsJson<'a> {
    entries: usize,
    total: u64,
    truncated: bool,
    pairs: Vec<PairJson<'a>>,
}

pub fn overlaps_cmd(a: &OverlapsArgs, json: bool, out: Out) -> Result<(), Failure> {
    let how = output(&a.list, json)?;
    if a.list.from.is_none() {
        arity("overlaps", &a.inputs, &["<CIDR|ADDR|RANGE>"], true)?;
    }
    let o = lists::overlaps(&gather(&a.inputs, &a.list, out)?);
    match how {
        Output::Text => write!(out, "{}", o.to_text())?,
        Output::Csv => write!(out, "{}", o.to_csv())?,
        Output::Json => {
            let pairs = o
                .pairs
                .iter()
                .map(|p| PairJson {
                    relation: p.relation.id(),
                    first: entry_json(&p.first),
                    second: entry_json(&p.second),
                })
                .collect();
            print_json(out, &OverlapsJson { entries: o.entries, total: o.total, truncated: o.truncated(), pairs })?;
        }
    }
    Ok(())
}
