//! The Share panel: a link carrying the whole editor text in its fragment, the iframe snippet
//! with the same options, and buttons to copy them. The link is made in the page when the
//! panel is open; nothing is sent anywhere.

use crate::deflate;
use crate::i18n::{t, Msg};
use kubeglass_core::link::{iframe_snippet, Address, Story, Theme};
use kubeglass_core::text::Language;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Links longer than this are cut by some chat apps and forums.
const LONG_LINK: usize = 8_000;

/// Props of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The editor's text: what the link carries.
    pub text: AttrValue,
    /// Steps played now.
    pub position: usize,
    /// The story's name, for the iframe's title.
    pub title: Option<AttrValue>,
    /// Language of the panel.
    pub language: Language,
    /// Closes the panel.
    pub on_close: Callback<()>,
}

/// What the reader of the link gets, besides the text.
#[derive(Clone, Copy, PartialEq)]
struct Choices {
    at_step: bool,
    language: Option<Language>,
    autoplay: bool,
    embed: bool,
    theme: Option<Theme>,
    present: bool,
}

impl Choices {
    /// The address these choices make for `payload`, opened at `position` when asked.
    fn address(self, payload: &str, position: usize, embed: bool) -> Address {
        let step = if self.at_step { position } else { 0 };
        // Write `play` only when it differs from what the reader's page does by default.
        let play = (self.autoplay != (step == 0)).then_some(self.autoplay);
        Address {
            story: Some(Story::Shared(payload.to_owned())),
            step,
            language: self.language,
            play,
            embed,
            theme: self.theme,
            present: self.present && !embed,
        }
    }
}

/// The page's own address without its fragment: where the link sends the reader.
fn base() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split_once('#')
        .map_or(href.clone(), |(b, _)| b.to_owned())
}

/// Copies `text`, then says so on the button for a moment.
fn copy(text: String, field: NodeRef, copied: UseStateHandle<Option<Msg>>) {
    spawn_local(async move {
        let clipboard = gloo::utils::window().navigator().clipboard();
        let done = JsFuture::from(clipboard.write_text(&text)).await.is_ok();
        if !done {
            // No clipboard (an insecure page, a refused permission): select it for Ctrl+C.
            if let Some(input) = field.cast::<HtmlInputElement>() {
                input.select();
            } else if let Some(area) = field.cast::<HtmlTextAreaElement>() {
                area.select();
            }
        }
        copied.set(Some(if done { Msg::Copied } else { Msg::CopyByHand }));
    });
}

