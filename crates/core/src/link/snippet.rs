//! The iframe a blog post pastes to embed a story.

use crate::model::Object;
use crate::sim::scenario_of;

/// The story's name: its Scenario's `metadata.name`, when it has one.
pub fn story_title(objects: &[Object]) -> Option<String> {
    scenario_of(objects)
        .map(|s| s.name.trim().to_owned())
        .filter(|name| !name.is_empty())
}

/// `text` escaped for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The HTML of an iframe showing `src`, named `kubeglass: <title>` for screen readers. It is
/// lazy (loaded when scrolled near), borderless, as wide as its column, and may go fullscreen.
pub fn iframe_snippet(src: &str, title: Option<&str>) -> String {
    let name = title.map_or_else(|| "kubeglass".to_owned(), |t| format!("kubeglass: {t}"));
    format!(
        r#"<iframe src="{}" title="{}" width="100%" height="480" loading="lazy" style="border:0" allow="fullscreen"></iframe>"#,
        attribute(src),
        attribute(&name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_link_and_the_title() {
        assert_eq!(
            iframe_snippet("https://x.org/#s=ab&embed=1", Some(r#"a "b" <c>"#)),
            r#"<iframe src="https://x.org/#s=ab&amp;embed=1" title="kubeglass: a &quot;b&quot; &lt;c&gt;" width="100%" height="480" loading="lazy" style="border:0" allow="fullscreen"></iframe>"#
        );
        assert!(iframe_snippet("x", None).contains(r#"title="kubeglass""#));
    }

    #[test]
    fn the_title_is_the_scenarios_name() {
        let loaded = crate::load::load(
            "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: my story}\nspec: {steps: []}\n",
        );
        assert_eq!(story_title(&loaded.objects).as_deref(), Some("my story"));
        assert_eq!(story_title(&crate::load::load("").objects), None);
    }
}
