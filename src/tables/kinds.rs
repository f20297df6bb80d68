//! The kinds of table renja knows, as data: one [`KindSpec`] per kind says how it is
//! recognised, which header words it gives a role the general vocabulary does not, which
//! rules its columns follow, where its totals sit and how rows without a code nest. Detection
//! and the rules read these descriptions; no kind is a branch in their code, so a new kind is
//! a new entry in [`KINDS`].
//!
//! Knows nothing of sheets: recognition is asked with what the header and the rows showed
//! ([`Signs`]).

use serde::{Deserialize, Serialize};

use crate::vocabulary::{normalise_words, ColumnRole};

/// What a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    /// SIPD's cash plan (rencana anggaran kas).
    Rak,
    /// The rincian of an RKA or DPA: koefisien × harga = jumlah per line.
    Rincian,
    /// SIPD's budget realisation by urusan, organisation, program … account.
    Lra,
    /// A SIPD export with one row per account line and one column per level.
    FlatExport,
    /// A revenue report coded by account (kode rekening 4 › 41 › 411).
    Pendapatan,
    /// Renja Tabel 2.1 (Permendagri 86/2017, T-C.29): the evaluation of last year's Renja.
    Evaluasi,
    /// A realisation table: pagu, realisasi, %, sisa per program, kegiatan, sub kegiatan.
    Realisasi,
    /// The review of the draft RKPD (Rancangan Awal RKPD against the needs analysis).
    ReviewRkpd,
    /// The rumusan rencana program dan kegiatan: this year's plan and next year's forecast.
    Rencana,
    /// A list without figures: the nomenclature, account or organisation codes, units.
    Daftar,
    /// A table of figures renja knows no layout for.
    Lain,
}

impl TableKind {
    /// The kind's id, as the JSON report and README name it (its serde name).
    pub fn id(self) -> &'static str {
        match self {
            TableKind::Rak => "rak",
            TableKind::Rincian => "rincian",
            TableKind::Lra => "lra",
            TableKind::FlatExport => "flat-export",
            TableKind::Pendapatan => "pendapatan",
            TableKind::Evaluasi => "evaluasi",
            TableKind::Realisasi => "realisasi",
            TableKind::ReviewRkpd => "review-rkpd",
            TableKind::Rencana => "rencana",
            TableKind::Daftar => "daftar",
            TableKind::Lain => "lain",
        }
    }

    /// The kind's description.
    pub fn spec(self) -> &'static KindSpec {
        KINDS
            .iter()
            .find(|k| k.kind == self)
            .expect("every kind has a spec")
    }
}

/// What recognising a kind asks of a table.
#[derive(Debug, Clone, Copy)]
pub enum Sign {
    /// A header cell starts with one of these phrases (normalised words: `nilai rincian`).
    Header(&'static [&'static str]),
    /// A column of this role holds rupiah.
    Money(ColumnRole),
    /// No column holds rupiah.
    NoMoney,
    /// No column other than codes and numbering holds mostly numbers.
    NoFigures,
    /// The numbering row states a rule (`8=(7/6)`).
    PrintedRule,
    /// Most coded rows list their ancestry over several code columns, and a header names at
    /// least this many levels of the code (`Program | Kegiatan | Sub Kegiatan | Akun …`).
    LevelColumns(usize),
    /// The rows are coded by account (`4 › 41 › 411`), not by program.
    AccountCodes,
}

/// What the header and the rows of a table showed, for recognising its kind.
pub struct Signs<'a> {
    /// Every header text of the table, as written.
    pub headers: Vec<&'a str>,
    pub money_roles: Vec<ColumnRole>,
    pub printed_rule: bool,
    /// Columns whose header names a level of the program or account code.
    pub level_columns: usize,
    pub account_codes: bool,
    /// Columns other than codes and numbering whose filled data cells are mostly numbers.
    pub figure_columns: usize,
}

