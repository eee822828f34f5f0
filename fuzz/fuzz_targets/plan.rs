//! The planner on arbitrary plans → `Plan::layout`; when it lays out, the diagram at a fuzzed
//! width, its SVG, every export format, the table, and the JSON and share-link round trips.
//!
//! Input starting with `{` is plan JSON (`plan::from_json`, as the seeds are); anything else is
//! read by a small byte reader that builds a `Plan` field by field: 1–6 zones (sometimes 0 or
//! 7), 0–16 tiers (now and then up to `MAX_TIERS` + 1) of random kinds, sizes and per-zone flags, 1–5 VPC blocks
//! (sometimes 0 or 6) drawn near the usual private ranges, pins inside them, networks to
//! avoid, growth, strategy, provider and an optional IPv6 block. Exhausted input reads as
//! zeros, so every byte string is some plan.
#![no_main]

use cidrplan::export::{self, Format};
use cidrplan::plan::{self, diagram, Growth, Ipv6Plan, Pin, Plan, Strategy, Tier, TierKind, TierSize, MAX_PINS, MAX_TIERS};
use cidrplan::share::{self, ShareState};
use cidrplan::{Addr, Cidr, Mode};
use libfuzzer_sys::fuzz_target;

struct Reader<'a> {
    data: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n.max(1)
    }
    fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }
    /// True about once in `n` reads.
    fn rarely(&mut self, n: u8) -> bool {
        self.byte() % n == n - 1
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
    fn u64(&mut self) -> u64 {
        u64::from(self.u32()) | u64::from(self.u32()) << 32
    }
    fn u128(&mut self) -> u128 {
        u128::from(self.u64()) << 64 | u128::from(self.u64())
    }

    /// Short text, mostly tame, sometimes with quotes, escapes, markup, controls, non-ASCII.
    fn text(&mut self, max: usize) -> String {
        const ALPHABET: &[char] = &[
            'a', 'b', 'c', 'x', 'z', 'A', 'Q', '0', '1', '9', '-', '_', ' ', '.', '/', ':', '"', '\'', '\\', '$', '{',
            '}', '%', '<', '>', '&', '#', '\n', '\t', '\r', '\0', '*', '!', '|', ',', '=', 'é', 'Ж', '中', '💥',
            '\u{202e}', '\u{200b}', '\u{7f}', '`', '[', ']',
        ];
        let n = self.below(max + 1);
        (0..n).map(|_| ALPHABET[self.below(ALPHABET.len())]).collect()
    }

    fn v4_cidr(&mut self) -> Cidr {
        let value = match self.below(6) {
            0 => 0x0a00_0000 | (self.u32() & 0x00ff_ff00), // 10/8
            1 => 0xac10_0000 | (self.u32() & 0x000f_ff00), // 172.16/12
            2 => 0xc0a8_0000 | (self.u32() & 0x0000_ff00), // 192.168/16
            3 => 0x6440_0000 | (self.u32() & 0x003f_ff00), // 100.64/10
            4 => 0x0a00_0000,
            _ => self.u32(),
        };
        let prefix = if self.rarely(8) { self.below(33) as u8 } else { 8 + self.below(21) as u8 };
        Cidr::containing(Addr::v4(value), prefix).expect("prefix ≤ 32")
    }

    fn v6_cidr(&mut self) -> Cidr {
        let value = if self.bool() { 0x2001_0db8u128 << 96 | u128::from(self.u64()) << 32 } else { self.u128() };
        let prefix = match self.below(4) {
            0 => 56,
            1 => 40 + self.below(25) as u8,
            _ => self.below(129) as u8,
        };
        Cidr::containing(Addr::v6(value), prefix).expect("prefix ≤ 128")
    }

    /// A block inside `outer` (or anywhere, now and then).
    fn cidr_in(&mut self, outer: Option<Cidr>) -> Cidr {
        match outer {
            Some(o) if !self.rarely(6) => {
                let extra = self.below(o.host_bits() as usize + 1) as u8;
                let prefix = o.prefix() + extra;
                let offset =
                    if o.host_bits() >= 128 { self.u128() } else { self.u128() & ((1u128 << o.host_bits()) - 1) };
                let addr = Addr::new(o.family(), o.network().value() | offset).expect("inside the block");
                Cidr::containing(addr, prefix).expect("prefix ≤ width")
            }
            _ if self.rarely(4) => self.v6_cidr(),
            _ => self.v4_cidr(),
        }
    }

    fn count(&mut self, usual: std::ops::RangeInclusive<usize>, max: usize) -> usize {
        if self.rarely(16) {
            self.below(max + 1)
        } else {
            usual.start() + self.below(usual.end() - usual.start() + 1)
        }
    }

    fn plan(&mut self) -> Plan {
        let provider = Mode::ALL[self.below(Mode::ALL.len())];
        let mut plan = Plan::new(provider);
        if self.bool() {
            plan.name = self.text(70);
        }
        if self.rarely(4) {
            plan.region = self.text(20);
        }
        let zones = self.count(1..=6, 7);
        plan.zones = if self.bool() {
            plan::default_zones(provider, &plan.region, zones)
        } else {
            (0..zones)
                .map(
                    |i| if self.rarely(3) { self.text(12) } else { plan::default_zone_name(provider, &plan.region, i) },
                )
                .collect()
        };
        let blocks = self.count(1..=5, 6);
        plan.vpc = (0..blocks).map(|_| if self.rarely(12) { self.v6_cidr() } else { self.v4_cidr() }).collect();
        let tiers = self.count(0..=16, MAX_TIERS + 1);
        plan.tiers = (0..tiers)
            .map(|i| {
                let kind = TierKind::ALL[self.below(TierKind::ALL.len())];
                let size = match self.below(8) {
                    0 => TierSize::Hosts(u64::from(self.u32() % 5000)),
                    1 if self.rarely(4) => TierSize::Hosts(self.u64()),
                    1 => TierSize::Hosts(u64::from(self.byte())),
                    2 => TierSize::Prefix(self.byte()),
                    _ => TierSize::Prefix(16 + self.below(13) as u8),
                };
                let name = if self.rarely(3) { self.text(70) } else { format!("tier{i}") };
                Tier { name, kind, size, per_zone: !self.rarely(4) }
            })
            .collect();
        plan.strategy = Strategy::ALL[self.below(Strategy::ALL.len())];
        plan.growth = Growth {
            extra_zones: if self.rarely(3) { self.byte() % 9 } else { 0 },
            spare_per_zone: if self.rarely(3) {
                Some(if self.rarely(4) { self.byte() } else { 16 + self.below(13) as u8 })
            } else {
                None
            },
        };
        let pins = self.count(0..=3, MAX_PINS + 1);
        plan.pinned = (0..pins)
            .map(|_| {
                let outer = plan.vpc.get(self.below(plan.vpc.len() + 1)).copied();
                Pin {
                    tier: self.below(tiers + 1),
                    zone: if self.bool() { Some(self.below(zones + 1)) } else { None },
                    cidr: self.cidr_in(outer),
                }
            })
            .collect();
        let avoid = self.count(0..=3, 17);
        plan.avoid = (0..avoid)
            .map(|_| {
                let outer = plan.vpc.get(self.below(plan.vpc.len() + 1)).copied();
                let c = self.cidr_in(outer);
                // Sometimes a network around a VPC block rather than inside it.
                let c = if self.rarely(4) { c.supernet(c.prefix().saturating_sub(self.byte() % 8)).unwrap_or(c) } else { c };
                cidrplan::plan::Avoid::new(c, if self.bool() { "on-prem" } else { "" })
            })
            .collect();
        if self.rarely(3) {
            plan.ipv6 = Some(Ipv6Plan { block: if self.rarely(8) { self.v4_cidr() } else { self.v6_cidr() } });
        }
        plan
    }

    fn width(&mut self) -> f64 {
        match self.below(8) {
            0 => f64::NAN,
            1 => [f64::INFINITY, f64::NEG_INFINITY, -1.0, 0.0, 1e300, f64::MIN_POSITIVE][self.below(6)],
            2 => f64::from_bits(self.u64()),
            _ => f64::from(u16::from_le_bytes([self.byte(), self.byte()])),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (plan, width) = if data.first() == Some(&b'{') {
        let Ok(plan) = plan::from_json(&String::from_utf8_lossy(data)) else { return };
        let width = 280.0 + f64::from(data.len() as u32 % 1000);
        (plan, width)
    } else {
        let mut r = Reader { data };
        let width = r.width();
        (r.plan(), width)
    };

    let _ = plan.validate();
    let Ok(layout) = plan.layout() else { return };

    let d = diagram::diagram(&plan, &layout, width);
    assert!(d.width.is_finite() && d.height.is_finite(), "diagram of finite size");
    for dark in [false, true] {
        let svg = diagram::to_svg(&d, dark);
        assert!(svg.contains("</svg>"));
    }
    for format in Format::ALL {
        let _ = export::render(&plan, &layout, format);
    }
    let _ = export::render(&plan, &layout, Format::Terraform(None));
    let _ = export::table_rows(&plan, &layout);
    let _ = layout.free_ratio();

    // A plan that lays out must survive its own export formats.
    let json = plan::to_json(&plan);
    match plan::from_json(&json) {
        Ok(back) => assert_eq!(back, plan, "plan to_json → from_json changed the plan:\n{json}"),
        Err(e) => panic!("plan to_json output does not import: {e}\n{json}"),
    }
    let state = ShareState::Plan(plan);
    if let Ok(link) = share::encode_checked(&state) {
        match share::decode(&link) {
            Ok(back) => assert_eq!(back, state, "share link round trip changed the plan"),
            Err(e) => panic!("a plan link from encode_checked does not open: {e}"),
        }
    }
});
