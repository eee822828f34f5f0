//! Exports checked by reading them back: every `cidrsubnet(...)` evaluates to its subnet,
//! names never escape their strings, every format parses, and the API's formats and errors.

mod export_support;

use cidrplan::export::{
    cloudformation, csv, json, markdown, render, table_rows, terraform, text_table, Format, TfTarget, CSV_HEADER,
};
use cidrplan::plan::{from_json, preset, Layout, Plan, TierKind};
use cidrplan::{ops, Cidr, Mode};
use export_support::{
    all_plans, cidrsubnets, hcl_unescape, lex_hcl, lex_yaml_line, parse_csv, tricky, tricky_file, FRAGMENTS,
};
use std::collections::HashSet;

fn cidr(s: &str) -> Cidr {
    cidrplan::parse(s).unwrap().network()
}

/// The block a `cidrsubnet` base expression stands for in `plan`.
fn base(plan: &Plan, expr: &str) -> Option<Cidr> {
    if expr == "var.vpc_cidr" {
        return plan.vpc.first().copied();
    }
    if let Some(i) = expr.strip_prefix("var.secondary_cidr_blocks[").and_then(|r| r.strip_suffix(']')) {
        return plan.vpc.get(i.parse::<usize>().ok()? + 1).copied();
    }
    match expr {
        // Amazon's /56 stands for the plan's block (a /56 in every AWS plan here).
        "var.ipv6_cidr" | "aws_vpc.this.ipv6_cidr_block" => plan.ipv6.map(|v| v.block),
        _ => None,
    }
}

#[test]
fn terraform_cidrsubnet_expressions_evaluate_to_the_subnets() {
    for (name, plan, layout) in all_plans() {
        for target in TfTarget::ALL {
            let tf = terraform(&plan, &layout, target);
            let mut v4 = Vec::new();
            let mut v6 = Vec::new();
            for (b, newbits, netnum) in cidrsubnets(&tf) {
                let block = base(&plan, &b).unwrap_or_else(|| panic!("{name} {target}: unknown base {b}"));
                let net = ops::cidrsubnet(block, newbits, netnum).unwrap();
                if b.contains("ipv6") {
                    v6.push(net);
                } else {
                    v4.push(net);
                }
            }
            let want: Vec<Cidr> = layout.subnets.iter().map(|s| s.cidr).collect();
            assert_eq!(v4, want, "{name} {target}: IPv4 expressions");
            let want6: Vec<Cidr> = layout.subnets.iter().filter_map(|s| s.ipv6).collect();
            if target == TfTarget::Gcp {
                assert!(v6.is_empty(), "{name}: Google Cloud assigns IPv6 itself");
            } else {
                assert_eq!(v6, want6, "{name} {target}: IPv6 expressions");
            }
        }
    }
}

#[test]
fn table_expressions_evaluate_to_the_subnets() {
    for (name, plan, layout) in all_plans() {
        for r in table_rows(&plan, &layout) {
            let [(b, newbits, netnum)] = &cidrsubnets(&r.expr)[..] else { panic!("{name}: {}", r.expr) };
            assert_eq!(ops::cidrsubnet(base(&plan, b).unwrap(), *newbits, *netnum).unwrap(), r.cidr, "{name}");
            assert_eq!((r.newbits, r.netnum), (*newbits, *netnum));
            assert_eq!(ops::cidrsubnet(r.block, r.newbits, r.netnum).unwrap(), r.cidr);
            assert_eq!(r.block, plan.vpc[r.block_index]);
            match r.ipv6 {
                Some(v6) => {
                    let [(b, nb, nn)] = &cidrsubnets(&r.ipv6_expr)[..] else { panic!("{}", r.ipv6_expr) };
                    assert_eq!(ops::cidrsubnet(base(&plan, b).unwrap(), *nb, *nn).unwrap(), v6);
                }
                None => assert_eq!(r.ipv6_expr, ""),
            }
            assert_eq!(r.usable, plan.provider.usable(r.cidr));
            assert_eq!(r.range(), format!("{} – {}", r.cidr.network(), r.cidr.last()));
        }
    }
}

