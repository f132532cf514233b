//! The SVG the scene becomes: a well-formed standalone document with no scripts, and the
//! DOM contract of docs/dom.md on every drawn object.

use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::load::load;
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::{Kind, Options};
use kubeglass_core::svg;

/// Checks that tags nest properly; returns the open/close sequence's problems.
fn well_formed(xml: &str) -> Result<usize, String> {
    let mut stack: Vec<String> = Vec::new();
    let mut elements = 0;
    let mut rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .ok_or("no XML declaration")?;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').ok_or("unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("</{name}> closes nothing"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
        } else {
            let name = tag
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_owned();
            if tag.matches('"').count() % 2 != 0 {
                return Err(format!("unbalanced quotes in <{tag}>"));
            }
            elements += 1;
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    Ok(elements)
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

fn tags_with<'a>(xml: &'a str, needle: &str) -> Vec<&'a str> {
    xml.split('<')
        .filter(|t| t.contains(needle))
        .map(|t| t.split('>').next().unwrap_or(""))
        .collect()
}

#[test]
fn every_example_exports_a_standalone_well_formed_svg_without_scripts() {
    for example in EXAMPLES {
        let mut p = Playback::new(&load(example.source).objects, Options::default());
        while !p.at_end() {
            p.step();
        }
        let doc = svg::document(p.scene(), "title & <more>");
        let elements = well_formed(&doc).unwrap_or_else(|e| panic!("{}: {e}", example.id));
        assert!(elements > 20, "{}: only {elements} elements", example.id);
        assert!(doc.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(
            doc.contains("<style>") && doc.contains(".kg-Pod"),
            "styles inlined"
        );
        assert!(!doc.to_lowercase().contains("<script"), "no scripts");
        assert!(
            !doc.contains("http://") || doc.matches("http://").count() == 1,
            "no outside references but the namespace"
        );
        assert!(doc.contains("title &amp; &lt;more&gt;"));
        for href in tags_with(&doc, "<use ")
            .iter()
            .filter_map(|t| attr(t, "href"))
        {
            let id = href.trim_start_matches('#');
            assert!(
                doc.contains(&format!("<symbol id=\"{id}\"")),
                "{}: icon {id} not embedded",
                example.id
            );
        }
    }
}

#[test]
fn every_drawn_object_carries_the_dom_contract() {
    for example in EXAMPLES {
        let mut p = Playback::new(&load(example.source).objects, Options::default());
        while !p.at_end() {
            p.step();
        }
        let scene = p.scene();
        let doc = svg::document(scene, "x");
        assert_eq!(tags_with(&doc, "data-testid=\"cluster\"").len(), 1);
        let pods = tags_with(&doc, "data-kind=\"Pod\"");
        assert_eq!(
            pods.len(),
            p.world().cluster.pods.len(),
            "{}: one group per pod",
            example.id
        );
        for tag in &pods {
            for key in [
                "data-name",
                "data-namespace",
                "data-node",
                "data-ip",
                "data-phase",
            ] {
                assert!(
                    attr(tag, key).is_some(),
                    "{}: pod without {key}: {tag}",
                    example.id
                );
            }
        }
        for tag in tags_with(&doc, "data-kind=\"Node\"") {
            assert!(attr(tag, "data-node").is_some() && attr(tag, "data-name").is_some());
        }
        for tag in tags_with(&doc, "data-kind=\"Service\"") {
            assert!(
                ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]
                    .contains(&attr(tag, "data-type").unwrap_or("")),
                "{tag}"
            );
        }
        for tag in tags_with(&doc, "data-kind=\"Volume\"") {
            assert!(attr(tag, "data-pod").is_some() && attr(tag, "data-name").is_some());
            assert!(
                ["pod", "node", "persistent", "projected"]
                    .contains(&attr(tag, "data-lifetime").unwrap_or("")),
                "{tag}"
            );
        }
        let files = tags_with(&doc, "data-testid=\"file\"");
        assert_eq!(
            files.len(),
            scene.all_items().filter(|i| i.kind == Kind::File).count()
        );
        assert!(files
            .iter()
            .all(|t| attr(t, "data-file").is_some_and(|f| !f.is_empty())));
        for tag in tags_with(&doc, "<g ")
            .iter()
            .filter(|t| t.contains("data-kind="))
        {
            assert!(
                attr(tag, "data-name").is_some(),
                "{}: {tag} has no data-name",
                example.id
            );
            assert!(
                attr(tag, "data-namespace").is_some(),
                "{}: {tag} has no data-namespace",
                example.id
            );
        }
    }
}

#[test]
fn the_korean_picture_uses_korean_words() {
    let example = EXAMPLES.iter().find(|e| e.id == "nodeport-local").unwrap();
    let options = Options {
        language: kubeglass_core::text::Language::Ko,
        ..Options::default()
    };
    let p = Playback::new(&load(example.source).objects, options);
    let doc = svg::document(p.scene(), "x");
    assert!(doc.contains("클러스터 밖"), "the outside client in Korean");
}
