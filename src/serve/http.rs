//! The small part of HTTP/1.1 that `renja serve` speaks, over `std::net`: one request per
//! connection (`Connection: close`), bodies by `Content-Length` only, `Expect: 100-continue`
//! answered. Knows nothing of workbooks or routes.
//!
//! Why not a crate: tiny_http 0.12 offers no read timeout on accepted connections (its
//! `ServerConfig` has none, its `Listener` is a closed enum, and a timeout set on the listening
//! socket makes its accept loop stop), so a half-sent upload would hold a worker for ever.
//! Here every read has an idle timeout and the whole request a deadline.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Longest request line plus headers accepted.
const MAX_HEAD: usize = 32 * 1024;

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
    /// Malformed request line or headers, or a head larger than 32 KiB.
    Malformed(String),
    /// A `Transfer-Encoding` body (chunked): only `Content-Length` bodies are read.
    LengthRequired(Head),
    /// `Content-Length` above [`Limits::max_body`]; the body is not read.
    TooLarge { head: Head, length: u64 },
    /// The client went quiet for [`Limits::idle`] or the request passed [`Limits::deadline`].
    TimedOut(Option<Head>),
    /// The client closed the connection, or another I/O error: nobody to answer.
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
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one request from `stream`, within `limits`.
pub fn read_request(stream: &mut TcpStream, limits: &Limits) -> Result<Request, ReadFailure> {
    let mut clock = Clock {
        started: Instant::now(),
        limits: *limits,
    };
    let mut buffer = Vec::with_capacity(4096);
    let head_end = loop {
        if let Some(end) = find_head_end(&buffer) {
            break end;
        }
        if buffer.len() > MAX_HEAD {
            return Err(ReadFailure::Malformed("header too large".into()));
        }
        let mut chunk = [0u8; 4096];
        match clock.read(stream, &mut chunk) {
            Ok(0) => return Err(ReadFailure::Gone),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if is_timeout(&e) => return Err(ReadFailure::TimedOut(None)),
            Err(_) => return Err(ReadFailure::Gone),
        }
    };
    let head = parse_head(&buffer[..head_end]).map_err(ReadFailure::Malformed)?;
    let mut body = buffer.split_off(head_end + 4);

    if head.header("Transfer-Encoding").is_some() {
        return Err(ReadFailure::LengthRequired(head));
    }
    let length = match head.header("Content-Length") {
        None => 0,
        Some(text) => text
            .trim()
            .parse::<u64>()
            .map_err(|_| ReadFailure::Malformed(format!("Content-Length {text:?}")))?,
    };
    if length > limits.max_body {
        return Err(ReadFailure::TooLarge { head, length });
    }
    if head
        .header("Expect")
        .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
        && length > body.len() as u64
    {
        stream
            .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
            .map_err(|_| ReadFailure::Gone)?;
    }
    let length = length as usize;
    body.reserve(length.saturating_sub(body.len()));
    while body.len() < length {
        let mut chunk = vec![0u8; (length - body.len()).min(64 * 1024)];
        match clock.read(stream, &mut chunk) {
            Ok(0) => return Err(ReadFailure::Gone),
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) if is_timeout(&e) => return Err(ReadFailure::TimedOut(Some(head))),
            Err(_) => return Err(ReadFailure::Gone),
        }
    }
    body.truncate(length);
    let (path, query) = match head.target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (head.target.clone(), String::new()),
    };
    Ok(Request {
        method: head.method,
        path,
        query,
        headers: head.headers,
        body,
    })
}

/// Reads with the idle timeout, shortened near the request's deadline.
struct Clock {
    started: Instant,
    limits: Limits,
}

impl Clock {
    fn read(&mut self, stream: &mut TcpStream, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.limits.deadline.saturating_sub(self.started.elapsed());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_read_timeout(Some(left.min(self.limits.idle)))?;
        stream.read(buf)
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

fn find_head_end(buffer: &[u8]) -> Option<usize> {
    buffer.windows(4).position(|w| w == b"\r\n\r\n")
}

fn parse_head(bytes: &[u8]) -> Result<Head, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "header is not UTF-8".to_string())?;
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("request line {request_line:?}"));
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
        return Err(format!("request line {request_line:?}"));
    }
    let headers = lines
        .map(|line| {
            line.split_once(':')
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("header line {line:?}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    })
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
}

/// Writes `response` and closes the connection. When the client may still be sending a body
/// the server did not read (a 413), the rest is read and dropped for a moment first: closing
/// with unread bytes resets the connection, and the client would never see the answer.
pub fn write_response(mut stream: TcpStream, response: &Response, drain: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()?;
    stream.shutdown(Shutdown::Write)?;
    if drain {
        let until = Instant::now() + Duration::from_secs(5);
        let mut sink = [0u8; 64 * 1024];
        stream.set_read_timeout(Some(Duration::from_millis(500)))?;
        while Instant::now() < until {
            match stream.read(&mut sink) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        500 => "Internal Server Error",
        _ => "",
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
    fn head_parses_request_line_and_headers() {
        let head = parse_head(
            b"POST /api/check?lang=en HTTP/1.1\r\nX-Filename: a.xlsx\r\nContent-Length: 3",
        )
        .unwrap();
        assert_eq!(head.method, "POST");
        assert_eq!(head.target, "/api/check?lang=en");
        assert_eq!(head.header("x-filename"), Some("a.xlsx"));
    }

    #[test]
    fn malformed_heads_are_refused() {
        for bad in [
            &b"GET\r\nA: b"[..],
            b"GET / FTP/1.0",
            b"GET / HTTP/1.1\r\nno colon",
        ] {
            assert!(
                parse_head(bad).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn percent_coding_round_trips_indonesian_names() {
        let name = "Renja 2025 (revisi) – Dinas.xlsx";
        assert_eq!(percent_decode(&percent_encode(name)), name);
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("a+b%41"), "a bA");
    }
}
