//! A map kept as a vector sorted by key: much less code than a `BTreeMap` for each key and
//! value type, and as quick for the small maps kubeglass keeps. It iterates, compares and
//! prints (`Debug`) exactly like a `BTreeMap` with the same entries.

use std::borrow::Borrow;
use std::fmt;

/// A map sorted by key, with at most one entry per key.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where `key` is, or where it would go.
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value for `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// The value for `key`, to change.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(&mut self.entries[i].1)
    }

    /// True when `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets the value for `key`; returns the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`; returns its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    /// The value for `key`, inserted as `value()` when missing.
    fn slot(&mut self, key: K, value: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key, value()));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// The entry for `key`, to fill when missing.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        Entry { map: self, key }
    }

    /// The map of `entries` in any order, sorted once: for many entries, quicker than
    /// inserting them one by one. Of equal keys the last given wins.
    pub fn from_unsorted(mut entries: Vec<(K, V)>) -> Self {
        crate::order::sort_by(&mut entries, |a, b| a.0 < b.0);
        let mut map = VecMap {
            entries: Vec::with_capacity(entries.len()),
        };
        for entry in entries {
            // The sort is stable, so the later of two equal keys comes later here.
            match map.entries.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => map.entries.push(entry),
            }
        }
        map
    }

    /// Keeps only the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }
}

impl<K, V> VecMap<K, V> {
    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// A key of a [`VecMap`] and the map, as [`VecMap::entry`] gives them.
pub struct Entry<'a, K, V> {
    map: &'a mut VecMap<K, V>,
    key: K,
}

impl<'a, K: Ord, V> Entry<'a, K, V> {
    /// The value, inserted as `value` when missing.
    pub fn or_insert(self, value: V) -> &'a mut V {
        self.map.slot(self.key, || value)
    }

    /// The value, inserted as `value()` when missing.
    pub fn or_insert_with(self, value: impl FnOnce() -> V) -> &'a mut V {
        self.map.slot(self.key, value)
    }

    /// The value, inserted as `V::default()` when missing.
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.map.slot(self.key, V::default)
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for VecMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for VecMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: serde::Serialize, V: serde::Serialize> serde::Serialize for VecMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Ord, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, entries: I) {
        for (key, value) in entries {
            self.insert(key, value);
        }
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut map = VecMap::new();
        map.extend(entries);
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_like_a_btree_map() {
        let mut rng = crate::rng::Rng::new(3);
        let mut ours = VecMap::new();
        let mut theirs = BTreeMap::new();
        for _ in 0..500 {
            let key = rng.below(40);
            let value = rng.below(1000);
            match rng.below(4) {
                0 => assert_eq!(ours.remove(&key), theirs.remove(&key)),
                1 => *ours.entry(key).or_default() += value,
                _ => assert_eq!(ours.insert(key, value), theirs.insert(key, value)),
            }
            if let Some(v) = ours.get(&key) {
                theirs.insert(key, *v);
            }
            assert_eq!(ours.get(&key), theirs.get(&key));
            assert_eq!(ours.len(), theirs.len());
            assert!(ours.iter().eq(theirs.iter()));
            assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        }
        ours.retain(|k, _| k % 2 == 0);
        theirs.retain(|k, _| k % 2 == 0);
        assert!(ours.into_iter().eq(theirs));
    }

    #[test]
    fn collects_like_a_btree_map() {
        let entries = [(3, "a"), (1, "b"), (3, "c"), (2, "d"), (1, "e"), (0, "f")];
        let theirs: BTreeMap<_, _> = entries.into_iter().collect();
        let ours: VecMap<_, _> = entries.into_iter().collect();
        assert!(ours.into_iter().eq(theirs.clone()));
        let ours = VecMap::from_unsorted(entries.to_vec());
        assert!(ours.into_iter().eq(theirs));
    }
}
