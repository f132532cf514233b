//! Property test: no input panics the loader, and every diagnostic points inside the text
//! with a message in both languages.
//!
//! Thousands of inputs per run, deterministic (seeded), built three ways: mutations of every
//! corpus file and lecture snippet, splices of two fixtures, and random token soup. A failing
//! case is written to `target/fuzz-failure.yaml` with its seed so it can be replayed.

#[path = "support/fixtures.rs"]
mod fixtures;

use kubeglass_core::load::load;
use kubeglass_core::rng::Rng;
use kubeglass_core::yaml::UNTRANSLATED_SYNTAX;
use std::panic::{catch_unwind, AssertUnwindSafe};

const MUTATIONS_PER_FIXTURE: usize = 120;
const RANDOM_INPUTS: usize = 3000;

/// Pieces that steer random text toward the parser's tricky corners.
const TOKENS: &[&str] = &[
    "\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    "- ",
    ": ",
    ":",
    "---\n",
    "...\n",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!str ",
    "!custom ",
    "|\n",
    ">-\n",
    "? ",
    "%YAML 1.2\n",
    "kind: ",
    "apiVersion: ",
    "metadata:",
    "name: ",
    "spec:",
    "containers:",
    "ports:",
    "items:",
    "List",
    "Pod",
    "Service",
    "v1",
    "apps/v1",
    "80",
    "-1",
    "1e9999",
    "0x1F",
    "2Gi",
    "500m",
    "null",
    "~",
    "yes",
    "no",
    "true",
    "\u{feff}",
    "\u{a0}",
    "\u{0}",
    "é",
    "한글",
    "\u{1F600}",
    "\\",
    "\\u",
    "{\"a\":",
    "\"kind\": \"List\", \"items\": [",
    "=",
    "@",
    "`",
    "|-",
    "*",
    "&",
];

fn mutate(rng: &mut Rng, text: &str, other: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.index(4) {
        let len = chars.len().max(1);
        let at = rng.index(len).min(chars.len());
        match rng.index(8) {
            0 => {
                let end = (at + 1 + rng.index(40)).min(chars.len());
                chars.drain(at..end);
            }
            1 => {
                let end = (at + 1 + rng.index(200)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.index(chars.len() + 1);
                chars.splice(to..to, copy);
            }
            2 | 3 => {
                let token = TOKENS[rng.index(TOKENS.len())];
                chars.splice(at..at, token.chars());
            }
            4 => {
                if at < chars.len() {
                    chars[at] = TOKENS[rng.index(TOKENS.len())]
                        .chars()
                        .next()
                        .unwrap_or(' ');
                }
            }
            5 => {
                // Indent or dedent the line holding `at`.
                let start = chars[..at]
                    .iter()
                    .rposition(|&c| c == '\n')
                    .map_or(0, |p| p + 1);
                if rng.chance(1, 2) {
                    chars.splice(start..start, std::iter::repeat_n(' ', 1 + rng.index(4)));
                } else if chars.get(start) == Some(&' ') {
                    chars.remove(start);
                }
            }
            6 => chars.truncate(at),
            _ => {
                let other: Vec<char> = other.chars().collect();
                let from = rng.index(other.len().max(1)).min(other.len());
                let end = (from + rng.index(400)).min(other.len());
                chars.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    chars.into_iter().collect()
}

fn random_text(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.index(120) {
        if rng.chance(1, 5) {
            out.push(char::from_u32(rng.below(0x2_0000) as u32).unwrap_or('?'));
        } else {
            out.push_str(TOKENS[rng.index(TOKENS.len())]);
        }
    }
    out
}

/// Loads `text` and checks the invariants; returns whether it found an error, or a
/// description of any violation.
fn check(text: &str) -> Result<bool, String> {
    let loaded = catch_unwind(AssertUnwindSafe(|| load(text))).map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "panic".to_owned())
    })?;
    let lines = text.split('\n').count() as u32;
    for d in &loaded.diagnostics {
        if d.position.line < 1 || d.position.line > lines || d.position.column < 1 {
            return Err(format!("diagnostic outside the text: {d:?}"));
        }
        if d.message.en.is_empty() || d.message.ko.is_empty() {
            return Err(format!("diagnostic without a message: {d:?}"));
        }
        // Every syntax message the mutations provoke reads in Korean, not English behind a lead.
        if d.message.ko.starts_with(UNTRANSLATED_SYNTAX) {
            return Err(format!("untranslated YAML message: {}", d.message.en));
        }
    }
    Ok(loaded.has_errors())
}

/// Checks one case; true when the loader reported an error for it.
fn run(label: &str, seed: u64, text: &str) -> bool {
    check(text).unwrap_or_else(|problem| {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failure.yaml");
        let _ = std::fs::write(&path, text);
        panic!(
            "{label} (seed {seed}): {problem}\ninput written to {}",
            path.display()
        );
    })
}

#[test]
fn mutated_fixtures_never_panic_and_stay_placed() {
    let mut all = fixtures::files("corpus");
    all.extend(fixtures::files("seeds"));
    let (mut cases, mut with_errors) = (0, 0);
    for (i, (name, text)) in all.iter().enumerate() {
        let other = &all[(i * 7 + 3) % all.len()].1;
        for n in 0..MUTATIONS_PER_FIXTURE {
            let seed = (i as u64) << 32 | n as u64;
            let mut rng = Rng::new(seed);
            with_errors += usize::from(run(name, seed, &mutate(&mut rng, text, other)));
            cases += 1;
        }
    }
    assert!(cases >= 8000, "ran {cases} cases");
    // The mutations must reach the error paths, or this test proves little.
    assert!(
        with_errors * 5 > cases,
        "only {with_errors} of {cases} cases had errors"
    );
}

#[test]
fn random_token_soup_never_panics() {
    let mut with_errors = 0;
    for seed in 0..RANDOM_INPUTS as u64 {
        let mut rng = Rng::new(seed ^ 0x5eed);
        with_errors += usize::from(run("random", seed, &random_text(&mut rng)));
    }
    assert!(
        with_errors * 2 > RANDOM_INPUTS,
        "only {with_errors} random inputs had errors"
    );
}

#[test]
fn every_prefix_of_a_manifest_loads() {
    // Typing a manifest goes through every prefix: none may panic.
    let text =
        kubeglass_core::fix::fixed(&fixtures::read("seeds/004-18-persistentvolume-pv-01.yaml")).0;
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for end in ends {
        run("prefix", end as u64, &text[..end]);
    }
    assert!(!run("whole", 0, &text), "the whole snippet loads cleanly");
}
