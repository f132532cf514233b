//! The lab: the manifest as last read, the story being played on it, and what the reader
//! said about the text now in the editor.

use kubeglass_core::diagnostic::{self, Diagnostic};
use kubeglass_core::link::story_title;
use kubeglass_core::load::{load, Loaded};
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::Options;

/// The story on the last good manifest, and the diagnostics of the current text.
#[derive(Clone, Debug)]
pub struct Lab {
    /// The story, on the last text that read without errors (or the first text).
    pub playback: Playback,
    /// The text `playback` was built from.
    pub source: String,
    /// Problems in the text now in the editor (reader and cluster), by line.
    pub diagnostics: Vec<Diagnostic>,
    /// The editor's text has errors: the picture is the last good one.
    pub stale: bool,
    /// The story's name (its Scenario's), when it has one.
    pub title: Option<String>,
}

fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut diagnostics);
    diagnostics
}

impl Lab {
    /// A fresh lab on `text`, drawn with `options`, before any step. Text with errors is
    /// drawn as far as it could be read: there is no better picture to keep.
    pub fn open(text: &str, options: Options) -> Self {
        let loaded = load(text);
        let playback = Playback::new(&loaded.objects, options);
        let title = story_title(&loaded.objects);
        Self::drawn(text, loaded.diagnostics, playback, title)
    }

    /// A lab showing `playback` of `text`, with the loader's and the playback's diagnostics.
    fn drawn(
        text: &str,
        loaded: Vec<Diagnostic>,
        playback: Playback,
        title: Option<String>,
    ) -> Self {
        let diagnostics = sorted(
            loaded
                .into_iter()
                .chain(playback.diagnostics().iter().cloned())
                .collect(),
        );
        Lab {
            playback,
            source: text.to_owned(),
            diagnostics,
            stale: false,
            title,
        }
    }

    /// The lab after the user edited the text: if it reads without errors, the story is
    /// rebuilt on it at the same step, with pods where they were; otherwise the picture
    /// stays and the errors are listed.
    pub fn edited(&self, text: &str) -> Self {
        self.read(text, load(text))
    }

    /// The lab after the user edited the text, once the text has been read into `loaded`
    /// (in slices, for a long text).
    pub fn read(&self, text: &str, loaded: Loaded) -> Self {
        if loaded
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.code.is_unreadable())
        {
            return Lab {
                playback: self.playback.clone(),
                source: self.source.clone(),
                diagnostics: sorted(loaded.diagnostics),
                stale: true,
                title: self.title.clone(),
            };
        }
        let mut playback = Playback::after_edit(&loaded.objects, &self.playback);
        // At the start the picture is already drawn; seeking would lay it out again.
        if self.playback.position() > 0 {
            playback.seek(self.playback.position());
        }
        let title = story_title(&loaded.objects);
        Self::drawn(text, loaded.diagnostics, playback, title)
    }
}
