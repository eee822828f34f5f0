//! `cidrplan vlsm`: lay out a need list in a base network ([`cidrplan::vlsm`]).

use crate::args::VlsmArgs;
use crate::lists::check_lines;
use crate::{arity, bad, parse_cidr, parse_mode, source, Failure, Out};
use cidrplan::vlsm::{self, Need, NeedSize, Order, Placement};
use cidrplan::{Addr, Cidr, Count};

pub fn vlsm_cmd(a: &VlsmArgs, json: bool, out: Out) -> Result<(), Failure> {
    let w = &a.words;
    arity("vlsm", w, &["<BASE>"], true)?;
    let base = parse_cidr(&w[0])?;
    let mode = parse_mode(a.mode.as_deref())?;
    let order = a.order.as_deref().map_or(Ok(Order::Size), |o| o.parse::<Order>().map_err(Failure::Bad))?;
    let csv = match a.format.as_deref().map(|f| f.trim().to_ascii_lowercase()) {
        None => false,
        Some(f) if f == "text" => false,
        Some(f) if f == "csv" && !json => true,
        Some(f) if f == "csv" => return bad("--format csv and --json: choose one"),
        Some(f) => return bad(format!("Unknown format '{f}': use text or csv")),
    };
    let needs = gather(&w[1..], a.from.as_deref(), out)?;
    if needs.is_empty() {
        return bad(format!("missing <NAME=HOSTS> (usage: {})", crate::args::usage::VLSM));
    }
    let p = vlsm::place(base, mode, &needs, order).map_err(|nf| Failure::Bad(nf.message().to_string()))?;
    if let Some(first) = p.skipped().first() {
        let at = if first.line > 0 { format!(" (line {} of the needs file)", first.line) } else { String::new() };
        let more = match p.skipped().len() {
            1 => String::new(),
            n => format!("; {} more needs cannot be placed either", n - 1),
        };
        return bad(format!("{}{at}{more}", first.message));
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &to_json(&p))?;
        writeln!(out)?;
    } else if csv {
        write!(out, "{}", p.to_csv())?;
    } else {
        write!(out, "{}", p.to_text())?;
    }
    Ok(())
}

/// The needs given as `NAME=HOSTS` words (line 0: they have no line), then those of the file.
fn gather(words: &[String], from: Option<&str>, out: Out) -> Result<Vec<Need>, Failure> {
    let mut needs: Vec<Need> = Vec::new();
    for w in words {
        let (name, size) = vlsm::parse_need(w).map_err(Failure::Bad)?;
        needs.push(Need { name, size, line: 0 });
    }
    if let Some(f) = from {
        let (text, name) = source::read_text(f, "needs list", "--from takes a file of needs, or - for stdin")?;
        let list = vlsm::parse_needs(&text);
        check_lines(&list.errors, &name, None, out)?;
        needs.extend(list.needs);
    }
    for (i, n) in needs.iter().enumerate() {
        if needs[..i].iter().any(|m| m.name == n.name) {
            return bad(format!("the need '{}' is given twice; names must be unique", n.name));
        }
    }
    Ok(needs)
}

/// One need in the JSON output (counts as decimal strings, like the other commands).
#[derive(serde::Serialize)]
struct NeedJson<'a> {
    name: &'a str,
    hosts: Option<String>,
    prefix_asked: Option<u8>,
    subnet: Cidr,
    prefix: u8,
    first: Addr,
    last: Addr,
    first_usable: Option<Addr>,
    last_usable: Option<Addr>,
    usable: Count,
    spare: Option<Count>,
}

#[derive(serde::Serialize)]
struct PlacementJson<'a> {
    base: Cidr,
    mode: &'a str,
    order: &'a str,
    addresses: Count,
    used: Count,
    free_addresses: Count,
    needs: Vec<NeedJson<'a>>,
    free: Vec<Cidr>,
}

fn to_json(p: &Placement) -> PlacementJson<'_> {
    let needs = p
        .items()
        .iter()
        .map(|i| {
            let (hosts, prefix_asked) = match i.size {
                NeedSize::Hosts(h) => (Some(h.to_string()), None),
                NeedSize::Prefix(q) => (None, Some(q)),
            };
            let usable = p.mode().usable_range(i.net);
            NeedJson {
                name: &i.name,
                hosts,
                prefix_asked,
                subnet: i.net,
                prefix: i.net.prefix(),
                first: i.net.network(),
                last: i.net.last(),
                first_usable: usable.map(|u| u.0),
                last_usable: usable.map(|u| u.1),
                usable: i.usable,
                spare: i.spare(),
            }
        })
        .collect();
    let used = p.used();
    PlacementJson {
        base: p.base(),
        mode: p.mode().id(),
        order: p.order().id(),
        addresses: p.base().size(),
        used,
        free_addresses: p.base().size().saturating_sub(used.as_u128().unwrap_or(u128::MAX)),
        needs,
        free: p.free(),
    }
}
