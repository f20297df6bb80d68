//! `renja serve`: a small web front door for staff who would rather drop a file on a page than
//! type a command. A fixed set of connection threads accepts on one listener; each reads its
//! request in memory within the upload limit and the timeouts, hands it to one of the
//! `workers` threads to be checked through [`crate::pipeline`], and answers; nothing is kept
//! afterwards. Reading is kept apart from checking so that clients that send half a request
//! and stall hold a cheap connection thread until their timeout, never a worker: as many
//! stalled clients as there are workers would otherwise keep everyone else waiting.
//!
//! Holds no domain logic: the routes in `api` call `pipeline::check_bytes`,
//! the JSON `report::Exporter` and `write::cleaned_bytes`, exactly as `renja check` and
//! `renja clean` do, with the same [`Options`].

mod api;
mod http;
mod page;
mod workers;

use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;

use crate::messages::{Lang, Message};
use crate::pipeline::Options;
use workers::Workers;

/// How the server runs, built once from the command line.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// Where to listen; loopback unless the user binds elsewhere. Port 0 picks a free port.
    pub addr: SocketAddr,
    /// The same options `check` and `clean` build; the language is the default for requests
    /// that ask for none.
    pub options: Options,
    /// Largest upload accepted, in bytes (413 above it).
    pub max_upload: u64,
    /// Requests checked at the same time, each on a worker thread; further requests, already
    /// read, wait their turn.
    pub workers: usize,
    /// Connections read at the same time; further connections wait to be accepted. Each
    /// holds at most one upload in memory, so uploads in memory stay under this many times
    /// `max_upload`.
    pub max_connections: usize,
    /// Longest silence from a client while it sends a request (408 after it).
    pub idle_timeout: Duration,
}

impl ServeConfig {
    /// Longest time one upload may take in all, however steadily it trickles in.
    fn request_deadline(&self) -> Duration {
        self.idle_timeout * 10
    }
}

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The address is in use (another renja serve?) or not an address of this computer.
    #[error("cannot listen on {addr}: {cause}")]
    Bind {
        addr: SocketAddr,
        cause: std::io::Error,
    },
}

impl ServeError {
    pub fn message(&self) -> Message {
        match self {
            ServeError::Bind { addr, cause } => Message::new("serve.bind-failed")
                .arg("addr", addr)
                .arg("cause", cause),
        }
    }
}

/// A bound, not yet running server.
pub struct Server {
    listener: TcpListener,
    config: Arc<ServeConfig>,
}

impl Server {
    /// Opens the listening socket.
    ///
    /// # Errors
    /// [`ServeError::Bind`] when the address is taken or not local.
    pub fn bind(config: ServeConfig) -> Result<Server, ServeError> {
        crate::codes::lists::CodeLists::unpack_embedded();
        let listener = TcpListener::bind(config.addr).map_err(|cause| ServeError::Bind {
            addr: config.addr,
            cause,
        })?;
        Ok(Server {
            listener,
            config: Arc::new(config),
        })
    }

