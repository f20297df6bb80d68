//! Reads delimited text (CSV, TSV, `;`- or `|`-separated) into one sheet of text cells, so
//! the normal Indonesian number rules apply to `1.234.567,89` as to any typed text.
//!
//! Finds the encoding (UTF-8 with or without BOM, UTF-16 with BOM as Excel's "Unicode text"
//! writes it, else Windows-1252) and the separator from the content: `;` is what Excel writes
//! where the decimal mark is `,` (an Indonesian PC), so a `,` is only the separator when it
//! splits every line into the same number of fields and `;`, tab and `|` do not. The csv
//! crate does the quoting. Also decides whether some text is a table at all, for the sniffer:
//! prose with commas in it is not.
//!
//! Knows nothing of numbers: every field is kept as the text it is.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::error::ReadError;
use super::limits::ReadLimits;
use crate::model::{Cell, CellAt, Raw, Sheet, MAX_COL, MAX_ROW};

/// Separators tried, in order of preference when two fit equally well.
const SEPARATORS: [u8; 4] = [b'\t', b';', b'|', b','];

/// Lines looked at to decide the separator.
const SAMPLE_LINES: usize = 200;

/// The bytes as text: BOMs honoured, UTF-8 when the bytes are valid UTF-8, else
/// Windows-1252 (every byte decodes, so this never fails).
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Cow::Owned(UTF_16LE.decode_with_bom_removal(bytes).0.into_owned());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Cow::Owned(UTF_16BE.decode_with_bom_removal(bytes).0.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// The separator that splits the lines of `text` into the same number of fields most
/// consistently, if any does well enough to call the text a table: at least two lines, at
/// least 80 % of the non-empty lines with the most common field count, and (for `,`, which
/// prose is full of) at least three fields.
pub(super) fn separator(text: &str) -> Option<u8> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SAMPLE_LINES)
        .collect();
    if lines.len() < 2 {
        return None;
    }
    let mut best: Option<(f64, u8)> = None;
    for sep in SEPARATORS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, sep)).collect();
        let Some(mode) = most_common_nonzero(&counts) else {
            continue;
        };
        if sep == b',' && mode < 2 {
            continue;
        }
        let consistency =
            counts.iter().filter(|c| **c == mode).count() as f64 / counts.len() as f64;
        if consistency >= 0.8 && best.is_none_or(|(b, _)| consistency > b) {
            best = Some((consistency, sep));
        }
    }
    best.map(|(_, sep)| sep)
}

/// Separators on a line, not counting those inside `"…"`. A quoted field spanning lines
/// makes its lines count oddly; the 80 % threshold absorbs a few.
fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            n += 1;
        }
    }
    n
}

fn most_common_nonzero(counts: &[usize]) -> Option<usize> {
    let mut tally: Vec<(usize, usize)> = Vec::new();
    for &c in counts.iter().filter(|c| **c > 0) {
        match tally.iter_mut().find(|(v, _)| *v == c) {
            Some((_, n)) => *n += 1,
            None => tally.push((c, 1)),
        }
    }
    // Most lines; on a tie the larger count (a title line has fewer fields than the table).
    tally
        .into_iter()
        .max_by_key(|(value, lines)| (*lines, *value))
        .map(|(value, _)| value)
}

/// Reads the text as one sheet named after the file (`realisasi-2023.csv` → `realisasi-2023`).
///
/// # Errors
/// [`ReadError::NotSpreadsheet`] when no separator fits (the sniffer has already checked, so
/// only for callers that skip it), [`ReadError::TooManyCells`] past the cell limit.
pub(super) fn read(file: &Path, bytes: &[u8], limits: &ReadLimits) -> Result<Sheet, ReadError> {
    let text = decode(bytes);
    let sep = separator(&text).ok_or_else(|| ReadError::NotSpreadsheet {
        file: file.to_path_buf(),
        detail: super::error::PLAIN_TEXT.into(),
    })?;
    sheet_of(file, &text, sep, limits)
}

/// As [`read`], for text the caller knows is a table even where [`separator`] would call it
/// prose (a list of two comma-separated columns, `--nomenklatur`): the best-fitting
/// separator, else the first of tab, `;`, `,` its first line holds, else `,`.
///
/// # Errors
/// [`ReadError::TooManyCells`] past the cell limit.
pub(super) fn read_table(
    file: &Path,
    bytes: &[u8],
    limits: &ReadLimits,
) -> Result<Sheet, ReadError> {
    let text = decode(bytes);
    let sep = separator(&text).unwrap_or_else(|| {
        let first = text.lines().next().unwrap_or_default().as_bytes();
        [b'\t', b';', b',']
            .into_iter()
            .find(|s| first.contains(s))
            .unwrap_or(b',')
    });
    sheet_of(file, &text, sep, limits)
}

