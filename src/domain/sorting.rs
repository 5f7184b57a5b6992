//! Sorting for every module: `sort_by` and `sort_by_key` sort positions through one `dyn`
//! comparator, so the whole app carries a single compiled sort instead of one per element
//! type and comparator (each costs about 2 KB of wasm). Unstable, like `sort_unstable_by`.

use std::cmp::Ordering;

/// The positions `0..len` in the order `compare` gives their elements.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|a, b| compare(*a, *b));
    order
}

/// Sorts `items` by `compare`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    // `order[i]` is the old position of the element that belongs at `i`: follow each cycle,
    // swapping elements into place and marking positions done.
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `items` by the key `key` gives each.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 7_u64;
        for len in [0, 1, 2, 3, 5, 8, 13, 100] {
            let mut items: Vec<u64> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    seed >> 60
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            sort_by(&mut items, |a, b| a.cmp(b));
            assert_eq!(items, expected, "{len} items");
        }
    }

    #[test]
    fn sorts_by_a_key_and_in_reverse() {
        let mut words = vec!["pear", "fig", "banana", "kiwi", "apple"];
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(
            words.iter().map(|w| w.len()).collect::<Vec<_>>(),
            vec![3, 4, 4, 5, 6]
        );
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, vec!["pear", "kiwi", "fig", "banana", "apple"]);
    }

    #[test]
    fn moves_owned_values_without_losing_any() {
        let mut items: Vec<String> = ["c", "a", "d", "b"].iter().map(|s| s.to_string()).collect();
        sort_by(&mut items, |a, b| a.cmp(b));
        assert_eq!(items, vec!["a", "b", "c", "d"]);
    }
}
