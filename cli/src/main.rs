//! `cidrplan`: the subnet/CIDR calculator on the command line, a thin shell over the core.
//!
//! Conventions: results on stdout (one item a line, or JSON with `--json`); notes such as
//! "showing the first 3 of 16,777,216" on stderr, so that a pipe gets only the results; every
//! bad input or bad usage is one line on stderr (or `{"error": "…"}` on stdout with `--json`)
//! and exit status 2.

mod args;
mod docs;
mod info;
mod lists;
mod plan;
mod source;
mod vlsm;

use args::{Cli, Command, HostArgs, InfoArgs, SplitArgs, SubnetArgs, SubnetsArgs};
use cidrplan::ops::{self, OpError};
use cidrplan::parse::parse_address;
use cidrplan::report::Report;
use cidrplan::{parse, Addr, Cidr, Count, Mode, Parsed};
use std::io::{self, Write};
use std::process::ExitCode;
use std::str::FromStr;

/// Why a run did not succeed.
enum Failure {
    /// Bad input or bad usage: one line, exit status 2.
    Bad(String),
    /// No command at all: the help goes to stderr, exit status 2.
    NoCommand,
    /// Writing the output failed (a closed pipe ends the run quietly).
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Io(e.into())
    }
}

impl From<OpError> for Failure {
    fn from(e: OpError) -> Self {
        Failure::Bad(e.0)
    }
}

fn bad<T>(m: impl Into<String>) -> Result<T, Failure> {
    Err(Failure::Bad(m.into()))
}

type Out<'a> = &'a mut dyn Write;

fn main() -> ExitCode {
    let mut argv = Vec::new();
    let mut not_utf8 = None;
    for a in std::env::args_os().skip(1) {
        match a.into_string() {
            Ok(s) => argv.push(s),
            Err(a) => not_utf8 = Some(a),
        }
    }
    let json = argv.iter().take_while(|a| *a != "--").any(|a| a == "--json");
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match not_utf8 {
        Some(a) => bad(format!("argument {a:?} is not valid UTF-8")),
        None => run(&argv, &mut out),
    };
    let result = result.and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("cidrplan: {e}");
            ExitCode::from(1)
        }
        Err(Failure::NoCommand) if !json => {
            eprintln!("{}", main_help());
            ExitCode::from(2)
        }
        Err(f) => {
            let msg = match f {
                Failure::Bad(m) => one_line(&m),
                _ => "missing command (see 'cidrplan --help')".to_string(),
            };
            if json {
                let _ = writeln!(out, "{}", serde_json::json!({ "error": msg }));
                let _ = out.flush();
            } else {
                eprintln!("cidrplan: {msg}");
            }
            ExitCode::from(2)
        }
    }
}

/// Control characters (a newline typed into an argument) must not break the one-line rule.
fn one_line(m: &str) -> String {
    m.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Note for people on stderr, after whatever is already on stdout.
fn note(out: Out, m: &str) -> Result<(), Failure> {
    out.flush()?;
    eprintln!("cidrplan: note: {m}");
    Ok(())
}

fn run(argv: &[String], out: Out) -> Result<(), Failure> {
    use clap::error::ErrorKind;
    use clap::Parser;
    let words = args::split_glued_dashes(argv.to_vec());
    let cli = match Cli::try_parse_from(std::iter::once("cidrplan".to_string()).chain(words.iter().cloned())) {
        Ok(cli) => cli,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    write!(out, "{e}")?;
                    Ok(())
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                    Err(Failure::NoCommand)
                }
                _ => Err(Failure::Bad(args::usage_message(&e, &words))),
            };
        }
    };
    let json = cli.json;
    match &cli.command {
        Command::Info(a) => info_cmd(a, json, out),
        Command::Split(a) => split_cmd(a, json, out),
        Command::Subnet(a) => subnet_cmd(a, json, out),
        Command::Host(a) => host_cmd(a, json, out),
        Command::Subnets(a) => subnets_cmd(a, json, out),
        Command::Summarize(a) => lists::summarize_cmd(a, json, out),
        Command::Exclude(a) => lists::exclude_cmd(a, json, out),
        Command::Range(a) => lists::range_cmd(a, json, out),
        Command::Overlaps(a) => lists::overlaps_cmd(a, json, out),
        Command::Vlsm(a) => vlsm::vlsm_cmd(a, json, out),
        Command::Plan(a) => plan::plan_cmd(a, json, out),
        Command::Completions(a) => docs::completions_cmd(a, out),
        Command::Man(a) => docs::man_cmd(a, out),
    }
}

