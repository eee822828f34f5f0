//! A small stable sort for the short lists the planner, the special-purpose registry lookups,
//! the cloud modes and the designer's bar cells put in order.
//!
//! Why not `slice::sort_by_key`: the standard library's stable sort is a few kilobytes of
//! wasm for every element type and key it is used with, and these call sites made 15 such
//! copies (about 50 KB of the web bundle before compression). Insertion sort is a few hundred
//! bytes per use and quick on short input. It is quadratic, so long lists (a design's leaves,
//! the inputs of aggregate and exclude) keep the standard sorts.

/// Sorts `v` by `key`, keeping equal keys in their original order (stable). For short
/// slices only: O(n²) comparisons in the worst case.
pub(crate) fn sort_few_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        // Only a strictly greater key moves past: equal keys keep their order.
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_few_by_key;

    /// Against the standard stable sort on every input of a small xorshift stream, with
    /// many equal keys (values carry their position, so stability is checked too).
    #[test]
    fn matches_the_standard_stable_sort() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for len in 0..64usize {
            for _ in 0..20 {
                let v: Vec<(u8, usize)> = (0..len)
                    .map(|i| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        ((x % 7) as u8, i)
                    })
                    .collect();
                let mut ours = v.clone();
                sort_few_by_key(&mut ours, |e| e.0);
                let mut std = v;
                std.sort_by_key(|e| e.0);
                assert_eq!(ours, std);
            }
        }
    }
}
