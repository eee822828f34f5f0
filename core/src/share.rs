//! Share links: the whole app state in a URL fragment, owned by the core so it is tested here.
//!
//! A link is either
//! - **plain**: a percent-encoded calculator input in Standard mode (`#10.0.0.0/16`), readable
//!   and hand-editable; or
//! - **versioned**: `v<N>.` + base64url (no padding) of a raw-deflated compact binary payload.
//!
//! Each format version has its own module with its own encoder and decoder; [`decode`]
//! dispatches on the version, so when `v2` appears every `v1` link ever shared keeps opening.
//! Inside a version, the payload's first byte is a *kind* tag (calculator, design; a plan will
//! be a new tag), so a new kind of state needs no new version.
//!
//! Links come from strangers: [`decode`] checks sizes before each step (link length before
//! base64, inflated size while inflating, leaf and note caps while parsing), rejects anything
//! malformed or left over with a reason for people, and never panics or allocates unboundedly.

use crate::design::Design;
use crate::mode::Mode;
use crate::plan::Plan;
use std::fmt;

/// Longest fragment [`decode`] accepts, in bytes (after an optional leading `#`).
pub const MAX_LINK_CHARS: usize = 64 * 1024;

/// Most bytes a versioned link may inflate to. A deflate stream can expand ~1000-fold, so this
/// is what bounds memory, not the link length; real designs need far less (1,000 noted leaves
/// take ~12 KB).
pub const MAX_PAYLOAD_BYTES: usize = 4 << 20;

/// The format version [`encode`] writes.
pub const CURRENT_VERSION: u32 = 1;

/// What a link holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareState {
    /// The calculator's input text (unvalidated: the UI's parser reports problems) and mode.
    Calculator { input: String, mode: Mode },
    /// A subnet design.
    Design(Design),
    /// A VPC plan (its layout is recomputed on opening, so only the inputs travel).
    Plan(Plan),
}

/// Why a link cannot be opened, in words for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareError(pub String);

impl ShareError {
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShareError {}

fn fail<T>(m: impl Into<String>) -> Result<T, ShareError> {
    Err(ShareError(m.into()))
}

/// The fragment (without `#`) for `state`. A Standard-mode calculator state gives a plain,
/// readable link; everything else the current versioned format. Deterministic.
pub fn encode(state: &ShareState) -> String {
    match state {
        ShareState::Calculator { input, mode: Mode::Standard } => plain::encode(input),
        _ => v1::encode(state),
    }
}

/// Like [`encode`], but refuses a state whose link [`decode`] would reject as too large, so
/// the UI can suggest exporting JSON instead of handing out a link that does not open.
pub fn encode_checked(state: &ShareState) -> Result<String, ShareError> {
    // A design's payload is built once: checked for size, then compressed into the link
    // (this runs on every edit in the web app).
    let link = match state {
        ShareState::Design(d) => {
            let payload = v1::payload(state);
            if payload.len() > MAX_PAYLOAD_BYTES {
                return fail(format!(
                    "This design is too large for a link: its {} subnets and notes need {} bytes, more than the {} a link may hold. Export it as JSON instead",
                    grouped(d.len()),
                    grouped(payload.len()),
                    grouped(MAX_PAYLOAD_BYTES)
                ));
            }
            v1::link(&payload)
        }
        _ => encode(state),
    };
    if link.len() > MAX_LINK_CHARS {
        return fail(format!(
            "This link would be {} characters long; links hold at most {}. Export the design as JSON instead",
            grouped(link.len()),
            grouped(MAX_LINK_CHARS)
        ));
    }
    Ok(link)
}

/// The state in a link fragment, with or without its leading `#`. A fragment that is not
/// `v<N>.…` is a plain calculator input (percent-decoded, in Standard mode).
pub fn decode(fragment: &str) -> Result<ShareState, ShareError> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    if text.len() > MAX_LINK_CHARS {
        return fail(format!(
            "This link is too long ({} characters); cidrplan links are at most {}",
            grouped(text.len()),
            grouped(MAX_LINK_CHARS)
        ));
    }
    let Some((version, body)) = split_version(text) else {
        return Ok(ShareState::Calculator { input: plain::decode(text), mode: Mode::Standard });
    };
    if version.len() > 1 && version.starts_with('0') {
        return fail(format!("This link has an unknown format (v{})", truncate(version, 12)));
    }
    match version.parse::<u32>() {
        Ok(1) => v1::decode(body),
        Ok(v) if v > CURRENT_VERSION => fail(format!(
            "This link was made by a newer cidrplan (v{v}); this one opens links up to v{CURRENT_VERSION}. Reload the page to update"
        )),
        Err(_) if !version.starts_with('0') => {
            fail("This link was made by a newer cidrplan; reload the page to update")
        }
        _ => fail(format!("This link has an unknown format (v{})", truncate(version, 12))),
    }
}

