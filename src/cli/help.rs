//! The command line in the user's language: clap's `--help`, usage lines and usage errors
//! rendered from the message catalogue (`cli.*` keys) instead of clap's built-in English.
//! [`localised`] takes the derived [`Command`] and fills in every about text, flag help,
//! value name, heading and usage line; [`render_error`] turns a [`clap::Error`] into our own
//! sentence from its kind and context, and [`drop_flag_before_command`] catches the one
//! mistake clap lets pass silently. Which language is decided before the parse (`lang.rs`),
//! because clap renders help while it parses.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

use renja::messages::{text, Lang, Message};

/// The help text and value name of each flag: (command, argument id, help key, value-name
/// key). The command is `""` for `renja` itself (drop mode), `*` for a flag every command
/// shares; a command's own entry wins over `*`.
const ARGS: &[(&str, &str, &str, Option<&str>)] = &[
    ("*", "lang", "cli.arg.lang", Some("cli.value.lang")),
    ("*", "max_cells", "cli.arg.max-cells", Some("cli.value.n")),
    (
        "*",
        "max_unpacked",
        "cli.arg.max-unpacked",
        Some("cli.value.bytes"),
    ),
    (
        "*",
        "max_memory",
        "cli.arg.max-memory",
        Some("cli.value.size"),
    ),
    (
        "*",
        "max_formula_depth",
        "cli.arg.max-formula-depth",
        Some("cli.value.n"),
    ),
    (
        "*",
        "nomenklatur",
        "cli.arg.nomenklatur",
        Some("cli.value.file"),
    ),
    ("*", "fail_on", "cli.arg.fail-on", Some("cli.value.level")),
    ("*", "all", "cli.arg.all", None),
    ("*", "quiet", "cli.arg.quiet", None),
    ("*", "help", "cli.arg.help", None),
    ("*", "version", "cli.arg.version", None),
    ("", "files", "cli.dropped.files", Some("cli.value.file")),
    ("", "force", "cli.dropped.force", None),
    ("check", "file", "cli.check.file", Some("cli.value.file")),
    (
        "check",
        "format",
        "cli.check.format",
        Some("cli.value.format"),
    ),
    (
        "check",
        "output",
        "cli.check.output",
        Some("cli.value.report"),
    ),
    ("check", "force", "cli.check.force", None),
    ("clean", "file", "cli.clean.file", Some("cli.value.file")),
    ("clean", "output", "cli.clean.output", Some("cli.value.out")),
    ("clean", "force", "cli.clean.force", None),
    (
        "batch",
        "inputs",
        "cli.batch.inputs",
        Some("cli.value.inputs"),
    ),
    ("batch", "output", "cli.batch.output", Some("cli.value.out")),
    ("batch", "jobs", "cli.batch.jobs", Some("cli.value.n")),
    ("batch", "force", "cli.batch.force", None),
    ("batch", "quiet", "cli.batch.quiet", None),
    ("serve", "port", "cli.serve.port", Some("cli.value.port")),
    ("serve", "bind", "cli.serve.bind", Some("cli.value.addr")),
    ("serve", "open", "cli.serve.open", None),
    (
        "serve",
        "max_upload",
        "cli.serve.max-upload",
        Some("cli.value.size"),
    ),
    (
        "serve",
        "read_timeout",
        "cli.serve.read-timeout",
        Some("cli.value.secs"),
    ),
    ("serve", "workers", "cli.serve.workers", Some("cli.value.n")),
    (
        "serve",
        "max_connections",
        "cli.serve.max-connections",
        Some("cli.value.n"),
    ),
    (
        "serve",
        "max_upload_memory",
        "cli.serve.max-upload-memory",
        Some("cli.value.size"),
    ),
    (
        "help",
        "subcommand",
        "cli.help.subcommand",
        Some("cli.value.command"),
    ),
];

