//! Reading files the user opens or drops, all at once, in the browser (nothing is uploaded).

use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::file::File;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{FileList, HtmlInputElement};
use yew::prelude::*;

/// Reads every file of `list` as text; calls `done` with `(name, text)` of each, in order,
/// once all are read (files that are not text are skipped).
pub fn read_files(list: FileList, done: Callback<Vec<(String, String)>>) {
    let files: Vec<File> = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(File::from)
        .collect();
    let total = files.len();
    type Slots = Rc<RefCell<Vec<Option<(String, String)>>>>;
    let results: Slots = Rc::new(RefCell::new(vec![None; total]));
    let remaining = Rc::new(RefCell::new(total));
    // Readers must live until they finish; they are dropped with the last callback.
    let readers: Rc<RefCell<Vec<FileReader>>> = Rc::default();
    for (i, file) in files.into_iter().enumerate() {
        let name = file.name();
        let results = results.clone();
        let remaining = remaining.clone();
        let done = done.clone();
        let keep = readers.clone();
        let reader = read_as_text(&file, move |text| {
            if let Ok(text) = text {
                results.borrow_mut()[i] = Some((name, text));
            }
            *remaining.borrow_mut() -= 1;
            if *remaining.borrow() == 0 {
                done.emit(results.borrow_mut().drain(..).flatten().collect());
                keep.borrow_mut().clear();
            }
        });
        readers.borrow_mut().push(reader);
    }
}

/// What [`file_picker`] shows.
pub struct FilePickerProps {
    /// The button's label.
    pub label: AttrValue,
    /// Called with the files' names and texts.
    pub on_files: Callback<Vec<(String, String)>>,
}

/// An "open files" button (several files at once).
/// A plain function, not a component: it has no hooks, and its parent renders it anew each time
/// anyway (its callbacks are new on every render).
pub fn file_picker(props: &FilePickerProps) -> Html {
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                read_files(list, on_files.clone());
            }
            input.set_value("");
        })
    };
    html! {
        <label class="kg-button kg-file-picker" data-testid="open-files">
            { props.label.clone() }
            <input type="file" multiple=true accept=".yaml,.yml,.json,.txt,text/yaml,application/json" {onchange} />
        </label>
    }
}
