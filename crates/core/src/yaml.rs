//! The YAML layer: splitting the pasted text into documents, parsing each into a small owned
//! tree, and finding the line and column of any path inside a document.
//!
//! Parsing is done by `serde_norway` (libyaml). We split documents ourselves so that a syntax
//! error in one document does not lose the documents after it.

mod depth;
mod directive;
mod json_stream;
mod korean;
mod locate;
mod nbsp;
mod split;
mod value;

pub use depth::too_deep;
pub use depth::MAX_DEPTH;
pub use korean::UNTRANSLATED as UNTRANSLATED_SYNTAX;
pub use locate::{locate, Seg};
pub use nbsp::replace_structural_nbsp;
pub use split::{split_documents, Chunk};
pub use value::{parse_document, Entry, ParseError, ParseErrorKind, Value};
