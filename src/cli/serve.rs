//! `renja serve`: the web page staff drop files onto, and the HTTP API for scripts. Turns the
//! flags into a [`ServeConfig`] (holding the same library `Options` as `check` and `clean`) and
//! hands over to `renja::serve`; prints the address on the first line of standard output.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::Args;

use super::args::CommonArgs;
use super::outcome::{localised, Outcome};
use super::size::parse_size;
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
        options: args.common.options()?,
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