impl Signs<'_> {
    fn show(&self, sign: &Sign) -> bool {
        match sign {
            Sign::Header(phrases) => self.headers.iter().any(|h| {
                let words = normalise_words(h);
                phrases.iter().any(|p| {
                    words == *p
                        || words
                            .strip_prefix(p)
                            .is_some_and(|rest| rest.starts_with(' '))
                })
            }),
            Sign::Money(role) => self.money_roles.contains(role),
            Sign::NoMoney => self.money_roles.is_empty(),
            Sign::NoFigures => self.figure_columns == 0,
            Sign::PrintedRule => self.printed_rule,
            Sign::LevelColumns(n) => self.level_columns >= *n,
            Sign::AccountCodes => self.account_codes,
        }
    }
}

/// A rule between a row's cells that the layout implies, as a numbering row states its own
/// (`8=(7/6)`): `target` = `expr`, columns named by role.
#[derive(Debug, Clone, Copy)]
pub struct LayoutRule {
    /// As shown in messages: `Total RAK = Σ bulan`.
    pub text: &'static str,
    pub target: ColumnRole,
    pub expr: LayoutExpr,
    /// The rule is left out when the table has a column of this role (a RAK's Total RAK is
    /// the sum of its quarters only where no month is given: where both are, the months are
    /// the detail).
    pub unless: Option<ColumnRole>,
}

/// The right-hand side of a [`LayoutRule`].
#[derive(Debug, Clone, Copy)]
pub enum LayoutExpr {
    /// The first column of this role.
    Column(ColumnRole),
    /// The sum of every column of this role (`bulan1 + … + bulan12`).
    SumOf(ColumnRole),
    /// The product of the first columns of two roles.
    Product(ColumnRole, ColumnRole),
    /// For each target column that names a quarter (`TW I`), the sum of the columns of the
    /// three months it names (`Januari + Februari + Maret`); a quarter whose months are not
    /// all in the table has no rule.
    MonthsOfQuarter,
}

/// How the rows without a code of a coded table nest: group lines (marked, or carrying an
/// amount but no quantity) over the item lines after them, under the coded row above
/// (RKA/DPA: `5.1.02.01.01.0024` › `[#] Belanja ATK` › `Kertas HVS 200;2 lembar × 45.000`).
#[derive(Debug, Clone, Copy)]
pub struct GroupLines {
    /// Marks that start a group line's uraian, outermost first (`[#]` over `[-]`).
    pub markers: &'static [&'static str],
    /// The role whose cell an item line fills and a group line leaves empty.
    pub item_role: ColumnRole,
}

/// One kind of table, described.
#[derive(Debug)]
pub struct KindSpec {
    pub kind: TableKind,
    /// What an office calls it.
    pub name: &'static str,
    /// One line showing the layout, for README and `dump_tables`.
    pub example: &'static str,
    /// Every sign must show for the table to be of this kind. [`KINDS`] is tried in order.
    pub signs: &'static [Sign],
    /// Header phrases (normalised words, the whole header cell) and the role they give here.
    pub roles: &'static [(&'static str, ColumnRole)],
    pub rules: &'static [LayoutRule],
    /// The row of figures right under the header, with no code and no label, adds up the
    /// rows below it (totals sit above their details).
    pub total_above: bool,
    pub group_lines: Option<GroupLines>,
}

use ColumnRole as R;

