//! The committed sample workbooks in `samples/` (and the web page, MHTML and CSV exports of
//! the realisation table) must be exactly what `examples/make_samples.rs` generates, so the
//! samples never drift from their source.

#[path = "../examples/make_samples.rs"]
mod make_samples;

use std::path::Path;

#[test]
fn committed_samples_match_the_generator() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_samples::write_all(dir.path()).expect("generate samples");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read temp dir")
        .map(|e| e.expect("dir entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 10, "generated files: {names:?}");
    for name in names {
        let fresh = std::fs::read(dir.path().join(&name)).expect("read generated");
        let kept = std::fs::read(committed.join(&name)).unwrap_or_else(|e| {
            panic!("samples/{name:?} missing ({e}): run `cargo run --example make_samples`")
        });
        assert!(
            fresh == kept,
            "samples/{name:?} differs from the generator: run `cargo run --example make_samples` and commit"
        );
    }
}
