//! Loading a paste one document at a time, so that a caller with a deadline (the browser's
//! main thread) can stop between documents and go on later. The result does not depend on
//! where it stopped: [`super::load`] is the same steps without a break.

use super::{drop_duplicates, megabytes, nbsp_error, DocumentLoader, Loaded, MAX_INPUT_BYTES};
use crate::diagnostic::{self, Code, Diagnostic};
use crate::source::LineIndex;
use crate::text::Text;
use crate::yaml::{self, Chunk};

/// A paste being loaded.
#[derive(Debug)]
pub struct Reading {
    /// The text as read: non-breaking spaces where YAML needs spaces are read as spaces.
    text: String,
    /// Where each line of `text` starts.
    starts: Vec<usize>,
    /// Each document's byte range in `text`.
    documents: Vec<(usize, usize)>,
    /// The next document to load.
    next: usize,
    loaded: Loaded,
}

impl Reading {
    /// Prepares `text`: checks its size, and finds its lines and documents (one quick pass).
    pub fn new(text: &str) -> Reading {
        let mut loaded = Loaded::default();
        if text.len() > MAX_INPUT_BYTES {
            loaded.diagnostics.push(too_large(text.len()));
            return Reading {
                text: String::new(),
                starts: vec![0],
                documents: Vec::new(),
                next: 0,
                loaded,
            };
        }
        let text = match yaml::replace_structural_nbsp(text) {
            Some((replaced, lines)) => {
                if let Some(&first) = lines.first() {
                    loaded.diagnostics.push(nbsp_error(text, first, &lines));
                }
                replaced
            }
            None => text.to_owned(),
        };
        let starts = LineIndex::new(&text).into_starts();
        let documents = yaml::split_documents(&text)
            .iter()
            .map(|c| (c.offset, c.offset + c.text.len()))
            .collect();
        Reading {
            text,
            starts,
            documents,
            next: 0,
            loaded,
        }
    }

    /// Loads the next document; true when there is none left.
    pub fn step(&mut self) -> bool {
        let Some(&(start, end)) = self.documents.get(self.next) else {
            return true;
        };
        let lines = LineIndex::with_starts(&self.text, &self.starts);
        DocumentLoader {
            lines: &lines,
            chunk: Chunk {
                text: &self.text[start..end],
                offset: start,
            },
            document: self.next,
            loaded: &mut self.loaded,
        }
        .load();
        self.next += 1;
        self.next == self.documents.len()
    }

    /// Bytes of the text loaded so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        let done = match self.next {
            0 => 0,
            n => self.documents[n - 1].1,
        };
        (done, self.text.len())
    }

    /// The objects and diagnostics, as [`super::load`] gives them.
    pub fn finish(mut self) -> Loaded {
        drop_duplicates(&mut self.loaded);
        diagnostic::sort(&mut self.loaded.diagnostics);
        self.loaded
    }
}

fn too_large(bytes: usize) -> Diagnostic {
    Diagnostic::error(
        Code::InputTooLarge,
        Text::new(
            format!(
                "the input is {}, more than the {} kubeglass accepts",
                megabytes(bytes),
                megabytes(MAX_INPUT_BYTES)
            ),
            format!(
                "입력이 {}로, kubeglass가 받는 {}보다 큽니다",
                megabytes(bytes),
                megabytes(MAX_INPUT_BYTES)
            ),
        ),
    )
    .hint(Text::new(
        "paste fewer objects at a time",
        "한 번에 더 적은 오브젝트를 붙여 넣으세요",
    ))
}
