//! The CSV report ends its lines with LF alone on every platform, Windows included: the same
//! bytes wherever renja runs (so snapshots and diffs agree), and Excel, LibreOffice, pandas and
//! Python's csv module all read LF. RFC 4180 asks for CRLF; this test pins the choice against it.
//! scripts/smoke-windows.sh checks the same for renja.exe under Wine.

mod common;

use common::{assert_exit, stdout, Workdir};

#[test]
fn csv_report_lines_end_in_lf_alone() {
    let dir = Workdir::new();
    dir.copy_from_repo("samples/realisasi-2023.xlsx");
    let printed = dir.run(&["check", "realisasi-2023.xlsx", "--format", "csv"]);
    assert_exit(&printed, 1);
    let csv = stdout(&printed);
    assert!(!csv.contains('\r'), "a CR in the CSV report:\n{csv}");
    assert!(csv.ends_with('\n'), "no LF after the last record:\n{csv}");
    assert!(csv.lines().count() > 1, "no findings rows:\n{csv}");
}
