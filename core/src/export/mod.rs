//! Exports of a laid-out plan: infrastructure code (Terraform for AWS, Azure and Google Cloud;
//! CloudFormation), data (JSON, CSV) and documents (Markdown, an aligned text table).
//!
//! Every export takes the [`Plan`] and its [`Layout`] (from [`Plan::layout`]) and is
//! deterministic: the same plan always gives byte-identical output (no dates, no versions, no
//! hash-map order), so exports diff cleanly and can be checked into a repository; the page
//! and the CLI given the page's link write the same file. [`file_name`] names a download
//! after the plan and the format (`prod-vpc.aws.tf`).
//!
//! **Addresses as expressions.** The Terraform exports declare `variable "vpc_cidr"` (default:
//! the primary block) and, with secondary blocks, `variable "secondary_cidr_blocks"` (a list in
//! plan order); every subnet is `cidrsubnet(<its block's variable>, newbits, netnum)`, so moving
//! the whole plan is a one-variable change. [`TableRow::expr`] gives the same expression.
//!
//! **IPv6.** AWS (Terraform and CloudFormation) asks Amazon for the VPC's /56
//! (`assign_generated_ipv6_cidr_block` / `AWS::EC2::VPCCidrBlock` with
//! `AmazonProvidedIpv6CidrBlock`), because a VPC cannot choose its Amazon /56: the plan's
//! IPv6 block stands in for it, and each subnet takes the /64 with the plan's number from
//! the real block (`cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, n)`;
//! `!Select [n, !Cidr [<VPC /56>, 256, 64]]`). Azure takes the plan's block as given
//! (`var.ipv6_cidr`); Google Cloud assigns subnet /64s itself, so its export only turns
//! dual-stack on.
//!
//! **Zones.** AWS subnets live in one availability zone: when every zone name of the plan is a
//! real AZ name of its region (`us-east-1a`), the exports use the names; otherwise zone `i` is
//! the region's `i`-th available AZ (`data.aws_availability_zones` /
//! `!Select [i, !GetAZs ""]`). A tier with a single subnet goes in the first zone. Azure and
//! Google Cloud subnets are regional, so zones only appear in names and descriptions.
//!
//! **The network.** The code exports build what makes the address space usable (see
//! `routing.rs`): on AWS an internet gateway and public route table for public tiers, NAT
//! gateways with Elastic IPs and private route tables for private tiers as the plan's NAT
//! setting says (one per zone, one shared, none), route tables without a default route for
//! isolated and custom tiers, and every subnet's association; NAT gateways on Azure and
//! Cloud NAT on Google Cloud. Tags: a `tags` variable merged into every AWS and Azure
//! resource's tags, and the tier kind as the `Kind` tag of AWS subnets.
//!
//! **Headers.** Terraform, CloudFormation and Markdown carry the plan's share link
//! ([`ExportOptions::link_base`] + `#v2.…`, so a file leads back to the plan it came from and
//! `cidrplan plan --from '<link>'` regenerates it), and Terraform and CloudFormation state
//! every overlap of a VPC block with a network to avoid.
//!
//! **Names.** Tier, zone and plan names are escaped for each language (see `escape.rs`):
//! a name can never end a string or a comment, start an interpolation, or inject YAML.
//! Identifiers derived from names (Terraform keys, CloudFormation logical IDs, Azure and
//! Google Cloud resource names) keep only allowed characters and are deduped with a counter.

mod cloudformation;
pub(crate) mod escape;
mod header;
mod json;
mod routing;
mod table;
mod terraform;

pub use cloudformation::cloudformation;
pub use escape::{hcl_str, yaml_str};
pub use json::json;
/// Aligned text columns, shared with the VLSM and list tools' text output.
pub(crate) use table::aligned;
pub use table::{csv, markdown, table_rows, text_table, TableRow, CSV_HEADER};
pub use terraform::terraform;

use crate::mode::Mode;
use crate::plan::{Layout, Plan};
use std::fmt;
use std::str::FromStr;

/// Which cloud a Terraform export is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TfTarget {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud.
    Gcp,
}

