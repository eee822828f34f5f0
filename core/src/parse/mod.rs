//! What a person types, parsed strictly and described back.
//!
//! Accepts `10.0.0.0/16`, `10.0.0.5/16` (host bits kept and reported), `10.0.0.0 255.255.0.0`,
//! `10.0.0.0/255.255.0.0`, a wildcard `10.0.0.0/0.0.255.255`, a bare address, a range
//! `10.0.0.0 - 10.0.3.255`, and IPv6 in every RFC 4291 text form with an optional zone id.
//!
//! The rules follow CPython's `ipaddress` (≥ 3.9.5), which most engineers script with: no
//! leading zeros (inet_aton would read them as octal), no shorthand forms such as `10/8`, no hex
//! octets. Every rejection says what is wrong and where, with a suggestion when one is obvious.
//! No input makes any function here panic (a property test feeds it arbitrary strings).
//!
//! A rejection also says whether the input could still become valid by typing more
//! ([`ErrorKind::Incomplete`]: `10.0`, `10.0.0.0/`) or never can ([`ErrorKind::Invalid`]:
//! `10.0.0.256`, `10.0.x`), so that a page can wait before showing the first kind (`partial`).

mod fast;
mod input;
mod partial;

pub use input::{ErrorKind, InputError, NetworkForm, NetworkInput, Parsed, RangeInput};

use crate::addr::{Addr, Cidr, Family};
use crate::ops::range_to_cidrs;

/// Longer inputs are refused before any work is done: the longest meaningful input (an IPv6
/// range with zone ids) is well under this.
pub const MAX_INPUT_LEN: usize = 256;

/// The smallest aligned block holding both `a` and `b` (same family).
pub fn covering(a: Addr, b: Addr) -> Cidr {
    let diff = a.value() ^ b.value();
    let w = a.family().width();
    let host_bits = (128 - diff.leading_zeros()) as u8;
    let prefix = w.saturating_sub(host_bits);
    Cidr::containing(a, prefix).unwrap_or_else(|| Cidr::all(a.family()))
}

/// Parse anything a person may type into the calculator. See the module docs. A rejection's
/// [`InputError::kind`] says whether the input is the start of something valid.
pub fn parse(input: &str) -> Result<Parsed, InputError> {
    // The common forms without allocating; anything else (or wrong) takes the full parser.
    if let Some(n) = fast::network(input) {
        return Ok(Parsed::Network(n));
    }
    parse_strict(input).map_err(|mut e| {
        if partial::could_complete(input) {
            e.kind = ErrorKind::Incomplete;
        }
        e
    })
}

fn parse_strict(input: &str) -> Result<Parsed, InputError> {
    // Bytes bound the work before anything is counted; the message speaks of characters.
    let chars = if input.len() > MAX_INPUT_LEN * 4 { input.len() } else { input.chars().count() };
    if chars > MAX_INPUT_LEN {
        return Err(InputError::new(format!(
            "Input is too long ({chars} characters); an address or network is at most {MAX_INPUT_LEN}"
        )));
    }
    let lead = input.len() - input.trim_start().len();
    let text = input.trim();
    if text.is_empty() {
        return Err(InputError::new("Enter an IPv4 or IPv6 address, network or range"));
    }
    if let Some((i, dash)) = text.char_indices().find(|&(_, c)| c == '-' || c == '–' || c == '—') {
        // A dash right after '/' is a negative prefix (`10.0.0.0/-1`), not a range: the prefix
        // is what is wrong, and the prefix parser says so.
        if !text[..i].trim_end().ends_with('/') {
            return parse_range(text, i, dash.len_utf8()).map_err(|e| e.shifted(lead));
        }
    }
    parse_network_text(text).map(Parsed::Network).map_err(|e| e.shifted(lead))
}

