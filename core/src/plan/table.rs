//! Labels shared by the planner's diagram and the exports.

/// `primary` or `secondary N`: which VPC block a subnet lives in.
pub(crate) fn block_label(i: usize) -> String {
    if i == 0 {
        "primary".to_string()
    } else {
        format!("secondary {i}")
    }
}
