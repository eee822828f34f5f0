//! A byte-level fast path for the inputs people (and scripts) type most: an IPv4 or IPv6
//! address, optionally followed by `/PREFIX` or, for IPv4, `/NETMASK` or `/WILDCARD`, with no
//! spaces, zone id or range.
//!
//! It exists for speed only. The full parser (`parse_strict`) splits the text into `&str`
//! parts, collects them into `Vec`s (and `String`s for IPv6), counts characters and trims,
//! so that every rejection can say exactly what is wrong and where; for one accepted address
//! that bookkeeping cost several times the parsing itself (issue 10 part 5: a million mixed
//! strings). This module reads the bytes once, allocates nothing and builds no error: it
//! either returns the very [`NetworkInput`] the full parser returns, or `None`, and the
//! caller then runs the full parser, which accepts or explains. So anything unusual
//! (whitespace, `%zone`, a dash, leading zeros, a bad octet, a non-contiguous mask…) costs
//! one failed quick look and is otherwise handled exactly as before.
//!
//! The tests below check, on many generated inputs, that wherever this path answers, the
//! full parser gives the same answer, and that over its alphabet it answers whenever the full
//! parser accepts.

use super::{prefix_of_mask, NetworkForm, NetworkInput};
use crate::addr::{Addr, Cidr, Family};

/// The network `input` stands for when it is in one of the common forms and valid; `None`
/// when the full parser must look at it (it may still accept it).
pub(super) fn network(input: &str) -> Option<NetworkInput> {
    let s = input.as_bytes();
    let (addr_text, mask_text) = match s.iter().position(|&b| b == b'/') {
        Some(slash) => (&s[..slash], Some(&s[slash + 1..])),
        None => (s, None),
    };
    let addr = if addr_text.contains(&b':') { Addr::v6(v6(addr_text)?) } else { Addr::v4(v4(addr_text)?) };
    let (prefix, form) = match mask_text {
        None => (addr.family().width(), NetworkForm::Address),
        Some(m) => mask(m, addr.family())?,
    };
    let network = Cidr::containing(addr, prefix)?;
    let address = (network.network() != addr).then_some(addr);
    Some(NetworkInput { network, address, zone: None, form })
}

/// A prefix length (digits, no leading zero, at most the family's width) or, for IPv4, a
/// contiguous netmask or wildcard mask in strict dotted-quad form.
fn mask(m: &[u8], family: Family) -> Option<(u8, NetworkForm)> {
    if let Some((p, rest)) = decimal(m, 3) {
        // Digits followed by something else (`24x`, `255.…`) are not a prefix.
        if rest.is_empty() {
            return (p <= u32::from(family.width())).then_some((p as u8, NetworkForm::Prefix));
        }
    }
    if family != Family::V4 {
        return None;
    }
    let v = u128::from(v4(m)?);
    if let Some(p) = prefix_of_mask(v, 32) {
        return Some((p, NetworkForm::Netmask));
    }
    prefix_of_mask(!v & 0xffff_ffff, 32).map(|p| (p, NetworkForm::Wildcard))
}

/// A decimal number of 1 to `max_digits` digits without a leading zero at the start of `s`,
/// and what follows it; `None` for no digits, a leading zero or too many digits.
fn decimal(s: &[u8], max_digits: usize) -> Option<(u32, &[u8])> {
    let len = s.iter().take(max_digits + 1).take_while(|b| b.is_ascii_digit()).count();
    if len == 0 || len > max_digits || (len > 1 && s[0] == b'0') {
        return None;
    }
    let n = s[..len].iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0'));
    Some((n, &s[len..]))
}

/// A strict dotted quad filling all of `s`: four octets 0–255 without leading zeros.
fn v4(s: &[u8]) -> Option<u32> {
    let mut value = 0u32;
    let mut rest = s;
    for i in 0..4 {
        let (octet, after) = decimal(rest, 3)?;
        if octet > 255 {
            return None;
        }
        value = value << 8 | octet;
        rest = match (i, after) {
            (3, []) => after,
            (0..=2, [b'.', tail @ ..]) => tail,
            _ => return None,
        };
    }
    Some(value)
}

