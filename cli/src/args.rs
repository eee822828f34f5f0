//! The command line, declared with clap's derive API: commands, options, help texts and
//! examples in one place, from which `cidrplan completions` and `cidrplan man` are generated.
//! (Long because it is the whole CLI's declaration: one struct per command, mostly help text.)
//!
//! Three things keep the CLI's old conventions on top of clap:
//! - positionals are plain words checked by each command (so "missing <NETNUM>" names the
//!   argument the way the usage line does) and accept negative numbers (`host … -2`);
//! - a word glued to a range dash (`10.0.0.0 -10.0.3.255`) is split into `-` and the address
//!   before clap sees it, so it is not taken for an option ([`split_glued_dashes`]);
//! - clap's errors become the CLI's one-line messages ([`usage_message`]).

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};
use std::ffi::OsStr;

/// The list commands' help: their examples, then what a list may hold.
macro_rules! list_help {
    ($examples:literal) => {
        concat!(
            "A list (--from FILE, or - for stdin) has one network, address or range a line or several separated by\n\
             commas, # comments, and an optional label after each network (10.0.0.0/24 web tier). A line that\n\
             cannot be read stops the run with its line number; --skip-bad leaves such lines out with a note\n\
             on stderr instead. Lists hold at most 65,536 entries.\n\n",
            $examples
        )
    };
}

/// Values offered to completions and listed in `--help`; the command checks the value itself
/// (with the core's own message, e.g. "Unknown mode 'ibm': use standard, aws, …").
#[derive(Clone)]
pub struct Choices(pub &'static [&'static str]);

impl TypedValueParser for Choices {
    type Value = String;

    fn parse_ref(&self, _: &clap::Command, _: Option<&clap::Arg>, value: &OsStr) -> Result<String, clap::Error> {
        // Arguments were checked to be UTF-8 before parsing.
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|v| PossibleValue::new(*v))))
    }
}

const MODES: Choices = Choices(&["standard", "aws", "azure", "gcp", "oci"]);
const ORDERS: Choices = Choices(&["size", "listed"]);
const LIST_FORMATS: Choices = Choices(&["text", "csv"]);
const PLAN_FORMATS: Choices = Choices(&[
    "table",
    "terraform",
    "terraform-aws",
    "terraform-azure",
    "terraform-gcp",
    "cloudformation",
    "json",
    "csv",
    "markdown",
]);

/// Usage lines, also quoted in usage errors ("missing <NETNUM> (usage: …)").
pub mod usage {
    pub const MAIN: &str = "cidrplan <COMMAND> [ARGS]... [--json]\n       cidrplan <COMMAND> --help";
    pub const INFO: &str = "cidrplan info <INPUT>... [--mode standard|aws|azure|gcp|oci] [--json]";
    pub const SPLIT: &str = "cidrplan split <CIDR> (--prefix N | --count N) [--limit K] [--json]";
    pub const SUBNET: &str = "cidrplan subnet <CIDR> <NEWBITS> <NETNUM> [--json]";
    pub const HOST: &str = "cidrplan host <CIDR> <N> [--json]";
    pub const SUBNETS: &str = "cidrplan subnets <CIDR> <NEWBITS>... [--json]";
    pub const SUMMARIZE: &str =
        "cidrplan summarize (<CIDR|ADDR|RANGE>... | - | --from FILE) [--supernet] [--format text|csv] [--json]";
    pub const EXCLUDE: &str = "cidrplan exclude <CIDR> <EXCLUDE>... [--json]\n       \
                               cidrplan exclude --from LIST [<EXCLUDE>...] [--minus FILE] [--format text|csv] [--json]";
    pub const RANGE: &str = "cidrplan range <FIRST> <LAST> [--json]\n       \
                             cidrplan range (- | --from FILE) [--format text|csv] [--json]";
    pub const OVERLAPS: &str =
        "cidrplan overlaps (<CIDR|ADDR|RANGE>... | - | --from FILE) [--format text|csv] [--json]";
    pub const VLSM: &str = "cidrplan vlsm <BASE> (<NAME=HOSTS>... | --from FILE) [--mode M] [--order size|listed] \
                            [--keep FILE] [--format text|csv] [--json]";
    pub const PLAN: &str = "cidrplan plan --from <SOURCE> [--format <FORMAT>] [--json]";
    pub const COMPLETIONS: &str = "cidrplan completions <bash|zsh|fish>";
    pub const MAN: &str = "cidrplan man";
}

