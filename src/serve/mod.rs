//! `renja serve`: a small web front door for staff who would rather drop a file on a page than
//! type a command. HTTP is hyper's (HTTP/1.1, one request per connection), on a tokio runtime
//! with one thread: it accepts at most `max_connections` connections at once, reads each
//! request within the upload limit, the upload budget and the timeouts (`http`), hands it to
//! one of the `workers` threads to be checked through [`crate::pipeline`], and answers;
//! nothing is kept afterwards. Reading is kept apart from checking so that clients that send
//! half a request and stall hold a cheap task until their timeout, never a worker, and the
//! CPU-bound pipeline never runs on the runtime's thread.
//!
//! Holds no domain logic: the routes in `api` call `pipeline::check_bytes`,
//! the JSON `report::Exporter` and `write::cleaned_bytes`, exactly as `renja check` and
//! `renja clean` do, with the same [`Options`].

mod api;
mod config;
mod http;
mod page;
mod request;
mod workers;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use thiserror::Error;
use tokio::io::AsyncWriteExt;
use tokio::sync::{Notify, Semaphore};

use crate::messages::Message;
pub use config::ServeConfig;
use http::UploadBudget;
use workers::Workers;

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
        crate::codes::lists::CodeLists::index_embedded();
        let bind_error = |cause| ServeError::Bind {
            addr: config.addr,
            cause,
        };
        let listener = TcpListener::bind(config.addr).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
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

    /// Serves until the process ends.
    pub fn run(self) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("the async runtime starts");
        let shared = Arc::new(Shared {
            budget: UploadBudget::new(self.config.max_upload_memory.max(self.config.max_upload)),
            workers: Workers::start(self.config.workers),
            config: self.config,
        });
        runtime.block_on(accept_loop(self.listener, shared));
    }
}

/// What every connection's task shares.
struct Shared {
    config: Arc<ServeConfig>,
    workers: Workers,
    budget: UploadBudget,
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let connections = Arc::new(Semaphore::new(shared.config.max_connections.max(1)));
    loop {
        // A connection past the limit waits in the listen queue, not in renja.
        let Ok(slot) = Arc::clone(&connections).acquire_owned().await else {
            return;
        };
        match listener.accept().await {
            Ok((stream, _)) => {
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    serve_connection(stream, &shared).await;
                    drop(slot);
                });
            }
            // Out of file descriptors and the like: wait instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// Serves the one request of a connection. hyper reads the head; a client that has not sent
/// a whole head within the idle timeout gets the 408 from here, as hyper would only close.
async fn serve_connection(stream: tokio::net::TcpStream, shared: &Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    // A second handle on the socket, for the 408 once hyper has let go of it.
    let Ok(std_stream) = stream.into_std() else {
        return;
    };
    let spare = std_stream.try_clone();
    let Ok(stream) = tokio::net::TcpStream::from_std(std_stream) else {
        return;
    };
    let mut io = tokio_io_timeout::TimeoutStream::new(stream);
    // A client that stops reading its answer cannot hold the connection for ever.
    io.set_write_timeout(Some(Duration::from_secs(30)));
    let head_read = Arc::new(Notify::new());
    let service = {
        let (shared, head_read) = (Arc::clone(shared), Arc::clone(&head_read));
        hyper::service::service_fn(move |request| {
            head_read.notify_one();
            let shared = Arc::clone(&shared);
            async move { serve_request(request, &shared).await }
        })
    };
    let mut connection = Box::pin(
        hyper::server::conn::http1::Builder::new()
            .keep_alive(false)
            .header_read_timeout(None)
            .serve_connection(hyper_util::rt::TokioIo::new(Box::pin(io)), service),
    );
    let idle = shared.config.idle_timeout;
    let head_in_time = tokio::select! {
        _ = &mut connection => return,
        read = tokio::time::timeout(idle, head_read.notified()) => read.is_ok(),
    };
    if head_in_time {
        let _ = connection.await;
        return;
    }
    // hyper lets go of its handle; the answer goes out on the spare one.
    drop(connection);
    let (Ok(spare), Some((answer, _))) = (
        spare,
        api::refuse(http::ReadFailure::TimedOut(None), &shared.config),
    ) else {
        return;
    };
    if let Ok(mut spare) = tokio::net::TcpStream::from_std(spare) {
        let wire = with_security_headers(answer).to_wire();
        let _ = tokio::time::timeout(Duration::from_secs(5), spare.write_all(&wire)).await;
        let _ = spare.shutdown().await;
    }
}

/// The client left or sent a broken request: hyper closes the connection, nothing to answer.
#[derive(Debug, Error)]
#[error("client gone")]
struct Gone;

/// Reads one request, answers it through `api`.
async fn serve_request(
    request: hyper::Request<Incoming>,
    shared: &Shared,
) -> Result<hyper::Response<http_body_util::Full<hyper::body::Bytes>>, Gone> {
    let config = &shared.config;
    let limits = http::Limits {
        max_body: config.max_upload,
        idle: config.idle_timeout,
        deadline: config.request_deadline(),
    };
    let response = match http::read_request(request, &limits, &shared.budget).await {
        Ok(request) => api::respond(request, config, &shared.workers).await,
        Err(refusal) => {
            let Some((response, drain)) = api::refuse(refusal.failure, config) else {
                return Err(Gone);
            };
            if let (true, Some(body)) = (drain, refusal.unread) {
                tokio::spawn(http::drain(body));
            }
            response
        }
    };
    Ok(with_security_headers(response).into_hyper())
}

fn with_security_headers(response: http::Response) -> http::Response {
    response
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Cache-Control", "no-store")
        .with_header("Referrer-Policy", "no-referrer")
}
