//! The plan settings the exports depend on (the NAT choice, the plan's name), through every
//! way a plan travels: JSON files (old files without the field still load), share links and
//! the export's file names.

use cidrplan::export::{file_name, Format, TfTarget};
use cidrplan::plan::{from_json, preset, to_json, Field, NatMode, Plan};
use cidrplan::share::{decode, encode, ShareState};

fn aws() -> Plan {
    preset("aws-3az").unwrap()
}

#[test]
fn nat_travels_through_json_and_links() {
    for nat in NatMode::ALL {
        let plan = Plan { nat, ..aws() };
        let text = to_json(&plan);
        assert!(text.contains(&format!("\"nat\": \"{}\"", nat.id())), "{text}");
        assert_eq!(from_json(&text).unwrap(), plan, "{nat}");
        let link = encode(&ShareState::Plan(plan.clone()));
        assert_eq!(decode(&link).unwrap(), ShareState::Plan(plan), "{nat}");
    }
}

#[test]
fn json_without_nat_loads_with_the_default_and_a_bad_one_is_refused() {
    let old = r#"{"format": "cidrplan-plan", "version": 1, "name": "old", "provider": "aws",
        "vpc": ["10.0.0.0/16"], "tiers": [{"name": "app", "kind": "private", "prefix": 24}]}"#;
    assert_eq!(from_json(old).unwrap().nat, NatMode::PerZone);
    let shared = old.replace("\"name\": \"old\"", "\"name\": \"old\", \"nat\": \"shared\"");
    assert_eq!(from_json(&shared).unwrap().nat, NatMode::Shared);
    let bad = old.replace("\"name\": \"old\"", "\"name\": \"old\", \"nat\": \"two\"");
    let e = from_json(&bad).unwrap_err();
    assert_eq!(e.field(), Some(Field::Nat));
    assert!(e.message().contains("Unknown NAT setting 'two'"), "{e}");
}

#[test]
fn links_made_before_the_nat_setting_open_with_the_default() {
    // The AWS 3-AZ preset's link as cidrplan wrote it before the NAT setting existed (v2,
    // no extensions): still the same plan, NAT per zone.
    let link = encode(&ShareState::Plan(aws()));
    let ShareState::Plan(p) = decode(&link).unwrap() else { panic!("a plan") };
    assert_eq!(p.nat, NatMode::PerZone);
    let v1 = cidrplan::share::encode_v1(&ShareState::Plan(Plan { nat: NatMode::None, ..aws() }));
    let ShareState::Plan(p) = decode(&v1).unwrap() else { panic!("a plan") };
    assert_eq!(p.nat, NatMode::PerZone, "v1 has no NAT setting");
}

#[test]
fn downloads_are_named_after_plan_and_format() {
    let plan = Plan { name: "prod-vpc".into(), ..aws() };
    let names: Vec<String> = Format::ALL.into_iter().map(|f| file_name(&plan, f)).collect();
    assert_eq!(
        names,
        [
            "prod-vpc.aws.tf",
            "prod-vpc.azure.tf",
            "prod-vpc.gcp.tf",
            "prod-vpc.cfn.yaml",
            "prod-vpc.json",
            "prod-vpc.csv",
            "prod-vpc.md",
            "prod-vpc.txt"
        ]
    );
    // Plain "terraform" is the plan's provider's.
    assert_eq!(file_name(&plan, Format::Terraform(None)), "prod-vpc.aws.tf");
    let generic = Plan { provider: cidrplan::Mode::Standard, ..plan.clone() };
    assert_eq!(file_name(&generic, Format::Terraform(None)), "prod-vpc.tf");
    assert_eq!(file_name(&generic, Format::Terraform(Some(TfTarget::Gcp))), "prod-vpc.gcp.tf");
    // Only safe characters reach the file system; nothing left gives a generic name.
    for (name, stem) in [
        ("Prod VPC (us-east-1)", "Prod-VPC-us-east-1"),
        ("../../etc/passwd", "etc-passwd"),
        ("a\"b${x}\n\u{202e}", "a-b-x"),
        ("  ", "vpc-plan"),
        ("日本語", "vpc-plan"),
        ("db_1.prod", "db_1-prod"),
    ] {
        assert_eq!(file_name(&Plan { name: name.into(), ..aws() }, Format::Csv), format!("{stem}.csv"), "{name:?}");
    }
    let long = file_name(&Plan { name: "x".repeat(200), ..aws() }, Format::Csv);
    assert_eq!(long, format!("{}.csv", "x".repeat(64)));
}
