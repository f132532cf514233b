//! Pod boxes: name, IP or state, labels, containers with ports and their own files,
//! volumes with their data lifetime and files.

use super::style::{word, Word, ICON, LINE, PAD, POD_W};
use super::Context;
use crate::cluster::{Lifetime, Phase, Pod, Store};
use crate::scene::{Item, Kind, Label, Rect};

/// Where a pod volume's row is, for edges to the storage it mounts.
pub struct VolumeRow {
    /// The volume's rectangle.
    pub rect: Rect,
    /// The rectangle of the pod it belongs to.
    pub pod: Rect,
    /// The node the pod runs on.
    pub node: Option<String>,
    /// What it mounts: `host:<node>:<path>`, `claim:<ns>/<name>`, `store:<label>`.
    pub target: Option<String>,
}

/// File rows from `y` down, advancing `y`.
pub fn file_items(prefix: &str, files: &[String], x: i32, y: &mut i32, width: i32) -> Vec<Item> {
    files
        .iter()
        .map(|path| {
            let mut f = Item::new(
                format!("{prefix}/file:{path}"),
                Kind::File,
                Rect::new(x, *y, width, LINE - 2),
            );
            f.title = path.clone();
            f.data = vec![("testid", "file".to_owned()), ("file", path.clone())];
            f.labels
                .push(Label::fitted(x + 14, *y + 11, path, "file", width - 16));
            *y += LINE - 2;
            f
        })
        .collect()
}

fn state_text(pod: &Pod) -> String {
    match (pod.phase, pod.terminating, &pod.reason) {
        (_, true, _) => "Terminating".to_owned(),
        (Phase::Pending, _, Some(_)) if pod.node.is_some() => "ContainerCreating".to_owned(),
        (phase, _, _) => phase.as_str().to_owned(),
    }
}

