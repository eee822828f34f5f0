//! The designer's summary in units people use and its warning for IPv6 subnets longer than
//! /64 (issue #9 item 10), and the usable column's short counts.

mod design_support;

use cidrplan::design::{space_unit, Design};
use cidrplan::table::rows_in_window;
use cidrplan::{Count, Mode};
use design_support::net;

#[test]
fn ipv6_space_is_counted_in_64s_and_free_blocks_by_size() {
    let mut d = Design::new(net("2001:db8::/48"), Mode::Standard);
    assert_eq!(d.summary_line(), "1 subnet in 2001:db8::/48 · 0 of 65,536 /64s noted (0.0%) · Free: 1 × /48 (100.0%)");
    d.split(net("2001:db8::/48"), 16).unwrap();
    d.split(net("2001:db8::/52"), 16).unwrap();
    d.split(net("2001:db8::/56"), 16).unwrap();
    d.set_note(net("2001:db8::/60"), "lab").unwrap();
    assert_eq!(
        d.summary_line(),
        "46 subnets in 2001:db8::/48 · 16 of 65,536 /64s noted (0.0%) · Free: 15 × /52, 15 × /56, 15 × /60 (100.0%)"
    );
    d.split(net("2001:db8:0:10::/60"), 16).unwrap();
    assert!(
        d.summary_line().ends_with("Free: 15 × /52, 15 × /56, 14 × /60 and 16 smaller (100.0%)"),
        "{}",
        d.summary_line()
    );
}

#[test]
fn ipv4_summary_still_counts_addresses() {
    let mut d = Design::new(net("10.0.0.0/22"), Mode::Standard);
    d.split(net("10.0.0.0/22"), 2).unwrap();
    d.set_note(net("10.0.0.0/23"), "app").unwrap();
    assert_eq!(d.summary_line(), "2 subnets · 512 addresses noted (50.0%) · 512 free (50.0%) · 1,024 in 10.0.0.0/22");
}

#[test]
fn units_follow_the_base() {
    assert_eq!(space_unit(net("2001:db8::/48")), Some(64));
    assert_eq!(space_unit(net("2001:db8::/40")), Some(56));
    assert_eq!(space_unit(net("2001:db8::/32")), Some(48), "an ISP's /32: 65,536 /48s");
    assert_eq!(space_unit(net("2001:db8::/64")), None, "a /64 and longer: addresses");
    assert_eq!(space_unit(net("::/0")), Some(32));
    assert_eq!(space_unit(net("10.0.0.0/8")), None);
    let isp = Design::new(net("2001:db8::/32"), Mode::Standard);
    assert!(isp.summary_line().contains("0 of 65,536 /48s noted"), "{}", isp.summary_line());
    let lan = Design::new(net("2001:db8::/64"), Mode::Standard);
    assert!(lan.summary_line().contains("0 of 2⁶⁴ addresses noted"), "{}", lan.summary_line());
    let all = Design::new(net("::/0"), Mode::Standard);
    assert!(all.summary_line().contains("of 4,294,967,296 /32s"), "{}", all.summary_line());
}

#[test]
fn space_smaller_than_the_unit_is_about() {
    let mut d = Design::new(net("2001:db8::/62"), Mode::Standard);
    d.split_all_to(65).unwrap();
    d.set_note(net("2001:db8::/65"), "half").unwrap();
    assert!(d.summary_line().contains("≈0.5 of 4 /64s noted (12.5%)"), "{}", d.summary_line());
}

#[test]
fn splitting_past_64_in_standard_mode_warns_and_marks_rows() {
    let mut d = Design::new(net("2001:db8::/64"), Mode::Standard);
    assert_eq!(d.size_warning(), None);
    d.split(net("2001:db8::/64"), 2).unwrap();
    let w = d.size_warning().expect("a warning");
    assert!(w.starts_with("2 subnets are longer than /64 (/65)."), "{w}");
    assert!(w.contains("SLAAC") && w.contains("RFC 7421"), "{w}");
    let rows = rows_in_window(&d, 0..2);
    assert!(rows[0].problem.as_deref().is_some_and(|p| p.contains("RFC 7421")));
    d.split(net("2001:db8::/65"), 16).unwrap();
    assert!(d.size_warning().unwrap().starts_with("17 subnets are longer than /64 (/65 to /69)."));
    d.join_all();
    assert_eq!(d.size_warning(), None);
    // A /64 leaf is fine, IPv4 never warns, and the cloud modes refuse instead of warning.
    let mut v4 = Design::new(net("10.0.0.0/24"), Mode::Standard);
    v4.split_all_to(30).unwrap();
    assert_eq!(v4.size_warning(), None);
    assert_eq!(Mode::Aws.size_warning(net("2001:db8::/80")), None);
    assert!(Mode::Aws.size_problem(net("2001:db8::/80")).is_some());
}

#[test]
fn usable_counts_fit_their_column() {
    assert_eq!(Count::new(254).compact(), "254");
    assert_eq!(Count::pow2(32).compact(), "4,294,967,296", "every IPv4 count stays exact");
    assert_eq!(Count::pow2(64).compact(), "2⁶⁴");
    assert_eq!(Count::pow2(128).compact(), "2¹²⁸");
    assert_eq!(Count::pow2(64).saturating_sub(5).compact(), "2⁶⁴ − 5");
    assert_eq!(Count::pow2(128).saturating_sub(2).compact(), "2¹²⁸ − 2");
    assert_eq!(Count::new(10_000_000_000_000_000_000).compact(), "≈1 × 10¹⁹");
    assert_eq!(Count::new(12_345_678_901_234).compact(), "≈1.23 × 10¹³");
    let mut d = Design::new(net("2001:db8::/48"), Mode::Standard);
    d.split_all_to(64).unwrap();
    let row = rows_in_window(&d, 0..1).remove(0);
    assert_eq!(row.usable, "2⁶⁴ − 1", "the Subnet-Router anycast address is not usable");
    assert_eq!(row.usable_exact, "18,446,744,073,709,551,615");
    let v4 = Design::new(net("10.0.0.0/24"), Mode::Aws);
    assert_eq!(rows_in_window(&v4, 0..1)[0].usable, "251");
}
