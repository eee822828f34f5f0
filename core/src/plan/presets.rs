//! Plans to start from.

use super::check::v4;
use super::model::{default_region, default_zones, Growth, Plan, Strategy, Tier, TierKind, TierSize};
use super::nat::NatMode;
use crate::addr::Cidr;
use crate::mode::Mode;

fn tier(name: &str, kind: TierKind, prefix: u8, per_zone: bool) -> Tier {
    Tier { name: name.to_string(), kind, size: TierSize::Prefix(prefix), per_zone }
}

fn base(name: &str, provider: Mode, vpc: Cidr, zones: usize, strategy: Strategy, tiers: Vec<Tier>) -> Plan {
    let region = default_region(provider).to_string();
    Plan {
        name: name.to_string(),
        provider,
        zones: default_zones(provider, &region, zones),
        region,
        vpc: vec![vpc],
        tiers,
        strategy,
        growth: Growth::default(),
        pinned: Vec::new(),
        avoid: Vec::new(),
        ipv6: None,
        nat: NatMode::default(),
    }
}

/// Every preset as `(id, label, plan)`, in the order the UI offers them. Each lays out.
pub fn presets() -> Vec<(&'static str, &'static str, Plan)> {
    let aws_3az = base(
        "aws-3az",
        Mode::Aws,
        v4(0x0a00_0000, 16),
        3,
        Strategy::ZoneMajor,
        vec![
            tier("public", TierKind::Public, 24, true),
            tier("private", TierKind::Private, 20, true),
            tier("data", TierKind::Isolated, 24, true),
        ],
    );
    let mut aws_2az = base(
        "aws-2az-minimal",
        Mode::Aws,
        v4(0x0a00_0000, 20),
        2,
        Strategy::TierMajor,
        vec![tier("public", TierKind::Public, 24, true), tier("private", TierKind::Private, 22, true)],
    );
    // 2001:db8::/32 is the documentation prefix: replace it with the VPC's Amazon-provided /56.
    aws_2az.set_ipv6(true);
    let azure_hub = base(
        "azure-hub",
        Mode::Azure,
        v4(0x0a64_0000, 22),
        3,
        Strategy::ZoneMajor,
        vec![
            tier("GatewaySubnet", TierKind::Custom, 27, false),
            tier("AzureFirewallSubnet", TierKind::Public, 26, false),
            tier("AzureFirewallManagementSubnet", TierKind::Custom, 26, false),
            tier("AzureBastionSubnet", TierKind::Public, 26, false),
            tier("shared-services", TierKind::Private, 24, false),
        ],
    );
    let gcp = base(
        "gcp-regional",
        Mode::Gcp,
        v4(0x0a0a_0000, 16),
        3,
        Strategy::ZoneMajor,
        vec![
            tier("app", TierKind::Private, 20, false),
            tier("web", TierKind::Public, 24, false),
            tier("data", TierKind::Isolated, 24, false),
            tier("proxy-only", TierKind::Custom, 23, false),
        ],
    );
    vec![
        ("aws-3az", "AWS 3 AZ: public /24, private /20, data /24 in 10.0.0.0/16", aws_3az),
        ("aws-2az-minimal", "AWS 2 AZ minimal: public /24, private /22 in 10.0.0.0/20, dual-stack", aws_2az),
        ("azure-hub", "Azure hub VNet: gateway, firewall, bastion and shared services in 10.100.0.0/22", azure_hub),
        ("gcp-regional", "GCP regional: app /20, web /24, data /24, proxy-only /23 in 10.10.0.0/16", gcp),
    ]
}

/// The preset with identifier `id`.
pub fn preset(id: &str) -> Option<Plan> {
    presets().into_iter().find(|(i, _, _)| *i == id).map(|(_, _, p)| p)
}