const MAIN_EXAMPLES: &str = "Examples:
  cidrplan info 10.0.0.5/16 --mode aws
  cidrplan info 2001:db8::/48 --json
  cidrplan split 10.0.0.0/8 --prefix 32 --limit 3
  cidrplan subnet 10.1.0.0/16 4 2
  cidrplan host 10.0.0.0/8 -2
  cidrplan subnets 10.1.0.0/16 4 4 8 4
  cidrplan summarize 10.0.0.0/24 10.0.1.0/24
  cidrplan exclude 10.0.0.0/24 10.0.0.0/26
  cidrplan range 10.0.0.10 10.0.0.20
  cidrplan overlaps --from routes.txt
  cidrplan vlsm 10.0.0.0/24 Sales=120 Ops=50 Link=2 --mode aws
  cidrplan plan --from preset:aws-3az --format terraform

Exit status: 0 on success, 2 on bad input or bad usage (with a one-line error on stderr).";

/// cidrplan: a subnet/CIDR calculator for IPv4 and IPv6
#[derive(Parser, Debug)]
#[command(
    name = "cidrplan",
    version,
    about = "a subnet/CIDR calculator for IPv4 and IPv6",
    help_template = "{name} {version}: {about}\n\n{usage-heading} {usage}\n\n{all-args}{after-help}",
    override_usage = usage::MAIN,
    after_help = MAIN_EXAMPLES,
    arg_required_else_help = true,
    subcommand_required = true,
    disable_version_flag = false,
    max_term_width = 100
)]
pub struct Cli {
    /// Machine-readable JSON on stdout; errors become {"error": "..."} on stdout
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Info(InfoArgs),
    Split(SplitArgs),
    Subnet(SubnetArgs),
    Host(HostArgs),
    Subnets(SubnetsArgs),
    Summarize(SummarizeArgs),
    Exclude(ExcludeArgs),
    Range(RangeArgs),
    Overlaps(OverlapsArgs),
    Vlsm(VlsmArgs),
    Plan(PlanArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

/// Everything about an address, a network or a range
///
/// Network, masks, usable hosts under a cloud mode, special-purpose blocks, reverse DNS,
/// binary.
#[derive(Args, Debug)]
#[command(
    override_usage = usage::INFO,
    after_help = "Examples:
  cidrplan info 10.0.0.5/16 --mode aws
  cidrplan info 192.168.1.0 255.255.255.0
  cidrplan info 10.0.0.0 - 10.0.3.255
  cidrplan info 2001:db8::/48 --json"
)]
pub struct InfoArgs {
    /// An IPv4/IPv6 address, network or range. Several words are joined with spaces, so all of
    /// these work: 10.0.0.5/16, 10.0.0.0 255.255.0.0, 10.0.0.0/0.0.255.255,
    /// 10.0.0.0 - 10.0.3.255, 2001:db8::/48, fe80::1%eth0
    #[arg(value_name = "INPUT", allow_negative_numbers = true)]
    pub input: Vec<String>,

    /// Which addresses are reserved and which sizes are allowed (default: standard)
    #[arg(short, long, value_name = "MODE", value_parser = MODES)]
    pub mode: Option<String>,
}

