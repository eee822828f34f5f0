//! `cidrplan info`: the report as JSON (the core's field names, plus the range's blocks) and as
//! aligned text in the manner of ipcalc.

use cidrplan::report::Report;
use cidrplan::{Addr, Cidr, Count, Mode, Parsed};
use serde_json::Value;

/// The JSON object: every field of [`Report`] in its order, and for a range also `range`
/// (first, last, addresses) and `cidrs` (the blocks that cover it exactly).
#[derive(serde::Serialize)]
pub struct Json<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<RangeJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cidrs: Option<&'a [Cidr]>,
}

#[derive(serde::Serialize)]
struct RangeJson {
    first: Addr,
    last: Addr,
    addresses: Count,
}

impl<'a> Json<'a> {
    pub fn new(report: &'a Report, parsed: &'a Parsed) -> Json<'a> {
        match parsed {
            Parsed::Range(r) => Json {
                report,
                range: Some(RangeJson {
                    first: r.first,
                    last: r.last,
                    addresses: range_size(r.first.value(), r.last.value()),
                }),
                cidrs: Some(&r.cidrs),
            },
            Parsed::Network(_) => Json { report, range: None, cidrs: None },
        }
    }
}

fn range_size(first: u128, last: u128) -> Count {
    Count::new(last - first).saturating_add(Count::new(1))
}

/// Lines of `Label:  value`, the values in one column.
struct Table {
    rows: Vec<(String, String)>,
}

impl Table {
    fn row(&mut self, label: impl Into<String>, value: impl Into<String>) {
        self.rows.push((label.into(), value.into()));
    }

    /// More lines under the previous label.
    fn more(&mut self, value: impl Into<String>) {
        self.rows.push((String::new(), value.into()));
    }