fn parse_range(text: &str, dash_at: usize, dash_len: usize) -> Result<Parsed, InputError> {
    let (left, right) = (&text[..dash_at], &text[dash_at + dash_len..]);
    let l_off = left.len() - left.trim_start().len();
    let r_off = dash_at + dash_len + (right.len() - right.trim_start().len());
    let (left, right) = (left.trim(), right.trim());
    if left.is_empty() || right.is_empty() {
        return Err(InputError::new("A range needs an address on each side of '-', e.g. 10.0.0.0 - 10.0.3.255")
            .at(dash_at, dash_len));
    }
    let first = parse_address(left).map_err(|e| e.shifted(l_off))?;
    let last = parse_address(right).map_err(|e| e.shifted(r_off))?;
    if first.family() != last.family() {
        return Err(InputError::new(format!(
            "A range must stay in one IP version: {first} is IPv{} and {last} is IPv{}",
            first.family().number(),
            last.family().number()
        )));
    }
    if last < first {
        return Err(InputError::new(format!("The range ends before it starts: {last} comes before {first}"))
            .suggest(format!("{last} - {first}")));
    }
    Ok(Parsed::Range(RangeInput { first, last, cidrs: range_to_cidrs(first, last) }))
}

/// `ADDR`, `ADDR/PREFIX`, `ADDR/MASK`, `ADDR MASK` (trimmed text).
fn parse_network_text(text: &str) -> Result<NetworkInput, InputError> {
    // Split into the address and an optional mask part, remembering where the mask starts.
    let (addr_text, mask) = if let Some(slash) = text.find('/') {
        let rest = &text[slash + 1..];
        if let Some(second) = rest.find('/') {
            return Err(InputError::new(format!("Only one '/' is allowed in '{text}'")).at(slash + 1 + second, 1));
        }
        let m_off = slash + 1 + (rest.len() - rest.trim_start().len());
        (text[..slash].trim_end(), Some((rest.trim(), m_off)))
    } else if let Some(space) = text.find(char::is_whitespace) {
        let rest = &text[space..];
        let m_off = space + (rest.len() - rest.trim_start().len());
        let rest = rest.trim();
        if rest.contains(char::is_whitespace) {
            return Err(InputError::new(format!(
                "Too many parts in '{text}': expected an address and a netmask, e.g. 10.0.0.0 255.255.0.0"
            )));
        }
        (&text[..space], Some((rest, m_off)))
    } else {
        (text, None)
    };

    // Suggestions come back for one part; make them a whole corrected input.
    let rest = &text[addr_text.len()..];
    let (addr, zone) = parse_address_with_zone(addr_text).map_err(|mut e| {
        e.suggestion = e.suggestion.map(|s| format!("{s}{rest}"));
        e
    })?;
    let w = addr.family().width();
    let (prefix, form) = match mask {
        None => (w, NetworkForm::Address),
        Some((m, off)) => parse_mask(m, addr.family()).map_err(|mut e| {
            e.suggestion = e.suggestion.map(|s| format!("{addr_text}{s}"));
            e.shifted(off)
        })?,
    };
    let network = Cidr::containing(addr, prefix).ok_or_else(|| InputError::new("prefix out of range"))?;
    let address = (network.network() != addr).then_some(addr);
    Ok(NetworkInput { network, address, zone, form })
}

