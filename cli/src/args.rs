//! A small hand-rolled argument parser and the help texts.
//!
//! Hand-rolled rather than clap because the CLI needs little (a handful of options), and a few
//! things clap makes awkward are natural here: negative numbers as positionals (`host … -2`),
//! a lone `-` inside a range (`info 10.0.0.0 - 10.0.3.255`), and every usage error on one line.

/// Options a command may accept besides `--json` and `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opt {
    Mode,
    Prefix,
    Count,
    Limit,
    From,
    Format,
}

impl Opt {
    fn long(self) -> &'static str {
        match self {
            Opt::Mode => "--mode",
            Opt::Prefix => "--prefix",
            Opt::Count => "--count",
            Opt::Limit => "--limit",
            Opt::From => "--from",
            Opt::Format => "--format",
        }
    }

    fn short(self) -> &'static str {
        match self {
            Opt::Mode => "-m",
            Opt::Prefix => "-p",
            Opt::Count => "-n",
            Opt::Limit => "-l",
            Opt::From => "-f",
            Opt::Format => "-o",
        }
    }

    const ALL: [Opt; 6] = [Opt::Mode, Opt::Prefix, Opt::Count, Opt::Limit, Opt::From, Opt::Format];
}

/// One subcommand: its name, one-line usage and summary, and the body of its `--help`.
pub struct Command {
    pub name: &'static str,
    pub usage: &'static str,
    pub about: &'static str,
    pub help: &'static str,
    pub options: &'static [Opt],
}

impl Command {
    pub fn find(name: &str) -> Option<&'static Command> {
        COMMANDS.iter().find(|c| c.name == name)
    }

    /// The full `--help` text.
    pub fn help_text(&self) -> String {
        format!("{}\n\nUsage: {}\n\n{}", self.about, self.usage, self.help.trim_end())
    }
}

/// The parsed arguments of one subcommand (values still as text; the command checks them).
#[derive(Debug, Default)]
pub struct Args {
    pub json: bool,
    pub help: bool,
    pub mode: Option<String>,
    pub prefix: Option<String>,
    pub count: Option<String>,
    pub limit: Option<String>,
    pub from: Option<String>,
    pub format: Option<String>,
    pub positional: Vec<String>,
}

impl Args {
    fn slot(&mut self, o: Opt) -> &mut Option<String> {
        match o {
            Opt::Mode => &mut self.mode,
            Opt::Prefix => &mut self.prefix,
            Opt::Count => &mut self.count,
            Opt::Limit => &mut self.limit,
            Opt::From => &mut self.from,
            Opt::Format => &mut self.format,
        }
    }
}

/// `-2`, `-10.0.0.1`: a negative number or an address glued to a range dash, not an option.
fn looks_like_value(a: &str) -> bool {
    a == "-" || a.strip_prefix('-').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// Parse the arguments after the subcommand name. Errors are one line, without the program name.
pub fn parse_args(cmd: &Command, argv: &[String]) -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = argv.iter();
    let unknown = |a: &str| format!("unknown option '{a}' for '{}' (usage: {})", cmd.name, cmd.usage);
    while let Some(a) = it.next() {
        if a == "--" {
            args.positional.extend(it.by_ref().cloned());
            break;
        }
        if !a.starts_with('-') || looks_like_value(a) {
            args.positional.push(a.clone());
            continue;
        }
        match a.as_str() {
            "--json" => {
                args.json = true;
                continue;
            }
            "-h" | "--help" => {
                args.help = true;
                continue;
            }
            _ => {}
        }
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let Some(opt) = Opt::ALL.into_iter().find(|o| o.long() == name || o.short() == name) else {
            return Err(unknown(a));
        };
        if !cmd.options.contains(&opt) {
            return Err(unknown(name));
        }
        let value = match inline {
            Some(v) => v,
            None => it.next().cloned().ok_or_else(|| format!("option {} needs a value", opt.long()))?,
        };
        let slot = args.slot(opt);
        if slot.is_some() {
            return Err(format!("option {} is given more than once", opt.long()));
        }
        *slot = Some(value);
    }
    Ok(args)
}