/// A labelled `<select>` of `(value, label, selected, disabled)` options.
fn choice(
    testid: &'static str,
    label: &str,
    onchange: Callback<Event>,
    options: &[(&'static str, &str, bool, bool)],
) -> Html {
    html! {
        <label>{ label }
            <select data-testid={testid} {onchange}>
                { for options.iter().map(|&(value, label, selected, disabled)| html! {
                    <option {value} {selected} {disabled}>{ label }</option>
                }) }
            </select>
        </label>
    }
}

/// A labelled checkbox.
fn check(testid: &'static str, label: &str, checked: bool, onchange: Callback<Event>) -> Html {
    html! {
        <label class="kg-check"><input type="checkbox" data-testid={testid} {checked} {onchange} />{ label }</label>
    }
}

/// The panel.
#[component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let language = props.language;
    let choices = use_state(|| Choices {
        at_step: false,
        language: None,
        autoplay: true,
        embed: false,
        theme: None,
        present: false,
    });
    // The payload of the current text: made again whenever the text changes; a result for
    // an older text is dropped.
    let payload = use_state(|| None::<Result<String, ()>>);
    let latest = use_mut_ref(String::new);
    {
        let payload = payload.clone();
        let latest = latest.clone();
        use_effect_with(props.text.clone(), move |text| {
            let text = text.to_string();
            *latest.borrow_mut() = text.clone();
            spawn_local(async move {
                let made = deflate::payload(&text).await.map_err(|_| ());
                if *latest.borrow() == text {
                    payload.set(Some(made));
                }
            });
        });
    }
    let link_copied = use_state(|| None::<Msg>);
    let snippet_copied = use_state(|| None::<Msg>);
    let link_field = use_node_ref();
    let snippet_field = use_node_ref();
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with((), move |_| {
            if let Some(field) = panel
                .cast::<web_sys::Element>()
                .and_then(|p| p.query_selector("[data-testid=share-link]").ok().flatten())
                .and_then(|f| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok())
            {
                let _ = field.focus();
            }
        });
    }

    let base = base();
    let current = *choices;
    let made = match &*payload {
        Some(Ok(p)) => Some((
            format!(
                "{base}{}",
                current.address(p, props.position, current.embed).fragment()
            ),
            iframe_snippet(
                &format!(
                    "{base}{}",
                    current.address(p, props.position, true).fragment()
                ),
                props.title.as_deref(),
            ),
        )),
        _ => None,
    };
    let failed = matches!(&*payload, Some(Err(())));
    let (link, snippet) = made.clone().unwrap_or_default();
    let length = link.chars().count();

    let change = |update: fn(&mut Choices, &str)| {
        let choices = choices.clone();
        let (link_copied, snippet_copied) = (link_copied.clone(), snippet_copied.clone());
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .or_else(|| {
                    e.target_dyn_into::<HtmlInputElement>().map(|i| {
                        if i.type_() == "checkbox" {
                            i.checked().to_string()
                        } else {
                            i.value()
                        }
                    })
                })
                .unwrap_or_default();
            let mut next = *choices;
            update(&mut next, &value);
            choices.set(next);
            link_copied.set(None);
            snippet_copied.set(None);
        })
    };
    // A story opened at a later step waits there by default: autoplay follows the start.
    let on_start = change(|c, v| {
        c.at_step = v == "step";
        c.autoplay = !c.at_step;
    });
    let on_language = change(|c, v| c.language = kubeglass_core::link::language_of_tag(v));
    let on_theme = change(|c, v| c.theme = Theme::parse(v));
    let on_autoplay = change(|c, v| c.autoplay = v == "true");
    let on_embed = change(|c, v| c.embed = v == "true");
    let on_present = change(|c, v| c.present = v == "true");
    let copy_link = {
        let (link, field, copied) = (link.clone(), link_field.clone(), link_copied.clone());
        Callback::from(move |_: MouseEvent| copy(link.clone(), field.clone(), copied.clone()))
    };
    let copy_snippet = {
        let (snippet, field, copied) = (
            snippet.clone(),
            snippet_field.clone(),
            snippet_copied.clone(),
        );
        Callback::from(move |_: MouseEvent| copy(snippet.clone(), field.clone(), copied.clone()))
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let copy_label = |copied: &Option<Msg>| t(copied.unwrap_or(Msg::Copy), language);
    let at_step_label = format!("{} {}", t(Msg::AtStep, language), props.position);
    html! {
        <section class="kg-share" role="dialog" aria-labelledby="kg-share-title" data-testid="share-panel" ref={panel} {onkeydown}>
            <div class="kg-share-head">
                <h2 id="kg-share-title">{ t(Msg::ShareTitle, language) }</h2>
                <button type="button" class="kg-button" onclick={close}>{ t(Msg::Close, language) }</button>
            </div>
            <p class="kg-hint">{ t(Msg::ShareNote, language) }</p>
            <div class="kg-share-options">
                { choice("share-start", t(Msg::StartAt, language), on_start, &[
                    ("start", t(Msg::FromStart, language), !current.at_step, false),
                    ("step", &at_step_label, current.at_step, props.position == 0),
                ]) }
                { choice("share-language", t(Msg::LinkLanguage, language), on_language, &[
                    ("", t(Msg::ReadersChoice, language), current.language.is_none(), false),
                    ("en", "English", current.language == Some(Language::En), false),
                    ("ko", "한국어", current.language == Some(Language::Ko), false),
                ]) }
                { choice("share-theme", t(Msg::Theme, language), on_theme, &[
                    ("", t(Msg::ReadersChoice, language), current.theme.is_none(), false),
                    ("light", t(Msg::Light, language), current.theme == Some(Theme::Light), false),
                    ("dark", t(Msg::Dark, language), current.theme == Some(Theme::Dark), false),
                ]) }
                { check("share-autoplay", t(Msg::Autoplay, language), current.autoplay, on_autoplay) }
                { check("share-embed", t(Msg::PictureOnly, language), current.embed, on_embed) }
                { check("share-present", t(Msg::PresenterMode, language), current.present, on_present) }
            </div>
            <label class="kg-share-field" for="kg-share-link">{ t(Msg::Link, language) }</label>
            <div class="kg-share-row">
                <input id="kg-share-link" ref={link_field} type="text" readonly=true data-testid="share-link" value={link.clone()}
                       placeholder={t(if failed { Msg::LinkFailed } else { Msg::MakingLink }, language)} />
                <button type="button" class="kg-button kg-action" data-testid="share-copy" disabled={made.is_none()} onclick={copy_link}
                        aria-live="polite">{ copy_label(&link_copied) }</button>
            </div>
            if made.is_some() {
                <p class={classes!("kg-share-length", (length > LONG_LINK).then_some("long"))} data-testid="share-length">
                    { format!("{length} {}", t(Msg::Characters, language)) }
                    if length > LONG_LINK { { " · " }{ t(Msg::LongLink, language) } }
                </p>
            }
            <label class="kg-share-field" for="kg-share-snippet">{ t(Msg::Snippet, language) }</label>
            <textarea id="kg-share-snippet" ref={snippet_field} class="kg-share-snippet" readonly=true rows="4" data-testid="embed-snippet" value={snippet.clone()} />
            <button type="button" class="kg-button" data-testid="snippet-copy" disabled={made.is_none()} onclick={copy_snippet}
                    aria-live="polite">{ copy_label(&snippet_copied) }</button>
        </section>
    }
}
