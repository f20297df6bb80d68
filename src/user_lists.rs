//! A user's own code list (`--nomenklatur FILE`): an xlsx, ods, xls or csv whose rows hold a
//! code and, in the next filled cell to its right, its official name (or both in one cell,
//! `1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN`, as the nomenclature writes them). Rows without a
//! code (titles, headers) are skipped. A year in the file's name (`nomenklatur-2025.csv`)
//! makes it the list for that year, replacing the embedded one; without one it is the list for
//! every year. Program and account codes may share a file.
//!
//! Reads through `read` and hands the rows to `codes::lists`; knows nothing of checking.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::codes::lists::{CodeList, ListHeader, ListKind, ListRow};
use crate::codes::{classify, BudgetCode, CodeKind, CodeShape, Hints};
use crate::messages::Message;
use crate::model::{Raw, Workbook};
use crate::read::{read_bytes, read_delimited_table, read_file, ReadError, ReadLimits};
use crate::tables::figures::year_in_text;

/// Why a code list could not be used.
#[derive(Debug, Error)]
pub enum ListFileError {
    /// The file could not be read as a workbook or CSV at all.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A workbook without a single row holding a code and a name (a Renja table with figures,
    /// a list whose codes are split over columns).
    #[error("{}: no rows of code and name", file.display())]
    NoCodes { file: PathBuf },
}

impl ListFileError {
    pub fn message(&self) -> Message {
        match self {
            ListFileError::Read(e) => e.message(),
            ListFileError::NoCodes { file } => {
                Message::new("list.no-codes").arg("file", file.display())
            }
        }
    }
}

/// Reads the list at `path`: one list per kind of code it holds.
///
/// # Errors
/// [`ListFileError`] when the file cannot be read or holds no code with a name.
pub fn load(path: &Path, limits: &ReadLimits) -> Result<Vec<CodeList>, ListFileError> {
    let bytes = read_file(path)?;
    let fingerprint: String = Sha256::digest(&bytes)[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let workbook = if is_delimited(path) {
        read_delimited_table(path, &bytes, limits)?
    } else {
        read_bytes(path, bytes, limits)?
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let year = year_in_text(&name);
    let mut lists = Vec::new();
    for kind in [ListKind::Program, ListKind::Account] {
        let rows: Vec<ListRow> = rows(&workbook)
            .filter(|(code, _)| list_kind(code) == kind)
            .map(|(code, name)| ListRow {
                code: code.canonical(),
                name,
                previous: None,
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let header = ListHeader {
            kind,
            first_year: year,
            last_year: year,
            title: name.clone(),
            source: format!("{name} sha256:{fingerprint}"),
        };
        lists.push(CodeList::from_rows(header, rows).0);
    }
    if lists.is_empty() {
        return Err(ListFileError::NoCodes {
            file: path.to_path_buf(),
        });
    }
    Ok(lists)
}

/// A `.csv`, `.tsv` or `.txt` list: read as a table without the sniffer, which (made for
/// tables of figures) refuses text of two comma-separated columns as prose.
fn is_delimited(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["csv", "tsv", "txt"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

fn list_kind(code: &BudgetCode) -> ListKind {
    match code.kind() {
        CodeKind::Program => ListKind::Program,
        CodeKind::Account => ListKind::Account,
    }
}

/// Every (code, name) the workbook's sheets hold, row by row.
fn rows(workbook: &Workbook) -> impl Iterator<Item = (BudgetCode, String)> + '_ {
    workbook.sheets.iter().flat_map(|sheet| {
        let mut texts: Vec<(u32, Vec<String>)> = Vec::new();
        for (at, cell) in &sheet.cells {
            let text = match &cell.raw {
                Raw::Text(t) => t.trim().to_string(),
                Raw::Number(n) => n.to_string(),
                _ => continue,
            };
            if text.is_empty() {
                continue;
            }
            match texts.last_mut() {
                Some((row, cells)) if *row == at.row => cells.push(text),
                _ => texts.push((at.row, vec![text])),
            }
        }
        texts
            .into_iter()
            .filter_map(|(_, cells)| code_and_name(&cells))
    })
}

/// The first code of a row and the name after it, in its own cell or the next one.
fn code_and_name(cells: &[String]) -> Option<(BudgetCode, String)> {
    let hints = Hints::in_column(crate::codes::ColumnHint::Code);
    cells
        .iter()
        .enumerate()
        .find_map(|(i, text)| match classify(text, hints) {
            CodeShape::Named { code, name } => Some((code, name.trim().to_string())),
            CodeShape::Code(code) => {
                let name = cells.get(i + 1)?;
                name.chars()
                    .any(char::is_alphabetic)
                    .then(|| (code, name.clone()))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_of_code_and_name_is_a_list_for_the_year_in_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nomenklatur-2025.csv");
        std::fs::write(
            &path,
            "Kode,Nama\n5.03.02,PROGRAM KEPEGAWAIAN DAERAH\n5.03.02.2.01.0001,Perumusan Bahan Kebijakan Pengadaan ASN\n5.1.02.01.01.0024,Belanja Alat/Bahan untuk Kegiatan Kantor- Alat Tulis Kantor\n",
        )
        .unwrap();
        let lists = load(&path, &ReadLimits::default()).unwrap();
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[0].header.kind, ListKind::Program);
        assert_eq!(lists[0].len(), 2);
        assert_eq!(lists[1].header.kind, ListKind::Account);
        assert!(lists[0].is_for(Some(2025)) && !lists[0].is_for(Some(2026)));
        assert!(lists[0]
            .header
            .source
            .starts_with("nomenklatur-2025.csv sha256:"));
    }

    #[test]
    fn a_file_without_codes_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("daftar.csv");
        std::fs::write(&path, "Nama,Satuan\nOrang,orang\n").unwrap();
        let error = load(&path, &ReadLimits::default()).unwrap_err();
        assert!(matches!(error, ListFileError::NoCodes { .. }));
        let text = error.message().render(crate::messages::Lang::Id);
        assert!(text.contains("daftar.csv"), "{text}");
    }
}
