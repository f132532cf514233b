//! Reading PersistentVolumes, PersistentVolumeClaims and StorageClasses.

use super::api_error::{Cause, Shown};
use super::fixes::Plan;
use super::quantity;
use super::read::Field;
use super::selectors::{read_label_selector, read_node_selector};
use crate::diagnostic::{Code, Severity};
use crate::model::{
    AccessMode, BindingMode, ClaimRef, Labels, PersistentVolumeClaimSpec, PersistentVolumeSpec,
    PvSourceKind, ReclaimPolicy, StorageClassSpec,
};
use crate::text::Text;

const PV_SOURCES: &[&str] = &[
    "local",
    "hostPath",
    "nfs",
    "csi",
    "awsElasticBlockStore",
    "azureDisk",
    "azureFile",
    "cephfs",
    "cinder",
    "fc",
    "flexVolume",
    "flocker",
    "gcePersistentDisk",
    "glusterfs",
    "iscsi",
    "photonPersistentDisk",
    "portworxVolume",
    "quobyte",
    "rbd",
    "scaleIO",
    "storageos",
    "vsphereVolume",
];

/// Pod volume sources that people sometimes write into a PV, where they mean nothing.
const POD_ONLY_SOURCES: &[&str] = &[
    "emptyDir",
    "gitRepo",
    "configMap",
    "secret",
    "downwardAPI",
    "projected",
    "persistentVolumeClaim",
    "ephemeral",
];

/// The access modes the API takes (`supportedAccessModes`, listed sorted as `sets.List` does).
const ACCESS_MODES: &[&str] = &[
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOnce",
    "ReadWriteOncePod",
];

/// `accessModes` of a PersistentVolume or a claim, checked as the API does: each must be one
/// of its full names (reported at the list, as the API does), and ReadWriteOncePod stands
/// alone.
fn read_access_modes(f: &Field<'_>) -> Vec<AccessMode> {
    let modes: Vec<AccessMode> = f
        .items(|m| {
            let text = m.string();
            if ACCESS_MODES.contains(&text.as_str()) {
                return AccessMode::parse(&text);
            }
            let short = AccessMode::parse(&text).map(|mode| match mode {
                AccessMode::ReadWriteOnce => "ReadWriteOnce",
                AccessMode::ReadOnlyMany => "ReadOnlyMany",
                AccessMode::ReadWriteMany => "ReadWriteMany",
                AccessMode::ReadWriteOncePod => "ReadWriteOncePod",
            });
            let hint = short.map(|full| {
                Text::new(
                    format!("write {full}: `{text}` is how kubectl get abbreviates it"),
                    format!("{full}로 쓰세요: `{text}`는 kubectl get이 줄여 보여 주는 이름입니다"),
                )
            });
            let message = super::api_error::cause(
                &f.dotted(),
                &Cause::Unsupported(Shown::Str(text), ACCESS_MODES),
            );
            m.report(Severity::Error, Code::Rejected, message, hint);
            None
        })
        .into_iter()
        .flatten()
        .collect();
    let pod_only = modes.contains(&AccessMode::ReadWriteOncePod);
    if pod_only && modes.iter().any(|m| *m != AccessMode::ReadWriteOncePod) {
        f.reject(Cause::Forbidden(Text::new(
            "may not use ReadWriteOncePod with other access modes",
            "ReadWriteOncePod는 다른 접근 모드와 함께 쓸 수 없습니다",
        )));
    }
    modes
}

/// True when the list is written with at least one item (what the API's `len(...) == 0`
/// checks see, whatever the items hold).
fn has_items(f: &Field<'_>) -> bool {
    matches!(f.value(), Some(crate::yaml::Value::Seq(items)) if !items.is_empty())
}

fn storage_class_name(spec: &Field<'_>, annotations: &Labels) -> Option<String> {
    spec.get("storageClassName").str().or_else(|| {
        annotations
            .get("volume.beta.kubernetes.io/storage-class")
            .cloned()
    })
}

