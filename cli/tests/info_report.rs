//! `cidrplan info --json` carries the report's newer fields: the typed address's own integer
//! and hex beside the network's, a hint when a bare address reads like a mask, and the zone id
//! in the description.

use serde_json::Value;
use std::process::Command;

fn info_json(input: &str) -> Value {
    let out =
        Command::new(env!("CARGO_BIN_EXE_cidrplan")).args(["info", input, "--json"]).output().expect("run cidrplan");
    assert!(out.status.success(), "{input}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn address_numbers_beside_the_network_numbers() {
    let v = info_json("10.0.0.5/24");
    assert_eq!((v["integer"].as_str(), v["hex"].as_str()), (Some("167772160"), Some("0x0a000000")));
    assert_eq!((v["address_integer"].as_str(), v["address_hex"].as_str()), (Some("167772165"), Some("0x0a000005")));
    let v = info_json("10.0.0.0/24");
    assert_eq!((&v["address_integer"], &v["address_hex"]), (&Value::Null, &Value::Null));
}

#[test]
fn a_bare_mask_gets_a_hint_and_a_zone_is_described() {
    assert!(info_json("255.255.255.0")["mask_hint"].as_str().unwrap().contains("netmask: it is /24"));
    assert_eq!(info_json("10.0.0.1")["mask_hint"], Value::Null);
    assert!(info_json("fe80::1%eth0")["understood_as"].as_str().unwrap().contains("zone eth0"));
}

fn info_text(input: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cidrplan")).args(["info", input]).output().expect("run cidrplan");
    assert!(out.status.success(), "{input}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn reverse_line(input: &str) -> String {
    let out = info_text(input);
    let line = out.lines().find(|l| l.starts_with("Reverse DNS:")).unwrap_or_else(|| panic!("{out}"));
    line["Reverse DNS:".len()..].trim().to_string()
}

#[test]
fn reverse_dns_off_a_boundary_is_said_so() {
    // A /26 is not its /24's zone: RFC 2317 name, and the zone it is delegated from.
    let v = info_json("193.92.150.3/26");
    assert_eq!(v["reverse_dns"], "150.92.193.in-addr.arpa");
    assert_eq!(v["reverse_dns_zone"], "150.92.193.in-addr.arpa");
    assert_eq!(v["reverse_dns_classless"], "0-63.150.92.193.in-addr.arpa");
    assert_eq!(v["reverse_dns_zones"], Value::Null);
    assert_eq!(
        reverse_line("193.92.150.3/26"),
        "0-63.150.92.193.in-addr.arpa (RFC 2317 classless name, delegated from 150.92.193.in-addr.arpa)"
    );
    // A /12 spans 16 /16 zones.
    let v = info_json("172.16.0.0/12");
    assert_eq!(v["reverse_dns_zone"], "172.in-addr.arpa");
    assert_eq!(v["reverse_dns_zones"]["count"], 16);
    assert_eq!(v["reverse_dns_zones"]["first"], "16.172.in-addr.arpa");
    assert_eq!(v["reverse_dns_zones"]["last"], "31.172.in-addr.arpa");
    assert_eq!(v["reverse_dns_classless"], Value::Null);
    assert!(reverse_line("172.16.0.0/12").starts_with("16 zones: 16.172.in-addr.arpa … 31.172.in-addr.arpa ("));
    // IPv6 by nibble: a /62 is four /64 zones.
    let v = info_json("2001:db8:0:4::/62");
    assert_eq!(v["reverse_dns_zones"]["count"], 4);
    assert_eq!(v["reverse_dns_zones"]["first"], "4.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    // On a boundary nothing changes; a single address gives its PTR name and its zone.
    assert_eq!(reverse_line("10.1.2.0/24"), "2.1.10.in-addr.arpa");
    let v = info_json("192.0.2.5");
    assert_eq!(v["reverse_dns"], "5.2.0.192.in-addr.arpa");
    assert_eq!(v["reverse_dns_zone"], "2.0.192.in-addr.arpa");
}
