//! Version 1: `v1.` + base64url(raw deflate(payload)). The payload, big-endian throughout:
//!
//! ```text
//! kind        u8     0 = calculator, 1 = design, 2 = plan (its layout is in plan_v1.rs)
//! calculator: mode u8 (see mode_code), input: varint byte length + UTF-8
//! design:
//!   header    u8     bits 0-2 mode code, bit 3 family (0 IPv4, 1 IPv6), bits 4-7 zero
//!   prefix    u8     base prefix length
//!   address   ceil(prefix / 8) bytes: the leading bytes of the base address (the rest are
//!                    zero by alignment); bits past the prefix must be zero
//!   tree      the split tree in pre-order, one bit per node (1 = split into halves,
//!             0 = leaf), most significant bit first, zero-padded to a byte: 2n − 1 bits
//!   sections  u8     bit 0 notes, bit 1 colours, other bits zero; a section is present
//!                    only when at least one leaf uses it
//!   notes     per leaf in row order its note's UTF-8 followed by a zero byte (an empty
//!             note is just the zero byte). Notes never hold control characters, so the
//!             zero byte is unambiguous; measured, this deflates ~10% smaller than length
//!             prefixes for varied notes and ties for uniform ones
//!   colours   per leaf one 4-bit code (0 = none, 1-10 = Color::code + 1), high nibble
//!             first, the last byte's unused nibble zero
//! ```
//! Nothing may follow. A 16-way split needs no code of its own: it is four binary levels.

use super::bytes::{push_varint, BitReader, BitWriter, Reader};
use super::{base64url, deflate, fail, ShareError, ShareState};
use crate::addr::{Addr, Cidr, Family};
use crate::design::{sanitize_note, Color, Design, Leaf, MAX_LEAVES, MAX_NOTE_CHARS};
use crate::mode::Mode;

const PREFIX: &str = "v1.";
/// Kind codes, shared by every version: never renumber, only add.
pub(super) const KIND_CALCULATOR: u8 = 0;
pub(super) const KIND_DESIGN: u8 = 1;
pub(super) const KIND_PLAN: u8 = 2;
const SECTION_NOTES: u8 = 1;
const SECTION_COLORS: u8 = 2;
/// A note of MAX_NOTE_CHARS characters of at most 4 UTF-8 bytes each.
const MAX_NOTE_BYTES: usize = MAX_NOTE_CHARS * 4;

/// Mode codes are part of the format: never renumber, only add.
pub(super) fn mode_code(m: Mode) -> u8 {
    match m {
        Mode::Standard => 0,
        Mode::Aws => 1,
        Mode::Azure => 2,
        Mode::Gcp => 3,
        Mode::Oci => 4,
    }
}

pub(super) fn mode_from_code(c: u8) -> Result<Mode, ShareError> {
    Ok(match c {
        0 => Mode::Standard,
        1 => Mode::Aws,
        2 => Mode::Azure,
        3 => Mode::Gcp,
        4 => Mode::Oci,
        _ => return fail(format!("This link names an unknown cloud mode (#{c}); it may come from a newer cidrplan")),
    })
}

/// The v1 link of `state`. The app writes the current version; v1 links are written only by
/// tests, to check that every v1 link ever shared still opens.
pub fn encode(state: &ShareState) -> String {
    format!("{PREFIX}{}", base64url::encode(&deflate::compress(&payload(state))))
}

/// The uncompressed v1 payload: the kind, then the kind's body.
fn payload(state: &ShareState) -> Vec<u8> {
    let mut out = Vec::new();
    match state {
        ShareState::Calculator { input, mode } => {
            out.push(KIND_CALCULATOR);
            write_calculator(&mut out, input, *mode);
        }
        ShareState::Design(d) => {
            out.push(KIND_DESIGN);
            write_design(&mut out, d);
        }
        // v1 has no room for a draft: its link held the plan that fitted.
        ShareState::Plan(p) | ShareState::PlanDraft { fitted: p, .. } => {
            out.push(KIND_PLAN);
            super::plan_v1::write(&mut out, p);
        }
    }
    out
}

