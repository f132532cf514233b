//! The reducer, natively: every action does what the controls promise.

use super::*;
use kubeglass_core::scenario::PodRef;
use kubeglass_core::scene::Kind;

fn state(id: &str) -> Rc<AppState> {
    Rc::new(AppState::example(id, Language::En).expect("example"))
}

fn pods(state: &AppState) -> Vec<(String, kubeglass_core::scene::Rect)> {
    state
        .scene()
        .all_items()
        .filter(|i| i.kind == Kind::Pod)
        .map(|i| (i.id.clone(), i.rect))
        .collect()
}

#[test]
fn step_and_step_back_move_through_the_story_and_animate() {
    let s = state("clusterip");
    assert_eq!(s.lab.playback.position(), 0);
    let s = s.reduce(Action::Step);
    assert_eq!(s.lab.playback.position(), 1);
    assert_eq!(s.animation.motion.requests(), 12);
    assert!(
        s.animation.play_through,
        "a step asked for plays through while paused"
    );
    let revision = s.animation.revision;
    let s = s.reduce(Action::StepBack);
    assert_eq!(s.lab.playback.position(), 0);
    assert!(s.animation.revision > revision);
    let s = s.reduce(Action::AutoStep);
    assert!(
        !s.animation.play_through,
        "the play loop's steps follow play and pause"
    );
}

#[test]
fn playing_stops_at_the_end() {
    let mut s = state("clusterip").reduce(Action::Play);
    assert!(s.playing);
    for _ in 0..5 {
        s = s.reduce(Action::AutoStep);
    }
    assert!(s.lab.playback.at_end());
    assert!(!s.playing);
}

#[test]
fn an_action_is_recorded_in_the_scenario_and_played() {
    let s = state("deployment").reduce(Action::Step);
    let victim = pods(&s)[0].0.rsplit('/').next().unwrap().to_owned();
    let s = s.reduce(Action::Perform(Step::DeletePod(PodRef {
        name: victim.clone(),
        ..PodRef::default()
    })));
    assert!(
        s.text.contains(&format!("- deletePod: {victim}")),
        "{}",
        s.text
    );
    assert_eq!(
        s.lab.playback.position(),
        2,
        "played right after the step it was taken at"
    );
    assert!(!pods(&s).iter().any(|(id, _)| id.ends_with(&victim)));
    assert!(
        s.animation
            .motion
            .ghosts
            .iter()
            .any(|g| g.id.ends_with(&victim)),
        "the deleted pod fades out"
    );
    // Stepping back undoes it like any step; the record stays in the text.
    let s = s.reduce(Action::StepBack);
    assert!(pods(&s).iter().any(|(id, _)| id.ends_with(&victim)));
}

#[test]
fn broken_text_keeps_the_last_good_picture_and_fixing_it_keeps_positions() {
    let s = state("deployment").reduce(Action::Step);
    let good = s.text.clone();
    let before = pods(&s);
    let broken = good.replacen("replicas:", "replicas: [", 1);
    let s = s.reduce(Action::Edit(broken)).reduce(Action::Reparse);
    assert!(s.lab.stale);
    assert_eq!(pods(&s), before, "the last good picture stays");
    let line = s
        .lab
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error")
        .position
        .line;
    let expected = good.lines().position(|l| l.contains("replicas:")).unwrap() + 1;
    assert!(
        (line as usize).abs_diff(expected) <= 1,
        "error at line {line}, the edit is at {expected}"
    );
    let s = s.reduce(Action::Edit(good)).reduce(Action::Reparse);
    assert!(!s.lab.stale);
    assert_eq!(pods(&s), before, "positions unchanged after the fix");
    assert_eq!(s.lab.playback.position(), 1, "still at the same step");
}

#[test]
fn a_paste_is_drawn_at_once_while_typing_waits_for_the_pause() {
    let s = state("deployment");
    let pasted = s.text.replace("replicas: 3", "replicas: 5");
    assert_ne!(pasted, s.text, "the example has 3 replicas");
    let typed = s.reduce(Action::Edit(pasted.clone()));
    assert_eq!(
        typed.lab.source,
        state("deployment").lab.source,
        "typing waits"
    );
    let s = state("deployment").reduce(Action::Paste(pasted.clone()));
    assert_eq!(s.text, pasted);
    assert_eq!(s.lab.source, pasted, "a paste is read at once");
    assert!(!s.lab.stale);
}

#[test]
fn steady_traffic_counts_up_one_request_step() {
    let s = state("clusterip");
    let traffic = Traffic {
        from: Client::Pod(PodRef {
            name: "client".into(),
            ..PodRef::default()
        }),
        to: "svc-1:9000".into(),
    };
    let s = s.reduce(Action::StartTraffic(traffic));
    assert_eq!(s.lab.playback.position(), 1);
    assert!(
        s.text
            .contains("  - request: {from: pod/client, to: \"svc-1:9000\"}\n"),
        "{}",
        s.text
    );
    let s = s.reduce(Action::TrafficTick).reduce(Action::TrafficTick);
    assert_eq!(s.lab.playback.position(), 1, "the same step, counted up");
    assert!(s.text.contains("count: 3}"), "{}", s.text);
    assert_eq!(
        s.animation.motion.requests(),
        1,
        "only the new request moves"
    );
    let hits: u64 = s.lab.playback.world().traffic.hits.values().sum();
    assert_eq!(hits, 3);
    let s = s.reduce(Action::StopTraffic).reduce(Action::TrafficTick);
    assert!(s.text.contains("count: 3}"), "stopped");
}

