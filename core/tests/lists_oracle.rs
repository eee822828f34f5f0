//! The list tools against CPython's `ipaddress`: the recorded oracle cases for
//! `collapse_addresses` and `address_exclude` (`tests/data/ipaddress_cases.json`), and random
//! lists run through `tests/python/reference.py` (collapse_addresses, address_exclude over
//! whole lists, summarize_address_range and an all-pairs overlap check).
//!
//! Deliberate difference: CPython refuses a mixed IPv4/IPv6 list (TypeError) and an exclusion
//! outside the network (ValueError); a pasted list is summarized per family, and an exclusion
//! outside the list removes nothing. The recorded error cases are therefore skipped here (the
//! CLI's `exclude <CIDR> <EXCLUDE>…` keeps refusing them, see cli/tests).

mod python_support;

use cidrplan::lists::{exclude, overlaps, parse_list, ranges, summarize, EntryList};
use cidrplan::Cidr;
use python_support::{reference, Rng};
use serde_json::{json, Value};

fn strs(v: &[Cidr]) -> Vec<String> {
    v.iter().map(|c| c.to_string()).collect()
}

fn json_strs(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

#[test]
fn recorded_collapse_and_exclude_cases() {
    let data: Value = serde_json::from_str(include_str!("data/ipaddress_cases.json")).unwrap();
    let mut checked = 0;
    for case in data["cases"].as_array().unwrap() {
        let expected = &case["expected"];
        if expected.get("error").is_some() {
            continue;
        }
        match case["op"].as_str().unwrap() {
            "collapse_addresses" => {
                let text = json_strs(&case["input"]).join("\n");
                assert_eq!(strs(&summarize(&parse_list(&text)).cidrs), json_strs(expected), "{}", case["id"]);
                checked += 1;
            }
            "address_exclude" => {
                let a = parse_list(case["input"]["network"].as_str().unwrap());
                let b = parse_list(case["input"]["exclude"].as_str().unwrap());
                assert_eq!(strs(&exclude(&a, &b)), json_strs(&expected["sorted"]), "{}", case["id"]);
                checked += 1;
            }
            _ => {}
        }
    }
    assert_eq!(checked, 11);
}

/// A random network in a small space (so that lists overlap), IPv6 now and then.
fn random_net(r: &mut Rng) -> String {
    if r.chance(15) {
        let p = r.range(112, 128);
        format!("2001:db8::{:x}/{p}", r.next() & 0xffff & !((1u64 << (128 - p)) - 1))
    } else {
        let p = r.range(16, 32) as u32;
        let v = (10u32 << 24 | (r.next() as u32 & 0x00ff_ffff) & 0x0003_ffff) & !((1u64 << (32 - p)) - 1) as u32;
        format!("{}/{p}", std::net::Ipv4Addr::from(v))
    }
}

fn random_list(r: &mut Rng, n: usize, with_ranges: bool) -> String {
    let mut out = String::new();
    for i in 0..n {
        if with_ranges && r.chance(20) {
            let a = r.next() as u32 & 0x0003_ffff;
            let b = a + (r.next() as u32 % 5000);
            let (a, b) = (std::net::Ipv4Addr::from(10u32 << 24 | a), std::net::Ipv4Addr::from(10u32 << 24 | b));
            out.push_str(&format!("{a} - {b}"));
        } else {
            out.push_str(&random_net(r));
        }
        if r.chance(30) {
            out.push_str(&format!(" label {i}"));
        }
        if r.chance(10) {
            out.push_str(" # a comment");
        }
        out.push('\n');
    }
    out
}

fn entries_json(list: &EntryList) -> Value {
    list.entries
        .iter()
        .map(|e| json!({"first": e.span.first().to_string(), "last": e.span.last().to_string()}))
        .collect()
}

#[test]
fn random_lists_match_cpython() {
    let mut r = Rng::new(2024);
    let mut cases = Vec::new();
    for _ in 0..100 {
        let n = r.range(1, 120) as usize;
        let a = parse_list(&random_list(&mut r, n, true));
        let m = r.range(0, 40) as usize;
        let b = parse_list(&random_list(&mut r, m, true));
        assert!(a.errors.is_empty() && b.errors.is_empty(), "{:?} {:?}", a.errors, b.errors);
        let range_text = random_list(&mut r, 10, true);
        cases.push((a, b, parse_list(&range_text)));
    }
    let request: Vec<Value> = cases
        .iter()
        .map(|(a, b, rl)| {
            json!({
                "a": strs(&a.cidrs()),
                "b": strs(&b.cidrs()),
                "entries": entries_json(a),
                "ranges": rl.entries.iter().map(|e| [e.span.first().to_string(), e.span.last().to_string()]).collect::<Vec<_>>(),
            })
        })
        .collect();
    let Some(answer) = reference(&json!({ "lists": request })) else { return };
    let mut pairs_seen = 0;
    for (k, ((a, b, rl), want)) in cases.iter().zip(answer["lists"].as_array().unwrap()).enumerate() {
        assert_eq!(strs(&summarize(a).cidrs), json_strs(&want["summarize"]), "case {k}: summarize");
        assert_eq!(strs(&exclude(a, b)), json_strs(&want["exclude"]), "case {k}: exclude");
        let got: Vec<Vec<String>> = ranges(rl).iter().map(|x| strs(&x.cidrs)).collect();
        let theirs: Vec<Vec<String>> = want["ranges"].as_array().unwrap().iter().map(json_strs).collect();
        assert_eq!(got, theirs, "case {k}: ranges");
        // Overlaps: the same pairs (by position in the list) with the same relation.
        let index = |e: &cidrplan::lists::Entry| a.entries.iter().position(|x| x == e).unwrap();
        let mut ours: Vec<(usize, usize, &str)> =
            overlaps(a).pairs.iter().map(|p| (index(&p.first), index(&p.second), p.relation.id())).collect();
        ours.sort();
        let theirs: Vec<(usize, usize, &str)> = want["overlaps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_u64().unwrap() as usize, p[1].as_u64().unwrap() as usize, p[2].as_str().unwrap()))
            .collect();
        assert_eq!(ours, theirs, "case {k}: overlaps");
        pairs_seen += theirs.len();
    }
    assert!(pairs_seen > 500, "only {pairs_seen} overlapping pairs: the generator is too sparse");
}
