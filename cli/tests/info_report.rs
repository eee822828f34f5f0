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
