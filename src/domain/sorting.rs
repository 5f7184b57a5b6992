//! Stable sorting of collections, compiled once: std's stable sort is instantiated for every
//! element type and every closure type, which costs tens of kilobytes of wasm. Here std's sort
//! runs only in one non-generic function over a list of indices (the comparison goes through a
//! `&dyn Fn`), and the sorted order is then applied to the items by swapping them in place.

use std::cmp::Ordering;
use std::collections::VecDeque;

/// The positions `0..len`, ordered by `compare` (stable: ties keep their input order).
/// The one place where std's sort is instantiated.
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the items so that the item at position `order[k]` ends at position `k`, calling
/// `swap` for each exchange (each cycle of the permutation is followed once).
#[inline(never)]
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

/// Sorts `items` in place by `compare`, keeping the input order of equal items, like std's
/// `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(order, &mut |a, b| items.swap(a, b));
}

/// Sorts `items` in place by their natural order, keeping the input order of equal items,
/// like std's `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` in place by the key `key` gives each (computed at every comparison), keeping
/// the input order of items with equal keys, like std's `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in place by the key `key` gives each, computing each key once, keeping the
/// input order of items with equal keys, like std's `slice::sort_by_cached_key`.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    permute(order, &mut |a, b| items.swap(a, b));
}

/// A stable merge sort done a slice at a time, so that sorting a long list never holds the
/// browser for long: the caller sorts short runs itself (`sort_by`), then calls `step` until it
/// says the runs are merged, yielding to the browser in between. Runs are merged in pairs, in
/// order, pass after pass, so items that compare equal keep their input order.
pub struct SlicedSort<T> {
    /// Sorted runs still to merge in this pass, in order.
    todo: VecDeque<Vec<T>>,
    /// Runs this pass has merged, in order.
    done: Vec<Vec<T>>,
    /// The merge under way: what is left of its two runs, and what is merged so far.
    merging: Option<(VecDeque<T>, VecDeque<T>, Vec<T>)>,
}

impl<T> SlicedSort<T> {
    /// A sort of `runs`, each already sorted, in input order.
    pub fn new(runs: Vec<Vec<T>>) -> Self {
        Self {
            todo: runs.into_iter().filter(|r| !r.is_empty()).collect(),
            done: Vec::new(),
            merging: None,
        }
    }

    /// Merges with at most `budget` comparisons (at least one); true once everything is sorted.
    pub fn step(&mut self, budget: usize, compare: &dyn Fn(&T, &T) -> Ordering) -> bool {
        let mut left = budget.max(1);
        loop {
            if let Some((a, b, out)) = &mut self.merging {
                while left > 0 {
                    let (Some(x), Some(y)) = (a.front(), b.front()) else {
                        break;
                    };
                    left -= 1;
                    let from = if compare(x, y) == Ordering::Greater {
                        &mut *b
                    } else {
                        &mut *a
                    };
                    out.extend(from.pop_front());
                }
                if !a.is_empty() && !b.is_empty() {
                    return false;
                }
                out.extend(a.drain(..));
                out.extend(b.drain(..));
                self.done.push(std::mem::take(out));
                self.merging = None;
            }
            match self.todo.len() {
                0 if self.done.len() <= 1 => return true,
                0 => self.todo = std::mem::take(&mut self.done).into(),
                1 => self.done.extend(self.todo.pop_front()),
                _ if left == 0 => return false,
                _ => {
                    let (a, b) = (self.todo.pop_front(), self.todo.pop_front());
                    let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
                    let out = Vec::with_capacity(a.len() + b.len());
                    self.merging = Some((a.into(), b.into(), out));
                }
            }
        }
    }