/// IPv6 text filling all of `s` (no zone id): groups of 1 to 4 hex digits, at most one `::`
/// standing for at least one zero group, and optionally a dotted quad as the last 32 bits.
fn v6(s: &[u8]) -> Option<u128> {
    // The groups before the `::` (all of them when there is none) and after it, each side
    // as a number and a count of 16-bit groups.
    let (mut head, mut head_groups) = (0u128, 0u32);
    let (mut tail, mut tail_groups) = (0u128, 0u32);
    let mut compressed = false;
    let mut rest = s;
    if let [b':', b':', after @ ..] = rest {
        compressed = true;
        rest = after;
    }
    // Each turn reads one group (or the final dotted quad, two groups) and the separator
    // after it.
    while !rest.is_empty() {
        let digits = rest.iter().take(5).take_while(|b| b.is_ascii_hexdigit()).count();
        let (bits, groups, after) = if rest.get(digits) == Some(&b'.') {
            (u128::from(v4(rest)?), 2, &rest[rest.len()..])
        } else if (1..=4).contains(&digits) {
            (u128::from(hex(&rest[..digits])), 1, &rest[digits..])
        } else {
            return None;
        };
        if head_groups + tail_groups + groups > 8 {
            return None;
        }
        if compressed {
            tail = tail << (16 * groups) | bits;
            tail_groups += groups;
        } else {
            head = head << (16 * groups) | bits;
            head_groups += groups;
        }
        rest = match after {
            [] => after,
            [b':', b':', more @ ..] if !compressed => {
                compressed = true;
                more
            }
            // A single ':' must be followed by another group.
            [b':', more @ ..] if more.first().is_some_and(|&b| b != b':') => more,
            _ => return None,
        };
    }
    match (compressed, head_groups + tail_groups) {
        (false, 8) => Some(head),
        // `::` stands for at least one zero group; the head's groups go to the top.
        (true, 0..=7) => Some(head.checked_shl(16 * (8 - head_groups)).unwrap_or(0) | tail),
        _ => None,
    }
}

/// The value of 1 to 4 hex digits (upper or lower case).
fn hex(digits: &[u8]) -> u16 {
    digits.iter().fold(0, |n, &b| {
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            _ => b - b'A' + 10,
        };
        n << 4 | u16::from(d)
    })
}

#[cfg(test)]
mod tests {
    use super::network;
    use crate::addr::Addr;
    use crate::parse::{parse_strict, Parsed};

