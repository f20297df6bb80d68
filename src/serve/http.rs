//! What `renja serve` needs from HTTP beyond what hyper does: reading an upload within the
//! limits — `--max-upload` (a `Content-Length` above it is refused before a byte of the body
//! is read or a byte of memory reserved), the global upload budget (`UploadBudget`), silence
//! from the client (`--read-timeout`) and a deadline for the whole request — and the small
//! request and response types the routes work with. hyper parses the request line, headers,
//! `Content-Length` and chunked bodies and answers `Expect: 100-continue` when the body is
//! first read. Knows nothing of workbooks or routes.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::{Bytes, Incoming};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// What one request may cost.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest body accepted, in bytes.
    pub max_body: u64,
    /// Longest wait for the next bytes from the client.
    pub idle: Duration,
    /// Longest time reading one whole request may take.
    pub deadline: Duration,
}

/// A request read in full.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The path without the query, percent-encoding untouched (`/api/check`).
    pub path: String,
    /// The query string after `?`, or empty.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The share of the upload budget the body holds, given back when the request is dropped
    /// (after its answer: the bytes go on into the pipeline). Never read: held for its drop.
    #[allow(dead_code)]
    pub held: Option<UploadPermit>,
}

impl Request {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of `name` in the query string, percent-decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k == name).then(|| percent_decode(v))
        })
    }
}

/// Why a request could not be read. The head (method, path, headers) is kept where it was
/// read, so the answer can name the file.
#[derive(Debug)]
pub enum ReadFailure {
    /// `Content-Length` (or, for a chunked body, the bytes so far) above
    /// [`Limits::max_body`]; the rest of the body is not read.
    TooLarge { head: Head, length: u64 },
    /// The client went quiet for [`Limits::idle`] or the request passed [`Limits::deadline`];
    /// `None` while the head itself was still being sent.
    TimedOut(Option<Head>),
    /// The uploads already in memory hold the whole budget, and not enough was given back
    /// within the idle timeout.
    Busy(Head),
    /// The client closed the connection, or sent a broken body: nobody to answer.
    Gone,
}

/// A request line and its headers, before the body.
#[derive(Debug, Default)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Head {
    fn of(parts: &hyper::http::request::Parts) -> Head {
        Head {
            method: parts.method.as_str().to_string(),
            target: parts
                .uri
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_string(),
            headers: parts
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).trim().to_string();
                    (name.as_str().to_string(), value)
                })
                .collect(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A request that could not be read, and its body when the client may still be sending it.
pub struct Refusal {
    pub failure: ReadFailure,
    pub unread: Option<Incoming>,
}

/// The memory all uploads held at once may take (`--max-upload-memory`). A request reserves
/// its declared `Content-Length` (a chunked one `--max-upload`, trimmed to what came) before
/// reading its body, waiting its turn while the budget is spent, so uploads in memory never
/// pass the budget and none holds part of it while waiting for the rest. Counted in KiB.
pub struct UploadBudget {
    kib: Arc<Semaphore>,
    total: u64,
}

/// A share of the [`UploadBudget`], given back when dropped.
#[derive(Debug)]
pub struct UploadPermit(#[allow(dead_code)] OwnedSemaphorePermit);

impl UploadBudget {
    pub fn new(bytes: u64) -> UploadBudget {
        let total = kib(bytes);
        UploadBudget {
            kib: Arc::new(Semaphore::new(total as usize)),
            total: total.into(),
        }
    }

    /// Waits for `bytes` of the budget; `None` when the budget could never hold them.
    async fn reserve(&self, bytes: u64) -> Option<OwnedSemaphorePermit> {
        if u64::from(kib(bytes)) > self.total {
            return None;
        }
        Arc::clone(&self.kib)
            .acquire_many_owned(kib(bytes))
            .await
            .ok()
    }
}

/// Bytes in whole KiB, at least one.
fn kib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1024).max(1)).unwrap_or(u32::MAX)
}