    /// The items, sorted once `step` has returned true.
    pub fn into_sorted(self) -> Vec<T> {
        self.done.into_iter().chain(self.todo).flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random sequence (xorshift), so the cases are the same every run.
    struct Numbers(u64);

    impl Numbers {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// Lists of (key, input position) of many lengths, with few distinct keys so ties abound.
    fn cases() -> Vec<Vec<(u64, usize)>> {
        let mut numbers = Numbers(0x9E37_79B9_7F4A_7C15);
        let mut out = Vec::new();
        for len in (0..40).chain([63, 64, 65, 100, 257, 1000]) {
            for spread in [1, 2, 3, 10, 1_000_000] {
                out.push((0..len).map(|i| (numbers.next() % spread, i)).collect());
            }
        }
        out.push((0..300).map(|i| (i as u64, i)).collect());
        out.push((0..300).rev().map(|i| (i as u64, 299 - i)).collect());
        out
    }

    #[test]
    fn sort_by_matches_std_and_keeps_ties_in_input_order() {
        for case in cases() {
            let mut ours = case.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = case.clone();
            std_sorted.sort_by_key(|a| a.0);
            assert_eq!(ours, std_sorted);
            assert!(ours
                .windows(2)
                .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)));
        }
    }

    #[test]
    fn sort_by_key_matches_std_with_a_reversed_key() {
        for case in cases() {
            let mut ours = case.clone();
            sort_by_key(&mut ours, |item| std::cmp::Reverse(item.0));
            let mut std_sorted = case.clone();
            std_sorted.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sort_by_cached_key_matches_std_and_computes_each_key_once() {
        for case in cases() {
            let mut calls = 0;
            let mut ours = case.clone();
            sort_by_cached_key(&mut ours, |item| {
                calls += 1;
                item.0.to_string()
            });
            assert_eq!(calls, case.len());
            let mut std_sorted = case.clone();
            std_sorted.sort_by_cached_key(|item| item.0.to_string());
            assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sort_matches_std_on_whole_items() {
        for case in cases() {
            let mut ours: Vec<String> = case.iter().map(|item| item.0.to_string()).collect();
            let mut std_sorted = ours.clone();
            sort(&mut ours);
            std_sorted.sort();
            assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn items_that_are_not_copy_move_without_loss() {
        let mut items: Vec<Vec<u8>> = vec![vec![3], vec![1, 1], vec![2], vec![1], vec![]];
        sort_by_key(&mut items, |v| v.first().copied());
        assert_eq!(items, vec![vec![], vec![1, 1], vec![1], vec![2], vec![3]]);
    }

    #[test]
    fn sliced_sort_matches_a_stable_sort_whatever_the_runs_and_budget() {
        for case in cases() {
            let mut expected = case.clone();
            expected.sort_by_key(|&(key, _)| key);
            for (run, budget) in [(1, 1), (3, 2), (7, 5), (16, 1000), (1000, 1)] {
                let runs: Vec<Vec<(u64, usize)>> = case
                    .chunks(run)
                    .map(|chunk| {
                        let mut chunk = chunk.to_vec();
                        sort_by_key(&mut chunk, |&(key, _)| key);
                        chunk
                    })
                    .collect();
                let mut sort = SlicedSort::new(runs);
                let mut steps = 0;
                while !sort.step(budget, &|a, b| a.0.cmp(&b.0)) {
                    steps += 1;
                    assert!(steps <= case.len() * case.len() + 10, "the sort ends");
                }
                assert_eq!(sort.into_sorted(), expected, "run {run}, budget {budget}");
            }
        }
    }

    #[test]
    fn a_sliced_sort_step_stays_within_its_budget() {
        let runs: Vec<Vec<u64>> = (0..64u64).map(|i| vec![i * 7 % 64]).collect();
        let mut sort = SlicedSort::new(runs);
        loop {
            let calls = std::cell::Cell::new(0);
            let done = sort.step(10, &|a: &u64, b: &u64| {
                calls.set(calls.get() + 1);
                a.cmp(b)
            });
            assert!(calls.get() <= 10);
            if done {
                break;
            }
        }
        assert_eq!(sort.into_sorted(), (0..64).collect::<Vec<u64>>());
    }
}