#[test]
fn the_state_round_trips_through_its_snapshot() {
    let s = state("emptydir")
        .reduce(Action::Step)
        .reduce(Action::Step)
        .reduce(Action::Language(Language::Ko))
        .reduce(Action::View(ViewAction::ToggleActualSize));
    let snapshot = s.snapshot();
    let restored = AppState::restore(&snapshot);
    assert_eq!(restored.scene(), s.scene());
    assert_eq!(restored.snapshot(), snapshot);
}

#[test]
fn the_language_changes_the_pictures_words() {
    let s = state("nodeport-local").reduce(Action::Language(Language::Ko));
    assert!(s
        .scene()
        .all_items()
        .any(|i| i.labels.iter().any(|l| l.text == "클러스터 밖")));
}

#[test]
fn only_the_current_motion_settles() {
    let s = state("clusterip").reduce(Action::Step);
    let old = s.animation.revision - 1;
    let same = s.clone().reduce(Action::Settled(old));
    assert!(Rc::ptr_eq(&s, &same), "a stale report changes nothing");
    let current = s.animation.revision;
    let s = s.reduce(Action::Settled(current));
    assert!(s.is_settled());
}

#[test]
fn stacks_expand_and_collapse() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big}\nspec:\n  replicas: 40\n  selector: {matchLabels: {app: big}}\n  template:\n    metadata: {labels: {app: big}}\n    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 1m, memory: 1Mi}}}]}\n";
    let s = Rc::new(AppState::open(text, None, Language::En));
    assert!(pods(&s).is_empty());
    let s = s.reduce(Action::Expand("big".into()));
    assert_eq!(pods(&s).len(), 40);
    let s = s.reduce(Action::Expand("big".into()));
    assert!(pods(&s).is_empty());
}

#[test]
fn the_actual_size_toggles_and_outlasts_opening_another_example() {
    let s = state("clusterip");
    assert_eq!(
        s.view.zoom,
        zoom::Zoom::Fit,
        "the picture starts fitted to its pane"
    );
    let s = s.reduce(Action::View(ViewAction::ToggleActualSize));
    assert!(s.view.zoom.is_actual_size());
    let example = EXAMPLES.iter().find(|e| e.id == "hostpath").unwrap();
    let s = s.reduce(Action::Open {
        text: example.source.to_owned(),
        example: Some(example.id),
        step: 0,
        play: false,
        own: false,
    });
    assert!(
        s.view.zoom.is_actual_size(),
        "a view preference, not part of the story"
    );
    assert!(!s
        .reduce(Action::View(ViewAction::ToggleActualSize))
        .view
        .zoom
        .is_actual_size());
}

fn open(s: &Rc<AppState>, text: &str, step: usize, play: bool, own: bool) -> Rc<AppState> {
    s.clone().reduce(Action::Open {
        text: text.to_owned(),
        example: None,
        step,
        play,
        own,
    })
}

#[test]
fn a_link_replaces_the_users_text_and_offers_it_back_until_they_edit() {
    let link = EXAMPLES.iter().find(|e| e.id == "hostpath").unwrap().source;
    let mine = state("clusterip").reduce(Action::Edit("# mine\n".into()));
    assert!(!mine.untouched && mine.previous.is_none());

    let shown = open(&mine, link, 0, true, false);
    assert_eq!(shown.text, link);
    assert!(shown.untouched, "a link's text is not the user's own");
    assert_eq!(shown.previous.as_deref(), Some("# mine\n"));

    // A second link keeps offering the user's text, not the first link's.
    let again = open(&shown, EXAMPLES[0].source, 0, true, false);
    assert_eq!(again.previous.as_deref(), Some("# mine\n"));

    let restored = again.clone().reduce(Action::Restore);
    assert_eq!(restored.text, "# mine\n");
    assert!(!restored.untouched && restored.previous.is_none());

    let edited = again.reduce(Action::Edit(format!("{link}# edited\n")));
    assert!(
        edited.previous.is_none(),
        "editing makes the text the user's"
    );
    assert!(!edited.untouched);
}

#[test]
fn a_link_at_a_step_shows_that_step_happening_and_waits_unless_told_to_play() {
    let s = state("clusterip");
    let link = EXAMPLES.iter().find(|e| e.id == "hostpath").unwrap().source;
    let at_two = open(&s, link, 2, false, false);
    assert_eq!(at_two.lab.playback.position(), 2);
    assert!(!at_two.playing);
    assert!(
        !at_two.is_settled() && at_two.animation.play_through,
        "the second step's motion plays"
    );
    assert!(open(&s, link, 2, true, false).playing);
    let at_start = open(&s, link, 0, true, false);
    assert_eq!(at_start.lab.playback.position(), 0);
    assert!(at_start.playing && at_start.is_settled());
    // Past the end: the last step, not playing.
    let past = open(&s, link, 99, true, false);
    assert!(past.lab.playback.at_end() && !past.playing);
}

