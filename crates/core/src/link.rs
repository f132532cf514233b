//! The address of a story: `#s=<payload>&step=2&lang=ko&play=0&embed=1&theme=dark`.
//!
//! A share link carries the whole editor text in the URL fragment, which browsers never send
//! to a server. `<payload>` is base64url (RFC 4648 §5, no padding) of raw DEFLATE (RFC 1951)
//! of the UTF-8 text. The compression itself is the platform's (the browser's
//! `CompressionStream("deflate-raw")`, a DEFLATE crate in the CLI); everything else about the
//! format lives here, so the app and the CLI read and write the same links. The format is a
//! public contract, documented in `docs/embedding.md`: the key `s` names it for good.

mod base64url;
mod damage;
mod snippet;

pub use base64url::{decode as decode_base64url, encode as encode_base64url};
pub use damage::Damage;
pub use snippet::{iframe_snippet, story_title};

use crate::load::MAX_INPUT_BYTES;
use crate::text::Language;

/// The key of the shared-text payload.
pub const SHARED_TEXT_KEY: &str = "s";

/// The longest payload read, in characters. A 5 MB text of real manifests compresses far
/// below this; anything longer is refused before any work is done on it.
pub const MAX_PAYLOAD_CHARS: usize = 8 * 1024 * 1024;

/// The most bytes a payload may inflate to: the paste cap. Inflating stops as soon as it is
/// passed, so a DEFLATE bomb costs no more than this.
pub const MAX_TEXT_BYTES: usize = MAX_INPUT_BYTES;

/// The page's colours, when the address chooses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light panels.
    Light,
    /// Light text on dark panels.
    Dark,
}

impl Theme {
    /// The value in the address (`light`, `dark`).
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme a value names.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// Which story an address opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Story {
    /// A text carried in the link (`s=`): the payload, still encoded.
    Shared(String),
    /// A gallery example (`example=`), by id.
    Example(String),
}

/// What a page address asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// The story to open; `None` leaves the choice to the page.
    pub story: Option<Story>,
    /// Steps to play before showing.
    pub step: usize,
    /// Language; `None` follows the reader's browser.
    pub language: Option<Language>,
    /// Play on opening; `None` plays a story opened at its start and waits at a later step.
    pub play: Option<bool>,
    /// Only the picture, its controls and the caption (for iframes).
    pub embed: bool,
    /// Colours; `None` follows the reader's `prefers-color-scheme`.
    pub theme: Option<Theme>,
    /// Presenter mode: the picture fills the window above a large caption (for slides).
    pub present: bool,
}

fn yes(value: &str) -> bool {
    !matches!(value, "0" | "false" | "no")
}

/// The language of a tag like `ko-KR` or `en`.
pub fn language_of_tag(tag: &str) -> Option<Language> {
    match tag.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("ko") => Some(Language::Ko),
        Some("en") => Some(Language::En),
        _ => None,
    }
}

impl Address {
    /// Reads a fragment (with or without its `#`). Unknown keys are ignored; a key given twice
    /// counts once, its last value; `s` wins over `example` whatever their order.
    pub fn parse(fragment: &str) -> Self {
        let mut address = Address::default();
        let mut shared = None;
        let mut example = None;
        for pair in fragment.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                SHARED_TEXT_KEY => shared = Some(value),
                "example" if !value.is_empty() => example = Some(value),
                "step" => address.step = value.parse().unwrap_or(0),
                "lang" => address.language = language_of_tag(value),
                "play" => address.play = Some(yes(value)),
                "embed" => address.embed = yes(value),
                "theme" => address.theme = Theme::parse(value),
                "present" => address.present = yes(value),
                _ => {}
            }
        }
        address.story = match (shared, example) {
            (Some(payload), _) => Some(Story::Shared(payload.to_owned())),
            (None, Some(id)) => Some(Story::Example(id.to_owned())),
            (None, None) => None,
        };
        address
    }

    /// Whether the story starts playing: as the address says, else when it opens at its start.
    pub fn plays(&self) -> bool {
        self.play.unwrap_or(self.step == 0)
    }

    /// The fragment, `#` included: only what differs from the defaults is written, in the
    /// documented order (`s` or `example`, `step`, `lang`, `play`, `embed`, `theme`,
    /// `present`).
    pub fn fragment(&self) -> String {
        let mut parts = Vec::new();
        match &self.story {
            Some(Story::Shared(payload)) => parts.push(format!("{SHARED_TEXT_KEY}={payload}")),
            Some(Story::Example(id)) => parts.push(format!("example={id}")),
            None => {}
        }
        if self.step > 0 {
            parts.push(format!("step={}", self.step));
        }
        if let Some(language) = self.language {
            parts.push(format!("lang={}", language.code()));
        }
        if let Some(play) = self.play {
            parts.push(format!("play={}", u8::from(play)));
        }
        if self.embed {
            parts.push("embed=1".to_owned());
        }
        if let Some(theme) = self.theme {
            parts.push(format!("theme={}", theme.as_str()));
        }
        if self.present {
            parts.push("present=1".to_owned());
        }
        format!("#{}", parts.join("&"))
    }
}

