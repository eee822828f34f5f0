//! CloudFormation (YAML) for AWS plans: `AWS::EC2::VPC`, `AWS::EC2::VPCCidrBlock` for each
//! secondary block and for the Amazon-provided IPv6 /56, one `AWS::EC2::Subnet` per subnet,
//! the network around them as the Terraform for AWS has it (internet gateway, NAT gateways
//! with Elastic IPs, route tables, default routes and associations; see `routing.rs`), and
//! `Outputs` exported as `<stack name>-<output>`: the VPC, the subnet IDs of each tier kind
//! (comma-separated), the gateways, the route tables and every subnet.
//!
//! CIDRs are literal (CloudFormation's `!Cidr` only numbers up to 256 equal blocks). Every
//! string is double-quoted and escaped ([`super::escape::yaml_str`]); logical IDs are
//! `Subnet` + the name's ASCII words in PascalCase, deduped with a counter. Common tags are
//! the stack's: CloudFormation copies stack tags to every resource that takes tags.

use super::escape::{cfn_id, comment, yaml_str, IdKind, Unique};
use super::header::{free_lines, header};
use super::routing::{aws_network, AwsNetwork, TableRole};
use super::table::{block_label, rows_by_kind, table_rows, TableRow};
use super::terraform::{aws_zone_index, real_aws_zones};
use super::{named, ExportOptions, Format};
use crate::plan::{Layout, Plan, TierKind};

/// CloudFormation allows 200 outputs per template.
const MAX_OUTPUTS: usize = 200;

/// `plan` as a CloudFormation template (YAML). Meant for AWS plans ([`super::render`]
/// refuses others); the AZ and IPv6 choices are in the [module docs](super).
pub fn cloudformation(plan: &Plan, layout: &Layout) -> String {
    cloudformation_with(plan, layout, &ExportOptions::default())
}

/// The logical IDs of everything but the subnets, derived from the network.
struct Ids {
    subnets: Vec<String>,
    associations: Vec<String>,
    tables: Vec<String>,
    nats: Vec<String>,
    eips: Vec<String>,
    secondary: Vec<String>,
}

const FIXED_IDS: [&str; 6] = [
    "VPC",
    "Ipv6CidrBlock",
    "AvailabilityZones",
    "InternetGateway",
    "InternetGatewayAttachment",
    "EgressOnlyInternetGateway",
];

fn ids(plan: &Plan, rows: &[TableRow], net: &AwsNetwork) -> Ids {
    let mut u = Unique::new(IdKind::Cfn);
    FIXED_IDS.iter().for_each(|id| u.reserve(id));
    let secondary: Vec<String> = (1..plan.vpc.len()).map(|i| format!("SecondaryCidrBlock{i}")).collect();
    secondary.iter().for_each(|s| u.reserve(s));
    let tables: Vec<String> = net
        .tables
        .iter()
        .map(|t| {
            let (role, zone) = match t.role {
                TableRole::Public => ("Public", ""),
                TableRole::Private => ("Private", t.key.strip_prefix("private-").unwrap_or("")),
                TableRole::Isolated => ("Isolated", ""),
                TableRole::Custom => ("Custom", ""),
            };
            u.take(&cfn_id(&format!("{role}RouteTable"), zone))
        })
        .collect();
    let nats: Vec<String> = net.nat_gateways.iter().map(|n| u.take(&cfn_id("NatGateway", &n.key))).collect();
    let eips: Vec<String> = net.nat_gateways.iter().map(|n| u.take(&cfn_id("NatEip", &n.key))).collect();
    // Routes are named after their table (`PublicRouteTable` → `PublicDefaultRoute`).
    for t in &tables {
        u.reserve(&t.replace("RouteTable", "DefaultRoute"));
        u.reserve(&t.replace("RouteTable", "DefaultRouteIpv6"));
    }
    let subnets: Vec<String> = rows.iter().map(|r| u.take(&cfn_id("Subnet", &r.name))).collect();
    let associations = subnets.iter().map(|s| u.take(&format!("{s}RouteTableAssociation"))).collect();
    Ids { subnets, associations, tables, nats, eips, secondary }
}

/// `Tags:` with `Name` and more pairs, at `indent` spaces.
fn tags(o: &mut String, indent: usize, pairs: &[(&str, &str)]) {
    let pad = " ".repeat(indent);
    o.push_str(&format!("{pad}Tags:\n"));
    for (k, v) in pairs {
        o.push_str(&format!("{pad}  - Key: {}\n{pad}    Value: {}\n", yaml_str(k), yaml_str(v)));
    }
}

