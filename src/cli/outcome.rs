//! How a command ends: its [`Outcome`] (mapped to the exit code by `cli::exit_code`), or an
//! error whose text is already in the user's language.

use renja::atomic::WriteError;
use renja::messages::{Lang, Message};

/// How a run ended, mapped to the exit code: 0 clean, 1 findings at or above the threshold,
/// 2 could not read or write.
pub enum Outcome {
    Clean,
    Findings,
    /// Some inputs could not be read or written; the others were processed (batch).
    Failed,
}

/// A library error as an anyhow error whose text is in the user's language.
pub fn localised(message: Message, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!(message.render(lang))
}

/// A write error as the command line says it: an existing output also names the flag that
/// overwrites it (the library's message cannot know the flags of its front doors).
pub fn write_failure(e: &WriteError, lang: Lang) -> anyhow::Error {
    let mut text = e.message().render(lang);
    if matches!(e, WriteError::Exists { .. }) {
        text.push(' ');
        text.push_str(&Message::new("cli.force-hint").render(lang));
    }
    anyhow::anyhow!(text)
}
