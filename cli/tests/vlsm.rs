//! `cidrplan vlsm`: needs as arguments or from a file, every mode and order, JSON and CSV,
//! and the one-line errors (a bad need, a need no subnet holds, a list that does not fit).

mod support;

use support::*;

#[test]
fn the_issue_example_in_standard_and_aws() {
    let out = ok(&["vlsm", "192.168.0.0/24", "Sales=120", "Ops=50", "Link=2"]);
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows[0].starts_with("Name   Need       Subnet"), "{out}");
    assert!(rows[1].starts_with("Sales  120 hosts  192.168.0.0/25"), "{out}");
    assert!(rows[1].ends_with("126      6"), "{out}");
    assert!(rows[3].starts_with("Link   2 hosts    192.168.0.192/31"), "{out}");
    assert!(out.contains("3 needs in 192.168.0.0/24 (Standard, largest first): 194 of 256 addresses used, 62 free"));
    // AWS: 2 hosts need a /28 (11 usable), 120 hosts a /25 (123 usable).
    let v = json_with(&["vlsm", "10.0.0.0/24", "Sales=120", "Ops=50", "Link=2", "--mode", "aws", "--json"], None);
    assert_eq!(v["mode"], "aws");
    let link = &v["needs"][2];
    assert_eq!(
        (link["name"].as_str(), link["subnet"].as_str(), link["usable"].as_str()),
        (Some("Link"), Some("10.0.0.192/28"), Some("11"))
    );
    assert_eq!(v["needs"][0]["spare"], "3");
    assert_eq!(v["needs"][0]["first_usable"], "10.0.0.4");
    assert_eq!(strings(&v["free"]), ["10.0.0.208/28", "10.0.0.224/27"]);
}

#[test]
fn needs_from_a_file_or_stdin_in_the_order_listed() {
    let needs = "# office\nLink /30\nSales, 120 hosts\nOps: 50\n";
    let file = temp_file("vlsm-file", "needs.txt", needs);
    let from_file = ok(&["vlsm", "10.0.0.0/24", "--from", &file, "--order", "listed"]);
    assert_eq!(from_file, ok_with(&["vlsm", "10.0.0.0/24", "--from", "-", "--order", "listed"], Some(needs)));
    // As listed: the /30 first at .0, then the /25 at .128, the /26 fills the gap at .64.
    assert!(from_file.contains("Link   /30        10.0.0.0/30"), "{from_file}");
    assert!(from_file.contains("Sales  120 hosts  10.0.0.128/25"), "{from_file}");
    assert!(from_file.contains("Ops    50 hosts   10.0.0.64/26"), "{from_file}");
    let csv = ok(&["vlsm", "10.0.0.0/24", "--from", &file, "--format", "csv"]);
    assert!(csv.starts_with("name,hosts,prefix,subnet,first,last,first_usable,last_usable,usable,spare\r\n"), "{csv}");
    assert!(csv.contains("\r\nSales,120,25,10.0.0.0/25,"), "{csv}");
}

#[test]
fn errors_are_one_line() {
    let e = fails(&["vlsm", "10.0.0.0/24", "Sales=200", "Ops=100", "Dev=50"]);
    assert!(
        e.contains("192 short")
            && e.contains("use a /23 base such as 10.0.0.0/23")
            && e.contains("shrink Sales to /25"),
        "{e}"
    );
    let e = fails(&["vlsm", "10.0.0.0/16", "Big=70000", "--mode", "aws"]);
    assert!(e.contains("Big: No AWS subnet holds 70,000 hosts"), "{e}");
    assert!(fails(&["vlsm", "10.0.0.0/24", "Sales"]).contains("'Sales' has no size"));
    assert!(fails(&["vlsm", "10.0.0.0/24", "a=1", "a=2"]).contains("given twice"));
    assert!(fails(&["vlsm", "10.0.0.0/24"]).contains("missing <NAME=HOSTS>"));
    assert!(fails(&["vlsm"]).contains("missing <BASE>"));
    assert!(fails(&["vlsm", "10.0.0.0/24", "a=1", "--order", "random"]).contains("Unknown order 'random'"));
    assert!(fails(&["vlsm", "10.0.0.0/24", "a=1", "--mode", "ibm"]).contains("Unknown mode 'ibm'"));
    let e = fails_with(&["vlsm", "10.0.0.0/24", "--from", "-"], Some("a 10\nb\nc\n"));
    assert!(e.starts_with("cidrplan: stdin, line 2: 'b' has no size") && e.ends_with("(1 more bad lines)"), "{e}");
    let r = run(&["vlsm", "10.0.0.0/30", "a=100", "--json"], None);
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["error"].as_str().unwrap().contains("short"), "{v}");
}