/// Split a network into equal subnets
///
/// Listed lazily: huge splits return at once.
#[derive(Args, Debug)]
#[command(
    override_usage = usage::SPLIT,
    after_help = "Examples:
  cidrplan split 10.0.0.0/16 --prefix 18
  cidrplan split 10.0.0.0/24 --count 5
  cidrplan split 10.0.0.0/8 --prefix 32 --limit 3"
)]
pub struct SplitArgs {
    /// The network to split (host bits are ignored: 10.0.0.5/16 means 10.0.0.0/16)
    #[arg(value_name = "CIDR", allow_negative_numbers = true)]
    pub cidr: Vec<String>,

    /// Prefix length of each subnet (/N or N)
    #[arg(short, long, value_name = "N", allow_hyphen_values = true)]
    pub prefix: Option<String>,

    /// Number of subnets; rounded up to a power of two (a note says so)
    #[arg(short = 'n', long, value_name = "N", allow_hyphen_values = true)]
    pub count: Option<String>,

    /// Print at most K subnets (default 256; 0 prints all). When the list is cut, a note on
    /// stderr says how many there are in all
    #[arg(short, long, value_name = "K", allow_hyphen_values = true)]
    pub limit: Option<String>,
}

/// Terraform's cidrsubnet: the NETNUM-th subnet with NEWBITS more prefix bits
#[derive(Args, Debug)]
#[command(
    override_usage = usage::SUBNET,
    after_help = "Examples:
  cidrplan subnet 10.1.0.0/16 4 2              # 10.1.32.0/20
  cidrplan subnet 2001:db8::/32 16 255         # 2001:db8:ff::/48
  cidrplan subnet ::ffff:192.168.0.0/112 8 6   # 192.168.6.0/24

A result inside ::ffff:0:0/96 (IPv4-mapped) is written as the IPv4 it maps, as Terraform does."
)]
pub struct SubnetArgs {
    /// The parent network
    #[arg(value_name = "CIDR", allow_negative_numbers = true)]
    pub cidr: Option<String>,
    /// How many bits to add to its prefix
    #[arg(value_name = "NEWBITS", allow_negative_numbers = true)]
    pub newbits: Option<String>,
    /// Which subnet, counting from 0
    #[arg(value_name = "NETNUM", allow_negative_numbers = true)]
    pub netnum: Option<String>,
}

impl SubnetArgs {
    pub fn words(&self) -> Vec<String> {
        [&self.cidr, &self.newbits, &self.netnum].into_iter().flatten().cloned().collect()
    }
}

/// Terraform's cidrhost: the N-th address of a network (negative N counts from the end)
#[derive(Args, Debug)]
#[command(
    override_usage = usage::HOST,
    after_help = "Examples:
  cidrplan host 10.0.0.0/8 5      # 10.0.0.5
  cidrplan host 10.0.0.0/8 -2     # 10.255.255.254"
)]
pub struct HostArgs {
    /// The network
    #[arg(value_name = "CIDR", allow_negative_numbers = true)]
    pub cidr: Option<String>,
    /// Which address: 0 is the network address, -1 the last address
    #[arg(value_name = "N", allow_negative_numbers = true)]
    pub n: Option<String>,
}

impl HostArgs {
    pub fn words(&self) -> Vec<String> {
        [&self.cidr, &self.n].into_iter().flatten().cloned().collect()
    }
}

/// Terraform's cidrsubnets: consecutive subnets of the given sizes
#[derive(Args, Debug)]
#[command(
    override_usage = usage::SUBNETS,
    after_help = "Examples:
  cidrplan subnets 10.1.0.0/16 4 4 8 4"
)]
pub struct SubnetsArgs {
    /// The parent network
    #[arg(value_name = "CIDR", allow_negative_numbers = true)]
    pub cidr: Option<String>,
    /// For each subnet, how many bits to add to the parent's prefix. Each subnet is aligned
    /// to its own size right after the previous one, as in Terraform
    #[arg(value_name = "NEWBITS", allow_negative_numbers = true)]
    pub newbits: Vec<String>,
}

impl SubnetsArgs {
    pub fn words(&self) -> Vec<String> {
        self.cidr.iter().chain(&self.newbits).cloned().collect()
    }
}

