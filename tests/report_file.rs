//! `-o FILE` writes every report format to a file, byte for byte what standard output would
//! show (without colour), keeps the exit code, and refuses to replace a file without --force.

mod common;

use common::{assert_exit, stdout, Workdir};

#[test]
fn every_format_goes_to_a_file_with_the_same_exit_code() {
    let dir = Workdir::new();
    dir.copy_from_repo("samples/realisasi-2023.xlsx");
    for format in ["text", "json", "csv"] {
        let printed = dir.run(&["check", "realisasi-2023.xlsx", "--format", format]);
        assert_exit(&printed, 1);
        let name = format!("laporan.{format}");
        let written = dir.run(&[
            "check",
            "realisasi-2023.xlsx",
            "--format",
            format,
            "-o",
            &name,
        ]);
        assert_exit(&written, 1);
        assert!(
            stdout(&written).is_empty(),
            "{format}: printed {}",
            stdout(&written)
        );
        let file = std::fs::read_to_string(dir.path(&name)).unwrap();
        assert_eq!(file, stdout(&printed), "{format}");

        let again = dir.run(&[
            "check",
            "realisasi-2023.xlsx",
            "--format",
            format,
            "-o",
            &name,
        ]);
        assert_exit(&again, 2);
        let forced = dir.run(&[
            "check",
            "realisasi-2023.xlsx",
            "--format",
            format,
            "-o",
            &name,
            "--force",
        ]);
        assert_exit(&forced, 1);
    }
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = Workdir::new();
    dir.copy_from_repo("samples/realisasi-2023-bersih.xlsx");
    // Seven info findings, nothing worse.
    assert_exit(&dir.run(&["check", "realisasi-2023-bersih.xlsx", "-q"]), 0);
    let out = dir.run(&[
        "check",
        "realisasi-2023-bersih.xlsx",
        "-q",
        "--fail-on",
        "info",
    ]);
    assert_exit(&out, 1);
    assert_exit(&dir.run(&["check", "missing.xlsx", "--format", "csv"]), 2);
}
