//! A minimal SVG element tree and its XML serialization.

/// A child of an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Text, escaped when written.
    Text(String),
    /// Markup written as is (trusted: the bundled icons and stylesheet).
    Raw(String),
}

/// An SVG element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// Tag name.
    pub tag: &'static str,
    /// Attributes, in order.
    pub attrs: Vec<(String, String)>,
    /// Children.
    pub children: Vec<Node>,
    /// A stable identity for live re-rendering (not written out).
    pub key: Option<String>,
}

impl Element {
    /// An empty element.
    pub fn new(tag: &'static str) -> Self {
        Element {
            tag,
            attrs: Vec::new(),
            children: Vec::new(),
            key: None,
        }
    }

    /// Adds an attribute.
    pub fn attr(mut self, name: &str, value: impl Into<String>) -> Self {
        self.attrs.push((name.to_owned(), value.into()));
        self
    }

    /// Adds a `data-*` attribute.
    pub fn data(self, name: &str, value: impl Into<String>) -> Self {
        let name = format!("data-{name}");
        self.attr(&name, value)
    }

    /// Sets the stable identity.
    pub fn key(mut self, key: &str) -> Self {
        self.key = Some(key.to_owned());
        self
    }

    /// Adds a child.
    pub fn child(mut self, child: Node) -> Self {
        self.children.push(child);
        self
    }

    /// Adds children.
    pub fn children(mut self, children: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(children);
        self
    }

    /// Writes the element as XML.
    pub fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.tag);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            escape(v, out);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                Node::Element(e) => e.write(out),
                Node::Text(t) => escape(t, out),
                Node::Raw(r) => out.push_str(r),
            }
        }
        out.push_str("</");
        out.push_str(self.tag);
        out.push('>');
    }

    /// Every element of the tree, depth first.
    pub fn walk(&self) -> Box<dyn Iterator<Item = &Element> + '_> {
        Box::new(
            std::iter::once(self).chain(
                self.children
                    .iter()
                    .filter_map(|c| match c {
                        Node::Element(e) => Some(e),
                        _ => None,
                    })
                    .flat_map(Element::walk),
            ),
        )
    }

    /// This element and its children without `data-*` attributes or focusability: a copy
    /// that is only a picture (a fading ghost), not an object of the DOM contract.
    pub fn inert(mut self) -> Self {
        self.attrs.retain(|(k, _)| {
            !k.starts_with("data-") && !matches!(k.as_str(), "tabindex" | "role" | "aria-label")
        });
        self.children = self
            .children
            .into_iter()
            .map(|c| match c {
                Node::Element(e) => Node::Element(e.inert()),
                other => other,
            })
            .collect();
        self
    }

    /// The value of an attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_escaped_xml() {
        let e = Element::new("g")
            .data("name", "a\"b")
            .child(Node::Element(
                Element::new("text").child(Node::Text("<pending> & co".into())),
            ))
            .child(Node::Element(Element::new("rect")));
        let mut out = String::new();
        e.write(&mut out);
        assert_eq!(
            out,
            "<g data-name=\"a&quot;b\"><text>&lt;pending&gt; &amp; co</text><rect/></g>"
        );
    }

    #[test]
    fn an_inert_copy_has_no_contract_attributes() {
        let e = Element::new("g")
            .data("kind", "Pod")
            .attr("tabindex", "0")
            .attr("class", "kg-Pod")
            .child(Node::Element(Element::new("g").data("testid", "file")));
        let mut out = String::new();
        e.inert().write(&mut out);
        assert_eq!(out, "<g class=\"kg-Pod\"><g/></g>");
    }
}
