//! The `ip_address flags` and `ip_network flags` cases of `data/ipaddress_cases.json` (expected
//! outputs of CPython 3.13.0's `ipaddress`; the file was copied from the team's
//! `shared/oracle/`, see `data/README.md`).
//!
//! 1. The Python-compatible helpers (`special::py_flags`, `special::py_net_flags`) must give
//!    exactly CPython 3.13.0's value for every field of every case. None is excused.
//! 2. The registry view (`special::is_global`, the `multicast` rows) is compared with the same
//!    cases; where the registry deliberately disagrees with CPython, the case is listed in
//!    `REGISTRY_GLOBAL_DELIBERATE` with its reason, and the test asserts our value there. A
//!    listed case that stops differing fails too, so the list cannot go stale.
//!
//! Inputs are parsed here with `std::net` (and a split on '/'), independent of the project's
//! own parser.

use std::net::IpAddr;

use cidrplan::special::{self, PyFlags};
use cidrplan::{Addr, Cidr};
use serde_json::Value;

const DATA: &str = include_str!("data/ipaddress_cases.json");

/// Case ids where `special::is_global` deliberately differs from CPython 3.13.0's `is_global`:
/// (id, our value, reason).
const REGISTRY_GLOBAL_DELIBERATE: &[(&str, bool, &str)] = &[
    (
        "flags-192.88.99.1",
        false,
        "192.88.99.0/24 (6to4 relay anycast) was terminated in 2015 (RFC 7526); IANA leaves its \
         Globally Reachable column empty, and we never call a block the registry does not vouch for \
         globally reachable; CPython simply omits the block from its lists",
    ),
    (
        "flags-224.0.0.1",
        false,
        "224.0.0.0/24 Local Network Control Block is never forwarded by routers (RFC 5771 §4); \
         CPython calls every multicast address global because none is in its private list",
    ),
    (
        "flags-239.255.255.255",
        false,
        "239.0.0.0/8 is administratively scoped multicast, confined to an organisation (RFC 2365)",
    ),
    (
        "flags-::ffff:8.8.8.8",
        false,
        "the registry row ::ffff:0:0/96 (IPv4-mapped) is not globally reachable: such addresses never \
         appear on the wire; CPython instead answers for the embedded IPv4 address",
    ),
    (
        "flags-fec0::1",
        false,
        "fec0::/10 (site-local, deprecated by RFC 3879) is 'Reserved by IETF' in the IANA IPv6 address \
         space; only 2000::/3 counts as global when no special row matches",
    ),
    ("flags-ff02::1", false, "ff02::/16 is link-local scope multicast (RFC 4291 §2.7), not forwarded off the link"),
    (
        "flags-4000::1",
        false,
        "4000::/3 is 'Reserved by IETF' in the IANA IPv6 address space, outside 2000::/3 global unicast",
    ),
    (
        "netflags-224.0.0.0/4",
        false,
        "multicast reachability depends on scope; the 224.0.0.0/4 row's Globally Reachable is N/A, \
         which we do not treat as reachable",
    ),
    (
        "netflags-::/0",
        false,
        "::/0 is not contained in any row and is not inside 2000::/3, so it is not global unicast",
    ),
    ("netflags-ff00::/8", false, "as for 224.0.0.0/4: the ff00::/8 row's Globally Reachable is N/A (depends on scope)"),
];

/// One flags case: the parsed input and CPython's expected object.
struct Case {
    id: String,
    input: Input,
    expected: serde_json::Map<String, Value>,
}

#[derive(Clone, Copy)]
enum Input {
    Address(Addr),
    Network(Cidr),
}

impl Input {
    fn cidr(self) -> Cidr {
        match self {
            Input::Address(a) => Cidr::host(a),
            Input::Network(n) => n,
        }
    }
}

fn parse_input(op: &str, s: &str) -> Result<Input, String> {
    match op {
        "ip_address flags" => {
            let ip: IpAddr = s.parse().map_err(|e| format!("{s}: {e}"))?;
            Ok(Input::Address(Addr::from(ip)))
        }
        "ip_network flags" => {
            let (a, p) = s.split_once('/').ok_or_else(|| format!("{s}: no '/'"))?;
            let ip: IpAddr = a.parse().map_err(|e| format!("{s}: {e}"))?;
            let prefix: u8 = p.parse().map_err(|e| format!("{s}: {e}"))?;
            // ip_network() is strict by default: host bits set would be a ValueError.
            Cidr::exact(Addr::from(ip), prefix).map(Input::Network).ok_or_else(|| format!("{s}: not a network"))
        }
        _ => Err(format!("unexpected op {op}")),
    }
}