/// [`cloudformation`] with options (see [`super::render_with`]).
pub(crate) fn cloudformation_with(plan: &Plan, layout: &Layout, opts: &ExportOptions) -> String {
    let rows = table_rows(plan, layout);
    let region = plan.region.trim();
    let real = real_aws_zones(plan, region);
    let dual = rows.iter().any(|r| r.ipv6_netnum.is_some());
    let net = aws_network(plan, &rows);
    let ids = ids(plan, &rows, &net);

    let mut o = String::new();
    for line in header(plan, layout, "CloudFormation template", Format::CloudFormation, opts) {
        o.push_str(&format!("# {line}\n"));
    }
    o.push_str("#\n");
    if real {
        o.push_str(
            "# Availability zones: the plan's zone names are real AZs of the region: the AvailabilityZones parameter\n",
        );
        o.push_str("# (zone i is element i) defaults to them.\n");
    } else {
        let zones: Vec<String> = plan.zones.iter().map(|z| comment(z)).collect();
        o.push_str(&format!(
            "# Availability zones: zone i of the plan ({}) is !Select [i, !GetAZs \"\"] in the stack's region.\n",
            zones.join(", ")
        ));
    }
    if rows.iter().any(|r| r.zone_index.is_none()) {
        o.push_str("# A tier with a single subnet is placed in the first zone (an AWS subnet lives in one AZ).\n");
    }
    if let Some(v6) = plan.ipv6 {
        o.push_str(&format!(
            "# IPv6: the VPC gets an Amazon-provided /56 (the plan's {} stands in for it); each subnet takes the /64 with the plan's number from it.\n",
            v6.block
        ));
    }
    for note in &net.notes {
        o.push_str(&format!("# {note}\n"));
    }
    o.push_str("# Common tags: tag the stack (aws cloudformation deploy --tags Key=Value ...); CloudFormation copies stack tags to every resource here.\n");
    if !layout.reserved.is_empty() {
        o.push_str("# Reserved for growth (no resources):\n");
        for r in &layout.reserved {
            o.push_str(&format!("#   {} {}\n", r.cidr, comment(&r.label)));
        }
    }
    for line in free_lines(layout) {
        o.push_str(&format!("# {line}\n"));
    }
    o.push_str("\nAWSTemplateFormatVersion: \"2010-09-09\"\n");
    let blocks: Vec<String> = plan.vpc.iter().map(|c| c.to_string()).collect();
    o.push_str(&format!(
        "Description: {}\n",
        yaml_str(&format!(
            "VPC plan {}: {} subnets in {} (generated by cidrplan)",
            plan.name.trim(),
            rows.len(),
            blocks.join(", ")
        ))
    ));
    if real {
        o.push_str("\nParameters:\n  AvailabilityZones:\n");
        o.push_str("    Description: \"Availability zones of the plan's zones, in order\"\n");
        o.push_str("    Type: List<AWS::EC2::AvailabilityZone::Name>\n");
        o.push_str(&format!("    Default: {}\n", yaml_str(&plan.zones.join(","))));
    }
    o.push_str("\nResources:\n");
    vpc(&mut o, plan, &ids, dual);
    gateways(&mut o, plan, &net);
    subnets(&mut o, &rows, &ids, real, dual);
    nat_gateways(&mut o, plan, &net, &ids);
    route_tables(&mut o, plan, &net, &ids, dual);
    o.push_str("\nOutputs:\n");
    outputs(&mut o, plan, &rows, &net, &ids);
    o
}

fn vpc(o: &mut String, plan: &Plan, ids: &Ids, dual: bool) {
    o.push_str("  VPC:\n    Type: AWS::EC2::VPC\n    Properties:\n");
    o.push_str(&format!(
        "      CidrBlock: {}\n",
        yaml_str(&plan.vpc.first().map(|c| c.to_string()).unwrap_or_default())
    ));
    o.push_str("      EnableDnsSupport: true\n      EnableDnsHostnames: true\n");
    tags(o, 6, &[("Name", &plan.name)]);
    for (i, id) in ids.secondary.iter().enumerate() {
        o.push_str(&format!("\n  # Secondary block {}\n", i + 1));
        o.push_str(&format!("  {id}:\n    Type: AWS::EC2::VPCCidrBlock\n    Properties:\n"));
        o.push_str("      VpcId: !Ref VPC\n");
        o.push_str(&format!("      CidrBlock: {}\n", yaml_str(&plan.vpc[i + 1].to_string())));
    }
    if dual {
        o.push_str("\n  # The Amazon-provided IPv6 /56\n");
        o.push_str("  Ipv6CidrBlock:\n    Type: AWS::EC2::VPCCidrBlock\n    Properties:\n");
        o.push_str("      VpcId: !Ref VPC\n      AmazonProvidedIpv6CidrBlock: true\n");
    }
}

