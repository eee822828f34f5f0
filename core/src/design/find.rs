//! "Go to" for the designer table: the row an address or a block typed by a person lands on.

use super::{err, Design, DesignError};
use crate::parse::{parse, Parsed};

impl Design {
    /// The row to show for `query`: the leaf holding an address (`10.3.7.9`), or for a block
    /// (`10.3.0.0/20`) the leaf holding its first address: the block itself, the leaf it is
    /// part of, or the first leaf inside it. Refused, with the reason, when `query` is not an
    /// address or a block, is a range, or is not inside the base.
    pub fn row_for(&self, query: &str) -> Result<usize, DesignError> {
        let text = query.trim();
        if text.is_empty() {
            return err("Enter an address like 10.0.0.9 or a block like 10.0.0.0/20 to go to");
        }
        // `10.0.0.5/16` stands for 10.0.0.5 in 10.0.0.0/16: go to the address typed.
        let (addr, block) = match parse(text) {
            Ok(Parsed::Network(n)) => (n.address.unwrap_or(n.network.network()), n.network),
            Ok(Parsed::Range(_)) => return err("Enter one address or one block to go to, not a range"),
            Err(e) => return err(format!("'{text}' is not an address or a block: {e}")),
        };
        // A block larger than the base is not inside it, even where they overlap.
        let inside = block.prefix() >= self.base.prefix() && self.base.contains_addr(addr);
        match self.leaf_containing(addr).filter(|_| inside) {
            Some(row) => Ok(row),
            None => err(format!("{text} is outside the base network {}", self.base)),
        }
    }
}