/// Options of the commands that read a list.
#[derive(Args, Debug)]
pub struct ListOpts {
    /// Read a list from FILE (- for stdin)
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub from: Option<String>,

    /// Leave out lines that cannot be read (each gets a note on stderr) instead of stopping
    #[arg(long)]
    pub skip_bad: bool,

    /// Output format: text (default) or csv
    #[arg(short = 'o', long, value_name = "FORMAT", value_parser = LIST_FORMATS)]
    pub format: Option<String>,
}

/// The fewest CIDR blocks covering exactly a list (route aggregation)
///
/// The union of the given blocks, addresses and ranges as the fewest CIDR blocks; with
/// --supernet, also the single smallest block holding them all.
#[derive(Args, Debug)]
#[command(
    override_usage = usage::SUMMARIZE,
    after_help = list_help!("Examples:
  cidrplan summarize 10.0.0.0/24 10.0.1.0/24      # 10.0.0.0/23
  cidrplan summarize 192.168.0.1 192.168.0.0 192.168.0.2/31
  cidrplan summarize --from routes.txt --supernet
  ip -4 route | cut -d' ' -f1 | cidrplan summarize -")
)]
pub struct SummarizeArgs {
    /// Networks, single addresses or ranges (10.0.0.1-10.0.0.9); IPv4 and IPv6 may be mixed
    /// (IPv4 blocks are listed first). A lone - reads a list from stdin
    #[arg(value_name = "CIDR|ADDR|RANGE", allow_negative_numbers = true)]
    pub inputs: Vec<String>,

    /// Also print the single smallest supernet of each IP version and how many addresses it
    /// covers beyond the list
    #[arg(long)]
    pub supernet: bool,

    #[command(flatten)]
    pub list: ListOpts,
}

/// What remains of a network, or of a list, after removing blocks
#[derive(Args, Debug)]
#[command(
    override_usage = usage::EXCLUDE,
    after_help = list_help!("Examples:
  cidrplan exclude 10.0.0.0/24 10.0.0.0/26
  cidrplan exclude 10.0.0.0/16 10.0.5.0/24 10.0.9.7
  cidrplan exclude --from vpcs.txt --minus in-use.txt")
)]
pub struct ExcludeArgs {
    /// <CIDR> <EXCLUDE>...: the network, then blocks or addresses to remove (each must overlap
    /// the network). With --from, every word is a block to remove from the list
    #[arg(value_name = "CIDR EXCLUDE", allow_negative_numbers = true)]
    pub words: Vec<String>,

    /// Also remove the blocks of the list in FILE (- for stdin); blocks outside remove nothing
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub minus: Option<String>,

    #[command(flatten)]
    pub list: ListOpts,
}

/// The fewest CIDR blocks covering exactly a range (or each range of a list)
#[derive(Args, Debug)]
#[command(
    override_usage = usage::RANGE,
    after_help = list_help!("Examples:
  cidrplan range 10.0.0.10 10.0.0.20
  cidrplan range 2001:db8::1 2001:db8::ff
  cidrplan range --from dhcp-pools.txt --format csv")
)]
pub struct RangeArgs {
    /// <FIRST> <LAST>: first and last address of the range (also accepted: FIRST - LAST,
    /// FIRST-LAST). A lone - reads a list of ranges from stdin
    #[arg(value_name = "FIRST LAST", allow_negative_numbers = true)]
    pub words: Vec<String>,

    #[command(flatten)]
    pub list: ListOpts,
}

/// Every pair of networks or ranges in a list that overlap or duplicate
#[derive(Args, Debug)]
#[command(
    override_usage = usage::OVERLAPS,
    after_help = list_help!("Each pair names both entries with their labels and line numbers, and says which one contains
the other. At most 10,000 pairs are listed; the count covers them all.

Examples:
  cidrplan overlaps 10.0.0.0/16 10.0.5.0/24 192.168.0.0/24
  cidrplan overlaps --from vpcs.txt
  cidrplan overlaps - --format csv < routes.txt")
)]
pub struct OverlapsArgs {
    /// Networks, addresses or ranges; a lone - reads a list from stdin
    #[arg(value_name = "CIDR|ADDR|RANGE", allow_negative_numbers = true)]
    pub inputs: Vec<String>,