#[test]
fn secondary_block_subnets_use_the_secondary_variable() {
    let plan = tricky_file();
    let layout = plan.layout().unwrap();
    let rows = table_rows(&plan, &layout);
    assert!(rows.iter().any(|r| r.block_index == 1), "the tricky plan uses its secondary block");
    for r in &rows {
        let want =
            if r.block_index == 0 { "cidrsubnet(var.vpc_cidr, " } else { "cidrsubnet(var.secondary_cidr_blocks[0], " };
        assert!(r.expr.starts_with(want), "{}", r.expr);
    }
    let tf = terraform(&plan, &layout, TfTarget::Aws);
    assert!(tf.contains("resource \"aws_vpc_ipv4_cidr_block_association\" \"secondary\""));
    assert!(tf.contains("depends_on = [aws_vpc_ipv4_cidr_block_association.secondary]"));
    let cfn = cloudformation(&plan, &layout);
    assert!(cfn.contains(
        "Type: AWS::EC2::VPCCidrBlock\n    Properties:\n      VpcId: !Ref VPC\n      CidrBlock: \"10.0.16.0/21\""
    ));
    assert!(cfn.contains("DependsOn: [SecondaryCidrBlock1, Ipv6CidrBlock]"));
}

/// The lines of `local.<name>` (a map in the `locals` block), without its braces.
fn local_map<'a>(tf: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("  {name} = {{");
    tf.lines().skip_while(|l| *l != open).skip(1).take_while(|l| *l != "  }").collect()
}

/// Every name of the plan, as the exports must read back.
fn names(plan: &Plan, layout: &Layout) -> Vec<String> {
    let mut out: Vec<String> = layout.subnets.iter().map(|s| s.name.clone()).collect();
    out.extend(plan.tiers.iter().map(|t| t.name.clone()));
    out.push(plan.name.clone());
    out
}

fn no_raw_controls(what: &str, text: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\r')
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}');
        assert!(!bad, "{what}: raw {c:?} in the output");
    }
}

#[test]
fn hcl_names_stay_inside_escaped_strings() {
    let (plan, layout) = tricky();
    for target in TfTarget::ALL {
        let tf = terraform(&plan, &layout, target);
        no_raw_controls(target.id(), &tf);
        let lex = lex_hcl(&tf);
        for f in FRAGMENTS {
            assert!(!lex.code.contains(f), "{target}: {f:?} outside a string: {}", lex.code);
        }
        let mut values = HashSet::new();
        for s in &lex.strings {
            match hcl_unescape(s) {
                Ok(v) => {
                    values.insert(v);
                }
                // The one template the exporter writes itself.
                Err(t) => assert_eq!(t, "${local.plan_name}", "{target}: live template in \"{s}\""),
            }
        }
        for t in &plan.tiers {
            assert!(values.contains(&t.name), "{target}: tier {:?} does not read back", t.name);
        }
        if target == TfTarget::Aws {
            for n in names(&plan, &layout) {
                assert!(values.contains(&n), "aws: {n:?} does not read back");
            }
        }
        // Comments hold names only quoted, on their own line.
        for c in &lex.comments {
            assert!(!c.contains('\n'));
        }
        assert!(!tf.contains("${x}\n"), "{target}");
    }
}

