//! Generated names, the way Kubernetes makes them (rules 3.5–3.7).

use crate::rng::Rng;
use std::hash::{Hash, Hasher};

/// The alphabet of generated name parts: no vowels, no look-alike characters.
const SAFE: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// The five random characters of `<replicaset>-xxxxx` pod names.
pub fn random_suffix(rng: &mut Rng) -> String {
    rng.string_from(SAFE, 5)
}

/// `pod-template-hash`: an FNV-32a hash of the template, its decimal digits written in the
/// safe alphabet (as the Deployment controller does). The template is hashed field by field,
/// so the same template gives the same hash however its YAML is written.
pub fn template_hash(template: &(impl Hash + ?Sized)) -> String {
    let mut hasher = Fnv32a(0x811c_9dc5);
    template.hash(&mut hasher);
    hasher
        .0
        .to_string()
        .bytes()
        .map(|b| char::from(SAFE[usize::from(b) % SAFE.len()]))
        .collect()
}

/// FNV-1a, 32 bits. Lengths are hashed as 64-bit numbers, so wasm32 and 64-bit hosts agree.
struct Fnv32a(u32);

impl Hasher for Fnv32a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u32::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write(&(n as u64).to_le_bytes());
    }

    fn finish(&self) -> u64 {
        u64::from(self.0)
    }
}

/// A provisioned volume's name, `pvc-` and a UUID (version 4 layout, from the seeded generator).
pub fn provisioned_volume_name(rng: &mut Rng) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    format!(
        "pvc-{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0x0fff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_use_the_safe_alphabet() {
        let mut rng = Rng::new(5);
        let s = random_suffix(&mut rng);
        assert_eq!(s.len(), 5);
        assert!(s.bytes().all(|b| SAFE.contains(&b)));
    }

    #[test]
    fn template_hashes_are_stable_and_differ_by_template() {
        let a = template_hash("image: nginx:1.14");
        assert_eq!(a, template_hash("image: nginx:1.14"));
        assert_ne!(a, template_hash("image: nginx:1.15"));
        assert!((8..=10).contains(&a.len()));
        assert!(a.bytes().all(|b| SAFE.contains(&b)));
    }

    #[test]
    fn template_hashes_do_not_depend_on_the_word_size() {
        // Lengths go in as 64-bit numbers, so wasm32 computes this value too (checked by hand
        // against FNV-1a over the bytes std hashes); a toolchain that changes them fails here.
        assert_eq!(template_hash(&vec!["nginx"; 3]), "655d68789f");
    }

    #[test]
    fn provisioned_names_look_like_uuids() {
        let name = provisioned_volume_name(&mut Rng::new(1));
        assert_eq!(name.len(), 40);
        assert!(name.starts_with("pvc-"));
        assert_eq!(name.matches('-').count(), 5);
    }
}
