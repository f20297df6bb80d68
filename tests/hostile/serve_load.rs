//! `renja serve` under load (issue 8): 200 uploads from 20 concurrent clients — the samples,
//! broken files, one over the upload limit and large generated workbooks — each answered with
//! the status it deserves and a well-formed body, the server's peak memory within a bound
//! derived from its limits, and the page still served afterwards. Then clients that send half
//! a request and stall, more of them than there are workers, while other clients are answered
//! before the stalled ones get their 408.
//!
//! `RENJA_LOAD_CLIENTS`, `RENJA_LOAD_REQUESTS` (per client) and `RENJA_LOAD_ROWS` (of the
//! large workbooks) scale the load for `scripts/load-serve.sh`; the defaults are what CI runs,
//! sized for a debug build on two cores.

use std::io::{Cursor, Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::Workdir;
use crate::realisation::{write_realisation, Flavour};

/// A running `renja serve --port 0`, killed when dropped.
struct Server {
    child: Child,
    url: String,
    port: u16,
}

impl Server {
    fn start(flags: &[&str]) -> Server {
        let (child, url) = crate::common::start_serve(flags);
        let port = url.rsplit(':').next().unwrap().parse().unwrap();
        Server { child, url, port }
    }

    /// The server's peak resident memory so far (`VmHWM`), in KiB.
    fn peak_rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc/PID/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM")
    }

    /// CPU time the server has used so far (user + system; Linux counts in 1/100 s).
    fn cpu_time(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .expect("/proc/PID/stat");
        let after_name = &stat[stat.rfind(')').expect("(comm)") + 2..];
        let ticks: u64 = after_name
            .split(' ')
            .skip(11)
            .take(2)
            .map(|t| t.parse::<u64>().unwrap())
            .sum();
        Duration::from_millis(ticks * 10)
    }

    fn post(&self, route: &str, name: &str, body: &[u8]) -> Answer {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let mut response = agent
            .post(format!("{}{route}", self.url))
            .header("X-Filename", name)
            .send(body)
            .unwrap_or_else(|e| panic!("{route} {name}: {e}"));
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = response
            .body_mut()
            .with_config()
            .limit(500_000_000)
            .read_to_vec()
            .unwrap_or_else(|e| panic!("{route} {name}: body: {e}"));
        Answer {
            status: response.status().as_u16(),
            content_type,
            body,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

/// One file of the mix and the status every route must answer it with.
struct Upload {
    name: String,
    body: Vec<u8>,
    /// 200 for a workbook renja reads; else the refusal expected.
    status: u16,
}

/// Bytes that are no file format at all (a fixed xorshift stream, so failures repeat).
fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect()
}

const MAX_UPLOAD: u64 = 8_000_000;
const WORKERS: usize = 4;
const CONNECTIONS: usize = 32;
/// What a large upload weighs at least.
const LARGE: usize = 4_500_000;

/// `xlsx` grown to `size` bytes by one more part, `xl/media/pindaian.png`, of noise: staff
/// workbooks carry scanned letterheads and signatures. So a table of a few thousand rows,
/// cheap enough to check in a debug build, is still a multi-MB upload.
fn padded(xlsx: Vec<u8>, size: usize) -> Vec<u8> {
    if xlsx.len() >= size {
        return xlsx;
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(&xlsx)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        parts.push((part.name().unwrap().to_string(), bytes));
    }
    parts.push(("xl/media/pindaian.png".into(), noise(size - xlsx.len())));
    let named: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    super::zip_of(&named)
}

/// Twenty kinds of upload: the samples as they are, as CSV and as web pages called `.xls`;
/// two large generated workbooks (one consistent, one with a finding in every kegiatan); and
/// eight that must be refused.
fn mix(work: &Workdir, rows: u32) -> Vec<Upload> {
    let good = |name: &str, file: &str| Upload {
        name: name.into(),
        body: crate::common::sample_bytes(file),
        status: 200,
    };
    let bad = |name: &str, body: Vec<u8>, status: u16| Upload {
        name: name.into(),
        body,
        status,
    };
    let mut uploads: Vec<Upload> = [
        "realisasi-2023.xlsx",
        "realisasi-2023-teks.xlsx",
        "realisasi-2023-bersih.xlsx",
        "evaluasi-renja-2023.xlsx",
        "review-rkpd-2023.xlsx",
        "rencana-2025.xlsx",
        "formula-kasus.xlsx",
        "realisasi-2023.csv",
    ]
    .iter()
    .map(|f| good(f, f))
    .collect();
    uploads.push(good("ekspor-web.xls", "realisasi-2023.html"));
    uploads.push(good("simpan-peramban.xls", "realisasi-2023-mhtml.xls"));
    for (name, rows, flavour) in [
        ("besar.xlsx", rows, Flavour::Consistent),
        ("besar-rusak.xlsx", rows / 4 * 3, Flavour::Broken),
    ] {
        write_realisation(&work.path(name), rows, flavour);
        let body = padded(std::fs::read(work.path(name)).unwrap(), LARGE);
        assert!(body.len() as u64 <= MAX_UPLOAD, "{name}: {}", body.len());
        uploads.push(Upload {
            name: name.into(),
            body,
            status: 200,
        });
    }
    let mut truncated = crate::common::sample_bytes("realisasi-2023.xlsx");
    truncated.truncate(truncated.len() / 2);
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0u8; 504]);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    uploads.extend([
        bad("kosong.xlsx", Vec::new(), 422),
        bad("terpotong.xlsx", truncated, 422),
        bad("acak.xlsx", noise(300_000), 422),
        bad(
            "halaman.xls",
            b"<!DOCTYPE html><html><head><title>Laporan</title></head><body><p>Tidak ada tabel.</p></body></html>".to_vec(),
            422,
        ),
        bad("catatan.csv", b"Catatan rapat tanggal 12 Januari.\nHadir: kepala bidang dan staf.\n".to_vec(), 422),
        bad("sandi.xlsx", encrypted, 422),
        bad("dokumen.xlsx", super::zip_of(&[("word/document.xml", b"<w:document/>")]), 422),
        bad("terlalu-besar.xlsx", noise(MAX_UPLOAD as usize + 500_000), 413),
    ]);
    assert_eq!(uploads.len(), 20);
    uploads
}