    #[command(flatten)]
    pub list: ListOpts,
}

/// Lay out subnets for a list of host counts (VLSM)
///
/// Each need is sized for its hosts under the mode and placed on an aligned boundary in the
/// base network.
#[derive(Args, Debug)]
#[command(
    override_usage = usage::VLSM,
    after_help = "Each need is NAME=HOSTS (or NAME=/PREFIX for a fixed size). A needs file (--from FILE, - for stdin)
has one need a line: 'Sales, 120', 'Sales 120', 'Sales 120 hosts' or 'Link /30', # comments.
Each need gets the smallest subnet whose usable addresses, after the mode's reserved ones,
hold its hosts (2 hosts are a /31 only in standard mode). A list that does not fit says by
how much and what would: a bigger base, or which needs to shrink.

Examples:
  cidrplan vlsm 192.168.0.0/24 Sales=120 Ops=50 Link=2
  cidrplan vlsm 10.0.0.0/16 --from needs.txt --mode aws
  cidrplan vlsm 10.0.0.0/24 web=60 db=/27 --order listed --format csv
  cidrplan vlsm 10.0.0.0/16 --from needs.txt --json > layout.json
  cidrplan vlsm 10.0.0.0/16 --from needs-v2.txt --keep layout.json"
)]
pub struct VlsmArgs {
    /// The network to lay the needs out in
    #[arg(value_name = "BASE", allow_negative_numbers = true)]
    pub base: Option<String>,

    /// The needs: Sales=120 (hosts) or Link=/30 (a prefix)
    #[arg(value_name = "NAME=HOSTS", allow_negative_numbers = true)]
    pub needs: Vec<String>,

    /// Read the needs from FILE (- for stdin), after any given as arguments
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub from: Option<String>,

    /// Whose reserved addresses and subnet sizes apply (default: standard)
    #[arg(short, long, value_name = "MODE", value_parser = MODES)]
    pub mode: Option<String>,

    /// size: largest first, packs tightest (default); listed: in the order given
    #[arg(long, value_name = "ORDER", value_parser = ORDERS)]
    pub order: Option<String>,

    /// Keep the needs of an earlier layout in place: FILE is the --json output of an earlier
    /// run or a design exported from the app. Unchanged needs keep their subnets; a note
    /// (or the JSON's "relayout") says which moved
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub keep: Option<String>,

    /// Output format: text (default) or csv
    #[arg(short = 'o', long, value_name = "FORMAT", value_parser = LIST_FORMATS)]
    pub format: Option<String>,
}

/// Lay out a VPC plan and export it
///
/// As a table, Terraform (AWS, Azure, Google Cloud), CloudFormation, JSON, CSV or Markdown.
#[derive(Args, Debug)]
#[command(
    override_usage = usage::PLAN,
    after_help = "Subnets in the Terraform exports are cidrsubnet(var.vpc_cidr, newbits, netnum), so changing
var.vpc_cidr moves the whole plan. The code exports add the internet gateway, NAT gateways
(the plan's \"nat\": per-zone, shared or none) and route tables, and their header holds the
plan's link: from a share link URL, that URL, so the file is the one the app downloads. A plan
that does not fit prints why, and what would make it fit, on one line (exit status 2).

Examples:
  cidrplan plan --from preset:aws-3az
  cidrplan plan --from preset:aws-3az --format terraform > vpc.tf
  cidrplan plan --from preset:aws-3az --format cloudformation > vpc.yaml
  cidrplan plan --from plan.json --format terraform-gcp
  cidrplan plan --from 'https://cidrplan.example/#v2.…' --format markdown > PLAN.md
  cidrplan plan --from preset:azure-hub --format csv
  cidrplan plan --from preset:gcp-regional --json"
)]
pub struct PlanArgs {
    /// Arguments are not taken (the plan comes from --from)
    #[arg(hide = true, allow_negative_numbers = true)]
    pub extra: Vec<String>,

