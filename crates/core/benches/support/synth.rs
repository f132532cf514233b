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

/// A cluster of `services` Deployments with `replicas` pods each, a Service in front of each,
/// two client pods, on `nodes` roomy nodes (declared in a Scenario), in 4 namespaces.
pub fn cluster_manifest(services: usize, replicas: usize, nodes: usize) -> String {
    let mut out = String::new();
    out.push_str("apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: bench}\nspec:\n  seed: 7\n  cluster:\n    nodes:\n");
    for n in 0..nodes {
        out.push_str(&format!(
            "    - {{name: node-{n}, cpu: \"64\", memory: 256Gi}}\n"
        ));
    }
    for s in 0..services {
        let ns = format!("team-{}", s % 4);
        out.push_str(&format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app-{s}, namespace: {ns}}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: app-{s}}}}}\n  template:\n    metadata: {{labels: {{app: app-{s}}}}}\n    spec:\n      containers:\n      - name: server\n        image: example/app\n        ports: [{{name: http, containerPort: 8080}}]\n        resources: {{requests: {{cpu: 10m, memory: 16Mi}}}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: app-{s}, namespace: {ns}}}\nspec:\n  type: {}\n  selector: {{app: app-{s}}}\n  ports: [{{name: http, port: 80, targetPort: http}}]\n",
            if s % 10 == 0 { "NodePort" } else { "ClusterIP" }
        ));
    }
    for c in 0..2 {
        out.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: client-{c}, namespace: team-0}}\nspec:\n  containers: [{{name: curl, image: curlimages/curl}}]\n"));
    }
    out
}
