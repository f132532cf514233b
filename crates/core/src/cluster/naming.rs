//! Generated names, the way Kubernetes makes them (rules 3.5–3.7).

use crate::rng::Rng;

/// The alphabet of generated name parts: no vowels, no look-alike characters.
const SAFE: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// The five random characters of `<replicaset>-xxxxx` pod names.
pub fn random_suffix(rng: &mut Rng) -> String {
    rng.string_from(SAFE, 5)
}

/// `pod-template-hash`: an FNV-32a hash of the template, its decimal digits written in the
/// safe alphabet (as the Deployment controller does).
pub fn template_hash(template: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in template.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash.to_string()
        .bytes()
        .map(|b| char::from(SAFE[usize::from(b) % SAFE.len()]))
        .collect()
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
    fn provisioned_names_look_like_uuids() {
        let name = provisioned_volume_name(&mut Rng::new(1));
        assert_eq!(name.len(), 40);
        assert!(name.starts_with("pvc-"));
        assert_eq!(name.matches('-').count(), 5);
    }
}
