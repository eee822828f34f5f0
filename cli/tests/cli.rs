//! End-to-end tests: run the `cidrplan` binary and check its output and exit status.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_cidrplan")).args(args).output().expect("run cidrplan");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Runs that must succeed: stdout, with nothing on stderr.
fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    assert_eq!(r.stderr, "", "{args:?} wrote to stderr");
    r.stdout
}

fn lines(args: &[&str]) -> Vec<String> {
    ok(args).lines().map(str::to_string).collect()
}

fn json(args: &[&str]) -> Value {
    let out = ok(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().expect("array").iter().map(|x| x.as_str().expect("string").to_string()).collect()
}

/// Bad input or usage: exit status 2, nothing on stdout, exactly one line on stderr.
fn fails(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 2, "{args:?} should fail with 2; stdout: {}", r.stdout);
    assert_eq!(r.stdout, "", "{args:?} wrote to stdout");
    assert!(r.stderr.starts_with("cidrplan: "), "{args:?}: {}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{args:?}: not one line: {}", r.stderr);
    assert!(r.stderr.ends_with('\n'));
    r.stderr.trim_end().to_string()
}

// ---- help, version, usage ----

#[test]
fn help_lists_commands_and_examples() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let out = ok(args);
        assert!(out.contains("Examples"), "{out}");
        for c in ["info", "split", "subnet", "host", "subnets", "summarize", "exclude", "range"] {
            assert!(out.contains(&format!("\n  {c} ")), "{c} missing from help");
        }
        assert!(out.contains("cidrplan split 10.0.0.0/8 --prefix 32 --limit 3"));
    }
}

#[test]
fn every_command_has_help_with_examples() {
    for c in ["info", "split", "subnet", "host", "subnets", "summarize", "exclude", "range"] {
        for args in [vec![c, "--help"], vec!["help", c], vec![c, "10.0.0.0/8", "-h"]] {
            let out = ok(&args);
            assert!(out.contains("Examples:"), "{args:?}");
            assert!(out.contains(&format!("Usage: cidrplan {c}")), "{args:?}");
            assert!(out.contains(&format!("  cidrplan {c} ")), "{args:?} shows no example of itself");
        }
    }
}