/// The about text of each command, and what follows its flags.
const ABOUT: &[(&str, &str, Option<&str>)] = &[
    ("", "cli.about", Some("cli.after-help")),
    ("check", "cli.check.about", None),
    ("clean", "cli.clean.about", None),
    ("batch", "cli.batch.about", None),
    ("serve", "cli.serve.about", None),
    ("help", "cli.help.about", None),
];

/// The command line with every user-facing word in `lang`.
pub fn localised(mut command: Command, lang: Lang) -> Command {
    // Building adds clap's own `--help`, `--version` and `help` command, so they are
    // translated too.
    command.build();
    localise(command, "", lang)
}

fn localise(command: Command, path: &str, lang: Lang) -> Command {
    let (_, about, after) = ABOUT
        .iter()
        .find(|(p, _, _)| *p == path)
        .copied()
        .unwrap_or((path, "cli.about", None));
    let usage_heading = text("cli.heading.usage", lang);
    let mut command = command.about(Message::new(about).render(lang));
    if let Some(after) = after {
        command = command.after_help(Message::new(after).render(lang));
    }
    let mut command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage_heading} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(text("cli.heading.commands", lang))
        .mut_args(|arg| localise_arg(arg, path, lang));
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| localise(sub, &name, lang));
    }
    let usage = usage_line(&mut command, usage_heading.chars().count() + 1, lang);
    command.override_usage(usage)
}

fn localise_arg(arg: Arg, path: &str, lang: Lang) -> Arg {
    let Some((_, _, help, value_name)) = entry(path, arg.get_id().as_str()) else {
        return arg;
    };
    let mut help = Message::new(help).render(lang);
    let takes_values = arg.get_action().takes_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let default = Message::new("cli.help.default").arg("value", defaults.join(", "));
        help = format!("{help} {}", default.render(lang));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !possible.is_empty() && !arg.is_hide_possible_values_set() {
        let values = Message::new("cli.help.possible").arg("values", possible.join(", "));
        help = format!("{help} {}", values.render(lang));
    }
    let heading = if arg.is_positional() {
        "cli.heading.arguments"
    } else {
        "cli.heading.options"
    };
    let arg = arg
        .help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
        .help_heading(text(heading, lang));
    match value_name {
        Some(key) if takes_values => arg.value_name(text(key, lang)),
        _ => arg,
    }
}

fn entry(
    path: &str,
    id: &str,
) -> Option<(
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
)> {
    let find = |p: &str| {
        ARGS.iter()
            .find(|(c, a, _, _)| *c == p && *a == id)
            .copied()
    };
    find(path).or_else(|| find("*"))
}

/// clap's usage line with its English words translated, each further line indented under
/// the first after a heading `indent` wide. `renja [OPTIONS] [FILES]... [COMMAND]` reads as
/// if a command could follow the files; it is shown as the two ways to run renja it means.
fn usage_line(command: &mut Command, indent: usize, lang: Lang) -> String {
    let rendered = command.render_usage().to_string();
    let mut lines: Vec<String> = Vec::new();
    for line in rendered.lines() {
        let line = line.trim().trim_start_matches("Usage:").trim();
        match line.strip_suffix(" [COMMAND]") {
            Some(without) => {
                let bin = without.split_whitespace().next().unwrap_or_default();
                lines.push(without.to_string());
                lines.push(format!("{bin} <COMMAND>"));
            }
            None if !line.is_empty() => lines.push(line.to_string()),
            None => {}
        }
    }
    let lines: Vec<String> = lines
        .iter()
        .map(|line| {
            line.replace("[OPTIONS]", &text("cli.usage.options", lang))
                .replace("<COMMAND>", &text("cli.usage.command", lang))
        })
        .collect();
    lines.join(&format!("\n{}", " ".repeat(indent)))
}