    /// The plan to lay out:
    ///   plan.json        a plan file saved by the app (or a JSON export)
    ///   -                a plan file on stdin
    ///   https://…/#v2.…  a share link (or just its fragment, v2.…; v1 too)
    ///   preset:ID        a built-in plan: aws-3az, aws-2az-minimal,
    ///                    azure-hub, gcp-regional
    #[arg(short, long, value_name = "SOURCE", verbatim_doc_comment, value_hint = clap::ValueHint::FilePath)]
    pub from: Option<String>,

    /// What to print (default: table):
    ///   table            aligned subnet table, summaries and free space
    ///   terraform        Terraform for the plan's provider
    ///   terraform-aws    Terraform for one cloud (also terraform-azure,
    ///                    terraform-gcp)
    ///   cloudformation   CloudFormation YAML, for AWS plans (also: cfn)
    ///   json             the plan and its layout
    ///   csv              one row per subnet (RFC 4180)
    ///   markdown         a document with the table (also: md)
    /// With --json: the JSON export, or {"format", "extension", "file_name",
    /// "content"} with another --format; errors become {"error": "..."}
    #[arg(short = 'o', long, value_name = "FORMAT", verbatim_doc_comment, value_parser = PLAN_FORMATS, hide_possible_values = true)]
    pub format: Option<String>,
}

/// Print a shell completion script (bash, zsh or fish)
#[derive(Args, Debug)]
#[command(
    override_usage = usage::COMPLETIONS,
    after_help = "Examples:
  cidrplan completions bash > ~/.local/share/bash-completion/completions/cidrplan
  cidrplan completions zsh > \"${fpath[1]}/_cidrplan\"
  cidrplan completions fish > ~/.config/fish/completions/cidrplan.fish"
)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh or fish
    #[arg(value_name = "SHELL", value_parser = Choices(&["bash", "zsh", "fish"]))]
    pub shell: Vec<String>,
}

/// Print the manual page (roff), generated from this help
#[derive(Args, Debug)]
#[command(
    override_usage = usage::MAN,
    after_help = "Examples:
  cidrplan man > cidrplan.1 && man ./cidrplan.1
  cidrplan man | gzip > /usr/local/share/man/man1/cidrplan.1.gz"
)]
pub struct ManArgs {
    #[arg(hide = true, allow_negative_numbers = true)]
    pub extra: Vec<String>,
}

/// `10.0.0.0 -10.0.3.255`: a word of a dash and an address is split into `-` and the address,
/// so clap takes it as a value, not an option. Negative numbers (`-2`) stay whole (clap takes
/// them as values), and nothing after `--` is touched.
pub fn split_glued_dashes(argv: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(argv.len());
    let mut escaped = false;
    for a in argv {
        let glued = !escaped
            && a.strip_prefix('-')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()) && r.parse::<f64>().is_err());
        escaped |= a == "--";
        if glued {
            out.push("-".to_string());
            out.push(a[1..].to_string());
        } else {
            out.push(a);
        }
    }
    out
}

/// The command a usage error is about: the first word that names one.
fn command_in(argv: &[String]) -> Option<clap::Command> {
    let cli = <Cli as clap::CommandFactory>::command();
    let name = argv.iter().take_while(|a| *a != "--").find(|a| !a.starts_with('-'))?;
    cli.find_subcommand(name).cloned()
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        other => Some(other.to_string()),
    }
}

/// The option's name alone: `--mode` of `--mode <MODE>` or `--mode=aws`.
fn option_name(arg: &str) -> String {
    let first = arg.split([' ', '=']).next().unwrap_or(arg);
    // clap writes a short and long option as `-m, --mode`.
    first.trim_end_matches(',').to_string()
}

