//! The calculator's input path: any text → `parse` / `parse_address`; when it parses, the
//! report under every mode, the bit view, the prefix rewrite and the neighbour links.
#![no_main]

use cidrplan::calc;
use cidrplan::parse::{parse_address, parse_address_with_zone};
use cidrplan::report::Report;
use cidrplan::Mode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let input = input.as_ref();

    if let Ok(a) = parse_address(input) {
        let _ = calc::bit_groups(a, a.family().width());
    }
    let _ = parse_address_with_zone(input);

    let Ok(parsed) = cidrplan::parse(input) else { return };
    let _ = parsed.describe();
    let net = parsed.network();
    assert!(net.prefix() <= net.width());
    for mode in Mode::ALL {
        let report = Report::new(input, &parsed, mode);
        assert_eq!(report.network, net);
        let _ = serde_json::to_string(&report).expect("a report always serialises");
        let _ = mode.size_problem(net);
        let _ = mode.reserved(net);
        let _ = mode.usable(net);
        let _ = mode.usable_range(net);
    }
    let groups = calc::bit_groups(net.network(), net.prefix());
    assert_eq!(groups.iter().map(|g| g.bits.len()).sum::<usize>(), net.width() as usize);
    let address = match &parsed {
        cidrplan::Parsed::Network(n) => n.address.unwrap_or(net.network()),
        cidrplan::Parsed::Range(r) => r.first,
    };
    let _ = calc::bit_groups(address, net.prefix());
    // The prefix rewrite must give text that parses back (every prefix, and one past the end),
    // unless the " /p" it appends pushes a near-limit input (a long zone id) over the limit.
    for p in [0, net.prefix() / 2, net.prefix(), net.width(), net.width().saturating_add(1), u8::MAX] {
        let text = calc::with_prefix(&parsed, p);
        if text.len() > cidrplan::parse::MAX_INPUT_LEN {
            continue;
        }
        if let Err(e) = cidrplan::parse(&text) {
            panic!("with_prefix({input:?}, {p}) = {text:?} does not parse: {e}");
        }
    }
    let _ = calc::neighbours(net);
});