/// A usage error (or a help or version request) as renja prints it, in `lang`: what is wrong,
/// clap's suggestion if it has one, the usage line and where to read more. Help and version
/// are clap's own output of the translated command.
pub fn render_error(error: &clap::Error, lang: Lang, fallback_usage: Option<&str>) -> String {
    let get = |kind: ContextKind| error.get(kind).map(plain);
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let what = match error.kind() {
        ErrorKind::UnknownArgument => Message::new("cli.error.unknown-argument").arg("arg", &arg),
        ErrorKind::InvalidSubcommand => Message::new("cli.error.invalid-subcommand").arg(
            "arg",
            get(ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::InvalidValue => Message::new("cli.error.invalid-value")
            .arg("value", &value)
            .arg("arg", &arg),
        ErrorKind::ValueValidation => Message::new("cli.error.value-validation")
            .arg("value", &value)
            .arg("arg", &arg)
            .arg_message("cause", cause(error)),
        ErrorKind::MissingRequiredArgument => {
            Message::new("cli.error.missing-argument").arg("arg", &arg)
        }
        ErrorKind::ArgumentConflict => Message::new("cli.error.conflict")
            .arg("arg", &arg)
            .arg("prior", get(ContextKind::PriorArg).unwrap_or_default()),
        ErrorKind::MissingSubcommand => Message::new("cli.error.missing-subcommand"),
        ErrorKind::NoEquals => Message::new("cli.error.no-equals").arg("arg", &arg),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            Message::new("cli.error.number-of-values").arg("arg", &arg)
        }
        ErrorKind::InvalidUtf8 => Message::new("cli.error.invalid-utf8"),
        _ => Message::new("cli.error.other").arg("cause", first_line(&error.to_string())),
    };
    let mut out = format!("renja: {}", what.render(lang));
    let valid = get(ContextKind::ValidValue).filter(|_| error.kind() == ErrorKind::InvalidValue);
    if let Some(values) = valid {
        let line = Message::new("cli.error.possible").arg("values", values);
        out.push_str(&format!("\n  {}", line.render(lang)));
    }
    let suggestion = get(ContextKind::SuggestedArg)
        .or_else(|| get(ContextKind::SuggestedSubcommand))
        .or_else(|| get(ContextKind::SuggestedValue));
    if let Some(suggestion) = suggestion {
        let line = Message::new("cli.error.suggestion").arg("suggestion", suggestion);
        out.push_str(&format!("\n  {}", line.render(lang)));
    }
    let usage = get(ContextKind::Usage).or_else(|| fallback_usage.map(str::to_string));
    if let Some(usage) = usage {
        let heading = text("cli.heading.usage", lang);
        let indent = " ".repeat(heading.chars().count() + 1);
        let lines: Vec<&str> = usage
            .lines()
            .map(|l| l.trim().trim_start_matches("Usage:").trim())
            .filter(|l| !l.is_empty())
            .collect();
        out.push_str(&format!(
            "\n\n{heading} {}",
            lines.join(&format!("\n{indent}"))
        ));
        let command: Vec<&str> = lines
            .first()
            .map(|l| {
                l.split_whitespace()
                    .take_while(|w| !w.starts_with(['[', '<']))
                    .collect()
            })
            .unwrap_or_default();
        let more = Message::new("cli.error.more").arg("command", command.join(" "));
        out.push_str(&format!("\n\n{}", more.render(lang)));
    }
    out
}

/// The usage line of the command `args` name (`renja check …` → check's), or of renja itself:
/// for the errors clap gives without one.
pub fn usage_of(command: &Command, args: &[std::ffi::OsString]) -> Option<String> {
    let mut built = command.clone();
    built.build();
    let named = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| built.find_subcommand(a).is_some())
        .map(str::to_string);
    let usage = match named {
        Some(name) => built.find_subcommand_mut(&name)?.render_usage(),
        None => built.render_usage(),
    };
    Some(usage.to_string())
}