/// A prefix length (`16`) or, for IPv4, a dotted netmask or wildcard mask.
fn parse_mask(m: &str, family: Family) -> Result<(u8, NetworkForm), InputError> {
    let w = family.width();
    if m.is_empty() {
        return Err(InputError::new(format!("Missing prefix length after '/': use /0 to /{w}")));
    }
    if m.bytes().all(|b| b.is_ascii_digit()) {
        return prefix_digits(m, family).map(|p| (p, NetworkForm::Prefix));
    }
    if let Some(stripped) = m.strip_prefix(['-', '+']) {
        if !stripped.is_empty() && stripped.bytes().all(|b| b.is_ascii_digit()) {
            return Err(
                InputError::new(format!("Prefix {m} is not valid: use a whole number from 0 to {w}")).at(0, m.len())
            );
        }
    }
    match family {
        Family::V6 => {
            // IPv6 has no netmask notation; if a contiguous mask was typed, say which prefix it is.
            let hint = parse_v6(m).ok().and_then(|v| prefix_of_mask(v, 128));
            let mut e =
                InputError::new(format!("'{m}' is not a prefix length: IPv6 networks take /0 to /128")).at(0, m.len());
            if let Some(p) = hint {
                e.message = format!("IPv6 takes a prefix length, not a netmask — did you mean /{p}?");
                e.suggestion = Some(format!("/{p}"));
            }
            Err(e)
        }
        Family::V4 => {
            if !m.contains('.') {
                return Err(InputError::new(format!(
                    "'{m}' is not a prefix length or netmask: use /0 to /32 or a mask like 255.255.255.0"
                ))
                .at(0, m.len()));
            }
            let v = parse_v4(m)? as u128;
            if let Some(p) = prefix_of_mask(v, 32) {
                return Ok((p, NetworkForm::Netmask));
            }
            if let Some(p) = prefix_of_mask(!v & 0xffff_ffff, 32) {
                return Ok((p, NetworkForm::Wildcard));
            }
            Err(InputError::new(format!(
                "{m} is not a valid netmask: its one-bits must be contiguous from the left (like 255.255.240.0)"
            ))
            .at(0, m.len()))
        }
    }
}

/// The digits of a prefix length (`m` is all ASCII digits): no leading zero, within the family.
fn prefix_digits(m: &str, family: Family) -> Result<u8, InputError> {
    let w = family.width();
    if m.len() > 1 && m.starts_with('0') {
        let trimmed = m.trim_start_matches('0');
        let fixed = if trimmed.is_empty() { "0" } else { trimmed };
        return Err(InputError::new(format!("Leading zeros are ambiguous in prefix /{m} — did you mean /{fixed}?"))
            .at(0, m.len())
            .suggest(format!("/{fixed}")));
    }
    match m.parse::<u16>() {
        Ok(p) if p <= w as u16 => Ok(p as u8),
        _ => Err(InputError::new(format!(
            "Prefix /{m} is out of range: IPv{} prefixes go from /0 to /{w}",
            family.number()
        ))
        .at(0, m.len())),
    }
}

/// A prefix length typed on its own, as the planner's and designer's fields take it: `22` or
/// `/22` (spaces around it allowed), under the same rules as the prefix of a network: digits
/// only, no leading zero, at most the family's width. Anything else — `//22`, `22/`, `/-1`,
/// `/ 2 2` — is refused, with the likely prefix suggested when there is one.
pub fn parse_prefix(text: &str, family: Family) -> Result<u8, InputError> {
    let w = family.width();
    let t = text.trim();
    let digits = t.strip_prefix('/').unwrap_or(t).trim_start();
    // `digits` is a slice of `text`: its byte offset there, for the error's span.
    let offset = digits.as_ptr() as usize - text.as_ptr() as usize;
    if digits.is_empty() {
        return Err(InputError::new(format!("Enter a prefix length, /0 to /{w}")));
    }
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        return prefix_digits(digits, family).map_err(|e| e.shifted(offset));
    }
    let shown: String = t.chars().take(20).collect();
    // `//22`, `22/`: the prefix meant is plain to see.
    let bare = digits.trim_matches(|c: char| c == '/' || c.is_whitespace());
    let meant = bare.bytes().all(|b| b.is_ascii_digit()).then(|| prefix_digits(bare, family).ok()).flatten();
    let fix = match meant {
        Some(p) => format!(" — did you mean /{p}?"),
        None => format!(": write one like /24, from /0 to /{w}"),
    };
    let e = InputError::new(format!("'{shown}' is not a prefix length{fix}"));
    Err(match meant {
        Some(p) => e.suggest(format!("/{p}")),
        None => e,
    })
}

