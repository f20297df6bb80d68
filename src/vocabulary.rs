//! The words Renja tables use in their headers and total rows, kept as data in one place and
//! asked by both stages that read headers:
//! - `normalise`, before any table is known, asks [`column_hint`]: whether a header says its
//!   column holds codes (`Kode …`), numbering (`No.`) or one level of a split code
//!   (`KEGIATAN`), so that `2.01` below it is read as kegiatan 2.01 and not as 2,01;
//! - `tables` asks [`cell_role`] for each header cell's [`ColumnRole`], and [`total_label`],
//!   [`names_money`], [`year_in`] for the rest.
//!
//! Header text is compared after [`normalise_words`]: lower case, punctuation dropped (`%`
//! kept), known typos of real files replaced by the word meant. A header cell takes a role when
//! its normalised text STARTS with one of the role's phrases (a data cell such as "Pengadaan
//! Barang … Urusan Pemerintah" names a role word too, but never starts with it), except for
//! `%`, which marks a percentage wherever it stands (`REALISASI KEUANGAN (%)`).
//!
//! Knows nothing of cells: callers hand over text.

use serde::Serialize;

use crate::codes::{CodeLevel, ColumnHint};

/// What a table's column holds, as its header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnRole {
    /// `Kode`, `KODE REKENING`: the rows' codes.
    Kode,
    /// `No.`, `Nomor`: the rows' printed numbers (`A`, `I`, `1.1`).
    Nomor,
    /// `Uraian`, `Program / Kegiatan`: the rows' names.
    Uraian,
    /// `Indikator Kinerja`, `Tolok Ukur`.
    Indikator,
    Satuan,
    Lokasi,
    SumberDana,
    /// `Catatan`, `Keterangan`.
    Catatan,
    Target,
    Realisasi,
    /// `Pagu`, `APBD 2020`, `Anggaran`: the budget.
    Pagu,
    /// `%`, `Tingkat Realisasi`: a percentage.
    Persen,
    /// `Sisa`, `Selisih Anggaran`: pagu − realisasi.
    Sisa,
    /// A month (`JAN`, `Agustus`, `bulan1`): the amount of that month, in reports by month
    /// and in the cash plan (RAK).
    Bulan,
    /// `Koefisien`, `Volume`: how many units a rincian line buys (`200;2`, 200 × 2).
    Koefisien,
    /// `Harga`, `Harga Satuan`: the price of one unit on a rincian line.
    Harga,
    /// A quarter (`TW I`, `Triwulan II`, `Tw.3`): the amount of those three months, in a
    /// cash plan (RAK) beside or instead of its months.
    Triwulan,
    /// `Total RAK`: the cash plan's total of a line, the sum of its months.
    Kas,
    Other,
}

impl ColumnRole {
    /// Stable kebab-case name, used in findings (`column`) and snapshots.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnRole::Kode => "kode",
            ColumnRole::Nomor => "nomor",
            ColumnRole::Uraian => "uraian",
            ColumnRole::Indikator => "indikator",
            ColumnRole::Satuan => "satuan",
            ColumnRole::Lokasi => "lokasi",
            ColumnRole::SumberDana => "sumber-dana",
            ColumnRole::Catatan => "catatan",
            ColumnRole::Target => "target",
            ColumnRole::Realisasi => "realisasi",
            ColumnRole::Pagu => "pagu",
            ColumnRole::Persen => "persen",
            ColumnRole::Sisa => "sisa",
            ColumnRole::Bulan => "bulan",
            ColumnRole::Triwulan => "triwulan",
            ColumnRole::Koefisien => "koefisien",
            ColumnRole::Harga => "harga",
            ColumnRole::Kas => "kas",
            ColumnRole::Other => "other",
        }
    }
}

/// The word that starts every header of a code column (`Kode`, `KODE REKENING`).
const KODE: &str = "kode";

/// The header of a numbering column, abbreviated (`No`, `No.`).
const NO: &str = "no";

/// Typos and OCR variants seen in real files, replaced before matching (whole words).
pub const VARIANTS: &[(&str, &str)] = &[
    ("praktikan maju", "prakiraan maju"),
    ("praktikum maju", "prakiraan maju"),
    ("prakiraaan maju", "prakiraan maju"),
    ("pagu indikator", "pagu indikatif"),
    ("catanan", "catatan"),
    ("cataan", "catatan"),
    ("tolak ukur", "tolok ukur"),
    ("tolak ular", "tolok ukur"),
    ("totok ular", "tolok ukur"),
    ("indikatror", "indikator"),
    ("relisasi", "realisasi"),
    ("realiasi", "realisasi"),
    ("nomer", "nomor"),
];

