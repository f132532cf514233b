//! The editor's text: a textarea that grows with its lines beside its line numbers, in a
//! scrolling column. A long text is shown in blocks of lines (see `blocks.rs`), each a
//! textarea of its own; blocks off screen are not laid out (`content-visibility: auto`), so
//! a 20,000-line text shows and types as fast as a short one.
//!
//! Only the blocks within a screen or so of the view are drawn; the others keep their room,
//! empty, until they come near: the browser's first focus in a page lays out every textarea
//! it holds, hidden or not (a second for 60 blocks of 400 lines).
//!
//! Blocks behave as one text: the arrow keys, Backspace and Delete cross from block to
//! block, and Ctrl+A selects the whole text, which typing, Delete, a paste, copy and cut then
//! act on.

use super::blocks::{line_count, line_offset, utf16_len, Blocks};
use super::caret::{large_paste, place_caret, with_selection_replaced, LINE_PX};
use super::gutter::gutter;
use super::{GoTo, Mark};
use crate::i18n::{t, Msg};
use kubeglass_core::text::Language;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, Element, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// Props of [`BlockText`].
#[derive(Properties, PartialEq)]
pub struct BlockTextProps {
    /// The text.
    pub text: AttrValue,
    /// Problem lines.
    pub marks: Rc<Vec<Mark>>,
    /// Where to move the caret.
    pub go_to: Option<GoTo>,
    /// Language of the labels.
    pub language: Language,
    /// Shown while the text is empty.
    pub placeholder: AttrValue,
    /// Typing.
    pub on_edit: Callback<String>,
    /// A paste, a drop, or the whole text replaced.
    pub on_paste: Callback<String>,
}

/// What the blocks show, and which text that is (to tell the user's own edits, which keep
/// the blocks, from a new text, which is cut again).
struct Shown {
    blocks: Blocks,
    text: AttrValue,
}

/// A caret to place once the blocks are drawn: block, offset, line in the block.
type Caret = (usize, u32, u32);