#[test]
fn hcl_identifiers_are_sanitised_and_unique() {
    let (plan, layout) = tricky();
    for target in TfTarget::ALL {
        let tf = terraform(&plan, &layout, target);
        let keys: Vec<&str> = local_map(&tf, "subnets")
            .into_iter()
            .filter_map(|l| l.strip_prefix("    \"").and_then(|r| r.strip_suffix("\" = {")))
            .collect();
        assert_eq!(keys.len(), layout.subnets.len(), "{target}");
        let unique: HashSet<&str> = keys.iter().copied().collect();
        assert_eq!(unique.len(), keys.len(), "{target}: duplicate keys {keys:?}");
        for k in &keys {
            assert!(k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'), "{target}: key {k}");
        }
        assert!(keys.contains(&"db_1") && keys.contains(&"db_1_2"), "{target}: {keys:?}");
        let resource_names: Vec<String> = tf
            .lines()
            .filter(|l| l.starts_with("      name "))
            .map(|l| hcl_unescape(l.split_once("= \"").unwrap().1.strip_suffix('"').unwrap()).unwrap())
            .collect();
        let distinct: HashSet<String> = resource_names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(distinct.len(), resource_names.len(), "{target}: {resource_names:?}");
        for n in &resource_names {
            match target {
                TfTarget::Aws => {}
                TfTarget::Azure => assert!(
                    n.len() <= 80
                        && n.starts_with(|c: char| c.is_ascii_alphanumeric())
                        && n.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)),
                    "azure name {n:?}"
                ),
                TfTarget::Gcp => assert!(
                    n.len() <= 63
                        && n.starts_with(|c: char| c.is_ascii_lowercase())
                        && !n.ends_with('-')
                        && n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "gcp name {n:?}"
                ),
            }
        }
    }
}

#[test]
fn cloudformation_names_stay_inside_escaped_strings() {
    let (plan, layout) = tricky();
    let cfn = cloudformation(&plan, &layout);
    no_raw_controls("cloudformation", &cfn);
    let mut values = HashSet::new();
    let mut ids = Vec::new();
    let mut section = "";
    for line in cfn.lines() {
        let l = lex_yaml_line(line);
        for f in FRAGMENTS {
            assert!(!l.code.contains(f), "{f:?} outside a string: {line}");
        }
        // Plain scalars in the code are ours: keys, tags like !Ref, numbers and booleans.
        for word in l.code.split_whitespace() {
            assert!(
                word.chars().all(|c| c.is_ascii_alphanumeric() || "-:[],!\"\"<>.".contains(c)),
                "unexpected plain scalar {word:?} in {line:?}"
            );
        }
        values.extend(l.strings);
        if !line.starts_with(' ') && line.ends_with(':') {
            section = if line == "Resources:" { "resources" } else { "other" };
        }
        if section == "resources" && line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(':') {
            ids.push(line.trim().trim_end_matches(':').to_string());
        }
    }
    for n in names(&plan, &layout) {
        assert!(values.contains(&n), "{n:?} does not read back");
    }
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate logical IDs {ids:?}");
    let subnet_ids: Vec<&String> =
        ids.iter().filter(|i| i.starts_with("Subnet") && !i.ends_with("RouteTableAssociation")).collect();
    assert_eq!(subnet_ids.len(), layout.subnets.len(), "one logical ID per subnet: {ids:?}");
    let associations = ids.iter().filter(|i| i.ends_with("RouteTableAssociation")).count();
    assert_eq!(associations, layout.subnets.len(), "every subnet is associated with a route table: {ids:?}");
    for id in &ids {
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()) && id.len() <= 255, "{id}");
    }
    assert!(ids.contains(&"SubnetDb1".to_string()) && ids.contains(&"SubnetDb12".to_string()), "{ids:?}");
    assert!(ids.contains(&"Subnet".to_string()), "the all-Japanese name falls back to Subnet: {ids:?}");
}

