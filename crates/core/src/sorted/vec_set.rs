//! A set kept as a sorted vector: the [`VecMap`](super::VecMap) of sets. It iterates,
//! compares, prints (`Debug`) and (de)serialises exactly like a `BTreeSet` of the same items.

use std::borrow::Borrow;
use std::fmt;

/// A set sorted in ascending order.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VecSet<T> {
    items: Vec<T>,
}

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet { items: Vec::new() }
    }
}

impl<T: Ord> VecSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where `item` is, or where it would go.
    fn find<Q: Ord + ?Sized>(&self, item: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        self.items.binary_search_by(|i| i.borrow().cmp(item))
    }

    /// True when `item` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.find(item).is_ok()
    }

    /// Adds `item`; false when it was there already (the set is then unchanged).
    pub fn insert(&mut self, item: T) -> bool {
        match self.find(&item) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, item);
                true
            }
        }
    }

    /// Takes `item` out; false when it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.find(item) {
            Ok(i) => {
                self.items.remove(i);
                true
            }
            Err(_) => false,
        }
    }
}

impl<T: Ord> VecSet<T> {
    /// The set of `items` in any order, sorted once: for many items, quicker than
    /// inserting them one by one.
    pub fn from_unsorted(mut items: Vec<T>) -> Self {
        crate::order::sort_by(&mut items, |a, b| a < b);
        // Of equal items the first stays, as `insert` keeps the one already there.
        items.dedup();
        VecSet { items }
    }
}

impl<T> VecSet<T> {
    /// How many items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there is no item.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for VecSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: serde::Serialize> serde::Serialize for VecSet<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: Ord + serde::Deserialize<'de>> serde::Deserialize<'de> for VecSet<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(VecSet::from_unsorted)
    }
}

impl<T> IntoIterator for VecSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: Ord> Extend<T> for VecSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

impl<T: Ord> FromIterator<T> for VecSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = VecSet::new();
        set.extend(items);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_like_a_btree_set() {
        let mut rng = crate::rng::Rng::new(5);
        let mut ours = VecSet::new();
        let mut theirs = BTreeSet::new();
        for _ in 0..500 {
            let item = rng.below(60);
            if rng.below(3) == 0 {
                assert_eq!(ours.remove(&item), theirs.remove(&item));
            } else {
                assert_eq!(ours.insert(item), theirs.insert(item));
            }
            assert_eq!(ours.contains(&item), theirs.contains(&item));
            assert_eq!(ours.len(), theirs.len());
            assert!(ours.iter().eq(theirs.iter()));
            assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        }
        let items = [5, 1, 5, 3, 1, 0];
        let collected: VecSet<_> = items.into_iter().collect();
        assert!(collected.into_iter().eq(BTreeSet::from(items)));
        let sorted = VecSet::from_unsorted(items.to_vec());
        assert!(sorted.into_iter().eq(BTreeSet::from(items)));
    }
}