fn flag_cases() -> Vec<Case> {
    let doc: Value = serde_json::from_str(DATA).expect("ipaddress_cases.json is valid JSON");
    let cases = doc["cases"].as_array().expect("cases is an array");
    cases
        .iter()
        .filter(|c| matches!(c["op"].as_str(), Some("ip_address flags") | Some("ip_network flags")))
        .map(|c| {
            let id = c["id"].as_str().expect("case id").to_string();
            let op = c["op"].as_str().unwrap_or_default();
            let input = parse_input(op, c["input"].as_str().expect("case input"))
                .unwrap_or_else(|e| panic!("{id}: cannot parse input: {e}"));
            let expected = c["expected"].as_object().unwrap_or_else(|| panic!("{id}: expected is an object")).clone();
            Case { id, input, expected }
        })
        .collect()
}

fn py_fields(f: &PyFlags) -> Vec<(&'static str, Option<bool>)> {
    vec![
        ("is_private", Some(f.is_private)),
        ("is_global", Some(f.is_global)),
        ("is_reserved", Some(f.is_reserved)),
        ("is_multicast", Some(f.is_multicast)),
        ("is_loopback", Some(f.is_loopback)),
        ("is_link_local", Some(f.is_link_local)),
        ("is_unspecified", Some(f.is_unspecified)),
        ("is_site_local", f.is_site_local),
    ]
}

#[test]
fn there_are_62_flag_cases() {
    let cases = flag_cases();
    assert_eq!(cases.len(), 62);
    assert_eq!(cases.iter().filter(|c| matches!(c.input, Input::Address(_))).count(), 49);
    assert_eq!(cases.iter().filter(|c| matches!(c.input, Input::Network(_))).count(), 13);
}

#[test]
fn python_compat_flags_match_cpython_3_13() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in flag_cases() {
        let ours = match case.input {
            Input::Address(a) => special::py_flags(a),
            Input::Network(n) => special::py_net_flags(n),
        };
        let fields = py_fields(&ours);
        // Every field CPython reported must be one we compute, and vice versa.
        for key in case.expected.keys() {
            if !fields.iter().any(|(k, v)| k == key && v.is_some()) {
                failures.push(format!("{}: CPython field {key} not computed", case.id));
            }
        }
        for (key, value) in fields {
            let expected = case.expected.get(key).and_then(Value::as_bool);
            if value != expected {
                failures.push(format!("{}: {key}: ours {value:?}, CPython {expected:?}", case.id));
            }
            compared += usize::from(expected.is_some());
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    // 62 cases × 7 fields, plus is_site_local on the 27 IPv6 cases.
    assert_eq!(compared, 62 * 7 + 27);
}

#[test]
fn registry_is_global_against_cpython() {
    let cases = flag_cases();
    let mut failures = Vec::new();
    for case in &cases {
        let ours = special::is_global(case.input.cidr());
        let python = case.expected.get("is_global").and_then(Value::as_bool).expect("is_global present");
        match REGISTRY_GLOBAL_DELIBERATE.iter().find(|(id, _, _)| *id == case.id) {
            Some((_, want, reason)) => {
                assert!(!reason.is_empty());
                if ours != *want || ours == python {
                    failures.push(format!(
                        "{}: listed as a deliberate difference (ours {want}, CPython {python}) but ours is {ours}",
                        case.id
                    ));
                }
            }
            None => {
                if ours != python {
                    failures.push(format!("{}: is_global ours {ours}, CPython {python}", case.id));
                }
            }
        }
    }
    for (id, _, _) in REGISTRY_GLOBAL_DELIBERATE {
        if !cases.iter().any(|c| c.id == *id) {
            failures.push(format!("{id}: listed but not a flags case"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The registry's multicast rows cover exactly what CPython calls multicast, for every case.
#[test]
fn registry_multicast_matches_cpython() {
    for case in flag_cases() {
        let ours = special::classify(case.input.cidr()).iter().any(|s| s.multicast);
        let python = case.expected.get("is_multicast").and_then(Value::as_bool);
        assert_eq!(Some(ours), python, "{}", case.id);
    }
}

/// Every case gets a label, and the ones CPython calls private never get "Public".
#[test]
fn labels_of_private_cases_are_never_public() {
    for case in flag_cases() {
        let label = special::label(case.input.cidr());
        assert!(!label.is_empty(), "{}", case.id);
        if case.expected.get("is_private").and_then(Value::as_bool) == Some(true) {
            assert_ne!(label, "Public", "{}", case.id);
        }
    }
}