/// `("7", rest)` for `v7.rest`: a `v`, decimal digits (no leading zero unless just `0`), a dot.
fn split_version(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('v')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let body = rest[digits..].strip_prefix('.')?;
    (digits > 0).then(|| (&rest[..digits], body))
}

fn grouped(n: usize) -> String {
    crate::addr::Count::new(n as u128).grouped()
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

// ---------------------------------------------------------------------------------------------
// Plain links: `#10.0.0.0/16`.

mod plain {
    /// Characters left as they are: enough for addresses, prefixes and masks to stay readable.
    fn is_safe(b: u8) -> bool {
        b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'/' | b'-' | b'_' | b'~')
    }

    /// Percent-encode `input`. A leading `v` is always escaped so the text can never look
    /// like a versioned link (`v1.…`).
    pub(super) fn encode(input: &str) -> String {
        let mut out = String::with_capacity(input.len());
        for (i, b) in input.bytes().enumerate() {
            if is_safe(b) && !(i == 0 && b == b'v') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// Percent-decode (a `%` not followed by two hex digits stays as it is); invalid UTF-8
    /// becomes U+FFFD, which the calculator's parser then reports.
    pub(super) fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'%', Some(v)) if hex.is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit())) => {
                    out.push(v);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Transport: base64url and raw deflate, shared by the versioned formats.

mod base64url {
    use super::{fail, ShareError};

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// RFC 4648 §5 without padding.
    pub(super) fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for k in 0..chunk.len() + 1 {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            }
        }
        out
    }

    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    }

    /// Strict decoding: only the URL-safe alphabet, no padding, no stray bits, so every
    /// accepted text is the one [`encode`] would write.
    pub(super) fn decode(text: &str) -> Result<Vec<u8>, ShareError> {
        let bytes = text.as_bytes();
        if bytes.len() % 4 == 1 {
            return fail("This link is truncated or damaged: its data has an impossible length");
        }
        let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
        for chunk in bytes.chunks(4) {
            let mut n = 0u32;
            for (k, &c) in chunk.iter().enumerate() {
                let Some(v) = value(c) else {
                    return fail(if c.is_ascii_graphic() {
                        format!("This link is damaged: '{}' cannot appear in it", c as char)
                    } else {
                        "This link is damaged: it contains characters that cannot appear in it".to_string()
                    });
                };
                n |= v << (18 - 6 * k);
            }
            let full = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            let keep = chunk.len() - 1;
            out.extend_from_slice(&full[..keep]);
            if full[keep..].iter().any(|&b| b != 0) {
                return fail("This link is damaged: its last character is wrong");
            }
        }
        Ok(out)
    }
}

mod deflate {
    use super::{fail, ShareError};
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;

    /// Raw deflate (no zlib header or checksum: the payload's own checks catch damage, and
    /// every byte saved is ~1.3 characters of link).
    pub(super) fn compress(bytes: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec(bytes, 10)
    }