#[test]
fn cloudformation_structure() {
    let plan = preset("aws-3az").unwrap();
    let layout = plan.layout().unwrap();
    let cfn = cloudformation(&plan, &layout);
    assert!(cfn.starts_with("# CloudFormation template, generated by cidrplan"));
    assert_eq!(cfn.matches("Type: AWS::EC2::Subnet\n").count(), 9);
    assert_eq!(cfn.matches("MapPublicIpOnLaunch: true").count(), 3);
    assert!(
        cfn.contains("Type: List<AWS::EC2::AvailabilityZone::Name>\n    Default: \"us-east-1a,us-east-1b,us-east-1c\"")
    );
    assert!(cfn.contains("AvailabilityZone: !Select [2, !Ref AvailabilityZones]"));
    assert!(!cfn.contains("GetAZs"));
    assert!(!cfn.contains("Ipv6"));
    assert!(cfn.contains("Outputs:\n  VpcId:\n"));
    assert_eq!(cfn.matches("Value: !Ref Subnet").count(), 9);

    // Zone names that are not AZs of the region: the region's i-th AZ.
    let (plan, layout) = tricky();
    let cfn = cloudformation(&plan, &layout);
    assert!(cfn.contains("AvailabilityZone: !Select [1, !GetAZs \"\"]"));
    assert!(!cfn.contains("Parameters:"));
    // Dual-stack: the Amazon-provided /56 and a numbered /64 for each subnet.
    assert!(cfn.contains("AmazonProvidedIpv6CidrBlock: true"));
    assert!(cfn.contains("Ipv6CidrBlock: !Select [16, !Cidr [!Select [0, !GetAtt VPC.Ipv6CidrBlocks], 256, 64]]"));
}

#[test]
fn terraform_aws_structure() {
    let plan = preset("aws-2az-minimal").unwrap();
    let layout = plan.layout().unwrap();
    let tf = terraform(&plan, &layout, TfTarget::Aws);
    assert!(tf.starts_with("# Terraform for AWS, generated by cidrplan"));
    assert!(tf.contains("variable \"vpc_cidr\" {\n  description = "));
    assert!(tf.contains("  default     = \"10.0.0.0/20\"\n"));
    assert!(tf.contains("assign_generated_ipv6_cidr_block = true"));
    assert!(tf.contains("ipv6_cidr_block   = cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, 17)"));
    assert!(tf.contains("default     = [\"us-east-1a\", \"us-east-1b\"]"));
    assert!(tf.contains("availability_zone = var.availability_zones[1]"));
    assert!(tf.contains("  for_each = local.subnets\n"));
    assert!(tf.contains("map_public_ip_on_launch         = each.value.public"));
    assert_eq!(tf.matches("public            = true").count(), 2);
    assert!(!tf.contains("aws_vpc_ipv4_cidr_block_association"));
    let (plan, layout) = tricky();
    let tf = terraform(&plan, &layout, TfTarget::Aws);
    assert!(tf.contains("data \"aws_availability_zones\" \"available\""));
    assert!(tf.contains("availability_zone = data.aws_availability_zones.available.names[2]"));
}

#[test]
fn terraform_azure_and_gcp_structure() {
    let plan = preset("azure-hub").unwrap();
    let layout = plan.layout().unwrap();
    let tf = terraform(&plan, &layout, TfTarget::Azure);
    assert!(tf.contains("resource \"azurerm_virtual_network\" \"this\""));
    assert!(tf.contains("address_space       = [var.vpc_cidr]"));
    assert!(tf.contains("variable \"resource_group_name\""));
    assert!(tf.contains("name             = \"GatewaySubnet\""));
    assert!(tf.contains("address_prefixes = [cidrsubnet(var.vpc_cidr, "));
    assert!(tf.contains("default     = \"eastus\""));
    assert!(!tf.contains("Note: the plan was laid out for"));

    let plan = preset("gcp-regional").unwrap();
    let layout = plan.layout().unwrap();
    let tf = terraform(&plan, &layout, TfTarget::Gcp);
    assert!(tf.contains("auto_create_subnetworks = false"));
    assert!(tf.contains("resource \"google_compute_subnetwork\" \"this\""));
    assert!(tf.contains("ip_cidr_range = each.value.ip_cidr_range"));
    assert!(tf.contains("region        = var.region"));
    assert!(tf.contains("purpose       = \"REGIONAL_MANAGED_PROXY\"\n      role          = \"ACTIVE\""));
    assert!(tf.contains("default     = \"us-central1\""));

    // Another provider's plan: said in the header, and the target's default region.
    let tf = terraform(&plan, &layout, TfTarget::Aws);
    assert!(tf.contains(
        "# Note: the plan was laid out for GCP; subnet sizes and reserved addresses follow its rules, not AWS's."
    ));
    assert!(tf.contains("default     = \"us-east-1\""));
    let dual = preset("aws-2az-minimal").unwrap();
    let layout = dual.layout().unwrap();
    let az = terraform(&dual, &layout, TfTarget::Azure);
    assert!(az.contains("address_space       = concat([var.vpc_cidr], [var.ipv6_cidr])"));
    let gcp = terraform(&dual, &layout, TfTarget::Gcp);
    assert!(gcp.contains("stack_type       = \"IPV4_IPV6\"") && gcp.contains("ipv6_access_type = \"EXTERNAL\""));
    assert!(gcp.contains("enable_ula_internal_ipv6 = true"));
}

