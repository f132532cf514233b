//! Synthetic manifests of a chosen size, for benchmarks. Deterministic: the same counts give
//! the same text.
#![allow(dead_code)]

/// `objects` objects cycling through Deployment, Service, ConfigMap and Pod, in `namespaces`
/// namespaces, as one multi-document YAML stream.
pub fn mixed_manifest(objects: usize, namespaces: usize) -> String {
    let mut out = String::with_capacity(objects * 700);
    for i in 0..objects {
        let ns = format!("team-{}", i % namespaces.max(1));
        let app = format!("app-{}", i / 4);
        out.push_str("---\n");
        match i % 4 {
            0 => out.push_str(&format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\n  namespace: {ns}\n  labels:\n    app: {app}\n    tier: backend\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: {app}\n  template:\n    metadata:\n      labels:\n        app: {app}\n        tier: backend\n    spec:\n      containers:\n      - name: server\n        image: registry.example.com/{app}:1.2.{i}\n        ports:\n        - name: http\n          containerPort: 8080\n        resources:\n          requests: {{cpu: 100m, memory: 64Mi}}\n          limits: {{cpu: 200m, memory: 128Mi}}\n        volumeMounts:\n        - {{name: cache, mountPath: /cache}}\n      volumes:\n      - name: cache\n        emptyDir: {{}}\n"
            )),
            1 => out.push_str(&format!(
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: {app}\n  namespace: {ns}\nspec:\n  type: ClusterIP\n  selector:\n    app: {app}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n"
            )),
            2 => out.push_str(&format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {app}-config\n  namespace: {ns}\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"a,b,c\"\n  settings.json: |\n    {{\"retries\": 3, \"timeoutSeconds\": 30}}\n"
            )),
            _ => out.push_str(&format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {app}-debug\n  namespace: {ns}\n  labels: {{app: {app}-debug}}\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: k8s-node{}\n  containers:\n  - name: shell\n    image: busybox:1.36\n    command: [sleep, \"3600\"]\n",
                1 + i % 2
            )),
        }
    }
    out
}