/// Asserts that `answer` is what `upload` deserves on `route`; returns a description of what
/// was wrong instead of panicking, so one thread's failure does not hide the others'.
fn judge(route: &str, upload: &Upload, answer: &Answer) -> Result<(), String> {
    let what = format!("{route} {}", upload.name);
    if answer.status != upload.status {
        return Err(format!(
            "{what}: status {} (expected {}): {}",
            answer.status,
            upload.status,
            String::from_utf8_lossy(&answer.body[..answer.body.len().min(300)])
        ));
    }
    if upload.status != 200 || route == "/api/check" {
        let json: Value = serde_json::from_slice(&answer.body)
            .map_err(|e| format!("{what}: body is not JSON: {e}"))?;
        let ok = if upload.status == 200 {
            json["schema"] == "renja-report/1"
                && json["file"] == upload.name.as_str()
                && json["summary"]["findings"].is_object()
        } else {
            json["file"] == upload.name.as_str()
                && json["error"].as_str().is_some_and(|e| !e.is_empty())
        };
        return if ok && answer.content_type.starts_with("application/json") {
            Ok(())
        } else {
            Err(format!("{what}: unexpected JSON {json}"))
        };
    }
    // calamine, not renja's reader: the check must stay cheap next to the server's work in a
    // debug build, and a second reader is the better witness that the file is well-formed.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(&answer.body))
        .map_err(|e| format!("{what}: the cleaned workbook does not open: {e}"))?;
    let names = book.sheet_names();
    if !names.iter().any(|n| n == "Temuan") {
        return Err(format!("{what}: no Temuan sheet in {names:?}"));
    }
    for name in names {
        book.worksheet_range(&name)
            .map_err(|e| format!("{what}: sheet {name} does not read: {e}"))?;
    }
    Ok(())
}

