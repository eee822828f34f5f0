//! `cidrplan vlsm`: lay out a need list in a base network ([`cidrplan::vlsm`]).

use crate::args::VlsmArgs;
use crate::lists::check_lines;
use crate::{bad, note, parse_cidr, parse_mode, source, Failure, Out};
use cidrplan::vlsm::{self, Need, NeedSize, Order, Placement};
use cidrplan::{Addr, Cidr, Count};

pub fn vlsm_cmd(a: &VlsmArgs, json: bool, out: Out) -> Result<(), Failure> {
    let Some(base) = &a.base else {
        return bad(format!("missing <BASE> (usage: {})", crate::args::usage::VLSM));
    };
    let base = parse_cidr(base)?;
    let mode = parse_mode(a.mode.as_deref())?;
    let order = a.order.as_deref().map_or(Ok(Order::Size), |o| o.parse::<Order>().map_err(Failure::Bad))?;
    let csv = match a.format.as_deref().map(|f| f.trim().to_ascii_lowercase()) {
        None => false,
        Some(f) if f == "text" => false,
        Some(f) if f == "csv" && !json => true,
        Some(f) if f == "csv" => return bad("--format csv and --json: choose one"),
        Some(f) => return bad(format!("Unknown format '{f}': use text or csv")),
    };
    let needs = gather(&a.needs, a.from.as_deref(), out)?;
    if needs.is_empty() {
        return bad(format!("missing <NAME=HOSTS> (usage: {})", crate::args::usage::VLSM));
    }
    let not_fit = |nf: Box<cidrplan::vlsm::NotFit>| Failure::Bad(nf.message().to_string());
    let (p, re) = match &a.keep {
        None => (vlsm::place(base, mode, &needs, order).map_err(not_fit)?, None),
        Some(f) => {
            let previous = previous(f)?;
            let re = vlsm::relayout(base, mode, &needs, order, &previous).map_err(not_fit)?;
            (re.placement.clone(), Some(re))
        }
    };
    if let Some(first) = p.skipped().first() {
        let at = if first.line > 0 { format!(" (line {} of the needs file)", first.line) } else { String::new() };
        let more = match p.skipped().len() {
            1 => String::new(),
            n => format!("; {} more needs cannot be placed either", n - 1),
        };
        return bad(format!("{}{at}{more}", first.message));
    }
    if json {
        let mut v = to_json(&p);
        v.relayout = re.as_ref().map(RelayoutJson::new);
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    write!(out, "{}", if csv { p.to_csv() } else { p.to_text() })?;
    if let Some(re) = &re {
        note(out, &re.summary())?;
    }
    Ok(())
}

/// The named subnets of an earlier layout: this command's `--json` output, or a design
/// exported from the app (its noted leaves).
fn previous(source: &str) -> Result<Vec<(String, Cidr)>, Failure> {
    let hint = "--keep takes an earlier 'cidrplan vlsm --json' output or a design exported from the app";
    let (text, name) = source::read_text(source, "layout", hint)?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Failure::Bad(format!("{name} is not JSON ({e}); {hint}")))?;
    if v.get("format").and_then(|f| f.as_str()) == Some("cidrplan-design") {
        let d = cidrplan::design::from_json(&text).map_err(|e| Failure::Bad(format!("{name}: {e}")))?;
        return Ok(vlsm::named_blocks(&d));
    }
    let Some(needs) = v.get("needs").and_then(|n| n.as_array()) else {
        return bad(format!("{name} holds no layout; {hint}"));
    };
    needs
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (Some(need), Some(subnet)) = (n["name"].as_str(), n["subnet"].as_str()) else {
                return bad(format!("{name}: need #{} has no name or subnet", i + 1));
            };
            Ok((need.to_string(), parse_cidr(subnet)?))
        })
        .collect()
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
    /// With --keep: how this layout differs from the earlier one.
    #[serde(skip_serializing_if = "Option::is_none")]
    relayout: Option<RelayoutJson<'a>>,
}

#[derive(serde::Serialize)]
struct MoveJson<'a> {
    name: &'a str,
    from: Cidr,
    to: Cidr,
}

#[derive(serde::Serialize)]
struct RelayoutJson<'a> {
    kept: usize,
    moved: Vec<MoveJson<'a>>,
    added: &'a [String],
    removed: &'a [String],
    repacked: bool,
}

impl<'a> RelayoutJson<'a> {
    fn new(r: &'a vlsm::Relayout) -> RelayoutJson<'a> {
        RelayoutJson {
            kept: r.kept(),
            moved: r.moved.iter().map(|m| MoveJson { name: &m.name, from: m.from, to: m.to }).collect(),
            added: &r.added,
            removed: &r.removed,
            repacked: r.repacked,
        }
    }
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
        relayout: None,
    }
}