/// `cidrplan --help`, for a run without a command (printed on stderr).
fn main_help() -> String {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    cmd.render_help().to_string().trim_end().to_string()
}

/// Check the number of positional arguments of command `cmd` against their names; the last
/// one may repeat.
fn arity(cmd: &str, pos: &[String], names: &[&str], last_repeats: bool) -> Result<(), Failure> {
    let usage = args::usage_of(cmd).lines().next().unwrap_or("").trim();
    if pos.len() < names.len() {
        return bad(format!("missing {} (usage: {usage})", names[pos.len()]));
    }
    if !last_repeats && pos.len() > names.len() {
        return bad(format!("unexpected argument '{}' (usage: {usage})", pos[names.len()]));
    }
    Ok(())
}

fn parse_input(input: &str) -> Result<Parsed, Failure> {
    parse(input).map_err(|e| Failure::Bad(e.for_input(input)))
}

/// One network. A bare address is its /32 or /128; host bits are dropped (10.0.0.5/16 is
/// 10.0.0.0/16, as in Terraform); a range is accepted when it is exactly one block.
fn parse_cidr(arg: &str) -> Result<Cidr, Failure> {
    match parse_input(arg)? {
        Parsed::Network(n) => Ok(n.network),
        Parsed::Range(r) if r.cidrs.len() == 1 => Ok(r.cidrs[0]),
        Parsed::Range(r) => bad(format!(
            "'{}' is a range of {} CIDR blocks, not one network (see 'cidrplan range')",
            arg.trim(),
            r.cidrs.len()
        )),
    }
}

fn parse_addr(arg: &str) -> Result<Addr, Failure> {
    parse_address(arg).map_err(|e| Failure::Bad(e.for_input(arg)))
}

fn number<T: FromStr>(arg: &str, name: &str, expected: &str) -> Result<T, Failure> {
    arg.trim().parse().or_else(|_| bad(format!("{name} must be {expected}, not '{arg}'")))
}

fn print_list(out: Out, cidrs: &[Cidr], json: bool) -> Result<(), Failure> {
    if json {
        serde_json::to_writer_pretty(&mut *out, cidrs)?;
        writeln!(out)?;
    } else {
        for c in cidrs {
            writeln!(out, "{c}")?;
        }
    }
    Ok(())
}

fn print_one(out: Out, value: impl std::fmt::Display, json: bool) -> Result<(), Failure> {
    if json {
        writeln!(out, "{}", serde_json::Value::String(value.to_string()))?;
    } else {
        writeln!(out, "{value}")?;
    }
    Ok(())
}

fn info_cmd(args: &InfoArgs, json: bool, out: Out) -> Result<(), Failure> {
    arity("info", &args.input, &["<INPUT>"], true)?;
    let mode = parse_mode(args.mode.as_deref())?;
    let input = args.input.join(" ");
    let parsed = parse_input(&input)?;
    let report = Report::new(&input, &parsed, mode);
    if json {
        serde_json::to_writer_pretty(&mut *out, &info::Json::new(&report, &parsed))?;
        writeln!(out)?;
    } else {
        write!(out, "{}", info::to_text(&report, &parsed))?;
    }
    Ok(())
}

/// `--mode`, standard when not given.
fn parse_mode(m: Option<&str>) -> Result<Mode, Failure> {
    m.map_or(Ok(Mode::Standard), |m| Mode::from_str(m).map_err(Failure::Bad))
}

/// The default `--limit`: enough for any split people read, small enough to print at once.
const DEFAULT_LIMIT: u128 = 256;

