//! Is a rejected input the start of something valid? The calculator waits before it calls
//! `10.0` wrong (someone is typing `10.0.0.0/16`) but says at once that `10.0.0.256` or
//! `10.0.x` is wrong, because nothing typed after them can help.
//!
//! The question is always "can characters appended to this text make [`super::parse`] accept
//! it?". It is answered by the parser itself wherever possible: an address being typed is
//! completed in the way that gives the largest address (the last group or octet filled up,
//! the missing ones set to all ones) and that text is parsed. So every "incomplete" answer is
//! backed by a completion the parser accepts, and the largest completion also answers whether
//! a range typed backwards (`10.0.0.9 - 10.0.0.1`) can still become `10.0.0.9 - 10.0.0.100`.
//! The other direction (every cut of a valid input is called incomplete) is a property test.

use super::{parse_address, parse_address_with_zone, parse_v4, parse_v6, MAX_INPUT_LEN};
use crate::addr::{Addr, Family};

/// Whether appending text to `input` can make `parse` accept it (`true` for the empty input).
pub(super) fn could_complete(input: &str) -> bool {
    if input.len() >= MAX_INPUT_LEN * 4 || input.chars().count() >= MAX_INPUT_LEN {
        return false;
    }
    let text = input.trim_start();
    match text.char_indices().find(|&(_, c)| matches!(c, '-' | '–' | '—')) {
        Some((i, dash)) => range_could_complete(&text[..i], &text[i + dash.len_utf8()..]),
        None => network_could_complete(text),
    }
}

/// `FIRST - LAST…`: the first address is finished (a dash follows it); the last must be able
/// to become an address of the same family that does not come before the first.
fn range_could_complete(left: &str, right: &str) -> bool {
    let Ok(first) = parse_address(left) else { return false };
    let right = right.trim_start();
    if right.is_empty() {
        return true;
    }
    // Whitespace after the last address ends it; another dash or a zone id never parses.
    if right.contains(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '%')) {
        return false;
    }
    largest_completion(right, first.family()).is_some_and(|last| last >= first)
}

/// `ADDR`, `ADDR/MASK`, `ADDR MASK`, split as `parse_network_text` splits them.
fn network_could_complete(text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    let (addr, mask) = if let Some(slash) = text.find('/') {
        (text[..slash].trim_end(), &text[slash + 1..])
    } else if let Some(space) = text.find(char::is_whitespace) {
        (&text[..space], &text[space..])
    } else {
        return address_could_complete(text);
    };
    // Something follows the address, so the address itself is finished.
    match parse_address_with_zone(addr) {
        Ok((a, _)) => mask_could_complete(mask.trim_start(), a.family()),
        Err(_) => false,
    }
}

/// A bare address, possibly with an IPv6 zone id being typed.
fn address_could_complete(text: &str) -> bool {
    if let Some((addr, zone)) = text.split_once('%') {
        // The zone follows a finished IPv6 address; it may be empty so far.
        let v6 = matches!(parse_address(addr), Ok(a) if a.family() == Family::V6);
        return v6 && !zone.contains(|c: char| c == '%' || c.is_whitespace() || c.is_control());
    }
    largest_completion(text, Family::V4).is_some() || largest_completion(text, Family::V6).is_some()
}

/// A prefix length, or for IPv4 a dotted netmask or wildcard mask, being typed.
fn mask_could_complete(m: &str, family: Family) -> bool {
    if m.is_empty() {
        return true;
    }
    if m.contains(char::is_whitespace) {
        // Typing ended with a space after the mask, or a third part began: neither parses.
        return false;
    }
    let leading_zero = m.len() > 1 && m.starts_with('0');
    if m.bytes().all(|b| b.is_ascii_digit())
        && !leading_zero
        && m.parse::<u16>().is_ok_and(|p| p <= family.width() as u16)
    {
        return true;
    }
    // IPv4 masks have one spelling each (no leading zeros), so "can become a mask" is "is the
    // start of one of the 66 spellings of a netmask or wildcard".
    family == Family::V4
        && (0..=32u32).any(|p| {
            let mask = u32::MAX.checked_shl(32 - p).unwrap_or(0);
            Addr::v4(mask).to_string().starts_with(m) || Addr::v4(!mask).to_string().starts_with(m)
        })
}

/// The largest `family` address that `text` can still become by appending characters, or
/// `None` when it cannot become one at all.
fn largest_completion(text: &str, family: Family) -> Option<Addr> {
    match family {
        Family::V4 => parse_v4(&largest_v4_text(text)?).ok().map(Addr::v4),
        Family::V6 => largest_v6_texts(text).iter().filter_map(|t| parse_v6(t).ok()).max().map(Addr::v6),
    }
}

/// `text` (the start of a dotted quad) completed to the largest address it can become:
/// `10.2` → `10.255.255.255`, `10.0.0.2` → `10.0.0.255`, `10.0.0.3` → `10.0.0.39`. The parser
/// checks what was typed; `None` only when `text` has a character no dotted quad has.
fn largest_v4_text(text: &str) -> Option<String> {
    if !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let parts: Vec<&str> = text.split('.').collect();
    let last = parts.last().copied().unwrap_or_default();
    let mut out = format!("{text}{}", largest_octet_tail(last));
    for _ in parts.len()..4 {
        out.push_str(".255");
    }
    Some(out)
}

