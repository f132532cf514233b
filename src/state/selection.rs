//! What the inspector shows: the object the user clicked.

use serde::{Deserialize, Serialize};

/// A selected object, by the DOM contract's `data-kind`, `data-namespace` and `data-name`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// `Pod`, `Service`, `Node`, `PersistentVolumeClaim`, `PersistentVolume`, `LoadBalancer`.
    pub kind: String,
    /// Namespace (empty for cluster-scoped objects).
    pub namespace: String,
    /// Name.
    pub name: String,
}

impl Selection {
    /// The scene item id of the selection, to outline it.
    pub fn item_id(&self) -> String {
        match self.kind.as_str() {
            "Pod" => format!("pod:{}/{}", self.namespace, self.name),
            "Service" => format!("svc:{}/{}", self.namespace, self.name),
            "Node" => format!("node:{}", self.name),
            "PersistentVolumeClaim" => format!("pvc:{}/{}", self.namespace, self.name),
            "PersistentVolume" => format!("pv:{}", self.name),
            "LoadBalancer" => format!("lb:{}/{}", self.namespace, self.name),
            _ => String::new(),
        }
    }
}