#[test]
fn help_has_usage_and_examples() {
    for args in [&["vlsm", "--help"][..], &["help", "vlsm"]] {
        let out = ok(args);
        assert!(out.contains("Usage: cidrplan vlsm <BASE>"), "{out}");
        assert!(out.contains("  cidrplan vlsm 192.168.0.0/24 Sales=120 Ops=50 Link=2"), "{out}");
        assert!(out.contains("[possible values: standard, aws, azure, gcp, oci]"), "{out}");
    }
}

#[test]
fn keep_an_earlier_layout_in_place() {
    let first = ok(&["vlsm", "10.0.0.0/24", "a=100", "b=50", "c=20", "--json"]);
    let file = temp_file("vlsm-keep", "layout.json", &first);
    // a is gone and d is new: b and c stay; d takes a's old place.
    let r = run(&["vlsm", "10.0.0.0/24", "b=50", "c=20", "d=60", "--keep", &file], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("b     50 hosts  10.0.0.128/26"), "{}", r.stdout);
    assert!(r.stdout.contains("c     20 hosts  10.0.0.192/27"), "{}", r.stdout);
    assert!(r.stdout.contains("d     60 hosts  10.0.0.0/26"), "{}", r.stdout);
    assert_eq!(r.stderr, "cidrplan: note: 2 kept in place; new: d; removed: a\n");
    // Without --keep, largest first would move b to .0.
    assert!(ok(&["vlsm", "10.0.0.0/24", "b=50", "c=20", "d=60"]).contains("b     50 hosts  10.0.0.0/26"));
    let v = json_with(&["vlsm", "10.0.0.0/24", "b=100", "c=20", "--keep", &file, "--json"], None);
    assert_eq!(v["relayout"]["kept"], 1);
    assert_eq!(v["relayout"]["moved"][0]["name"], "b");
    assert_eq!(v["relayout"]["moved"][0]["from"], "10.0.0.128/26");
    // A design exported from the app works as the earlier layout too.
    let base = cidrplan::parse("10.0.0.0/24").unwrap().network();
    let needs = cidrplan::vlsm::parse_needs("a 100\nb 50").needs;
    let design = cidrplan::vlsm::place(base, cidrplan::Mode::Standard, &needs, cidrplan::vlsm::Order::Size).unwrap();
    let json = cidrplan::design::to_json(&design.to_design().unwrap());
    let design_file = temp_file("vlsm-keep", "design.json", &json);
    let r = run(&["vlsm", "10.0.0.0/24", "b=50", "z=100", "--keep", &design_file], None);
    assert!(r.stdout.lines().any(|l| l.starts_with("b ") && l.contains(" 10.0.0.128/26 ")), "{}", r.stdout);
    assert!(fails(&["vlsm", "10.0.0.0/24", "a=1", "--keep", "/no/such.json"]).contains("no such file"));
    let bad = temp_file("vlsm-keep", "bad.json", "{\"x\": 1}");
    assert!(fails(&["vlsm", "10.0.0.0/24", "a=1", "--keep", &bad]).contains("holds no layout"));
}
