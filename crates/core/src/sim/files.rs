//! Writing a file at a container path: it lands in whatever volume is mounted there, or in
//! the container's own writable layer (rules 3.3, 5.1–5.4, 5.17).

use super::pods::{container_index, running_pod};
use crate::cluster::{Cluster, File, Lifetime, Store};
use crate::scenario::PodRef;
use crate::text::Text;

/// Where a write landed.
pub struct Written {
    /// The storage.
    pub store: Store,
    /// The path inside that storage.
    pub path: String,
    /// The volume's lifetime; `None` for the container's own layer.
    pub lifetime: Option<Lifetime>,
    /// The pod's name.
    pub pod: String,
    /// The container's name.
    pub container: String,
    /// The volume's name, when it went into one.
    pub volume: Option<String>,
}

/// Writes `path` from `container` of the pod.
pub fn write(
    cluster: &mut Cluster,
    reference: &PodRef,
    container: Option<&str>,
    path: &str,
) -> Result<Written, Text> {
    let i = running_pod(cluster, reference)?;
    let pod = &cluster.pods[i];
    let c = container_index(pod, container)?;
    let spec = &pod.spec.containers[c];
    if !path.starts_with('/') || path.ends_with('/') {
        return Err(Text::new(
            format!("{path} is not an absolute file path"),
            format!("{path}은(는) 절대 파일 경로가 아닙니다"),
        ));
    }
    let mount = spec
        .volume_mounts
        .iter()
        .filter(|m| {
            let mp = m.mount_path.trim_end_matches('/');
            path.strip_prefix(mp)
                .is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|m| m.mount_path.len());
    let written = match mount {
        Some(m) => {
            let volume = pod.volumes.iter().find(|v| v.name == m.name);
            let read_only = m.read_only || volume.is_some_and(|v| v.read_only);
            let store = volume.and_then(|v| v.store.clone()).filter(|_| !read_only);
            let Some(store) = store else {
                return Err(Text::new(
                    format!("cannot write {path}: {} is mounted read-only (Read-only file system)", m.mount_path),
                    format!("{path}에 쓸 수 없습니다: {}가 읽기 전용으로 마운트되어 있습니다 (Read-only file system)", m.mount_path),
                ));
            };
            let relative = path[m.mount_path.trim_end_matches('/').len()..].trim_start_matches('/');
            let relative = match &m.sub_path {
                Some(sub) => format!("{}/{relative}", sub.trim_matches('/')),
                None => relative.to_owned(),
            };
            let relative = match &store {
                Store::NodeDir { path, .. } => format!("{}/{relative}", path.trim_end_matches('/')),
                _ => relative,
            };
            Written {
                store,
                path: relative,
                lifetime: volume.map(|v| v.lifetime),
                pod: pod.name.clone(),
                container: spec.name.clone(),
                volume: Some(m.name.clone()),
            }
        }
        None => Written {
            store: Store::Container {
                pod: pod.uid,
                container: spec.name.clone(),
                generation: pod.restarts[c],
            },
            path: path.to_owned(),
            lifetime: None,
            pod: pod.name.clone(),
            container: spec.name.clone(),
            volume: None,
        },
    };
    let writer = format!("{}/{} ({})", pod.namespace, pod.name, spec.name);
    let file = File {
        path: written.path.clone(),
        writer,
        at: cluster.now,
    };
    let files = cluster.files.entry(written.store.clone()).or_default();
    match files.iter_mut().find(|f| f.path == file.path) {
        Some(existing) => *existing = file,
        None => files.push(file),
    }
    Ok(written)
}
