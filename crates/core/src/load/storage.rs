//! Reading PersistentVolumes, PersistentVolumeClaims and StorageClasses.

use super::api_error::Cause;
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

fn read_access_modes(f: &Field<'_>) -> Vec<AccessMode> {
    f.items(|m| {
        let text = m.string();
        let mode = AccessMode::parse(&text);
        if mode.is_none() {
            let path = m.dotted();
            m.warn(
                Code::InvalidValue,
                Text::new(
                    format!("{path} `{text}` is not ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod"),
                    format!("{path} `{text}`은(는) ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod 중 하나가 아닙니다"),
                ),
            );
        }
        mode
    })
    .into_iter()
    .flatten()
    .collect()
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
    let capacity = quantity::read(&spec.get("capacity").get("storage")).map(|q| q.value());
    if capacity.is_none() {
        let field = spec.get("capacity");
        field.reject(Cause::Required(None));
        field.offer(Plan::AddUnderSpec(
            "capacity:\n  storage: 1Gi # added by kubeglass: a typical size; write the real one",
        ));
    }
    let access_modes = read_access_modes(&spec.get("accessModes"));
    if access_modes.is_empty() {
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
        reclaim_policy: read_reclaim(&reclaim, ReclaimPolicy::Retain),
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

fn read_reclaim(f: &Field<'_>, default: ReclaimPolicy) -> ReclaimPolicy {
    let Some(text) = f.str() else {
        return default;
    };
    ReclaimPolicy::parse(&text).unwrap_or_else(|| {
        let path = f.dotted();
        f.warn(
            Code::InvalidValue,
            Text::new(
                format!("{path} `{text}` is not Retain, Delete or Recycle; {} is assumed", default.as_str()),
                format!("{path} `{text}`은(는) Retain, Delete, Recycle 중 하나가 아닙니다. {}로 간주합니다", default.as_str()),
            ),
        );
        default
    })
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
    let request =
        quantity::read(&spec.get("resources").get("requests").get("storage")).map(|q| q.value());
    if request.is_none() {
        let resources = spec.get("resources");
        let path = format!("{}[storage]", resources.dotted());
        resources.report(
            Severity::Error,
            Code::Rejected,
            super::api_error::cause(&path, &Cause::Required(None)),
            None,
        );
    }
    let access_modes = read_access_modes(&spec.get("accessModes"));
    if access_modes.is_empty() {
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
        reclaim_policy: read_reclaim(&root.get("reclaimPolicy"), ReclaimPolicy::Delete),
        binding_mode: match mode.str().as_deref() {
            Some("WaitForFirstConsumer") => BindingMode::WaitForFirstConsumer,
            _ => BindingMode::Immediate,
        },
        is_default,
    }
}