fn scale(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn two_hundred_uploads_from_twenty_clients_are_all_answered() {
    let work = Workdir::new();
    let rows = scale("RENJA_LOAD_ROWS", 4_000);
    let uploads = mix(&work, rows as u32);
    let clients = scale("RENJA_LOAD_CLIENTS", 20);
    let per_client = scale("RENJA_LOAD_REQUESTS", 10);
    let max_upload = MAX_UPLOAD.to_string();
    let (workers, connections) = (WORKERS.to_string(), CONNECTIONS.to_string());
    let server = Server::start(&[
        "--max-upload",
        &max_upload,
        "--workers",
        &workers,
        "--max-connections",
        &connections,
    ]);
    let started = Instant::now();
    let answered = AtomicUsize::new(0);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..clients)
            .map(|client| {
                let (server, uploads, answered) = (&server, &uploads, &answered);
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for i in 0..per_client {
                        // Request n takes kind n % 20, and each kind goes to check and clean
                        // in turn.
                        let n = client * per_client + i;
                        let upload = &uploads[n % uploads.len()];
                        let route = if (n / uploads.len()).is_multiple_of(2) {
                            "/api/check"
                        } else {
                            "/api/clean"
                        };
                        let answer = server.post(route, &upload.name, &upload.body);
                        answered.fetch_add(1, Ordering::Relaxed);
                        if let Err(failure) = judge(route, upload, &answer) {
                            failures.push(failure);
                        }
                    }
                    failures
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|t| t.join().expect("client thread"))
            .collect()
    });
    let took = started.elapsed();
    let peak_kib = server.peak_rss_kib();
    let server_cpu = server.cpu_time();
    let requests = answered.load(Ordering::Relaxed);

    // The bound, from the limits the server was started with. The bodies held at once, read
    // or being read, fit in the upload budget (--max-upload-memory, by default 2 × --workers
    // × --max-upload) and in min(--max-connections, clients) × --max-upload; each of the
    // --workers jobs also
    // holds a workbook's model, its report and the cleaned xlsx being written, which grow
    // with the rows. A lone `renja clean` in a debug build peaks (`/usr/bin/time -f %M`) at
    // 46 MB for 4 000 generated rows, 87 MB for 10 000, 242 MB for 20 000 rows of the broken
    // flavour and 446 MB for 60 000: 32 MiB + 12 KiB a row covers each. 64 MiB is the
    // binary, its threads' stacks and the allocator's slack.
    let per_job_mib = 32 + rows as u64 * 12 / 1024;
    let budget = 2 * WORKERS as u64 * MAX_UPLOAD;
    let bodies_mib = (CONNECTIONS.min(clients) as u64 * MAX_UPLOAD).min(budget) / (1 << 20);
    let bound_mib = 64 + bodies_mib + WORKERS as u64 * per_job_mib;
    eprintln!(
        "serve load: {requests} requests from {clients} clients, {} failures, peak RSS {} MiB \
         (bound {bound_mib} MiB), {took:.1?} ({:.1} requests/s; server CPU {server_cpu:.1?})",
        failures.len(),
        peak_kib / 1024,
        requests as f64 / took.as_secs_f64()
    );
    assert_eq!(requests, clients * per_client);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        peak_kib / 1024 <= bound_mib,
        "peak RSS {} MiB above the bound {bound_mib} MiB",
        peak_kib / 1024
    );

    // Still answering.
    let page = ureq::get(format!("{}/", server.url))
        .call()
        .expect("GET / after the load")
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(page.contains("Seret berkas Excel ke sini"));
}

/// Opens a connection and sends `bytes`, a request that never ends.
fn stall(port: u16, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(bytes).unwrap();
    stream
}

/// Waits for the server's answer on a stalled connection; returns it and when it came.
fn answer_of(mut stream: TcpStream) -> (String, Instant) {
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (
        String::from_utf8_lossy(&answer).into_owned(),
        Instant::now(),
    )
}

