//! Reverse DNS of networks on and off zone boundaries: RFC 2317's own delegations, the zones a
//! short prefix spans, and the edges (/0, /32, /128).

use cidrplan::parse;
use cidrplan::report::Report;
use cidrplan::reverse::{reverse_dns, ReverseDns, ZoneSpan};
use cidrplan::Mode;

fn rev(s: &str) -> ReverseDns {
    reverse_dns(parse(s).unwrap().network())
}

fn span(count: u16, first: &str, last: &str) -> Option<ZoneSpan> {
    Some(ZoneSpan { count, first: first.into(), last: last.into() })
}

#[test]
fn rfc_2317_delegations_of_192_0_2_0_24() {
    // RFC 2317 section 4 splits 192.0.2.0/24 into a /25 and two /26s.
    for (net, name) in [
        ("192.0.2.0/25", "0-127.2.0.192.in-addr.arpa"),
        ("192.0.2.128/26", "128-191.2.0.192.in-addr.arpa"),
        ("192.0.2.192/26", "192-255.2.0.192.in-addr.arpa"),
    ] {
        let r = rev(net);
        assert_eq!(r.classless.as_deref(), Some(name), "{net}");
        assert_eq!(r.zone, "2.0.192.in-addr.arpa", "{net}");
        assert_eq!(r.zones, None, "{net}");
    }
}

#[test]
fn a_26_off_the_octet_says_its_classless_name_and_zone() {
    let r = rev("193.92.150.3/26");
    assert_eq!(r.classless.as_deref(), Some("0-63.150.92.193.in-addr.arpa"));
    assert_eq!(r.zone, "150.92.193.in-addr.arpa");
    assert_eq!(
        r.shown(),
        (
            "0-63.150.92.193.in-addr.arpa".to_string(),
            Some("RFC 2317 classless name, delegated from 150.92.193.in-addr.arpa".to_string())
        )
    );
    assert_eq!(rev("10.0.0.2/31").classless.as_deref(), Some("2-3.0.0.10.in-addr.arpa"));
}

#[test]
fn ipv4_on_a_boundary_is_one_zone() {
    for (net, zone) in
        [("10.1.2.0/24", "2.1.10.in-addr.arpa"), ("10.0.0.0/8", "10.in-addr.arpa"), ("0.0.0.0/0", "in-addr.arpa")]
    {
        let r = rev(net);
        assert_eq!((r.name.as_str(), r.zone.as_str()), (zone, zone), "{net}");
        assert_eq!(r.shown(), (zone.to_string(), None));
        assert_eq!((r.classless, r.zones), (None, None), "{net}");
    }
}

#[test]
fn a_single_address_is_its_ptr_name_in_its_24() {
    let r = rev("192.0.2.5/32");
    assert_eq!(r.name, "5.2.0.192.in-addr.arpa");
    assert_eq!(r.zone, "2.0.192.in-addr.arpa");
    assert_eq!((r.classless, r.zones), (None, None));
    let r = rev("2001:db8::1/128");
    assert_eq!(r.name, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    assert_eq!(r.zone, "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    assert_eq!((r.classless, r.zones), (None, None));
}

#[test]
fn a_short_prefix_off_the_octet_spans_zones() {
    let r = rev("172.16.0.0/12");
    assert_eq!(r.zones, span(16, "16.172.in-addr.arpa", "31.172.in-addr.arpa"));
    assert_eq!(r.zone, "172.in-addr.arpa");
    assert_eq!(r.classless, None);
    assert_eq!(r.shown().0, "16 zones: 16.172.in-addr.arpa … 31.172.in-addr.arpa");
    let r = rev("10.0.2.0/23");
    assert_eq!(r.zones, span(2, "2.0.10.in-addr.arpa", "3.0.10.in-addr.arpa"));
    assert_eq!(r.shown().0, "2 zones: 2.0.10.in-addr.arpa and 3.0.10.in-addr.arpa");
    assert_eq!(rev("128.0.0.0/1").zones, span(128, "128.in-addr.arpa", "255.in-addr.arpa"));
}

#[test]
fn ipv6_by_nibble() {
    let r = rev("2001:db8:1::/64");
    assert_eq!(r.name, "0.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    assert_eq!((r.classless, r.zones), (None, None));
    // A /62 is four /64 zones inside its /60.
    let r = rev("2001:db8:0:4::/62");
    assert_eq!(r.zone, "0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    assert_eq!(
        r.zones,
        span(4, "4.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "7.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
    );
    assert_eq!(r.classless, None, "RFC 2317 names are for IPv4");
    // A /50 is four /52s.
    let r = rev("2001:db8:0:c000::/50");
    assert_eq!(r.zones, span(4, "c.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "f.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"));
    assert_eq!(rev("::/0").zone, "ip6.arpa");
    assert_eq!(rev("8000::/1").zones, span(8, "8.ip6.arpa", "f.ip6.arpa"));
}

#[test]
fn the_report_carries_it() {
    let p = parse("193.92.150.3/26").unwrap();
    let r = Report::new("193.92.150.3/26", &p, Mode::Standard);
    // Unchanged: the smallest zone holding the network.
    assert_eq!(r.reverse_dns, "150.92.193.in-addr.arpa");
    assert_eq!(r.reverse_dns_zone, "150.92.193.in-addr.arpa");
    assert_eq!(r.reverse_dns_classless.as_deref(), Some("0-63.150.92.193.in-addr.arpa"));
    let v = serde_json_value(&r);
    assert_eq!(v["reverse_dns_zones"], serde_json::Value::Null);
    let p = parse("172.16.0.0/12").unwrap();
    let v = serde_json_value(&Report::new("172.16.0.0/12", &p, Mode::Standard));
    assert_eq!(v["reverse_dns_zones"]["count"], 16);
    assert_eq!(v["reverse_dns_zones"]["first"], "16.172.in-addr.arpa");
    assert_eq!(v["reverse_dns_zones"]["last"], "31.172.in-addr.arpa");
    assert_eq!(v["reverse_dns_classless"], serde_json::Value::Null);
}

fn serde_json_value(r: &Report) -> serde_json::Value {
    serde_json::to_value(r).unwrap()
}

#[test]
fn the_calculator_row_says_so() {
    let row = |s: &str| {
        let p = parse(s).unwrap();
        let rows = cidrplan::calc::result_rows(&Report::new(s, &p, Mode::Standard), &p);
        let r = rows.into_iter().find(|r| r.label == "Reverse DNS").expect("a Reverse DNS row");
        (r.value, r.note)
    };
    assert_eq!(
        row("193.92.150.3/26"),
        (
            "0-63.150.92.193.in-addr.arpa".to_string(),
            Some("RFC 2317 classless name, delegated from 150.92.193.in-addr.arpa".to_string())
        )
    );
    assert_eq!(
        row("172.16.0.0/12"),
        (
            "16 zones: 16.172.in-addr.arpa … 31.172.in-addr.arpa".to_string(),
            Some("the prefix is not on a zone boundary; all inside 172.in-addr.arpa".to_string())
        )
    );
    assert_eq!(row("10.0.0.0/24"), ("0.0.10.in-addr.arpa".to_string(), None));
}
