//! Byte and bit cursors for payload parsing: every read is bounds-checked and names what was
//! missing, which becomes the "truncated" message.

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