pub(super) fn write_calculator(out: &mut Vec<u8>, input: &str, mode: Mode) {
    out.push(mode_code(mode));
    push_varint(out, u32::try_from(input.len()).unwrap_or(u32::MAX));
    out.extend_from_slice(input.as_bytes());
}

pub(super) fn write_design(out: &mut Vec<u8>, d: &Design) {
    let base = d.base();
    let family_bit = u8::from(base.family() == Family::V6) << 3;
    out.push(mode_code(d.mode()) | family_bit);
    out.push(base.prefix());
    out.extend_from_slice(&address_bytes(base)[..base.prefix().div_ceil(8) as usize]);
    out.extend_from_slice(&tree_bits(d));
    let leaves = d.leaves();
    let has_notes = leaves.iter().any(Leaf::has_note);
    let has_colors = leaves.iter().any(|l| l.color.is_some());
    out.push(if has_notes { SECTION_NOTES } else { 0 } | if has_colors { SECTION_COLORS } else { 0 });
    if has_notes {
        for l in leaves {
            out.extend_from_slice(l.note.as_bytes());
            out.push(0);
        }
    }
    if has_colors {
        for pair in leaves.chunks(2) {
            let code = |l: &Leaf| l.color.map_or(0, |c| c.code() + 1);
            out.push(code(&pair[0]) << 4 | pair.get(1).map_or(0, code));
        }
    }
}

/// The base address as big-endian bytes of its family's width.
pub(super) fn address_bytes(base: Cidr) -> Vec<u8> {
    let v = base.network().value();
    match base.family() {
        Family::V4 => (v as u32).to_be_bytes().to_vec(),
        Family::V6 => v.to_be_bytes().to_vec(),
    }
}

/// Pre-order split bits: walk the implicit tree with a stack, comparing each node with the
/// next leaf (a node that is not the next leaf must be split, by the partition invariant).
fn tree_bits(d: &Design) -> Vec<u8> {
    let leaves = d.leaves();
    let mut bits = BitWriter::default();
    let mut stack = vec![d.base()];
    let mut next = 0;
    while let Some(node) = stack.pop() {
        let is_leaf = leaves.get(next).is_some_and(|l| l.net == node);
        bits.push(!is_leaf);
        if is_leaf {
            next += 1;
        } else if let Some((lo, hi)) = node.halves() {
            stack.push(hi);
            stack.push(lo);
        }
    }
    bits.bytes
}

/// The payload of a v1 body after its kind byte: the kind's body, nothing after it.
pub(super) fn read_kind(kind: u8, r: &mut Reader) -> Result<ShareState, ShareError> {
    match kind {
        KIND_CALCULATOR => read_calculator(r),
        KIND_DESIGN => Ok(ShareState::Design(read_design(r)?)),
        KIND_PLAN => Ok(ShareState::Plan(super::plan_v1::read(r)?)),
        k => super::unknown_kind(k),
    }
}

pub(super) fn read_calculator(r: &mut Reader) -> Result<ShareState, ShareError> {
    let mode = mode_from_code(r.u8("the mode")?)?;
    let len = r.varint("the input's length")? as usize;
    let bytes = r.take(len, "the input")?;
    let input = std::str::from_utf8(bytes)
        .map_err(|_| super::ShareError("This link is damaged: its input is not valid text".into()))?;
    Ok(ShareState::Calculator { input: input.to_string(), mode })
}

pub(super) fn read_design(r: &mut Reader) -> Result<Design, ShareError> {
    let header = r.u8("the design header")?;
    if header >> 4 != 0 {
        return fail("This link is damaged: its design header has unknown flags");
    }
    let mode = mode_from_code(header & 7)?;
    let family = if header & 8 == 0 { Family::V4 } else { Family::V6 };
    let base = read_base(r, family)?;
    let mut bits = BitReader::new(r.rest());
    let nets = read_tree(&mut bits, base)?;
    let used = bits.finish("the split tree")?;
    r.skip(used);
    let sections = r.u8("the notes and colours")?;
    if sections & !(SECTION_NOTES | SECTION_COLORS) != 0 {
        return fail("This link is damaged: it has unknown sections");
    }
    let notes = if sections & SECTION_NOTES != 0 { read_notes(r, &nets)? } else { vec![String::new(); nets.len()] };
    let colors = if sections & SECTION_COLORS != 0 { read_colors(r, nets.len())? } else { vec![None; nets.len()] };
    let leaves =
        nets.into_iter().zip(notes).zip(colors).map(|((net, note), color)| Leaf { net, note, color }).collect();
    Design::from_leaves(base, mode, leaves)
        .map_err(|e| super::ShareError(format!("This link holds an invalid design: {e}")))
}

