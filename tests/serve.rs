//! `renja serve` over loopback: the real binary on a free port, talked to with a real HTTP
//! client. The API must answer what `renja check --format json` prints, refuse what it cannot
//! take with a clear JSON message, and keep serving everyone else meanwhile. Also `renja FILE…`
//! (files dropped onto the program).

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::{Duration, Instant};

use common::{assert_exit, stdout, Workdir};
use serde_json::Value;

const SAMPLES: &[&str] = &[
    "realisasi-2023.xlsx",
    "realisasi-2023-teks.xlsx",
    "realisasi-2023-bersih.xlsx",
    "evaluasi-renja-2023.xlsx",
    "review-rkpd-2023.xlsx",
    "rencana-2025.xlsx",
    "formula-kasus.xlsx",
];

/// A running `renja serve --port 0`, stopped when dropped.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start(extra: &[&str]) -> Served {
        let (child, url) = common::start_serve(extra);
        Served { child, url }
    }

    fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    fn post(&self, path: &str, name: &str, body: &[u8]) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .post(format!("{}{path}", self.url))
            .header("X-Filename", name)
            .send(body)
            .expect("request");
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(200_000_000)
            .read_to_vec()
            .expect("body");
        (response.status().as_u16(), headers, body)
    }

    fn get_text(&self, path: &str) -> String {
        let mut response = ureq::get(format!("{}{path}", self.url))
            .call()
            .expect("request");
        response.body_mut().read_to_string().expect("body")
    }

    /// Asserts the server still checks a sample after whatever came before.
    fn still_answers(&self) {
        let (status, report) = self.post_json(
            "/api/check",
            "a.xlsx",
            &common::sample_bytes("formula-kasus.xlsx"),
        );
        assert_eq!(status, 200, "{report}");
    }

    fn post_json(&self, path: &str, name: &str, body: &[u8]) -> (u16, Value) {
        let (status, _, body) = self.post(path, name, body);
        let json = serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
        (status, json)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The (rule, sheet, cell, id) of every finding of a JSON report.
fn finding_keys(report: &Value) -> BTreeSet<(String, String, String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("rule"), s("sheet"), s("cell"), s("id"))
        })
        .collect()
}

#[test]
fn every_sample_gets_the_findings_renja_check_reports() {
    let served = Served::start(&[]);
    let work = Workdir::new();
    for name in SAMPLES {
        let path = work.copy_from_repo(&format!("samples/{name}"));
        let cli = work.run(&["check", "--format", "json", path.to_str().unwrap()]);
        let expected: Value = serde_json::from_slice(&cli.stdout)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", stdout(&cli)));
        let (status, got) = served.post_json("/api/check", name, &common::sample_bytes(name));
        assert_eq!(status, 200, "{name}: {got}");
        assert_eq!(got["schema"], expected["schema"]);
        assert_eq!(got["file"], *name);
        assert_eq!(got["summary"], expected["summary"], "{name}");
        assert_eq!(finding_keys(&got), finding_keys(&expected), "{name}");
    }
}

#[test]
fn the_known_stale_total_is_found_and_messages_follow_the_language() {
    let served = Served::start(&[]);
    let body = common::sample_bytes("realisasi-2023.xlsx");
    let (_, report) = served.post_json("/api/check?lang=en", "realisasi-2023.xlsx", &body);
    let g28 = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "formula-mismatch" && f["cell"] == "G28")
        .expect("formula-mismatch at G28");
    assert_eq!(g28["expected"], "94375565");
    assert!(g28["message"].as_str().unwrap().contains("The formula"));
    assert_eq!(report["lang"], "en");
    let (_, report) = served.post_json("/api/check", "realisasi-2023.xlsx", &body);
    assert_eq!(report["lang"], "id");
}