/// The payload of a link: the base64url of `deflated` (raw DEFLATE of the text).
pub fn payload(deflated: &[u8]) -> String {
    encode_base64url(deflated)
}

/// The compressed bytes a payload carries, before inflating.
pub fn deflated(payload: &str) -> Result<Vec<u8>, Damage> {
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(Damage::TooLong);
    }
    decode_base64url(payload).ok_or(Damage::NotBase64)
}

/// The text of inflated bytes.
pub fn text(inflated: Vec<u8>) -> Result<String, Damage> {
    if inflated.len() > MAX_TEXT_BYTES {
        return Err(Damage::TooLarge);
    }
    String::from_utf8(inflated).map_err(|_| Damage::NotUtf8)
}

/// The story part of a full link (`https://…/#s=…`, or only its fragment).
pub fn address_of_link(link: &str) -> Address {
    Address::parse(link.split_once('#').map_or("", |(_, fragment)| fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_parameter() {
        let a = Address::parse("#s=abc&step=2&lang=ko&play=0&embed=1&theme=dark&present=1");
        assert_eq!(a.story, Some(Story::Shared("abc".into())));
        assert_eq!(
            (a.step, a.language, a.play, a.embed, a.theme, a.present),
            (
                2,
                Some(Language::Ko),
                Some(false),
                true,
                Some(Theme::Dark),
                true
            )
        );
    }

    #[test]
    fn shared_text_wins_over_an_example_in_either_order() {
        for fragment in ["example=hostpath&s=abc", "s=abc&example=hostpath"] {
            assert_eq!(
                Address::parse(fragment).story,
                Some(Story::Shared("abc".into()))
            );
        }
        assert_eq!(
            Address::parse("#example=hostpath").story,
            Some(Story::Example("hostpath".into()))
        );
    }

    #[test]
    fn play_defaults_to_playing_only_at_the_start() {
        assert!(Address::parse("").plays());
        assert!(!Address::parse("step=3").plays());
        assert!(Address::parse("step=3&play=1").plays());
        assert!(!Address::parse("play=0").plays());
    }

    #[test]
    fn defaults_follow_the_reader() {
        let a = Address::parse("");
        assert_eq!(a, Address::default());
        assert_eq!(language_of_tag("ko-KR"), Some(Language::Ko));
        assert_eq!(language_of_tag("en-GB"), Some(Language::En));
        assert_eq!(language_of_tag("fr"), None);
        assert_eq!(Address::parse("theme=sepia&step=x").theme, None);
        assert_eq!(Address::parse("step=x").step, 0);
    }

    #[test]
    fn writes_only_what_differs_from_the_defaults_in_the_documented_order() {
        let a = Address {
            story: Some(Story::Shared("abc".into())),
            step: 2,
            language: Some(Language::Ko),
            play: Some(true),
            embed: true,
            theme: Some(Theme::Light),
            present: true,
        };
        assert_eq!(
            a.fragment(),
            "#s=abc&step=2&lang=ko&play=1&embed=1&theme=light&present=1"
        );
        assert_eq!(Address::parse(&a.fragment()), a);
        let bare = Address {
            story: Some(Story::Example("emptydir".into())),
            ..Address::default()
        };
        assert_eq!(bare.fragment(), "#example=emptydir");
    }

    #[test]
    fn a_full_link_is_read_from_its_fragment() {
        let a = address_of_link("https://example.org/kubeglass/?x=1#s=abc&embed=1");
        assert_eq!(a.story, Some(Story::Shared("abc".into())));
        assert!(a.embed);
        assert_eq!(address_of_link("https://example.org/"), Address::default());
    }

    #[test]
    fn damaged_payloads_say_what_is_wrong() {
        assert_eq!(deflated("a!b"), Err(Damage::NotBase64));
        assert_eq!(
            deflated(&"A".repeat(MAX_PAYLOAD_CHARS + 1)),
            Err(Damage::TooLong)
        );
        assert_eq!(text(vec![0xff, 0xfe]), Err(Damage::NotUtf8));
        assert_eq!(text(vec![b'a'; MAX_TEXT_BYTES + 1]), Err(Damage::TooLarge));
        assert_eq!(text(b"kind: Pod\n".to_vec()), Ok("kind: Pod\n".into()));
    }
}
