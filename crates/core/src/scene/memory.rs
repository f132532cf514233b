//! Where things were in the last picture, so the next one keeps them there: a replacement
//! pod takes a free slot without reshuffling the others, and editing the manifest leaves
//! unchanged objects where they were.

use crate::sorted::VecMap;

/// Slots of the items in each container (a node, the unscheduled area).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Memory {
    slots: VecMap<String, Vec<Option<String>>>,
}

impl Memory {
    /// Gives each of `ids` (in order of arrival) a slot in `container`: items seen before
    /// keep theirs, new ones take the first free slot. Returns the slot of each id.
    pub fn place(&mut self, container: &str, ids: &[String]) -> Vec<usize> {
        let slots = self.slots.entry(container.to_owned()).or_default();
        for slot in slots.iter_mut() {
            if slot.as_ref().is_some_and(|id| !ids.contains(id)) {
                *slot = None;
            }
        }
        let placed: Vec<usize> = ids
            .iter()
            .map(
                |id| match slots.iter().position(|s| s.as_ref() == Some(id)) {
                    Some(i) => i,
                    None => match slots.iter().position(Option::is_none) {
                        Some(free) => {
                            slots[free] = Some(id.clone());
                            free
                        }
                        None => {
                            slots.push(Some(id.clone()));
                            slots.len() - 1
                        }
                    },
                },
            )
            .collect();
        while slots.last().is_some_and(Option::is_none) {
            slots.pop();
        }
        placed
    }

    /// Forgets containers that no longer exist.
    pub fn retain(&mut self, containers: &[String]) {
        self.slots.retain(|k, _| containers.contains(k));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn items_keep_their_slots_and_newcomers_fill_gaps() {
        let mut m = Memory::default();
        assert_eq!(m.place("n1", &ids(&["a", "b", "c"])), [0, 1, 2]);
        // b is replaced by d: d takes b's slot, a and c stay.
        assert_eq!(m.place("n1", &ids(&["a", "c", "d"])), [0, 2, 1]);
        // A newcomer before the others in arrival order still does not move them.
        assert_eq!(m.place("n1", &ids(&["e", "a", "c", "d"])), [3, 0, 2, 1]);
    }

    #[test]
    fn trailing_free_slots_are_dropped() {
        let mut m = Memory::default();
        m.place("n1", &ids(&["a", "b"]));
        assert_eq!(m.place("n1", &ids(&["a"])), [0]);
        assert_eq!(m.place("n1", &ids(&["a", "c"])), [0, 1]);
    }
}
