//! Which SKPD (perangkat daerah) a document is about, so `batch` can hold the figures of one
//! SKPD's files against each other and never against another SKPD's that shares a program
//! code (every SKPD has a `5.03.01`-style penunjang program).
//!
//! Three signals, the first two certain, the third read from prose:
//! 1. the organisation code every row's path names (an LRA's or a RAK's SKPD column or row),
//!    when all rows name the same one;
//! 2. a label above a table: `Organisasi : 1.02.2.14.0.00.01.0000 Dinas Kesehatan`,
//!    `Nama Perangkat Daerah : Badan Kepegawaian …`, `SKPD | : | …`;
//! 3. a title line above the first table naming an agency by its type word (`Badan`,
//!    `Dinas`, `Sekretariat`, `Inspektorat`, `Kecamatan`, …): the name runs from that word to
//!    the first word that is not part of it (`Tahun`, `Kota`, `Kabupaten`, a year).
//!
//! Names are kept as their normalised words (`badan kepegawaian dan pengembangan sumber daya
//! manusia`), so `BADAN KEPEGAWAIAN …` in one file and `Badan Kepegawaian …` in another are
//! one SKPD. Where the signals disagree (two codes, a label's code against the rows'), the
//! document has no one SKPD and `None` is the answer: renja does not guess.

use serde::{Deserialize, Serialize};

use crate::codes::{classify, CodeShape, Hints};
use crate::model::{CellAt, Sheet, Value, Workbook};
use crate::vocabulary::normalise_words;

use super::{StepCode, Table, TableKind};

/// The SKPD a document is about: its organisation code, its name, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skpd {
    /// `1.02.2.14.0.00.01.0000`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The name's normalised words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Skpd {
    /// As the user reads it: `1.02.2.14.0.00.01.0000 dinas kesehatan`.
    pub fn shown(&self) -> String {
        match (&self.code, &self.name) {
            (Some(code), Some(name)) => format!("{code} {name}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => String::new(),
        }
    }
}

/// Labels that introduce the SKPD in a header block, as normalised words.
const LABELS: &[&str] = &[
    "nama perangkat daerah",
    "perangkat daerah",
    "nama skpd",
    "skpd",
    "nama opd",
    "opd",
    "unit organisasi",
    "organisasi",
];

/// The words an agency's name starts with.
const AGENCY_WORDS: &[&str] = &[
    "badan",
    "dinas",
    "sekretariat",
    "inspektorat",
    "kecamatan",
    "kelurahan",
    "satuan",
    "rumah",
    "kantor",
];

/// Words that end an agency's name in a title line (`… Manusia Tahun 2025`, `… Kota Binjai`).
const NAME_ENDS: &[&str] = &[
    "tahun",
    "kota",
    "kabupaten",
    "kab",
    "provinsi",
    "prov",
    "pemerintah",
    "periode",
    "bulan",
    "triwulan",
    "semester",
    "sd",
    "pelaporan",
    "laporan",
];

/// The SKPD the document is about, when its signals name one (see the module doc).
pub fn document_skpd(workbook: &Workbook, tables: &[Table]) -> Option<Skpd> {
    let mut codes: Vec<String> = Vec::new();
    for table in tables.iter().filter(|t| t.kind != TableKind::Daftar) {
        for row in &table.rows {
            for step in &row.path {
                if let StepCode::Organisation(code) = &step.code {
                    let code = code.as_str().to_string();
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
            }
        }
    }
    if codes.len() > 1 {
        return None;
    }
    let mut skpd = Skpd {
        code: codes.pop(),
        name: None,
    };
    for (code, name) in labelled(workbook, tables) {
        if let Some(code) = code {
            match &skpd.code {
                Some(known) if *known != code => return None,
                _ => skpd.code = Some(code),
            }
        }
        if skpd.name.is_none() {
            skpd.name = name;
        }
    }
    if skpd.name.is_none() {
        skpd.name = titled(workbook, tables);
    }
    (skpd.code.is_some() || skpd.name.is_some()).then_some(skpd)
}

/// The text cells above each sheet's first table, row by row.
fn above_tables<'a>(
    workbook: &'a Workbook,
    tables: &'a [Table],
) -> impl Iterator<Item = (&'a Sheet, CellAt, &'a str)> + 'a {
    let mut firsts: Vec<(usize, u32)> = Vec::new();
    for table in tables {
        match firsts.iter_mut().find(|(s, _)| *s == table.sheet) {
            Some((_, row)) => *row = (*row).min(table.range.start.row),
            None => firsts.push((table.sheet, table.range.start.row)),
        }
    }
    firsts.sort_unstable();
    firsts.into_iter().flat_map(move |(s, first_row)| {
        let sheet = &workbook.sheets[s];
        sheet
            .cells
            .iter()
            .take_while(move |(at, _)| at.row < first_row)
            .filter_map(move |(at, cell)| match &cell.value {
                Value::Text(text) => Some((sheet, *at, text.as_str())),
                _ => None,
            })
    })
}

/// What the SKPD labels above the tables say: (code, name) of each.
fn labelled(workbook: &Workbook, tables: &[Table]) -> Vec<(Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for (sheet, at, text) in above_tables(workbook, tables) {
        let (label, after) = match text.split_once(':') {
            Some((label, after)) => (label, after.trim().to_string()),
            None => (text, String::new()),
        };
        if !LABELS.contains(&normalise_words(label).as_str()) {
            continue;
        }
        let has_colon = text.contains(':');
        let value = if after.is_empty() {
            match rest_of_row(sheet, at, has_colon) {
                Some(value) => value,
                None => continue,
            }
        } else {
            after
        };
        out.push(read_value(&value));
    }
    out
}

