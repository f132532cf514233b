//! Positions of the fields that cluster-level diagnostics point at, recorded at load time so
//! a later check ("this selector matches no pod") can name the selector's line.

use crate::source::Position;

/// A field of an object that diagnostics may point at. Pod-spec fields are relative to the
/// pod spec wherever it sits (a Pod's `spec`, a workload's `spec.template.spec`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// `spec.selector`.
    Selector,
    /// `spec.ports`.
    Ports,
    /// `spec.type`.
    ServiceType,
    /// `spec.clusterIP`.
    ClusterIp,
    /// `spec.externalName`.
    ExternalName,
    /// `spec.replicas`.
    Replicas,
    /// The pod spec's `nodeSelector`.
    NodeSelector,
    /// The pod spec's `affinity`.
    Affinity,
    /// The pod spec's `nodeName`.
    NodeName,
    /// The pod spec's `volumes`.
    Volumes,
    /// The pod spec's `containers`.
    Containers,
    /// A claim's `storageClassName`.
    StorageClass,
    /// A claim's `resources`.
    Resources,
    /// A claim's `volumeName`.
    VolumeName,
    /// A PersistentVolume's `nodeAffinity`.
    NodeAffinity,
    /// `subsets` / `endpoints` of an Endpoints object or EndpointSlice.
    Subsets,
}

/// Positions of anchors that an object has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchors(Vec<(Anchor, Position)>);

impl Anchors {
    /// Records a position.
    pub fn insert(&mut self, anchor: Anchor, position: Position) {
        self.0.push((anchor, position));
    }

    /// The position of an anchor, if the object has that field.
    pub fn get(&self, anchor: Anchor) -> Option<Position> {
        self.0.iter().find(|(a, _)| *a == anchor).map(|(_, p)| *p)
    }
}
