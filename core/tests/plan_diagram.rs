//! Diagram geometry and the SVG export.

mod plan_support;

use cidrplan::plan::diagram::{
    diagram, render_svg, to_svg, BoxItem, LaneKind, Role, SegmentKind, SvgTarget, MIN_WIDTH,
};
use cidrplan::plan::{preset, presets, Growth, Ipv6Plan, Pin, Strategy, TierKind, TierSize};
use plan_support::{check_diagram, net, tier};

#[test]
fn presets_draw_cleanly_at_every_width() {
    for (id, _, plan) in presets() {
        for strategy in [Strategy::ZoneMajor, Strategy::TierMajor] {
            let mut plan = plan.clone();
            plan.strategy = strategy;
            let l = plan.layout().unwrap();
            for width in [100.0, 280.0, 320.0, 360.0, 480.0, 640.0, 900.0, 1400.0, f64::NAN] {
                let d = diagram(&plan, &l, width);
                check_diagram(&plan, &l, &d);
                assert!(d.width >= MIN_WIDTH, "{id}");
            }
        }
    }
}

#[test]
fn zone_major_draws_zone_columns_that_stack_when_narrow() {
    let plan = preset("aws-3az").unwrap();
    let l = plan.layout().unwrap();
    let wide = diagram(&plan, &l, 900.0);
    let kinds: Vec<LaneKind> = wide.lanes.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, [LaneKind::Zone(0), LaneKind::Zone(1), LaneKind::Zone(2)]);
    assert!(!wide.stacked);
    // Side by side: one row of columns.
    assert!(wide.lanes.iter().all(|x| x.rect.y == wide.lanes[0].rect.y));
    // Header: zone name and its block.
    let header: Vec<&str> = wide.lanes[1].header.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(header, ["us-east-1b", "10.0.32.0/19"]);
    // Each column: public, private, data, then the free rest of the zone block.
    let col: Vec<BoxItem> =
        wide.boxes.iter().filter(|b| wide.lanes[0].rect.contains(&b.rect)).map(|b| b.item).collect();
    assert_eq!(col, [BoxItem::Subnet(0), BoxItem::Subnet(1), BoxItem::Subnet(2), BoxItem::Free]);
    let first = &wide.boxes[0];
    assert_eq!(first.role, Role::Public);
    let lines: Vec<&str> = first.lines.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(lines, ["public-a", "10.0.16.0/24", "251 usable"]);
    let narrow = diagram(&plan, &l, 340.0);
    assert!(narrow.stacked);
    assert!(narrow.lanes[1].rect.y > narrow.lanes[0].rect.bottom());
    assert!(narrow.height > wide.height);
}

#[test]
fn tier_major_draws_tier_rows() {
    let mut plan = preset("aws-3az").unwrap();
    plan.strategy = Strategy::TierMajor;
    plan.growth = Growth { extra_zones: 1, spare_per_zone: Some(24) };
    let l = plan.layout().unwrap();
    let d = diagram(&plan, &l, 1200.0);
    check_diagram(&plan, &l, &d);
    let kinds: Vec<LaneKind> = d.lanes.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, [LaneKind::Tier(0), LaneKind::Tier(1), LaneKind::Tier(2), LaneKind::Spare]);
    let header: Vec<&str> = d.lanes[1].header.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(header, ["private", "10.0.128.0/17"]);
    let header: Vec<&str> = d.lanes[2].header.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(header, ["data · Isolated", "10.0.8.0/21"]);
    // The private row: three subnets, the growth slot and the room for more zones, side by side.
    let row: Vec<&cidrplan::plan::diagram::BoxGeom> =
        d.boxes.iter().filter(|b| d.lanes[1].rect.contains(&b.rect)).collect();
    assert_eq!(row.len(), 5);
    assert!(row.iter().all(|b| b.rect.y == row[0].rect.y));
    assert_eq!(row[3].role, Role::Growth);
    assert_eq!(row[4].role, Role::Free);
    assert!(d.lanes[3].dashed);
    assert!(!d.stacked);
    assert!(diagram(&plan, &l, 300.0).stacked);
}

#[test]
fn pins_growth_and_single_tiers_are_drawn() {
    let mut plan = preset("aws-3az").unwrap();
    plan.tiers.push(tier("shared", TierKind::Custom, TierSize::Hosts(100), false));
    plan.pinned.push(Pin { tier: 0, zone: Some(1), cidr: net("10.0.200.0/24") });
    plan.growth = Growth { extra_zones: 1, spare_per_zone: Some(22) };
    plan.ipv6 = Some(Ipv6Plan { block: net("2600:1f18:abcd:ef00::/56") });
    let l = plan.layout().unwrap();
    let d = diagram(&plan, &l, 1000.0);
    check_diagram(&plan, &l, &d);
    let kinds: Vec<LaneKind> = d.lanes.iter().map(|x| x.kind).collect();
    assert_eq!(
        kinds,
        [LaneKind::Zone(0), LaneKind::Zone(1), LaneKind::Zone(2), LaneKind::GrowthZone(3), LaneKind::AllZones]
    );
    let pinned: Vec<&cidrplan::plan::diagram::BoxGeom> = d.boxes.iter().filter(|b| b.pinned).collect();
    assert_eq!(pinned.len(), 1);
    assert!(pinned[0].pin.is_some());
    assert!(pinned[0].title.ends_with("pinned"));
    // IPv6 is the fourth line, shortened from the left where the box is narrow.
    let shared = d.boxes.iter().find(|b| b.item == BoxItem::Subnet(9)).unwrap();
    let lines: Vec<&str> = shared.lines.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(lines[2], "123 usable (+23)");
    assert!(lines[3].ends_with("eff3::/64"), "{lines:?}");
    assert!(d.legend.iter().any(|x| x.label.text == "Pinned"));
    assert!(d.legend.iter().any(|x| x.role == Role::Growth));
    // The address map shows the growth zone and free gaps.
    let strip = &d.strips[0];
    assert!(strip.segments.iter().any(|s| matches!(s.kind, SegmentKind::Reservation(_))));
    assert!(strip.segments.iter().any(|s| s.kind == SegmentKind::Free));
    let narrow = diagram(&plan, &l, 300.0);
    check_diagram(&plan, &l, &narrow);
}

