//! The extensions section that ends every v2 body: fields added after a format was frozen,
//! each under its own tag, so adding one needs no new format version.
//!
//! ```text
//! extensions  u8 count, then each: u8 tag, varint byte length, that many bytes
//! ```
//! Tags are strictly increasing (so each state has one encoding) and an absent extension means
//! "the field's default". A tag the reader does not know fails the whole link with "made by a
//! newer cidrplan": silently dropping a field would lose what the sender made.

use super::bytes::{push_varint, Reader};
use super::{fail, ShareError};

/// The extensions of one body, in tag order.
#[derive(Debug, Default)]
pub(super) struct Extensions {
    entries: Vec<(u8, Vec<u8>)>,
}

impl Extensions {
    /// Add extension `tag` with `bytes`. Tags must be added in increasing order.
    pub(super) fn push(&mut self, tag: u8, bytes: Vec<u8>) {
        debug_assert!(self.entries.last().is_none_or(|(t, _)| *t < tag), "extension tags out of order");
        self.entries.push((tag, bytes));
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        out.push(u8::try_from(self.entries.len()).unwrap_or(u8::MAX));
        for (tag, bytes) in &self.entries {
            out.push(*tag);
            push_varint(out, u32::try_from(bytes.len()).unwrap_or(u32::MAX));
            out.extend_from_slice(bytes);
        }
    }

    pub(super) fn read(r: &mut Reader) -> Result<Extensions, ShareError> {
        let n = r.u8("the extensions section")?;
        let mut entries: Vec<(u8, Vec<u8>)> = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let tag = r.u8("the extensions section")?;
            if entries.last().is_some_and(|(t, _)| *t >= tag) {
                return fail("This link is damaged: its extensions are out of order");
            }
            // The length is checked against what is left before anything is allocated.
            let len = r.varint("an extension's length")? as usize;
            let bytes = r.take(len, "an extension")?;
            entries.push((tag, bytes.to_vec()));
        }
        Ok(Extensions { entries })
    }

    /// The bytes of extension `tag`, removed from the set; `None` when the link has none.
    pub(super) fn take(&mut self, tag: u8) -> Option<Vec<u8>> {
        let i = self.entries.iter().position(|(t, _)| *t == tag)?;
        Some(self.entries.remove(i).1)
    }

    /// Fails when an extension is left that this version does not read.
    pub(super) fn finish(self) -> Result<(), ShareError> {
        match self.entries.first() {
            None => Ok(()),
            Some((tag, _)) => fail(format!(
                "This link holds a setting this cidrplan does not know (extension {tag}); it was made by a newer version. Reload the page to update"
            )),
        }
    }
}
