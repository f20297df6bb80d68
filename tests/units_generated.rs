//! The committed unit list (`src/normalise/units/list.rs`) must be exactly what
//! `examples/make_units.rs` makes of SIPD's unit list, so the list never drifts from its
//! source. The source is a field file in `../shared/real/` (CI's machine has it); without it
//! the test says so and checks nothing.

#[path = "../examples/make_units.rs"]
mod make_units;

use std::path::Path;

#[test]
fn committed_unit_list_matches_the_generator() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real/daftar-satuan.xlsx");
    if !source.is_file() {
        eprintln!("SKIPPED: {} is not here", source.display());
        return;
    }
    let fresh = make_units::render(&source).expect("generate the unit list");
    let kept = std::fs::read_to_string(make_units::target()).expect("read the committed list");
    assert!(
        fresh == kept,
        "src/normalise/units/list.rs differs from the generator: run `cargo run --example make_units` and commit"
    );
}