/// Reads the request's body within `limits` and `budget`.
///
/// # Errors
/// A [`Refusal`] saying why, holding the unread body where the client may still be sending.
pub async fn read_request(
    request: hyper::Request<Incoming>,
    limits: &Limits,
    budget: &UploadBudget,
) -> Result<Request, Refusal> {
    let deadline = Instant::now() + limits.deadline;
    let (parts, mut body) = request.into_parts();
    let head = Head::of(&parts);
    let refuse = |failure, unread| Err(Refusal { failure, unread });
    let declared = match head.header("Content-Length") {
        Some(text) => text.parse::<u64>().ok(),
        // No Content-Length and no Transfer-Encoding: no body.
        None if head.header("Transfer-Encoding").is_none() => Some(0),
        None => None,
    };
    if let Some(length) = declared.filter(|l| *l > limits.max_body) {
        return refuse(ReadFailure::TooLarge { head, length }, Some(body));
    }
    let reserved = declared.unwrap_or(limits.max_body);
    // Waiting for room is silence too: past the idle timeout the client hears 503.
    let room = (Instant::now() + limits.idle).min(deadline);
    let mut permit = match tokio::time::timeout_at(room, budget.reserve(reserved)).await {
        Ok(Some(permit)) => permit,
        _ => return refuse(ReadFailure::Busy(head), Some(body)),
    };
    // Memory grows as bytes arrive, never past what was reserved.
    let mut bytes: Vec<u8> = Vec::with_capacity(reserved.min(64 * 1024) as usize);
    loop {
        let wait = limits
            .idle
            .min(deadline.saturating_duration_since(Instant::now()));
        let frame = match tokio::time::timeout(wait, body.frame()).await {
            Ok(Some(Ok(frame))) => frame,
            Ok(Some(Err(_))) => return refuse(ReadFailure::Gone, None),
            Ok(None) => break,
            Err(_) => return refuse(ReadFailure::TimedOut(Some(head)), None),
        };
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        let length = (bytes.len() + data.len()) as u64;
        if length > limits.max_body {
            return refuse(ReadFailure::TooLarge { head, length }, Some(body));
        }
        append(&mut bytes, &data, reserved);
    }
    if declared.is_none() {
        // A chunked body reserved the most an upload may be: keep what it needs.
        if let Some(kept) = permit.split(kib(bytes.len() as u64) as usize) {
            permit = kept;
        }
    }
    let (path, query) = match head.target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (head.target.clone(), String::new()),
    };
    Ok(Request {
        method: head.method,
        path,
        query,
        headers: head.headers,
        body: bytes,
        held: Some(UploadPermit(permit)),
    })
}

/// Appends `data`, growing the buffer by doubling but never past `cap`.
fn append(bytes: &mut Vec<u8>, data: &Bytes, cap: u64) {
    let needed = bytes.len() + data.len();
    if needed > bytes.capacity() {
        let grown = (bytes.capacity() * 2).max(needed);
        let target = grown
            .min(usize::try_from(cap).unwrap_or(usize::MAX))
            .max(needed);
        bytes.reserve_exact(target - bytes.len());
    }
    bytes.extend_from_slice(data);
}

/// Reads and drops what a refused client still sends, until it has sent it all, goes quiet
/// for half a second, or five seconds have passed: closing a connection with unread bytes
/// resets it, and the client would never see the answer.
pub async fn drain(mut body: Incoming) {
    let until = Instant::now() + Duration::from_secs(5);
    loop {
        let quiet = (Instant::now() + Duration::from_millis(500)).min(until);
        match tokio::time::timeout_at(quiet, body.frame()).await {
            Ok(Some(Ok(_))) => {}
            _ => return,
        }
    }
}

/// An answer: status, headers and the whole body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
        }
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The answer as hyper sends it.
    pub fn into_hyper(self) -> hyper::Response<http_body_util::Full<Bytes>> {
        let mut response = hyper::Response::new(http_body_util::Full::new(Bytes::from(self.body)));
        *response.status_mut() = hyper::StatusCode::from_u16(self.status)
            .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in self.headers {
            if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }

    /// The answer as bytes on the wire, for the one case hyper cannot answer: a client that
    /// never finished sending its head (hyper only closes such a connection).
    pub fn to_wire(&self) -> Vec<u8> {
        let reason = hyper::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        let mut head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n",
            self.status,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut wire = head.into_bytes();
        wire.extend_from_slice(&self.body);
        wire
    }
}

/// `%20`-style decoding (and `+` as space, as forms send it); invalid escapes stay as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// Encodes a file name for `filename*=UTF-8''…` in `Content-Disposition` (RFC 5987).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_coding_round_trips_indonesian_names() {
        let name = "Renja 2025 (revisi) – Dinas.xlsx";
        assert_eq!(percent_decode(&percent_encode(name)), name);
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("a+b%41"), "a bA");
    }

    #[test]
    fn the_buffer_grows_by_doubling_up_to_what_was_reserved() {
        let mut bytes = Vec::with_capacity(4);
        append(&mut bytes, &Bytes::from_static(b"abcdef"), 10);
        assert_eq!(bytes.capacity(), 8);
        append(&mut bytes, &Bytes::from_static(b"ghij"), 10);
        assert_eq!((bytes.len(), bytes.capacity()), (10, 10));
    }

    #[test]
    fn the_budget_is_counted_in_whole_kib_and_refuses_what_it_cannot_hold() {
        assert_eq!(kib(0), 1);
        assert_eq!(kib(1025), 2);
        let budget = UploadBudget::new(10 * 1024);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let first = budget.reserve(6 * 1024).await.expect("6 of 10 KiB");
            assert!(
                budget.reserve(11 * 1024).await.is_none(),
                "past the whole budget"
            );
            let second = tokio::time::timeout(Duration::from_millis(50), budget.reserve(6 * 1024));
            assert!(second.await.is_err(), "waits while 6 of 10 KiB are held");
            drop(first);
            assert!(budget.reserve(6 * 1024).await.is_some());
        });
    }

    #[test]
    fn a_canned_answer_is_a_whole_http_response() {
        let wire = Response::new(408, "application/json", "{}").to_wire();
        let text = String::from_utf8(wire).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
            "{text}"
        );
        assert!(text.contains("Content-Length: 2\r\n") && text.ends_with("\r\n\r\n{}"));
    }
}