/// The blocks, as one text.
#[component]
pub fn BlockText(props: &BlockTextProps) -> Html {
    let shown = use_mut_ref(|| Shown {
        blocks: Blocks::shown(&props.text),
        text: props.text.clone(),
    });
    if shown.borrow().text != props.text {
        *shown.borrow_mut() = Shown {
            blocks: Blocks::shown(&props.text),
            text: props.text.clone(),
        };
    }
    let scroller = use_node_ref();
    let all_selected = use_state(|| false);
    let pending: Rc<RefCell<Option<Caret>>> = use_mut_ref(|| None);
    // The blocks drawn as textareas: `live.0..live.1`.
    let live = use_state(|| (0usize, 3usize));

    // Carets are placed after the blocks they go into are drawn.
    {
        let (pending, scroller) = (pending.clone(), scroller.clone());
        use_effect(move || {
            if let Some(caret) = pending.borrow_mut().take() {
                focus_block(&scroller, caret);
            }
        });
    }
    // Puts the caret in a block, making it a textarea first if it is not one.
    let show_caret = {
        let (live, pending, scroller) = (live.clone(), pending.clone(), scroller.clone());
        move |caret: Caret| {
            if (live.0..live.1).contains(&caret.0) {
                focus_block(&scroller, caret);
            } else {
                *pending.borrow_mut() = Some(caret);
                live.set((caret.0.saturating_sub(1), caret.0 + 2));
            }
        }
    };
    {
        let (shown, show_caret) = (shown.clone(), show_caret.clone());
        use_effect_with(props.go_to, move |go_to| {
            if let Some(go_to) = go_to {
                let shown = shown.borrow();
                let (block, line) = shown.blocks.locate(go_to.line);
                let caret = line_offset(&shown.blocks.texts()[block], line);
                show_caret((block, caret, line));
            }
        });
    }
    // A new text: the blocks in view become the textareas.
    {
        let (shown, scroller, live) = (shown.clone(), scroller.clone(), live.clone());
        use_effect_with(props.text.clone(), move |_| {
            if let Some(scroller) = scroller.cast::<Element>() {
                let range = live_range(&scroller, &shown.borrow().blocks);
                if range != *live {
                    live.set(range);
                }
            }
        });
    }
    let onscroll = {
        let (shown, live) = (shown.clone(), live.clone());
        Callback::from(move |e: Event| {
            let scroller: Element = e.target_unchecked_into();
            let range = live_range(&scroller, &shown.borrow().blocks);
            if range != *live {
                live.set(range);
            }
        })
    };

    // Records an edit of the blocks and tells the app.
    let commit = {
        let shown = shown.clone();
        move |blocks: Blocks, emit: &Callback<String>| {
            let text = blocks.joined();
            *shown.borrow_mut() = Shown {
                blocks,
                text: AttrValue::from(text.clone()),
            };
            emit.emit(text);
        }
    };

    let oninput = {
        let (shown, commit) = (shown.clone(), commit.clone());
        let (on_edit, on_paste) = (props.on_edit.clone(), props.on_paste.clone());
        Callback::from(move |e: InputEvent| {
            let Some((area, index)) = block_of(e.target()) else {
                return;
            };
            let blocks = shown.borrow().blocks.with_block(index, &area.value());
            let emit = match e.input_type().as_str() {
                "insertFromPaste" | "insertFromDrop" => &on_paste,
                _ => &on_edit,
            };
            commit(blocks, emit);
        })
    };

    let onpaste = {
        let (shown, all_selected, on_paste) =
            (shown.clone(), all_selected.clone(), props.on_paste.clone());
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<ClipboardEvent>() else {
                return;
            };
            let Some((area, index)) = block_of(e.target()) else {
                return;
            };
            let pasted = if *all_selected {
                e.clipboard_data()
                    .and_then(|d| d.get_data("text/plain").ok())
            } else {
                large_paste(e)
            };
            let Some(pasted) = pasted else {
                return;
            };
            e.prevent_default();
            let text = if *all_selected {
                all_selected.set(false);
                pasted
            } else {
                let block = with_selection_replaced(&area, &pasted);
                shown.borrow().blocks.with_block(index, &block).joined()
            };
            // A new text: it is cut into blocks again when it comes back.
            on_paste.emit(text);
        })
    };

    let oncopy = {
        let (shown, all_selected) = (shown.clone(), all_selected.clone());
        Callback::from(move |e: Event| {
            copy_all(&e, *all_selected, &shown.borrow().text);
        })
    };
    let oncut = {
        let (shown, all_selected, on_paste) =
            (shown.clone(), all_selected.clone(), props.on_paste.clone());
        Callback::from(move |e: Event| {
            if copy_all(&e, *all_selected, &shown.borrow().text) {
                all_selected.set(false);
                on_paste.emit(String::new());
            }
        })
    };

    let onkeydown = {
        let (shown, all_selected, pending, commit) = (
            shown.clone(),
            all_selected.clone(),
            pending.clone(),
            commit.clone(),
        );
        let (on_edit, on_paste) = (props.on_edit.clone(), props.on_paste.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some((area, index)) = block_of(e.target()) else {
                return;
            };
            let command = e.ctrl_key() || e.meta_key();
            let key = e.key();
            if *all_selected {
                let replacement = match key.as_str() {
                    "Backspace" | "Delete" => Some(String::new()),
                    "Enter" => Some("\n".to_owned()),
                    k if !command && !e.alt_key() && k.chars().count() == 1 => Some(k.to_owned()),
                    "Shift" | "Control" | "Meta" | "Alt" => return,
                    _ if command && matches!(key.as_str(), "c" | "C" | "x" | "X" | "v" | "V") => {
                        return
                    }
                    _ => None,
                };
                all_selected.set(false);
                if let Some(text) = replacement {
                    e.prevent_default();
                    on_paste.emit(text);
                }
                return;
            }
            let blocks = shown.borrow().blocks.clone();
            let last = blocks.texts().len() - 1;
            if last == 0 {
                // One textarea: the browser's own keys do it all.
                return;
            }
            let value = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            let collapsed = start == end;
            let before = &value[..super::blocks::byte_at(&value, start)];
            let on_first_line = !before.contains('\n');
            let on_last_line = !value[before.len()..].contains('\n');
            let column = utf16_len(before.rsplit('\n').next().unwrap_or(""));
            let length = utf16_len(&value);
            let go = |caret: Caret| {
                e.prevent_default();
                show_caret(caret);
            };
            match key.as_str() {
                "a" | "A" if command => {
                    e.prevent_default();
                    all_selected.set(true);
                }
                "ArrowDown" if !e.shift_key() && on_last_line && index < last => {
                    let next = &blocks.texts()[index + 1];
                    let first_line = next.split('\n').next().unwrap_or("");
                    go((index + 1, column.min(utf16_len(first_line)), 0));
                }
                "ArrowUp" if !e.shift_key() && on_first_line && index > 0 => {
                    let previous = &blocks.texts()[index - 1];
                    let line = line_count(previous) - 1;
                    let start = line_offset(previous, line);
                    let width = utf16_len(previous) - start;
                    go((index - 1, start + column.min(width), line));
                }
                "ArrowRight" if !e.shift_key() && collapsed && start == length && index < last => {
                    go((index + 1, 0, 0));
                }
                "ArrowLeft" if !e.shift_key() && collapsed && start == 0 && index > 0 => {
                    let previous = &blocks.texts()[index - 1];
                    go((index - 1, utf16_len(previous), line_count(previous) - 1));
                }
                "Home" if command => go((0, 0, 0)),
                "End" if command => {
                    let text = &blocks.texts()[last];
                    go((last, utf16_len(text), line_count(text) - 1));
                }
                "Backspace" if collapsed && start == 0 && index > 0 => {
                    if let Some((merged, caret)) = blocks.merged(index - 1) {
                        e.prevent_default();
                        let line = line_count(&blocks.texts()[index - 1]) - 1;
                        *pending.borrow_mut() = Some((index - 1, caret, line));
                        commit(merged, &on_edit);
                    }
                }
                "Delete" if collapsed && start == length && index < last => {
                    if let Some((merged, caret)) = blocks.merged(index) {
                        e.prevent_default();
                        *pending.borrow_mut() = Some((index, caret, line_count(&value) - 1));
                        commit(merged, &on_edit);
                    }
                }
                _ => {}
            }
        })
    };
    let onmousedown = {
        let all_selected = all_selected.clone();
        Callback::from(move |_: MouseEvent| {
            if *all_selected {
                all_selected.set(false);
            }
        })
    };

    let shown_now = shown.borrow();
    let texts = shown_now.blocks.texts();
    let firsts = shown_now.blocks.first_lines();
    let total =
        firsts.last().copied().unwrap_or(1) + line_count(texts.last().map_or("", |t| t)) - 1;
    let language = props.language;
    let note = if *all_selected {
        format!("{} {}", t(Msg::AllSelected, language), total)
    } else {
        t(Msg::LongText, language).to_owned()
    };
    let single = texts.len() == 1;
    // A single textarea scrolls itself (its scrollbars in view), and its line numbers follow.
    let scroll_gutter = Callback::from(|e: Event| {
        let area: Element = e.target_unchecked_into();
        if let Some(gutter) = area.previous_element_sibling() {
            gutter.set_scroll_top(area.scroll_top());
        }
    });
    html! {
        <div class="kg-blocks-box">
            if !single {
                <p class="kg-blocks-note" role="status" data-testid="long-text">{ note }</p>
            }
            <div ref={scroller.clone()} class={classes!("kg-blocks", single.then_some("single"), all_selected.then_some("all-selected"))}
                 data-testid="manifest-blocks" data-lines={total.to_string()}
                 onscroll={(!single).then_some(onscroll)} {oninput} {onpaste} {oncopy} {oncut} {onkeydown} {onmousedown}>
                { for texts.iter().zip(&firsts).enumerate().map(|(i, (text, &first))| {
                    let lines = line_count(text);
                    let height = f64::from(lines) * LINE_PX;
                    if i != 0 && !(live.0..live.1).contains(&i) {
                        // Far from the view: only its room, until it comes near.
                        return html! {
                            <div class="kg-block" key={i} data-block={i.to_string()}
                                 style={format!("height: {height}px")}></div>
                        };
                    }
                    html! {
                        <div class="kg-block" key={i} data-block={i.to_string()}
                             style={format!("contain-intrinsic-size: auto {height}px")}>
                            { gutter(first, lines, &props.marks) }
                            <textarea class="kg-editor kg-block-text"
                                      id={(i == 0).then_some("kg-manifest")}
                                      data-testid={if i == 0 { "manifest-input" } else { "manifest-block" }}
                                      data-first-line={first.to_string()}
                                      aria-label={(!single).then(|| format!("{} {first}–{}", t(Msg::Lines, language), first + lines - 1))}
                                      placeholder={single.then(|| props.placeholder.clone())}
                                      spellcheck="false" autocomplete="off" wrap="off"
                                      style={(!single).then(|| format!("min-height: {height}px"))}
                                      onscroll={single.then(|| scroll_gutter.clone())}
                                      value={AttrValue::Rc(text.clone())} />
                        </div>
                    }
                }) }
            </div>
        </div>
    }
}

