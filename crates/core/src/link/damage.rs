//! What can be wrong with a share link, in words the app and the CLI both print.

use crate::text::Text;

/// Why a link's story cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    /// The payload has characters outside base64url, or a length no base64url text has.
    NotBase64,
    /// The bytes are not raw DEFLATE (or the stream ends early: a link cut short).
    NotDeflate,
    /// The inflated bytes are not UTF-8.
    NotUtf8,
    /// The payload inflates past the paste cap (refused while inflating).
    TooLarge,
    /// The payload is longer than any link kubeglass makes.
    TooLong,
}

impl Damage {
    /// "This link is damaged: …", in English and Korean.
    pub fn message(self) -> Text {
        let (en, ko) = match self {
            Damage::NotBase64 => (
                "its story is not valid base64url (a character was changed, or the link was cut)",
                "스토리 부분이 올바른 base64url이 아닙니다 (글자가 바뀌었거나 링크가 잘렸습니다)",
            ),
            Damage::NotDeflate => (
                "its story does not decompress (the link was probably cut short)",
                "스토리의 압축을 풀 수 없습니다 (링크가 중간에 잘렸을 수 있습니다)",
            ),
            Damage::NotUtf8 => (
                "its story is not UTF-8 text",
                "스토리가 UTF-8 텍스트가 아닙니다",
            ),
            Damage::TooLarge => (
                "its story inflates past the 5 MB that kubeglass accepts",
                "스토리의 압축을 풀면 kubeglass가 받는 5 MB를 넘습니다",
            ),
            Damage::TooLong => (
                "it is longer than any link kubeglass makes",
                "kubeglass가 만드는 어떤 링크보다도 깁니다",
            ),
        };
        Text::new(
            format!("This link is damaged: {en}."),
            format!("이 링크는 손상되었습니다: {ko}."),
        )
    }
}