fn gateways(o: &mut String, plan: &Plan, net: &AwsNetwork) {
    if net.internet_gateway() {
        o.push_str("\n  InternetGateway:\n    Type: AWS::EC2::InternetGateway\n    Properties:\n");
        tags(o, 6, &[("Name", &plan.name)]);
        o.push_str("\n  InternetGatewayAttachment:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n");
        o.push_str("      VpcId: !Ref VPC\n      InternetGatewayId: !Ref InternetGateway\n");
    }
    if net.egress_only {
        o.push_str("\n  EgressOnlyInternetGateway:\n    Type: AWS::EC2::EgressOnlyInternetGateway\n    Properties:\n");
        o.push_str("      VpcId: !Ref VPC\n");
    }
}

fn subnets(o: &mut String, rows: &[TableRow], ids: &Ids, real: bool, dual: bool) {
    for (r, id) in rows.iter().zip(&ids.subnets) {
        o.push_str(&format!(
            "\n  # {} {} = cidrsubnet({} block {}, {}, {})\n",
            comment(&r.name),
            r.cidr,
            block_label(r.block_index),
            r.block,
            r.newbits,
            r.netnum
        ));
        o.push_str(&format!("  {id}:\n    Type: AWS::EC2::Subnet\n"));
        let mut depends: Vec<&str> = Vec::new();
        if r.block_index > 0 {
            if let Some(s) = ids.secondary.get(r.block_index - 1) {
                depends.push(s);
            }
        }
        if dual && r.ipv6_netnum.is_some() {
            depends.push("Ipv6CidrBlock");
        }
        if !depends.is_empty() {
            o.push_str(&format!("    DependsOn: [{}]\n", depends.join(", ")));
        }
        o.push_str("    Properties:\n      VpcId: !Ref VPC\n");
        o.push_str(&format!("      CidrBlock: {}\n", yaml_str(&r.cidr.to_string())));
        let zi = aws_zone_index(r);
        if real {
            o.push_str(&format!("      AvailabilityZone: !Select [{zi}, !Ref AvailabilityZones]\n"));
        } else {
            o.push_str(&format!("      AvailabilityZone: !Select [{zi}, !GetAZs \"\"]\n"));
        }
        if r.kind == TierKind::Public {
            o.push_str("      MapPublicIpOnLaunch: true\n");
        }
        if let Some((_, n)) = r.ipv6_netnum {
            o.push_str(&format!(
                "      Ipv6CidrBlock: !Select [{n}, !Cidr [!Select [0, !GetAtt VPC.Ipv6CidrBlocks], 256, 64]]\n"
            ));
            o.push_str("      AssignIpv6AddressOnCreation: true\n");
        }
        tags(o, 6, &[("Name", &r.name), ("Tier", &r.tier), ("Kind", r.kind.id())]);
    }
}

fn nat_gateways(o: &mut String, plan: &Plan, net: &AwsNetwork, ids: &Ids) {
    for (i, n) in net.nat_gateways.iter().enumerate() {
        let name = named(plan, &n.label);
        o.push_str(&format!("\n  {}:\n    Type: AWS::EC2::EIP\n", ids.eips[i]));
        o.push_str("    DependsOn: InternetGatewayAttachment\n    Properties:\n      Domain: vpc\n");
        tags(o, 6, &[("Name", &name)]);
        o.push_str(&format!("\n  {}:\n    Type: AWS::EC2::NatGateway\n", ids.nats[i]));
        o.push_str("    DependsOn: InternetGatewayAttachment\n    Properties:\n");
        o.push_str(&format!("      AllocationId: !GetAtt {}.AllocationId\n", ids.eips[i]));
        o.push_str(&format!("      SubnetId: !Ref {}\n", ids.subnets[n.subnet]));
        tags(o, 6, &[("Name", &name)]);
    }
}