/// Role phrases, in priority order within a cell: the first role with a phrase the cell starts
/// with wins. `%` is handled separately (anywhere in the cell means [`ColumnRole::Persen`]);
/// the uraian role also takes the level names of [`CODE_LEVEL_NAMES`] that head uraian
/// columns.
pub const ROLE_PHRASES: &[(ColumnRole, &[&str])] = &[
    (
        ColumnRole::Persen,
        &[
            "tingkat realisasi",
            "tingkat capaian",
            "persentase realisasi",
            "persentase capaian",
            "capaian persen",
        ],
    ),
    (
        ColumnRole::Sisa,
        &["sisa", "selisih anggaran", "sisa anggaran"],
    ),
    (ColumnRole::Kode, &[KODE, "kd rek", "kode rekening"]),
    (ColumnRole::Nomor, &[NO, "nomor", "no urut"]),
    (ColumnRole::SumberDana, &["sumber dana", "sumber pendanaan"]),
    (ColumnRole::Catatan, &["catatan", "keterangan", "ket"]),
    (ColumnRole::Lokasi, &["lokasi"]),
    (ColumnRole::Satuan, &["satuan"]),
    (
        ColumnRole::Pagu,
        &[
            "pagu",
            "apbd",
            "jumlah dana",
            "anggaran",
            "kebutuhan dana",
            "alokasi",
            "dana sesuai pagu",
            "jumlah anggaran",
            "nilai anggaran",
        ],
    ),
    (
        ColumnRole::Realisasi,
        &["realisasi", "prakiraan realisasi", "capaian realisasi"],
    ),
    (ColumnRole::Target, &["target"]),
    (
        ColumnRole::Indikator,
        &[
            "indikator",
            "tolok ukur",
            "capaian program",
            "hasil kegiatan",
            "keluaran",
            "kinerja",
        ],
    ),
    (
        ColumnRole::Uraian,
        &["uraian", "nama program", "nama kegiatan", "nomenklatur"],
    ),
];

