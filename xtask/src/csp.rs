//! The Content-Security-Policy for dist/.
//!
//! trunk injects an inline `<script type="module">` loader into index.html whose text names
//! the hashed .js/.wasm files, so it changes with every build. An inline script would need
//! its sha256 in the policy, and then a web server's header (deploy/nginx.conf) would change
//! with every build too. So after each release build the loader is moved into its own file,
//! `loader-<hash>.js` ([`externalize_loader`]), and the policy is the same for every build:
//! `script-src 'self' 'wasm-unsafe-eval'`. It goes into dist/index.html as a
//! `<meta http-equiv>` (so hosts that cannot set headers, like GitHub Pages, still get it) and
//! its header form is printed for hosts that can. Any inline script left would still get its
//! hash in the `<meta>` (and a warning), so the page never breaks.

use crate::util::Res;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// `'sha256-…'` for the text of every inline `<script>` (one without `src`).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|i| i + from) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else {
            break;
        };
        let attrs = &lower[start + "<script".len()..tag_end];
        let has_src = attrs.split(|c: char| c.is_whitespace()).any(|a| a.starts_with("src="));
        if !has_src {
            let text = &html[tag_end + 1..close];
            let digest = Sha256::digest(text.as_bytes());
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        from = close;
    }
    hashes
}

/// The policy for `html`. `header` adds the directives a `<meta>` cannot carry.
pub fn policy(html: &str, header: bool) -> String {
    let mut script_src = String::from("script-src 'self' 'wasm-unsafe-eval'");
    for h in inline_script_hashes(html) {
        script_src.push(' ');
        script_src.push_str(&h);
    }
    let mut directives = vec![
        "default-src 'self'".to_string(),
        script_src,
        "style-src 'self'".into(),
        "img-src 'self' data:".into(),
        "connect-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'self'".into(),
        "form-action 'self'".into(),
    ];
    if header {
        directives.push("frame-ancestors 'none'".into());
    }
    directives.join("; ")
}

/// Moves every inline `<script type="module">` of dist/index.html into `loader-<hash>.js`
/// beside it (the name carries the first 16 hex digits of its sha256, like trunk's own
/// files, so it may be cached forever) and points the tag at it. Returns the files written.
pub fn externalize_loader(dist: &Path) -> Res<Vec<String>> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let (out, loaders) = externalize(&html);
    for (name, text) in &loaders {
        let path = dist.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if !loaders.is_empty() {
        std::fs::write(&index, out).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    }
    Ok(loaders.into_iter().map(|(name, _)| name).collect())
}

/// `html` with each inline module script replaced by one with `src`, and the scripts' files
/// as (name, text).
fn externalize(html: &str) -> (String, Vec<(String, String)>) {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut files = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|i| i + from) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else { break };
        let Some(close) = lower[tag_end..].find("</script>").map(|i| i + tag_end) else { break };
        let attrs = &lower[start + "<script".len()..tag_end];
        let words: Vec<&str> = attrs.split(|c: char| c.is_whitespace()).collect();
        let is_module = words.iter().any(|a| matches!(*a, "type=module" | "type=\"module\"" | "type='module'"));
        let has_src = words.iter().any(|a| a.starts_with("src="));
        out.push_str(&html[from..start]);
        if is_module && !has_src {
            let text = &html[tag_end + 1..close];
            let name = format!("loader-{}.js", crate::util::short_hash(text.as_bytes()));
            out.push_str(&format!("<script type=\"module\" src=\"./{name}\"></script>"));
            files.push((name, text.to_string()));
        } else {
            out.push_str(&html[start..close + "</script>".len()]);
        }
        from = close + "</script>".len();
    }
    out.push_str(&html[from..]);
    (out, files)
}

/// Puts the policy into dist/index.html as a `<meta>` right after `<meta charset>`
/// (before any script) and returns the header form of the policy.
pub fn apply(dist: &Path) -> Res<String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let header = policy(&html, true);
    if !inline_script_hashes(&html).is_empty() {
        println!("csp: warning: index.html still has an inline script; its hash is in the <meta>, but deploy/nginx.conf's header lacks it");
    }
    if html.to_ascii_lowercase().contains("http-equiv=\"content-security-policy\"") {
        println!("csp: index.html already has a CSP <meta>; left as is");
        return Ok(header);
    }
    let meta = format!("\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />", policy(&html, false));
    let lower = html.to_ascii_lowercase();
    let at = lower
        .find("<meta charset")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
        .or_else(|| lower.find("<head>").map(|i| i + "<head>".len()))
        .ok_or_else(|| format!("{}: no <head> to put the CSP in", index.display()))?;
    let mut out = html.clone();
    out.insert_str(at, &meta);
    std::fs::write(&index, out).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\" />\
        <script type=\"module\">\nimport init from './a.js';\n</script>\
        <script src=\"./b.js\"></script></head><body></body></html>";

    #[test]
    fn hashes_only_inline_scripts() {
        let hashes = inline_script_hashes(PAGE);
        assert_eq!(hashes.len(), 1);
        // echo -n $'\nimport init from \'./a.js\';\n' | openssl dgst -sha256 -binary | base64
        let expected = Sha256::digest(b"\nimport init from './a.js';\n");
        let expected = base64::engine::general_purpose::STANDARD.encode(expected);
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }

    #[test]
    fn meta_policy_has_no_frame_ancestors() {
        assert!(!policy(PAGE, false).contains("frame-ancestors"));
        assert!(policy(PAGE, true).ends_with("frame-ancestors 'none'"));
        assert!(policy(PAGE, false).contains("'wasm-unsafe-eval' 'sha256-"));
    }

    #[test]
    fn the_loader_moves_to_a_hashed_file_and_the_policy_needs_no_hash() {
        let (html, files) = externalize(PAGE);
        assert_eq!(files.len(), 1);
        let (name, text) = &files[0];
        assert_eq!(text, "\nimport init from './a.js';\n");
        assert!(
            name.starts_with("loader-") && name.ends_with(".js") && name.len() == "loader-.js".len() + 16,
            "{name}"
        );
        assert!(html.contains(&format!("<script type=\"module\" src=\"./{name}\"></script>")), "{html}");
        assert!(html.contains("<script src=\"./b.js\"></script>"), "other scripts stay: {html}");
        assert!(inline_script_hashes(&html).is_empty());
        assert!(!policy(&html, true).contains("sha256"));
        // trunk writes minified, unquoted attributes: `<script type=module>`.
        let (min, files) = externalize("<head><script type=module>go()</script></head>");
        assert_eq!(files.len(), 1);
        assert!(!min.contains("go()"), "{min}");
        // Nothing to move: the page is unchanged.
        let plain = "<head><script src=./x.js></script></head>";
        assert_eq!(externalize(plain), (plain.to_string(), vec![]));
    }

    #[test]
    fn inserts_meta_after_charset() {
        let dir = std::env::temp_dir().join(format!("xtask-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), PAGE).unwrap();
        apply(&dir).unwrap();
        let out = std::fs::read_to_string(dir.join("index.html")).unwrap();
        let meta = out.find("Content-Security-Policy").unwrap();
        assert!(out.find("<meta charset").unwrap() < meta);
        assert!(meta < out.find("<script").unwrap());
        // Idempotent.
        apply(&dir).unwrap();
        let again = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert_eq!(out, again);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
