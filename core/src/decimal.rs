//! Fixed-point text for the few fractional numbers cidrplan shows (percentages and SVG
//! coordinates), and superscript exponents.
//!
//! Why not `format!("{:.1}", x)`: Rust's float formatting brings its general algorithms
//! (Grisu with a Dragon4 fallback, ~20 KB of wasm) into the web bundle for what is always a
//! small number with one to three decimals. Scaling to an integer and printing that is exact
//! enough for display and costs a few hundred bytes.

/// `x` rounded to `decimals` places (half away from zero), e.g. `fixed(12.345, 1)` is
/// `"12.3"`, `fixed(2.0, 2)` is `"2.00"`. Not-a-number and infinities print as `0`; a result
/// that rounds to zero never shows a minus sign. Exact while `|x| · 10^decimals` stays below
/// 9·10^15 (past that an f64 has no fraction left to show, and the result saturates there).
pub fn fixed(x: f64, decimals: u8) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(u32::from(decimals));
    let x = if x.is_finite() { x } else { 0.0 };
    let scaled = (x.abs() * scale as f64).round();
    // Beyond 2^53 an f64 has no fractional digits left to show; clamp rather than wrap.
    let scaled = if scaled < 9.0e15 { scaled as u64 } else { 9_000_000_000_000_000 };
    let sign = if x < 0.0 && scaled != 0 { "-" } else { "" };
    let (int, frac) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0width$}", width = usize::from(decimals))
    }
}

/// Like [`fixed`], without trailing zeros or a trailing point: `trimmed(1.50, 2)` is `"1.5"`,
/// `trimmed(3.0, 2)` is `"3"`. The form used for SVG coordinates.
pub fn trimmed(x: f64, decimals: u8) -> String {
    let s = fixed(x, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `n` in superscript digits, for exponents: `superscript(64)` is `"⁶⁴"`.
pub fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().bytes().map(|b| DIGITS[usize::from(b - b'0')]).collect()
}

#[cfg(test)]
mod tests {
    use super::{fixed, superscript, trimmed};

    #[test]
    fn agrees_with_std_formatting_away_from_ties() {
        // Values whose next digit is not a tie: std's round-half-even and our half-away
        // agree on all of them.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x % 2_000_000) as f64 / 997.0 - 1000.0;
            for d in 0..=3u8 {
                let std = format!("{v:.*}", usize::from(d));
                let std = if std.trim_start_matches('-').trim_matches(|c| c == '0' || c == '.').is_empty() {
                    std.trim_start_matches('-').to_string()
                } else {
                    std
                };
                assert_eq!(fixed(v, d), std, "{v} to {d} places");
            }
        }
    }

    #[test]
    fn superscript_exponents() {
        assert_eq!(superscript(0), "⁰");
        assert_eq!(superscript(64), "⁶⁴");
        assert_eq!(superscript(128), "¹²⁸");
    }

    #[test]
    fn edge_cases() {
        assert_eq!(fixed(0.05, 1), "0.1");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-1.25, 1), "-1.3");
        assert_eq!(fixed(99.96, 1), "100.0");
        assert_eq!(fixed(f64::NAN, 2), "0.00");
        assert_eq!(fixed(f64::INFINITY, 0), "0");
        assert_eq!(fixed(1e300, 1), "900000000000000.0");
        assert_eq!(trimmed(1.5, 2), "1.5");
        assert_eq!(trimmed(3.0, 2), "3");
        assert_eq!(trimmed(-0.001, 2), "0");
        assert_eq!(trimmed(1.256, 2), "1.26");
        assert_eq!(trimmed(120.0, 0), "120");
    }
}