#[test]
fn stalled_uploads_time_out_while_others_are_answered() {
    const STALLED: usize = 2 * 2 + 1;
    let server = Server::start(&["--workers", "2", "--read-timeout", "3"]);
    let half_head = b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filen";
    let half_body = b"POST /api/clean HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: lambat.xlsx\r\n\
                      Content-Length: 100000\r\n\r\nPK\x03\x04 and then nothing";
    let stalled_at = Instant::now();
    // More stalled clients than workers, some in the middle of the head, some in the body.
    let stalled: Vec<TcpStream> = (0..STALLED)
        .map(|i| {
            stall(
                server.port,
                if i % 2 == 0 {
                    &half_body[..]
                } else {
                    half_head
                },
            )
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let body = crate::common::sample_bytes("formula-kasus.xlsx");
    let (good, stalled_answers) = std::thread::scope(|scope| {
        let waiting: Vec<_> = stalled
            .into_iter()
            .map(|s| scope.spawn(move || answer_of(s)))
            .collect();
        let good: Vec<_> = (0..4)
            .map(|i| {
                let (server, body) = (&server, &body);
                scope.spawn(move || {
                    (0..2)
                        .map(|_| {
                            let sent = Instant::now();
                            let answer = server.post("/api/check", &format!("baik-{i}.xlsx"), body);
                            (answer.status, sent.elapsed(), Instant::now())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let good: Vec<_> = good.into_iter().flat_map(|t| t.join().unwrap()).collect();
        let stalled: Vec<_> = waiting.into_iter().map(|t| t.join().unwrap()).collect();
        (good, stalled)
    });
    let slowest = good.iter().map(|g| g.1).max().unwrap();
    let last_good = good.iter().map(|g| g.2).max().unwrap();
    let first_408 = stalled_answers.iter().map(|s| s.1).min().unwrap();
    eprintln!(
        "stalled: {STALLED} clients on 2 workers; 8 other requests answered, the slowest in \
         {slowest:?}; the stalled ones answered after {:?}",
        first_408 - stalled_at
    );
    assert!(good.iter().all(|g| g.0 == 200));
    assert!(
        last_good < first_408,
        "the other clients waited for the stalled ones (slowest {slowest:?})"
    );
    for (answer, at) in &stalled_answers {
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(
            *at - stalled_at >= Duration::from_millis(2500),
            "408 before the idle timeout: {:?}",
            *at - stalled_at
        );
    }
    let named = stalled_answers
        .iter()
        .filter(|(a, _)| a.contains("lambat.xlsx"))
        .count();
    assert_eq!(
        named,
        STALLED.div_ceil(2),
        "the 408 names the file once known"
    );
}

#[test]
fn a_trickling_upload_is_cut_at_the_request_deadline() {
    // Silence of a second is a 408; a whole request may take ten times that, however steadily
    // it trickles in.
    let server = Server::start(&["--workers", "1", "--read-timeout", "1"]);
    let head = b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: tetes.xlsx\r\n\
                 Content-Length: 100000\r\n\r\n";
    let started = Instant::now();
    let body = crate::common::sample_bytes("formula-kasus.xlsx");
    let (cut_after, answers, good) = std::thread::scope(|scope| {
        // Two trickling clients, more than the one worker: a byte every 300 ms, until the
        // server has answered.
        let tricklers: Vec<_> = (0..2)
            .map(|_| {
                let stream = stall(server.port, head);
                let mut writer = stream.try_clone().unwrap();
                scope.spawn(move || {
                    let reader = scope.spawn(move || answer_of(stream));
                    while !reader.is_finished() {
                        if writer.write_all(b"x").is_err() {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(300));
                    }
                    reader.join().unwrap()
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        let good: Vec<_> = (0..3)
            .map(|i| {
                let answer = server.post("/api/check", &format!("baik-{i}.xlsx"), &body);
                (answer.status, Instant::now())
            })
            .collect();
        let answers: Vec<_> = tricklers.into_iter().map(|t| t.join().unwrap()).collect();
        let cut_after = answers.iter().map(|(_, at)| *at - started).min().unwrap();
        (cut_after, answers, good)
    });
    let saw_408 = answers
        .iter()
        .filter(|(a, _)| a.starts_with("HTTP/1.1 408"))
        .count();
    eprintln!(
        "trickling uploads cut after {cut_after:?} ({saw_408} of 2 read the 408, the others \
         a closed connection)"
    );
    assert!(good.iter().all(|(status, _)| *status == 200));
    assert!(good.iter().all(|(_, at)| *at - started < cut_after));
    assert!(
        cut_after >= Duration::from_millis(9_500) && cut_after < Duration::from_secs(20),
        "{cut_after:?}"
    );
    for (answer, _) in &answers {
        // The server stops reading at the deadline; bytes still arriving may reset the
        // connection before the 408 is read, which the client sees as a closed connection.
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{answer}"
        );
    }
}