#[test]
fn json_export_reads_back() {
    for (name, plan, layout) in all_plans() {
        let text = json(&plan, &layout);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], "cidrplan-export");
        assert_eq!(v["version"], 1);
        let subnets = v["subnets"].as_array().unwrap();
        assert_eq!(subnets.len(), layout.subnets.len());
        for (j, s) in subnets.iter().zip(&layout.subnets) {
            assert_eq!(j["name"], s.name.as_str(), "{name}");
            assert_eq!(j["cidr"], s.cidr.to_string());
            assert_eq!(j["usable"], s.usable.as_u128().unwrap() as u64);
            let expr = j["cidrsubnet"].as_str().unwrap();
            let [(b, nb, nn)] = &cidrsubnets(expr)[..] else { panic!("{expr}") };
            assert_eq!(ops::cidrsubnet(base(&plan, b).unwrap(), *nb, *nn).unwrap(), s.cidr);
            assert_eq!(j["ipv6"].as_str().map(cidr), s.ipv6);
        }
        assert_eq!(v["totals"]["addresses"], layout.total_addresses.as_u128().unwrap() as u64);
        assert_eq!(v["free"].as_array().unwrap().len(), layout.free.len());
        // The plan part is the plan file format: it loads back to the same plan.
        if name != "tricky" {
            assert_eq!(from_json(&v["plan"].to_string()).unwrap(), plan, "{name}");
        }
    }
}

#[test]
fn csv_export_is_rfc4180_and_guarded() {
    for (name, plan, layout) in all_plans() {
        let text = csv(&plan, &layout);
        let records = parse_csv(&text);
        assert_eq!(records[0].join(","), CSV_HEADER);
        assert_eq!(records.len(), layout.subnets.len() + 1, "{name}");
        for (r, s) in records[1..].iter().zip(&layout.subnets) {
            assert_eq!(r.len(), records[0].len(), "{name}");
            let unguarded = r[0].strip_prefix('\'').filter(|rest| rest.starts_with(['=', '+', '-', '@', '\t', '\r']));
            assert_eq!(unguarded.unwrap_or(&r[0]), s.name, "{name}");
            assert!(!r.iter().any(|c| c.starts_with(['=', '+', '-', '@'])), "{name}: unguarded formula in {r:?}");
            assert_eq!(r[4], s.cidr.to_string());
        }
    }
    let (plan, layout) = tricky();
    let text = csv(&plan, &layout);
    assert!(text.contains(",'=1+2,"), "a formula-like name is guarded");
}

