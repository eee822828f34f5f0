//! The summary line's words: how much of the base is noted and free, in the units people plan
//! with, and the warning a design's sizes call for.
//!
//! IPv4 counts addresses ("512 addresses noted"). IPv6 space is counted in blocks, as people
//! plan it: a /48 holds "65,536 /64s", not 1,208,925,819,614,629,174,706,176 addresses, and
//! free space is listed by block size ("Free: 3 × /50, 8 × /52"), which is what a planner
//! looks for when placing the next site.

use super::Design;
use crate::addr::{Cidr, Count, Family};
use crate::decimal::{fixed, trimmed};

/// Block sizes listed in the IPv6 free-space phrase before the rest is summed up.
const FREE_SIZES_SHOWN: usize = 3;

/// Prefix of the block an IPv6 base's space is counted in: /64 (one LAN) while the base holds
/// at most 65,536 of them, else the /56 or /48 customer and site sizes on the same terms (a
/// /32 holds 65,536 /48s), else /32. `None` for a base of /64 or longer, counted in addresses.
pub fn space_unit(base: Cidr) -> Option<u8> {
    let p = base.prefix();
    if base.family() == Family::V4 || p >= 64 {
        return None;
    }
    Some([64, 56, 48].into_iter().find(|&u| u - p <= 16).unwrap_or(32.max(p + 1)))
}

/// `part / 2^shift` (`shift` < 128) for display: exact when whole, else about, to two places.
fn in_units(part: Count, shift: u8) -> String {
    match part.as_u128() {
        None => Count::pow2(128 - shift).compact(),
        Some(v) if v.trailing_zeros() >= u32::from(shift) => Count::new(v >> shift).compact(),
        Some(_) => {
            let x = part.as_f64() / Count::pow2(shift).as_f64();
            if x < 0.01 {
                "<0.01".into()
            } else {
                format!("≈{}", trimmed(x, 2))
            }
        }
    }
}

impl Design {
    /// The summary line: subnets, noted and free space, the base.
    /// IPv4: "4 subnets · 512 addresses noted (50.0%) · 512 free (50.0%) · 1,024 in 10.0.0.0/22".
    /// IPv6: "16 subnets in 2001:db8::/48 · 4 of 65,536 /64s noted (0.0%) · Free: 3 × /50,
    /// 8 × /52 (99.9%)".
    pub fn summary_line(&self) -> String {
        let s = self.summary();
        let pct = |c: Count| {
            if s.total.as_f64() > 0.0 {
                format!(" ({}%)", fixed(c.as_f64() / s.total.as_f64() * 100.0, 1))
            } else {
                String::new()
            }
        };
        let subnets = if s.leaves == 1 { "1 subnet".to_string() } else { format!("{} subnets", s.leaves) };
        if self.base.family() == Family::V4 {
            return format!(
                "{subnets} · {} addresses noted{} · {} free{} · {} in {}",
                s.noted.grouped(),
                pct(s.noted),
                s.free.grouped(),
                pct(s.free),
                s.total.grouped(),
                self.base
            );
        }
        let (shift, unit) = match space_unit(self.base) {
            Some(u) => (128 - u, format!("/{u}s")),
            None => (0, "addresses".to_string()),
        };
        format!(
            "{subnets} in {} · {} of {} {unit} noted{} · {}{}",
            self.base,
            in_units(s.noted, shift),
            in_units(s.total, shift),
            pct(s.noted),
            self.free_blocks(),
            pct(s.free)
        )
    }

    /// The leaves without a note, counted by size, largest first: "Free: 3 × /50, 8 × /52",
    /// then "and 12 smaller" past three sizes; "Nothing free" when all is noted.
    pub fn free_blocks(&self) -> String {
        let mut by_prefix = [0usize; 129];
        for l in self.leaves.iter().filter(|l| !l.has_note()) {
            by_prefix[usize::from(l.net.prefix())] += 1;
        }
        let sizes: Vec<(usize, usize)> = by_prefix.iter().copied().enumerate().filter(|&(_, n)| n > 0).collect();
        if sizes.is_empty() {
            return "Nothing free".into();
        }
        let shown: Vec<String> = sizes
            .iter()
            .take(FREE_SIZES_SHOWN)
            .map(|&(p, n)| format!("{} × /{p}", Count::new(n as u128).grouped()))
            .collect();
        let rest: usize = sizes.iter().skip(FREE_SIZES_SHOWN).map(|&(_, n)| n).sum();
        let more =
            if rest > 0 { format!(" and {} smaller", Count::new(rest as u128).grouped()) } else { String::new() };
        format!("Free: {}{more}", shown.join(", "))
    }

    /// The warning the leaves' sizes call for, if any: IPv6 subnets longer than /64 where the
    /// mode allows them ([`crate::Mode::size_warning`]). Allowed, since point-to-point links
    /// (/127, RFC 6164) and loopbacks (/128) are longer, but most links need a /64.
    pub fn size_warning(&self) -> Option<String> {
        let long: Vec<u8> =
            self.leaves.iter().filter(|l| self.mode.size_warning(l.net).is_some()).map(|l| l.net.prefix()).collect();
        let shortest = *long.iter().min()?;
        let what = if long.len() == 1 {
            format!("1 subnet is longer than /64 (/{shortest})")
        } else {
            let longest = long.iter().max().copied().unwrap_or(shortest);
            let range = if shortest == longest { format!("/{shortest}") } else { format!("/{shortest} to /{longest}") };
            format!("{} subnets are longer than /64 ({range})", Count::new(long.len() as u128).grouped())
        };
        Some(format!(
            "{what}. SLAAC and many other IPv6 features need a /64 per link (RFC 7421); \
             longer prefixes suit point-to-point links (/127) and loopbacks (/128)."
        ))
    }
}
