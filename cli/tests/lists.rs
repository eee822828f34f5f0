//! The list commands over a pasted list (`--from FILE`, `-` for stdin): summarize with the
//! supernet, exclude a list from a list, overlaps, ranges; CSV and JSON; bad lines; and the
//! generated completions and man page.

mod support;

use support::*;

const FIFTY: &str = "# fifty networks, two overlaps\n";

/// 50 networks with labels: 48 disjoint /24s, plus one /16 over two of them and one duplicate.
fn fifty() -> String {
    let mut t = FIFTY.to_string();
    for i in 0..48 {
        t.push_str(&format!("10.{i}.0.0/24 net-{i}\n"));
    }
    t.push_str("172.16.0.0/16 campus\n172.16.5.0/24 lab\n");
    t.replace("10.7.0.0/24 net-7\n", "10.7.0.0/24 net-7\n10.7.0.0/24 net-7-again\n").replacen(
        "10.47.0.0/24 net-47\n",
        "",
        1,
    )
}

#[test]
fn overlaps_names_both_pairs_in_fifty_networks() {
    let list = fifty();
    assert_eq!(list.lines().filter(|l| !l.starts_with('#')).count(), 50);
    let out = lines(&["overlaps", "-"], Some(&list));
    assert_eq!(
        out,
        [
            "10.7.0.0/24 (net-7) on line 9 duplicates 10.7.0.0/24 (net-7-again) on line 10",
            "172.16.0.0/16 (campus) on line 50 contains 172.16.5.0/24 (lab) on line 51",
            "2 overlapping pairs among 50 entries",
        ]
    );
    let v = json_with(&["overlaps", "-", "--json"], Some(&list));
    assert_eq!(v["total"], 2);
    assert_eq!(v["pairs"][1]["relation"], "first-contains-second");
    assert_eq!(v["pairs"][1]["second"]["label"], "lab");
    let csv = ok_with(&["overlaps", "--from", "-", "--format", "csv"], Some(&list));
    assert!(csv.contains("\r\nduplicate,9,10.7.0.0/24,net-7,10,10.7.0.0/24,net-7-again\r\n"), "{csv}");
    // Arguments work too, and no overlap is a count of 0.
    assert_eq!(lines(&["overlaps", "10.0.0.0/25", "10.0.0.128/25"], None), ["No overlaps among 2 entries"]);
}

#[test]
fn summarize_a_list_with_its_supernet() {
    let list = "10.0.0.0/24 a\n10.0.1.0/24, 10.0.3.0/24 # c\n";
    assert_eq!(lines(&["summarize", "-"], Some(list)), ["10.0.0.0/23", "10.0.3.0/24"]);
    let file = temp_file("summarize", "routes.txt", list);
    assert_eq!(
        lines(&["summarize", "--from", &file, "--supernet"], None),
        [
            "10.0.0.0/23",
            "10.0.3.0/24",
            "# Smallest single supernet: 10.0.0.0/22 (1,024 addresses: 768 listed, 256 more than the list)"
        ]
    );
    let v = json_with(&["summarize", "--from", &file, "--supernet", "--json"], None);
    assert_eq!(v["supernets"][0]["extra"], "256");
    // Without --supernet the JSON stays an array, as before.
    assert_eq!(strings(&json_with(&["summarize", "--from", &file, "--json"], None)), ["10.0.0.0/23", "10.0.3.0/24"]);
    let csv = ok(&["summarize", "--from", &file, "--format", "csv"]);
    assert!(csv.ends_with("supernet,10.0.0.0/22,10.0.0.0,10.0.3.255,1024,256\r\n"), "{csv}");
}

