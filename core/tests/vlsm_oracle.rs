//! VLSM placement against a reference written with CPython's `ipaddress`
//! (`tests/python/reference.py`), for random need lists in every mode, both orders, IPv4 and
//! IPv6: the same needs left out, the same fit or no fit, and the same subnet for every need.

mod python_support;

use cidrplan::vlsm::{place, Need, NeedSize, Order};
use cidrplan::{parse, Cidr, Family, Mode};
use python_support::{reference, Rng};
use serde_json::{json, Value};

struct Case {
    seed: u64,
    base: Cidr,
    mode: Mode,
    order: Order,
    needs: Vec<Need>,
}

fn random_case(seed: u64, mode: Mode, order: Order) -> Case {
    let mut r = Rng::new(seed);
    let v6 = r.chance(20);
    let (family, lo, hi) = if v6 {
        // Cloud IPv6 subnets are /64s: a /56–/62 base holds a few of them.
        if mode == Mode::Standard {
            (Family::V6, 100, 124)
        } else {
            (Family::V6, 56, 62)
        }
    } else {
        (Family::V4, 12, 29)
    };
    let prefix = r.range(lo, hi) as u8;
    let value: u128 =
        if v6 { 0x2001_0db8u128 << 96 | (r.next() as u128) << 32 } else { r.next() as u128 & 0xffff_ffff };
    let base = Cidr::containing(cidrplan::Addr::new(family, value).unwrap(), prefix).unwrap();
    let host_bits = base.host_bits() as u32;
    let count = r.range(1, 40) as usize;
    let needs = (0..count)
        .map(|i| {
            let size = if r.chance(15) {
                // Sometimes a prefix, sometimes one the mode refuses.
                NeedSize::Prefix((prefix as u64 + r.range(0, 8)).min(family.width() as u64) as u8)
            } else {
                // Up to the whole base and sometimes beyond (does not fit, or no such subnet).
                let max = 1u128 << (host_bits.min(100) + 1).min(127);
                NeedSize::Hosts(r.log_uniform(max / 3 + 1))
            };
            Need { name: format!("n{i}"), size, line: i + 1 }
        })
        .collect();
    Case { seed, base, mode, order, needs }
}

fn request(c: &Case) -> Value {
    let needs: Vec<Value> = c
        .needs
        .iter()
        .map(|n| match n.size {
            // A decimal string: IPv6 host counts pass 2^64.
            NeedSize::Hosts(h) => json!({"name": n.name, "hosts": h.to_string()}),
            NeedSize::Prefix(p) => json!({"name": n.name, "prefix": p}),
        })
        .collect();
    json!({"base": c.base.to_string(), "mode": c.mode.id(), "order": c.order.id(), "needs": needs})
}

fn check(c: &Case, want: &Value) -> Result<(), String> {
    let ctx = format!("seed {} ({} {} {} with {} needs)", c.seed, c.base, c.mode, c.order, c.needs.len());
    let want_skipped: Vec<&str> = want["skipped"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    match place(c.base, c.mode, &c.needs, c.order) {
        Ok(p) => {
            if want["fits"] != true {
                return Err(format!("{ctx}: we placed it, the reference says it does not fit"));
            }
            let skipped: Vec<String> =
                p.skipped().iter().map(|e| e.message.split(':').next().unwrap().to_string()).collect();
            if skipped != want_skipped {
                return Err(format!("{ctx}: left out {skipped:?}, the reference {want_skipped:?}"));
            }
            for item in p.items() {
                let theirs = want["placed"][&item.name].as_str().unwrap_or("(none)");
                if item.net.to_string() != theirs {
                    return Err(format!("{ctx}: {} at {}, the reference at {theirs}", item.name, item.net));
                }
            }
            let n = want["placed"].as_object().unwrap().len();
            if n != p.items().len() {
                return Err(format!("{ctx}: {} placed, the reference {n}", p.items().len()));
            }
        }
        Err(nf) => {
            if want["fits"] != false {
                return Err(format!("{ctx}: we say it does not fit ({}), the reference placed it", nf.message()));
            }
        }
    }
    Ok(())
}

#[test]
fn placement_matches_cpython_in_every_mode_and_order() {
    let mut cases = Vec::new();
    for (m, mode) in Mode::ALL.into_iter().enumerate() {
        for (o, order) in Order::ALL.into_iter().enumerate() {
            for k in 0..60u64 {
                cases.push(random_case(1 + k * 97 + m as u64 * 7919 + o as u64 * 104_729, mode, order));
            }
        }
    }
    // A sanity check on the generator: both outcomes and IPv6 occur.
    let Some(answer) = reference(&json!({"vlsm": cases.iter().map(request).collect::<Vec<_>>()})) else { return };
    let answers = answer["vlsm"].as_array().unwrap();
    assert_eq!(answers.len(), cases.len());
    let fits = answers.iter().filter(|a| a["fits"] == true).count();
    assert!(fits > cases.len() / 5 && fits < cases.len() * 4 / 5, "{fits} of {} fit: widen the generator", cases.len());
    assert!(cases.iter().any(|c| c.base.family() == Family::V6));
    let failures: Vec<String> = cases.iter().zip(answers).filter_map(|(c, a)| check(c, a).err()).collect();
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn the_issue_example_matches_cpython() {
    let needs = cidrplan::vlsm::parse_needs("Sales, 120\nOps 50\nLink 2").needs;
    let base = parse("10.0.0.0/24").unwrap().network();
    for mode in Mode::ALL {
        let c = Case { seed: 0, base, mode, order: Order::Size, needs: needs.clone() };
        let Some(answer) = reference(&json!({"vlsm": [request(&c)]})) else { return };
        check(&c, &answer["vlsm"][0]).unwrap();
    }
}
