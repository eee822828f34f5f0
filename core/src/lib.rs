//! cidrplan core: IPv4/IPv6 address math, parsing, cloud modes, reports, the subnet designer's
//! model and the share-link codec. Pure Rust with no web dependency, so everything here is
//! tested natively in seconds; the web app and the CLI are thin shells over it.
//!
//! From a typed address to a VPC plan and its Terraform:
//!
//! ```
//! use cidrplan::{export, parse, plan, report::Report, Count, Mode};
//!
//! let parsed = parse("192.168.10.77/27").unwrap(); // any spelling a person types
//! let r = Report::new("192.168.10.77/27", &parsed, Mode::Standard);
//! assert_eq!((r.network.to_string(), r.usable), ("192.168.10.64/27".to_string(), Count::new(30)));
//!
//! let mut vpc = plan::preset("aws-3az").unwrap(); // 3 zones × public, private, data
//! vpc.vpc = vec![parse("10.0.0.0/20").unwrap().network()]; // too small: says why, and how to fix it
//! let Err(plan::PlanError::DoesNotFit { remedies, .. }) = vpc.layout() else { panic!() };
//! remedies[0].apply(&mut vpc); // "a /17 VPC"
//! let layout = vpc.layout().unwrap();
//! let tf = export::render(&vpc, &layout, export::Format::Terraform(None)).unwrap();
//! assert!(tf.contains("resource \"aws_subnet\"") && layout.subnets.len() == 9);
//! ```

#![warn(missing_docs)]

pub mod addr;
pub mod calc;
pub mod decimal;
pub mod design;
mod error;
pub mod export;
pub mod history;
pub mod lines;
pub mod lists;
pub mod mode;
pub mod ops;
pub mod parse;
pub mod plan;
pub mod report;
pub mod reverse;
pub mod share;
mod sort;
pub mod special;
pub mod table;
pub mod vlsm;

pub use addr::{Addr, Cidr, Count, Family};
pub use mode::Mode;
pub use parse::{parse, parse_prefix, InputError, Parsed};
