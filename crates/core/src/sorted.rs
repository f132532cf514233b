//! Sorted maps and sets built by inserting one entry at a time. Collecting into a
//! `BTreeMap` or `BTreeSet` first sorts a buffer with the standard library's stable sort,
//! and the browser build then carries a copy of that sort per element and iterator type;
//! inserting reuses the map's own code. As with `collect`, a later entry replaces the value
//! of an earlier one with an equal key.

use std::collections::{BTreeMap, BTreeSet};

/// The map holding `entries`; for equal keys the last value wins.
pub fn map<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    map
}

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
        let entries = [(3, "a"), (1, "b"), (3, "c"), (2, "d"), (1, "e")];
        let collected: BTreeMap<_, _> = entries.into_iter().collect();
        assert_eq!(map(entries), collected);
        let items = [5, 1, 5, 3, 1];
        let collected: BTreeSet<_> = items.into_iter().collect();
        assert_eq!(set(items), collected);
    }
}
