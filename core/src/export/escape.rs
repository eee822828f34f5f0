//! Quoting and identifiers for each target language. Every name in a plan comes from a person
//! (or a stranger's share link), so nothing here trusts its input:
//!
//! - [`hcl_str`]: an HCL quoted string. `"` and `\` are escaped, `${` becomes `$${` and `%{`
//!   becomes `%%{` (so a name is never a template interpolation or directive), and control,
//!   line-separator, bidi and BOM characters become `\uNNNN`.
//! - [`yaml_str`]: a YAML double-quoted scalar, which is also a valid JSON string: the same
//!   escapes minus the template ones (YAML has none), so leading `*`, `&`, `!`, `:`, `#`, `%`
//!   or `@` are just text inside the quotes.
//! - [`comment`]: text for a `#` comment line (HCL and YAML): names appear JSON-quoted, so a
//!   newline cannot end the comment.
//! - Identifiers ([`tf_key`], [`cfn_id`], [`azure_name`], [`gcp_name`]) keep only the characters
//!   the target allows, and [`Unique`] dedupes them with a counter.

use std::collections::HashSet;
use std::fmt::Write;

/// Characters that must never appear raw in generated code: C0/C1 controls and DEL, Unicode
/// line and paragraph separators (line breaks to YAML 1.1 and JavaScript), bidirectional
/// controls (they make code read differently from how it parses) and the byte-order mark.
fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{061c}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn push_unicode_escape(out: &mut String, c: char) {
    let n = c as u32;
    if n <= 0xffff {
        let _ = write!(out, "\\u{n:04X}");
    } else {
        let _ = write!(out, "\\U{n:08X}");
    }
}

/// `s` as an HCL quoted string literal (with the quotes).
pub fn hcl_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // `$${` is a literal `${`, `%%{` a literal `%{`. A `$` before `$${` stays literal
            // too, so `$${` typed by the user comes back as `$${`.
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if must_escape(c) => push_unicode_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as a YAML double-quoted scalar (with the quotes); also a valid JSON string.
pub fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) => push_unicode_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A name for a `#` comment line: JSON-quoted, so no character of it can end the line.
pub fn comment(s: &str) -> String {
    yaml_str(s)
}

/// Text for people (Markdown, the text table): control and invisible formatting characters
/// become spaces, so a name cannot start a new line or reorder the text around it.
pub fn display(s: &str) -> String {
    s.chars().map(|c| if must_escape(c) { ' ' } else { c }).collect()
}

/// Markdown inline text: [`display`], then a backslash before every character CommonMark or
/// GFM tables could read as markup (`|` ends a table cell, `<` starts HTML, `&` an entity).
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in display(s).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Split `s` into runs of ASCII letters and digits.
fn ascii_words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// A Terraform `for_each` key: ASCII letters and digits; every other run of characters
/// becomes one `_` (a lone `-` or `_` stays), trimmed at both ends; never empty. Used as
/// `aws_subnet.this["public-a"]`.
pub fn tf_key(name: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if !run.is_empty() && !out.is_empty() {
                out.push_str(if run == "-" { "-" } else { "_" });
            }
            run.clear();
            out.push(c);
        } else {
            run.push(c);
        }
    }
    if out.is_empty() {
        "subnet".to_string()
    } else {
        out
    }
}

/// A CloudFormation logical ID: `prefix` then the name's ASCII words in PascalCase
/// (`public-a` → `SubnetPublicA`); alphanumeric only, as CloudFormation requires.
pub fn cfn_id(prefix: &str, name: &str) -> String {
    let mut out = prefix.to_string();
    for w in ascii_words(name) {
        let mut cs = w.chars();
        if let Some(first) = cs.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(cs);
        }
    }
    out
}

/// An Azure resource name (virtual network or subnet): letters, digits, `_`, `.` and `-`,
/// starting with a letter or digit and ending with one or `_`, at most `max` characters.
/// Azure's own subnet names (`GatewaySubnet`, …) pass unchanged.
pub fn azure_name(name: &str, max: usize, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') { c } else { '-' };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    let trimmed = trim_azure(&out, max);
    if trimmed.is_empty() {
        fallback.to_string()
    } else {
        trimmed
    }
}

fn trim_azure(s: &str, max: usize) -> String {
    let s = s.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    let s: String = s.chars().take(max).collect();
    s.trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).to_string()
}

/// A Google Cloud resource name: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters.
pub fn gcp_name(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        let c = if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) && !out.is_empty() {
        out.insert_str(0, &format!("{fallback}-"));
    }
    let out = trim_gcp(&out);
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

fn trim_gcp(s: &str) -> String {
    let s: String = s.chars().take(63).collect();
    s.trim_end_matches('-').to_string()
}

