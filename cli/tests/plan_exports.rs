//! `cidrplan plan` writes the file the app downloads: opened from the page's share link, the
//! Terraform and CloudFormation name the same link in their header, the plan's NAT setting
//! travels in the link and the JSON file, and `--json` names the file as the app does.

use cidrplan::export::{render_with, ExportOptions, Format};
use cidrplan::plan::{preset, to_json, NatMode, Plan};
use cidrplan::share::{encode, ShareState};
use std::process::Command;

fn cidrplan(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cidrplan")).args(args).output().expect("run cidrplan");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn shared_plan() -> Plan {
    Plan { name: "prod-vpc".into(), nat: NatMode::Shared, ..preset("aws-3az").unwrap() }
}

#[test]
fn from_the_page_link_the_cli_writes_the_pages_file() {
    let plan = shared_plan();
    let base = "https://cidrplan.example/tools/";
    let url = format!("{base}#{}", encode(&ShareState::Plan(plan.clone())));
    let layout = plan.layout().unwrap();
    let opts = ExportOptions { link_base: base.to_string() };
    for format in ["terraform-aws", "terraform-azure", "terraform-gcp", "cloudformation", "markdown"] {
        let f: Format = format.parse().unwrap();
        let page = render_with(&plan, &layout, f, &opts).unwrap();
        assert_eq!(cidrplan(&["plan", "--from", &url, "--format", format]), page, "{format}");
    }
    let tf = cidrplan(&["plan", "--from", &url, "--format", "terraform-aws"]);
    assert!(tf.contains(&format!("# The plan in cidrplan: {url}\n")), "{tf}");
    assert_eq!(tf.matches("subnet = \"public-a\"").count(), 1, "one shared NAT gateway: {tf}");
}

#[test]
fn from_a_file_the_link_is_the_fragment_and_nat_comes_from_the_file() {
    let plan = shared_plan();
    let dir = std::env::temp_dir().join(format!("cidrplan-plan-exports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("prod.json");
    std::fs::write(&path, to_json(&plan)).unwrap();
    let tf = cidrplan(&["plan", "--from", path.to_str().unwrap(), "--format", "cloudformation"]);
    let fragment = encode(&ShareState::Plan(plan));
    assert!(tf.contains(&format!("# The plan in cidrplan: #{fragment}\n")), "{tf}");
    assert_eq!(tf.matches("Type: AWS::EC2::NatGateway\n").count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_names_the_file_as_the_app_does() {
    let url = format!("https://cidrplan.example/#{}", encode(&ShareState::Plan(shared_plan())));
    for (format, name) in [
        ("terraform-aws", "prod-vpc.aws.tf"),
        ("terraform-gcp", "prod-vpc.gcp.tf"),
        ("cfn", "prod-vpc.cfn.yaml"),
        ("csv", "prod-vpc.csv"),
    ] {
        let v: serde_json::Value =
            serde_json::from_str(&cidrplan(&["plan", "--from", &url, "--format", format, "--json"])).unwrap();
        assert_eq!(v["file_name"], name, "{format}");
    }
}