#[test]
fn markdown_escapes_names() {
    let (plan, layout) = tricky();
    let md = markdown(&plan, &layout);
    no_raw_controls("markdown", &md);
    let section: Vec<&str> = md.split("## Subnets\n\n").nth(1).unwrap().split("\n\n").next().unwrap().lines().collect();
    assert_eq!(section.len(), layout.subnets.len() + 2, "one line per subnet");
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    for l in &section {
        assert_eq!(cells(l), cells(section[0]), "{l}");
    }
    assert!(md.contains("@at\\|pipe\\`tick\\<b\\>\\&amp;"));
    assert!(!md.contains("<b>"));
    assert!(md.starts_with("# VPC plan evil"));
    assert!(md.contains("## Free space\n\n- `10.0.11.64/26` (64 addresses)"));
}

#[test]
fn text_table_is_aligned() {
    let plan = preset("aws-3az").unwrap();
    let layout = plan.layout().unwrap();
    let t = text_table(&plan, &layout);
    let lines: Vec<&str> = t.lines().collect();
    let head = lines.iter().position(|l| l.starts_with("NAME ")).unwrap();
    let col = lines[head].find("CIDR ").unwrap();
    for l in &lines[head + 1..head + 10] {
        assert!(l[col..].starts_with("10.0."), "{l}");
    }
    assert!(t.contains("Free space\n  10.0.18.0/23"));
    assert!(t.contains("Used 13,824 · reserved for growth 0 · free 51,712 of 65,536 addresses (78.9%)"));
    let (plan, layout) = tricky();
    let t = text_table(&plan, &layout);
    no_raw_controls("table", &t);
    assert!(t.contains("IPV6"));
}

#[test]
fn formats_parse_and_render() {
    for f in Format::ALL {
        assert_eq!(f.id().parse::<Format>().unwrap(), f);
    }
    assert_eq!("terraform".parse::<Format>().unwrap(), Format::Terraform(None));
    assert_eq!("cfn".parse::<Format>().unwrap(), Format::CloudFormation);
    assert_eq!(" MD ".parse::<Format>().unwrap(), Format::Markdown);
    assert_eq!("terraform_gcp".parse::<Format>().unwrap(), Format::Terraform(Some(TfTarget::Gcp)));
    let e = "yaml".parse::<Format>().unwrap_err();
    assert!(e.contains("Unknown format 'yaml'") && e.contains("cloudformation"), "{e}");

    let azure = preset("azure-hub").unwrap();
    let layout = azure.layout().unwrap();
    let e = render(&azure, &layout, Format::CloudFormation).unwrap_err();
    assert_eq!(
        e,
        "CloudFormation is only for AWS plans and this plan is for Azure: switch it to AWS, or export terraform"
    );
    assert_eq!(render(&azure, &layout, Format::Terraform(None)).unwrap(), terraform(&azure, &layout, TfTarget::Azure));
    let mut generic = preset("aws-3az").unwrap();
    generic.set_provider(Mode::Standard);
    let layout = generic.layout().unwrap();
    let e = render(&generic, &layout, Format::Terraform(None)).unwrap_err();
    assert!(e.contains("terraform-aws"), "{e}");
    assert!(render(&generic, &layout, Format::Terraform(Some(TfTarget::Aws))).is_ok());
    assert!(render(&generic, &layout, Format::CloudFormation).is_err());
    assert_eq!(Format::CloudFormation.extension(), "yaml");
    assert_eq!(Format::Terraform(None).extension(), "tf");
}

#[test]
fn single_subnet_tiers_go_in_the_first_zone_on_aws() {
    let plan = tricky_file();
    let layout = plan.layout().unwrap();
    let rows = table_rows(&plan, &layout);
    let single = rows.iter().find(|r| r.zone_index.is_none()).unwrap();
    assert_eq!(single.zone, "");
    assert_eq!(single.kind, plan.tiers[single.tier_index].kind);
    let tf = terraform(&plan, &layout, TfTarget::Aws);
    let entry = tf.split(&format!("name              = \"{}\"", single.name)).nth(1).unwrap();
    assert!(entry.contains("names[0]"), "{entry}");
    assert!(rows.iter().any(|r| r.kind == TierKind::Public));
}