    /// The address actually bound (the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or(self.config.addr)
    }

    /// The page's address, for people and browsers.
    pub fn url(&self) -> String {
        let addr = self.local_addr();
        match addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
            IpAddr::V6(ip) if ip.is_unspecified() => format!("http://[::1]:{}/", addr.port()),
            _ => format!("http://{addr}/"),
        }
    }

    /// Serves until the process ends. Each connection thread accepts its own connections, so
    /// a slow client holds one connection thread, at most until its timeout, and no worker.
    pub fn run(self) {
        let listener = Arc::new(self.listener);
        let workers = Arc::new(Workers::start(self.config.workers));
        let threads: Vec<_> = (0..self.config.max_connections.max(1))
            .map(|i| {
                let listener = Arc::clone(&listener);
                let config = Arc::clone(&self.config);
                let workers = Arc::clone(&workers);
                std::thread::Builder::new()
                    .name(format!("renja-serve-{i}"))
                    .spawn(move || accept_loop(&listener, &config, &workers))
                    .expect("spawn connection thread")
            })
            .collect();
        for thread in threads {
            let _ = thread.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, config: &ServeConfig, workers: &Workers) {
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                // A panic here is a bug in renja; the pipeline's own panics are already turned
                // into a 500 in `api`. Either way this thread keeps serving.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    serve_connection(stream, config, workers)
                }));
            }
            // Out of file descriptors and the like: wait instead of spinning.
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn serve_connection(mut stream: TcpStream, config: &ServeConfig, workers: &Workers) {
    let _ = stream.set_nodelay(true);
    let limits = http::Limits {
        max_body: config.max_upload,
        idle: config.idle_timeout,
        deadline: config.request_deadline(),
    };
    let (response, drain) = match http::read_request(&mut stream, &limits) {
        Ok(request) => (api::respond(request, config, workers), false),
        Err(failure) => match api::refuse(failure, config) {
            Some(answer) => answer,
            None => return,
        },
    };
    let response = response
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Cache-Control", "no-store")
        .with_header("Referrer-Policy", "no-referrer");
    let _ = http::write_response(stream, &response, drain);
}

/// The language a request asks for: `?lang=`, else the first `Accept-Language` renja speaks,
/// else the server's `--lang`.
fn request_lang(query_lang: Option<&str>, accept_language: Option<&str>, default: Lang) -> Lang {
    if let Some(lang) = query_lang.and_then(Lang::parse) {
        return lang;
    }
    accept_language
        .into_iter()
        .flat_map(|list| list.split(','))
        .filter_map(|tag| {
            let tag = tag.split(';').next().unwrap_or_default().trim();
            Lang::parse(tag.split('-').next().unwrap_or_default())
        })
        .next()
        .unwrap_or(default)
}

/// A file name from the client, reduced to its last path component (no folders, no `..`).
fn upload_name(header: Option<&str>) -> String {
    let decoded = header.map(http::percent_decode).unwrap_or_default();
    let base = decoded
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    if base.is_empty() || base == "." || base == ".." {
        "workbook.xlsx".to_string()
    } else {
        base
    }
}

/// Whether the `Host` a browser sent names this computer, so a web page elsewhere cannot
/// reach a loopback-only server through a DNS name that points here (DNS rebinding).
fn host_is_local(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_wins_then_accept_language_then_default() {
        assert_eq!(request_lang(Some("en"), Some("id"), Lang::Id), Lang::En);
        assert_eq!(
            request_lang(None, Some("fr-FR,en-US;q=0.8"), Lang::Id),
            Lang::En
        );
        assert_eq!(
            request_lang(None, Some("id-ID,id;q=0.9,en;q=0.5"), Lang::En),
            Lang::Id
        );
        assert_eq!(request_lang(None, Some("fr"), Lang::En), Lang::En);
        assert_eq!(request_lang(Some("xx"), None, Lang::Id), Lang::Id);
    }

    #[test]
    fn upload_names_lose_their_folders() {
        assert_eq!(upload_name(Some("Renja%202025.xlsx")), "Renja 2025.xlsx");
        assert_eq!(upload_name(Some("..%2F..%2Fetc%2Fpasswd")), "passwd");
        assert_eq!(upload_name(Some("C:\\Users\\a\\b.xls")), "b.xls");
        assert_eq!(upload_name(Some("..")), "workbook.xlsx");
        assert_eq!(upload_name(None), "workbook.xlsx");
    }

    #[test]
    fn only_local_hosts_pass_on_loopback() {
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "[::1]:8080",
            "localhost",
        ] {
            assert!(host_is_local(Some(ok)), "{ok}");
        }
        for bad in ["evil.example:8080", "192.168.1.5:8080", "[fe80::1]:80"] {
            assert!(!host_is_local(Some(bad)), "{bad}");
        }
    }
}
