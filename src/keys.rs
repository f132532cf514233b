//! Keyboard shortcuts: what each key does in the lab, in an embed and in presenter mode (as
//! presentation clickers send them). The `?` help lists the same table.

use crate::state::{Action, ViewAction};

/// Where the keys are pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The lab.
    Lab,
    /// An embed (no zoom, no presenter).
    Embed,
    /// Presenter mode.
    Presenter {
        /// Entered from the lab: Esc goes back.
        from_lab: bool,
        /// The window is fullscreen: Esc leaves that first.
        fullscreen: bool,
    },
}

/// What a key asks for.
#[derive(Clone, Debug)]
pub enum Command {
    /// A change of the app state.
    Act(Action),
    /// Enter or leave fullscreen.
    ToggleFullscreen,
    /// Leave fullscreen.
    ExitFullscreen,
}

/// The command of `key` (a `KeyboardEvent.key`) in `mode`, when it has one.
pub fn command(key: &str, mode: Mode, help_open: bool, steps: usize) -> Option<Command> {
    use Command::Act;
    if help_open && matches!(key, "Escape" | "?") {
        return Some(Act(Action::View(ViewAction::CloseHelp)));
    }
    let zoom = |key: &str| match key {
        "+" | "=" => Some(Act(Action::View(ViewAction::ZoomIn))),
        "-" | "_" => Some(Act(Action::View(ViewAction::ZoomOut))),
        "0" => Some(Act(Action::View(ViewAction::Fit))),
        "?" => Some(Act(Action::View(ViewAction::ToggleHelp))),
        _ => None,
    };
    match mode {
        Mode::Lab | Mode::Embed => match key {
            " " => Some(Act(Action::TogglePlay)),
            "ArrowRight" => Some(Act(Action::Step)),
            "ArrowLeft" => Some(Act(Action::StepBack)),
            "p" | "P" if mode == Mode::Lab => Some(Act(Action::Present { from_lab: true })),
            _ if mode == Mode::Lab => zoom(key),
            _ => None,
        },
        Mode::Presenter {
            from_lab,
            fullscreen,
        } => match key {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " | "Enter" => Some(Act(Action::Step)),
            "ArrowLeft" | "ArrowUp" | "PageUp" => Some(Act(Action::StepBack)),
            "Home" => Some(Act(Action::Seek(0))),
            "End" => Some(Act(Action::Seek(steps))),
            "f" | "F" => Some(Command::ToggleFullscreen),
            "Escape" if fullscreen => Some(Command::ExitFullscreen),
            "Escape" if from_lab => Some(Act(Action::LeavePresenter)),
            _ => zoom(key),
        },
    }
}

/// A shortcut, for the help: the keys, and what they do in English and in Korean.
pub type Shortcut = (&'static str, &'static str, &'static str);

/// The shortcuts, by place (`lab`, `presenter`).
pub const HELP: &[(&str, &[Shortcut])] = &[
    (
        "lab",
        &[
            ("Space", "play or pause", "재생 또는 일시정지"),
            ("→ / ←", "next step / step back", "다음 단계 / 한 단계 뒤로"),
            ("+ / − / 0", "zoom in / out / fit", "확대 / 축소 / 맞춤"),
            (
                "Ctrl + wheel, pinch",
                "zoom around the pointer",
                "포인터 주변 확대·축소",
            ),
            ("drag", "move the picture", "그림 옮기기"),
            (
                "Enter",
                "inspect the focused object",
                "선택한 객체 살펴보기",
            ),
            ("p", "presenter mode", "발표 모드"),
            ("?", "these shortcuts", "이 단축키"),
        ],
    ),
    (
        "presenter",
        &[
            ("→ ↓ PageDown Space Enter", "next step", "다음 단계"),
            ("← ↑ PageUp", "step back", "한 단계 뒤로"),
            ("Home / End", "first / last step", "처음 / 마지막 단계"),
            ("f", "fullscreen", "전체 화면"),
            (
                "Esc",
                "leave fullscreen, then presenter mode",
                "전체 화면, 그다음 발표 모드 나가기",
            ),
            ("+ / − / 0", "zoom in / out / fit", "확대 / 축소 / 맞춤"),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn act(key: &str, mode: Mode) -> Option<String> {
        match command(key, mode, false, 5)? {
            Command::Act(action) => Some(format!("{action:?}")),
            other => Some(format!("{other:?}")),
        }
    }

    const PRESENTING: Mode = Mode::Presenter {
        from_lab: true,
        fullscreen: false,
    };

    #[test]
    fn clicker_keys_move_the_story_in_presenter_mode() {
        for key in ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"] {
            assert_eq!(act(key, PRESENTING).as_deref(), Some("Step"), "{key}");
        }
        for key in ["ArrowLeft", "ArrowUp", "PageUp"] {
            assert_eq!(act(key, PRESENTING).as_deref(), Some("StepBack"), "{key}");
        }
        assert_eq!(act("Home", PRESENTING).as_deref(), Some("Seek(0)"));
        assert_eq!(act("End", PRESENTING).as_deref(), Some("Seek(5)"));
        assert_eq!(act("f", PRESENTING).as_deref(), Some("ToggleFullscreen"));
    }

    #[test]
    fn escape_leaves_fullscreen_first_then_returns_to_the_lab_it_came_from() {
        let full = Mode::Presenter {
            from_lab: true,
            fullscreen: true,
        };
        assert_eq!(act("Escape", full).as_deref(), Some("ExitFullscreen"));
        assert_eq!(act("Escape", PRESENTING).as_deref(), Some("LeavePresenter"));
        let from_address = Mode::Presenter {
            from_lab: false,
            fullscreen: false,
        };
        assert_eq!(act("Escape", from_address), None);
        // The help closes before anything else.
        assert!(matches!(
            command("Escape", full, true, 5),
            Some(Command::Act(Action::View(ViewAction::CloseHelp)))
        ));
    }

    #[test]
    fn the_lab_plays_zooms_presents_and_helps() {
        assert_eq!(act(" ", Mode::Lab).as_deref(), Some("TogglePlay"));
        assert_eq!(act("ArrowRight", Mode::Lab).as_deref(), Some("Step"));
        assert_eq!(
            act("p", Mode::Lab).as_deref(),
            Some("Present { from_lab: true }")
        );
        assert_eq!(act("+", Mode::Lab).as_deref(), Some("View(ZoomIn)"));
        assert_eq!(act("0", Mode::Lab).as_deref(), Some("View(Fit)"));
        assert_eq!(act("?", Mode::Lab).as_deref(), Some("View(ToggleHelp)"));
        assert_eq!(act("Enter", Mode::Lab), None, "Enter inspects in the lab");
        // An embed has no zoom or presenter keys.
        assert_eq!(act("p", Mode::Embed), None);
        assert_eq!(act("+", Mode::Embed), None);
        assert_eq!(act(" ", Mode::Embed).as_deref(), Some("TogglePlay"));
    }
}