#[test]
fn clean_answers_a_formula_free_workbook_named_like_renja_clean() {
    let served = Served::start(&[]);
    let (status, headers, body) = served.post(
        "/api/clean",
        "Realisasi%202023.xlsx",
        &common::sample_bytes("realisasi-2023.xlsx"),
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        header("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(
        header("content-disposition").contains("filename=\"Realisasi 2023.bersih.xlsx\""),
        "{}",
        header("content-disposition")
    );
    assert!(body.starts_with(b"PK\x03\x04"));
    let work = Workdir::new();
    let cleaned = work.write("bersih.xlsx", &body);
    let book = common::read(&cleaned);
    assert!(book.sheets.iter().any(|s| s.name == "Temuan"));
    let formulas = book
        .sheets
        .iter()
        .flat_map(|s| s.cells.values())
        .filter(|c| c.formula.is_some())
        .count();
    assert_eq!(formulas, 0, "the cleaned workbook holds formulas");
}

#[test]
fn an_oversize_upload_is_refused_with_413_and_a_message() {
    let served = Served::start(&["--max-upload", "100KB"]);
    let big = vec![b'x'; 250_000];
    let (status, error) = served.post_json("/api/check", "besar.xlsx", &big);
    assert_eq!(status, 413);
    assert_eq!(error["file"], "besar.xlsx");
    assert_eq!(
        error["error"],
        "besar.xlsx terlalu besar (250 KB); batas unggah 100 KB."
    );
    // The server is still there for the next file.
    served.still_answers();
}

#[test]
fn a_corrupt_file_gets_the_clis_message_and_the_next_file_carries_on() {
    let served = Served::start(&[]);
    let mut truncated = common::sample_bytes("realisasi-2023.xlsx");
    truncated.truncate(truncated.len() / 2);
    let work = Workdir::new();
    let path = work.write("rusak.xlsx", &truncated);
    let cli = work.run(&["check", path.file_name().unwrap().to_str().unwrap()]);
    assert_exit(&cli, 2);
    let (status, error) = served.post_json("/api/check", "rusak.xlsx", &truncated);
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["file"], "rusak.xlsx");
    let message = error["error"].as_str().unwrap();
    assert!(
        String::from_utf8_lossy(&cli.stderr).contains(message),
        "web: {message}\ncli: {}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let (status, _) = served.post_json("/api/check", "empty.xlsx", b"");
    assert_eq!(status, 422);
    let (status, _) = served.post_json(
        "/api/check",
        "a.xlsx",
        &common::sample_bytes("formula-kasus.xlsx"),
    );
    assert_eq!(status, 200);
}

#[test]
fn fifty_concurrent_uploads_all_succeed() {
    let served = Served::start(&[]);
    let body = common::sample_bytes("realisasi-2023.xlsx");
    let started = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|i| {
                let (served, body) = (&served, &body);
                scope.spawn(move || {
                    let path = if i % 2 == 0 {
                        "/api/check"
                    } else {
                        "/api/clean"
                    };
                    let (status, _, answer) = served.post(path, &format!("f{i}.xlsx"), body);
                    assert_eq!(
                        status,
                        200,
                        "upload {i}: {}",
                        String::from_utf8_lossy(&answer)
                    );
                })
            })
            .collect();
        for h in handles {
            h.join().expect("upload thread");
        }
    });
    eprintln!(
        "50 concurrent uploads (25 check + 25 clean): {:?}",
        started.elapsed()
    );
}

#[test]
fn a_stalled_upload_times_out_without_blocking_others() {
    let served = Served::start(&["--read-timeout", "1", "--workers", "2"]);
    let mut stalled = TcpStream::connect(("127.0.0.1", served.port())).unwrap();
    stalled
        .write_all(
            b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: lambat.xlsx\r\n\
              Content-Length: 100000\r\n\r\nPK\x03\x04",
        )
        .unwrap();
    let started = Instant::now();
    let (status, _) = served.post_json(
        "/api/check",
        "a.xlsx",
        &common::sample_bytes("formula-kasus.xlsx"),
    );
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    let mut answer = String::new();
    stalled
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stalled.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("lambat.xlsx"), "{answer}");
}