pub(super) fn read_base(r: &mut Reader, family: Family) -> Result<Cidr, ShareError> {
    let prefix = r.u8("the base network")?;
    let width = family.width();
    if prefix > width {
        return fail(format!("This link is damaged: its base prefix /{prefix} is longer than /{width}"));
    }
    let head = r.take(prefix.div_ceil(8) as usize, "the base address")?;
    let mut full = [0u8; 16];
    full[..head.len()].copy_from_slice(head);
    let value = u128::from_be_bytes(full) >> (128 - width as u32);
    let addr =
        Addr::new(family, value).ok_or_else(|| super::ShareError("This link is damaged: bad base address".into()))?;
    Cidr::exact(addr, prefix).ok_or_else(|| {
        super::ShareError(format!("This link is damaged: its base address {addr} has bits set past /{prefix}"))
    })
}

/// The leaves, in row order, from the pre-order split bits. A single address cannot be
/// split and the leaf count is capped, so depth and work are bounded by the address width
/// and [`MAX_LEAVES`].
fn read_tree(bits: &mut BitReader, base: Cidr) -> Result<Vec<Cidr>, ShareError> {
    let mut leaves = Vec::new();
    let mut stack = vec![base];
    while let Some(node) = stack.pop() {
        if bits.next("the split tree")? {
            let Some((lo, hi)) = node.halves() else {
                return fail(format!("This link is damaged: it splits the single address {node}"));
            };
            stack.push(hi);
            stack.push(lo);
        } else {
            if leaves.len() == MAX_LEAVES {
                return fail(format!("This link's design has more than {MAX_LEAVES} subnets"));
            }
            leaves.push(node);
        }
    }
    Ok(leaves)
}

fn read_notes(r: &mut Reader, nets: &[Cidr]) -> Result<Vec<String>, ShareError> {
    let mut notes = Vec::with_capacity(nets.len());
    for net in nets {
        let bytes = r.until_zero(MAX_NOTE_BYTES, "the notes")?;
        let Ok(note) = std::str::from_utf8(bytes) else {
            return fail(format!("This link is damaged: the note of {net} is not valid text"));
        };
        if note.chars().count() > MAX_NOTE_CHARS || sanitize_note(note) != note {
            return fail(format!("This link is damaged: the note of {net} is too long or has control characters"));
        }
        notes.push(note.to_string());
    }
    if notes.iter().all(String::is_empty) {
        return fail("This link is damaged: its notes section is empty");
    }
    Ok(notes)
}

fn read_colors(r: &mut Reader, n: usize) -> Result<Vec<Option<Color>>, ShareError> {
    let packed = r.take(n.div_ceil(2), "the colours")?;
    let mut colors = Vec::with_capacity(n);
    for i in 0..n {
        let byte = packed[i / 2];
        let code = if i % 2 == 0 { byte >> 4 } else { byte & 15 };
        colors.push(match code {
            0 => None,
            c => Some(Color::from_code(c - 1).ok_or_else(|| {
                super::ShareError(format!(
                    "This link names an unknown colour (#{c}); it may come from a newer cidrplan"
                ))
            })?),
        });
    }
    if n % 2 == 1 && packed.last().is_some_and(|b| b & 15 != 0) {
        return fail("This link is damaged: its colours have stray bits");
    }
    if colors.iter().all(Option::is_none) {
        return fail("This link is damaged: its colours section is empty");
    }
    Ok(colors)
}