/// The months as headers name them (`JAN`, `Agustus`, `AGT`), with their number.
pub const MONTH_NAMES: &[(&str, u8)] = &[
    ("januari", 1),
    ("jan", 1),
    ("februari", 2),
    ("pebruari", 2),
    ("feb", 2),
    ("maret", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("agustus", 8),
    ("agus", 8),
    ("agt", 8),
    ("agu", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nopember", 11),
    ("nop", 11),
    ("nov", 11),
    ("desember", 12),
    ("des", 12),
];

/// The words a quarter's header starts with (`TW I`, `Tw.1`, `Triwulan IV`, `TRW 2`).
const QUARTER_WORDS: &[&str] = &["triwulan", "tw", "trw"];

/// The numerals of a quarter after its word: `I` … `IV`, `1` … `4`.
const QUARTER_NUMERALS: &[(&str, u8)] = &[
    ("i", 1),
    ("ii", 2),
    ("iii", 3),
    ("iv", 4),
    ("1", 1),
    ("2", 2),
    ("3", 3),
    ("4", 4),
];

/// The period a header of a cash plan or a report by period names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Month 1–12.
    Month(u8),
    /// Quarter (triwulan) 1–4: months `3q − 2` to `3q`.
    Quarter(u8),
}

impl Period {
    /// The months of a quarter, or the month itself.
    pub fn months(self) -> std::ops::RangeInclusive<u8> {
        match self {
            Period::Month(m) => m..=m,
            Period::Quarter(q) => 3 * q - 2..=3 * q,
        }
    }
}

/// The period one header cell names, the cell starting with it: `JAN`, `bulan1`, `Bulan 12`,
/// `TW I`, `Tw.1`, `TW1`, `Triwulan IV (Rp)`. Not `Bulan Lalu`, not `Realisasi Triwulan I`.
pub fn period_named(text: &str) -> Option<Period> {
    period_in(&normalise_words(text))
}

/// [`period_named`] of normalised words.
fn period_in(words: &str) -> Option<Period> {
    let mut parts = words.split(' ');
    let first = parts.next()?;
    if let Some(m) = numbered_month(first, parts.clone().next()) {
        return Some(Period::Month(m));
    }
    if let Some(&(_, m)) = MONTH_NAMES.iter().find(|(name, _)| *name == first) {
        return Some(Period::Month(m));
    }
    // `tw1`, `triwulan2` in one word, or the word and its numeral (`tw i`, `triwulan 4`).
    let numeral = QUARTER_WORDS.iter().find_map(|w| {
        let rest = first.strip_prefix(w)?;
        if rest.is_empty() {
            parts.next()
        } else {
            Some(rest)
        }
    })?;
    QUARTER_NUMERALS
        .iter()
        .find(|(n, _)| *n == numeral)
        .map(|&(_, q)| Period::Quarter(q))
}

/// `bulan1` … `bulan12`, `bulan 3`: the months of a cash plan (RAK) by number.
fn numbered_month(first: &str, next: Option<&str>) -> Option<u8> {
    let rest = first.strip_prefix("bulan")?;
    let n = if rest.is_empty() { next? } else { rest };
    n.parse::<u8>().ok().filter(|n| (1..=12).contains(n))
}

/// A name headers give one level of the program code.
pub struct LevelName {
    /// The words, lower case, single-spaced.
    pub words: &'static str,
    pub level: CodeLevel,
    /// Renja tables also head their uraian column with it (`Program / Kegiatan / Sub
    /// Kegiatan` over the names). `BIDANG`, `UNSUR` and `SUBKEGIATAN` in one word head only
    /// the code columns of nomenclature lists.
    pub heads_uraian: bool,
}

/// The names of the program code's levels as headers write them (`URUSAN/UNSUR | BIDANG
/// URUSAN | PROGRAM | KEGIATAN | SUB KEGIATAN`). `sub-kegiatan` is spelt out for
/// [`column_hint`], which compares words as written; [`normalise_words`] makes it
/// `sub kegiatan`.
pub const CODE_LEVEL_NAMES: &[LevelName] = &[
    level("urusan", CodeLevel::Urusan, true),
    level("unsur", CodeLevel::Urusan, false),
    level("bidang", CodeLevel::BidangUrusan, false),
    level("bidang urusan", CodeLevel::BidangUrusan, true),
    level("bidang unsur", CodeLevel::BidangUrusan, false),
    level("program", CodeLevel::Program, true),
    level("kegiatan", CodeLevel::Kegiatan, true),
    level("sub kegiatan", CodeLevel::SubKegiatan, true),
    level("sub-kegiatan", CodeLevel::SubKegiatan, false),
    level("subkegiatan", CodeLevel::SubKegiatan, false),
];

const fn level(words: &'static str, level: CodeLevel, heads_uraian: bool) -> LevelName {
    LevelName {
        words,
        level,
        heads_uraian,
    }
}

/// Words that, alone in a header cell, say a column holds rupiah (`(Rp)`, `Rp.`).
pub const MONEY_WORDS: &[&str] = &["rp", "rupiah", "keuangan", "anggaran", "dana", "pagu"];

/// Words that, in a realisasi column's header, say it holds progress or an indicator's value
/// rather than rupiah (`Realisasi Fisik`, `Realisasi Capaian Kinerja`, `Realisasi Target`).
pub const PROGRESS_WORDS: &[&str] = &[
    "fisik",
    "kinerja",
    "capaian",
    "target",
    "indikator",
    "keluaran",
    "output",
    "hasil",
    "volume",
    "%",
    "persen",
];

/// The whole text of a total row's label, after normalisation (`JUMLAH.....` → `jumlah`).
pub const TOTAL_LABELS: &[&str] = &[
    "jumlah",
    "total",
    "jumlah total",
    "total jumlah",
    "sub total",
    "subtotal",
    "sub jumlah",
    "grand total",
    "jumlah keseluruhan",
    "total keseluruhan",
    "jumlah seluruhnya",
    "jumlah belanja",
    "total belanja",
];

/// Labels of a total over part of a table (the rows since the previous total).
pub const SUBTOTAL_LABELS: &[&str] = &["sub total", "subtotal", "sub jumlah"];

/// Lower case, every run of characters other than letters, digits and `%` made one space,
/// known variants replaced. `"Kebutuhan Dana/ Pagu Indikator (Rp.)"` → `"kebutuhan dana pagu indikatif rp"`.
pub fn normalise_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '%' {
            if c == '%' && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    let mut words = out.trim_end().to_string();
    for (from, to) in VARIANTS {
        if words.contains(from) {
            words = replace_words(&words, from, to);
        }
    }
    words
}

fn replace_words(text: &str, from: &str, to: &str) -> String {
    let padded = format!(" {text} ");
    padded
        .replace(&format!(" {from} "), &format!(" {to} "))
        .trim()
        .to_string()
}

fn starts_with_phrase(words: &str, phrase: &str) -> bool {
    words == phrase
        || words
            .strip_prefix(phrase)
            .is_some_and(|rest| rest.starts_with(' '))
}

/// The role one header cell names, if any.
pub fn cell_role(text: &str) -> Option<ColumnRole> {
    let words = normalise_words(text);
    if words.is_empty() {
        return None;
    }
    if words.split(' ').any(|w| w == "%") {
        return Some(ColumnRole::Persen);
    }
    ROLE_PHRASES
        .iter()
        .find(|(role, phrases)| {
            let level_names = CODE_LEVEL_NAMES
                .iter()
                .filter(|name| *role == ColumnRole::Uraian && name.heads_uraian)
                .map(|name| name.words);
            phrases
                .iter()
                .copied()
                .chain(level_names)
                .any(|p| starts_with_phrase(&words, p))
        })
        .map(|(role, _)| *role)
        .or_else(|| {
            period_in(&words).map(|p| match p {
                Period::Month(_) => ColumnRole::Bulan,
                Period::Quarter(_) => ColumnRole::Triwulan,
            })
        })
}

/// The hint a header text gives the normalise stage about the cells below it. Read from raw
/// header texts anywhere on the sheet before any table is known, so only what data never
/// says: a text starting `Kode` (`KODE REKENING`, `Kode/Rek`), `No` or `No.` alone, or the
/// names of code levels alone (`URUSAN/UNSUR`, `Sub  Kegiatan`; not `PROGRAM KEGIATAN SUB
/// KEGIATAN` over names).
pub fn column_hint(text: &str) -> Option<ColumnHint> {
    let t = text.trim();
    if t.get(..KODE.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(KODE))
    {
        return Some(ColumnHint::Code);
    }
    if t.strip_suffix('.').unwrap_or(t).eq_ignore_ascii_case(NO) {
        return Some(ColumnHint::Numbering);
    }
    if t.split('/').all(|part| code_level_named(part).is_some()) {
        return Some(ColumnHint::Level);
    }
    None
}

/// The code level a header names, the whole header being the name (`BIDANG URUSAN`, ` Sub
/// Kegiatan `; case and runs of white space do not matter).
pub fn code_level_named(header: &str) -> Option<CodeLevel> {
    let words = header.split_whitespace().collect::<Vec<_>>().join(" ");
    CODE_LEVEL_NAMES
        .iter()
        .find(|name| name.words.eq_ignore_ascii_case(&words))
        .map(|name| name.level)
}

/// The levels of the account code as headers name them (`Akun | Kelompok | Jenis | Objek |
/// Rincian Obyek | Rekening (Sub Rincian Obyek)`), after [`normalise_words`].
pub const ACCOUNT_LEVEL_NAMES: &[&str] = &[
    "akun",
    "kelompok",
    "jenis",
    "objek",
    "obyek",
    "rincian objek",
    "rincian obyek",
    "sub rincian objek",
    "sub rincian obyek",
    "rekening",
    "rekening sub rincian obyek",
    "rekening sub rincian objek",
];

/// Whether a header names one level of the program or the account code (`Sub Kegiatan`,
/// `Rincian Obyek`), or the organisation (`OPD`, `SKPD`, `Sub Unit`).
pub fn names_code_level(header: &str) -> bool {
    let words = normalise_words(header);
    code_level_named(header).is_some()
        || ACCOUNT_LEVEL_NAMES.contains(&words.as_str())
        || matches!(
            words.as_str(),
            "opd" | "skpd" | "sub unit" | "unit" | "sub skpd"
        )
}

/// Whether the header text says rupiah (`Rp.`, `(Rp)`, `KEUANGAN`, `Dana`).
pub fn names_money(text: &str) -> bool {
    normalise_words(text)
        .split(' ')
        .any(|w| MONEY_WORDS.contains(&w))
}

/// Whether the header text says progress rather than rupiah ([`PROGRESS_WORDS`]).
pub fn names_progress(text: &str) -> bool {
    normalise_words(text)
        .split(' ')
        .any(|w| PROGRESS_WORDS.contains(&w))
}

/// A four-digit year between 1990 and 2099 named in a header (`Rencana Tahun 2025`).
pub fn year_in(text: &str) -> Option<u16> {
    normalise_words(text)
        .split(' ')
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1990..=2099).contains(y))
}