/// The blocks to draw as textareas for `scroller`'s view: those within a screen of it.
fn live_range(scroller: &Element, blocks: &Blocks) -> (usize, usize) {
    let (top, height) = (
        f64::from(scroller.scroll_top()),
        f64::from(scroller.client_height()),
    );
    let line_at = |y: f64| (y.max(0.0) / LINE_PX) as u32 + 1;
    let first = blocks.locate(line_at(top - height)).0;
    let last = blocks.locate(line_at(top + 2.0 * height)).0;
    (first, last + 1)
}

/// The textarea an event happened in, and its block's index.
fn block_of(target: Option<web_sys::EventTarget>) -> Option<(HtmlTextAreaElement, usize)> {
    let area: HtmlTextAreaElement = target?.dyn_into().ok()?;
    let index = area
        .parent_element()?
        .get_attribute("data-block")?
        .parse()
        .ok()?;
    Some((area, index))
}

/// Puts the caret in a block and scrolls to it.
fn focus_block(scroller: &NodeRef, (block, caret, line): Caret) {
    let Some(scroller) = scroller.cast::<Element>() else {
        return;
    };
    let area = scroller
        .query_selector(&format!("[data-block=\"{block}\"] textarea"))
        .ok()
        .flatten()
        .and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        if scroller.child_element_count() == 1 {
            let own: Element = area.clone().into();
            place_caret(&area, caret, line, &own);
        } else {
            place_caret(&area, caret, line, &scroller);
        }
    }
}

/// While everything is selected, copy and cut take the whole text; true when they did.
fn copy_all(event: &Event, all_selected: bool, text: &str) -> bool {
    let Some(event) = event.dyn_ref::<ClipboardEvent>() else {
        return false;
    };
    if !all_selected {
        return false;
    }
    if let Some(data) = event.clipboard_data() {
        let _ = data.set_data("text/plain", text);
        event.prevent_default();
        return true;
    }
    false
}