impl TfTarget {
    /// Every target.
    pub const ALL: [TfTarget; 3] = [TfTarget::Aws, TfTarget::Azure, TfTarget::Gcp];

    /// `aws`, `azure`, `gcp`.
    pub const fn id(self) -> &'static str {
        match self {
            TfTarget::Aws => "aws",
            TfTarget::Azure => "azure",
            TfTarget::Gcp => "gcp",
        }
    }

    /// The provider mode of the target.
    pub const fn mode(self) -> Mode {
        match self {
            TfTarget::Aws => Mode::Aws,
            TfTarget::Azure => Mode::Azure,
            TfTarget::Gcp => Mode::Gcp,
        }
    }

    /// The target for a plan's provider (none for generic and OCI plans).
    pub const fn for_provider(mode: Mode) -> Option<TfTarget> {
        match mode {
            Mode::Aws => Some(TfTarget::Aws),
            Mode::Azure => Some(TfTarget::Azure),
            Mode::Gcp => Some(TfTarget::Gcp),
            Mode::Standard | Mode::Oci => None,
        }
    }
}

impl fmt::Display for TfTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An export format. `Terraform(None)` means "Terraform for the plan's provider".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Terraform for a target, or for the plan's provider when `None`.
    Terraform(Option<TfTarget>),
    /// A CloudFormation template in YAML (AWS plans only).
    CloudFormation,
    /// The plan and its layout as JSON.
    Json,
    /// The subnet table as CSV.
    Csv,
    /// A Markdown document of the plan and its subnet table.
    Markdown,
    /// The aligned text table of the CLI, with summaries and free space.
    Table,
}

/// The accepted format names, for messages and help.
pub const FORMAT_NAMES: &str =
    "terraform, terraform-aws, terraform-azure, terraform-gcp, cloudformation (cfn), json, csv, markdown (md), table";

impl Format {
    /// Every format, Terraform once per target.
    pub const ALL: [Format; 8] = [
        Format::Terraform(Some(TfTarget::Aws)),
        Format::Terraform(Some(TfTarget::Azure)),
        Format::Terraform(Some(TfTarget::Gcp)),
        Format::CloudFormation,
        Format::Json,
        Format::Csv,
        Format::Markdown,
        Format::Table,
    ];

    /// The name [`FromStr`] reads back.
    pub fn id(self) -> &'static str {
        match self {
            Format::Terraform(None) => "terraform",
            Format::Terraform(Some(TfTarget::Aws)) => "terraform-aws",
            Format::Terraform(Some(TfTarget::Azure)) => "terraform-azure",
            Format::Terraform(Some(TfTarget::Gcp)) => "terraform-gcp",
            Format::CloudFormation => "cloudformation",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Table => "table",
        }
    }

    /// The usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Terraform(_) => "tf",
            Format::CloudFormation => "yaml",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Table => "txt",
        }
    }

    /// The end of a download's file name: `aws.tf`, `azure.tf`, `gcp.tf`, `cfn.yaml`, `json`,
    /// `csv`, `md`, `txt`, so the three Terraform targets of one plan never overwrite each
    /// other. Plain `terraform` takes the target of `provider` (`tf` without one).
    pub fn file_suffix(self, provider: Mode) -> &'static str {
        match self {
            Format::Terraform(Some(TfTarget::Aws)) => "aws.tf",
            Format::Terraform(Some(TfTarget::Azure)) => "azure.tf",
            Format::Terraform(Some(TfTarget::Gcp)) => "gcp.tf",
            Format::Terraform(None) => match TfTarget::for_provider(provider) {
                Some(t) => Format::Terraform(Some(t)).file_suffix(provider),
                None => "tf",
            },
            Format::CloudFormation => "cfn.yaml",
            f => f.extension(),
        }
    }

    /// The MIME type, for downloads.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Terraform(_) | Format::Table => "text/plain",
            Format::CloudFormation => "application/yaml",
            Format::Json => "application/json",
            Format::Csv => "text/csv",
            Format::Markdown => "text/markdown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        let t = s.trim().to_ascii_lowercase().replace('_', "-");
        Ok(match t.as_str() {
            "terraform" | "tf" => Format::Terraform(None),
            "terraform-aws" | "tf-aws" => Format::Terraform(Some(TfTarget::Aws)),
            "terraform-azure" | "tf-azure" => Format::Terraform(Some(TfTarget::Azure)),
            "terraform-gcp" | "tf-gcp" => Format::Terraform(Some(TfTarget::Gcp)),
            "cloudformation" | "cfn" => Format::CloudFormation,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "markdown" | "md" => Format::Markdown,
            "table" => Format::Table,
            _ => return Err(format!("Unknown format '{}': use {FORMAT_NAMES}", s.trim())),
        })
    }
}