/// Every kind, most specific first: the first whose signs all show is the table's kind.
pub static KINDS: &[KindSpec] = &[
    KindSpec {
        kind: TableKind::Rak,
        name: "Rencana Anggaran Kas (RAK, SIPD)",
        example: "Kode Sub Kegiatan | Kode Akun | Nilai Rincian | Total RAK | bulan1 … bulan12 \
                  and/or TW I … TW IV, totals above their rows: Total RAK = Σ bulan (or Σ \
                  triwulan) = Nilai Rincian, TW I = bulan1 + bulan2 + bulan3",
        signs: &[
            Sign::Header(&["nilai rincian"]),
            Sign::Header(&["total rak"]),
        ],
        roles: &[("nilai rincian", R::Pagu), ("total rak", R::Kas)],
        rules: &[
            LayoutRule {
                text: "Total RAK = Σ bulan",
                target: R::Kas,
                expr: LayoutExpr::SumOf(R::Bulan),
                unless: None,
            },
            LayoutRule {
                text: "Total RAK = Σ triwulan",
                target: R::Kas,
                expr: LayoutExpr::SumOf(R::Triwulan),
                unless: Some(R::Bulan),
            },
            LayoutRule {
                text: "triwulan = Σ bulannya",
                target: R::Triwulan,
                expr: LayoutExpr::MonthsOfQuarter,
                unless: None,
            },
            LayoutRule {
                text: "Total RAK = Nilai Rincian",
                target: R::Kas,
                expr: LayoutExpr::Column(R::Pagu),
                unless: None,
            },
        ],
        total_above: true,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::Rincian,
        name: "Rincian RKA/DPA (RKA-SKPD 2.2.1, DPA-SKPD)",
        example: "Kode Rekening (5 | 2 | 2 | 01 | 01) | Uraian | Koefisien | Satuan | Harga | \
                  Jumlah: `[#] Belanja ATK` over `Kertas HVS | 200;2 | lembar x bulan | 45.000 | \
                  18.000.000`",
        signs: &[
            Sign::Header(&["koefisien", "volume"]),
            Sign::Header(&["harga", "harga satuan"]),
        ],
        roles: &[
            ("koefisien", R::Koefisien),
            ("volume", R::Koefisien),
            ("harga", R::Harga),
            ("harga satuan", R::Harga),
            ("jumlah", R::Pagu),
            ("jumlah rp", R::Pagu),
            ("total", R::Pagu),
        ],
        rules: &[LayoutRule {
            text: "jumlah = koefisien × harga",
            target: R::Pagu,
            expr: LayoutExpr::Product(R::Koefisien, R::Harga),
            unless: None,
        }],
        total_above: false,
        group_lines: Some(GroupLines {
            markers: &["[#]", "[ # ]", "[-]", "[ - ]"],
            item_role: R::Koefisien,
        }),
    },
    KindSpec {
        kind: TableKind::Lra,
        name: "Laporan Realisasi Anggaran (LRA, SIPD)",
        example:
            "Kode (bidang | SKPD | program–kegiatan–sub kegiatan | akun) | Uraian | Anggaran | \
                  Realisasi per kelompok belanja, every level its own row, Jumlah at the bottom",
        signs: &[
            Sign::Header(&["uraian urusan", "uraian urusan organisasi"]),
            Sign::Money(R::Pagu),
        ],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::FlatExport,
        name: "Ekspor datar SIPD (APBD per baris rekening)",
        example: "Urusan | OPD | Program | Kegiatan | Sub Kegiatan | Akun … | APBD, each level as \
                  `5.1.02 Belanja Barang dan Jasa` in its own column, one row per account line",
        signs: &[Sign::LevelColumns(4), Sign::Money(R::Pagu)],
        roles: &[],
        rules: &[],
        total_above: true,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::Pendapatan,
        name: "Laporan pendapatan (kode rekening)",
        example: "4 | 41 | 411 | 41101 stepping right, Uraian | APBD | JAN … DES",
        signs: &[Sign::AccountCodes, Sign::Money(R::Pagu)],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::Evaluasi,
        name: "Renja Tabel 2.1 (evaluasi Renja tahun lalu, T-C.29)",
        example:
            "Kode | Urusan/Bidang/Program/Kegiatan | Indikator | Target | Realisasi | Tingkat \
                  Realisasi (%) … with the numbering row `8=(7/6) 10=(5+7+9) 11=(10/4)`",
        signs: &[Sign::PrintedRule],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::ReviewRkpd,
        name: "Review Rancangan Awal RKPD",
        example: "Rancangan Awal RKPD (Program/Kegiatan | Lokasi | Indikator | Target | Pagu \
                  Indikatif) against Hasil Analisis Kebutuhan (… | Kebutuhan Dana)",
        signs: &[Sign::Header(&[
            "rancangan awal rkpd",
            "hasil analisis kebutuhan",
        ])],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::Rencana,
        name: "Rumusan rencana program dan kegiatan (Renja tahun rencana dan prakiraan maju)",
        example: "Kode | Program/Kegiatan/Sub Kegiatan | Indikator | Rencana Tahun 2025 (… Pagu \
                  Indikatif) | Prakiraan Maju 2026 (… Kebutuhan Dana)",
        signs: &[Sign::Header(&["prakiraan maju"])],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::Realisasi,
        name: "Tabel realisasi anggaran (pagu, realisasi, %, sisa)",
        example: "No | Kode | Program/Kegiatan/Sub Kegiatan | Pagu | Realisasi (Rp) | % | Sisa, \
                  JUMLAH at the bottom",
        signs: &[Sign::Money(R::Pagu), Sign::Money(R::Realisasi)],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::Daftar,
        name: "Daftar tanpa angka (nomenklatur, kode rekening, kode organisasi, satuan)",
        example: "BIDANG | PROGRAM | KEGIATAN | SUBKEGIATAN | INDIKATOR | SATUAN, no figures",
        signs: &[Sign::NoMoney, Sign::NoFigures],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
    KindSpec {
        kind: TableKind::Lain,
        name: "Tabel angka lain",
        example: "any other table of figures with a header renja reads",
        signs: &[],
        roles: &[],
        rules: &[],
        total_above: false,
        group_lines: None,
    },
];

/// The table's kind: the first in [`KINDS`] whose signs all show.
pub fn recognise(signs: &Signs) -> TableKind {
    KINDS
        .iter()
        .find(|k| k.signs.iter().all(|s| signs.show(s)))
        .map_or(TableKind::Lain, |k| k.kind)
}

/// The role this kind gives a header text, if any: the whole normalised text is one of the
/// kind's phrases (`Jumlah (Rp)` in a rincian).
pub fn kind_role(spec: &KindSpec, header: &str) -> Option<ColumnRole> {
    let words = normalise_words(header);
    spec.roles
        .iter()
        .find(|(phrase, _)| *phrase == words)
        .map(|(_, role)| *role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kinds_id_is_its_serde_name() {
        for spec in KINDS {
            let serde = serde_json::to_value(spec.kind).expect("serialises");
            assert_eq!(serde.as_str(), Some(spec.kind.id()), "{:?}", spec.kind);
        }
    }

    fn signs<'a>(headers: &[&'a str], money: &[ColumnRole]) -> Signs<'a> {
        Signs {
            headers: headers.to_vec(),
            money_roles: money.to_vec(),
            printed_rule: false,
            level_columns: 0,
            account_codes: false,
            figure_columns: 0,
        }
    }

    #[test]
    fn every_kind_has_one_spec_and_the_last_takes_anything() {
        for spec in KINDS {
            assert_eq!(spec.kind.spec().name, spec.name);
            assert!(!spec.example.is_empty());
        }
        assert!(KINDS.last().unwrap().signs.is_empty());
    }

    #[test]
    fn kinds_are_told_by_their_headers() {
        for (headers, money, kind) in [
            (
                &["Kode Akun", "Nilai Rincian", "Total RAK", "bulan1"][..],
                &[R::Pagu][..],
                TableKind::Rak,
            ),
            (
                &["Kode Rekening", "Uraian", "Koefisien", "Harga", "Jumlah"],
                &[R::Pagu],
                TableKind::Rincian,
            ),
            (
                &[
                    "Kode",
                    "Uraian Urusan, Organisasi, Program, Kegiatan dan Sub Kegiatan",
                    "Anggaran",
                ],
                &[R::Pagu],
                TableKind::Lra,
            ),
            (
                &["No.", "Kode", "Uraian", "Pagu", "Realisasi", "Sisa"],
                &[R::Pagu, R::Realisasi],
                TableKind::Realisasi,
            ),
            (&["KODE", "ORGANISASI"], &[], TableKind::Daftar),
            (&["Uraian", "Pagu"], &[R::Pagu], TableKind::Lain),
        ] {
            assert_eq!(recognise(&signs(headers, money)), kind, "{headers:?}");
        }
        assert_eq!(
            kind_role(TableKind::Rincian.spec(), "JUMLAH (Rp)"),
            Some(R::Pagu)
        );
        assert_eq!(kind_role(TableKind::Realisasi.spec(), "Jumlah"), None);
    }
}
