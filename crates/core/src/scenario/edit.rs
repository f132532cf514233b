//! Writing steps back into the manifest text, so every action a user takes in the app is
//! recorded in the Scenario and the session can be replayed. Edits are line based and touch
//! only the steps list: the rest of the text (comments, formatting) stays as written.

use super::{client_text, format_duration, Step};
use crate::load::load;
use crate::model::Body;
use crate::yaml::split_documents;

/// A YAML scalar, quoted unless it is plainly safe.
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-' | '#'))
        && !text.starts_with(['-', '#'])
        && !matches!(
            text,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
        )
                // Anything that could read as a number is quoted.
        && !text.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if plain {
        text.to_owned()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `{a: 1, b: x}` from the pairs whose value is set.
fn flow(pairs: &[(&str, Option<String>)]) -> String {
    let body = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{{{body}}}")
}

/// A step as one line of a Scenario's `steps` list (without the leading `- `).
pub fn step_yaml(step: &Step) -> String {
    let opt = |v: &Option<String>| v.as_deref().map(scalar);
    match step {
        Step::Request { from, to, count } => format!(
            "request: {}",
            flow(&[
                ("from", Some(scalar(&client_text(from)))),
                ("to", Some(scalar(to))),
                ("count", (*count > 1).then(|| count.to_string()))
            ])
        ),
        Step::Write {
            pod,
            container,
            path,
        } => format!(
            "write: {}",
            flow(&[
                ("pod", Some(scalar(&pod.to_string()))),
                ("container", opt(container)),
                ("path", Some(scalar(path)))
            ])
        ),
        Step::RestartContainer { pod, container } => {
            format!(
                "restartContainer: {}",
                flow(&[
                    ("pod", Some(scalar(&pod.to_string()))),
                    ("container", opt(container))
                ])
            )
        }
        Step::DeletePod(pod) => format!("deletePod: {}", scalar(&pod.to_string())),
        Step::FailNode(node) => format!("failNode: {}", scalar(node)),
        Step::RecoverNode(node) => format!("recoverNode: {}", scalar(node)),
        Step::Cordon(node) => format!("cordon: {}", scalar(node)),
        Step::Uncordon(node) => format!("uncordon: {}", scalar(node)),
        Step::Drain {
            node,
            ignore_daemon_sets,
            delete_empty_dir_data,
            force,
        } => {
            let flag = |on: bool| on.then(|| "true".to_owned());
            format!(
                "drain: {}",
                flow(&[
                    ("node", Some(scalar(node))),
                    ("ignoreDaemonSets", flag(*ignore_daemon_sets)),
                    ("deleteEmptyDirData", flag(*delete_empty_dir_data)),
                    ("force", flag(*force)),
                ])
            )
        }
        Step::AddNode(node) => format!(
            "addNode: {}",
            flow(&[
                ("name", Some(scalar(&node.name))),
                ("cpu", node.cpu_milli.map(|m| format!("{m}m"))),
                ("memory", node.memory.map(|b| b.to_string())),
                ("ip", node.ip.as_deref().map(scalar)),
                (
                    "labels",
                    (!node.labels.is_empty()).then(|| {
                        flow(
                            &node
                                .labels
                                .iter()
                                .map(|(k, v)| (k.as_str(), Some(scalar(v))))
                                .collect::<Vec<_>>(),
                        )
                    }),
                ),
                (
                    "taints",
                    (!node.taints.is_empty()).then(|| {
                        let taints: Vec<String> =
                            node.taints.iter().map(|t| flow(&taint_fields(t))).collect();
                        format!("[{}]", taints.join(", "))
                    }),
                ),
                (
                    "controlPlane",
                    node.control_plane.then(|| "true".to_owned())
                ),
            ])
        ),
        Step::Taint { node, taint } => {
            let mut fields = vec![("node", Some(scalar(node)))];
            fields.extend(taint_fields(taint));
            format!("taint: {}", flow(&fields))
        }
        Step::Untaint { node, key, effect } => format!(
            "untaint: {}",
            flow(&[
                ("node", Some(scalar(node))),
                ("key", Some(scalar(key))),
                ("effect", effect.map(|e| e.as_str().to_owned())),
            ])
        ),
        Step::Scale {
            kind,
            namespace,
            name,
            replicas,
        } => format!(
            "scale: {}",
            flow(&[
                ("kind", Some(kind.as_str().to_owned())),
                ("namespace", opt(namespace)),
                ("name", Some(scalar(name))),
                ("replicas", Some(replicas.to_string()))
            ])
        ),
        Step::DeletePvc { namespace, name } => format!(
            "deletePVC: {}",
            flow(&[("namespace", opt(namespace)), ("name", Some(scalar(name)))])
        ),
        Step::Wait(ms) => format!("wait: {}", format_duration(*ms)),
    }
}

/// A taint's fields: `key`, `value` (when set), `effect`.
fn taint_fields(taint: &crate::model::Taint) -> [(&'static str, Option<String>); 3] {
    [
        ("key", Some(scalar(&taint.key))),
        (
            "value",
            (!taint.value.is_empty()).then(|| scalar(&taint.value)),
        ),
        ("effect", Some(taint.effect.as_str().to_owned())),
    ]
}

/// The lines of `text`, each with its line ending.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// Where the Scenario is in `text`: its document's line range (0-based, end exclusive) and
/// the 0-based lines of its steps.
struct Located {
    first: usize,
    end: usize,
    steps: Vec<usize>,
}

fn locate(text: &str) -> Option<Located> {
    let loaded = load(text);
    let object = loaded
        .objects
        .iter()
        .find(|o| matches!(o.body, Body::Scenario(_)))?;
    let Body::Scenario(scenario) = &object.body else {
        return None;
    };
    let chunk = split_documents(text).get(object.origin.document).copied()?;
    let line_of = |offset: usize| text[..offset].matches('\n').count();
    let end_offset = chunk.offset + chunk.text.len();
    Some(Located {
        first: line_of(chunk.offset),
        end: line_of(end_offset)
            + usize::from(!text[..end_offset].ends_with('\n') && end_offset > chunk.offset),
        steps: scenario
            .steps
            .iter()
            .map(|(_, p)| p.line as usize - 1)
            .collect(),
    })
}

/// The line after the end of the list item starting at `start`.
fn item_end(all: &[&str], start: usize, limit: usize) -> usize {
    let dash = indent(all[start]);
    let mut end = start + 1;
    while end < limit && (blank(all[end]) || indent(all[end]) > dash) {
        end += 1;
    }
    // Trailing blank lines and comments belong to what follows.
    while end > start + 1 && blank(all[end - 1]) {
        end -= 1;
    }
    end
}

fn with_newline(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}

/// A new Scenario document holding `step`.
fn new_scenario(step: &Step) -> String {
    format!("---\napiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata:\n  name: session\nspec:\n  steps:\n  - {}\n", step_yaml(step))
}

/// `text` with `step` inserted into its Scenario's steps at `position` (0-based, among the
/// steps that were read; past the end appends). Adds the steps list, or a whole Scenario
/// document, when there is none.
pub fn insert_step(text: &str, position: usize, step: &Step) -> String {
    let Some(at) = locate(text) else {
        return with_newline(text) + &new_scenario(step);
    };
    let all = lines(text);
    let line = |dash: usize| format!("{}- {}\n", " ".repeat(dash), step_yaml(step));
    let (index, new_line) = if let Some(&before) = at.steps.get(position) {
        (before, line(indent(all[before])))
    } else if let Some(&last) = at.steps.last() {
        (item_end(&all, last, at.end), line(indent(all[last])))
    } else {
        // A Scenario without steps: find `steps:` (maybe `steps: []`), else `spec:`.
        let find = |key: &str| (at.first..at.end).find(|&i| all[i].trim_start().starts_with(key));
        match (find("steps:"), find("spec:")) {
            (Some(i), _) => {
                let key_indent = indent(all[i]);
                let mut out: Vec<String> = all.iter().map(|l| (*l).to_owned()).collect();
                out[i] = format!("{}steps:\n", " ".repeat(key_indent));
                out.insert(i + 1, line(key_indent));
                return out.concat();
            }
            (None, Some(i)) => {
                let key_indent = indent(all[i]) + 2;
                let mut out: Vec<String> = all.iter().map(|l| (*l).to_owned()).collect();
                out.insert(
                    i + 1,
                    format!("{}steps:\n{}", " ".repeat(key_indent), line(key_indent)),
                );
                return with_newline(&out.concat());
            }
            _ => return with_newline(text) + &new_scenario(step),
        }
    };
    let mut out: Vec<String> = all.iter().map(|l| (*l).to_owned()).collect();
    if index > 0 && !out[index - 1].ends_with('\n') {
        out[index - 1].push('\n');
    }
    out.insert(index.min(out.len()), new_line);
    out.concat()
}

/// `text` with the step at `position` (0-based, among the steps that were read) rewritten
/// as `step`; `None` when there is no such step.
pub fn replace_step(text: &str, position: usize, step: &Step) -> Option<String> {
    let at = locate(text)?;
    let start = *at.steps.get(position)?;
    let all = lines(text);
    let end = item_end(&all, start, at.end);
    let mut out: Vec<String> = all.iter().map(|l| (*l).to_owned()).collect();
    let newline = if out[end - 1].ends_with('\n') {
        "\n"
    } else {
        ""
    };
    out.splice(
        start..end,
        [format!(
            "{}- {}{newline}",
            " ".repeat(indent(all[start])),
            step_yaml(step)
        )],
    );
    Some(out.concat())
}
