//! `kubeglass describe` and `kubeglass simulate`: the resolved cluster, and the file's
//! Scenario played step by step, as JSON.

use crate::args::Options;
use crate::input;
use crate::output;
use kubeglass_core::describe::Description;
use kubeglass_core::diagnostic::{self, Diagnostic};
use kubeglass_core::load::load;
use kubeglass_core::scenario::Step;
use kubeglass_core::sim::{scenario_of, Outcome, World};
use kubeglass_core::text::Text;
use serde::Serialize;

/// Loads the one input and resolves it; returns the world, every diagnostic, the steps.
fn world(options: &Options) -> Result<(World, Vec<Diagnostic>, Vec<Step>), String> {
    let inputs = input::read_all(&options.files)?;
    let text = &inputs[0].text;
    let loaded = load(text);
    let (world, mut diagnostics) = World::explained(&loaded.objects);
    diagnostics.extend(loaded.diagnostics);
    diagnostic::sort(&mut diagnostics);
    let steps = scenario_of(&loaded.objects)
        .map(|s| s.steps.iter().map(|(step, _)| step.clone()).collect())
        .unwrap_or_default();
    Ok((world, diagnostics, steps))
}

fn print<T: Serialize>(value: &T) -> Result<(), String> {
    output::line(&serde_json::to_string_pretty(value).map_err(|e| e.to_string())?)
}

/// Prints the resolved cluster; returns whether there were errors.
pub fn describe(options: &Options) -> Result<bool, String> {
    let (world, diagnostics, _) = world(options)?;
    print(&Description::of(&world, &diagnostics, options.language()))?;
    Ok(diagnostics.iter().any(Diagnostic::is_error))
}

/// One played step, as `simulate` prints it.
#[derive(Serialize)]
struct StepReport {
    step: usize,
    action: String,
    outcome: Outcome,
    explanation: Text,
}

#[derive(Serialize)]
struct Simulation {
    steps: Vec<StepReport>,
    #[serde(rename = "final")]
    end: Description,
}

/// Plays the Scenario; returns whether there were errors.
pub fn simulate(options: &Options) -> Result<bool, String> {
    let (mut world, diagnostics, steps) = world(options)?;
    let reports = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let outcome = world.apply(step);
            StepReport {
                step: i + 1,
                action: kubeglass_core::scenario::describe_step(step),
                explanation: outcome.explanation.clone(),
                outcome,
            }
        })
        .collect();
    let end = Description::of(&world, &diagnostics, options.language());
    print(&Simulation {
        steps: reports,
        end,
    })?;
    Ok(diagnostics.iter().any(Diagnostic::is_error))
}

pub fn render(options: &Options) -> Result<bool, String> {
    use kubeglass_core::playback::Playback;
    use kubeglass_core::scene::Options as SceneOptions;
    let inputs = input::read_all(&options.files)?;
    let loaded = load(&inputs[0].text);
    let scene_options = SceneOptions {
        language: options.language(),
        landscape: options.landscape,
        ..SceneOptions::default()
    };
    let mut playback = Playback::new(&loaded.objects, scene_options);
    let steps = playback.steps().len();
    if options.step > steps {
        return Err(format!(
            "--step {} is past the Scenario's {steps} steps",
            options.step
        ));
    }
    // Step by step, as the live view does, so objects keep the places they had.
    for _ in 0..options.step {
        playback.step();
    }
    let title = match options.step {
        0 => "kubeglass: the cluster".to_owned(),
        n => format!("kubeglass: the cluster after step {n}"),
    };
    let png = options.png
        || options
            .output
            .as_deref()
            .is_some_and(|p| p.to_ascii_lowercase().ends_with(".png"));
    let bytes = if png {
        let svg = kubeglass_core::svg::flat_document(playback.scene(), &title);
        let (png, missing) = crate::png::rasterise(&svg, &svg)?;
        if !missing.is_empty() {
            let shown: String = missing.iter().take(12).collect();
            eprintln!(
                "kubeglass: no installed font draws {shown}: the PNG shows boxes there (install one, for Korean e.g. fonts-nanum)"
            );
        }
        png
    } else {
        kubeglass_core::svg::document(playback.scene(), &title).into_bytes()
    };
    match &options.output {
        Some(path) => {
            std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
        }
        None => output::write_bytes(&bytes)?,
    }
    let errors = loaded
        .diagnostics
        .iter()
        .chain(playback.diagnostics())
        .any(Diagnostic::is_error);
    Ok(errors)
}
