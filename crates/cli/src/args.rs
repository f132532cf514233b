//! Command-line parsing, by hand: five subcommands and a few flags need no framework.

use kubeglass_core::link::Theme;
use kubeglass_core::text::Language;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Options shared by the subcommands.
#[derive(Clone, Debug)]
pub struct Options {
    pub files: Vec<String>,
    pub format: Format,
    /// `--lang`; messages default to English, share links to the reader's language.
    pub language: Option<Language>,
    /// `render -o PATH` (default: standard output).
    pub output: Option<String>,
    /// `render --step N`: the picture after the first N steps of the Scenario.
    pub step: usize,
    /// `render --landscape`: the layout of presenter mode, for a 16:9 slide.
    pub landscape: bool,
    /// `render --png`: PNG whatever the output's name (for standard output).
    pub png: bool,
    /// `check --fix`: print the text with every fix applied.
    pub fix: bool,
    /// What `share` puts in the link besides the text.
    pub share: ShareOptions,
}

impl Options {
    /// The language of messages.
    pub fn language(&self) -> Language {
        self.language.unwrap_or_default()
    }
}

/// The options of `kubeglass share`.
#[derive(Clone, Debug, Default)]
pub struct ShareOptions {
    /// `--base URL`: the app's address.
    pub base: Option<String>,
    /// `--play` / `--no-play`.
    pub play: Option<bool>,
    /// `--embed`.
    pub embed: bool,
    /// `--theme light|dark`.
    pub theme: Option<Theme>,
    /// `--present`: open the link in presenter mode.
    pub present: bool,
    /// `--iframe`: print the embedding snippet instead of the link.
    pub iframe: bool,
    /// `--decode LINK`: print the text a link carries.
    pub decode: Option<String>,
}

/// What to do.
#[derive(Debug)]
pub enum Command {
    Help,
    Check(Options),
    Describe(Options),
    Simulate(Options),
    Render(Options),
    Share(Options),
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        return Ok(Command::Help);
    }
    let mut options = Options {
        files: Vec::new(),
        format: Format::Text,
        language: None,
        output: None,
        step: 0,
        landscape: false,
        png: false,
        fix: false,
        share: ShareOptions::default(),
    };
    let mut i = 0;
    while i < rest.len() {
        let arg = rest[i].as_str();
        let mut value = |name: &str| -> Result<String, String> {
            i += 1;
            rest.get(i)
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg {
            "-h" | "--help" => return Ok(Command::Help),
            "--format" => {
                options.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format '{other}' (text or json)")),
                }
            }
            "--lang" => {
                options.language = Some(match value("--lang")?.as_str() {
                    "en" => Language::En,
                    "ko" => Language::Ko,
                    other => return Err(format!("unknown language '{other}' (en or ko)")),
                })
            }
            "-o" | "--output" => options.output = Some(value("--output")?),
            "--step" => {
                let text = value("--step")?;
                options.step = text
                    .parse()
                    .map_err(|_| format!("--step takes a number of steps, not '{text}'"))?;
            }
            "--landscape" => options.landscape = true,
            "--png" => options.png = true,
            "--fix" => options.fix = true,
            "--base" => options.share.base = Some(value("--base")?),
            "--play" => options.share.play = Some(true),
            "--no-play" => options.share.play = Some(false),
            "--embed" => options.share.embed = true,
            "--iframe" => options.share.iframe = true,
            "--present" => options.share.present = true,
            "--theme" => {
                let text = value("--theme")?;
                options.share.theme = Some(
                    Theme::parse(&text)
                        .ok_or_else(|| format!("unknown theme '{text}' (light or dark)"))?,
                );
            }
            "--decode" => options.share.decode = Some(value("--decode")?),
            "-" => options.files.push(arg.to_owned()),
            flag if flag.starts_with('-') => return Err(format!("unknown option '{flag}'")),
            file => options.files.push(file.to_owned()),
        }
        i += 1;
    }
    match command.as_str() {
        "check" if options.fix && options.files.len() > 1 => {
            Err("check --fix takes one FILE".into())
        }
        "check" => Ok(Command::Check(options)),
        "describe" | "simulate" | "render" | "share" if options.files.len() > 1 => {
            Err(format!("{command} takes one FILE"))
        }
        "share" if options.share.decode.is_some() && !options.files.is_empty() => {
            Err("share --decode takes a LINK, not a FILE".into())
        }
        "share" => Ok(Command::Share(options)),
        "describe" => Ok(Command::Describe(options)),
        "simulate" => Ok(Command::Simulate(options)),
        "render" => Ok(Command::Render(options)),
        other => Err(format!("unknown command '{other}'")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_check_with_flags() {
        let Ok(Command::Check(o)) = parse(&args(&[
            "check", "a.yaml", "--format", "json", "-", "--lang", "ko",
        ])) else {
            panic!("expected check");
        };
        assert_eq!(o.files, vec!["a.yaml", "-"]);
        assert_eq!(o.format, Format::Json);
        assert_eq!(o.language, Some(Language::Ko));
    }

    #[test]
    fn share_takes_the_link_parameters() {
        let Ok(Command::Share(o)) = parse(&args(&[
            "share",
            "a.yaml",
            "--base",
            "https://x.org/",
            "--step",
            "2",
            "--no-play",
            "--embed",
            "--theme",
            "dark",
            "--iframe",
        ])) else {
            panic!("expected share");
        };
        assert_eq!(o.files, vec!["a.yaml"]);
        assert_eq!(o.share.base.as_deref(), Some("https://x.org/"));
        assert_eq!((o.step, o.language), (2, None));
        assert_eq!(o.share.play, Some(false));
        assert!(o.share.embed && o.share.iframe);
        assert_eq!(o.share.theme, Some(Theme::Dark));
        assert!(parse(&args(&["share", "a.yaml", "--theme", "sepia"])).is_err());
        let Ok(Command::Share(d)) = parse(&args(&["share", "--decode", "https://x.org/#s=AwA"]))
        else {
            panic!("expected share --decode");
        };
        assert_eq!(d.share.decode.as_deref(), Some("https://x.org/#s=AwA"));
        assert!(parse(&args(&["share", "a.yaml", "--decode", "x"])).is_err());
    }

    #[test]
    fn describe_and_simulate_take_one_file() {
        assert!(matches!(
            parse(&args(&["describe", "a.yaml"])),
            Ok(Command::Describe(_))
        ));
        assert!(matches!(
            parse(&args(&["simulate", "-"])),
            Ok(Command::Simulate(_))
        ));
        assert!(parse(&args(&["simulate", "a.yaml", "b.yaml"])).is_err());
    }

    #[test]
    fn render_takes_an_output_and_a_step() {
        let Ok(Command::Render(o)) =
            parse(&args(&["render", "a.yaml", "-o", "out.svg", "--step", "3"]))
        else {
            panic!("expected render");
        };
        assert_eq!((o.output.as_deref(), o.step), (Some("out.svg"), 3));
        assert!(parse(&args(&["render", "a.yaml", "--step", "x"])).is_err());
    }

    #[test]
    fn rejects_unknown_things() {
        assert!(parse(&args(&[])).is_err());
        assert!(parse(&args(&["frobnicate"])).is_err());
        assert!(parse(&args(&["check", "--format", "xml"])).is_err());
        assert!(parse(&args(&["check", "--format"])).is_err());
        assert!(parse(&args(&["check", "--bogus"])).is_err());
    }
}
