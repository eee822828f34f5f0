//! The design as a JSON file (export and import): one subnet per line, group labels after
//! them. The reader validates every field and the whole partition.

use super::{err, grouped, note_problem, Color, Design, DesignError, Label, Leaf, MAX_JSON_BYTES, MAX_LEAVES};
use crate::{Family, Mode};

/// Identifies a JSON file as a cidrplan design export.
const JSON_FORMAT: &str = "cidrplan-design";
/// The newest version [`from_json`] reads. [`to_json`] writes version 2 only for a design
/// with group labels (the `labels` array, which version 1 readers would silently drop), so
/// every design without them keeps its exact version-1 file.
const JSON_VERSION: u32 = 2;

#[derive(serde::Deserialize)]
struct DesignJson {
    format: Option<String>,
    version: Option<u32>,
    base: String,
    #[serde(default)]
    mode: Option<String>,
    subnets: Vec<SubnetJson>,
    #[serde(default)]
    labels: Vec<LabelJson>,
}

#[derive(serde::Deserialize)]
struct LabelJson {
    node: String,
    note: String,
}

#[derive(serde::Deserialize)]
struct SubnetJson {
    subnet: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    color: Option<String>,
}

/// JSON string literal (quotes and escapes) for `s`.
fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The design as JSON: one subnet per line, `note` and `color` only where set, then the group
/// labels (`{"node": …, "note": …}`) when there are any. Re-imported by [`from_json`].
pub fn to_json(d: &Design) -> String {
    let mut out = String::with_capacity(128 + d.len() * 48 + d.labels.len() * 48);
    let version = if d.labels.is_empty() { 1 } else { 2 };
    out.push_str(&format!(
        "{{\n  \"format\": \"{JSON_FORMAT}\",\n  \"version\": {version},\n  \"base\": \"{}\",\n  \"mode\": \"{}\",\n  \"subnets\": [\n",
        d.base,
        d.mode.id()
    ));
    for (i, leaf) in d.leaves.iter().enumerate() {
        out.push_str(&format!("    {{\"subnet\": \"{}\"", leaf.net));
        if leaf.has_note() {
            out.push_str(&format!(", \"note\": {}", json_str(&leaf.note)));
        }
        if let Some(c) = leaf.color {
            out.push_str(&format!(", \"color\": \"{}\"", c.id()));
        }
        out.push('}');
        out.push_str(if i + 1 < d.leaves.len() { ",\n" } else { "\n" });
    }
    if d.labels.is_empty() {
        out.push_str("  ]\n}\n");
        return out;
    }
    out.push_str("  ],\n  \"labels\": [\n");
    for (i, l) in d.labels.iter().enumerate() {
        out.push_str(&format!("    {{\"node\": \"{}\", \"note\": {}}}", l.node, json_str(&l.note)));
        out.push_str(if i + 1 < d.labels.len() { ",\n" } else { "\n" });
    }
    out.push_str("  ]\n}\n");
    out
}

/// A design from JSON written by [`to_json`] (or by hand in the same shape). Validates every
/// field and the whole partition; fails with a message naming the first problem.
pub fn from_json(text: &str) -> Result<Design, DesignError> {
    if text.len() > MAX_JSON_BYTES {
        return err(format!(
            "The file is too large ({} bytes); a design export is at most {} bytes",
            grouped(text.len() as u128),
            grouped(MAX_JSON_BYTES as u128)
        ));
    }
    let raw: DesignJson =
        serde_json::from_str(text).map_err(|e| DesignError(format!("This is not a cidrplan design file: {e}")))?;
    if let Some(f) = raw.format.as_deref() {
        if f != JSON_FORMAT {
            return err(format!("This file holds '{f}', not a cidrplan design"));
        }
    }
    match raw.version {
        Some(v) if v > JSON_VERSION => {
            return err(format!(
                "This design was saved by a newer cidrplan (version {v}); this one reads version {JSON_VERSION}"
            ))
        }
        Some(0) => return err("Unknown design file version 0"),
        _ => {}
    }
    let base = parse_strict_cidr(&raw.base).map_err(|m| DesignError(format!("Base network: {m}")))?;
    let mode = match raw.mode.as_deref() {
        None => Mode::Standard,
        Some(m) => m.parse::<Mode>().map_err(DesignError)?,
    };
    if raw.subnets.len() > MAX_LEAVES {
        return err(format!(
            "The design has {} subnets; the designer holds at most {}",
            grouped(raw.subnets.len() as u128),
            grouped(MAX_LEAVES as u128)
        ));
    }
    let mut leaves = Vec::with_capacity(raw.subnets.len());
    for (i, s) in raw.subnets.into_iter().enumerate() {
        leaves.push(leaf_from_json(i, s, base.family())?);
    }
    let design = Design::from_leaves(base, mode, leaves)?;
    if raw.labels.len() >= MAX_LEAVES {
        return err(format!("The design has {} labels, more than it has groups", grouped(raw.labels.len() as u128)));
    }
    let mut labels = Vec::with_capacity(raw.labels.len());
    for (i, l) in raw.labels.into_iter().enumerate() {
        let at = |m: String| DesignError(format!("Label #{}: {m}", i + 1));
        let node = parse_strict_cidr(&l.node).map_err(at)?;
        if let Some(p) = note_problem(node, &l.note) {
            return Err(at(p));
        }
        labels.push(Label { node, note: l.note });
    }
    design.with_labels(labels)
}

fn leaf_from_json(i: usize, s: SubnetJson, family: Family) -> Result<Leaf, DesignError> {
    let at = |m: String| DesignError(format!("Subnet #{}: {m}", i + 1));
    let net = parse_strict_cidr(&s.subnet).map_err(at)?;
    if net.family() != family {
        return Err(at(format!("{net} is not of the same IP version as the base network")));
    }
    let note = s.note.unwrap_or_default();
    if let Some(p) = note_problem(net, &note) {
        return Err(at(p));
    }
    let color = match s.color.as_deref() {
        None | Some("") => None,
        Some(c) => Some(c.parse::<Color>().map_err(at)?),
    };
    Ok(Leaf { net, note, color })
}

/// `address/prefix` exactly, without host bits: an import must not guess.
pub(super) use crate::parse::parse_exact_cidr as parse_strict_cidr;