/// A flag of drop mode (`--force`, `-q`, …) written before a command: `renja -q check F`.
/// clap would take it for drop mode and silently drop it; renja says where it belongs.
/// `--lang` and the limits are shared by every command and may stand anywhere.
pub fn drop_flag_before_command(command: &Command, matches: &clap::ArgMatches) -> Option<Message> {
    let (name, _) = matches.subcommand()?;
    let flag = command
        .get_arguments()
        .filter(|arg| !arg.is_global_set() && !arg.is_positional())
        .find(|arg| {
            matches.value_source(arg.get_id().as_str())
                == Some(clap::parser::ValueSource::CommandLine)
        })?;
    let shown = flag
        .get_long()
        .map(|l| format!("--{l}"))
        .unwrap_or_else(|| flag.get_id().to_string());
    Some(
        Message::new("cli.error.flag-before-command")
            .arg("arg", shown)
            .arg("command", name),
    )
}

/// Why a value was refused: our own message for our own parsers, else the parser's words
/// (the standard library's, in English) in brackets after a sentence of ours.
fn cause(error: &clap::Error) -> Message {
    let source = std::error::Error::source(error);
    match source.and_then(|s| s.downcast_ref::<super::size::SizeError>()) {
        Some(size) => size.message(),
        None => Message::new("cli.error.cause")
            .arg("cause", source.map(|s| s.to_string()).unwrap_or_default()),
    }
}

fn plain(value: &ContextValue) -> String {
    match value {
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn each_argument(command: &Command, path: &str, seen: &mut Vec<(String, String, bool)>) {
        for arg in command.get_arguments() {
            seen.push((
                path.to_string(),
                arg.get_id().to_string(),
                arg.get_action().takes_values(),
            ));
        }
        for sub in command.get_subcommands() {
            each_argument(sub, sub.get_name(), seen);
        }
    }

    #[test]
    fn every_flag_of_every_command_has_words_in_the_catalogue() {
        let mut command = super::super::Cli::command();
        command.build();
        let mut seen = Vec::new();
        each_argument(&command, "", &mut seen);
        assert!(seen.len() > 40, "{seen:?}");
        for (path, id, takes_values) in seen {
            let found = entry(&path, &id);
            assert!(found.is_some(), "no help text for {path} {id}");
            let (_, _, help, value_name) = found.unwrap();
            for lang in [Lang::Id, Lang::En] {
                assert_ne!(text(help, lang), help, "{help} missing from the catalogue");
            }
            assert!(
                !takes_values || value_name.is_some(),
                "no value name for {path} {id}"
            );
        }
        for (_, about, after) in ABOUT {
            assert_ne!(text(about, Lang::Id), *about);
            if let Some(after) = after {
                assert_ne!(text(after, Lang::Id), *after);
            }
        }
    }

    #[test]
    fn help_has_no_english_left_in_indonesian() {
        let mut command = localised(super::super::Cli::command(), Lang::Id);
        let top = command.render_help().to_string();
        assert!(
            top.contains("Penggunaan: renja [OPSI] [BERKAS]..."),
            "{top}"
        );
        assert!(top.contains("\n            renja <PERINTAH>"), "{top}");
        for english in ["Usage", "Options", "Arguments", "Commands", "Print"] {
            assert!(!top.contains(english), "{english}:\n{top}");
        }
    }

    #[test]
    fn a_usage_error_names_the_flag_the_usage_and_where_to_read_more() {
        let command = localised(super::super::Cli::command(), Lang::Id);
        let error = command
            .try_get_matches_from(["renja", "clean", "a.xlsx", "--al"])
            .unwrap_err();
        let text = render_error(&error, Lang::Id, None);
        assert_eq!(
            text,
            "renja: argumen tidak dikenal: '--al'\n  saran: mungkin maksud Anda '--all'\n\n\
             Penggunaan: renja clean [OPSI] <BERKAS>\n\n\
             Keterangan lebih lanjut: renja clean --help"
        );
    }
}