fn route_tables(o: &mut String, plan: &Plan, net: &AwsNetwork, ids: &Ids, dual: bool) {
    for (t, id) in net.tables.iter().zip(&ids.tables) {
        o.push_str(&format!("\n  {id}:\n    Type: AWS::EC2::RouteTable\n    Properties:\n      VpcId: !Ref VPC\n"));
        tags(o, 6, &[("Name", &named(plan, &t.label))]);
        let route = id.replace("RouteTable", "DefaultRoute");
        let route6 = id.replace("RouteTable", "DefaultRouteIpv6");
        let head = |o: &mut String, rid: &str, depends: &str| {
            o.push_str(&format!("\n  {rid}:\n    Type: AWS::EC2::Route\n"));
            if !depends.is_empty() {
                o.push_str(&format!("    DependsOn: {depends}\n"));
            }
            o.push_str(&format!("    Properties:\n      RouteTableId: !Ref {id}\n"));
        };
        match (t.role, t.nat) {
            (TableRole::Public, _) => {
                head(o, &route, "InternetGatewayAttachment");
                o.push_str("      DestinationCidrBlock: \"0.0.0.0/0\"\n      GatewayId: !Ref InternetGateway\n");
                if dual {
                    head(o, &route6, "[InternetGatewayAttachment, Ipv6CidrBlock]");
                    o.push_str("      DestinationIpv6CidrBlock: \"::/0\"\n      GatewayId: !Ref InternetGateway\n");
                }
            }
            (TableRole::Private, Some(n)) => {
                head(o, &route, "");
                o.push_str(&format!(
                    "      DestinationCidrBlock: \"0.0.0.0/0\"\n      NatGatewayId: !Ref {}\n",
                    ids.nats[n]
                ));
                if net.egress_only {
                    head(o, &route6, "Ipv6CidrBlock");
                    o.push_str(
                        "      DestinationIpv6CidrBlock: \"::/0\"\n      EgressOnlyInternetGatewayId: !Ref EgressOnlyInternetGateway\n",
                    );
                }
            }
            _ => {}
        }
    }
    for (i, a) in ids.associations.iter().enumerate() {
        o.push_str(&format!("\n  {a}:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n"));
        o.push_str(&format!("      SubnetId: !Ref {}\n", ids.subnets[i]));
        o.push_str(&format!("      RouteTableId: !Ref {}\n", ids.tables[net.table_of[i]]));
    }
}

/// One output, exported as `<stack name>-<id>`.
fn output(o: &mut String, id: &str, description: &str, value: &str) {
    o.push_str(&format!("  {id}:\n    Description: {}\n    Value: {value}\n", yaml_str(description)));
    o.push_str(&format!("    Export:\n      Name: !Sub \"${{AWS::StackName}}-{id}\"\n"));
}

/// `!Join [",", [!Ref A, !Ref B]]`.
fn joined(refs: &[&str]) -> String {
    let refs: Vec<String> = refs.iter().map(|r| format!("!Ref {r}")).collect();
    format!("!Join [\",\", [{}]]", refs.join(", "))
}

fn outputs(o: &mut String, plan: &Plan, rows: &[TableRow], net: &AwsNetwork, ids: &Ids) {
    let mut n = 0;
    output(o, "VpcId", "ID of the VPC", "!Ref VPC");
    output(o, "VpcCidrBlock", "Primary IPv4 block of the VPC", "!GetAtt VPC.CidrBlock");
    n += 2;
    for (kind, of) in rows_by_kind(plan, rows) {
        let refs: Vec<&str> = of.iter().map(|&i| ids.subnets[i].as_str()).collect();
        output(
            o,
            &format!("{}SubnetIds", kind.label()),
            &format!("IDs of the {} subnets, comma-separated, in tier then zone order", kind.id()),
            &joined(&refs),
        );
        n += 1;
    }
    if net.internet_gateway() {
        output(o, "InternetGatewayId", "ID of the internet gateway", "!Ref InternetGateway");
        n += 1;
    }
    if !ids.nats.is_empty() {
        let refs: Vec<&str> = ids.nats.iter().map(String::as_str).collect();
        output(o, "NatGatewayIds", "IDs of the NAT gateways, comma-separated", &joined(&refs));
        n += 1;
    }
    for (role, label) in [
        (TableRole::Public, "Public"),
        (TableRole::Private, "Private"),
        (TableRole::Isolated, "Isolated"),
        (TableRole::Custom, "Custom"),
    ] {
        let refs: Vec<&str> = net.tables_with(role).map(|(i, _)| ids.tables[i].as_str()).collect();
        if !refs.is_empty() {
            output(
                o,
                &format!("{label}RouteTableIds"),
                &format!("IDs of the {} route tables, comma-separated", label.to_lowercase()),
                &joined(&refs),
            );
            n += 1;
        }
    }
    let room = MAX_OUTPUTS.saturating_sub(n);
    for (r, id) in rows.iter().zip(&ids.subnets).take(room) {
        output(o, &format!("{id}Id"), &format!("ID of subnet {} ({})", r.name, r.cidr), &format!("!Ref {id}"));
    }
    if rows.len() > room {
        o.push_str(&format!(
            "  # CloudFormation allows {MAX_OUTPUTS} outputs: the last {} subnets have none of their own.\n",
            rows.len() - room
        ));
    }
}
