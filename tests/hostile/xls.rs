//! Damaged .xls (BIFF8 in a CFB container), issue 18: zero bytes spliced into an xlwt-written
//! workbook shift its FAT so that a sector chain loops back on itself, which calamine 0.38
//! followed for ever (one such file grew to 24 GB); cells far apart or a DIMENSIONS record
//! with its rows reversed made it allocate billions of cells. Each is refused with exit 2.
//! The fixture is `tests/fixtures/biff8-xlwt-realisasi.xls` (`scripts/make-xls-fixture.py`).

use super::{checked, refused};
use crate::common::Workdir;

fn fixture() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/biff8-xlwt-realisasi.xls"
    ))
    .expect("fixture")
}

#[test]
fn the_intact_fixture_is_read() {
    let dir = Workdir::new();
    dir.write("realisasi.xls", &fixture());
    let (report, _) = checked(&dir, "realisasi.xls", &[]);
    assert!(report.contains("5.03.01.2.09"), "{report}");
}

#[test]
fn zero_bytes_spliced_in_make_a_looping_chain_that_is_refused() {
    // Offsets and lengths from the seeded mutations that reached the address-space cap.
    for (offset, zeros) in [(738, 147), (3775, 357), (8968, 399)] {
        let dir = Workdir::new();
        let mut bytes = fixture();
        bytes.splice(offset..offset, std::iter::repeat_n(0u8, zeros));
        let name = format!("sisip-{offset}.xls");
        dir.write(&name, &bytes);
        refused(&dir, &name, &[], "loops back");
    }
}

/// Moves the first NUMBER record of the sheet to row `row`, column `col`.
fn move_first_number(bytes: &mut [u8], row: u16, col: u16) {
    let at = (0..bytes.len() - 4)
        .find(|&i| bytes[i..i + 4] == [0x03, 0x02, 14, 0])
        .expect("a NUMBER record");
    bytes[at + 4..at + 6].copy_from_slice(&row.to_le_bytes());
    bytes[at + 6..at + 8].copy_from_slice(&col.to_le_bytes());
}

#[test]
fn a_cell_far_from_the_table_is_refused_by_the_cell_limit() {
    let dir = Workdir::new();
    let mut bytes = fixture();
    move_first_number(&mut bytes, 65_000, 60_000);
    dir.write("jauh.xls", &bytes);
    refused(&dir, "jauh.xls", &[], "--max-cells");
}

#[test]
fn a_dimensions_record_with_reversed_rows_is_refused() {
    let dir = Workdir::new();
    let mut bytes = fixture();
    // DIMENSIONS (0x0200, 14 bytes): first row, last row + 1 (u32 each), first, last + 1 column.
    let at = (0..bytes.len() - 4)
        .find(|&i| bytes[i..i + 4] == [0x00, 0x02, 14, 0])
        .expect("a DIMENSIONS record");
    bytes[at + 4..at + 8].copy_from_slice(&60_000u32.to_le_bytes());
    dir.write("terbalik.xls", &bytes);
    refused(&dir, "terbalik.xls", &[], "DIMENSIONS");
}