/// Sends `bytes` on a new connection and reads the whole answer (the server closes it).
fn raw(port: u16, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(bytes).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// The body of a raw answer, after its head.
fn body_of(answer: &str) -> &str {
    answer.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[test]
fn a_chunked_upload_is_read_like_any_other() {
    let served = Served::start(&[]);
    let bytes = common::sample_bytes("realisasi-2023.xlsx");
    let mut request =
        b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: realisasi-2023.xlsx\r\n\
                        Transfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    for chunk in bytes.chunks(3000) {
        request.extend(format!("{:x}\r\n", chunk.len()).bytes());
        request.extend(chunk);
        request.extend(b"\r\n");
    }
    request.extend(b"0\r\n\r\n");
    let answer = raw(served.port(), &request);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let chunked: Value = serde_json::from_str(body_of(&answer)).unwrap();
    let (_, whole) = served.post_json("/api/check", "realisasi-2023.xlsx", &bytes);
    assert_eq!(chunked["summary"], whole["summary"]);
    assert_eq!(finding_keys(&chunked), finding_keys(&whole));
}

#[test]
fn a_chunked_upload_past_the_limit_is_refused_with_413() {
    let served = Served::start(&["--max-upload", "100KB"]);
    let mut request =
        b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: panjang.xlsx\r\n\
                        Transfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    for _ in 0..30 {
        request.extend(b"1000\r\n");
        request.extend([b'x'; 0x1000]);
        request.extend(b"\r\n");
    }
    request.extend(b"0\r\n\r\n");
    let answer = raw(served.port(), &request);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(body_of(&answer).contains("panjang.xlsx"), "{answer}");
}

#[test]
fn a_declared_length_past_the_limit_is_refused_before_the_body_comes() {
    // A terabyte announced and nothing sent: the answer comes at once, nothing is reserved.
    let served = Served::start(&["--max-upload", "100KB"]);
    let started = Instant::now();
    let answer = raw(
        served.port(),
        b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: tera.xlsx\r\n\
          Content-Length: 1000000000000\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(body_of(&answer).contains("tera.xlsx"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn uploads_past_the_memory_budget_wait_then_get_503() {
    // One upload holds 90 of the 100 KB budget, trickling so it is never idle; the next
    // waits for room a read timeout long, then hears 503; after the first is cut off, the
    // budget is free again.
    let served = Served::start(&[
        "--max-upload",
        "100KB",
        "--max-upload-memory",
        "100KB",
        "--read-timeout",
        "1",
        "--lang",
        "en",
    ]);
    let mut holder = TcpStream::connect(("127.0.0.1", served.port())).unwrap();
    holder
        .write_all(
            b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filename: besar.xlsx\r\n\
              Content-Length: 90000\r\n\r\nPK",
        )
        .unwrap();
    let trickle = std::thread::spawn(move || {
        for _ in 0..15 {
            std::thread::sleep(Duration::from_millis(200));
            if holder.write_all(b"x").is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let (status, headers, body) = served.post("/api/check", "antri.xlsx", &[b'x'; 60_000]);
    let waited = started.elapsed();
    assert_eq!(status, 503, "{}", String::from_utf8_lossy(&body));
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    assert!(headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("retry-after") && v == "10"));
    let error: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(error["file"], "antri.xlsx");
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("--max-upload-memory"),
        "{error}"
    );
    trickle.join().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    served.still_answers();
}

#[test]
fn a_request_naming_another_host_is_refused_on_loopback() {
    // DNS rebinding: a page elsewhere reaching 127.0.0.1 through a name that points here.
    let served = Served::start(&[]);
    let answer = raw(
        served.port(),
        b"GET / HTTP/1.1\r\nHost: evil.example:8080\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    let answer = raw(
        served.port(),
        format!(
            "GET / HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            served.port()
        )
        .as_bytes(),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn unknown_addresses_and_methods_are_json_errors() {
    let served = Served::start(&["--lang", "en"]);
    let (status, error) = served.post_json("/api/nothing", "a.xlsx", b"x");
    assert_eq!(status, 404);
    assert_eq!(error["error"], "Unknown address: /api/nothing");
    let (status, _) = served.post_json("/", "a.xlsx", b"x");
    assert_eq!(status, 405);
    let page = ureq::get(format!("{}/", served.url))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(page.contains("Seret berkas Excel ke sini"));
}

#[test]
fn dropped_files_are_cleaned_beside_themselves_without_overwriting() {
    let work = Workdir::new();
    let a = work.copy_from_repo("samples/realisasi-2023-bersih.xlsx");
    let b = work.write("rusak.xlsx", b"bukan excel");
    std::fs::write(work.path("realisasi-2023-bersih.bersih.xlsx"), b"lama").unwrap();
    let out = work.run(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_exit(&out, 2);
    let text = stdout(&out);
    assert!(
        text.contains("realisasi-2023-bersih.bersih (2).xlsx"),
        "{text}"
    );
    assert!(text.contains("rusak.xlsx"), "{text}");
    assert_eq!(
        std::fs::read(work.path("realisasi-2023-bersih.bersih.xlsx")).unwrap(),
        b"lama"
    );
    assert!(
        common::read(&work.path("realisasi-2023-bersih.bersih (2).xlsx"))
            .sheets
            .iter()
            .any(|s| s.name == "Temuan")
    );
    let again = work.run(&["--force", a.to_str().unwrap()]);
    assert_exit(&again, 0);
    assert_ne!(
        std::fs::read(work.path("realisasi-2023-bersih.bersih.xlsx")).unwrap(),
        b"lama"
    );
}

/// `--max-upload 30KB` told a 40 KB upload "terlalu besar (0 MB); batas unggah 0 MB": sizes
/// are written in the unit that reads naturally.
#[test]
fn an_oversize_message_uses_a_sensible_unit() {
    let served = Served::start(&["--max-upload", "30KB"]);
    let (status, error) = served.post_json("/api/check", "sedang.xlsx", &vec![b'x'; 40_000]);
    assert_eq!(status, 413);
    assert_eq!(
        error["error"],
        "sedang.xlsx terlalu besar (40 KB); batas unggah 30 KB."
    );
    let served = Served::start(&["--max-upload", "1.5GB", "--lang", "en"]);
    let page = served.get_text("/");
    assert!(page.contains(r#"data-max-upload="1500000000""#), "{page}");
}

/// The page's "Laporan CSV" is the CLI's CSV: the same renderer answers `POST
/// /api/report.csv`, byte for byte what `renja check --format csv` prints, formula-injection
/// escaping included (a sheet named `-Anggaran`, a uraian starting with `=`).
#[test]
fn the_report_csv_is_what_the_cli_prints() {
    let served = Served::start(&[]);
    let work = Workdir::new();
    work.xlsx(
        "suntik.xlsx",
        &[(
            "-Anggaran",
            &[
                ("A1", "KODE"),
                ("B1", "URAIAN"),
                ("C1", "PAGU"),
                ("D1", "REALISASI"),
                ("E1", "SISA"),
                ("A2", "5.03.01.2.02"),
                ("B2", "@Belanja pegawai"),
                ("C2", "=SUM(C3:C4)|999"),
                ("D2", "=SUM(D3:D4)|250"),
                ("E2", "=C2-D2|50"),
                ("A3", "5.03.01.2.02.01"),
                ("C3", "#100"),
                ("D3", "#90"),
                ("E3", "=C3-D3|10"),
                ("A4", "5.03.01.2.02.02"),
                ("C4", "#200"),
                ("D4", "#160"),
                ("E4", "=C4-D4|40"),
            ],
        )],
    );
    for (file, bytes) in [
        (
            "suntik.xlsx",
            std::fs::read(work.path("suntik.xlsx")).unwrap(),
        ),
        (
            "realisasi-2023.xlsx",
            common::sample_bytes("realisasi-2023.xlsx"),
        ),
        (
            "realisasi-2023.csv",
            common::sample_bytes("realisasi-2023.csv"),
        ),
    ] {
        work.write(file, &bytes);
        for lang in ["id", "en"] {
            let cli = work.run(&["check", file, "--format", "csv", "--lang", lang]);
            let (status, headers, body) =
                served.post(&format!("/api/report.csv?lang={lang}"), file, &bytes);
            assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
            let header = |name: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            assert_eq!(header("Content-Type"), "text/csv; charset=utf-8");
            let stem = file.rsplit_once('.').unwrap().0;
            assert!(
                header("Content-Disposition").contains(&format!("filename=\"{stem}.csv\"")),
                "{headers:?}"
            );
            assert_eq!(
                String::from_utf8_lossy(&body),
                stdout(&cli),
                "{file} ({lang})"
            );
        }
    }
    let csv = stdout(&work.run(&["check", "suntik.xlsx", "--format", "csv"]));
    assert!(csv.contains(",'-Anggaran,"), "{csv}");
    assert!(csv.contains(",'@Belanja pegawai,"), "{csv}");
    assert!(!csv.starts_with('\u{feff}') && !csv.contains('\r'), "{csv}");
    // A file it cannot read is the same JSON error as for /api/check.
    let (status, error) = served.post_json("/api/report.csv", "rusak.xlsx", b"PK\x03\x04");
    assert_eq!(status, 422);
    assert_eq!(error["file"], "rusak.xlsx");
}

/// The page offers every input renja reads in its file picker, and builds no CSV of its own.
#[test]
fn the_page_picks_every_format_and_downloads_the_servers_csv() {
    let served = Served::start(&[]);
    let page = served.get_text("/");
    let accept = page
        .split("accept=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the picker's accept list");
    for ext in [
        ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv", ".txt", ".html", ".htm",
        ".mhtml", ".mht",
    ] {
        assert!(
            accept.split(',').any(|a| a == ext),
            "{ext} missing from {accept}"
        );
    }
    let script = served.get_text("/app.js");
    assert!(
        script.contains("/api/report.csv"),
        "the CSV button must ask the server"
    );
    assert!(!script.contains("\\ufeff"), "no BOM built in the page");
}
