//! The embedded official lists (`src/codes/lists/official.tsv`) must be exactly what
//! `examples/make_lists.rs` builds from the reference files. The reference files are not part
//! of the repository: where they are absent (`RENJA_REFERENCE_DIR` or `../shared/real`) the
//! comparison is skipped, and the committed file is still checked to parse.

#[path = "../examples/make_lists.rs"]
mod make_lists;

use std::path::Path;

use renja::codes::lists::format;

fn committed_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(make_lists::OUTPUT);
    std::fs::read_to_string(&path).expect("the committed lists")
}

#[test]
fn committed_lists_parse() {
    let lists = format::read(&committed_text()).expect("list format");
    assert_eq!(lists.len(), 3);
    assert!(lists.iter().all(|(_, rows)| rows.len() > 3000));
}

#[test]
fn committed_lists_match_the_generator() {
    let dir = make_lists::reference_dir();
    if !make_lists::references_present(&dir) {
        eprintln!(
            "reference files not in {}: comparison skipped (set RENJA_REFERENCE_DIR)",
            dir.display()
        );
        return;
    }
    let fresh = make_lists::generate(&dir).expect("generate the lists");
    assert!(
        fresh == committed_text(),
        "{} differs from the reference files: run `cargo run --example make_lists` and commit",
        make_lists::OUTPUT
    );
}