/// The rows of `text` split at `sep`, as one sheet named after the file.
fn sheet_of(file: &Path, text: &str, sep: u8, limits: &ReadLimits) -> Result<Sheet, ReadError> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut names = super::html::SheetNames::default();
    let mut sheet = Sheet::new(names.unique(Some(&stem), 1));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for (row, record) in reader.records().enumerate() {
        // The csv crate fails only on invalid UTF-8, and the text is valid UTF-8.
        let Ok(record) = record else { continue };
        let Ok(row) = u32::try_from(row) else { break };
        if row > MAX_ROW {
            break;
        }
        for (col, field) in record.iter().enumerate() {
            let Ok(col) = u32::try_from(col) else { break };
            if col > MAX_COL {
                break;
            }
            if field.trim().is_empty() {
                continue;
            }
            if sheet.cells.len() >= limits.max_cells_per_sheet {
                return Err(ReadError::TooManyCells {
                    file: file.to_path_buf(),
                    sheet: sheet.name.clone(),
                    limit: limits.max_cells_per_sheet,
                });
            }
            sheet.cells.insert(
                CellAt::new(row, col),
                Cell {
                    raw: Raw::Text(field.to_string()),
                    ..Cell::default()
                },
            );
        }
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_separator_by_consistency() {
        for (text, sep) in [
            ("Kode;Uraian;Pagu\n5.03;Kepegawaian;5.636.089.563,00\n5.03.01;Program;4.868.410.873,00\n", Some(b';')),
            ("Kode\tPagu\n5.03\t1.000,50\n", Some(b'\t')),
            ("a|b|c\n1|2|3\n", Some(b'|')),
            ("kode,uraian,pagu\n5.03,Kepegawaian,5636089563\n5.03.01,\"Program, penunjang\",1\n", Some(b',')),
            // A title line without separators above the table does not spoil it.
            ("REALISASI BELANJA 2023\nNo;Kode;Pagu\n1;5.03;10\n2;5.03.01;7\n3;5.03.02;3\n4;x;1\n", Some(b';')),
        ] {
            assert_eq!(separator(text), sep, "{text:?}");
        }
    }

    #[test]
    fn prose_and_single_lines_are_not_tables() {
        for text in [
            "Laporan ini disusun oleh staf, lalu diperiksa.\nTerima kasih, salam hormat.\n",
            "Pagu;Realisasi\n",
            "Dear team,\nplease find the report attached; it covers 2023, 2024 and 2025.\nRegards\n",
            "just some words\nand more words\n",
            "",
        ] {
            assert_eq!(separator(text), None, "{text:?}");
        }
    }

    #[test]
    fn decodes_bom_utf8_utf16_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFKode;Pagu"), "Kode;Pagu");
        assert_eq!(decode("Kode;Uraian Ã©".as_bytes()), "Kode;Uraian Ã©");
        // 0x96 is an en dash and 0xA0 a no-break space in Windows-1252.
        assert_eq!(
            decode(b"Pagu \x96 Rp\xA01.000"),
            "Pagu \u{2013} Rp\u{a0}1.000"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kode\tPagu".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), "Kode\tPagu");
    }

    #[test]
    fn reads_fields_as_text_at_their_positions() {
        let bytes = b"No;Kode;Pagu\r\n1;5.03;\"Rp. 5.636.089.563,00\"\r\n;;\r\n2;\"a;b\";-\r\n";
        let sheet = read(
            Path::new("/tmp/realisasi 2023.csv"),
            bytes,
            &ReadLimits::default(),
        )
        .unwrap();
        assert_eq!(sheet.name, "realisasi 2023");
        let at = |r, c| sheet.get(CellAt::new(r, c)).map(|c| c.raw.clone());
        assert_eq!(at(1, 2), Some(Raw::Text("Rp. 5.636.089.563,00".into())));
        assert_eq!(at(2, 0), None);
        assert_eq!(at(3, 1), Some(Raw::Text("a;b".into())));
        assert_eq!(sheet.cells.len(), 9);
    }
}
