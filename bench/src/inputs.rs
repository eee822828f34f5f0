//! Deterministic inputs and the result checksum shared with the Python side.
//!
//! Inputs are generated here from a fixed seed and written to files for Python to read, so both
//! sides work on byte-for-byte identical inputs without a second RNG implementation.

use cidrplan::{Addr, Cidr};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The seed of every generated input (documented in BENCHMARKS.md).
pub const SEED: u64 = 0x00C1_D291_A4BE_4C40;

/// xorshift64*: tiny, fast and good enough for benchmark inputs.
pub struct XorShift(u64);

impl XorShift {
    /// A generator for one workload: the global seed mixed with a per-workload stream number,
    /// so adding a workload does not change the inputs of the others.
    pub fn new(stream: u64) -> XorShift {
        let mut s = SEED ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        if s == 0 {
            s = 1;
        }
        XorShift(s)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    /// Uniform in `0..n` (modulo bias is negligible for the small `n` used here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// Order-sensitive FNV-1a-style checksum over networks: for each, the low and high 64 bits of
/// the network address, then the prefix. `ipaddress_bench.py` computes the same.
pub struct Checksum(u64);

impl Checksum {
    pub fn new() -> Checksum {
        Checksum(0xCBF2_9CE4_8422_2325)
    }

    fn push(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x0000_0100_0000_01B3);
    }

    fn cidr(&mut self, c: Cidr) {
        let v = c.network().value();
        self.push(v as u64);
        self.push((v >> 64) as u64);
        self.push(u64::from(c.prefix()));
    }

    pub fn of(nets: &[Cidr]) -> u64 {
        let mut h = Checksum::new();
        for &c in nets {
            h.cidr(c);
        }
        h.0
    }
}

pub fn v4(value: u32, prefix: u8) -> Cidr {
    Cidr::exact(Addr::v4(value), prefix).expect("aligned IPv4 block")
}

pub fn v6(value: u128, prefix: u8) -> Cidr {
    Cidr::exact(Addr::v6(value), prefix).expect("aligned IPv6 block")
}

/// `n` random /24s anywhere in the IPv4 space (duplicates allowed, as in real lists).
pub fn random_v4_24s(n: usize, stream: u64) -> Vec<Cidr> {
    let mut rng = XorShift::new(stream);
    (0..n).map(|_| v4(rng.next_u32() & 0xFFFF_FF00, 24)).collect()
}

/// `n` random /64s inside 2001:db8::/44 (2^20 slots), dense enough for some to merge.
pub fn random_v6_64s(n: usize, stream: u64) -> Vec<Cidr> {
    let mut rng = XorShift::new(stream);
    let base: u128 = 0x2001_0db8 << 96;
    (0..n).map(|_| v6(base | (u128::from(rng.below(1 << 20)) << 64), 64)).collect()
}

/// `n` random /24s inside `10.0.0.0/8`.
pub fn random_24s_in_10_8(n: usize, stream: u64) -> Vec<Cidr> {
    let mut rng = XorShift::new(stream);
    (0..n).map(|_| v4(0x0A00_0000 | (rng.below(1 << 16) as u32) << 8, 24)).collect()
}

/// `n` random IPv4 ranges: a random first address and a span of 0 to 2^24 − 1 addresses,
/// its bit length itself random, so both tiny and large ranges occur.
pub fn random_v4_ranges(n: usize, stream: u64) -> Vec<(Addr, Addr)> {
    let mut rng = XorShift::new(stream);
    (0..n)
        .map(|_| {
            let first = rng.next_u32();
            let bits = rng.below(25) as u32;
            let span = (rng.next_u64() & ((1u64 << bits) - 1)) as u32;
            (Addr::v4(first), Addr::v4(first.saturating_add(span)))
        })
        .collect()
}

/// A random IPv6 value with about half of its groups zero, so every `::` shape occurs.
fn random_v6_value(rng: &mut XorShift) -> u128 {
    let mut v = 0u128;
    for _ in 0..8 {
        let g = if rng.below(2) == 0 { 0 } else { rng.next_u64() & 0xFFFF };
        v = v << 16 | u128::from(g);
    }
    v
}

/// The IPv4 netmask of a /prefix as an integer.
fn mask_u32(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    }
}

/// `n` strings both `ipaddress.ip_network(s, strict=False)` and `cidrplan::parse` accept, in
/// the same meaning: 40 % IPv4 `a.b.c.d/p` (host bits set), 10 % IPv4 with a netmask, 5 % with
/// a wildcard mask, 5 % bare IPv4, 25 % compressed IPv6 with a prefix (a tenth IPv4-mapped),
/// 10 % fully written-out IPv6 with a prefix, 5 % bare IPv6.
pub fn mixed_strings(n: usize, stream: u64) -> Vec<String> {
    let mut rng = XorShift::new(stream);
    (0..n)
        .map(|_| {
            let a4 = Addr::v4(rng.next_u32());
            let p4 = rng.below(33) as u8;
            let p6 = rng.below(129) as u8;
            match rng.below(20) {
                0..=7 => format!("{a4}/{p4}"),
                8 | 9 => format!("{a4}/{}", Addr::v4(mask_u32(p4))),
                10 => format!("{a4}/{}", Addr::v4(!mask_u32(p4))),
                11 => a4.to_string(),
                12..=16 => {
                    let a6 = if rng.below(10) == 0 {
                        Addr::v6(0xFFFF_0000_0000 | u128::from(rng.next_u32()))
                    } else {
                        Addr::v6(random_v6_value(&mut rng))
                    };
                    format!("{a6}/{p6}")
                }
                17 | 18 => format!("{}/{p6}", Addr::v6(random_v6_value(&mut rng)).exploded()),
                _ => Addr::v6(random_v6_value(&mut rng)).to_string(),
            }
        })
        .collect()
}

/// Lines of `<network as integer> <prefix>`.
pub fn write_networks(path: &Path, nets: &[Cidr]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    for c in nets {
        writeln!(w, "{} {}", c.network().value(), c.prefix())?;
    }
    w.flush()
}

/// Lines of `<first as integer> <last as integer>`.
pub fn write_ranges(path: &Path, ranges: &[(Addr, Addr)]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    for (a, b) in ranges {
        writeln!(w, "{} {}", a.value(), b.value())?;
    }
    w.flush()
}

/// One string per line.
pub fn write_lines(path: &Path, lines: &[String]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    for l in lines {
        writeln!(w, "{l}")?;
    }
    w.flush()
}
