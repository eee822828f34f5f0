//! The network around the subnets in the infrastructure exports: internet gateway, NAT
//! gateways (per zone, shared, none) with their addresses, route tables and associations on
//! AWS (Terraform and CloudFormation), NAT gateways on Azure, Cloud NAT on Google Cloud; the
//! common tags, the outputs modules take, and the header's plan link and overlap warnings.
//! `tests/exports/check_exports.py` checks the same with python-hcl2 and cfn-lint.

mod export_support;

use cidrplan::export::{cloudformation, render_with, terraform, ExportOptions, Format, TfTarget};
use cidrplan::plan::{preset, NatMode, Plan, TierKind};
use cidrplan::share::{decode, ShareState};
use cidrplan::Cidr;

fn plan(id: &str, nat: NatMode) -> Plan {
    Plan { nat, ..preset(id).unwrap() }
}

fn tf(p: &Plan, target: TfTarget) -> String {
    terraform(p, &p.layout().unwrap(), target)
}

fn cfn(p: &Plan) -> String {
    cloudformation(p, &p.layout().unwrap())
}

/// `(key, value)` of the one-line entries of `local.<name>`, unquoted.
fn local_pairs(text: &str, name: &str) -> Vec<(String, String)> {
    let open = format!("  {name} = {{");
    text.lines()
        .skip_while(|l| *l != open)
        .skip(1)
        .take_while(|l| *l != "  }")
        .filter_map(|l| l.trim().split_once(" = "))
        .map(|(k, v)| (k.trim().trim_matches('"').to_string(), v.trim().trim_matches('"').to_string()))
        .collect()
}

/// The value of `attr` in each subnet entry of `local.subnets`, by subnet key.
fn subnet_attr(text: &str, attr: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut key = None;
    for (k, v) in local_pairs(text, "subnets") {
        if v == "{" {
            key = Some(k);
        } else if k == attr {
            out.push((key.clone().unwrap_or_default(), v));
        }
    }
    out
}

/// The body of `resource "<kind>" "<name>"`, if there is one.
fn resource<'a>(text: &'a str, kind: &str, name: &str) -> Option<&'a str> {
    let head = format!("resource \"{kind}\" \"{name}\" {{\n");
    let start = text.find(&head)? + head.len();
    text[start..].find("\n}\n").map(|end| &text[start..start + end])
}

#[test]
fn aws_public_subnets_route_to_an_internet_gateway() {
    let p = plan("aws-3az", NatMode::PerZone);
    let t = tf(&p, TfTarget::Aws);
    assert!(resource(&t, "aws_internet_gateway", "this").unwrap().contains("vpc_id = aws_vpc.this.id"));
    let route = resource(&t, "aws_route", "public_internet").unwrap();
    assert!(route.contains("route_table_id         = aws_route_table.this[\"public\"].id"), "{route}");
    assert!(route.contains("destination_cidr_block = \"0.0.0.0/0\""), "{route}");
    assert!(route.contains("gateway_id             = aws_internet_gateway.this.id"), "{route}");
    assert!(resource(&t, "aws_route", "public_internet_ipv6").is_none(), "IPv4-only plan");
    let tables = subnet_attr(&t, "route_table");
    assert_eq!(tables.len(), 9);
    for (key, table) in &tables {
        let want = match &key[..key.len() - 2] {
            "public" => "public".to_string(),
            "private" => format!("private-{}", &key[key.len() - 1..]),
            "data" => "isolated".to_string(),
            other => panic!("{other}"),
        };
        assert_eq!(table, &want, "{key}");
    }
    let assoc = resource(&t, "aws_route_table_association", "this").unwrap();
    assert!(assoc.contains("for_each = local.subnets"));
    assert!(assoc.contains("route_table_id = aws_route_table.this[each.value.route_table].id"));
    let rt: Vec<String> =
        local_pairs(&t, "route_tables").into_iter().filter(|(_, v)| v == "{").map(|(k, _)| k).collect();
    assert_eq!(rt, ["public", "private-a", "private-b", "private-c", "isolated"]);
    assert!(t.contains("name = \"aws-3az-private-b\""));
}