#[test]
fn a_damaged_link_opens_the_default_example_and_says_why() {
    let s = state("clusterip").reduce(Action::Damaged(Damage::NotDeflate));
    assert_eq!(s.example, Some(DEFAULT_EXAMPLE));
    assert_eq!(s.damage, Some(Damage::NotDeflate));
    assert!(s.playing);
    let next = open(&s, "kind: Pod\n", 0, false, true);
    assert_eq!(next.damage, None, "another story clears the message");
}

#[test]
fn a_jump_applies_the_steps_between_without_motion_and_plays_the_target() {
    let s = state("nodeport-local");
    let jumped = s.clone().reduce(Action::Jump(2));
    assert_eq!(jumped.lab.playback.position(), 2);
    assert!(jumped.animation.play_through);
    let two_requests = jumped.lab.playback.last().map(|o| o.requests.len());
    assert_eq!(
        jumped.animation.motion.requests(),
        two_requests.unwrap(),
        "only the target step's requests move"
    );
    // One step ahead is a plain step; 0 goes back to the start.
    assert_eq!(s.clone().reduce(Action::Jump(1)).lab.playback.position(), 1);
    assert_eq!(jumped.reduce(Action::Jump(0)).lab.playback.position(), 0);
    // Past the end: the end.
    assert_eq!(s.reduce(Action::Jump(99)).lab.playback.position(), 2);
}

#[test]
fn presenter_mode_lays_out_for_a_wide_screen_and_leaves_it_as_it_was() {
    let s = state("local-pv").reduce(Action::Seek(3));
    let tall = s.scene().height;
    let presenting = s.clone().reduce(Action::Present { from_lab: true });
    assert_eq!(
        presenting.view.presenting,
        Some(Presenting { from_lab: true })
    );
    assert!(presenting.lab.playback.options().landscape);
    assert!(
        presenting.scene().height < tall,
        "the storage lane is beside"
    );
    assert_eq!(presenting.lab.playback.position(), 3, "the story stays");
    // Another story opened while presenting is laid out for the screen too.
    let other = presenting.clone().reduce(Action::Open {
        text: EXAMPLES[0].source.to_owned(),
        example: Some(EXAMPLES[0].id),
        step: 0,
        play: false,
        own: false,
    });
    assert!(other.lab.playback.options().landscape);
    let back = presenting.reduce(Action::LeavePresenter);
    assert!(back.view.presenting.is_none());
    assert!(!back.lab.playback.options().landscape);
    assert_eq!(back.scene().height, tall);
}

/// `source` padded with comment lines past the size read in slices.
fn long(source: &str) -> String {
    let mut text = source.to_owned();
    while text.len() <= SLICED_OVER {
        text.push_str("# padding to make the text long\n");
    }
    text
}

/// What the slicing loop would hand back for the state's reading.
fn read(s: Rc<AppState>) -> Rc<AppState> {
    let reading = s.reading.clone().expect("a reading");
    let loaded = Rc::new(kubeglass_core::load::load(&reading.text));
    s.reduce(Action::Read {
        revision: reading.revision,
        loaded,
    })
}

#[test]
fn a_long_paste_is_read_in_slices_and_drawn_when_read() {
    let s = state("clusterip");
    let deployment = kubeglass_core::gallery::example("deployment")
        .unwrap()
        .source;
    let s = s.reduce(Action::Paste(long(deployment)));
    let reading = s.reading.clone().expect("read in slices");
    assert_eq!(reading.done, 0);
    // Until it is read the picture is the one before.
    assert!(s.lab.source.contains("kind: Service"));
    let s = s.reduce(Action::ReadProgress {
        revision: reading.revision,
        done: 40_000,
    });
    assert_eq!(s.reading.as_ref().unwrap().done, 40_000);
    // An older reading's result is ignored.
    let stale = s.clone().reduce(Action::Read {
        revision: reading.revision - 1,
        loaded: Rc::new(kubeglass_core::load::load("")),
    });
    assert!(stale.reading.is_some());
    let s = read(s);
    assert!(s.reading.is_none());
    assert!(s.lab.source.contains("deployment-pod-deleted"));
    assert!(pods(&s).iter().any(|(id, _)| id.contains("web-")));
    assert!(!s.playing, "a paste does not start playing");
}

#[test]
fn a_long_link_is_read_in_slices_and_plays_when_it_said_so() {
    let deployment = kubeglass_core::gallery::example("deployment")
        .unwrap()
        .source;
    for play in [true, false] {
        let s = state("clusterip").reduce(Action::Open {
            text: long(deployment),
            example: None,
            step: 0,
            play,
            own: false,
        });
        assert!(s.reading.is_some() && !s.playing);
        let s = read(s);
        assert_eq!(s.playing, play);
        assert!(s.lab.source.contains("deployment-pod-deleted"));
    }
}
