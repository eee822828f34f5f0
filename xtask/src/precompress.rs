//! Precompressed copies for web servers that send them as they are (nginx's `brotli_static`
//! and `gzip_static`, see deploy/nginx.conf): `file.br` (brotli quality 11) and `file.gz`
//! (gzip level 9) beside every text and wasm file of dist/, made once per build instead of
//! on every request.

use crate::util::Res;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;

/// The extensions worth compressing (images such as PNG are compressed already).
const COMPRESSIBLE: [&str; 8] = ["html", "js", "mjs", "css", "wasm", "svg", "json", "webmanifest"];

/// Whether a file under dist/ is itself a precompressed copy.
pub fn is_copy(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz"))
}

fn compressible(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// `bytes` after gzip -9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

/// `bytes` after brotli at quality 11 with a 4 MiB window (larger than any file here).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut enc = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 11, 22);
    enc.write_all(bytes).expect("writing to a Vec cannot fail");
    enc.into_inner()
}

/// Writes `.br` and `.gz` beside each compressible file of `files` (relative to `dist`);
/// returns how many files got copies.
pub fn write_copies(dist: &Path, files: &[std::path::PathBuf]) -> Res<usize> {
    let mut n = 0;
    for file in files.iter().filter(|f| compressible(f) && !is_copy(f)) {
        let path = dist.join(file);
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (ext, data) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(ext);
            std::fs::write(&name, data).map_err(|e| format!("cannot write {}: {e}", Path::new(&name).display()))?;
        }
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_file() {
        let text = "cidrplan ".repeat(1000);
        let mut back = Vec::new();
        brotli::Decompressor::new(brotli(text.as_bytes()).as_slice(), 4096).read_to_end(&mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(gzip(text.as_bytes()).as_slice()).read_to_end(&mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(brotli(text.as_bytes()).len() < text.len() / 10);
    }

    #[test]
    fn only_text_and_wasm_get_copies_and_copies_get_none() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let names = ["index.html", "app_bg.wasm", "logo.png", "old.js.br"];
        for n in names {
            std::fs::write(dir.join(n), b"<p>hello</p>").unwrap();
        }
        let files: Vec<_> = names.iter().map(std::path::PathBuf::from).collect();
        assert_eq!(write_copies(&dir, &files).unwrap(), 2);
        for n in ["index.html.br", "index.html.gz", "app_bg.wasm.br", "app_bg.wasm.gz"] {
            assert!(dir.join(n).is_file(), "{n}");
        }
        for n in ["logo.png.br", "old.js.br.br", "old.js.br.gz"] {
            assert!(!dir.join(n).exists(), "{n}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
