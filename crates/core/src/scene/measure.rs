//! Text widths, estimated without a font engine (the same on native and wasm), and
//! shortening long names to fit, with the full name kept for the tooltip.
//!
//! The per-character widths were measured in headless Chromium with DejaVu Sans, the
//! widest of the fonts `scene.css` asks for, so an estimate that fits there fits everywhere.

/// How a label style is drawn (mirrors `assets/scene.css`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metrics {
    /// Font size in tenths of a pixel.
    pub size_tenths: i32,
    /// Semi-bold (13 % wider).
    pub bold: bool,
    /// Monospace.
    pub mono: bool,
    /// Anchored at its end (`text-anchor: end`) or middle, rather than its start.
    pub anchor: Anchor,
}

/// Where a label's position is, along its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// `text-anchor: start`.
    Start,
    /// `text-anchor: middle`.
    Middle,
    /// `text-anchor: end`.
    End,
}

/// The metrics of a label style.
pub fn metrics(style: &str) -> Metrics {
    let (size_tenths, bold, mono, anchor) = match style {
        "title" => (140, true, false, Anchor::Start),
        "name" => (130, true, false, Anchor::Start),
        "type" | "hits" => (110, true, false, Anchor::End),
        "kind" => (110, true, false, Anchor::Start),
        "end" | "warn-end" => (110, false, false, Anchor::End),
        "proxy" => (100, false, false, Anchor::End),
        "lane" => (100, true, false, Anchor::Start),
        "edge" => (100, false, false, Anchor::Start),
        "drop" => (105, true, false, Anchor::Start),
        "drop-why" => (105, false, false, Anchor::Start),
        "door" => (100, false, true, Anchor::Middle),
        "mono" | "endpoint" | "endpoint-off" | "file" => (105, false, true, Anchor::Start),
        _ => (110, false, false, Anchor::Start),
    };
    Metrics {
        size_tenths,
        bold,
        mono,
        anchor,
    }
}

/// Width of one character in hundredths of an em.
fn char_em(c: char, mono: bool) -> i32 {
    if mono {
        let wide = c as u32 >= 0x1100 && !matches!(c, '→' | '✓' | '✗' | '×' | '↻' | '…' | '·');
        return if wide { 100 } else { 61 };
    }
    match c {
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '(' | ')' | '[' | ']'
        | '·' => 35,
        'f' | 't' | 'r' | ' ' | '-' | '/' => 41,
        '"' | '_' | '*' | '?' | 's' | 'c' | 'z' => 55,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 95,
        '0'..='9' => 64,
        '<' | '>' | '=' | '#' | '+' | '~' | '&' | '→' | '✓' | '✗' | '×' | '↻' => 85,
        c if c.is_ascii_uppercase() => 69,
        c if c.is_ascii() => 62,
        _ => 100,
    }
}

/// Estimated width of `text` in the given style, in pixels (rounded up).
pub fn width(text: &str, style: &str) -> i32 {
    let m = metrics(style);
    let em: i64 = text.chars().map(|c| i64::from(char_em(c, m.mono))).sum();
    let scale = if m.bold { 113 } else { 100 };
    let tenth_px = em * i64::from(m.size_tenths) * scale;
    i32::try_from(tenth_px.div_euclid(100 * 100 * 10) + 1).unwrap_or(i32::MAX)
}

/// `text` shortened with an ellipsis in the middle (names differ at their ends: the hash
/// and suffix of `web-7d4b9c8f5-x2k4p`) so that it fits `room` pixels in `style`.
pub fn fit(text: &str, style: &str, room: i32) -> String {
    if width(text, style) <= room {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 2 {
        keep -= 1;
        let head = keep.div_ceil(2);
        let tail = keep - head;
        let candidate: String = chars[..head]
            .iter()
            .chain(std::iter::once(&'…'))
            .chain(&chars[chars.len() - tail..])
            .collect();
        if width(&candidate, style) <= room {
            return candidate;
        }
    }
    "…".to_owned()
}

/// `text` broken into lines of at most `room` pixels at word boundaries, at most `lines`
/// of them; the last line ends with an ellipsis when text was left out.
pub fn wrap(text: &str, style: &str, room: i32, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, style) <= room || current.is_empty() {
            current = candidate;
            continue;
        }
        out.push(std::mem::replace(&mut current, word.to_owned()));
        if out.len() == lines {
            current.clear();
            let last = out.pop().unwrap_or_default();
            out.push(
                fit(&format!("{last} {word} …"), style, room)
                    .trim_end_matches([' ', '…'])
                    .to_owned()
                    + "…",
            );
            return out;
        }
    }
    if !current.is_empty() {
        out.push(fit(&current, style, room));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_the_browser_measurements() {
        // Measured in headless Chromium (DejaVu Sans 11px / 13px semi-bold, DejaVu Sans Mono 10.5px).
        for (text, style, measured) in [
            ("pod-volume-3-7d79b6c-h8q24", "meta", 167),
            ("192.168.56.31 · Ready", "end", 125),
            (
                "node-role.kubernetes.io/control-plane:NoSchedule",
                "warn",
                276,
            ),
            ("pod-volume-3-7d79b6c-h8q24", "name", 220),
            (
                "node-role.kubernetes.io/control-plane:NoSchedule",
                "mono",
                303,
            ),
        ] {
            let estimate = width(text, style);
            assert!(
                estimate >= measured && estimate <= measured * 110 / 100,
                "{text} in {style}: {estimate} vs {measured}"
            );
        }
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        assert!(width("web", "meta") < width("web-server", "meta"));
        assert!(width("web", "meta") < width("web", "name"));
        assert!(width("한글", "meta") > width("ab", "meta"));
    }

    #[test]
    fn sentences_wrap_at_words() {
        let lines = wrap(
            "the traffic policy is Local and k8s-node2 has no ready endpoint of svc-2",
            "meta",
            160,
            3,
        );
        assert!(lines.len() >= 2 && lines.len() <= 3, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, "meta") <= 160), "{lines:?}");
        assert_eq!(lines[0].split(' ').next(), Some("the"));
        let short = wrap(
            "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg",
            "meta",
            40,
            2,
        );
        assert_eq!(short.len(), 2);
        assert!(short[1].ends_with('…'), "{short:?}");
        assert_eq!(wrap("one", "meta", 100, 2), ["one"]);
    }

    #[test]
    fn long_names_keep_both_ends() {
        let name = "microservices-frontend-7d4b9c8f5-x2k4p";
        let short = fit(name, "meta", 120);
        assert!(width(&short, "meta") <= 120);
        assert!(
            short.starts_with("micro") && short.ends_with("x2k4p"),
            "{short}"
        );
        assert!(short.contains('…'));
        assert_eq!(fit("pod-1", "meta", 120), "pod-1");
    }
}
