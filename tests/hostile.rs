//! Hostile and broken input (issue 8): every case runs the real binary on a file the test
//! builds, under a memory cap and a deadline, and expects either a clear refusal (exit 2, the
//! file named, no panic, nothing written) or findings — never a panic, an abort or a hang.
//! Under load: `serve_load` (200 uploads from 20 clients, stalled and trickling clients) and
//! `batch_many` (2 000 files, 5% broken) run the real binary on inputs generated on the fly
//! and print their figures (`cargo test --test hostile -- --nocapture`).
//!
//! `mutations` runs 1 040 seeded mutations of workbooks in every format under a 2 GiB address
//! space and 10 s each (issue 18).
//!
//! Fuzzing (cargo-fuzz, `scripts/fuzz.sh`) is not part of this suite; what it found is, in
//! `hostile/fuzz_regressions.rs`.

mod common;

#[path = "hostile/batch_many.rs"]
mod batch_many;
#[path = "hostile/containers.rs"]
mod containers;
#[path = "hostile/declared_counts.rs"]
mod declared_counts;
#[path = "hostile/formulas.rs"]
mod formulas;
#[path = "hostile/fuzz_regressions.rs"]
mod fuzz_regressions;
#[path = "hostile/huge.rs"]
mod huge;
#[path = "hostile/idempotent.rs"]
mod idempotent;
#[path = "hostile/input_untouched.rs"]
mod input_untouched;
#[path = "hostile/interrupted.rs"]
mod interrupted;
#[path = "hostile/mutations.rs"]
mod mutations;
#[path = "hostile/serve_load.rs"]
mod serve_load;
#[path = "hostile/text.rs"]
mod text;
#[path = "hostile/xls.rs"]
mod xls;
#[path = "hostile/xlsb.rs"]
mod xlsb;

/// The generated realisation workbook of the benchmarks: large, budget-shaped input.
#[path = "../benches/support/realisation.rs"]
mod realisation;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{stderr, stdout, Workdir};

/// Address space one run may use: an abort from a dense grid shows as a failed test instead
/// of eating the machine.
const MEMORY_CAP: &str = "--as=4294967296";
/// Wall time one run may take before the test calls it a hang.
const DEADLINE: Duration = Duration::from_secs(45);

/// The path of the built `renja` binary.
fn renja_bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("renja")
}

/// Runs renja in `dir` under the memory cap and the deadline; returns the output and the
/// time it took.
fn run_capped(dir: &Workdir, args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let mut child = Command::new("prlimit")
        .arg(MEMORY_CAP)
        .arg("--")
        .arg(renja_bin())
        .args(args)
        .current_dir(dir.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn prlimit renja");
    // Drain both pipes while waiting: a report of megabytes would otherwise fill the pipe
    // and block the child, which would look like a hang.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).ok();
            bytes
        })
    };
    let out_reader = drain(Box::new(child.stdout.take().unwrap()));
    let err_reader = drain(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            let err = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
            panic!("renja {args:?} hung past {DEADLINE:?}\n--- stderr ---\n{err}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    };
    (out, started.elapsed())
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Asserts a clean refusal of `name` by `renja clean`: exit 2, the file named, `needle` in
/// the message, no panic or abort, nothing written beside it. Returns stderr.
fn refused(dir: &Workdir, name: &str, extra: &[&str], needle: &str) -> String {
    let before = names_in(dir.root());
    let mut args = vec!["clean", name, "--lang", "en"];
    args.extend_from_slice(extra);
    let (out, took) = run_capped(dir, &args);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit code (took {took:?})\n--- stdout ---\n{}\n--- stderr ---\n{err}",
        stdout(&out)
    );
    assert!(err.contains(name), "message must name the file: {err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(before, names_in(dir.root()), "nothing may be left behind");
    eprintln!("refused in {took:?}: {err}");
    err
}

/// Runs `renja check` and asserts it finished with a report (exit 0 or 1), no panic.
fn checked(dir: &Workdir, name: &str, extra: &[&str]) -> (String, Duration) {
    let mut args = vec!["check", name, "--lang", "en"];
    args.extend_from_slice(extra);
    let (out, took) = run_capped(dir, &args);
    let err = stderr(&out);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?} (took {took:?})\n--- stdout ---\n{}\n--- stderr ---\n{err}",
        out.status.code(),
        stdout(&out)
    );
    assert!(!err.contains("panicked"), "{err}");
    (stdout(&out), took)
}

/// A zip built by hand, parts stored deflated in the order given.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Realisasi" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// A minimal hand-made xlsx: one sheet "Realisasi" whose `<sheetData>` holds `rows`.
fn xlsx_by_hand(rows: &str) -> Vec<u8> {
    let sheet = format!("{SHEET_HEAD}{rows}{SHEET_TAIL}");
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}