/// Reads a PersistentVolume.
pub(crate) fn read_pv(root: &Field<'_>, annotations: &Labels) -> PersistentVolumeSpec {
    let spec = root.get("spec");
    spec.expect_map();
    let keys = spec.keys();
    let sources: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|k| PV_SOURCES.contains(k))
        .collect();
    // A pod-only source (`emptyDir`, `gitRepo`...) is an unknown field of a PV: strict
    // validation refuses it. Several real ones are refused by validation (rule 9.6).
    let present: Vec<String> = keys
        .iter()
        .filter(|k| PV_SOURCES.contains(&k.as_str()) || POD_ONLY_SOURCES.contains(&k.as_str()))
        .cloned()
        .collect();
    if sources.len() > 1 {
        for extra in &sources[1..] {
            spec.get(extra).reject_with(
                Cause::Forbidden(Text::new(
                    "may not specify more than 1 volume type",
                    "볼륨 타입은 하나만 지정할 수 있습니다",
                )),
                Some(Text::new(
                    "keep the one source where the data really lives",
                    "데이터가 실제로 있는 소스 하나만 남기세요",
                )),
            );
        }
        spec.get(sources[1]).offer(Plan::KeepOneSource {
            keep: sources.iter().map(|s| (*s).to_owned()).collect(),
            present: present.clone(),
        });
    }
    for kind in &sources {
        // Every written source is read, so its flags are checked even when it is not used.
        spec.get(kind).get("readOnly").bool();
    }
    let source = sources.first().map(|kind| {
        let f = spec.get(kind);
        match *kind {
            "local" => PvSourceKind::Local(f.get("path").string()),
            "hostPath" => PvSourceKind::HostPath(f.get("path").string()),
            "nfs" => PvSourceKind::Nfs {
                server: f.get("server").string(),
                path: f.get("path").string(),
            },
            other => PvSourceKind::Network(other.to_owned()),
        }
    });
    if source.is_none() && present.is_empty() {
        spec.reject_with(
            Cause::Required(Some(Text::new(
                "must specify a volume type",
                "볼륨 타입을 지정해야 합니다",
            ))),
            Some(Text::new(
                "add the one source where the data lives (such as nfs, local, hostPath or csi)",
                "데이터가 있는 소스 하나를 추가하세요 (nfs, local, hostPath, csi 등)",
            )),
        );
    }
    let capacity_field = spec.get("capacity");
    let capacity = quantity::read_storage_size(&capacity_field, &capacity_field.dotted(), true)
        .map(|q| q.value());
    if !capacity_field.get("storage").is_set() {
        let field = spec.get("capacity");
        field.reject(Cause::Required(None));
        field.offer(Plan::AddUnderSpec(
            "capacity:\n  storage: 1Gi # added by kubeglass: a typical size; write the real one",
        ));
    }
    let access_modes = read_access_modes(&spec.get("accessModes"));
    if !has_items(&spec.get("accessModes")) {
        let field = spec.get("accessModes");
        field.reject(Cause::Required(None));
        field.offer(Plan::AddUnderSpec(
            "accessModes:\n- ReadWriteOnce # added by kubeglass: the most common mode",
        ));
    }
    if matches!(source, Some(PvSourceKind::Local(_))) && !spec.get("nodeAffinity").is_set() {
        spec.get("nodeAffinity")
            .reject(Cause::Required(Some(Text::new(
                "Local volume requires node affinity",
                "local 볼륨에는 노드 어피니티가 필요합니다",
            ))));
    }
    let reclaim = spec.get("persistentVolumeReclaimPolicy");
    let claim_ref = spec.get("claimRef");
    PersistentVolumeSpec {
        capacity: capacity.unwrap_or(0),
        access_modes,
        // `supportedReclaimPolicy` of core validation, sorted.
        reclaim_policy: read_reclaim(
            &reclaim,
            ReclaimPolicy::Retain,
            &["Delete", "Recycle", "Retain"],
        ),
        storage_class: storage_class_name(&spec, annotations).unwrap_or_default(),
        block: spec.get("volumeMode").str().as_deref() == Some("Block"),
        claim_ref: claim_ref.is_set().then(|| ClaimRef {
            namespace: claim_ref
                .get("namespace")
                .str()
                .unwrap_or_else(|| "default".to_owned()),
            name: claim_ref.get("name").string(),
        }),
        node_affinity: read_node_selector(&spec.get("nodeAffinity").get("required")),
        source,
        phase: root.get("status").get("phase").str(),
    }
}

