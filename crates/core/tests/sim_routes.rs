//! The routes the inspector offers for a Service: each is a request a Scenario could write,
//! and each one that Kubernetes would deliver is delivered when played.

#[path = "support/sim.rs"]
mod sim;

use kubeglass_core::scenario::{client_text, Client, Step};
use kubeglass_core::sim::{routes_to, World};

const SHOP: &str = "
apiVersion: kubeglass/v1alpha1
kind: Scenario
metadata: {name: routes}
spec:
  cluster: {nodes: [k8s-node1, k8s-node2, k8s-node3], cloudLoadBalancer: true}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: curl, image: curlimages/curl}]
";

fn routes(world: &World) -> Vec<(Client, String)> {
    let service = world
        .cluster
        .service("shop", "web")
        .expect("Service shop/web");
    routes_to(&world.cluster, service)
}

#[test]
fn every_client_gets_the_address_its_place_uses() {
    let (world, _) = sim::world(SHOP);
    let addresses: Vec<(String, String)> = routes(&world)
        .into_iter()
        .map(|(client, to)| (client_text(&client), to))
        .collect();
    let node_port = world.cluster.service("shop", "web").unwrap().ports[0]
        .node_port
        .expect("a LoadBalancer Service has a NodePort");
    // Pods in the Service's namespace use its short name, others the qualified one.
    assert!(addresses.contains(&("pod/client".into(), "web.shop:80".into())));
    let own: Vec<&(String, String)> = addresses
        .iter()
        .filter(|(from, _)| from.starts_with("shop/pod/web-"))
        .collect();
    assert_eq!(own.len(), 2, "both replicas: {addresses:?}");
    assert!(own.iter().all(|(_, to)| to == "web:80"));
    // The outside machine through every node, even nodes without a backend (rule 1.4).
    for node in ["k8s-node1", "k8s-node2", "k8s-node3"] {
        let door = (String::from("outside"), format!("{node}:{node_port}"));
        assert!(addresses.contains(&door), "{door:?} in {addresses:?}");
    }
    assert!(addresses.contains(&("internet".into(), "lb/shop/web:80".into())));
    assert_eq!(addresses.len(), 3 + 3 + 1);
}

#[test]
fn every_offered_route_is_delivered_when_played() {
    let (world, _) = sim::world(SHOP);
    for (from, to) in routes(&world) {
        let mut played = world.clone();
        let outcome = played.apply(&Step::Request {
            from: from.clone(),
            to: to.clone(),
            count: 1,
        });
        assert!(
            outcome.applied,
            "{from:?} → {to}: {}",
            outcome.explanation.en
        );
        let request = &outcome.requests[0];
        assert!(
            request.delivered,
            "{from:?} → {to}: {:?}",
            request.drop_reason
        );
        assert!(request
            .pod
            .as_deref()
            .unwrap_or("")
            .starts_with("shop/web-"));
    }
}

#[test]
fn pods_that_are_not_running_offer_no_route() {
    let (mut world, _) = sim::world(SHOP);
    sim::play(&mut world, "deletePod: client");
    let from_client = routes(&world)
        .into_iter()
        .filter(|(client, _)| matches!(client, Client::Pod(p) if p.name == "client"))
        .count();
    assert_eq!(from_client, 0);
}
