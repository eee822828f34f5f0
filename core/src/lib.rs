//! cidrplan core: IPv4/IPv6 address math, parsing, cloud modes, reports, the subnet designer's
//! model and the share-link codec. Pure Rust with no web dependency, so everything here is
//! tested natively in seconds; the web app and the CLI are thin shells over it.

pub mod addr;
pub mod calc;
pub mod decimal;
pub mod design;
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