#[test]
fn version() {
    assert_eq!(ok(&["--version"]).trim(), format!("cidrplan {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn no_arguments_shows_usage_on_stderr() {
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("Usage: cidrplan <COMMAND>"));
}

#[test]
fn usage_errors_are_one_line_with_status_2() {
    assert!(fails(&["frob"]).contains("unknown command 'frob'"));
    assert!(fails(&["help", "frob"]).contains("unknown command 'frob'"));
    assert!(fails(&["--frob"]).contains("unknown option '--frob'"));
    assert!(fails(&["info", "10.0.0.0/8", "--frob"]).contains("unknown option '--frob'"));
    assert!(fails(&["host", "10.0.0.0/8", "1", "--mode", "aws"]).contains("unknown option '--mode'"));
    assert!(fails(&["info"]).contains("missing <INPUT>"));
    assert!(fails(&["info", "10.0.0.0/8", "--mode"]).contains("--mode needs a value"));
    assert!(fails(&["info", "10.0.0.0/8", "--mode", "ibm"]).contains("Unknown mode 'ibm'"));
    assert!(fails(&["subnet", "10.0.0.0/16", "4"]).contains("missing <NETNUM>"));
    assert!(fails(&["subnet", "10.0.0.0/16", "4", "1", "9"]).contains("unexpected argument '9'"));
    assert!(fails(&["split", "10.0.0.0/8"]).contains("--prefix N or --count N"));
    assert!(fails(&["split", "10.0.0.0/8", "--prefix", "9", "--count", "2"]).contains("not both"));
    assert!(fails(&["split", "10.0.0.0/8", "-p", "9", "-p", "10"]).contains("more than once"));
}

// ---- errors on bad input ----

#[test]
fn bad_input_is_one_specific_line() {
    assert_eq!(fails(&["info", "10.0.0.256/16"]), "cidrplan: Octet 256 is larger than 255 in '10.0.0.256/16'");
    let e = fails(&["info", "010.0.0.1"]);
    assert!(e.contains("Leading zeros") && e.contains("did you mean 10.0.0.1?"), "{e}");
    let e = fails(&["info", "10.0.0.9", "-", "10.0.0.1"]);
    assert!(e.contains("ends before it starts") && e.contains("did you mean 10.0.0.1 - 10.0.0.9?"), "{e}");
    assert!(fails(&["info", "1.2.3"]).contains("Expected 4 octets"));
    assert!(fails(&["info", "10.0.0.0/33"]).contains("out of range"));
    assert!(fails(&["split", "10.0.0.0/8", "--prefix", "4"]).contains("larger than the network"));
    assert!(fails(&["split", "10.0.0.0/8", "--prefix", "x"]).contains("--prefix must be"));
    // The core's prefix reader, the same as the web fields': one slash at most.
    assert!(fails(&["split", "10.0.0.0/8", "--prefix", "//9"]).contains("did you mean /9?"));
    assert_eq!(run(&["split", "10.0.0.0/8", "--prefix", "/9"]).stdout, "10.0.0.0/9\n10.128.0.0/9\n");
    assert!(fails(&["split", "10.0.0.0/30", "--count", "5"]).contains("5 parts"));
    assert!(fails(&["split", "10.0.0.0/8", "--prefix", "9", "--limit", "-1"]).contains("--limit must be"));
    assert!(fails(&["subnet", "10.0.0.0/16", "4", "16"]).contains("doesn't fit in 4 new bits"));
    assert!(fails(&["subnet", "10.0.0.0/16", "x", "1"]).contains("NEWBITS must be"));
    assert!(fails(&["host", "10.0.0.0/24", "256"]).contains("out of range"));
    assert!(fails(&["host", "10.0.0.0/24", "-257"]).contains("out of range"));
    assert!(fails(&["subnets", "10.0.0.0/16", "4", "4", "40"]).contains("more than 32 bits"));
    assert!(fails(&["subnets", "10.0.0.0/16"]).contains("missing <NEWBITS>"));
    assert!(fails(&["exclude", "10.0.0.0/24", "10.0.1.0/24"]).contains("not inside"));
    assert!(fails(&["exclude", "10.0.0.0/24", "::/0"]).contains("same IP version"));
    assert!(fails(&["summarize", "10.0.0.0/24", "bogus"]).contains("'bogus'"));
    assert!(fails(&["range", "10.0.0.9", "10.0.0.1"]).contains("ends before it starts"));
    assert!(fails(&["range", "10.0.0.1", "::1"]).contains("same IP version"));
    assert!(fails(&["range", "10.0.0.1/24", "10.0.0.9"]).contains("'/'"));
    assert!(fails(&["split", "10.0.0.0-10.0.0.5", "--prefix", "30"]).contains("range of 2 CIDR blocks"));
    // A negative prefix is a bad prefix, not a range with an address missing.
    assert_eq!(
        fails(&["info", "192.168.1.1/-1"]),
        "cidrplan: Prefix -1 is not valid: use a whole number from 0 to 32 in '192.168.1.1/-1'"
    );
    assert!(fails(&["subnet", "10.0.0.0/-8", "4", "1"]).contains("Prefix -8 is not valid"));
    // A newline inside an argument must not break the one-line rule.
    fails(&["info", "10.0.0.1\n/99"]);
}

#[test]
fn json_errors_are_an_object_on_stdout() {
    for args in [
        &["info", "10.0.0.256/16", "--json"][..],
        &["--json", "info", "10.0.0.256/16"],
        &["split", "10.0.0.0/8", "--json"],
        &["host", "10.0.0.0/24", "256", "--json"],
        &["frob", "--json"],
        &["range", "10.0.0.9", "10.0.0.1", "--json"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stderr, "", "{args:?}");
        let v: Value = serde_json::from_str(&r.stdout).expect("JSON error object");
        let obj = v.as_object().unwrap();
        assert_eq!(obj.len(), 1, "{args:?}: {v}");
        assert!(!v["error"].as_str().unwrap().is_empty());
    }
    let v: Value = serde_json::from_str(&run(&["info", "10.0.0.256/16", "--json"]).stdout).unwrap();
    assert_eq!(v["error"], "Octet 256 is larger than 255 in '10.0.0.256/16'");
}

// ---- info ----

#[test]
fn info_human_aws() {
    let out = ok(&["info", "10.0.0.5/16", "--mode", "aws"]);
    let row = |label: &str| -> String {
        let line =
            out.lines().find(|l| l.starts_with(&format!("{label}:"))).unwrap_or_else(|| panic!("no {label}: {out}"));
        line[label.len() + 1..].trim().to_string()
    };
    assert_eq!(row("Address"), "10.0.0.5");
    assert_eq!(row("Network"), "10.0.0.0/16");
    assert_eq!(row("Netmask"), "255.255.0.0 = /16 (0xffff0000)");
    assert_eq!(row("Wildcard"), "0.0.255.255");
    assert_eq!(row("Broadcast"), "10.0.255.255");
    assert_eq!(row("First usable"), "10.0.0.4 (HostMin)");
    assert_eq!(row("Last usable"), "10.0.255.254 (HostMax)");
    assert_eq!(row("Addresses"), "65,536");
    assert!(row("Usable hosts").starts_with("65,531 (AWS"));
    assert_eq!(row("Class"), "A");
    assert_eq!(row("Reverse DNS"), "0.10.in-addr.arpa");
    assert_eq!(row("Binary"), "00001010.00000000|00000000.00000000");
    assert!(row("Special").contains("RFC 1918"));
    assert!(row("Reserved (AWS)").contains("Network address"));
    for role in ["VPC router", "Amazon DNS", "10.0.255.255"] {
        assert!(out.contains(role), "{role}");
    }
    // Values sit in one column.
    let col = |l: &str| {
        let (label, rest) = l.split_once(':').unwrap();
        label.len() + 1 + rest.len() - rest.trim_start().len()
    };
    let cols: Vec<_> = out.lines().filter(|l| !l.starts_with(' ')).map(col).collect();
    assert!(cols.windows(2).all(|w| w[0] == w[1]), "{out}");
}

#[test]
fn info_human_standard_and_warning() {
    let out = ok(&["info", "192.168.1.0", "255.255.255.0"]);
    assert!(out.contains("192.168.1.0/24"));
    assert!(out.contains("254 (Standard"));
    assert!(!out.contains("Reserved ("), "standard mode lists no reserved table");
    let out = ok(&["info", "10.0.0.0/29", "--mode", "aws"]);
    assert!(out.lines().any(|l| l.starts_with("Warning:") && l.contains("/28")), "{out}");
    let out = ok(&["info", "8.8.8.8"]);
    assert!(out.contains("Public"), "{out}");
}

#[test]
fn info_human_ipv6() {
    let out = ok(&["info", "2001:db8::/48"]);
    assert!(out.contains("2001:0db8:0000:0000:0000:0000:0000:0000"));
    assert!(out.lines().any(|l| l.starts_with("/64 networks:") && l.ends_with("65,536")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("/48 networks:") && l.ends_with(" 1")), "{out}");
    assert!(out.contains("3849"), "{out}");
    assert!(!out.contains("Broadcast"));
    assert!(!out.contains("Class"));
    let out = ok(&["info", "2002:c000:204::/48"]);
    assert!(out.contains("192.0.2.4"), "6to4 note: {out}");
}

#[test]
fn info_json_ipv6() {
    let v = json(&["info", "2001:db8::/48", "--json"]);
    assert_eq!(v["input"], "2001:db8::/48");
    assert_eq!(v["version"], 6);
    assert_eq!(v["network"], "2001:db8::/48");
    assert_eq!(v["network_address"], "2001:db8::");
    assert_eq!(v["prefix"], 48);
    assert_eq!(v["netmask"], "ffff:ffff:ffff::");
    assert_eq!(v["broadcast"], Value::Null);
    assert_eq!(v["class"], Value::Null);
    assert_eq!(v["first"], "2001:db8::");
    assert_eq!(v["last"], "2001:db8:0:ffff:ffff:ffff:ffff:ffff");
    assert_eq!(v["addresses"], "1208925819614629174706176");
    assert!(v["usable"].is_string());
    assert_eq!(v["reverse_dns"], "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    let special = v["special"].as_array().unwrap();
    assert!(special.iter().any(|s| s["block"] == "2001:db8::/32" && s.to_string().contains("3849")), "{v}");
    for s in special {
        for f in ["block", "name", "rfc", "globally_reachable"] {
            assert!(s.get(f).is_some(), "special entry without {f}");
        }
    }
    assert!(v["reserved"].is_array());
    assert_eq!(v["address"], Value::Null);
    assert!(v.get("cidrs").is_none());
}

#[test]
fn info_json_ipv4_with_host_bits_and_mode() {
    let v = json(&["info", "10.0.0.5/16", "--mode", "aws", "--json"]);
    assert_eq!(v["version"], 4);
    assert_eq!(v["address"], "10.0.0.5");
    assert_eq!(v["network"], "10.0.0.0/16");
    assert_eq!(v["netmask"], "255.255.0.0");
    assert_eq!(v["hostmask"], "0.0.255.255");
    assert_eq!(v["broadcast"], "10.0.255.255");
    assert_eq!(v["first_usable"], "10.0.0.4");
    assert_eq!(v["last_usable"], "10.0.255.254");
    assert_eq!(v["addresses"], "65536");
    assert_eq!(v["usable"], "65531");
    assert_eq!(v["class"], "A");
    assert_eq!(v["mode"], "aws");
    let reserved = v["reserved"].as_array().unwrap();
    assert_eq!(reserved.len(), 5);
    assert_eq!(reserved[1]["address"], "10.0.0.1");
    assert_eq!(reserved[1]["role"], "VPC router");
    assert!(v["special"].to_string().contains("1918"));
}

#[test]
fn info_json_range_has_cidrs() {
    let v = json(&["info", "10.0.0.0", "-", "10.0.3.255", "--json"]);
    assert_eq!(strings(&v["cidrs"]), ["10.0.0.0/22"]);
    assert_eq!(v["network"], "10.0.0.0/22");
    let v = json(&["info", "10.0.0.10-10.0.0.20", "--json"]);
    assert_eq!(strings(&v["cidrs"]), ["10.0.0.10/31", "10.0.0.12/30", "10.0.0.16/30", "10.0.0.20/32"]);
    assert_eq!(v["range"]["first"], "10.0.0.10");
    assert_eq!(v["range"]["last"], "10.0.0.20");
    assert_eq!(v["range"]["addresses"], "11");
    let out = ok(&["info", "10.0.0.10", "-", "10.0.0.20"]);
    assert!(out.contains("10.0.0.12/30") && out.contains("11 addresses"), "{out}");
}

#[test]
fn info_accepts_every_written_form() {
    for args in [
        &["info", "10.0.0.0/16", "--json"][..],
        &["info", "10.0.0.0", "255.255.0.0", "--json"],
        &["info", "10.0.0.0/255.255.0.0", "--json"],
        &["info", "10.0.0.0/0.0.255.255", "--json"],
        &["info", "--json", "--", "10.0.0.0/16"],
    ] {
        assert_eq!(json(args)["network"], "10.0.0.0/16", "{args:?}");
    }
    assert_eq!(json(&["info", "fe80::1%eth0", "--json"])["zone"], "eth0");
}

// ---- split ----

#[test]
fn split_huge_is_lazy_and_reports_the_total() {
    let start = Instant::now();
    let r = run(&["split", "10.0.0.0/8", "--prefix", "32", "--limit", "3"]);
    assert!(start.elapsed() < Duration::from_secs(5), "split took {:?}", start.elapsed());
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "10.0.0.0/32\n10.0.0.1/32\n10.0.0.2/32\n");
    assert!(r.stderr.contains("16,777,216"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1);

    let v = json(&["split", "10.0.0.0/8", "--prefix", "32", "--limit", "3", "--json"]);
    assert_eq!(v["total"], "16777216");
    assert_eq!(v["prefix"], 32);
    assert_eq!(v["truncated"], true);
    assert_eq!(v["limit"], 3);
    assert_eq!(strings(&v["subnets"]), ["10.0.0.0/32", "10.0.0.1/32", "10.0.0.2/32"]);

    // The whole IPv6 space in /128s: 2^128 of them.
    let v = json(&["split", "::/0", "--prefix", "128", "--limit", "2", "--json"]);
    assert_eq!(v["total"], "340282366920938463463374607431768211456");
    assert_eq!(strings(&v["subnets"]), ["::/128", "::1/128"]);
    // The default limit.
    let r = run(&["split", "10.0.0.0/8", "--prefix", "24"]);
    assert_eq!(r.stdout.lines().count(), 256);
    assert!(r.stderr.contains("65,536"));
}

#[test]
fn split_small_lists_everything() {
    assert_eq!(
        lines(&["split", "10.0.0.0/16", "--prefix", "18"]),
        ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"]
    );
    assert_eq!(lines(&["split", "10.0.0.0/16", "-p", "/17"]), ["10.0.0.0/17", "10.0.128.0/17"]);
    assert_eq!(lines(&["split", "2001:db8::/32", "--prefix=33"]), ["2001:db8::/33", "2001:db8:8000::/33"]);
    let v = json(&["split", "10.0.0.0/16", "--prefix", "18", "--json"]);
    assert_eq!(v["network"], "10.0.0.0/16");
    assert_eq!(v["total"], "4");
    assert_eq!(v["truncated"], false);
    assert_eq!(v["rounded_up"], false);
    assert_eq!(v["count_requested"], Value::Null);
    assert_eq!(strings(&v["subnets"]).len(), 4);
    // --limit 0: no limit.
    assert_eq!(lines(&["split", "10.0.0.0/22", "--prefix", "32", "--limit", "0"]).len(), 1024);
}

#[test]
fn split_count_says_when_rounded_up() {
    let r = run(&["split", "10.0.0.0/24", "--count", "5"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), 8);
    assert!(r.stdout.starts_with("10.0.0.0/27\n10.0.0.32/27\n"));
    assert!(r.stderr.contains("5 is not a power of two") && r.stderr.contains("8"), "{}", r.stderr);
    let v = json(&["split", "10.0.0.0/24", "--count", "5", "--json"]);
    assert_eq!(v["count_requested"], "5");
    assert_eq!(v["rounded_up"], true);
    assert_eq!(v["total"], "8");
    assert_eq!(v["prefix"], 27);
    // A power of two: no note.
    assert_eq!(lines(&["split", "10.0.0.0/24", "--count", "4"]).len(), 4);
}

// ---- Terraform-style functions ----

#[test]
fn subnet_host_subnets() {
    assert_eq!(ok(&["subnet", "10.1.0.0/16", "4", "2"]), "10.1.32.0/20\n");
    assert_eq!(ok(&["subnet", "2001:db8::/32", "16", "255"]), "2001:db8:ff::/48\n");
    assert_eq!(json(&["subnet", "10.1.0.0/16", "4", "2", "--json"]), "10.1.32.0/20");

    assert_eq!(ok(&["host", "10.0.0.0/8", "-2"]), "10.255.255.254\n");
    assert_eq!(ok(&["host", "10.0.0.0/8", "5"]), "10.0.0.5\n");
    assert_eq!(ok(&["host", "2001:db8::/64", "-1"]), "2001:db8::ffff:ffff:ffff:ffff\n");
    assert_eq!(json(&["host", "10.0.0.0/8", "-2", "--json"]), "10.255.255.254");

    assert_eq!(
        lines(&["subnets", "10.1.0.0/16", "4", "4", "8", "4"]),
        ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]
    );
    let v = json(&["subnets", "10.1.0.0/16", "4", "4", "8", "4", "--json"]);
    assert_eq!(strings(&v), ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]);
}

