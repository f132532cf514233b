//! What the page address asks for: `#example=hostpath&step=2&lang=ko&play=0&embed=1`, so a
//! blog post or a slide can embed one story at one step in one language.

use kubeglass_core::text::Language;

/// The parameters of the page address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// The gallery example to open.
    pub example: Option<String>,
    /// Steps to play before showing.
    pub step: usize,
    /// Language (default: the browser's).
    pub language: Option<Language>,
    /// Start playing (default: yes).
    pub play: bool,
    /// Only the picture and its controls.
    pub embed: bool,
}

/// Reads `hash` (with or without its `#`).
pub fn parse(hash: &str) -> Params {
    let mut params = Params {
        example: None,
        step: 0,
        language: None,
        play: true,
        embed: false,
    };
    for pair in hash.trim_start_matches('#').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let yes = !matches!(value, "0" | "false" | "no");
        match key {
            "example" if !value.is_empty() => params.example = Some(value.to_owned()),
            "step" => params.step = value.parse().unwrap_or(0),
            "lang" => params.language = language(value),
            "play" => params.play = yes,
            "embed" => params.embed = yes,
            _ => {}
        }
    }
    params
}

/// The language of a tag like `ko-KR` or `en`.
pub fn language(tag: &str) -> Option<Language> {
    match tag.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("ko") => Some(Language::Ko),
        Some("en") => Some(Language::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_embedding_parameters() {
        let p = parse("#example=hostpath&step=2&lang=ko&play=0&embed=1");
        assert_eq!(p.example.as_deref(), Some("hostpath"));
        assert_eq!(
            (p.step, p.language, p.play, p.embed),
            (2, Some(Language::Ko), false, true)
        );
    }

    #[test]
    fn defaults_to_playing_in_the_browsers_language() {
        let p = parse("");
        assert_eq!(
            (p.example, p.step, p.language, p.play, p.embed),
            (None, 0, None, true, false)
        );
        assert_eq!(language("ko-KR"), Some(Language::Ko));
        assert_eq!(language("en-GB"), Some(Language::En));
        assert_eq!(language("fr"), None);
    }
}