    /// Inflate at most `limit` bytes, refusing streams that end early, are corrupt, expand past
    /// the limit or have bytes after their end.
    pub(super) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let mut out = vec![0u8; data.len().saturating_mul(4).clamp(64, limit.max(64))];
        let mut state = Box::<DecompressorOxide>::default();
        let (mut input, mut out_pos) = (data, 0usize);
        loop {
            let (status, consumed, written) = decompress(&mut state, input, &mut out, out_pos, flags);
            out_pos += written;
            input = input.get(consumed..).unwrap_or(&[]);
            match status {
                TINFLStatus::Done if input.is_empty() => {
                    out.truncate(out_pos);
                    return Ok(out);
                }
                TINFLStatus::Done => return fail("This link is damaged: it has extra data at the end"),
                TINFLStatus::HasMoreOutput if out.len() < limit => {
                    let grown = out.len().saturating_mul(2).min(limit);
                    out.resize(grown, 0);
                }
                TINFLStatus::HasMoreOutput => {
                    return fail(format!("This link expands to more than {limit} bytes; it is not a cidrplan link"))
                }
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                    return fail("This link is truncated: its compressed data ends early")
                }
                _ => return fail("This link is damaged: its compressed data is invalid"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Byte and bit cursors for payload parsing: every read is bounds-checked and names what was
// missing, which becomes the "truncated" message.

mod bytes {
    use super::{fail, ShareError};

    pub(super) struct Reader<'a> {
        data: &'a [u8],
        pos: usize,
    }

    impl<'a> Reader<'a> {
        pub(super) fn new(data: &'a [u8]) -> Reader<'a> {
            Reader { data, pos: 0 }
        }

        pub(super) fn rest(&self) -> &'a [u8] {
            self.data.get(self.pos..).unwrap_or(&[])
        }

        pub(super) fn skip(&mut self, n: usize) {
            self.pos = self.pos.saturating_add(n).min(self.data.len());
        }

        pub(super) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ShareError> {
            match self.rest().get(..n) {
                Some(s) => {
                    self.pos += n;
                    Ok(s)
                }
                None => fail(format!("This link is truncated: {what} ends early")),
            }
        }

        /// The bytes before the next zero byte (which is consumed), at most `max` of them.
        pub(super) fn until_zero(&mut self, max: usize, what: &str) -> Result<&'a [u8], ShareError> {
            let rest = self.rest();
            let window = &rest[..rest.len().min(max + 1)];
            match window.iter().position(|&b| b == 0) {
                Some(n) => {
                    self.pos += n + 1;
                    Ok(&rest[..n])
                }
                None if window.len() > max => fail(format!("This link is damaged: an entry of {what} is too long")),
                None => fail(format!("This link is truncated: {what} end early")),
            }
        }

        pub(super) fn u8(&mut self, what: &str) -> Result<u8, ShareError> {
            Ok(self.take(1, what)?[0])
        }

        /// LEB128, at most 32 bits, shortest form only (so each value has one encoding).
        pub(super) fn varint(&mut self, what: &str) -> Result<u32, ShareError> {
            let mut value = 0u64;
            for i in 0..5 {
                let b = self.u8(what)?;
                value |= u64::from(b & 0x7f) << (7 * i);
                if b & 0x80 == 0 {
                    if (i > 0 && b == 0) || value > u64::from(u32::MAX) {
                        return fail(format!("This link is damaged: {what} is malformed"));
                    }
                    return Ok(value as u32);
                }
            }
            fail(format!("This link is damaged: {what} is malformed"))
        }

        /// Nothing may follow the last field: trailing bytes mean a damaged or foreign link.
        pub(super) fn finish(&self) -> Result<(), ShareError> {
            if self.rest().is_empty() {
                Ok(())
            } else {
                fail("This link is damaged: it has extra data at the end")
            }
        }
    }

    pub(super) fn push_varint(out: &mut Vec<u8>, mut v: u32) {
        while v >= 0x80 {
            out.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }

    /// Bits packed most significant first.
    #[derive(Default)]
    pub(super) struct BitWriter {
        pub(super) bytes: Vec<u8>,
        used: u8,
    }

    impl BitWriter {
        pub(super) fn push(&mut self, bit: bool) {
            if self.used == 0 {
                self.bytes.push(0);
            }
            if bit {
                if let Some(last) = self.bytes.last_mut() {
                    *last |= 0x80 >> self.used;
                }
            }
            self.used = (self.used + 1) % 8;
        }
    }

    pub(super) struct BitReader<'a> {
        data: &'a [u8],
        bit: usize,
    }

    impl<'a> BitReader<'a> {
        pub(super) fn new(data: &'a [u8]) -> BitReader<'a> {
            BitReader { data, bit: 0 }
        }

        pub(super) fn next(&mut self, what: &str) -> Result<bool, ShareError> {
            let Some(byte) = self.data.get(self.bit / 8) else {
                return fail(format!("This link is truncated: {what} ends early"));
            };
            let b = byte & (0x80 >> (self.bit % 8)) != 0;
            self.bit += 1;
            Ok(b)
        }

        /// Whole bytes used so far; the unused low bits of the last one must be zero.
        pub(super) fn finish(&self, what: &str) -> Result<usize, ShareError> {
            let used = self.bit.div_ceil(8);
            let spare = (8 - self.bit % 8) % 8;
            let last = if used == 0 { 0 } else { self.data.get(used - 1).copied().unwrap_or(0) };
            if spare > 0 && last & ((1u8 << spare) - 1) != 0 {
                return fail(format!("This link is damaged: {what} has stray bits"));
            }
            Ok(used)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Format v1.

/// Version 1: `v1.` + base64url(raw deflate(payload)). The payload, big-endian throughout:
///
/// ```text
/// kind        u8     0 = calculator, 1 = design, 2 = plan (see `write_plan` for its layout)
/// calculator: mode u8 (see mode_code), input: varint byte length + UTF-8
/// design:
///   header    u8     bits 0-2 mode code, bit 3 family (0 IPv4, 1 IPv6), bits 4-7 zero
///   prefix    u8     base prefix length
///   address   ceil(prefix / 8) bytes: the leading bytes of the base address (the rest are
///                    zero by alignment); bits past the prefix must be zero
///   tree      the split tree in pre-order, one bit per node (1 = split into halves,
///             0 = leaf), most significant bit first, zero-padded to a byte: 2n − 1 bits
///   sections  u8     bit 0 notes, bit 1 colours, other bits zero; a section is present
///                    only when at least one leaf uses it
///   notes     per leaf in row order its note's UTF-8 followed by a zero byte (an empty
///             note is just the zero byte). Notes never hold control characters, so the
///             zero byte is unambiguous; measured, this deflates ~10% smaller than length
///             prefixes for varied notes and ties for uniform ones
///   colours   per leaf one 4-bit code (0 = none, 1-10 = Color::code + 1), high nibble
///             first, the last byte's unused nibble zero
/// ```
/// Nothing may follow. A 16-way split needs no code of its own: it is four binary levels.
mod v1 {
    use super::bytes::{push_varint, BitReader, BitWriter, Reader};
    use super::{base64url, deflate, fail, ShareError, ShareState, MAX_PAYLOAD_BYTES};
    use crate::addr::{Addr, Cidr, Family};
    use crate::design::{sanitize_note, Color, Design, Leaf, MAX_LEAVES, MAX_NOTE_CHARS};
    use crate::mode::Mode;

    const PREFIX: &str = "v1.";
    const KIND_CALCULATOR: u8 = 0;
    const KIND_DESIGN: u8 = 1;
    const KIND_PLAN: u8 = 2;
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
            _ => {
                return fail(format!("This link names an unknown cloud mode (#{c}); it may come from a newer cidrplan"))
            }
        })
    }

    pub(super) fn encode(state: &ShareState) -> String {
        link(&payload(state))
    }

    /// The link text of an uncompressed payload.
    pub(super) fn link(payload: &[u8]) -> String {
        format!("{PREFIX}{}", base64url::encode(&deflate::compress(payload)))
    }

    /// The uncompressed payload (exposed to the parent for the size check).
    pub(super) fn payload(state: &ShareState) -> Vec<u8> {
        let mut out = Vec::new();
        match state {
            ShareState::Calculator { input, mode } => {
                out.push(KIND_CALCULATOR);
                out.push(mode_code(*mode));
                push_varint(&mut out, u32::try_from(input.len()).unwrap_or(u32::MAX));
                out.extend_from_slice(input.as_bytes());
            }
            ShareState::Design(d) => {
                out.push(KIND_DESIGN);
                write_design(&mut out, d);
            }
            ShareState::Plan(p) => {
                out.push(KIND_PLAN);
                super::plan_codec::write(&mut out, p);
            }
        }
        out
    }

    fn write_design(out: &mut Vec<u8>, d: &Design) {
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

    pub(super) fn decode(body: &str) -> Result<ShareState, ShareError> {
        let compressed = base64url::decode(body)?;
        let payload = deflate::inflate(&compressed, MAX_PAYLOAD_BYTES)?;
        let mut r = Reader::new(&payload);
        let state = match r.u8("the link's content")? {
            KIND_CALCULATOR => read_calculator(&mut r)?,
            KIND_DESIGN => ShareState::Design(read_design(&mut r)?),
            KIND_PLAN => ShareState::Plan(super::plan_codec::read(&mut r)?),
            k => return fail(format!("This link holds something this cidrplan does not know (kind {k}); it may come from a newer version. Reload the page to update")),
        };
        r.finish()?;
        Ok(state)
    }

    fn read_calculator(r: &mut Reader) -> Result<ShareState, ShareError> {
        let mode = mode_from_code(r.u8("the mode")?)?;
        let len = r.varint("the input's length")? as usize;
        let bytes = r.take(len, "the input")?;
        let input = std::str::from_utf8(bytes)
            .map_err(|_| super::ShareError("This link is damaged: its input is not valid text".into()))?;
        Ok(ShareState::Calculator { input: input.to_string(), mode })
    }

    fn read_design(r: &mut Reader) -> Result<Design, ShareError> {
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
        let addr = Addr::new(family, value)
            .ok_or_else(|| super::ShareError("This link is damaged: bad base address".into()))?;
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
}

// ---------------------------------------------------------------------------------------------
// The plan kind of v1 (kind 2): the plan's inputs only; the layout is recomputed on opening.

/// ```text
/// name, region         string: varint byte length + UTF-8 (at most MAX_NAME_CHARS chars)
/// provider             u8 mode code
/// vpc                  u8 count, then each block as `cidr`
/// zones                u8 count, then each name as a string; "" stands for the provider's
///                      default name of that zone in that region (most plans keep them)
/// tiers                u8 count, then each: name string, flags u8 (bits 0-1 kind code,
///                      bit 2 one subnet per zone, bit 3 size in hosts), then the size:
///                      u8 prefix, or varint hosts
/// strategy             u8 code
/// growth               u8 extra zones, u8 spare-per-zone prefix + 1 (0 = none)
/// pinned               u8 count, then each: u8 tier, u8 zone + 1 (0 = no zone), cidr
/// avoid                u8 count, then each cidr
/// ipv6                 u8 0 = none, 1 = followed by a cidr
/// cidr                 u8 (bit 7 family: 1 = IPv6, bits 0-6 prefix; IPv6 /128, which does
///                      not fit, is 0x7f: no IPv4 prefix), then the address's
///                      leading ceil(prefix / 8) bytes (host bits must be zero)
/// ```
/// Counts are checked against the plan caps before anything is allocated; the decoded plan's
/// own problems (a tier too small for the provider…) are left for the planner to report.
mod plan_codec {
    use super::bytes::{push_varint, Reader};
    use super::v1::{address_bytes, mode_code, mode_from_code, read_base};
    use super::{fail, ShareError};
    use crate::addr::{Cidr, Family};
    use crate::plan::{
        default_zone_name, Growth, Ipv6Plan, Pin, Plan, Strategy, Tier, TierKind, TierSize, MAX_AVOID, MAX_EXTRA_ZONES,
        MAX_NAME_CHARS, MAX_PINS, MAX_TIERS, MAX_VPC_BLOCKS, MAX_ZONES,
    };

    const FLAG_PER_ZONE: u8 = 4;
    const FLAG_HOSTS: u8 = 8;

    fn push_str(out: &mut Vec<u8>, s: &str) {
        push_varint(out, u32::try_from(s.len()).unwrap_or(u32::MAX));
        out.extend_from_slice(s.as_bytes());
    }

    /// The head byte of an IPv6 /128, whose prefix does not fit bits 0-6.
    const V6_HOST: u8 = 0x7f;

    fn push_cidr(out: &mut Vec<u8>, c: Cidr) {
        out.push(match (c.family(), c.prefix()) {
            (Family::V6, 128) => V6_HOST,
            (family, prefix) => u8::from(family == Family::V6) << 7 | prefix,
        });
        out.extend_from_slice(&address_bytes(c)[..c.prefix().div_ceil(8) as usize]);
    }

    fn count(n: usize) -> u8 {
        u8::try_from(n).unwrap_or(u8::MAX)
    }

    pub(super) fn write(out: &mut Vec<u8>, p: &Plan) {
        push_str(out, &p.name);
        push_str(out, &p.region);
        out.push(mode_code(p.provider));
        out.push(count(p.vpc.len()));
        p.vpc.iter().for_each(|&c| push_cidr(out, c));
        out.push(count(p.zones.len()));
        for (i, z) in p.zones.iter().enumerate() {
            let default = default_zone_name(p.provider, &p.region, i);
            push_str(out, if *z == default { "" } else { z });
        }
        out.push(count(p.tiers.len()));
        for t in &p.tiers {
            push_str(out, &t.name);
            let (size_flag, size): (u8, u32) = match t.size {
                TierSize::Prefix(x) => (0, x.into()),
                TierSize::Hosts(h) => (FLAG_HOSTS, u32::try_from(h).unwrap_or(u32::MAX)),
            };
            out.push(t.kind.code() | if t.per_zone { FLAG_PER_ZONE } else { 0 } | size_flag);
            if size_flag == 0 {
                out.push(size as u8);
            } else {
                push_varint(out, size);
            }
        }
        out.push(p.strategy.code());
        out.push(p.growth.extra_zones);
        out.push(p.growth.spare_per_zone.map_or(0, |x| x.saturating_add(1)));
        out.push(count(p.pinned.len()));
        for pin in &p.pinned {
            out.push(count(pin.tier));
            out.push(pin.zone.map_or(0, |z| count(z).saturating_add(1)));
            push_cidr(out, pin.cidr);
        }
        out.push(count(p.avoid.len()));
        p.avoid.iter().for_each(|&c| push_cidr(out, c));
        match p.ipv6 {
            None => out.push(0),
            Some(v6) => {
                out.push(1);
                push_cidr(out, v6.block);
            }
        }
    }

    fn read_str(r: &mut Reader, what: &str) -> Result<String, ShareError> {
        let len = r.varint(what)? as usize;
        if len > MAX_NAME_CHARS * 4 {
            return fail(format!("This link is damaged: {what} is too long"));
        }
        let bytes = r.take(len, what)?;
        let Ok(s) = std::str::from_utf8(bytes) else {
            return fail(format!("This link is damaged: {what} is not valid text"));
        };
        if s.chars().count() > MAX_NAME_CHARS || s.chars().any(char::is_control) {
            return fail(format!("This link is damaged: {what} is too long or has control characters"));
        }
        Ok(s.to_string())
    }

    fn read_count(r: &mut Reader, max: usize, what: &str) -> Result<usize, ShareError> {
        let n = r.u8(what)? as usize;
        if n > max {
            return fail(format!("This link's plan has {n} {what}; at most {max} are allowed"));
        }
        Ok(n)
    }

    fn read_cidr(r: &mut Reader, what: &str) -> Result<Cidr, ShareError> {
        let head = r.u8(what)?;
        let (family, prefix) = match head {
            V6_HOST => (Family::V6, 128),
            _ if head & 0x80 == 0 => (Family::V4, head),
            _ => (Family::V6, head & 0x7f),
        };
        // `read_base` reads the prefix byte itself: hand it a reader positioned on a copy.
        let mut bytes = vec![prefix];
        bytes.extend_from_slice(r.take((prefix.min(family.width())).div_ceil(8) as usize, what)?);
        read_base(&mut Reader::new(&bytes), family)
    }

    pub(super) fn read(r: &mut Reader) -> Result<Plan, ShareError> {
        let name = read_str(r, "the plan name")?;
        let region = read_str(r, "the region")?;
        let provider = mode_from_code(r.u8("the provider")?)?;
        let n = read_count(r, MAX_VPC_BLOCKS, "VPC blocks")?;
        let vpc = (0..n).map(|_| read_cidr(r, "a VPC block")).collect::<Result<Vec<_>, _>>()?;
        let n = read_count(r, MAX_ZONES, "zones")?;
        let mut zones = Vec::with_capacity(n);
        for i in 0..n {
            let z = read_str(r, "a zone name")?;
            zones.push(if z.is_empty() { default_zone_name(provider, &region, i) } else { z });
        }
        let n = read_count(r, MAX_TIERS, "tiers")?;
        let mut tiers = Vec::with_capacity(n);
        for _ in 0..n {
            let name = read_str(r, "a tier name")?;
            let flags = r.u8("a tier")?;
            if flags & !(3 | FLAG_PER_ZONE | FLAG_HOSTS) != 0 {
                return fail("This link is damaged: a tier has unknown flags");
            }
            let kind = TierKind::from_code(flags & 3)
                .ok_or_else(|| ShareError("This link is damaged: unknown tier kind".into()))?;
            let size = if flags & FLAG_HOSTS != 0 {
                TierSize::Hosts(r.varint("a tier's host count")?.into())
            } else {
                TierSize::Prefix(r.u8("a tier's prefix")?)
            };
            tiers.push(Tier { name, kind, size, per_zone: flags & FLAG_PER_ZONE != 0 });
        }
        let strategy = Strategy::from_code(r.u8("the strategy")?)
            .ok_or_else(|| ShareError("This link is damaged: unknown layout strategy".into()))?;
        let extra_zones = r.u8("the growth settings")?;
        if extra_zones > MAX_EXTRA_ZONES {
            return fail(format!("This link's plan reserves {extra_zones} extra zones; at most {MAX_EXTRA_ZONES}"));
        }
        let spare = r.u8("the growth settings")?;
        let growth = Growth { extra_zones, spare_per_zone: spare.checked_sub(1) };
        let n = read_count(r, MAX_PINS, "pinned subnets")?;
        let mut pinned = Vec::with_capacity(n);
        for _ in 0..n {
            let tier = r.u8("a pinned subnet")? as usize;
            let zone = (r.u8("a pinned subnet")? as usize).checked_sub(1);
            let cidr = read_cidr(r, "a pinned subnet")?;
            pinned.push(Pin { tier, zone, cidr });
        }
        let n = read_count(r, MAX_AVOID, "networks to avoid")?;
        let avoid = (0..n).map(|_| read_cidr(r, "a network to avoid")).collect::<Result<Vec<_>, _>>()?;
        let ipv6 = match r.u8("the IPv6 setting")? {
            0 => None,
            1 => Some(Ipv6Plan { block: read_cidr(r, "the IPv6 block")? }),
            _ => return fail("This link is damaged: bad IPv6 setting"),
        };
        Ok(Plan { name, provider, region, vpc, zones, tiers, strategy, growth, pinned, avoid, ipv6 })
    }
}
