//! Raw deflate, bounded on the way in: the compression of versioned links.

use super::{fail, ShareError};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Raw deflate (no zlib header or checksum: the payload's own checks catch damage, and
/// every byte saved is ~1.3 characters of link).
pub(super) fn compress(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 10)
}

/// Raw deflate of stored (uncompressed) blocks: what a calculator link carries. Its payload
/// is a few bytes, which deflate cannot shrink anyway, and writing it this way keeps the
/// compressor (about 5 KiB of the calculator's gzipped module) out of a module that only
/// writes calculator links. Every inflater reads it, old builds' included.
pub(super) fn store(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 5 * (bytes.len() / 0xffff + 1));
    let mut blocks = bytes.chunks(0xffff).peekable();
    if blocks.peek().is_none() {
        // One empty final block.
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        // BFINAL in bit 0, BTYPE 00 (stored), then LEN and its complement, little-endian.
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_blocks_inflate_to_their_bytes() {
        for len in [0usize, 1, 17, 0xffff, 0x10000, 0x2_0005] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + i / 251) as u8).collect();
            let stored = store(&bytes);
            assert_eq!(stored.len(), len + 5 * len.div_ceil(0xffff).max(1), "{len}");
            assert_eq!(inflate(&stored, len.max(1)).unwrap(), bytes, "{len}");
        }
    }
}
