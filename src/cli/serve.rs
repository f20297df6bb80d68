//! `renja serve`: the web page staff drop files onto, and the HTTP API for scripts. Turns the
//! flags into a [`ServeConfig`] (holding the same library `Options` as `check` and `clean`) and
//! hands over to `renja::serve`; prints the address on the first line of standard output.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::Args;

use super::{localised, CommonArgs, Outcome};
use renja::messages::{Lang, Message};
use renja::serve::{ServeConfig, Server};

/// `renja serve`: its help texts are the catalogue's `cli.serve.*` entries.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// 0 picks a free port; the address is printed on the first line.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Only this computer by default; another address lets the network in.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    #[arg(long)]
    pub open: bool,
    #[arg(long, default_value = "50MB", value_parser = parse_size)]
    pub max_upload: u64,
    /// Seconds a client may stay silent while sending a request (HTTP 408 after it).
    #[arg(long, default_value_t = 30)]
    pub read_timeout: u64,
    /// Requests checked at the same time; more wait their turn, their upload already read.
    #[arg(long, default_value_t = 8)]
    pub workers: usize,
    /// Connections served at the same time; more wait to be accepted. A client that stalls
    /// holds one of these until its timeout, never a worker.
    #[arg(long, default_value_t = 32)]
    pub max_connections: usize,
    /// Memory all uploads held at once may take, e.g. 800MB; a request past it waits for room
    /// (HTTP 503 if none comes within --read-timeout). Default: 2 × --workers × --max-upload.
    #[arg(long, value_parser = parse_size)]
    pub max_upload_memory: Option<u64>,
    #[command(flatten)]
    pub common: CommonArgs,
}

pub fn run(args: ServeArgs) -> anyhow::Result<Outcome> {
    let lang = args.common.lang();
    let config = ServeConfig {
        addr: SocketAddr::new(args.bind, args.port),
        options: args.common.options(),
        max_upload: args.max_upload,
        max_upload_memory: args
            .max_upload_memory
            .unwrap_or_else(|| ServeConfig::default_upload_memory(args.max_upload, args.workers))
            .max(args.max_upload),
        workers: args.workers.max(1),
        max_connections: args.max_connections.max(1),
        idle_timeout: Duration::from_secs(args.read_timeout.max(1)),
    };
    let server = Server::bind(config).map_err(|e| localised(e.message(), lang))?;
    let url = server.url();
    // Best effort: a closed standard output (a script that read the address and went away)
    // must not stop the server.
    let _ = announce(&url, &server, args.bind.is_loopback(), lang);
    if args.open {
        if let Err(cause) = opener::open_browser(&url) {
            eprintln!(
                "{}",
                Message::new("serve.open-failed")
                    .arg("cause", cause)
                    .arg("url", &url)
                    .render(lang)
            );
        }
    }
    server.run();
    Ok(Outcome::Clean)
}

/// Prints the address on the first line (tests and scripts read it), then how to use it.
fn announce(url: &str, server: &Server, loopback: bool, lang: Lang) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{}",
        Message::new("serve.listening").arg("url", url).render(lang)
    )?;
    if !loopback {
        writeln!(
            stdout,
            "{}",
            Message::new("serve.not-loopback")
                .arg("addr", server.local_addr())
                .render(lang)
        )?;
    }
    writeln!(stdout, "{}", Message::new("serve.stop-hint").render(lang))?;
    stdout.flush()
}

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
pub(super) fn parse_size(text: &str) -> Result<u64, SizeError> {
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
