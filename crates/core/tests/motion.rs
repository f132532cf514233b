//! Motion between pictures: packets at a steady speed along each hop, drops that stay where
//! the request died, ghosts of what a step removed.

use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::load::load;
use kubeglass_core::motion::{speed_in, Motion, FADE_MS, FIT_WIDTH, SPEED, STAGGER_MS};
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::{Kind, Options};

fn playback(id: &str) -> Playback {
    let example = EXAMPLES.iter().find(|e| e.id == id).unwrap();
    Playback::new(&load(example.source).objects, Options::default())
}

/// Plays the next step and plans its motion.
fn next(p: &mut Playback) -> Motion {
    let before = p.scene().clone();
    p.step().expect("a step");
    Motion::plan(Some(&before), p.scene(), p.last())
}

#[test]
fn requests_start_one_after_another_and_all_arrive() {
    let mut p = playback("clusterip");
    let motion = next(&mut p);
    assert_eq!(motion.requests(), 12);
    assert_eq!(
        motion.frame(0.0).packets.len(),
        1,
        "the first request leaves at once"
    );
    assert_eq!(
        motion.frame(STAGGER_MS * 2.5).packets.len(),
        3,
        "the others follow"
    );
    let end = motion.frame(motion.duration);
    assert!(end.done && end.packets.is_empty() && end.drops.is_empty());
    assert!(motion.duration > 11.0 * STAGGER_MS);
}

/// The farthest request 0's packet moves in 10 ms on its trip (less only round corners).
fn moves_in_10_ms(motion: &Motion) -> f64 {
    let at = |t: f64| {
        motion
            .frame(t)
            .packets
            .iter()
            .find(|k| k.request == 0)
            .copied()
    };
    let (mut most, mut checked) = (0.0_f64, 0);
    let mut t = 0.0;
    while t < motion.duration {
        if let (Some(a), Some(b)) = (at(t), at(t + 10.0)) {
            let moved = (b.x - a.x).hypot(b.y - a.y);
            if a.kind == b.kind && moved > 0.0 {
                most = most.max(moved);
                checked += 1;
            }
        }
        t += 37.0;
    }
    assert!(checked > 5, "followed the packet {checked} times");
    most
}

#[test]
fn packets_move_at_a_steady_speed_along_their_path() {
    let mut p = playback("clusterip");
    let motion = next(&mut p);
    assert!(f64::from(p.scene().width) <= FIT_WIDTH);
    let most = moves_in_10_ms(&motion);
    assert!((most - SPEED * 10.0).abs() < 1e-6, "{most} px in 10 ms");
}