/// The file name a download of `plan` in `format` gets: the plan's name as a file stem, then
/// [`Format::file_suffix`] (`prod-vpc.aws.tf`).
pub fn file_name(plan: &Plan, format: Format) -> String {
    format!("{}.{}", file_stem(&plan.name), format.file_suffix(plan.provider))
}

/// Longest file stem [`file_name`] makes, in characters.
const MAX_STEM_CHARS: usize = 64;

/// ASCII letters, digits, `-` and `_` of `name`; every other run of characters becomes one `-`
/// (so no path, dot file or control character reaches the file system), trimmed; `vpc-plan`
/// when nothing is left.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let keep = c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if keep {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let stem: String = out.trim_matches('-').chars().take(MAX_STEM_CHARS).collect();
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "vpc-plan".to_string()
    } else {
        stem.to_string()
    }
}

/// What an export needs besides the plan and its layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The address of the cidrplan page without its fragment (`https://example.org/cidrplan/`):
    /// the plan link in a file's header is this, `#` and the plan's share link. Empty (the
    /// CLI reading a file): the link is the fragment alone, which `cidrplan plan --from`
    /// and any cidrplan page open.
    pub link_base: String,
}

/// `plan` in `format`, or why that format cannot express it (CloudFormation is for AWS plans;
/// plain `terraform` needs an AWS, Azure or Google Cloud plan). Plan links in headers are
/// fragments only; [`render_with`] puts them on a page's address.
pub fn render(plan: &Plan, layout: &Layout, format: Format) -> Result<String, String> {
    render_with(plan, layout, format, &ExportOptions::default())
}

/// [`render`] with options (the page address plan links are built on).
pub fn render_with(plan: &Plan, layout: &Layout, format: Format, opts: &ExportOptions) -> Result<String, String> {
    Ok(match format {
        Format::Terraform(Some(t)) => terraform::terraform_with(plan, layout, t, opts),
        Format::Terraform(None) => match TfTarget::for_provider(plan.provider) {
            Some(t) => terraform::terraform_with(plan, layout, t, opts),
            None => {
                return Err(format!(
                    "Plain terraform needs an AWS, Azure or GCP plan and this plan is {}: use terraform-aws, terraform-azure or terraform-gcp",
                    provider_phrase(plan.provider)
                ))
            }
        },
        Format::CloudFormation if plan.provider != Mode::Aws => {
            return Err(format!(
                "CloudFormation is only for AWS plans and this plan is {}: switch it to AWS, or export terraform",
                provider_phrase(plan.provider)
            ))
        }
        Format::CloudFormation => cloudformation::cloudformation_with(plan, layout, opts),
        Format::Json => json(plan, layout),
        Format::Csv => csv(plan, layout),
        Format::Markdown => table::markdown_with(plan, layout, opts),
        Format::Table => text_table(plan, layout),
    })
}

/// "AWS", "Azure", …, "generic".
fn provider_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Standard => "generic",
        m => m.label(),
    }
}

/// A resource's name from the plan's: the plan's name, `-` and `part` (`prod-vpc-public`), or
/// `part` alone when the plan has no name. Exporters escape or sanitise it for their language.
fn named(plan: &Plan, part: &str) -> String {
    match plan.name.trim() {
        "" => part.to_string(),
        name => format!("{name}-{part}"),
    }
}

/// "generic" or "for Azure".
fn provider_phrase(mode: Mode) -> String {
    match mode {
        Mode::Standard => "generic".to_string(),
        m => format!("for {}", m.label()),
    }
}
