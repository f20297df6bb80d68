//! The input is only ever read: after `check`, `clean` and `batch` its bytes and its
//! modification time are what they were, and a read-only input (0444) still cleans.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use super::run_capped;
use crate::common::{stderr, Workdir};

#[test]
fn check_clean_and_batch_leave_a_read_only_input_as_it_was() {
    let dir = Workdir::new();
    std::fs::create_dir(dir.path("masuk")).unwrap();
    let input = dir.xlsx(
        "masuk/realisasi.xlsx",
        &[(
            "Realisasi",
            &[
                ("A1", "Kode"),
                ("B1", "Uraian"),
                ("C1", "Pagu"),
                ("A2", "5.03.01"),
                ("B2", "Program"),
                ("C2", "5.636.089.563,00"),
                ("C3", "=C2*2|1"),
            ],
        )],
    );
    // An mtime in the past, so a rewrite within the test's second would still show.
    let past = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&input)
        .unwrap()
        .set_modified(past)
        .unwrap();
    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bytes = std::fs::read(&input).unwrap();
    let mtime = std::fs::metadata(&input).unwrap().modified().unwrap();

    let runs: [&[&str]; 4] = [
        &["check", "masuk/realisasi.xlsx"],
        &["check", "masuk/realisasi.xlsx", "--format", "json"],
        &["clean", "masuk/realisasi.xlsx", "-o", "bersih.xlsx"],
        &["batch", "masuk", "-o", "keluar"],
    ];
    for args in runs {
        let (out, _) = run_capped(&dir, args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read(&input).unwrap(),
            bytes,
            "{args:?} changed the input"
        );
        let meta = std::fs::metadata(&input).unwrap();
        assert_eq!(
            meta.modified().unwrap(),
            mtime,
            "{args:?} touched the input"
        );
        assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    }
    assert!(dir.path("bersih.xlsx").is_file());
    // Nothing was written into the input's folder.
    let names = super::names_in(&dir.path("masuk"));
    assert_eq!(names, vec!["realisasi.xlsx".to_string()]);
}