/// The digits that, appended to the octet being typed, give the largest octet it can become
/// (`2` → `55`, `1` → `99`, `3` → `9`, `26` → nothing, `0` → nothing: no leading zeros).
fn largest_octet_tail(typed: &str) -> String {
    if typed.is_empty() {
        return "255".into();
    }
    let Ok(v) = typed.parse::<u32>() else { return String::new() };
    if typed.starts_with('0') || typed.len() >= 3 {
        return String::new();
    }
    for more in (1..=3 - typed.len() as u32).rev() {
        let scale = 10u32.pow(more);
        let low = v * scale;
        if low <= 255 {
            let best = (low + scale - 1).min(255);
            return format!("{:0width$}", best - low, width = more as usize);
        }
    }
    String::new()
}

/// Completions of `text` (the start of an IPv6 address, no zone) that include its largest:
/// the text itself; the group being typed filled with `f`s and `ffff` groups up to the limit,
/// also after a `::` typed next (`:` → `::ffff:…`); and the last part read as the start of an
/// embedded IPv4 address (`::ffff:1` → `::ffff:199.255.255.255`). The parser decides which of
/// them are addresses.
fn largest_v6_texts(text: &str) -> Vec<String> {
    if !text.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
        return Vec::new();
    }
    let mut out = vec![text.to_string()];
    let head = text.rfind(':').map_or(0, |i| i + 1);
    let last = &text[head..];
    if last.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        if let Some(v4) = largest_v4_text(last) {
            out.push(format!("{}{v4}", &text[..head]));
        }
    }
    if !last.contains('.') {
        out.push(filled_with_groups(text));
        if text.ends_with(':') && !text.contains("::") {
            out.push(filled_with_groups(&format!("{text}:")));
        }
    }
    out
}

/// `text` with its last group filled up with `f`s and `ffff` groups appended up to the limit
/// (8 groups, or 7 beside a `::`).
fn filled_with_groups(text: &str) -> String {
    let last = text.rsplit(':').next().unwrap_or_default();
    let mut filled = format!("{text}{}", "f".repeat(4usize.saturating_sub(last.len())));
    let limit = if text.contains("::") { 7 } else { 8 };
    while filled.split(':').filter(|g| !g.is_empty()).count() < limit {
        filled.push_str(":ffff");
    }
    filled
}

#[cfg(test)]
mod tests {
    use crate::parse::{parse, ErrorKind};

    fn kind(s: &str) -> Option<ErrorKind> {
        parse(s).err().map(|e| e.kind)
    }

    #[test]
    fn the_start_of_a_valid_input_is_incomplete() {
        for s in [
            "",
            " ",
            "1",
            "19",
            "192.",
            "192.168",
            "192.168.1.",
            "2",
            "20",
            "2001",
            "2001:",
            "2001:db8:",
            "fe80::1%",
            ":",
            "::ffff:1.2",
            "10.0.0.0/",
            "10.0.0.0 /",
            "10.0.0.0 255.",
            "10.0.0.0 255.255.2",
            "10.0.0.0/0.0.",
            "10.0.0.0/255",
            "10.0.0.0/255.255.255.1",
            "10.0.0.0 -",
            "10.0.0.0 - ",
            "10.0.0.0 - 10.0",
            "2001:db8:: - 2001:db8:",
            // Backwards for now, but the last address can still grow past the first.
            "10.0.0.9 - 10.0.0.1",
            "10.0.0.90 - 10.0.0.2",
            // Hex digits: `300` and `01` can still become the IPv6 addresses `300::` and `1::`.
            "300",
            "01",
        ] {
            assert_eq!(kind(s), Some(ErrorKind::Incomplete), "{s:?}: {:?}", parse(s));
        }
    }

    #[test]
    fn what_no_typing_can_fix_is_invalid() {
        for s in [
            "10.0.0.256",
            "30000",
            "10.0.x",
            "010.",
            "10.0.0.0.",
            "10..0",
            "1.2.3.4.5",
            "10.0.0.0/33",
            "10.0.0.0/08",
            "10.0.0.0/255.0.2",
            "10.0.0.0/255.255.255.3",
            "10.0/8",
            "10.0.0.0 - ::1",
            "10.0.0.9 - 10.0.0.0",
            "10.0.0.90 - 10.0.0.3",
            "10.0.0.0 - 10.0.0.5 x",
            "g",
            "12345",
            "1:2:3:4:5:6:7:8:",
            ":::",
            "1::2::",
            "2001:db8::/129",
            "2001:db8::/ffff",
            "10.0.0.1%eth0",
            "fe80::1%eth0%",
            "10.0.0.0 255.255.0.0 1",
        ] {
            assert_eq!(kind(s), Some(ErrorKind::Invalid), "{s:?}: {:?}", parse(s));
        }
    }

    #[test]
    fn other_entry_points_leave_errors_invalid() {
        assert_eq!(crate::parse::parse_address("10.0").unwrap_err().kind, ErrorKind::Invalid);
    }
}