/// A pod's box at the origin; returns it and its volume rows.
pub fn pod_box(ctx: &Context<'_>, pod: &Pod) -> (Item, Vec<VolumeRow>) {
    let language = ctx.language;
    let id = format!("pod:{}/{}", pod.namespace, pod.name);
    let inner = POD_W - 2 * PAD;
    let mut item = Item::new(id.clone(), Kind::Pod, Rect::new(0, 0, POD_W, 0));
    item.icon = Some("pod");
    let state = state_text(pod);
    item.title = format!(
        "Pod {}/{}\n{}{}{}",
        pod.namespace,
        pod.name,
        state,
        pod.ip.map_or(String::new(), |ip| format!(" · {ip}")),
        pod.reason
            .as_ref()
            .map_or(String::new(), |r| format!("\n{}", r.get(language)))
    );
    item.data = vec![
        ("kind", "Pod".to_owned()),
        ("name", pod.name.clone()),
        ("namespace", pod.namespace.clone()),
        ("node", pod.node.clone().unwrap_or_default()),
        ("ip", pod.ip.map_or(String::new(), |ip| ip.to_string())),
        ("phase", pod.phase.as_str().to_owned()),
    ];
    for (on, class) in [
        (pod.terminating, "terminating"),
        (pod.phase == Phase::Pending, "pending"),
        (pod.phase == Phase::Failed, "failed"),
        (pod.phase == Phase::Succeeded, "succeeded"),
        (!pod.ready, "not-ready"),
    ] {
        if on {
            item.classes.push(class);
        }
    }
    let hits = ctx.hits(pod);
    let mut name_room = inner - ICON - 6;
    if hits > 0 {
        let badge = Label::new(POD_W - PAD, PAD + 13, format!("×{hits}"), "hits");
        name_room -= badge.span().1 - badge.span().0 + 6;
        item.labels.push(badge);
        item.data.push(("hits", hits.to_string()));
    }
    item.labels.push(Label::fitted(
        PAD + ICON + 6,
        PAD + 13,
        &pod.name,
        "name",
        name_room,
    ));
    let mut cy = PAD + ICON + 4;
    let (status, status_style) = match (pod.ip, &pod.reason) {
        (Some(ip), _) if pod.phase == Phase::Running && !pod.terminating => {
            (format!("{ip} · {state}"), "mono")
        }
        (_, Some(reason)) => (format!("{state}: {}", reason.get(language)), "warn"),
        _ => (
            state.clone(),
            if pod.phase == Phase::Succeeded {
                "meta"
            } else {
                "warn"
            },
        ),
    };
    item.labels
        .push(Label::fitted(PAD, cy + 11, &status, status_style, inner));
    cy += LINE;
    let mut tags: Vec<String> = Vec::new();
    if ctx.show_namespaces {
        tags.push(format!("ns {}", pod.namespace));
    }
    tags.extend(
        pod.labels
            .iter()
            .filter(|(k, _)| {
                !k.contains("pod-template-hash")
                    && !k.starts_with("statefulset.kubernetes.io")
                    && !k.starts_with("apps.kubernetes.io")
                    && !k.starts_with("batch.kubernetes.io")
                    && *k != "controller-uid"
                    && *k != "job-name"
            })
            .map(|(k, v)| format!("{k}={v}")),
    );
    if !tags.is_empty() {
        item.labels
            .push(Label::fitted(PAD, cy + 11, &tags.join(", "), "meta", inner));
        cy += LINE;
    }
    for (c, container) in pod.spec.containers.iter().enumerate() {
        let restarts = pod.restarts.get(c).copied().unwrap_or(0);
        let mut text = container.name.clone();
        for p in &container.ports {
            text.push_str(&format!(" :{}", p.container_port));
        }
        if restarts > 0 {
            text.push_str(&format!(" ↻{restarts}"));
        }
        let mut row = Item::new(
            format!("{id}/container:{}", container.name),
            Kind::Container,
            Rect::new(PAD, cy, inner, LINE + 2),
        );
        row.title = format!(
            "container {} ({}){}",
            container.name,
            container.image,
            if restarts > 0 {
                format!(", restarted {restarts}×")
            } else {
                String::new()
            }
        );
        row.data = vec![
            ("kind", "Container".to_owned()),
            ("name", container.name.clone()),
            ("namespace", pod.namespace.clone()),
            ("pod", pod.name.clone()),
        ];
        row.labels.push(Label::fitted(
            PAD + 6,
            cy + 12,
            &text,
            "container",
            inner - 10,
        ));
        cy += LINE + 2;
        let store = Store::Container {
            pod: pod.uid,
            container: container.name.clone(),
            generation: restarts,
        };
        let files: Vec<String> = ctx.cluster.file_paths(&store);
        if !files.is_empty() {
            row.labels.push(Label::new(
                PAD + 12,
                cy + 10,
                word(Word::Writable, language),
                "meta",
            ));
            cy += LINE - 2;
            row.children = file_items(&row.id, &files, PAD + 8, &mut cy, inner - 10);
            row.rect.h = cy - row.rect.y;
        }
        item.children.push(row);
    }
    let mut rows = Vec::new();
    for volume in &pod.volumes {
        let (kind_text, target) = match (&volume.store, volume.lifetime) {
            (Some(Store::NodeDir { node, path }), _) => (
                format!("hostPath {path}"),
                Some(format!("host:{node}:{path}")),
            ),
            (_, Lifetime::Persistent) if volume.claim.is_some() => (
                format!("pvc {}", volume.claim.clone().unwrap_or_default()),
                volume
                    .claim
                    .as_ref()
                    .map(|c| format!("claim:{}/{c}", pod.namespace)),
            ),
            (Some(Store::Nfs { server, path }), _) => (
                format!("nfs {server}:{path}"),
                Some(format!("store:nfs {server}:{path}")),
            ),
            (Some(Store::Disk { kind, name }), _) => (
                format!("{kind} {name}"),
                Some(format!("store:{kind} {name}")),
            ),
            _ => (volume.kind.clone(), None),
        };
        // Paths inside the volume (a hostPath directory's files are kept by their path on the node).
        let root = match &volume.store {
            Some(Store::NodeDir { path, .. }) => path.trim_end_matches('/').to_owned(),
            _ => String::new(),
        };
        let files: Vec<String> = volume
            .store
            .as_ref()
            .map(|s| {
                ctx.cluster
                    .files_in(s)
                    .iter()
                    .map(|f| {
                        f.path
                            .strip_prefix(&root)
                            .unwrap_or(&f.path)
                            .trim_start_matches('/')
                            .to_owned()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let vy = cy;
        let mut v = Item::new(
            format!("{id}/volume:{}", volume.name),
            Kind::Volume,
            Rect::new(PAD, vy, inner, 0),
        );
        let lifetime = match volume.lifetime {
            Lifetime::Pod => "its data dies with the pod",
            Lifetime::Node => "its data stays on the node",
            Lifetime::Persistent => "its data outlives pods and nodes",
            Lifetime::Projected => "generated from the API; nothing to lose",
        };
        v.title = format!("volume {} · {kind_text}: {lifetime}", volume.name);
        v.data = vec![
            ("kind", "Volume".to_owned()),
            ("name", volume.name.clone()),
            ("namespace", pod.namespace.clone()),
            ("pod", pod.name.clone()),
            ("lifetime", volume.lifetime.as_str().to_owned()),
            ("type", volume.kind.clone()),
        ];
        v.classes.push(volume.lifetime.as_str());
        v.icon = Some(match volume.kind.as_str() {
            "configMap" => "cm",
            "secret" => "secret",
            "persistentVolumeClaim" => "pvc",
            _ => "vol",
        });
        v.labels.push(Label::fitted(
            PAD + 24,
            vy + 13,
            &format!("{} · {kind_text}", volume.name),
            "volume",
            inner - 28,
        ));
        let mut fy = vy + LINE + 2;
        v.children = file_items(&v.id, &files, PAD + 8, &mut fy, inner - 12);
        v.rect.h = fy - vy + 2;
        cy = fy + 4;
        rows.push(VolumeRow {
            rect: v.rect,
            pod: item.rect,
            node: pod.node.clone(),
            target,
        });
        item.children.push(v);
    }
    item.rect.h = cy + PAD - 2;
    (item, rows)
}

/// Several replicas of one workload on one node, collapsed into a stack, at the origin.
pub fn stack_box(id: String, namespace: &str, owner: &str, node: &str, pods: &[&Pod]) -> Item {
    let mut item = Item::new(id, Kind::Stack, Rect::new(0, 0, POD_W, 56));
    item.icon = Some("pod");
    let ready = pods.iter().filter(|p| p.ready).count();
    item.title = format!(
        "{} pods of {owner} on {node} ({ready} ready):\n{}",
        pods.len(),
        pods.iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    item.data = vec![
        ("kind", "Stack".to_owned()),
        ("name", owner.to_owned()),
        ("namespace", namespace.to_owned()),
        ("node", node.to_owned()),
        ("count", pods.len().to_string()),
        ("action", "expand".to_owned()),
    ];
    item.labels.push(Label::fitted(
        PAD + ICON + 6,
        PAD + 13,
        &format!("{owner} ×{}", pods.len()),
        "name",
        POD_W - 2 * PAD - ICON - 6,
    ));
    item.labels.push(Label::new(
        PAD,
        PAD + ICON + 15,
        format!("{ready}/{} ready", pods.len()),
        "meta",
    ));
    item
}