#[test]
fn ipv4_mapped_prefixes_come_out_as_ipv4_like_terraform() {
    // Terraform: cidrsubnet("::ffff:192.168.0.0/112", 8, 6) = "192.168.6.0/24".
    assert_eq!(ok(&["subnet", "::ffff:192.168.0.0/112", "8", "6"]), "192.168.6.0/24\n");
    assert_eq!(json(&["subnet", "::ffff:c0a8:0/112", "8", "6", "--json"]), "192.168.6.0/24");
    assert_eq!(ok(&["host", "::ffff:192.168.0.0/112", "5"]), "192.168.0.5\n");
    assert_eq!(ok(&["host", "::ffff:192.168.0.0/112", "-1"]), "192.168.255.255\n");
    assert_eq!(lines(&["subnets", "::ffff:192.168.0.0/112", "8", "8"]), ["192.168.0.0/24", "192.168.1.0/24"]);
    // Outside ::ffff:0:0/96 IPv6 stays IPv6; the whole mapped block is IPv4's /0, as in Terraform.
    assert_eq!(ok(&["subnet", "::/64", "32", "1"]), "::1:0:0/96\n");
    assert_eq!(ok(&["subnet", "::/64", "32", "65535"]), "0.0.0.0/0\n");
}

// ---- summarize, exclude, range ----

