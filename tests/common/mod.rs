//! Test helpers: a private work folder per test, workbooks built with rust_xlsxwriter, and
//! the real `renja` binary run inside the folder with its whole output kept for failures.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};

use assert_cmd::Command;
use rust_xlsxwriter::{Formula, Workbook};

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    /// Copies a file from the repository (relative to its root) into the work folder.
    pub fn copy_from_repo(&self, relative: &str) -> PathBuf {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        let to = self.path(Path::new(relative).file_name().unwrap().to_str().unwrap());
        std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
        to
    }

    /// Writes an xlsx with one sheet from `(cell, content)` pairs: content starting with `=`
    /// becomes a formula (cached result after `|`, e.g. `=A1*2|10`), a content that parses as
    /// f64 and starts with `#` is written as a number (`#5.5`), anything else as text.
    pub fn xlsx(&self, name: &str, sheets: &[(&str, &[(&str, &str)])]) -> PathBuf {
        let mut book = Workbook::new();
        for (sheet_name, cells) in sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(*sheet_name).unwrap();
            for (cell, content) in *cells {
                let (row, col) = a1(cell);
                write_content(sheet, row, col, content);
            }
        }
        let path = self.path(name);
        book.save(&path).unwrap();
        path
    }

    pub fn renja(&self) -> Command {
        let mut cmd = Command::cargo_bin("renja").unwrap();
        cmd.current_dir(self.root());
        cmd.env("NO_COLOR", "1");
        // Without --lang renja speaks the locale's language; tests expect the default, id.
        cmd.env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        cmd
    }

    /// Runs renja with `args` and returns its output, printing everything on failure of an
    /// expectation made by the caller.
    pub fn run(&self, args: &[&str]) -> Output {
        self.renja().args(args).output().expect("run renja")
    }
}

/// Writes one cell's content as [`Workdir::xlsx`] describes it.
pub fn write_content(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, content: &str) {
    if let Some(formula) = content.strip_prefix('=') {
        let (text, cached) = formula.split_once('|').unwrap_or((formula, ""));
        let mut f = Formula::new(format!("={text}"));
        if !cached.is_empty() {
            f = f.set_result(cached);
        }
        sheet.write_formula(row, col, f).unwrap();
    } else if let Some(number) = content
        .strip_prefix('#')
        .and_then(|n| n.parse::<f64>().ok())
    {
        sheet.write_number(row, col, number).unwrap();
    } else {
        sheet.write_string(row, col, content).unwrap();
    }
}

pub fn a1(cell: &str) -> (u32, u16) {
    let at = renja::model::CellAt::parse_a1(cell).unwrap_or_else(|| panic!("bad cell {cell}"));
    (at.row, at.col as u16)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Panics with the whole output when the exit code is not `code`.
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit code\n--- stdout ---\n{}\n--- stderr ---\n{}",
        stdout(output),
        stderr(output)
    );
}

pub fn cell(a1: &str) -> renja::model::CellAt {
    renja::model::CellAt::parse_a1(a1).unwrap()
}

/// Reads a workbook with renja's own reader (raw values, no normalising).
pub fn read(path: &Path) -> renja::model::Workbook {
    renja::read::read_workbook(path, &renja::read::ReadLimits::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Starts the real `renja serve --port 0` with `flags` and returns it with the base URL it
/// prints on its first line (`http://127.0.0.1:PORT`).
pub fn start_serve(flags: &[&str]) -> (Child, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_renja"))
        .args(["serve", "--port", "0"])
        .args(flags)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start renja serve");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .expect("first line");
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches('/')
        .to_string();
    (child, url)
}

/// The bytes of a file in the repository's `samples/`.
pub fn sample_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An xlsx written part by part, for what rust_xlsxwriter cannot write: shared formulas
/// (`<f t="shared" ref="N34:N97" si="4">`), rows hidden under an AutoFilter, links to other
/// workbooks. Each sheet is its name and the XML inside `<worksheet>`; `workbook_extra` goes
/// after `</sheets>` in the workbook part, `rels_extra` into its relationships, and `parts`
/// are added as they are.
#[derive(Default)]
pub struct RawXlsx<'a> {
    pub sheets: Vec<(&'a str, String)>,
    pub workbook_extra: &'a str,
    pub rels_extra: &'a str,
    pub parts: Vec<(&'a str, String)>,
}

impl RawXlsx<'_> {
    pub fn bytes(&self) -> Vec<u8> {
        use std::io::Write;
        let mut sheets = String::new();
        let mut rels = String::new();
        let mut types = String::new();
        for (i, (name, _)) in self.sheets.iter().enumerate() {
            let n = i + 1;
            sheets.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            ));
            types.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
        }
        let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
        let mut parts: Vec<(String, String)> = vec![
            (
                "[Content_Types].xml".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{types}</Types>"#
                ),
            ),
            (
                "_rels/.rels".into(),
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
            ),
            (
                "xl/workbook.xml".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><workbook {ns}><sheets>{sheets}</sheets>{}</workbook>"#,
                    self.workbook_extra
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}{}</Relationships>"#,
                    self.rels_extra
                ),
            ),
        ];
        for (i, (_, xml)) in self.sheets.iter().enumerate() {
            parts.push((
                format!("xl/worksheets/sheet{}.xml", i + 1),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>{xml}</worksheet>"#
                ),
            ));
        }
        for (name, xml) in &self.parts {
            parts.push((name.to_string(), xml.clone()));
        }
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

/// `renja check FILE --format json`'s findings, as JSON values.
pub fn findings(dir: &Workdir, file: &Path) -> Vec<serde_json::Value> {
    let output = dir.run(&["check", file.to_str().unwrap(), "--format", "json", "--all"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            stdout(&output),
            stderr(&output)
        )
    });
    report["findings"].as_array().cloned().unwrap_or_default()
}

/// A one-sheet ods (Kode, Pagu; 5.03.01, 1000) whose sheet is named `sheet`.
pub fn small_ods(sheet: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}"><table:table-row><table:table-cell office:value-type="string"><text:p>Kode</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Pagu</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>5.03.01</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1000"><text:p>1000</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_str()),
        ("META-INF/manifest.xml", manifest),
    ] {
        out.start_file(name, stored).unwrap();
        out.write_all(bytes.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}