#[test]
fn aws_nat_per_zone_shared_and_none() {
    // Per zone: a NAT gateway (with an Elastic IP) in each zone's public subnet, and each
    // zone's private table routing through its own.
    let t = tf(&plan("aws-3az", NatMode::PerZone), TfTarget::Aws);
    let nats = local_pairs(&t, "nat_gateways");
    let subnets: Vec<&str> = nats.iter().filter(|(k, _)| k == "subnet").map(|(_, v)| v.as_str()).collect();
    assert_eq!(subnets, ["public-a", "public-b", "public-c"]);
    assert_eq!(
        local_pairs(&t, "nat_routes"),
        [("private-a", "a"), ("private-b", "b"), ("private-c", "c")].map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let eip = resource(&t, "aws_eip", "nat").unwrap();
    assert!(eip.contains("for_each = local.nat_gateways") && eip.contains("domain = \"vpc\""), "{eip}");
    let nat = resource(&t, "aws_nat_gateway", "this").unwrap();
    assert!(nat.contains("allocation_id = aws_eip.nat[each.key].id"), "{nat}");
    assert!(nat.contains("subnet_id     = aws_subnet.this[each.value.subnet].id"), "{nat}");
    let route = resource(&t, "aws_route", "private_nat").unwrap();
    assert!(route.contains("for_each = local.nat_routes"));
    assert!(route.contains("nat_gateway_id         = aws_nat_gateway.this[each.value].id"), "{route}");
    assert!(t.contains("# NAT: one NAT gateway per zone (3,"));
    assert!(t.contains("value       = [aws_nat_gateway.this[\"a\"].id, aws_nat_gateway.this[\"b\"].id, aws_nat_gateway.this[\"c\"].id]"));

    // Shared: one NAT gateway, one private route table for every zone.
    let t = tf(&plan("aws-3az", NatMode::Shared), TfTarget::Aws);
    assert_eq!(local_pairs(&t, "nat_routes"), [("private".to_string(), "shared".to_string())]);
    assert_eq!(local_pairs(&t, "nat_gateways").iter().filter(|(k, _)| k == "subnet").count(), 1);
    assert!(subnet_attr(&t, "route_table")
        .iter()
        .filter(|(k, _)| k.starts_with("private"))
        .all(|(_, v)| v == "private"));
    assert!(t.contains("# NAT: one shared NAT gateway (with an Elastic IP) in zone \"us-east-1a\""));

    // None: a private route table without a default route; no NAT, no Elastic IP.
    let t = tf(&plan("aws-3az", NatMode::None), TfTarget::Aws);
    for (kind, name) in [("aws_nat_gateway", "this"), ("aws_eip", "nat"), ("aws_route", "private_nat")] {
        assert!(resource(&t, kind, name).is_none(), "{kind}.{name}");
    }
    assert!(subnet_attr(&t, "route_table")
        .iter()
        .filter(|(k, _)| k.starts_with("private"))
        .all(|(_, v)| v == "private"));
    assert!(t.contains("# NAT: none (the plan's choice): private subnets have no route out of the VPC"));
    assert!(resource(&t, "aws_route", "public_internet").is_some(), "public subnets still reach the internet");
}

#[test]
fn aws_nat_needs_a_public_subnet() {
    // One public subnet for three zones: the other zones' private subnets use zone a's NAT.
    let mut p = plan("aws-3az", NatMode::PerZone);
    p.tiers[0].per_zone = false;
    let t = tf(&p, TfTarget::Aws);
    assert_eq!(local_pairs(&t, "nat_gateways").iter().filter(|(k, _)| k == "subnet").count(), 1);
    let routes = local_pairs(&t, "nat_routes");
    assert_eq!(routes.len(), 3, "still one private route table per zone: {routes:?}");
    assert!(routes.iter().all(|(_, nat)| nat == "a"), "{routes:?}");
    assert!(t.contains("# Zone \"us-east-1b\" has no public subnet for a NAT gateway: its private subnets use the one in zone \"us-east-1a\"."));

    // No public tier at all: no NAT gateway can exist, and the header says why.
    let mut p = plan("aws-3az", NatMode::PerZone);
    p.tiers[0].kind = TierKind::Isolated;
    let t = tf(&p, TfTarget::Aws);
    assert!(resource(&t, "aws_internet_gateway", "this").is_none());
    assert!(resource(&t, "aws_nat_gateway", "this").is_none());
    assert!(t.contains("but has no public subnet to put them in"));
    let c = cfn(&p);
    assert!(!c.contains("AWS::EC2::NatGateway") && !c.contains("AWS::EC2::InternetGateway"));
}

#[test]
fn aws_dual_stack_routes_ipv6_too() {
    let p = plan("aws-2az-minimal", NatMode::PerZone);
    let t = tf(&p, TfTarget::Aws);
    let v6 = resource(&t, "aws_route", "public_internet_ipv6").unwrap();
    assert!(v6.contains("destination_ipv6_cidr_block = \"::/0\"") && v6.contains("aws_internet_gateway.this.id"));
    assert!(resource(&t, "aws_egress_only_internet_gateway", "this").is_some());
    let egress = resource(&t, "aws_route", "private_ipv6_egress").unwrap();
    assert!(egress.contains("egress_only_gateway_id      = aws_egress_only_internet_gateway.this.id"), "{egress}");
    // Without NAT, no IPv6 egress either.
    let t = tf(&plan("aws-2az-minimal", NatMode::None), TfTarget::Aws);
    assert!(resource(&t, "aws_egress_only_internet_gateway", "this").is_none());
    assert!(resource(&t, "aws_route", "public_internet_ipv6").is_some());
}

#[test]
fn aws_tags_and_outputs() {
    let t = tf(&plan("aws-3az", NatMode::PerZone), TfTarget::Aws);
    assert!(t.contains("variable \"tags\" {\n  description = "));
    assert!(t.contains("  type        = map(string)\n  default     = {}\n"));
    let tagged = t.matches("  tags = merge(var.tags, {\n").count();
    assert_eq!(tagged, t.matches("tags = ").count(), "every tags attribute merges var.tags");
    assert_eq!(tagged, 6, "VPC, subnets, internet gateway, Elastic IPs, NAT gateways, route tables");
    let subnet = resource(&t, "aws_subnet", "this").unwrap();
    assert!(subnet.contains("    Kind = each.value.kind\n"), "{subnet}");
    assert_eq!(subnet_attr(&t, "kind").iter().filter(|(_, k)| k == "isolated").count(), 3);
    for (name, keys) in [
        ("public_subnets", ["public-a", "public-b", "public-c"]),
        ("private_subnets", ["private-a", "private-b", "private-c"]),
        ("isolated_subnets", ["data-a", "data-b", "data-c"]),
    ] {
        let ids: Vec<String> = keys.iter().map(|k| format!("aws_subnet.this[\"{k}\"].id")).collect();
        assert!(t.contains(&format!("output \"{name}\" {{\n")), "{name}");
        assert!(t.contains(&format!("  value       = [{}]\n", ids.join(", "))), "{name}");
    }
    assert!(!t.contains("output \"custom_subnets\""), "no custom tier, no output");
    assert!(t.contains("    \"private\" = {\n      \"us-east-1a\" = aws_subnet.this[\"private-a\"].id\n"));
    for o in
        ["vpc_id", "vpc_cidr_block", "igw_id", "natgw_ids", "nat_public_ips", "private_route_table_ids", "subnet_ids"]
    {
        assert!(t.contains(&format!("output \"{o}\" {{")), "{o}");
    }
}

#[test]
fn cloudformation_has_the_same_network_and_exports_outputs() {
    let p = plan("aws-3az", NatMode::PerZone);
    let c = cfn(&p);
    assert_eq!(c.matches("Type: AWS::EC2::InternetGateway\n").count(), 1);
    assert!(c.contains("Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId: !Ref VPC\n      InternetGatewayId: !Ref InternetGateway"));
    assert_eq!(c.matches("Type: AWS::EC2::NatGateway\n").count(), 3);
    assert_eq!(c.matches("Type: AWS::EC2::EIP\n").count(), 3);
    assert_eq!(c.matches("Type: AWS::EC2::RouteTable\n").count(), 5);
    assert_eq!(c.matches("Type: AWS::EC2::SubnetRouteTableAssociation\n").count(), 9);
    assert!(c.contains("  PublicDefaultRoute:\n    Type: AWS::EC2::Route\n    DependsOn: InternetGatewayAttachment\n    Properties:\n      RouteTableId: !Ref PublicRouteTable\n      DestinationCidrBlock: \"0.0.0.0/0\"\n      GatewayId: !Ref InternetGateway\n"));
    assert!(c.contains("  PrivateDefaultRouteB:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref PrivateRouteTableB\n      DestinationCidrBlock: \"0.0.0.0/0\"\n      NatGatewayId: !Ref NatGatewayB\n"));
    assert!(c.contains("  NatGatewayB:\n    Type: AWS::EC2::NatGateway\n    DependsOn: InternetGatewayAttachment\n    Properties:\n      AllocationId: !GetAtt NatEipB.AllocationId\n      SubnetId: !Ref SubnetPublicB\n"));
    assert!(c.contains("  SubnetDataARouteTableAssociation:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      SubnetId: !Ref SubnetDataA\n      RouteTableId: !Ref IsolatedRouteTable\n"));
    assert!(!c.contains("IsolatedDefaultRoute"), "isolated tables have no default route");
    assert!(c.contains("        - Key: \"Kind\"\n          Value: \"isolated\"\n"));
    // Every output is exported under the stack's name.
    let outputs = c.split("\nOutputs:\n").nth(1).unwrap();
    let ids: Vec<&str> = outputs
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .map(|l| l.trim().trim_end_matches(':'))
        .collect();
    assert!(ids.len() > 9, "{ids:?}");
    for id in &ids {
        assert!(
            outputs.contains(&format!("  {id}:\n"))
                && outputs.contains(&format!("Name: !Sub \"${{AWS::StackName}}-{id}\"\n")),
            "{id}"
        );
    }
    assert!(outputs.contains("  PublicSubnetIds:\n    Description: \"IDs of the public subnets, comma-separated, in tier then zone order\"\n    Value: !Join [\",\", [!Ref SubnetPublicA, !Ref SubnetPublicB, !Ref SubnetPublicC]]\n"));
    for id in
        ["VpcId", "PrivateSubnetIds", "IsolatedSubnetIds", "InternetGatewayId", "NatGatewayIds", "PrivateRouteTableIds"]
    {
        assert!(ids.contains(&id), "{id}: {ids:?}");
    }
    assert!(c.contains("# Common tags: tag the stack"));
    // Shared and none, as in Terraform.
    let c = cfn(&plan("aws-3az", NatMode::Shared));
    assert_eq!(c.matches("Type: AWS::EC2::NatGateway\n").count(), 1);
    assert_eq!(c.matches("NatGatewayId: !Ref NatGatewayShared\n").count(), 1);
    let c = cfn(&plan("aws-3az", NatMode::None));
    assert!(!c.contains("AWS::EC2::NatGateway") && !c.contains("AWS::EC2::EIP"));
    assert!(c.contains("RouteTableId: !Ref PrivateRouteTable\n"));
}

#[test]
fn azure_private_subnets_get_nat_gateways() {
    let t = tf(&plan("aws-3az", NatMode::PerZone), TfTarget::Azure);
    // Zone names that are not Azure zone numbers: one regional gateway.
    assert_eq!(
        local_pairs(&t, "nat_subnets"),
        ["private-a", "private-b", "private-c"].map(|k| (k.to_string(), "shared".to_string()))
    );
    for (kind, name) in [
        ("azurerm_public_ip", "nat"),
        ("azurerm_nat_gateway", "this"),
        ("azurerm_nat_gateway_public_ip_association", "this"),
        ("azurerm_subnet_nat_gateway_association", "this"),
    ] {
        assert!(resource(&t, kind, name).is_some(), "{kind}.{name}");
    }
    assert!(resource(&t, "azurerm_public_ip", "nat").unwrap().contains("sku                 = \"Standard\""));
    assert!(t.contains("tags = merge(var.tags, {\n    plan = local.plan_name\n  })"));
    // Zone numbers: a zonal gateway for each zone's private subnets.
    let mut p = plan("azure-hub", NatMode::PerZone);
    p.tiers.push(cidrplan::plan::Tier::new("app", TierKind::Private, cidrplan::plan::TierSize::Prefix(26)));
    let t = tf(&p, TfTarget::Azure);
    let mut routes = local_pairs(&t, "nat_subnets");
    routes.sort();
    let want = [("app-1", "1"), ("app-2", "2"), ("app-3", "3"), ("shared-services", "shared")];
    assert_eq!(
        routes,
        want.map(|(a, b)| (a.to_string(), b.to_string())),
        "the one-subnet tier uses a regional gateway"
    );
    assert!(t.contains("      zones   = [\"2\"]\n") && t.contains("      zones   = null\n"));
    let t = tf(&plan("aws-3az", NatMode::None), TfTarget::Azure);
    assert!(resource(&t, "azurerm_nat_gateway", "this").is_none());
}

#[test]
fn gcp_private_subnets_get_cloud_nat() {
    let t = tf(&plan("gcp-regional", NatMode::Shared), TfTarget::Gcp);
    let router = resource(&t, "google_compute_router", "this").unwrap();
    assert!(router.contains("network = google_compute_network.this.id"));
    let nat = resource(&t, "google_compute_router_nat", "this").unwrap();
    assert!(nat.contains("source_subnetwork_ip_ranges_to_nat = \"LIST_OF_SUBNETWORKS\""));
    assert_eq!(nat.matches("subnetwork {").count(), 1, "only the private tier: {nat}");
    assert!(nat.contains("name                    = google_compute_subnetwork.this[\"app\"].id"));
    let t = tf(&plan("aws-3az", NatMode::PerZone), TfTarget::Gcp);
    assert_eq!(resource(&t, "google_compute_router_nat", "this").unwrap().matches("subnetwork {").count(), 3);
    assert!(t.contains("Cloud NAT is regional, so one per zone and shared are the same here"));
    let t = tf(&plan("gcp-regional", NatMode::None), TfTarget::Gcp);
    assert!(resource(&t, "google_compute_router", "this").is_none());
}

/// The comment lines a file starts with.
fn header(text: &str) -> Vec<&str> {
    text.lines().take_while(|l| l.starts_with('#')).collect()
}

#[test]
fn headers_carry_the_plan_link() {
    let p = plan("aws-3az", NatMode::Shared);
    let layout = p.layout().unwrap();
    for f in [
        Format::Terraform(Some(TfTarget::Aws)),
        Format::Terraform(Some(TfTarget::Azure)),
        Format::Terraform(Some(TfTarget::Gcp)),
        Format::CloudFormation,
    ] {
        for base in ["", "https://cidrplan.example/tools/"] {
            let text = render_with(&p, &layout, f, &ExportOptions { link_base: base.to_string() }).unwrap();
            let head = header(&text);
            let line = head
                .iter()
                .find_map(|l| l.strip_prefix("# The plan in cidrplan: "))
                .unwrap_or_else(|| panic!("{f}: {head:?}"));
            assert!(line.starts_with(&format!("{base}#v2.")), "{f}: {line}");
            let fragment = line.split_once('#').unwrap().1;
            assert_eq!(decode(fragment).unwrap(), ShareState::Plan(p.clone()), "{f}: the link opens the plan");
            assert!(
                head.contains(
                    &format!("# Regenerate this file: cidrplan plan --from '<that link>' --format {}", f.id()).as_str()
                ),
                "{f}"
            );
        }
    }
    // A base that could break the line or the Markdown is dropped, not written.
    for bad in ["https://x.example/a b", "https://x.example/\n# evil", "https://x.example/\"<b>", "https://é.example/"]
    {
        let text =
            render_with(&p, &layout, Format::CloudFormation, &ExportOptions { link_base: bad.to_string() }).unwrap();
        assert!(text.contains("# The plan in cidrplan: #v2."), "{bad:?}");
        assert!(!text.contains("evil") && !text.contains("<b>"), "{bad:?}");
    }
    let md =
        render_with(&p, &layout, Format::Markdown, &ExportOptions { link_base: "https://cidrplan.example/".into() })
            .unwrap();
    assert!(md.contains("| Open in cidrplan | <https://cidrplan.example/#v2."), "{md}");
}

#[test]
fn headers_state_an_overlapping_vpc_block() {
    let mut p = plan("aws-3az", NatMode::PerZone);
    let onprem: Cidr = cidrplan::parse("10.0.128.0/17").unwrap().network();
    p.avoid.push(onprem.into());
    let layout = p.layout().unwrap();
    assert!(layout.overlaps.iter().any(|o| o.cidr == p.vpc[0]), "the VPC block overlaps the avoided network");
    for text in
        [terraform(&p, &layout, TfTarget::Aws), terraform(&p, &layout, TfTarget::Gcp), cloudformation(&p, &layout)]
    {
        let head = header(&text);
        let warning = head.iter().find(|l| l.starts_with("# WARNING:")).unwrap_or_else(|| panic!("{head:?}"));
        assert!(warning.contains("10.0.0.0/16") && warning.contains("10.0.128.0/17"), "{warning}");
        assert!(head.iter().any(|l| l.contains("cannot be routed to that network")), "{head:?}");
        assert!(head.iter().any(|l| l.contains("A free block of the same size for 10.0.0.0/16:")), "{head:?}");
    }
    // Without the overlap, no warning.
    assert!(!header(&tf(&plan("aws-3az", NatMode::PerZone), TfTarget::Aws)).iter().any(|l| l.contains("WARNING")));
}

#[test]
fn names_in_new_resources_are_escaped() {
    let (p, layout) = export_support::tricky();
    for target in TfTarget::ALL {
        let t = terraform(&p, &layout, target);
        let lex = export_support::lex_hcl(&t);
        for f in export_support::FRAGMENTS {
            assert!(!lex.code.contains(f), "{target}: {f:?} outside a string");
        }
    }
    let t = terraform(&p, &layout, TfTarget::Aws);
    // Route table and NAT names are the plan's name (escaped) and a part.
    assert!(
        t.contains("name = \"evil\\n# not a comment \\\"plan\\\" $${var.x} %%{ if true }x%%{ endif } \\\\ é-public\""),
        "{t}"
    );
    let gcp = terraform(&p, &layout, TfTarget::Gcp);
    assert!(gcp.contains("name    = \"evil-not-a-comment-plan-var-x-if-true-x-endif-router\""), "{gcp}");
}
