//! `kubeglass`: the command line over kubeglass-core.
//!
//! ```text
//! kubeglass check    [FILE|-]... [--format text|json] [--lang en|ko] [--fix]
//! kubeglass describe FILE [--lang en|ko]
//! kubeglass simulate FILE [--lang en|ko]
//! kubeglass render   FILE [-o OUT.svg] [--step N] [--lang en|ko] [--landscape] [--png]
//! kubeglass share    FILE|- [--base URL] [--step N] [--lang en|ko] [--play|--no-play] [--embed] [--theme light|dark] [--present] [--iframe]
//! kubeglass share    --decode LINK
//! ```
//! Exit status: 0 when there are no errors, 1 when there are errors, 2 for usage errors.

mod args;
mod check;
mod input;
mod output;
mod png;
mod resolve;
mod share;

use std::process::ExitCode;

const USAGE: &str = "\
usage: kubeglass <command> [options]

commands:
  check [FILE|-]...       print diagnostics, one per line: PATH:LINE:COL: SEVERITY: MESSAGE
  check FILE --fix        print the text with kubeglass's fixes applied
  describe FILE           print the resolved cluster as JSON
  simulate FILE           play the file's Scenario; print every step's outcome and the end state as JSON
  render FILE             draw the cluster as a standalone SVG, or PNG (after --step N steps of the Scenario)
  share FILE              print a share link carrying the file's text (or --iframe: the embed snippet)
  share --decode LINK     print the text a share link carries

options:
  --format text|json      output format of check (default: text)
  --lang en|ko            language of messages (default: en)
  -o, --output PATH       where render writes the SVG or PNG (default: standard output)
  --step N                render the picture after the first N steps (default: 0);
                          share: open the link at step N
  --landscape             render: lay out for a 16:9 slide, as presenter mode does
  --png                   render: PNG (twice the picture's size) even to standard output;
                          an output named *.png is PNG anyway
  --base URL              share: the app's address (default: $KUBEGLASS_URL, else
                          http://127.0.0.1:8080/, where scripts/serve.sh serves it)
  --play, --no-play       share: start playing, or not (default: play from the start)
  --embed                 share: picture, controls and caption only, for an iframe
  --theme light|dark      share: the colours (default: the reader's)
  --iframe                share: print the <iframe> snippet (implies --embed)
  --present               share: open in presenter mode (for a projector)
  -h, --help              show this help

FILE '-' (or no FILE) reads standard input.
Exit status: 0 no errors, 1 errors found, 2 usage error.";

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args::parse(&raw) {
        Ok(args::Command::Help) => output::line(USAGE).map(|()| false),
        Ok(args::Command::Check(options)) => check::run(&options),
        Ok(args::Command::Describe(options)) => resolve::describe(&options),
        Ok(args::Command::Simulate(options)) => resolve::simulate(&options),
        Ok(args::Command::Render(options)) => resolve::render(&options),
        Ok(args::Command::Share(options)) => share::run(&options),
        Err(message) => {
            eprintln!("kubeglass: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(message) => {
            eprintln!("kubeglass: {message}");
            ExitCode::from(2)
        }
    }
}