/// `address/prefix` exactly (spaces around it allowed), without host bits: what a file
/// import reads (design and plan JSON, the designer's saved index), where nothing may be
/// guessed. The message quotes at most 48 characters of what was found.
pub fn parse_exact_cidr(text: &str) -> Result<Cidr, String> {
    let t = text.trim();
    let (a, p) = t.split_once('/').ok_or_else(|| format!("'{}' is not a network like 10.0.0.0/16", short(t)))?;
    let ip: std::net::IpAddr = a.parse().map_err(|_| format!("'{}' is not an IP address", short(a)))?;
    let addr = Addr::from(ip);
    let w = addr.family().width();
    let prefix = match p.parse::<u8>() {
        Ok(n) if n <= w && (p == "0" || !p.starts_with('0')) => n,
        _ => return Err(format!("'/{}' is not a prefix length from /0 to /{w}", short(p))),
    };
    Cidr::exact(addr, prefix).ok_or_else(|| {
        let net = Cidr::containing(addr, prefix).map(|c| c.to_string()).unwrap_or_default();
        format!("{t} has host bits set; the network is {net}")
    })
}

/// One network as a form field takes it: any spelling [`parse`] reads as a network (a mask,
/// a wildcard, `10.0.0.0 255.255.0.0`), with host bits and ranges refused with what was
/// probably meant, and the parser's own message otherwise.
pub fn parse_network(text: &str) -> Result<Cidr, String> {
    match parse(text) {
        Ok(Parsed::Network(n)) => match n.address {
            None => Ok(n.network),
            Some(_) => Err(format!("{} has host bits set: did you mean {}?", short(text.trim()), n.network)),
        },
        Ok(Parsed::Range(r)) => {
            let list: Vec<String> = r.cidrs.iter().map(|c| c.to_string()).collect();
            Err(format!("{} is a range; write its blocks instead: {}", short(text.trim()), list.join(", ")))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// At most 48 characters of `s`, with "…" when cut.
pub(crate) fn short(s: &str) -> String {
    let cut: String = s.chars().take(48).collect();
    if cut.len() < s.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// The prefix length of a contiguous `width`-bit netmask, or `None`.
fn prefix_of_mask(v: u128, width: u8) -> Option<u8> {
    let shifted = v << (128 - width as u32);
    let ones = shifted.leading_ones();
    (shifted.checked_shl(ones).unwrap_or(0) == 0).then_some(ones as u8)
}

/// A single address (IPv4 or IPv6, zone id refused). Used for range ends and by the CLI.
pub fn parse_address(text: &str) -> Result<Addr, InputError> {
    let (a, zone) = parse_address_with_zone(text)?;
    if zone.is_some() {
        return Err(InputError::new(format!("A zone id is not allowed here: '{text}'")));
    }
    Ok(a)
}

/// A single address, with the IPv6 zone id if one was given.
pub fn parse_address_with_zone(text: &str) -> Result<(Addr, Option<String>), InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::new("Enter an IPv4 or IPv6 address"));
    }
    if text.len() > MAX_INPUT_LEN * 4 || text.chars().count() > MAX_INPUT_LEN {
        return Err(InputError::new("Address is too long"));
    }
    if let Some(i) = text.find('/') {
        return Err(InputError::new(format!("Unexpected '/' in '{text}': an address is expected here")).at(i, 1));
    }
    if text.contains(':') {
        let (addr_part, zone) = match text.split_once('%') {
            Some((a, z)) => {
                if z.is_empty() || z.contains('%') || z.contains(|c: char| c.is_whitespace() || c.is_control()) {
                    return Err(InputError::new(format!(
                        "Invalid zone id in '{text}': after '%' give one interface name or number, e.g. fe80::1%eth0"
                    ))
                    .at(a.len(), text.len() - a.len()));
                }
                (a, Some(z.to_string()))
            }
            None => (text, None),
        };
        let v = parse_v6(addr_part)?;
        Ok((Addr::v6(v), zone))
    } else {
        if text.contains('%') {
            return Err(InputError::new(format!("A zone id ('%…') belongs to IPv6 addresses only: '{text}'")));
        }
        Ok((Addr::v4(parse_v4(text)?), None))
    }
}

/// Dotted-quad IPv4, strictly: four decimal octets 0–255, no leading zeros.
fn parse_v4(text: &str) -> Result<u32, InputError> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() != 4 {
        let mut e = InputError::new(format!("Expected 4 octets separated by dots, found {} in '{text}'", parts.len()));
        // `10.0.0.0.` and friends: offer the address without the stray dot.
        if parts.len() == 5 && parts[4].is_empty() {
            e = e.suggest(&text[..text.len() - 1]);
        }
        return Err(e);
    }
    let mut value: u32 = 0;
    let mut pos = 0;
    let mut leading_zero_at: Option<(usize, usize)> = None;
    for part in &parts {
        let at = pos;
        pos += part.len() + 1;
        if part.is_empty() {
            return Err(InputError::new(format!("Empty octet in '{text}'")).at(at, 0));
        }
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InputError::new(format!("Octet '{part}' is not a decimal number 0–255")).at(at, part.len()));
        }
        if part.len() > 3 {
            return Err(InputError::new(format!("Octet '{part}' has more than 3 digits")).at(at, part.len()));
        }
        let n: u32 = part.parse().unwrap_or(u32::MAX);
        if n > 255 {
            return Err(InputError::new(format!("Octet {n} is larger than 255")).at(at, part.len()));
        }
        if part.len() > 1 && part.starts_with('0') && leading_zero_at.is_none() {
            leading_zero_at = Some((at, part.len()));
        }
        value = value << 8 | n;
    }
    if let Some((at, len)) = leading_zero_at {
        let fixed = Addr::v4(value).to_string();
        return Err(InputError::new(format!("Leading zeros are ambiguous — did you mean {fixed}?"))
            .at(at, len)
            .suggest(fixed));
    }
    Ok(value)
}

