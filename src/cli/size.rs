//! Sizes as people type them on the command line (`50MB`, `1.5 GB`, `512MiB`), for
//! `--max-upload`, `--max-upload-memory` and `--max-memory`.

use renja::messages::{Lang, Message};

/// Why a size (`--max-upload`, `--max-memory`) was refused; rendered in the user's language by `help.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeError {
    /// `lima`, `.`: no number in front.
    NotASize(String),
    /// `5TB`, `5 ons`: a unit other than B, KB, MB, GB.
    UnknownUnit(String),
}

impl SizeError {
    pub fn message(&self) -> Message {
        match self {
            SizeError::NotASize(text) => Message::new("cli.size.not-a-size").arg("text", text),
            SizeError::UnknownUnit(unit) => Message::new("cli.size.unknown-unit").arg("unit", unit),
        }
    }
}

impl std::fmt::Display for SizeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().render(Lang::En))
    }
}

impl std::error::Error for SizeError {}

/// `50MB`, `50 MB`, `1.5GB`, `512KB`, `1000` (bytes); decimal units as people read them, and
/// binary ones as memory is counted (`512MiB`, `1GiB`).
pub fn parse_size(text: &str) -> Result<u64, SizeError> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| SizeError::NotASize(text.to_string()))?;
    let scale = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1.0,
        "K" | "KB" => 1e3,
        "M" | "MB" => 1e6,
        "G" | "GB" => 1e9,
        "KIB" => 1024.0,
        "MIB" => 1_048_576.0,
        "GIB" => 1_073_741_824.0,
        _ => return Err(SizeError::UnknownUnit(unit.trim().to_string())),
    };
    Ok((number * scale).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_decimal_units() {
        assert_eq!(parse_size("50MB"), Ok(50_000_000));
        assert_eq!(parse_size("1.5 GB"), Ok(1_500_000_000));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("2k"), Ok(2000));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("512 MiB"), Ok(512 << 20));
        assert_eq!(parse_size("lima"), Err(SizeError::NotASize("lima".into())));
        assert_eq!(parse_size("5 TB"), Err(SizeError::UnknownUnit("TB".into())));
    }
}