/// A reclaim policy: unsupported values are rejected (`supported` lists what this kind takes,
/// in the API's order), and read as `default`.
fn read_reclaim(
    f: &Field<'_>,
    default: ReclaimPolicy,
    supported: &'static [&'static str],
) -> ReclaimPolicy {
    let Some(text) = f.str().filter(|t| !t.is_empty()) else {
        return default;
    };
    match ReclaimPolicy::parse(&text).filter(|p| supported.contains(&p.as_str())) {
        Some(policy) => policy,
        None => {
            f.reject(Cause::Unsupported(Shown::Str(text), supported));
            default
        }
    }
}

/// Reads a claim spec (of a PVC, or of a StatefulSet's volumeClaimTemplates entry).
pub(crate) fn read_claim_spec(spec: &Field<'_>) -> PersistentVolumeClaimSpec {
    read_claim(spec, None, &Labels::new())
}

/// Reads a PersistentVolumeClaim.
pub(crate) fn read_pvc(root: &Field<'_>, annotations: &Labels) -> PersistentVolumeClaimSpec {
    read_claim(&root.get("spec"), Some(root), annotations)
}

fn read_claim(
    spec: &Field<'_>,
    root: Option<&Field<'_>>,
    annotations: &Labels,
) -> PersistentVolumeClaimSpec {
    spec.expect_map();
    let resources = spec.get("resources");
    let requests = resources.get("requests");
    let request =
        quantity::read_storage_size(&requests, &resources.dotted(), false).map(|q| q.value());
    if !requests.get("storage").is_set() {
        let path = format!("{}[storage]", resources.dotted());
        resources.report(
            Severity::Error,
            Code::Rejected,
            super::api_error::cause(&path, &Cause::Required(None)),
            None,
        );
    }
    let access_modes = read_access_modes(&spec.get("accessModes"));
    if !has_items(&spec.get("accessModes")) {
        spec.get("accessModes")
            .reject(Cause::Required(Some(Text::new(
                "at least 1 access mode is required",
                "접근 모드가 하나 이상 필요합니다",
            ))));
    }
    PersistentVolumeClaimSpec {
        access_modes,
        request: request.unwrap_or(0),
        storage_class: storage_class_name(spec, annotations),
        volume_name: spec.get("volumeName").str().filter(|s| !s.is_empty()),
        selector: read_label_selector(&spec.get("selector")),
        block: spec.get("volumeMode").str().as_deref() == Some("Block"),
        phase: root.and_then(|r| r.get("status").get("phase").str()),
    }
}