#[test]
fn summarize() {
    assert_eq!(lines(&["summarize", "10.0.0.0/24", "10.0.1.0/24"]), ["10.0.0.0/23"]);
    assert_eq!(lines(&["summarize", "192.168.0.1", "192.168.0.0", "192.168.0.2/31"]), ["192.168.0.0/30"]);
    assert_eq!(
        lines(&["summarize", "2001:db8::/33", "10.0.0.0/24", "2001:db8:8000::/33"]),
        ["10.0.0.0/24", "2001:db8::/32"]
    );
    assert_eq!(lines(&["summarize", "10.0.0.1-10.0.0.6", "10.0.0.0", "10.0.0.7"]), ["10.0.0.0/29"]);
    let v = json(&["summarize", "10.0.0.0/24", "10.0.1.0/24", "10.0.3.0/24", "--json"]);
    assert_eq!(strings(&v), ["10.0.0.0/23", "10.0.3.0/24"]);
}

#[test]
fn exclude() {
    assert_eq!(lines(&["exclude", "10.0.0.0/24", "10.0.0.0/26"]), ["10.0.0.64/26", "10.0.0.128/25"]);
    assert_eq!(lines(&["exclude", "10.0.0.0/24", "10.0.0.0/26", "10.0.0.128/26"]), ["10.0.0.64/26", "10.0.0.192/26"]);
    let v = json(&["exclude", "10.0.0.0/24", "10.0.0.0/26", "--json"]);
    assert_eq!(strings(&v), ["10.0.0.64/26", "10.0.0.128/25"]);
    // Nothing left: empty list (a note on stderr in human output).
    assert_eq!(strings(&json(&["exclude", "10.0.0.0/24", "10.0.0.0/8", "--json"])), Vec::<String>::new());
    let r = run(&["exclude", "10.0.0.0/24", "10.0.0.0/24"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert!(r.stderr.contains("nothing is left"));
}

#[test]
fn range() {
    let want = ["10.0.0.10/31", "10.0.0.12/30", "10.0.0.16/30", "10.0.0.20/32"];
    assert_eq!(lines(&["range", "10.0.0.10", "10.0.0.20"]), want);
    assert_eq!(lines(&["range", "10.0.0.10", "-", "10.0.0.20"]), want);
    assert_eq!(lines(&["range", "10.0.0.10-10.0.0.20"]), want);
    assert_eq!(strings(&json(&["range", "10.0.0.10", "10.0.0.20", "--json"])), want);
    assert_eq!(lines(&["range", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]), ["::/0"]);
}

// ---- pipes ----

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cidrplan"))
        .args(["split", "::/0", "--prefix", "128", "--limit", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert_eq!(first, "::/128\n");
    // The reader is dropped here: the next writes fail with a broken pipe.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
