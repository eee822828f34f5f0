//! The service worker's build id: dist/sw.js (copied by trunk from static/sw.js) starts with
//! `const BUILD = 'dev';`, and each release build gets its own id there, so a deploy ships a
//! changed sw.js and browsers install it (with this build's files) on the next load.

use crate::util::{short_hash, Res};
use std::path::Path;

const PLACEHOLDER: &str = "const BUILD = 'dev';";

/// The build's id: the first 16 hex digits of the sha256 of the final index.html, which names
/// every hashed file of the build.
pub fn build_id(index_html: &str) -> String {
    short_hash(index_html.as_bytes())
}

/// Writes the build id into dist/sw.js; returns it.
pub fn stamp_service_worker(dist: &Path) -> Res<String> {
    let index = std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("cannot read index.html: {e}"))?;
    let sw = dist.join("sw.js");
    let text = std::fs::read_to_string(&sw).map_err(|e| format!("cannot read {}: {e}", sw.display()))?;
    let id = build_id(&index);
    let stamped = stamp(&text, &id).ok_or_else(|| format!("{}: no `{PLACEHOLDER}` to stamp", sw.display()))?;
    std::fs::write(&sw, stamped).map_err(|e| format!("cannot write {}: {e}", sw.display()))?;
    Ok(id)
}

fn stamp(sw: &str, id: &str) -> Option<String> {
    sw.contains(PLACEHOLDER).then(|| sw.replacen(PLACEHOLDER, &format!("const BUILD = '{id}';"), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_build_gets_its_own_id_in_the_worker() {
        let a = build_id("<script src=./loader-aaaa.js></script>");
        let b = build_id("<script src=./loader-bbbb.js></script>");
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
        let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../static/sw.js")).unwrap();
        let out = stamp(&src, &a).expect("static/sw.js holds the placeholder");
        assert!(out.contains(&format!("const BUILD = '{a}';")));
        assert!(!out.contains(PLACEHOLDER));
        assert_eq!(stamp(&out, &b), None, "a stamped worker is not stamped twice");
    }
}
