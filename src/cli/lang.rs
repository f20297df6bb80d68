//! Which language the user asked for, known before clap parses anything: clap's own help and
//! usage errors are rendered during the parse, so the command line is translated first and
//! parsed second. `--lang` wins; else the POSIX locale variables (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`, the first one set) say English when they start with `en`; else Bahasa Indonesia,
//! which is also what a Windows console (no such variables) gets.

use std::ffi::OsString;

use renja::messages::Lang;

/// The language of the environment, for a command line without `--lang`.
pub fn from_env() -> Lang {
    from_locale(|name| std::env::var(name).ok())
}

/// `--lang X` or `--lang=X` anywhere before a `--` (the last one counts, as with clap), else
/// [`from_env`]. A value renja does not know is left for clap to refuse, in the environment's
/// language.
pub fn requested(args: &[OsString]) -> Lang {
    from_args(args).unwrap_or_else(from_env)
}

fn from_args(args: &[OsString]) -> Option<Lang> {
    let mut found = None;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            "--" => break,
            "--lang" => args.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--lang=").map(str::to_string),
        };
        match value.as_deref() {
            Some("id") => found = Some(Lang::Id),
            Some("en") => found = Some(Lang::En),
            _ => {}
        }
    }
    found
}

fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty());
    match locale {
        Some(value) if value.to_ascii_lowercase().starts_with("en") => Lang::En,
        _ => Lang::Id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("renja")
            .chain(list.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_flag_is_found_in_either_spelling_and_the_last_wins() {
        assert_eq!(
            from_args(&args(&["check", "a.xlsx", "--lang", "en"])),
            Some(Lang::En)
        );
        assert_eq!(from_args(&args(&["--lang=en", "check"])), Some(Lang::En));
        assert_eq!(
            from_args(&args(&["--lang", "en", "--lang", "id"])),
            Some(Lang::Id)
        );
        assert_eq!(from_args(&args(&["check", "a.xlsx"])), None);
        assert_eq!(from_args(&args(&["--lang", "fr"])), None);
        assert_eq!(from_args(&args(&["--", "--lang", "en"])), None);
    }

    #[test]
    fn the_locale_says_english_only_when_it_starts_with_en() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(from_locale(env(&[("LANG", "C.UTF-8")])), Lang::Id);
        assert_eq!(from_locale(env(&[("LANG", "id_ID.UTF-8")])), Lang::Id);
        assert_eq!(from_locale(env(&[])), Lang::Id);
        assert_eq!(
            from_locale(env(&[("LANG", "id_ID.UTF-8"), ("LC_ALL", "en_GB.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            from_locale(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "")])),
            Lang::En,
            "an empty variable is unset"
        );
        assert_eq!(
            from_locale(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "id_ID")])),
            Lang::Id
        );
    }
}
