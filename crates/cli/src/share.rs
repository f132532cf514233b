//! `kubeglass share`: the share link (or the iframe snippet) of a file, and `--decode`, the
//! text a link carries. The link format is the core's (`kubeglass_core::link`); only the
//! DEFLATE is this binary's own, and it never reaches the web app.

use crate::args::Options;
use crate::input;
use crate::output;
use kubeglass_core::gallery;
use kubeglass_core::link::{self, Address, Damage, Story};
use kubeglass_core::load::load;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, DecompressError, TINFLStatus};

/// Where the app is when neither `--base` nor `KUBEGLASS_URL` says: `scripts/serve.sh`.
pub const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";

/// DEFLATE's best compression level: links are made once and read many times.
const LEVEL: u8 = 10;

/// The payload of a text: raw DEFLATE, then base64url.
pub fn payload(text: &str) -> String {
    link::payload(&compress_to_vec(text.as_bytes(), LEVEL))
}

/// The text a payload carries; refuses bombs while inflating, at the paste cap.
pub fn text_of(payload: &str) -> Result<String, Damage> {
    let deflated = link::deflated(payload)?;
    let inflated = decompress_to_vec_with_limit(&deflated, link::MAX_TEXT_BYTES).map_err(
        |DecompressError { status, .. }| match status {
            TINFLStatus::HasMoreOutput => Damage::TooLarge,
            _ => Damage::NotDeflate,
        },
    )?;
    link::text(inflated)
}

/// The text a link opens: the one it carries, or the gallery example it names.
pub fn text_of_link(link: &str) -> Result<String, Damage> {
    match link::address_of_link(link).story {
        Some(Story::Shared(payload)) => text_of(&payload),
        Some(Story::Example(id)) => gallery::example(&id)
            .map(|e| e.source.to_owned())
            .ok_or(Damage::NotBase64),
        None => Err(Damage::NotBase64),
    }
}

/// The app's address: `--base`, else `KUBEGLASS_URL`, else the local server's.
fn base(options: &Options) -> String {
    options
        .share
        .base
        .clone()
        .or_else(|| {
            std::env::var("KUBEGLASS_URL")
                .ok()
                .filter(|b| !b.is_empty())
        })
        .unwrap_or_else(|| DEFAULT_BASE.to_owned())
}

/// Prints the link or the snippet, or with `--decode` the text; returns whether it failed
/// (a damaged link: the message goes to standard error).
pub fn run(options: &Options) -> Result<bool, String> {
    if let Some(link) = &options.share.decode {
        return Ok(match text_of_link(link) {
            Ok(text) => {
                output::write(&text)?;
                false
            }
            Err(damage) => {
                eprintln!("{}", damage.message().get(options.language()));
                true
            }
        });
    }
    let inputs = input::read_all(&options.files)?;
    let text = &inputs[0].text;
    let base = base(options);
    let address = Address {
        story: Some(Story::Shared(payload(text))),
        step: options.step,
        language: options.language,
        play: options.share.play,
        embed: options.share.embed || options.share.iframe,
        theme: options.share.theme,
        present: options.share.present,
    };
    let url = format!(
        "{}{}",
        base.split_once('#').map_or(base.as_str(), |(b, _)| b),
        address.fragment()
    );
    if options.share.iframe {
        let title = link::story_title(&load(text).objects);
        output::line(&link::iframe_snippet(&url, title.as_deref()))?;
    } else {
        output::line(&url)?;
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_round_trips_the_text_byte_for_byte() {
        for text in ["", "kind: Pod\n", "이름: 값\r\n\ttabs and\u{a0}nbsp\n"] {
            assert_eq!(text_of(&payload(text)).as_deref(), Ok(text));
        }
    }

    #[test]
    fn damaged_payloads_are_told_apart() {
        assert_eq!(text_of("!!"), Err(Damage::NotBase64));
        // Valid base64url of bytes that are not DEFLATE (a reserved block type).
        assert_eq!(text_of("_w"), Err(Damage::NotDeflate));
        // A payload cut short.
        let whole = payload(&"apiVersion: v1\nkind: Pod\n".repeat(40));
        assert_eq!(text_of(&whole[..whole.len() / 2]), Err(Damage::NotDeflate));
        // Bytes that are not UTF-8.
        let latin1 = link::payload(&compress_to_vec(&[0xe9, 0x74, 0xe9], 6));
        assert_eq!(text_of(&latin1), Err(Damage::NotUtf8));
    }

    #[test]
    fn a_bomb_is_refused_at_the_cap() {
        let bomb = link::payload(&compress_to_vec(&vec![b' '; 50 * 1024 * 1024], 10));
        assert!(bomb.len() < 100_000, "{}", bomb.len());
        assert_eq!(text_of(&bomb), Err(Damage::TooLarge));
    }
}