/// Whether a cell's text is a total row's label (`JUMLAH.....`, `Jumlah Total`, `TOTAL :`),
/// and not a data text that merely starts with "Jumlah" ("Jumlah ASN yang …").
pub fn total_label(text: &str) -> Option<TotalKind> {
    let words = normalise_words(text);
    if SUBTOTAL_LABELS.contains(&words.as_str()) {
        Some(TotalKind::Sub)
    } else if TOTAL_LABELS.contains(&words.as_str()) {
        Some(TotalKind::Grand)
    } else {
        None
    }
}

/// A total over the whole table or over the rows since the previous total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TotalKind {
    Grand,
    Sub,
}

/// Strength of a role when several header cells of one column name different roles
/// (`Target Capaian Kinerja` over `Program`: target beats the uraian word).
pub fn strength(role: ColumnRole) -> u8 {
    match role {
        ColumnRole::Persen | ColumnRole::Sisa | ColumnRole::Pagu => 5,
        ColumnRole::Kode | ColumnRole::Nomor => 4,
        ColumnRole::Realisasi
        | ColumnRole::Target
        | ColumnRole::Bulan
        | ColumnRole::Triwulan
        | ColumnRole::Koefisien
        | ColumnRole::Harga
        | ColumnRole::Kas => 3,
        ColumnRole::Indikator
        | ColumnRole::Lokasi
        | ColumnRole::Satuan
        | ColumnRole::SumberDana
        | ColumnRole::Catatan => 2,
        ColumnRole::Uraian => 1,
        ColumnRole::Other => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    #[test]
    fn headers_tell_the_normalise_stage_how_to_read_below() {
        for (header, hint) in [
            ("Kode", Some(ColumnHint::Code)),
            ("KODE REKENING", Some(ColumnHint::Code)),
            (" kode program ", Some(ColumnHint::Code)),
            ("Kode/Rek", Some(ColumnHint::Code)),
            ("No", Some(ColumnHint::Numbering)),
            ("No.", Some(ColumnHint::Numbering)),
            ("NO", Some(ColumnHint::Numbering)),
            ("No..", None),
            (".", None),
            ("Nomor Urut", None),
            ("URUSAN/UNSUR", Some(ColumnHint::Level)),
            ("BIDANG URUSAN/BIDANG UNSUR", Some(ColumnHint::Level)),
            ("Sub  Kegiatan", Some(ColumnHint::Level)),
            ("SUB-KEGIATAN", Some(ColumnHint::Level)),
            ("SUBKEGIATAN", Some(ColumnHint::Level)),
            ("KEGIATAN", Some(ColumnHint::Level)),
            ("PROGRAM KEGIATAN SUB KEGIATAN", None),
            ("Program/", None),
            ("Nama Kegiatan", None),
            ("Uraian", None),
            ("Kod", None),
            ("Ko€", None),
        ] {
            assert_eq!(column_hint(header), hint, "{header:?}");
        }
        assert_eq!(
            code_level_named(" bidang  Unsur "),
            Some(CodeLevel::BidangUrusan)
        );
        assert_eq!(
            code_level_named("SUB KEGIATAN"),
            Some(CodeLevel::SubKegiatan)
        );
        assert_eq!(code_level_named("Nama Program"), None);
    }

    #[test]
    fn header_cells_take_their_roles() {
        for (text, role) in [
            ("No.", Some(Nomor)),
            ("NO", Some(Nomor)),
            ("Kode", Some(Kode)),
            ("KODE REKENING", Some(Kode)),
            ("PROGRAM KEGIATAN SUB KEGIATAN", Some(Uraian)),
            ("Sub Kegiatan", Some(Uraian)),
            ("BIDANG", None),
            ("UNSUR", None),
            ("SUBKEGIATAN", None),
            ("APBD 2020", Some(Pagu)),
            ("JAN", Some(Bulan)),
            ("bulan1", Some(Bulan)),
            ("Bulan 12", Some(Bulan)),
            ("bulan13", None),
            ("Bulan Lalu", None),
            ("AGUS", Some(Bulan)),
            ("Desember", Some(Bulan)),
            ("TW I", Some(Triwulan)),
            ("Tw.1", Some(Triwulan)),
            ("TW1", Some(Triwulan)),
            ("Triwulan IV (Rp)", Some(Triwulan)),
            ("TRIWULAN 2", Some(Triwulan)),
            ("TW V", None),
            ("Twitter", None),
            ("Realisasi Triwulan I", Some(Realisasi)),
            ("Desa", None),
            (
                "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan",
                Some(Uraian),
            ),
            ("Program / Kegiatan", Some(Uraian)),
            ("JUMLAH DANA SESUAI PAGU Rp.", Some(Pagu)),
            ("Pagu Indikatif Rp.", Some(Pagu)),
            ("Kebutuhan Dana/ Pagu Indikator (Rp.)", Some(Pagu)),
            ("Anggaran", Some(Pagu)),
            ("REALISASI KEUANGAN KEUANGAN", Some(Realisasi)),
            ("(%)", Some(Persen)),
            ("(Rp)", None),
            ("Tingkat Realisasi (%)", Some(Persen)),
            ("Tingkat Capaian", Some(Persen)),
            ("SISA DANA (Rp.)", Some(Sisa)),
            (
                "Indikator Kinerja Program (outcomes)/ Kegiatan (output)",
                Some(Indikator),
            ),
            (
                "Target Renja Perangkat Daerah Tahun 2022 (n-1)",
                Some(Target),
            ),
            (
                "Realisasi Renja Perangkat Daerah Tahun 2022 (n-1)",
                Some(Realisasi),
            ),
            ("Lokasi", Some(Lokasi)),
            ("Sumber Dana", Some(SumberDana)),
            ("Catanan Penting", Some(Catatan)),
            ("Satuan", Some(Satuan)),
            ("Tolak Ular", Some(Indikator)),
            // Data text that names a role word but does not start with it.
            (
                "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
                None,
            ),
            ("Persen", None),
            ("Jumlah ASN yang Mengikuti Sosialisasi", None),
            ("Nota Dinas", None),
        ] {
            assert_eq!(cell_role(text), role, "{text:?}");
        }
    }

    #[test]
    fn periods_have_their_months() {
        for (text, period) in [
            ("JAN", Some(Period::Month(1))),
            ("Agustus", Some(Period::Month(8))),
            ("bulan12", Some(Period::Month(12))),
            ("Bulan 3", Some(Period::Month(3))),
            ("bulan13", None),
            ("Bulan Lalu", None),
            ("TW I", Some(Period::Quarter(1))),
            ("Tw.2", Some(Period::Quarter(2))),
            ("TW-III", Some(Period::Quarter(3))),
            ("Triwulan IV", Some(Period::Quarter(4))),
            ("trw4", Some(Period::Quarter(4))),
            ("TW", None),
            ("Tw.5", None),
        ] {
            assert_eq!(period_named(text), period, "{text:?}");
        }
        assert_eq!(Period::Quarter(2).months(), 4..=6);
        assert_eq!(Period::Month(7).months(), 7..=7);
    }

    #[test]
    fn totals_are_whole_labels() {
        for text in [
            "JUMLAH.....",
            "TOTAL",
            "Jumlah Total",
            "Sub Total",
            "TOTAL :",
            "Grand Total",
        ] {
            assert!(total_label(text).is_some(), "{text:?}");
        }
        assert_eq!(total_label("Sub Total"), Some(TotalKind::Sub));
        for text in [
            "Jumlah ASN yang Mengikuti",
            "Total Belanja Pegawai Kantor",
            "",
            "5.03",
        ] {
            assert_eq!(total_label(text), None, "{text:?}");
        }
    }

    #[test]
    fn years_money_and_typos() {
        assert_eq!(year_in("Praktikan Maju Rencana Tahun 2026"), Some(2026));
        assert_eq!(year_in("Target (n-1)"), None);
        assert!(names_money("(Rp)") && names_money("SISA DANA (Rp.)"));
        assert!(!names_money("Realisasi Renja Perangkat Daerah"));
        assert_eq!(
            normalise_words("Praktikan Maju Rencana"),
            "prakiraan maju rencana"
        );
        assert_eq!(normalise_words("JUMLAH....."), "jumlah");
        assert_eq!(
            normalise_words("Tingkat Realisasi(%)"),
            "tingkat realisasi %"
        );
    }
}
