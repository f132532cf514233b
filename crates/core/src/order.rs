//! Sorting with one small merge sort over indices. The standard library's sorts are fast
//! but large, and each element type and comparator gets its own copy: in the browser build
//! they weighed more than the scheduler. Here only the final reordering is per type.

/// The order that sorts `n` items stably, given `less(a, b)` on their indices.
fn permutation(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut buffer = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, middle, start);
            while i < middle && j < end {
                // Take from the right run only when strictly less: equal items keep their order.
                if less(order[j], order[i]) {
                    buffer[k] = order[j];
                    j += 1;
                } else {
                    buffer[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            buffer[k..k + middle - i].copy_from_slice(&order[i..middle]);
            k += middle - i;
            buffer[k..k + end - j].copy_from_slice(&order[j..end]);
            start = end;
        }
        std::mem::swap(&mut order, &mut buffer);
        width *= 2;
    }
    order
}

/// Moves `items` into `order` (item `order[i]` goes to place `i`), following cycles.
fn reorder<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut current = start;
        while order[current] != start {
            let next = order[current];
            items.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

/// Sorts `items` stably by `less`.
pub fn sort_by<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let order = permutation(items.len(), &|a, b| less(&items[a], &items[b]));
    reorder(items, order);
}

/// Sorts `items` stably by the key `key` gives each.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    // Each key once, not once per comparison: keys can be costly (a formatted name).
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = permutation(items.len(), &|a, b| keys[a] < keys[b]);
    reorder(items, order);
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, |a, b| a < b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_ties_in_order() {
        let mut rng = crate::rng::Rng::new(7);
        for n in [0usize, 1, 2, 3, 7, 16, 33, 100, 1000] {
            let items: Vec<(u64, usize)> = (0..n).map(|i| (rng.next_u64() % 10, i)).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut theirs = items.clone();
            theirs.sort_by_key(|x| x.0);
            assert_eq!(ours, theirs, "n = {n}");
        }
        let mut words = vec!["pear", "apple", "fig"];
        sort(&mut words);
        assert_eq!(words, ["apple", "fig", "pear"]);
    }
}
