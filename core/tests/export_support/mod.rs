//! Shared by the export tests: the plans they export and small readers for the outputs.

#![allow(dead_code)]

use cidrplan::plan::{from_json, presets, Layout, Plan};

/// The tricky-names plan as a file holds it (valid: no control characters).
pub fn tricky_file() -> Plan {
    from_json(include_str!("../golden/tricky-plan.json")).expect("tricky plan loads")
}

/// Text swapped into every name of the tricky plan after layout: names a form refuses
/// (newlines, CR, line separators, bidi overrides, a fake comment and a fake YAML list item)
/// may still reach an exporter from code, and must not break any output.
fn swap(s: &str) -> String {
    s.replace("a\"b${x}", "a\"b${x}\nnew line\r\u{2028}\u{202e}")
        .replace("evil", "evil\n# not a comment")
        .replace("*z2", "*z2\n- item: *x")
}

/// The tricky plan with newlines and other control characters in its names, and its layout.
pub fn tricky() -> (Plan, Layout) {
    let mut plan = tricky_file();
    let mut layout = plan.layout().expect("tricky plan lays out");
    plan.name = swap(&plan.name);
    for t in &mut plan.tiers {
        t.name = swap(&t.name);
    }
    for z in &mut plan.zones {
        *z = swap(z);
    }
    for s in &mut layout.subnets {
        s.name = swap(&s.name);
    }
    for g in layout.tier_summaries.iter_mut().chain(layout.zone_summaries.iter_mut()) {
        g.name = swap(&g.name);
    }
    for r in &mut layout.reserved {
        r.label = swap(&r.label);
    }
    (plan, layout)
}

/// Fragments of the tricky names that must never appear outside a quoted string or comment.
pub const FRAGMENTS: [&str; 9] =
    ["new line", "${x}", "not a comment", "item:", "*star", "&anchor", "!tag", "日本語", "%{x}"];

/// Every plan the tests export: the presets, the tricky plan as a file holds it, and with
/// control characters.
pub fn all_plans() -> Vec<(String, Plan, Layout)> {
    let mut out: Vec<(String, Plan, Layout)> = presets()
        .into_iter()
        .map(|(id, _, p)| {
            let l = p.layout().expect("preset lays out");
            (id.to_string(), p, l)
        })
        .collect();
    let file = tricky_file();
    let l = file.layout().expect("tricky plan lays out");
    out.push(("tricky-file".to_string(), file, l));
    let (p, l) = tricky();
    out.push(("tricky".to_string(), p, l));
    out
}

/// A lexed HCL document: the code outside strings and comments, the quoted strings (raw,
/// without quotes) and the comments.
#[derive(Debug, Default)]
pub struct HclLex {
    pub code: String,
    pub strings: Vec<String>,
    pub comments: Vec<String>,
}

/// Split HCL text into code, string literals and comments. Panics on an unterminated
/// string or a raw line break inside one.
pub fn lex_hcl(text: &str) -> HclLex {
    let mut lex = HclLex::default();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' || (c == '/' && chars.get(i + 1) == Some(&'/')) {
            let end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| i + p);
            lex.comments.push(chars[i..end].iter().collect());
            lex.code.push('\n');
            i = end + 1;
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                let c = *chars.get(i).expect("unterminated HCL string");
                assert!(c != '\n' && c != '\r', "raw line break in an HCL string: {s:?}");
                if c == '\\' {
                    s.push(c);
                    s.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if c == '"' {
                    i += 1;
                    break;
                }
                s.push(c);
                i += 1;
            }
            lex.strings.push(s);
            lex.code.push_str("\"\"");
        } else {
            lex.code.push(c);
            i += 1;
        }
    }
    lex
}

/// The value of an HCL string literal's body, or `Err` with the template sequence it holds
/// (`${…}` or `%{…}` that HCL would evaluate).
pub fn hcl_unescape(body: &str) -> Result<String, String> {
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let third = chars.get(i + 2).copied();
        match c {
            '\\' => {
                match next {
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('u') | Some('U') => {
                        let n = if next == Some('u') { 4 } else { 8 };
                        let hex: String = chars[i + 2..i + 2 + n].iter().collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).expect("hex")).expect("char"));
                        i += 2 + n;
                        continue;
                    }
                    other => panic!("bad HCL escape \\{other:?} in {body:?}"),
                }
                i += 2;
            }
            '$' | '%' if next == Some(c) && third == Some('{') => {
                out.push(c);
                out.push('{');
                i += 3;
            }
            '$' | '%' if next == Some('{') => return Err(chars[i..].iter().collect()),
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Every `cidrsubnet(BASE, NEWBITS, NETNUM)` with numeric arguments in `text`, outside
/// comments, in order.
pub fn cidrsubnets(text: &str) -> Vec<(String, u8, u128)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with('#') {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("cidrsubnet(") {
            let after = &rest[at + "cidrsubnet(".len()..];
            let Some(end) = after.find(')') else { break };
            let args: Vec<&str> = after[..end].split(',').map(str::trim).collect();
            if let [base, bits, num] = args[..] {
                if let (Ok(b), Ok(n)) = (bits.parse::<u8>(), num.parse::<u128>()) {
                    out.push((base.to_string(), b, n));
                }
            }
            rest = &after[end..];
        }
    }
    out
}

/// A YAML line split into code, double-quoted strings (decoded as JSON) and its comment.
#[derive(Debug, Default)]
pub struct YamlLine {
    pub code: String,
    pub strings: Vec<String>,
    pub comment: Option<String>,
}

/// Lex one line of the CloudFormation output (only double-quoted strings are used there).
pub fn lex_yaml_line(line: &str) -> YamlLine {
    let mut out = YamlLine::default();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' && (i == 0 || chars[i - 1] == ' ') {
            out.comment = Some(chars[i..].iter().collect());
            break;
        }
        if c == '"' {
            let start = i;
            i += 1;
            while chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            let quoted: String = chars[start..=i].iter().collect();
            out.strings.push(serde_json::from_str(&quoted).unwrap_or_else(|e| panic!("bad YAML string {quoted}: {e}")));
            out.code.push_str("\"\"");
            i += 1;
            continue;
        }
        out.code.push(c);
        i += 1;
    }
    out
}

/// RFC 4180 records (CRLF line ends, quoted fields with doubled quotes).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF outside quotes");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("bare LF outside quotes"),
            c => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "CSV does not end with CRLF");
    records
}