/// IPv6 text (RFC 4291 §2.2, zone id already removed), following CPython's checks and wording
/// closely so that behaviour is predictable for people who know it.
fn parse_v6(text: &str) -> Result<u128, InputError> {
    let err = |m: String| InputError::new(m);
    let mut parts: Vec<String> = text.split(':').map(str::to_string).collect();
    if parts.len() < 3 {
        return Err(err(format!("'{text}' is not an IPv6 address: it needs at least two ':'")));
    }
    // An embedded IPv4 address (`::ffff:1.2.3.4`) stands for the last two groups.
    if let Some(last) = parts.last().filter(|l| l.contains('.')).cloned() {
        let v4 = parse_v4(&last).map_err(|e| {
            let off = text.len() - last.len();
            InputError { message: format!("{} in the IPv4 part of '{text}'", e.message), ..e }.shifted(off)
        })?;
        parts.pop();
        parts.push(format!("{:x}", v4 >> 16));
        parts.push(format!("{:x}", v4 & 0xffff));
    }
    if parts.len() > 9 {
        return Err(err(format!("Too many groups in '{text}': an IPv6 address has at most 8")));
    }
    // Position of the '::' (an empty part that is not at either end).
    let mut skip: Option<usize> = None;
    for (i, p) in parts.iter().enumerate().take(parts.len() - 1).skip(1) {
        if p.is_empty() {
            if skip.is_some() {
                return Err(err(format!("At most one '::' is allowed in '{text}'")));
            }
            skip = Some(i);
        }
    }
    let (hi, lo) = match skip {
        Some(i) => {
            let mut hi = i;
            let mut lo = parts.len() - i - 1;
            if parts[0].is_empty() {
                hi -= 1;
                if hi != 0 {
                    return Err(err(format!("A leading ':' is only allowed as part of '::' in '{text}'")));
                }
            }
            if parts[parts.len() - 1].is_empty() {
                lo -= 1;
                if lo != 0 {
                    return Err(err(format!("A trailing ':' is only allowed as part of '::' in '{text}'")));
                }
            }
            if hi + lo >= 8 {
                return Err(err(format!("'::' must stand for at least one group, but '{text}' already has 8 groups")));
            }
            (hi, lo)
        }
        None => {
            if parts.len() != 8 {
                return Err(err(format!(
                    "Expected 8 groups in '{text}', found {}; use '::' to stand for groups of zeros",
                    parts.len()
                )));
            }
            if parts[0].is_empty() {
                return Err(err(format!("A leading ':' is only allowed as part of '::' in '{text}'")));
            }
            if parts[7].is_empty() {
                return Err(err(format!("A trailing ':' is only allowed as part of '::' in '{text}'")));
            }
            (8, 0)
        }
    };
    let group = |p: &str| -> Result<u16, InputError> {
        if p.len() > 4 {
            return Err(err(format!("Group '{p}' has more than 4 hex digits in '{text}'")));
        }
        if !p.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err(format!("Group '{p}' has a character that is not a hex digit (0–9, a–f) in '{text}'")));
        }
        u16::from_str_radix(p, 16).map_err(|_| err(format!("Group '{p}' is not a hex number in '{text}'")))
    };
    let mut groups: Vec<u16> = Vec::with_capacity(8);
    for p in &parts[..hi] {
        groups.push(group(p)?);
    }
    groups.extend(std::iter::repeat_n(0, 8 - hi - lo));
    for p in &parts[parts.len() - lo..] {
        groups.push(group(p)?);
    }
    Ok(groups.iter().fold(0u128, |acc, &g| acc << 16 | g as u128))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> NetworkInput {
        match parse(s).unwrap() {
            Parsed::Network(n) => n,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn every_form_of_a_network() {
        for s in [
            "10.0.0.0/16",
            " 10.0.0.0/16 ",
            "10.0.0.0 255.255.0.0",
            "10.0.0.0/255.255.0.0",
            "10.0.0.0/0.0.255.255",
            "10.0.0.0 / 16",
        ] {
            assert_eq!(net(s).network.to_string(), "10.0.0.0/16", "{s}");
        }
        assert_eq!(net("10.0.0.0/0.0.255.255").form, NetworkForm::Wildcard);
        assert_eq!(net("10.0.0.0 255.255.0.0").form, NetworkForm::Netmask);
    }

    #[test]
    fn host_bits_are_kept_and_reported() {
        let n = net("10.0.0.5/16");
        assert_eq!(n.network.to_string(), "10.0.0.0/16");
        assert_eq!(n.address.unwrap().to_string(), "10.0.0.5");
        assert!(parse("10.0.0.5/16").unwrap().describe().contains("10.0.0.5 in network 10.0.0.0/16"));
    }

    #[test]
    fn ranges_become_cidrs() {
        let Parsed::Range(r) = parse("10.0.0.0 - 10.0.3.255").unwrap() else { panic!() };
        assert_eq!(r.cidrs.len(), 1);
        assert_eq!(r.cidrs[0].to_string(), "10.0.0.0/22");
        assert_eq!(r.addresses().as_u128(), Some(1024));
        let Parsed::Range(r) = parse("10.0.0.10-10.0.0.20").unwrap() else { panic!() };
        let s: Vec<String> = r.cidrs.iter().map(|c| c.to_string()).collect();
        assert_eq!(s, ["10.0.0.10/31", "10.0.0.12/30", "10.0.0.16/30", "10.0.0.20/32"]);
        let e = parse("10.0.0.9 - 10.0.0.1").unwrap_err();
        assert!(e.message.contains("ends before it starts"));
        assert!(parse("10.0.0.1 - ::1").unwrap_err().message.contains("one IP version"));
    }

    #[test]
    fn ipv6_forms() {
        assert_eq!(net("::").network.to_string(), "::/128");
        assert_eq!(net("2001:0DB8::/32").network.to_string(), "2001:db8::/32");
        assert_eq!(net("::ffff:1.2.3.4").network.network().to_string(), "::ffff:1.2.3.4");
        let z = net("fe80::1%eth0");
        assert_eq!(z.zone.as_deref(), Some("eth0"));
        assert_eq!(
            parse("fe80::1%eth0").unwrap().describe(),
            "IPv6 address, zone eth0 (the interface it is reached on)"
        );
        assert_eq!(z.network.to_string(), "fe80::1/128");
        assert_eq!(net("fe80::%eth0/64").network.to_string(), "fe80::/64");
    }

    #[test]
    fn a_prefix_on_its_own() {
        for (text, want) in [("22", 22), ("/22", 22), (" /22 ", 22), ("/ 22", 22), ("0", 0), ("/32", 32)] {
            assert_eq!(parse_prefix(text, Family::V4), Ok(want), "{text:?}");
        }
        assert_eq!(parse_prefix("/128", Family::V6), Ok(128));
        let e = parse_prefix("//22", Family::V4).unwrap_err();
        assert_eq!(e.message, "'//22' is not a prefix length — did you mean /22?");
        assert_eq!(e.suggestion.as_deref(), Some("/22"));
        assert_eq!(parse_prefix("22/", Family::V4).unwrap_err().suggestion.as_deref(), Some("/22"));
        assert_eq!(
            parse_prefix("/08", Family::V4).unwrap_err().message,
            "Leading zeros are ambiguous in prefix /08 — did you mean /8?"
        );
        assert_eq!(
            parse_prefix("/33", Family::V4).unwrap_err().message,
            "Prefix /33 is out of range: IPv4 prefixes go from /0 to /32"
        );
        assert!(parse_prefix("/129", Family::V6).is_err());
        for bad in ["", "/", "-1", "/+4", "2 2", "/24x", "abc", "/1e2"] {
            assert!(parse_prefix(bad, Family::V4).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(parse_prefix("", Family::V4).unwrap_err().message, "Enter a prefix length, /0 to /32");
    }

    #[test]
    fn rejections_say_what_and_where() {
        let e = parse("10.0.0.256/16").unwrap_err();
        assert_eq!(e.message, "Octet 256 is larger than 255");
        assert_eq!(e.span, Some(7..10));
        let e = parse("010.0.0.1").unwrap_err();
        assert_eq!(e.message, "Leading zeros are ambiguous — did you mean 10.0.0.1?");
        assert_eq!(e.suggestion.as_deref(), Some("10.0.0.1"));
        assert!(parse("1.2.3").unwrap_err().message.contains("Expected 4 octets"));
        assert!(parse("10.0.0.0/33").unwrap_err().message.contains("out of range"));
        assert!(parse("10.0.0.0/255.0.255.0").unwrap_err().message.contains("contiguous"));
        assert!(parse("").unwrap_err().message.contains("Enter"));
        assert!(parse("10.0.0.0/16x").is_err());
        assert!(parse(&"1".repeat(300)).unwrap_err().message.contains("too long (300 characters)"));
        assert!(
            parse(&"é".repeat(200)).unwrap_err().message
                != "Input is too long (400 characters); an address or network is at most 256"
        );
        assert!(parse("fe80::1%eth\u{0}0").unwrap_err().message.contains("zone id"));
        assert!(parse("2001:db8::/ffff:ffff::").unwrap_err().message.contains("did you mean /32"));
        assert_eq!(parse("10.0.0.0/08").unwrap_err().suggestion.as_deref(), Some("10.0.0.0/8"));
        assert_eq!(parse("010.0.0.1/24").unwrap_err().suggestion.as_deref(), Some("10.0.0.1/24"));
    }

    #[test]
    fn a_negative_prefix_is_a_bad_prefix_not_a_range() {
        let e = parse("192.168.1.1/-1").unwrap_err();
        assert_eq!(e.message, "Prefix -1 is not valid: use a whole number from 0 to 32");
        assert_eq!(e.span, Some(12..14));
        let e = parse("2001:db8::/ -64").unwrap_err();
        assert_eq!(e.message, "Prefix -64 is not valid: use a whole number from 0 to 128");
        assert!(parse("10.0.0.0/-").unwrap_err().message.contains("is not a prefix length"));
        // A dash elsewhere is still a range.
        assert!(matches!(parse("10.0.0.1 - 10.0.0.9"), Ok(Parsed::Range(_))));
    }
}
