//! The app state as one serialisable value: what a share link or an embedding page needs to
//! bring the same view back (the story replays deterministically from the text).

use super::Selection;
use kubeglass_core::sorted::VecSet;
use kubeglass_core::text::Language;
use serde::{Deserialize, Serialize};

/// Everything that makes the view what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The manifest text, with the Scenario (and every action recorded in it).
    pub text: String,
    /// Steps played.
    pub position: usize,
    /// Language.
    pub language: Language,
    /// Animation speed, in percent.
    pub speed: u32,
    /// The picture at its own size rather than fitted.
    #[serde(default)]
    pub actual_size: bool,
    /// Workloads whose stacked replicas are shown one by one.
    pub expanded: VecSet<String>,
    /// The inspected object.
    pub selected: Option<Selection>,
    /// The gallery example the text came from, if any.
    pub example: Option<String>,
}
