//! Manifests bundled with the app.

/// The manifest shown when the page opens: a pod and the Service in front of it, as in the
/// lecture notes.
pub const DEFAULT_MANIFEST: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: pod-1
  labels:
    app: pod
spec:
  containers:
  - name: container
    image: kubetm/app
    ports:
    - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: svc-1
spec:
  selector:
    app: pod
  ports:
  - port: 9000
    targetPort: 8080
";