    /// xorshift64*: deterministic, so a failure is the same failure on every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.below(xs.len())]
        }
    }

    /// The bytes the fast path reads; over these, it must accept whatever the full parser does.
    const ALPHABET: &[u8] = b"0123456789abcdefABCDEF.:/";
    /// Bytes it never accepts, to check that it leaves them to the full parser.
    const OTHERS: &[u8] = b" %-xg\t";

    fn octet(rng: &mut Rng) -> String {
        match rng.below(4) {
            0 => rng
                .pick(&[
                    "0", "00", "01", "007", "1", "9", "10", "99", "100", "199", "249", "255", "256", "300", "999",
                    "1000", "",
                ])
                .to_string(),
            _ => rng.below(256).to_string(),
        }
    }

    fn v4_text(rng: &mut Rng) -> String {
        match rng.below(6) {
            0 => {
                let n = rng.pick(&["3", "5"]).parse().unwrap();
                (0..n).map(|_| octet(rng)).collect::<Vec<_>>().join(".")
            }
            1 | 2 => (0..4).map(|_| octet(rng)).collect::<Vec<_>>().join("."),
            _ => Addr::v4(rng.next() as u32).to_string(),
        }
    }

    /// About half of the groups zero, so every `::` shape occurs.
    fn v6_value(rng: &mut Rng) -> u128 {
        (0..8).fold(0, |v, _| v << 16 | if rng.below(2) == 0 { 0 } else { u128::from(rng.next() as u16) })
    }

    fn v6_text(rng: &mut Rng) -> String {
        let text = match rng.below(8) {
            0 => Addr::v6(v6_value(rng)).exploded(),
            1 => Addr::v6(0xffff_0000_0000 | u128::from(rng.next() as u32)).to_string(),
            2 => format!("::ffff:{}", v4_text(rng)),
            3 | 4 => {
                // Groups of any length (some empty, making `::` or worse), maybe a dotted quad.
                let n = 1 + rng.below(9);
                let mut groups: Vec<String> = (0..n)
                    .map(|_| match rng.below(6) {
                        0 => String::new(),
                        1 => rng.pick(&["0", "0000", "00000", "ffff", "FFFF", "dB8", "12345", "g"]).to_string(),
                        _ => format!("{:x}", rng.next() as u16),
                    })
                    .collect();
                if rng.below(4) == 0 {
                    groups.push(v4_text(rng));
                }
                groups.join(":")
            }
            _ => Addr::v6(v6_value(rng)).to_string(),
        };
        if rng.below(4) == 0 {
            text.to_uppercase()
        } else {
            text
        }
    }

    fn mask_text(rng: &mut Rng) -> String {
        let p = rng.below(33) as u32;
        let mask = u32::MAX.checked_shl(32 - p).unwrap_or(0);
        match rng.below(10) {
            0 => String::new(),
            1 => rng.pick(&["0", "00", "01", "032", "32", "33", "64", "128", "129", "1000", "-1", "+8"]).to_string(),
            2 => Addr::v4(mask).to_string(),
            3 => Addr::v4(!mask).to_string(),
            // Not contiguous (usually), or not a mask at all.
            4 => Addr::v4(mask ^ 1 << rng.below(32)).to_string(),
            5 => v4_text(rng),
            6 => v6_text(rng),
            _ => rng.below(140).to_string(),
        }
    }

    fn input(rng: &mut Rng) -> String {
        if rng.below(5) == 0 {
            let n = rng.below(25);
            let from = if rng.below(3) == 0 { OTHERS } else { ALPHABET };
            return (0..n)
                .map(
                    |_| {
                        if rng.below(8) == 0 {
                            from[rng.below(from.len())]
                        } else {
                            ALPHABET[rng.below(ALPHABET.len())]
                        }
                    },
                )
                .map(char::from)
                .collect();
        }
        let addr = if rng.below(2) == 0 { v4_text(rng) } else { v6_text(rng) };
        let mut s = match rng.below(4) {
            0 => addr,
            _ => format!("{addr}/{}", mask_text(rng)),
        };
        for _ in 0..rng.below(4).saturating_sub(1) {
            let mut bytes = s.into_bytes();
            let at = rng.below(bytes.len() + 1);
            match rng.below(3) {
                0 if at < bytes.len() => drop(bytes.remove(at)),
                1 => bytes.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
                _ => bytes.insert(at, OTHERS[rng.below(OTHERS.len())]),
            }
            s = String::from_utf8(bytes).unwrap();
        }
        s
    }

    /// Wherever the fast path answers, the full parser gives the same answer; over the fast
    /// path's alphabet, it answers whenever the full parser accepts.
    fn check(s: &str) -> bool {
        let fast = network(s);
        let full = parse_strict(s);
        if let Some(n) = &fast {
            assert_eq!(full, Ok(Parsed::Network(n.clone())), "{s:?}: the paths disagree");
        } else if s.bytes().all(|b| ALPHABET.contains(&b)) {
            assert!(full.is_err(), "{s:?}: the fast path left {full:?} to the full parser");
        }
        fast.is_some()
    }

    #[test]
    fn agrees_with_the_full_parser_on_generated_inputs() {
        let mut rng = Rng(0x5eed_cafe_f00d_0001);
        let n = 200_000;
        let accepted = (0..n).filter(|_| check(&input(&mut rng))).count();
        // Both sides of the comparison are well exercised.
        assert!(accepted > n / 10 && accepted < n * 9 / 10, "{accepted} of {n} accepted");
    }

    #[test]
    fn takes_the_common_forms_and_their_edges() {
        for s in [
            "0.0.0.0/0",
            "255.255.255.255/32",
            "10.0.0.5/16",
            "10.0.0.0/255.255.0.0",
            "10.0.0.0/255.255.255.255",
            "10.0.0.0/0.0.0.0",
            "10.0.0.0/0.0.255.255",
            "10.0.0.0/255.255.255.254",
            "192.168.1.1",
            "::",
            "::/0",
            "::/128",
            "::1",
            "1::",
            "FFFF::/128",
            "2001:0DB8::/32",
            "2001:db8:0:0:0:0:0:1/64",
            "0000:0000:0000:0000:0000:0000:0000:0000/128",
            "::ffff:1.2.3.4/96",
            "::1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3::6:7:8",
        ] {
            assert!(check(s), "{s:?} went to the full parser");
        }
    }

    #[test]
    fn leaves_the_unusual_and_the_wrong_to_the_full_parser() {
        for s in [
            "",
            " 10.0.0.0/8",
            "10.0.0.0/8 ",
            "10.0.0.0 255.0.0.0",
            "10.0.0.0 / 8",
            "010.0.0.1",
            "10.0.0.256",
            "1.2.3",
            "1.2.3.4.5",
            "10.0.0.0/",
            "10.0.0.0/08",
            "10.0.0.0/33",
            "10.0.0.0/-1",
            "10.0.0.0/255.0.255.0",
            "10.0.0.0/255.255.255.01",
            "10.0.0.0/8/8",
            "::/129",
            "::/ffff::",
            "1::2::3",
            ":::",
            ":1::",
            "1:2:3:4:5:6:7:8:",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4::5:6:7:8",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7",
            "12345::",
            "1.2.3.4::",
            "::ffff:1.2.3.256",
            "::ffff:01.2.3.4",
            "::1.2.3.4:5",
            "fe80::1%eth0",
            "10.0.0.0 - 10.0.0.5",
            "10.0.0.0-10.0.0.5",
        ] {
            assert!(!check(s), "{s:?} was taken by the fast path");
        }
    }
}