#[test]
fn in_a_picture_wider_than_the_view_packets_go_faster_in_proportion() {
    let mut text = String::from(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 24\n  \
         selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    \
         spec: {containers: [{name: c, image: nginx}]}\n---\napiVersion: v1\nkind: Service\n\
         metadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n\
         apiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec: {containers: [{name: c, image: curl}]}\n\
         ---\napiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: wide}\nspec:\n  \
         cluster: {nodes: [",
    );
    text += &(1..=8)
        .map(|n| format!("n{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    text += "]}\n  steps:\n  - request: {from: pod/client, to: \"web:80\", count: 3}\n";
    let mut p = Playback::new(&load(&text).objects, Options::default());
    let before = p.scene().clone();
    p.step().expect("a step");
    let motion = Motion::plan(Some(&before), p.scene(), p.last());
    let width = f64::from(p.scene().width);
    assert!(width > 2.0 * FIT_WIDTH, "{width} wide");
    assert_eq!(speed_in(p.scene()), SPEED * width / FIT_WIDTH);
    let most = moves_in_10_ms(&motion);
    let expected = speed_in(p.scene()) * 10.0;
    assert!(
        (most - expected).abs() < 1e-6,
        "moved {most} px in 10 ms, expected {expected}"
    );
}

#[test]
fn a_dropped_request_leaves_a_mark_with_its_reason_where_it_stopped() {
    let mut p = playback("nodeport-local");
    let first = next(&mut p);
    let second = next(&mut p);
    let (with_drops, clean) = if first.frame(first.duration).drops.is_empty() {
        (second, first)
    } else {
        (first, second)
    };
    assert!(clean.frame(clean.duration).drops.is_empty());
    let end = with_drops.frame(with_drops.duration);
    assert_eq!(
        end.drops.len(),
        2,
        "both requests to the pod-less node are dropped"
    );
    assert!(
        end.drops[0].reason.en.contains("Local"),
        "{}",
        end.drops[0].reason.en
    );
    assert!(!end.drops[0].reason.ko.is_empty());
    assert!(
        with_drops.frame(0.0).drops.is_empty(),
        "no mark before the packet gets there"
    );
}

#[test]
fn a_deleted_pod_fades_out_with_its_files() {
    let mut p = playback("emptydir");
    next(&mut p);
    next(&mut p);
    next(&mut p);
    let motion = next(&mut p); // deletePod
    let ghost = motion
        .ghosts
        .iter()
        .find(|g| g.kind == Kind::Pod)
        .expect("the deleted pod fades");
    assert!(
        ghost.walk().any(|i| i.kind == Kind::File),
        "with the files of its emptyDir"
    );
    assert_eq!(motion.frame(0.0).ghost_opacity, 1.0);
    assert!(motion.frame(FADE_MS / 2.0).ghost_opacity < 0.6);
    assert_eq!(motion.frame(FADE_MS).ghost_opacity, 0.0);
    assert!(motion.frame(FADE_MS).done);
}

#[test]
fn a_container_restart_fades_only_the_lost_files() {
    let mut p = playback("emptydir");
    next(&mut p);
    next(&mut p);
    let motion = next(&mut p); // restartContainer
    assert!(!motion.ghosts.is_empty());
    assert!(
        motion.ghosts.iter().all(|g| g.kind == Kind::File),
        "{:?}",
        motion.ghosts.iter().map(|g| &g.id).collect::<Vec<_>>()
    );
}

#[test]
fn a_step_that_moves_nothing_is_done_at_once() {
    let p = playback("clusterip");
    let motion = Motion::plan(Some(p.scene()), p.scene(), None);
    assert!(motion.frame(0.0).done);
    assert_eq!(motion.duration, 0.0);
}

#[test]
fn a_request_to_a_pending_load_balancer_is_dropped_at_the_internet_client() {
    let mut p = playback("loadbalancer-pending");
    let motion = next(&mut p);
    let end = motion.frame(motion.duration);
    assert_eq!(end.drops.len(), 1);
    assert_eq!(end.drops[0].at, p.scene().anchors.places["internet"]);
}

#[test]
fn many_requests_leave_closer_together() {
    let text = EXAMPLES
        .iter()
        .find(|e| e.id == "clusterip")
        .unwrap()
        .source
        .replace("count: 12", "count: 100");
    let mut p = Playback::new(&load(&text).objects, Options::default());
    let before = p.scene().clone();
    p.step();
    let motion = Motion::plan(Some(&before), p.scene(), p.last());
    assert_eq!(motion.requests(), 100);
    let most = (0..200)
        .map(|i| motion.frame(f64::from(i) * 25.0).packets.len())
        .max()
        .unwrap();
    assert!(most >= 60, "at most {most} packets in flight at once");
}

#[test]
fn with_reduced_motion_packets_jump_hop_to_hop_and_ghosts_vanish_at_once() {
    let mut p = playback("clusterip");
    let motion = next(&mut p);
    // Every position a jumping packet takes is one a gliding packet passes at a hop's start,
    // and it holds still within a hop.
    let mut jumps = 0;
    let mut t = 0.0;
    let mut last = None;
    while t < motion.duration {
        let still = motion.frame_in(t, false);
        let glide = motion.frame(t);
        assert_eq!(
            still.packets.len(),
            glide.packets.len(),
            "same packets at {t}"
        );
        assert_eq!(still.drops.len(), glide.drops.len());
        if let Some(k) = still.packets.iter().find(|k| k.request == 0) {
            let at = (k.x, k.y, k.kind);
            if last.is_some_and(|l| l != at) {
                jumps += 1;
            }
            last = Some(at);
        }
        t += 5.0;
    }
    assert!(jumps >= 2, "the packet moved hop to hop {jumps} times");
    assert!(
        jumps < 12,
        "and only from hop to hop, not gliding: {jumps} moves"
    );

    let mut p = playback("emptydir");
    for _ in 0..3 {
        next(&mut p);
    }
    let motion = next(&mut p);
    assert!(!motion.ghosts.is_empty());
    assert_eq!(motion.frame_in(0.0, false).ghost_opacity, 0.0);
    // Drops still show: the NodePort Local story ends with its two drops.
    let mut p = playback("nodeport-local");
    let drops: usize = (0..2)
        .map(|_| {
            let m = next(&mut p);
            m.frame_in(m.duration, false).drops.len()
        })
        .sum();
    assert_eq!(drops, 2);
}