fn long_of(arg: &str) -> String {
    arg.split([' ', '='])
        .find(|w| w.starts_with("--"))
        .map(|w| w.trim_end_matches(',').to_string())
        .unwrap_or_else(|| option_name(arg))
}

/// A clap error as the CLI's one-line message (without the `cidrplan: ` prefix).
pub fn usage_message(e: &clap::Error, argv: &[String]) -> String {
    let sub = command_in(argv);
    let see = match &sub {
        Some(c) => format!("usage: {}", usage_of(c.get_name()).lines().next().unwrap_or("").trim()),
        None => "see 'cidrplan --help'".to_string(),
    };
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidSubcommand => unknown_command(&context(e, ContextKind::InvalidSubcommand).unwrap_or(arg)),
        ErrorKind::UnknownArgument if !arg.starts_with('-') || arg == "-" => {
            format!("unexpected argument '{arg}' ({see})")
        }
        ErrorKind::UnknownArgument => match &sub {
            Some(c) => format!("unknown option '{}' for '{}' ({see})", option_name(&arg), c.get_name()),
            None => format!("unknown option '{}' ({see})", option_name(&arg)),
        },
        ErrorKind::InvalidValue if context(e, ContextKind::InvalidValue).unwrap_or_default().is_empty() => {
            format!("option {} needs a value", long_of(&arg))
        }
        ErrorKind::ArgumentConflict => format!("option {} is given more than once", long_of(&arg)),
        _ => {
            let text = e.to_string();
            let line = text.lines().next().unwrap_or("").trim_start_matches("error: ").to_string();
            format!("{line} ({see})")
        }
    }
}

pub const COMMAND_NAMES: &[&str] = &[
    "info",
    "split",
    "subnet",
    "host",
    "subnets",
    "summarize",
    "exclude",
    "range",
    "overlaps",
    "vlsm",
    "plan",
    "completions",
    "man",
];

pub fn unknown_command(name: &str) -> String {
    format!("unknown command '{name}': use one of {} (see 'cidrplan --help')", COMMAND_NAMES.join(", "))
}

/// The override usage of subcommand `name`, for messages.
pub fn usage_of(name: &str) -> &'static str {
    match name {
        "info" => usage::INFO,
        "split" => usage::SPLIT,
        "subnet" => usage::SUBNET,
        "host" => usage::HOST,
        "subnets" => usage::SUBNETS,
        "summarize" => usage::SUMMARIZE,
        "exclude" => usage::EXCLUDE,
        "range" => usage::RANGE,
        "overlaps" => usage::OVERLAPS,
        "vlsm" => usage::VLSM,
        "plan" => usage::PLAN,
        "completions" => usage::COMPLETIONS,
        _ => usage::MAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn glued_dashes_split_but_numbers_and_escaped_words_stay() {
        assert_eq!(
            split_glued_dashes(v(&["info", "10.0.0.0", "-10.0.3.255"])),
            v(&["info", "10.0.0.0", "-", "10.0.3.255"])
        );
        assert_eq!(split_glued_dashes(v(&["host", "10.0.0.0/8", "-2"])), v(&["host", "10.0.0.0/8", "-2"]));
        assert_eq!(split_glued_dashes(v(&["info", "--", "-10.0.0.1"])), v(&["info", "--", "-10.0.0.1"]));
    }

    #[test]
    fn the_definition_is_consistent() {
        <Cli as clap::CommandFactory>::command().debug_assert();
        let cli = <Cli as clap::CommandFactory>::command();
        let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).filter(|n| *n != "help").collect();
        assert_eq!(names, COMMAND_NAMES);
        for n in COMMAND_NAMES {
            let mut sub = cli.find_subcommand(n).unwrap().clone();
            let usage = sub.render_usage().to_string();
            assert_eq!(usage.trim_start_matches("Usage: "), usage_of(n), "{n}");
        }
    }
}
