//! Sorted maps and sets built by inserting one entry at a time. Collecting into a
//! `BTreeMap` or `BTreeSet` first sorts a buffer with the standard library's stable sort,
//! and the browser build then carries a copy of that sort per element and iterator type;
//! inserting reuses the map's own code. As with `collect`, a later entry replaces the value
//! of an earlier one with an equal key.

use std::collections::BTreeSet;

mod vec_map;
pub use vec_map::VecMap;

/// The set holding `items`.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_what_collect_builds() {
        let items = [5, 1, 5, 3, 1];
        let collected: BTreeSet<_> = items.into_iter().collect();
        assert_eq!(set(items), collected);
    }
}