/// The text right of a label on its row (`SKPD | : | 1.02… Dinas …`); `None` when there is
/// none, or when no colon stands between the label and it (a column header, not a label).
fn rest_of_row(sheet: &Sheet, label: CellAt, mut has_colon: bool) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let cells = sheet
        .cells
        .range(CellAt::new(label.row, label.col + 1)..CellAt::new(label.row + 1, 0));
    for (_, cell) in cells {
        let Some(text) = cell.value.as_text() else {
            continue;
        };
        let text = text.trim();
        let text = match text.strip_prefix(':') {
            Some(rest) => {
                has_colon = true;
                rest.trim()
            }
            None => text,
        };
        if !text.is_empty() {
            parts.push(text);
        }
    }
    (has_colon && !parts.is_empty()).then(|| parts.join(" "))
}

/// A label's value: an organisation code with or without its name, or a name.
fn read_value(value: &str) -> (Option<String>, Option<String>) {
    let name = |text: &str| {
        let words = normalise_words(text);
        words.chars().any(char::is_alphabetic).then_some(words)
    };
    match classify(value, Hints::default()) {
        CodeShape::Organisation { code, name: rest } => {
            (Some(code.as_str().to_string()), name(rest))
        }
        _ => (None, name(value)),
    }
}

/// The agency a title line above the first table names, from its type word to the first
/// word that ends it.
fn titled(workbook: &Workbook, tables: &[Table]) -> Option<String> {
    let first = tables.first()?.sheet;
    above_tables(workbook, tables)
        .filter(|(sheet, _, _)| std::ptr::eq(*sheet, &workbook.sheets[first]))
        .find_map(|(_, _, text)| agency_in_title(text))
}

/// `Rumusan … Badan Kepegawaian dan Pengembangan SDM Tahun 2025 …` → `badan kepegawaian dan
/// pengembangan sdm`.
fn agency_in_title(text: &str) -> Option<String> {
    // ` - ` and `,` end a name too (`BADAN PENDAPATAN DAERAH - PELAPORAN …`).
    let text = text.split([',', ';', '(']).next().unwrap_or(text);
    let text = text.split(" - ").next().unwrap_or(text);
    let words = normalise_words(text);
    let words: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
    let start = words.iter().position(|w| AGENCY_WORDS.contains(w))?;
    let name: Vec<&str> = words[start..]
        .iter()
        .take_while(|w| !NAME_ENDS.contains(w) && !w.starts_with(|c: char| c.is_ascii_digit()))
        .copied()
        .collect();
    // A type word alone (`Kantor`) names no agency.
    (name.len() >= 2).then(|| name.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::detect_tables;
    use crate::tables::testing::{sheet, tsv, workbook};

    fn skpd_of(rows: &str) -> Option<Skpd> {
        let wb = workbook(vec![sheet("S", 0, 0, &[0], &tsv(rows))]);
        let tables = detect_tables(&wb);
        assert!(!tables.is_empty(), "no table in {rows:?}");
        document_skpd(&wb, &tables)
    }

    const TABLE: &str = "Kode\tUraian\tPagu\tRealisasi\n\
                         5.03.01\tProgram Penunjang\t1.000\t900\n\
                         5.03.01.2.01\tKegiatan\t1.000\t900\n";

    #[test]
    fn a_title_line_names_the_agency_up_to_the_year_or_the_city() {
        let named = |t| agency_in_title(t);
        assert_eq!(
            named("Rumusan Rencana Program dan Kegiatan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2025 dan Prakiraan Maju Tahun 2026 Kota Binjai").as_deref(),
            Some("badan kepegawaian dan pengembangan sumber daya manusia")
        );
        assert_eq!(
            named("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KOTA BINJAI").as_deref(),
            Some("badan kepegawaian dan pengembangan sumber daya manusia")
        );
        assert_eq!(
            named("BADAN PENDAPATAN DAERAH - PELAPORAN PENDAPATAPAN 2020").as_deref(),
            Some("badan pendapatan daerah")
        );
        assert_eq!(named("ANGGARAN KAS TAHUN 2025"), None);
        assert_eq!(
            named("REKAPITULASI BELANJA MENURUT URUSAN PEMERINTAH DAERAH, ORGANISASI"),
            None
        );
    }

    #[test]
    fn a_label_gives_the_code_and_the_name() {
        let found = skpd_of(&format!(
            "Organisasi : 1.02.2.14.0.00.01.0000 Dinas Kesehatan\n\n{TABLE}"
        ));
        assert_eq!(
            found,
            Some(Skpd {
                code: Some("1.02.2.14.0.00.01.0000".into()),
                name: Some("dinas kesehatan".into()),
            })
        );
        let split = skpd_of(&format!(
            "Nama Perangkat Daerah\t:\tBadan Kepegawaian Daerah\n\n{TABLE}"
        ));
        assert_eq!(
            split.and_then(|s| s.name).as_deref(),
            Some("badan kepegawaian daerah")
        );
    }

    #[test]
    fn a_document_without_a_signal_has_no_skpd() {
        assert_eq!(
            skpd_of(&format!("Laporan Realisasi Tahun 2025\n\n{TABLE}")),
            None
        );
    }

    #[test]
    fn two_codes_are_no_one_skpd() {
        let found = skpd_of(&format!(
            "Organisasi : 1.02.2.14.0.00.01.0000 Dinas Kesehatan\n\
             SKPD : 4.05.7.00.0.00.01.0000 Badan Kepegawaian\n\n{TABLE}"
        ));
        assert_eq!(found, None);
    }
}
