//! The app's one state value and the actions that change it.

use kubeglass_core::diagnostic::Diagnostic;
use kubeglass_core::load::load;
use std::rc::Rc;
use yew::Reducible;

/// An object as the picture shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawnObject {
    /// `kind`.
    pub kind: String,
    /// Namespace (empty for cluster-scoped kinds).
    pub namespace: String,
    /// Name.
    pub name: String,
}

/// What the loader made of the text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// Objects to draw.
    pub objects: Vec<DrawnObject>,
    /// Problems to list.
    pub diagnostics: Vec<Diagnostic>,
}

impl View {
    /// Loads `text` with the core.
    pub fn of(text: &str) -> Self {
        let loaded = load(text);
        View {
            objects: loaded
                .objects
                .iter()
                .map(|o| DrawnObject {
                    kind: o.meta.kind.clone(),
                    namespace: o.meta.namespace.clone(),
                    name: o.meta.name.clone(),
                })
                .collect(),
            diagnostics: loaded.diagnostics,
        }
    }
}

/// The whole app state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The manifest text in the editor.
    pub text: String,
    /// What the loader made of it.
    pub view: Rc<View>,
}

impl AppState {
    /// A state showing `text`.
    pub fn with_text(text: &str) -> Self {
        AppState {
            text: text.to_owned(),
            view: Rc::new(View::of(text)),
        }
    }
}

/// Everything that can change the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// The user edited the manifest.
    Edit(String),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(text) if text == self.text => self,
            Action::Edit(text) => Rc::new(AppState::with_text(&text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_reloads_the_view() {
        let state = Rc::new(AppState::with_text(""));
        let state = state.reduce(Action::Edit("kind: Pod\napiVersion: v1\nmetadata: {name: a}\nspec: {containers: [{name: c, image: i}]}\n".into()));
        assert_eq!(state.view.objects.len(), 1);
        assert_eq!(state.view.objects[0].name, "a");
    }

    #[test]
    fn unchanged_text_keeps_the_same_state() {
        let state = Rc::new(AppState::with_text("a: 1"));
        let same = state.clone().reduce(Action::Edit("a: 1".into()));
        assert!(Rc::ptr_eq(&state, &same));
    }
}