    fn render(&self) -> String {
        let width = self.rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0) + 2;
        let mut out = String::new();
        for (label, value) in &self.rows {
            let head = if label.is_empty() { String::new() } else { format!("{label}:") };
            let line = format!("{head:width$}{value}");
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// A JSON scalar or array of scalars as text (for special-purpose entries, whose exact shape
/// belongs to the core).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// "Private-Use: 10.0.0.0/8 (RFC 1918), not globally reachable".
fn describe_special(v: &Value) -> String {
    let mut s = text(&v["name"]).unwrap_or_else(|| "Special-purpose block".into());
    if let Some(block) = text(&v["block"]) {
        s.push_str(&format!(": {block}"));
    }
    if let Some(rfc) = text(&v["rfc"]) {
        s.push_str(&format!(" ({rfc})"));
    }
    match v["globally_reachable"] {
        Value::Bool(true) => s.push_str(", globally reachable"),
        Value::Bool(false) => s.push_str(", not globally reachable"),
        _ => {}
    }
    s
}

/// At most this many special-purpose blocks inside a network are listed (a /0 holds dozens);
/// `--json` has them all.
const MAX_CONTAINED: usize = 8;

/// Binary digits grouped with separators, cut after the separator that follows the 64th digit.
fn split_binary(bits: &str) -> (String, Option<String>) {
    let mut digits = 0;
    for (i, c) in bits.char_indices() {
        if c == '0' || c == '1' {
            digits += 1;
        } else if digits == 64 && i + 1 < bits.len() {
            return (bits[..=i].to_string(), Some(bits[i + 1..].to_string()));
        }
    }
    (bits.to_string(), None)
}

/// The human report.
pub fn to_text(r: &Report, parsed: &Parsed) -> String {
    // Special-purpose entries are read through their JSON form: their exact shape is the core's.
    let json = serde_json::to_value(r).unwrap_or(Value::Null);
    let v4 = r.version == 4;
    let mut t = Table { rows: Vec::new() };

    t.row("Input", format!("{} — {}", r.input, r.understood_as));
    if let Parsed::Range(range) = parsed {
        let n = range_size(range.first.value(), range.last.value());
        t.row("Range", format!("{} – {} ({} addresses)", range.first, range.last, n.grouped()));
        let mut blocks = range.cidrs.iter();
        if let Some(first) = blocks.next() {
            t.row("CIDR blocks", first.to_string());
            for b in blocks {
                t.more(b.to_string());
            }
        }
        t.row("Covering", format!("{} (the smallest network holding the range; below)", r.network));
    }
    if let Some(a) = r.address {
        t.row("Address", a.to_string());
        if let Some(pos) = &r.address_position {
            let prefix = format!("{a} is ");
            t.row("Position", pos.strip_prefix(&prefix).unwrap_or(pos).to_string());
        }
    }
    if let Some(z) = &r.zone {
        t.row("Zone", z.clone());
    }
    t.row("Network", r.network.to_string());
    if v4 {
        t.row("Netmask", format!("{} = /{} ({})", r.netmask, r.prefix, r.netmask_hex));
        t.row("Wildcard", r.hostmask.to_string());
    } else {
        t.row("Netmask", format!("{} = /{}", r.netmask, r.prefix));
    }
    if let Some(b) = r.broadcast {
        if r.prefix >= 31 {
            t.row("Broadcast", "none (a /31 or /32 has no broadcast address, RFC 3021)");
        } else {
            t.row("Broadcast", b.to_string());
        }
    }
    t.row("First address", r.first.to_string());
    t.row("Last address", r.last.to_string());
    match (r.first_usable, r.last_usable) {
        (Some(f), Some(l)) => {
            t.row("First usable", format!("{f} (HostMin)"));
            t.row("Last usable", format!("{l} (HostMax)"));
        }
        _ => t.row("Usable range", "none: every address is reserved"),
    }
    t.row("Addresses", r.addresses.grouped());
    let reserved = r.reserved.len();
    let why = match (r.mode, reserved) {
        (_, 0) => "none reserved".to_string(),
        (Mode::Standard, _) if v4 => "network and broadcast reserved".to_string(),
        (_, n) => format!("{n} reserved"),
    };
    t.row("Usable hosts", format!("{} ({} mode, {why})", r.usable.grouped(), r.mode.label()));
    if let Some(p) = &r.mode_problem {
        t.row("Warning", p.clone());
    }
    if let Some(c) = r.class {
        t.row("Class", c.to_string());
    }
    let (reverse, why) = r.reverse_dns_shown();
    t.row("Reverse DNS", why.map_or(reverse.clone(), |w| format!("{reverse} ({w})")));
    if let Some(x) = &r.exploded {
        t.row("Exploded", x.clone());
    }
    if let (Some(c64), Some(c48)) = (r.count_64, r.count_48) {
        t.row("/64 networks", c64.grouped());
        t.row("/48 networks", c48.grouped());
    }
    // An IPv6 address in binary is 128 digits: two lines of 64.
    let (hi, lo) = split_binary(&r.binary);
    t.row("Binary", hi);
    if let Some(lo) = lo {
        t.more(lo);
    }
    let specials: Vec<String> =
        json["special"].as_array().map(|l| l.iter().map(describe_special).collect()).unwrap_or_default();
    if specials.is_empty() {
        let scope = match r.label.as_str() {
            "Public" if r.globally_reachable => "Public, globally reachable".to_string(),
            _ => r.label.clone(),
        };
        t.row("Scope", scope);
    }
    for (i, s) in specials.into_iter().enumerate() {
        if i == 0 {
            t.row("Special", s);
        } else {
            t.more(s);
        }
    }
    if let Some(list) = json["contains_special"].as_array() {
        for (i, v) in list.iter().take(MAX_CONTAINED).enumerate() {
            if i == 0 {
                t.row("Contains", describe_special(v));
            } else {
                t.more(describe_special(v));
            }
        }
        if list.len() > MAX_CONTAINED {
            t.more(format!("… and {} more special-purpose blocks (--json lists them all)", list.len() - MAX_CONTAINED));
        }
    }
    for (i, n) in r.notes.iter().enumerate() {
        if i == 0 {
            t.row("Notes", n.clone());
        } else {
            t.more(n.clone());
        }
    }
    // Reserved addresses with their roles, under a cloud mode (in Standard they are evident:
    // the network and broadcast addresses above).
    if r.mode != Mode::Standard && !r.reserved.is_empty() {
        let w = r.reserved.iter().map(|x| x.address.to_string().len()).max().unwrap_or(0);
        let mut rows = r.reserved.iter().map(|x| format!("{:w$}  {}", x.address.to_string(), x.role));
        if let Some(first) = rows.next() {
            t.row(format!("Reserved ({})", r.mode.label()), first);
            rows.for_each(|x| t.more(x));
        }
    }
    t.render()
}