#[test]
fn strips_cover_secondary_blocks_too() {
    let mut plan = preset("aws-3az").unwrap();
    plan.vpc = vec![net("10.0.0.0/18"), net("10.1.0.0/18")];
    let l = plan.layout().unwrap();
    let d = diagram(&plan, &l, 700.0);
    check_diagram(&plan, &l, &d);
    assert_eq!(d.strips[1].caption.text, "10.1.0.0/18 · secondary 1 · 11,776 free");
    assert!(d.strips[1].rect.y > d.strips[0].rect.bottom());
}

#[test]
fn svg_for_the_page_links_each_subnet_box_and_segment() {
    let mut plan = preset("aws-3az").unwrap();
    // Hostile text in every name that reaches the markup (it goes in through innerHTML).
    plan.name = "<img src=x onerror=alert(1)>".into();
    plan.region = "r\" onfocus=\"alert(2)".into();
    plan.zones[0] = "z' onmouseover='alert(3)".into();
    plan.tiers[0].name = "t\"><script>alert(4)</script>".into();
    let l = plan.layout().unwrap();
    let d = diagram(&plan, &l, 800.0);
    let svg = render_svg(&d, false, SvgTarget::Page);
    assert!(svg.starts_with("<svg class=\"diagram\" width=\"100%\" viewBox="), "{}", &svg[..80]);
    for bad in ["<img", "<script", "\" onfocus=", "' onmouseover="] {
        assert!(!svg.contains(bad), "unescaped {bad:?} in the page SVG");
    }
    assert!(svg.contains("&lt;img") && svg.contains("&lt;script&gt;") && svg.contains("&quot; onfocus="));
    for (i, s) in l.subnets.iter().enumerate() {
        let hook = format!("data-subnet=\"{i}\"");
        // The box (focusable, named) and its address-map segment, nothing else.
        assert_eq!(svg.matches(&hook).count(), 2, "subnet {i} ({})", s.name);
        // The box's own opening tag names the subnet.
        let tag = svg.split(&hook).nth(1).unwrap().split('>').next().unwrap();
        assert!(tag.starts_with(" tabindex=\"0\" role=\"img\" aria-label=\""), "{tag}");
        assert!(tag.contains(&s.cidr.to_string()), "{tag}");
    }
    assert_eq!(svg.matches("tabindex=\"0\"").count(), l.subnets.len());
    for tag in ["svg", "g", "text", "title"] {
        let opens = svg.matches(&format!("<{tag}>")).count() + svg.matches(&format!("<{tag} ")).count();
        assert_eq!(opens, svg.matches(&format!("</{tag}>")).count(), "<{tag}>");
    }
}

#[test]
fn svg_is_standalone_and_escaped() {
    let mut plan = preset("aws-3az").unwrap();
    plan.name = "<script>alert('x') & \"more\"</script>".into();
    plan.tiers[0].name = "pub<b>&".into();
    let l = plan.layout().unwrap();
    let d = diagram(&plan, &l, 800.0);
    check_diagram(&plan, &l, &d);
    for dark in [false, true] {
        let svg = to_svg(&d, dark);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>\n"));
        assert!(!svg.contains("<script"), "unescaped name");
        assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;) &amp; &quot;more&quot;&lt;/script&gt;"));
        assert!(svg.contains("pub&lt;b&gt;&amp;-a"));
        assert!(!svg.contains("var(--"), "colours must be explicit");
        // Every element that opens is closed (a cheap well-formedness check).
        for tag in ["svg", "g", "text", "title"] {
            let opens = svg.matches(&format!("<{tag}>")).count() + svg.matches(&format!("<{tag} ")).count();
            assert_eq!(opens, svg.matches(&format!("</{tag}>")).count(), "<{tag}>");
        }
        assert!(svg.contains("class=\"box subnet tier-public\""));
        assert!(!svg.contains("data-subnet") && !svg.contains("tabindex"), "a file has no page hooks");
    }
    let light = to_svg(&d, false);
    let dark = to_svg(&d, true);
    assert!(light.contains("fill=\"#ffffff\"") && dark.contains("fill=\"#0b1120\""));
}