/// Which kind of identifier [`Unique`] makes unique (decides the counter's form and length).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// `name_2`.
    TfKey,
    /// `Name2`.
    Cfn,
    /// `name-2`, at most this many characters (Azure).
    Azure(usize),
    /// `name-2`, at most 63 characters (Google Cloud).
    Gcp,
}

/// Identifiers handed out so far; compared case-insensitively (Azure names are, and names
/// differing only in case would confuse people anyway).
#[derive(Debug)]
pub struct Unique {
    kind: IdKind,
    taken: HashSet<String>,
}

impl Unique {
    pub fn new(kind: IdKind) -> Unique {
        Unique { kind, taken: HashSet::new() }
    }

    /// Reserve `id` as taken (names the exporter uses for other things).
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_ascii_lowercase());
    }

    /// `base`, or `base` with the smallest counter from 2 that makes it unique.
    pub fn take(&mut self, base: &str) -> String {
        let mut n = 1usize;
        loop {
            let candidate = if n == 1 { base.to_string() } else { self.with_counter(base, n) };
            if self.taken.insert(candidate.to_ascii_lowercase()) {
                return candidate;
            }
            n += 1;
        }
    }

    fn with_counter(&self, base: &str, n: usize) -> String {
        match self.kind {
            IdKind::TfKey => format!("{base}_{n}"),
            IdKind::Cfn => format!("{base}{n}"),
            IdKind::Azure(max) => {
                let suffix = format!("-{n}");
                let keep = max.saturating_sub(suffix.len());
                let head: String = base.chars().take(keep).collect();
                format!("{}{suffix}", head.trim_end_matches(['-', '.']))
            }
            IdKind::Gcp => {
                let suffix = format!("-{n}");
                let head: String = base.chars().take(63 - suffix.len()).collect();
                format!("{}{suffix}", head.trim_end_matches('-'))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_strings_escape_templates_and_controls() {
        assert_eq!(hcl_str(r#"a"b${x}"#), r#""a\"b$${x}""#);
        assert_eq!(hcl_str("%{ if }"), r#""%%{ if }""#);
        assert_eq!(hcl_str("$${x}"), r#""$$${x}""#);
        assert_eq!(hcl_str("a\\b\nc\u{2028}\u{202e}"), r#""a\\b\nc\u2028\u202E""#);
        assert_eq!(hcl_str("$ { % x é"), r#""$ { % x é""#);
    }

    #[test]
    fn yaml_strings_are_json_strings() {
        for s in ["*ref", "&anchor", "!tag", ": x", "# no", "a\"b\\c\n\t\u{85}\u{2029}é", "${x}"] {
            let q = yaml_str(s);
            let back: String = serde_json::from_str(&q).unwrap();
            assert_eq!(back, s);
            assert!(!q.contains('\n') && !q.contains('\u{85}') && !q.contains('\u{2029}'));
        }
    }

    #[test]
    fn identifiers() {
        assert_eq!(tf_key("public-a"), "public-a");
        assert_eq!(tf_key(r#"a"b${x}"#), "a_b_x");
        assert_eq!(tf_key(r#"*star-"1""#), "star_1");
        assert_eq!(tf_key("db_1 -x-"), "db_1_x");
        assert_eq!(tf_key("ü"), "subnet");
        assert_eq!(cfn_id("Subnet", "public-a"), "SubnetPublicA");
        assert_eq!(cfn_id("Subnet", r#"a"b${x}-ü"#), "SubnetABX");
        assert_eq!(azure_name("GatewaySubnet", 80, "subnet"), "GatewaySubnet");
        assert_eq!(azure_name("-a b.-", 80, "subnet"), "a-b");
        assert_eq!(azure_name("***", 80, "subnet"), "subnet");
        assert_eq!(gcp_name("Proxy-Only", "subnet"), "proxy-only");
        assert_eq!(gcp_name("9lives", "subnet"), "subnet-9lives");
        assert_eq!(gcp_name("--", "subnet"), "subnet");
        assert_eq!(gcp_name(&"a".repeat(80), "subnet").len(), 63);
    }

    #[test]
    fn unique_adds_counters() {
        let mut u = Unique::new(IdKind::Cfn);
        u.reserve("VPC");
        assert_eq!(u.take("Subnet"), "Subnet");
        assert_eq!(u.take("subnet"), "subnet2");
        assert_eq!(u.take("Vpc"), "Vpc2");
        let mut g = Unique::new(IdKind::Gcp);
        let long = "a".repeat(63);
        assert_eq!(g.take(&long), long);
        let second = g.take(&long);
        assert_eq!(second.len(), 63);
        assert!(second.ends_with("-2"));
    }
}