fn split_cmd(args: &SplitArgs, json: bool, out: Out) -> Result<(), Failure> {
    arity("split", &args.cidr, &["<CIDR>"], true)?;
    let net = parse_cidr(&args.cidr.join(" "))?;
    let (subnets, requested) = match (&args.prefix, &args.count) {
        (Some(_), Some(_)) => return bad("give either --prefix or --count, not both"),
        (None, None) => {
            return bad(format!("say how to split: --prefix N or --count N (usage: {})", args::usage::SPLIT))
        }
        (Some(p), None) => {
            // The core's prefix reader, as the planner's and designer's fields use it: `9`, `/9`.
            let p = cidrplan::parse_prefix(p, net.family()).or_else(|e| {
                bad(format!("--prefix must be a prefix length from /{} to /{}: {e}", net.prefix(), net.width()))
            })?;
            (ops::split(net, p)?, None)
        }
        (None, Some(n)) => {
            let n: u128 = number(n, "--count", "a whole number of subnets")?;
            let (s, rounded) = ops::split_count(net, n)?;
            (s, Some((n, rounded)))
        }
    };
    let limit = match &args.limit {
        None => Some(DEFAULT_LIMIT),
        Some(l) => match number::<u128>(l, "--limit", "a whole number (0 for no limit)")? {
            0 => None,
            k => Some(k),
        },
    };
    let total = subnets.total();
    let prefix = subnets.prefix();
    let truncated = limit.is_some_and(|k| total > Count::new(k));
    let rounded_up = requested.is_some_and(|(n, r)| n != r);
    if let (false, true, Some((n, r))) = (json, rounded_up, requested) {
        note(out, &format!("{n} is not a power of two; splitting into {r} subnets (/{prefix}) instead"))?;
    }
    let shown = subnets.zip(0u128..).take_while(|&(_, i)| limit.is_none_or(|k| i < k)).map(|(c, _)| c);
    if json {
        // Streamed by hand: with --limit 0 the list may be far too long to build in memory.
        writeln!(out, "{{")?;
        writeln!(out, "  \"network\": {},", js(net))?;
        writeln!(out, "  \"prefix\": {prefix},")?;
        writeln!(out, "  \"total\": {},", js(total))?;
        match requested {
            Some((n, _)) => writeln!(out, "  \"count_requested\": {},", js(n))?,
            None => writeln!(out, "  \"count_requested\": null,")?,
        }
        writeln!(out, "  \"rounded_up\": {rounded_up},")?;
        match limit {
            Some(k) => writeln!(out, "  \"limit\": {k},")?,
            None => writeln!(out, "  \"limit\": null,")?,
        }
        writeln!(out, "  \"truncated\": {truncated},")?;
        write!(out, "  \"subnets\": [")?;
        let mut first = true;
        for c in shown {
            write!(out, "{}\n    {}", if first { "" } else { "," }, js(c))?;
            first = false;
        }
        writeln!(out, "{}]", if first { "" } else { "\n  " })?;
        writeln!(out, "}}")?;
        return Ok(());
    }
    let mut count: u128 = 0;
    for c in shown {
        writeln!(out, "{c}")?;
        count += 1;
    }
    if truncated {
        note(
            out,
            &format!(
                "showing the first {} of {} subnets (/{prefix}) of {net}; --limit N shows more, --limit 0 all",
                Count::new(count).grouped(),
                total.grouped()
            ),
        )?;
    }
    Ok(())
}

/// A JSON string literal.
fn js(v: impl std::fmt::Display) -> String {
    serde_json::Value::String(v.to_string()).to_string()
}

fn subnet_cmd(args: &SubnetArgs, json: bool, out: Out) -> Result<(), Failure> {
    let p = &args.words();
    arity("subnet", p, &["<CIDR>", "<NEWBITS>", "<NETNUM>"], false)?;
    let net = parse_cidr(&p[0])?;
    let newbits: u8 = number(&p[1], "NEWBITS", "a whole number of bits (0 to 128)")?;
    let netnum: u128 = number(&p[2], "NETNUM", "a whole number from 0")?;
    print_one(out, ops::as_terraform_writes(ops::cidrsubnet(net, newbits, netnum)?), json)
}

fn host_cmd(args: &HostArgs, json: bool, out: Out) -> Result<(), Failure> {
    let p = &args.words();
    arity("host", p, &["<CIDR>", "<N>"], false)?;
    let net = parse_cidr(&p[0])?;
    let n: i128 = number(&p[1], "N", "a whole number (negative counts from the end)")?;
    print_one(out, ops::addr_as_terraform_writes(ops::cidrhost(net, n)?), json)
}

fn subnets_cmd(args: &SubnetsArgs, json: bool, out: Out) -> Result<(), Failure> {
    let p = &args.words();
    arity("subnets", p, &["<CIDR>", "<NEWBITS>"], true)?;
    let net = parse_cidr(&p[0])?;
    let newbits = p[1..]
        .iter()
        .map(|a| number::<u8>(a, "NEWBITS", "a whole number of bits (1 to 32)"))
        .collect::<Result<Vec<u8>, Failure>>()?;
    let blocks: Vec<Cidr> = ops::cidrsubnets(net, &newbits)?.into_iter().map(ops::as_terraform_writes).collect();
    print_list(out, &blocks, json)
}