pub const COMMANDS: &[Command] = &[
    Command {
        name: "info",
        usage: "cidrplan info <INPUT>... [--mode standard|aws|azure|gcp|oci] [--json]",
        about: "Everything about an address, a network or a range: network, masks, usable hosts, \
                special-purpose blocks, reverse DNS, binary.",
        help: r#"Arguments:
  <INPUT>...  An IPv4/IPv6 address, network or range. Several words are joined with spaces,
              so all of these work:
                10.0.0.5/16   10.0.0.0 255.255.0.0   10.0.0.0/0.0.255.255
                10.0.0.0 - 10.0.3.255   2001:db8::/48   fe80::1%eth0

Options:
  -m, --mode <MODE>  Which addresses are reserved and which sizes are allowed:
                     standard (default), aws, azure, gcp, oci
      --json         Print the report as one JSON object
  -h, --help         Show this help

Examples:
  cidrplan info 10.0.0.5/16 --mode aws
  cidrplan info 192.168.1.0 255.255.255.0
  cidrplan info 10.0.0.0 - 10.0.3.255
  cidrplan info 2001:db8::/48 --json
"#,
        options: &[Opt::Mode],
    },
    Command {
        name: "split",
        usage: "cidrplan split <CIDR> (--prefix N | --count N) [--limit K] [--json]",
        about: "Split a network into equal subnets, listed lazily: huge splits return at once.",
        help: r#"Arguments:
  <CIDR>  The network to split (host bits are ignored: 10.0.0.5/16 means 10.0.0.0/16)

Options:
  -p, --prefix <N>  Prefix length of each subnet (/N or N)
  -n, --count <N>   Number of subnets; rounded up to a power of two (a note says so)
  -l, --limit <K>   Print at most K subnets (default 256; 0 prints all). When the list is
                    cut, a note on stderr says how many there are in all
      --json        Print one JSON object: {network, prefix, total, ..., subnets: [...]}
  -h, --help        Show this help

Examples:
  cidrplan split 10.0.0.0/16 --prefix 18
  cidrplan split 10.0.0.0/24 --count 5
  cidrplan split 10.0.0.0/8 --prefix 32 --limit 3
"#,
        options: &[Opt::Prefix, Opt::Count, Opt::Limit],
    },
    Command {
        name: "subnet",
        usage: "cidrplan subnet <CIDR> <NEWBITS> <NETNUM> [--json]",
        about: "The NETNUM-th subnet of CIDR with NEWBITS more prefix bits (Terraform's cidrsubnet).",
        help: r#"Arguments:
  <CIDR>     The parent network
  <NEWBITS>  How many bits to add to its prefix
  <NETNUM>   Which subnet, counting from 0

Options:
      --json  Print the result as a JSON string
  -h, --help  Show this help

Examples:
  cidrplan subnet 10.1.0.0/16 4 2        # 10.1.32.0/20
  cidrplan subnet 2001:db8::/32 16 255   # 2001:db8:ff::/48
"#,
        options: &[],
    },
    Command {
        name: "host",
        usage: "cidrplan host <CIDR> <N> [--json]",
        about: "The N-th address of a network (Terraform's cidrhost); a negative N counts from the end.",
        help: r#"Arguments:
  <CIDR>  The network
  <N>     Which address: 0 is the network address, -1 the last address

Options:
      --json  Print the result as a JSON string
  -h, --help  Show this help

Examples:
  cidrplan host 10.0.0.0/8 5      # 10.0.0.5
  cidrplan host 10.0.0.0/8 -2     # 10.255.255.254
"#,
        options: &[],
    },
    Command {
        name: "subnets",
        usage: "cidrplan subnets <CIDR> <NEWBITS>... [--json]",
        about: "Consecutive subnets of the given sizes (Terraform's cidrsubnets).",
        help: r#"Arguments:
  <CIDR>        The parent network
  <NEWBITS>...  For each subnet, how many bits to add to the parent's prefix. Each subnet is
                aligned to its own size right after the previous one, as in Terraform

Options:
      --json  Print a JSON array of CIDR strings
  -h, --help  Show this help

Examples:
  cidrplan subnets 10.1.0.0/16 4 4 8 4
"#,
        options: &[],
    },
    Command {
        name: "summarize",
        usage: "cidrplan summarize <CIDR|ADDR|RANGE>... [--json]",
        about: "The fewest CIDR blocks covering exactly the union of the given blocks and addresses.",
        help: r#"Arguments:
  <CIDR|ADDR|RANGE>...  Networks, single addresses or ranges (10.0.0.1-10.0.0.9); IPv4 and
                        IPv6 may be mixed (IPv4 blocks are listed first)

Options:
      --json  Print a JSON array of CIDR strings
  -h, --help  Show this help

Examples:
  cidrplan summarize 10.0.0.0/24 10.0.1.0/24      # 10.0.0.0/23
  cidrplan summarize 192.168.0.1 192.168.0.0 192.168.0.2/31
"#,
        options: &[],
    },
    Command {
        name: "exclude",
        usage: "cidrplan exclude <CIDR> <EXCLUDE>... [--json]",
        about: "The blocks of a network that remain after removing the given blocks.",
        help: r#"Arguments:
  <CIDR>        The network
  <EXCLUDE>...  Blocks or addresses to remove; each must overlap the network

Options:
      --json  Print a JSON array of CIDR strings
  -h, --help  Show this help

Examples:
  cidrplan exclude 10.0.0.0/24 10.0.0.0/26
  cidrplan exclude 10.0.0.0/16 10.0.5.0/24 10.0.9.7
"#,
        options: &[],
    },
    Command {
        name: "range",
        usage: "cidrplan range <FIRST> <LAST> [--json]",
        about: "The fewest CIDR blocks covering exactly the addresses FIRST to LAST.",
        help: r#"Arguments:
  <FIRST>  First address of the range
  <LAST>   Last address of the range (also accepted: FIRST - LAST, FIRST-LAST)

Options:
      --json  Print a JSON array of CIDR strings
  -h, --help  Show this help

Examples:
  cidrplan range 10.0.0.10 10.0.0.20
  cidrplan range 2001:db8::1 2001:db8::ff
"#,
        options: &[],
    },
    Command {
        name: "plan",
        usage: "cidrplan plan --from <SOURCE> [--format <FORMAT>] [--json]",
        about: "Lay out a VPC plan and export it: a table, Terraform (AWS, Azure, Google Cloud), \
                CloudFormation, JSON, CSV or Markdown.",
        help: r#"Options:
  -f, --from <SOURCE>    The plan to lay out:
                           plan.json        a plan file saved by the app (or a JSON export)
                           -                a plan file on stdin
                           https://…/#v1.…  a share link (or just its fragment, v1.…)
                           preset:ID        a built-in plan: aws-3az, aws-2az-minimal,
                                            azure-hub, gcp-regional
  -o, --format <FORMAT>  What to print (default: table):
                           table            aligned subnet table, summaries and free space
                           terraform        Terraform for the plan's provider
                           terraform-aws    Terraform for one cloud (also terraform-azure,
                                            terraform-gcp)
                           cloudformation   CloudFormation YAML, for AWS plans (also: cfn)
                           json             the plan and its layout
                           csv              one row per subnet (RFC 4180)
                           markdown         a document with the table (also: md)
      --json             Print JSON: the JSON export, or {"format", "extension", "file_name",
                         "content"} with another --format; errors become {"error": "..."}
  -h, --help             Show this help

Subnets in the Terraform exports are cidrsubnet(var.vpc_cidr, newbits, netnum), so changing
var.vpc_cidr moves the whole plan. The code exports add the internet gateway, NAT gateways
(the plan's "nat": per-zone, shared or none) and route tables, and their header holds the
plan's link: from a share link URL, that URL, so the file is the one the app downloads. A plan
that does not fit prints why, and what would make it fit, on one line (exit status 2).

Examples:
  cidrplan plan --from preset:aws-3az
  cidrplan plan --from preset:aws-3az --format terraform > vpc.tf
  cidrplan plan --from preset:aws-3az --format cloudformation > vpc.yaml
  cidrplan plan --from plan.json --format terraform-gcp
  cidrplan plan --from 'https://cidrplan.example/#v1.…' --format markdown > PLAN.md
  cidrplan plan --from preset:azure-hub --format csv
  cidrplan plan --from preset:gcp-regional --json
"#,
        options: &[Opt::From, Opt::Format],
    },
];

/// `cidrplan --help`.
pub fn main_help() -> String {
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut list = String::new();
    for c in COMMANDS {
        let first_sentence = c.about.split_once(": ").map_or(c.about, |(a, _)| a);
        list.push_str(&format!("  {:width$}  {}\n", c.name, first_sentence.trim_end_matches('.')));
    }
    format!(
        r#"cidrplan {version}: a subnet/CIDR calculator for IPv4 and IPv6

Usage: cidrplan <COMMAND> [ARGS]... [--json]
       cidrplan <COMMAND> --help

Commands:
{list}  {help:width$}  Show the help of a command

Options:
      --json     Machine-readable JSON on stdout; errors become {{"error": "..."}} on stdout
  -h, --help     Show this help
  -V, --version  Show the version

Examples:
  cidrplan info 10.0.0.5/16 --mode aws
  cidrplan info 2001:db8::/48 --json
  cidrplan split 10.0.0.0/8 --prefix 32 --limit 3
  cidrplan subnet 10.1.0.0/16 4 2
  cidrplan host 10.0.0.0/8 -2
  cidrplan subnets 10.1.0.0/16 4 4 8 4
  cidrplan summarize 10.0.0.0/24 10.0.1.0/24
  cidrplan exclude 10.0.0.0/24 10.0.0.0/26
  cidrplan range 10.0.0.10 10.0.0.20
  cidrplan plan --from preset:aws-3az --format terraform

Exit status: 0 on success, 2 on bad input or bad usage (with a one-line error on stderr)."#,
        version = env!("CARGO_PKG_VERSION"),
        help = "help",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn negatives_and_dashes_are_values() {
        let host = Command::find("host").unwrap();
        let a = parse_args(host, &v(&["10.0.0.0/8", "-2", "--json"])).unwrap();
        assert_eq!(a.positional, ["10.0.0.0/8", "-2"]);
        assert!(a.json);
        let info = Command::find("info").unwrap();
        let a = parse_args(info, &v(&["10.0.0.0", "-", "10.0.3.255", "--mode=aws"])).unwrap();
        assert_eq!(a.positional, ["10.0.0.0", "-", "10.0.3.255"]);
        assert_eq!(a.mode.as_deref(), Some("aws"));
    }

    #[test]
    fn options_are_checked_per_command() {
        let host = Command::find("host").unwrap();
        assert!(parse_args(host, &v(&["--mode", "aws"])).unwrap_err().contains("unknown option '--mode'"));
        let split = Command::find("split").unwrap();
        assert!(parse_args(split, &v(&["x", "--prefix"])).unwrap_err().contains("needs a value"));
        assert!(parse_args(split, &v(&["x", "-p", "1", "-p", "2"])).unwrap_err().contains("more than once"));
        let a = parse_args(split, &v(&["x", "--", "--json"])).unwrap();
        assert_eq!(a.positional, ["x", "--json"]);
        assert!(!a.json);
    }
}