#[test]
fn bad_lines_stop_or_are_skipped() {
    let list = "10.0.0.0/24\n10.0.0.256/24\nweb\n10.0.1.0/24\n";
    let e = fails_with(&["summarize", "-"], Some(list));
    assert!(e.starts_with("cidrplan: stdin, line 2: Octet 256 is larger than 255"), "{e}");
    assert!(e.ends_with("(1 more bad lines; --skip-bad leaves them out)"), "{e}");
    let r = run(&["summarize", "-", "--skip-bad"], Some(list));
    assert_eq!((r.code, r.stdout.as_str()), (0, "10.0.0.0/23\n"));
    assert_eq!(r.stderr.lines().count(), 2);
    assert!(r.stderr.contains("cidrplan: note: stdin, line 3: 'web' is not an address, network or range (left out)"));
    assert!(fails(&["overlaps", "--from", "/no/such/list"]).contains("no such file '/no/such/list'"));
    assert!(fails(&["overlaps"]).contains("missing <CIDR|ADDR|RANGE>"));
    assert!(fails(&["summarize", "10.0.0.0/8", "--format", "xml"]).contains("Unknown format 'xml'"));
    let r = run(&["summarize", "10.0.0.0/8", "--format", "csv", "--json"], None);
    assert_eq!((r.code, r.stdout.as_str()), (2, "{\"error\":\"--format csv and --json: choose one\"}\n"));
}

#[test]
fn exclude_a_list_from_a_list() {
    let vpcs = temp_file("exclude", "vpcs.txt", "10.0.0.0/16 prod\n10.1.0.0/16 dev\n");
    let used = temp_file("exclude", "used.txt", "10.0.0.0/17\n10.1.128.0/17\n192.168.0.0/16 # elsewhere\n");
    assert_eq!(lines(&["exclude", "--from", &vpcs, "--minus", &used], None), ["10.0.128.0/17", "10.1.0.0/17"]);
    assert_eq!(lines(&["exclude", "--from", &vpcs, "10.0.0.0/16", "10.1.0.0/17"], None), ["10.1.128.0/17"]);
    let r = run(&["exclude", "--from", &vpcs, "10.0.0.0/8"], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert!(r.stderr.contains("nothing is left"));
    // The one-network form keeps refusing a hole outside it.
    assert!(fails(&["exclude", "10.0.0.0/24", "10.0.1.0/24"]).contains("not inside"));
    let csv = ok(&["exclude", "10.0.0.0/24", "10.0.0.0/25", "--format", "csv"]);
    assert_eq!(csv, "cidr,first,last,addresses\r\n10.0.0.128/25,10.0.0.128,10.0.0.255,128\r\n");
}

#[test]
fn ranges_of_a_list() {
    let pools = "10.0.0.10 - 10.0.0.20 pool a\n10.0.1.0-10.0.1.255\n";
    assert_eq!(
        lines(&["range", "-"], Some(pools)),
        [
            "# 10.0.0.10 – 10.0.0.20 (pool a)",
            "10.0.0.10/31",
            "10.0.0.12/30",
            "10.0.0.16/30",
            "10.0.0.20/32",
            "# 10.0.1.0/24",
            "10.0.1.0/24"
        ]
    );
    let v = json_with(&["range", "--from", "-", "--json"], Some(pools));
    assert_eq!(v[0]["label"], "pool a");
    assert_eq!(strings(&v[0]["cidrs"]).len(), 4);
    let csv = ok_with(&["range", "-", "--format", "csv"], Some(pools));
    assert!(csv.starts_with("line,first,last,label,cidr\r\n1,10.0.0.10,10.0.0.20,pool a,10.0.0.10/31\r\n"), "{csv}");
}

#[test]
fn completions_and_man_page_come_from_the_definition() {
    let bash = ok(&["completions", "bash"]);
    let zsh = ok(&["completions", "zsh"]);
    let fish = ok(&["completions", "fish"]);
    for (shell, script) in [("bash", &bash), ("zsh", &zsh), ("fish", &fish)] {
        for word in ["vlsm", "overlaps", "summarize", "supernet", "skip-bad"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    // Mode values are offered.
    assert!(bash.contains("standard aws azure gcp oci"), "bash completions do not offer the modes");
    assert!(zsh.starts_with("#compdef cidrplan"));
    let man = ok(&["man"]);
    assert!(man.contains(".TH cidrplan 1"), "{}", &man[..200]);
    assert!(man.contains("a subnet/CIDR calculator for IPv4 and IPv6"));
    for c in ["vlsm", "overlaps", "plan", "completions"] {
        assert!(man.contains(&format!("cidrplan\\-{c}")), "man page lacks {c}");
    }
    assert!(fails(&["completions", "tcsh"]).contains("Unknown shell 'tcsh'"));
    assert!(fails(&["completions"]).contains("missing <SHELL>"));
}
