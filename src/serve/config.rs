//! How the server runs: its address, its limits, its workers, built once from the command line.

use std::net::SocketAddr;
use std::time::Duration;

use crate::pipeline::Options;

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
    /// Memory all uploads held at once may take, in bytes: a request waits for its share
    /// before its body is read (503 when none comes within `idle_timeout`). At least
    /// `max_upload`.
    pub max_upload_memory: u64,
    /// Requests checked at the same time, each on a worker thread; further requests, already
    /// read, wait their turn.
    pub workers: usize,
    /// Connections served at the same time; further connections wait to be accepted.
    pub max_connections: usize,
    /// Longest silence from a client while it sends a request (408 after it).
    pub idle_timeout: Duration,
}

impl ServeConfig {
    /// Longest time one upload may take in all, however steadily it trickles in.
    pub(super) fn request_deadline(&self) -> Duration {
        self.idle_timeout * 10
    }

    /// The upload budget when none is given: room for two uploads of the largest size per
    /// worker (one being checked, one waiting), which keeps every worker busy; more held at
    /// once would only wait longer.
    pub fn default_upload_memory(max_upload: u64, workers: usize) -> u64 {
        max_upload.saturating_mul(2 * workers.max(1) as u64)
    }
}