/// Reads a StorageClass.
pub(crate) fn read_storage_class(root: &Field<'_>, annotations: &Labels) -> StorageClassSpec {
    let is_default = [
        "storageclass.kubernetes.io/is-default-class",
        "storageclass.beta.kubernetes.io/is-default-class",
    ]
    .iter()
    .any(|key| annotations.get(*key).is_some_and(|v| v == "true"));
    let provisioner = root.get("provisioner").string();
    if provisioner.is_empty() {
        root.get("provisioner").reject(Cause::Required(None));
    }
    let mode = root.get("volumeBindingMode");
    StorageClassSpec {
        provisioner,
        // Storage validation takes Delete and Retain only (no Recycle).
        reclaim_policy: read_reclaim(
            &root.get("reclaimPolicy"),
            ReclaimPolicy::Delete,
            &["Delete", "Retain"],
        ),
        binding_mode: match mode.str().as_deref() {
            Some("WaitForFirstConsumer") => BindingMode::WaitForFirstConsumer,
            None | Some("" | "Immediate") => BindingMode::Immediate,
            Some(other) => {
                mode.reject(Cause::Unsupported(
                    Shown::Str(other.to_owned()),
                    &["Immediate", "WaitForFirstConsumer"],
                ));
                BindingMode::Immediate
            }
        },
        is_default,
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::load::load;
    use crate::load::rejected_messages as rejected;

    fn pv(spec: &str) -> String {
        format!("apiVersion: v1\nkind: PersistentVolume\nmetadata: {{name: pv1}}\nspec:\n  hostPath: {{path: /data}}\n{spec}")
    }

    fn pvc(spec: &str) -> String {
        format!(
            "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {{name: data}}\nspec:\n{spec}"
        )
    }

    const SUPPORTED_MODES: &str =
        "supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"";

    #[test]
    fn an_unknown_access_mode_is_rejected_at_the_list_with_the_supported_ones() {
        let text = pvc("  accessModes: [ReadWriteOnce, ReadWriteSometimes]\n  resources: {requests: {storage: 1Gi}}\n");
        assert_eq!(
            rejected(&text),
            [format!("The PersistentVolumeClaim \"data\" is invalid: spec.accessModes: Unsupported value: \"ReadWriteSometimes\": {SUPPORTED_MODES}")]
        );
        let text = pv("  capacity: {storage: 1Gi}\n  accessModes: [RWO]\n");
        let loaded = load(&text);
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == Code::Rejected)
            .expect("rejected");
        assert_eq!(
            d.message.en,
            format!("The PersistentVolume \"pv1\" is invalid: spec.accessModes: Unsupported value: \"RWO\": {SUPPORTED_MODES}")
        );
        assert!(d
            .hint
            .as_ref()
            .is_some_and(|h| h.en.contains("ReadWriteOnce")));
    }

    #[test]
    fn read_write_once_pod_may_not_be_mixed_with_other_modes() {
        let text = pvc("  accessModes: [ReadWriteOncePod, ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n");
        assert_eq!(
            rejected(&text),
            ["The PersistentVolumeClaim \"data\" is invalid: spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]
        );
    }

    #[test]
    fn reclaim_policies_outside_the_supported_ones_are_rejected() {
        let text = pv("  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Keep\n");
        assert_eq!(
            rejected(&text),
            ["The PersistentVolume \"pv1\" is invalid: spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\""]
        );
        // A StorageClass takes Delete and Retain only.
        let text = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: example.com/disk\nreclaimPolicy: Recycle\nvolumeBindingMode: Later\n";
        assert_eq!(
            rejected(text),
            [
                "The StorageClass \"fast\" is invalid: reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"",
                "The StorageClass \"fast\" is invalid: volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"",
            ]
        );
    }

    #[test]
    fn storage_sizes_must_be_above_zero() {
        let text = pvc("  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 0}}\n");
        assert_eq!(
            rejected(&text),
            ["The PersistentVolumeClaim \"data\" is invalid: spec.resources[storage]: Invalid value: \"0\": must be greater than zero"]
        );
        let text =
            pvc("  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: -1Gi}}\n");
        assert_eq!(
            rejected(&text),
            ["The PersistentVolumeClaim \"data\" is invalid: spec.resources[storage]: Invalid value: \"-1Gi\": must be greater than zero"]
        );
        // A PV's capacity also goes through validateBasicResource (two causes at one place,
        // listed by their text).
        let text = pv("  capacity: {storage: -1Gi}\n  accessModes: [ReadWriteOnce]\n");
        assert_eq!(
            rejected(&text),
            [
                "The PersistentVolume \"pv1\" is invalid: spec.capacity[storage]: Invalid value: \"-1Gi\": must be greater than zero",
                "The PersistentVolume \"pv1\" is invalid: spec.capacity[storage]: Invalid value: -1073741824: must be a valid resource quantity",
            ]
        );
    }

    #[test]
    fn valid_volumes_claims_and_classes_load_clean() {
        for text in [
            pv("  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce, ReadOnlyMany]\n  persistentVolumeReclaimPolicy: Recycle\n"),
            pvc("  accessModes: [ReadWriteOncePod]\n  resources: {requests: {storage: 500Mi}}\n"),
            "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: example.com/disk\nreclaimPolicy: Retain\nvolumeBindingMode: WaitForFirstConsumer\n".to_owned(),
        ] {
            let loaded = load(&text);
            assert!(!loaded.has_errors(), "{text}\n{:#?}", loaded.diagnostics);
        }
    }
}
