//! Reconciliation across the files of one batch: the same SKPD's code, figure role and year
//! wherever a file carries it — the DPA's pagu, the RAK's total, the LRA's anggaran, a Renja's
//! rencana and the next year's Renja's prakiraan maju — side by side, and which ones differ.
//!
//! What one file carries is [`FileFigure`]s (`cross_table::file_figures`, the keys the
//! in-workbook reconciliation uses); here they are grouped across files. Only what is certain
//! is compared:
//! - the SKPD: a figure belongs to the organisation its row names, else to the SKPD its file
//!   is about ([`crate::tables::organisation`]); two files match by organisation code, or by
//!   name where neither has a code, or through a third file that names both the code and the
//!   name. A file about no one SKPD is not reconciled with others (said once, in a notice):
//!   every SKPD has a `5.03.01`-style program, so code alone would compare two agencies;
//! - the year: the column's header year, else the file's (title, then file or folder name);
//!   a figure without either is not compared;
//! - the period, for realisasi: a report of Januari and one of Februari differ by right, so
//!   realisasi meets only realisasi of the same stated period (a month, triwulan or semester
//!   the file's path names), or of none; pagu is the year's whatever the month;
//! - one figure per file and table kind (two RAK sheets of one file are one document);
//! - a line needs figures from two files or more (one file's own tables are its report's
//!   `Rekonsiliasi`).
//!
//! The reference of a line is the DPA's figure where one carries it, else the first file's
//! (by path). A figure that differs from it is an error where the two must agree by rule (a
//! RAK's or an LRA's pagu against the DPA's), else a warning: documents at different stages
//! (rancangan and final, a Renja's forecast and next year's plan) differ legitimately.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::tables::organisation::Skpd;
use crate::tables::TableKind;

use super::precision::same_figure;

/// One figure a file carries, as `batch` keeps it from file to file and run to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileFigure {
    /// The program-hierarchy code (an account line's sub kegiatan).
    pub program: String,
    /// The account, for an account line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// `pagu` or `realisasi`.
    pub role: String,
    /// The column's header year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// The organisation code the row names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The code as messages name it: `5.03.01.2.08.01`, or `sub kegiatan · account`.
    pub code: String,
    pub kind: TableKind,
    pub sheet: String,
    /// A1.
    pub cell: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
}

/// One file of the batch, as reconciliation sees it.
#[derive(Clone, Copy, Debug)]
pub struct FileFigures<'a> {
    /// Its place in the batch (`2025/DPA.xlsx`).
    pub file: &'a str,
    /// The year the document is about.
    pub year: Option<u16>,
    /// The period a report of realisation covers (`januari`, `triwulan 2`), where its path
    /// says.
    pub period: Option<&'static str>,
    pub skpd: Option<&'a Skpd>,
    pub figures: &'a [FileFigure],
}

/// One SKPD's code, role and year as two or more files carry it.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossFileLine {
    /// The SKPD as shown: its code and name, or what is known of them.
    pub skpd: String,
    pub year: u16,
    pub code: String,
    pub role: String,
    /// Every figure is the reference's (to the last place a figure carries).
    pub agrees: bool,
    /// The largest figure less the smallest; `None` past what a `Decimal` holds.
    pub spread: Option<Decimal>,
    /// The reference first, then the others in file order.
    pub figures: Vec<CrossFileFigure>,
}

/// One file's cell in a [`CrossFileLine`].
#[derive(Clone, Debug, PartialEq)]
pub struct CrossFileFigure {
    pub file: String,
    pub figure: FileFigure,
    /// This figure less the reference's, where it differs.
    pub difference: Option<Decimal>,
    /// Where it differs: error when the two must agree by rule, else warning.
    pub severity: Option<Severity>,
}

/// What reconciling a batch found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrossFile {
    pub lines: Vec<CrossFileLine>,
    /// Files with figures that are about no one SKPD, so were not reconciled.
    pub unplaced: Vec<String>,
}

impl CrossFile {
    /// How many figures differ from their line's reference at `severity`.
    pub fn differing(&self, severity: Severity) -> usize {
        self.lines
            .iter()
            .flat_map(|l| &l.figures)
            .filter(|f| f.severity == Some(severity))
            .count()
    }
}

/// Which SKPD a figure belongs to, as one comparable id, and how it is shown.
struct Identities {
    /// Name → code, from files that name both.
    code_of_name: BTreeMap<String, String>,
    /// Code → name, the same way.
    name_of_code: BTreeMap<String, String>,
}

impl Identities {
    fn new(files: &[FileFigures<'_>]) -> Identities {
        let mut code_of_name = BTreeMap::new();
        let mut name_of_code = BTreeMap::new();
        for skpd in files.iter().filter_map(|f| f.skpd) {
            if let (Some(code), Some(name)) = (&skpd.code, &skpd.name) {
                code_of_name
                    .entry(name.clone())
                    .or_insert_with(|| code.clone());
                name_of_code
                    .entry(code.clone())
                    .or_insert_with(|| name.clone());
            }
        }
        Identities {
            code_of_name,
            name_of_code,
        }
    }

    /// The id of a figure's SKPD: the code its row names, else its file's code, else its
    /// file's name (as a code where another file ties the two).
    fn of(&self, figure: &FileFigure, file: Option<&Skpd>) -> Option<String> {
        if let Some(code) = &figure.organisation {
            return Some(code.clone());
        }
        let file = file?;
        if let Some(code) = &file.code {
            return Some(code.clone());
        }
        let name = file.name.as_ref()?;
        Some(
            self.code_of_name
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("~{name}")),
        )
    }

    /// An id as the user reads it: `1.02.2.14.0.00.01.0000 dinas kesehatan`.
    fn shown(&self, id: &str) -> String {
        match id.strip_prefix('~') {
            Some(name) => name.to_string(),
            None => match self.name_of_code.get(id) {
                Some(name) => format!("{id} {name}"),
                None => id.to_string(),
            },
        }
    }
}

/// The key a figure is compared under.
type LineKey = (String, u16, String, Option<String>, String);

/// Reconciles the files of a batch (given in path order).
pub fn reconcile(files: &[FileFigures<'_>]) -> CrossFile {
    let identities = Identities::new(files);
    let mut unplaced = Vec::new();
    let mut by_key: BTreeMap<LineKey, Vec<(usize, &FileFigure)>> = BTreeMap::new();
    for (f, file) in files.iter().enumerate() {
        let mut placed = false;
        for figure in file.figures {
            let Some(id) = identities.of(figure, file.skpd) else {
                continue;
            };
            placed = true;
            let Some(year) = figure.year.or(file.year) else {
                continue;
            };
            let role = match file.period {
                Some(period) if figure.role == "realisasi" => format!("realisasi {period}"),
                _ => figure.role.clone(),
            };
            let key = (
                id,
                year,
                figure.program.clone(),
                figure.account.clone(),
                role,
            );
            by_key.entry(key).or_default().push((f, figure));
        }
        if !placed && !file.figures.is_empty() {
            unplaced.push(file.file.to_string());
        }
    }
    let mut lines = Vec::new();
    for ((id, year, _, _, role), group) in by_key {
        // One figure per file and kind: two of one kind in one file are parts of a document.
        let mut group: Vec<(usize, &FileFigure)> = group
            .iter()
            .filter(|(f, fig)| {
                group
                    .iter()
                    .filter(|(g, other)| g == f && other.kind == fig.kind)
                    .count()
                    == 1
            })
            .copied()
            .collect();
        let first_file = group.first().map(|(f, _)| *f);
        if group.iter().all(|(f, _)| Some(*f) == first_file) {
            continue;
        }
        // The DPA, where one carries the figure, is what the others are held to.
        group.sort_by_key(|(f, fig)| (fig.kind != TableKind::Rincian, *f));
        lines.push(line(&identities, &id, year, &role, files, &group));
    }
    CrossFile { lines, unplaced }
}

fn line(
    identities: &Identities,
    id: &str,
    year: u16,
    role: &str,
    files: &[FileFigures<'_>],
    group: &[(usize, &FileFigure)],
) -> CrossFileLine {
    let reference = group[0].1;
    let figures: Vec<CrossFileFigure> = group
        .iter()
        .enumerate()
        .map(|(i, (f, figure))| {
            let magnitude = reference.value.abs().max(figure.value.abs());
            let differs = i > 0 && !same_figure(reference.value, figure.value, magnitude);
            let by_rule = reference.kind == TableKind::Rincian
                && matches!(figure.kind, TableKind::Rak | TableKind::Lra)
                && role == "pagu";
            CrossFileFigure {
                file: files[*f].file.to_string(),
                figure: (*figure).clone(),
                difference: differs
                    .then(|| figure.value.checked_sub(reference.value))
                    .flatten(),
                severity: differs.then_some(if by_rule {
                    Severity::Error
                } else {
                    Severity::Warning
                }),
            }
        })
        .collect();
    let values = figures.iter().map(|f| f.figure.value);
    let spread = values
        .clone()
        .max()
        .zip(values.min())
        .and_then(|(max, min)| max.checked_sub(min));
    CrossFileLine {
        skpd: identities.shown(id),
        year,
        code: reference.code.clone(),
        role: role.to_string(),
        agrees: figures.iter().all(|f| f.severity.is_none()),
        spread,
        figures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(program: &str, kind: TableKind, value: i64) -> FileFigure {
        FileFigure {
            program: program.into(),
            account: None,
            role: "pagu".into(),
            year: None,
            organisation: None,
            code: program.into(),
            kind,
            sheet: "S".into(),
            cell: "C5".into(),
            value: Decimal::from(value),
        }
    }

    fn named(name: &str) -> Skpd {
        Skpd {
            code: None,
            name: Some(name.into()),
        }
    }

    #[test]
    fn a_dpa_holds_a_rak_to_its_pagu_and_a_renja_only_warns() {
        let bkpsdm = named("badan kepegawaian");
        let dpa = [figure("5.03.01.2.01.01", TableKind::Rincian, 1_000)];
        let rak = [figure("5.03.01.2.01.01", TableKind::Rak, 900)];
        let renja = [figure("5.03.01.2.01.01", TableKind::Rencana, 1_100)];
        let file = |file, figures| FileFigures {
            file,
            year: Some(2025),
            period: None,
            skpd: Some(&bkpsdm),
            figures,
        };
        let found = reconcile(&[
            file("a-rak.xlsx", &rak),
            file("b-renja.xlsx", &renja),
            file("c-dpa.xlsx", &dpa),
        ]);
        assert_eq!(found.lines.len(), 1);
        let line = &found.lines[0];
        assert!(!line.agrees);
        assert_eq!(line.spread, Some(Decimal::from(200)));
        let got: Vec<(&str, Option<Severity>, Option<Decimal>)> = line
            .figures
            .iter()
            .map(|f| (f.file.as_str(), f.severity, f.difference))
            .collect();
        assert_eq!(
            got,
            vec![
                ("c-dpa.xlsx", None, None),
                (
                    "a-rak.xlsx",
                    Some(Severity::Error),
                    Some(Decimal::from(-100))
                ),
                (
                    "b-renja.xlsx",
                    Some(Severity::Warning),
                    Some(Decimal::from(100))
                ),
            ]
        );
        assert_eq!(found.differing(Severity::Error), 1);
    }

    #[test]
    fn two_skpds_sharing_a_program_code_are_not_compared() {
        let one = named("badan kepegawaian");
        let other = named("dinas kesehatan");
        let a = [figure("5.03.01", TableKind::Realisasi, 1_000)];
        let b = [figure("5.03.01", TableKind::Realisasi, 2_000)];
        let found = reconcile(&[
            FileFigures {
                file: "a.xlsx",
                year: Some(2025),
                period: None,
                skpd: Some(&one),
                figures: &a,
            },
            FileFigures {
                file: "b.xlsx",
                year: Some(2025),
                period: None,
                skpd: Some(&other),
                figures: &b,
            },
        ]);
        assert_eq!(found.lines, vec![]);
    }

    #[test]
    fn a_name_meets_a_code_through_a_file_that_names_both() {
        let code = "4.05.7.00.0.00.01.0000";
        let both = Skpd {
            code: Some(code.into()),
            name: Some("badan kepegawaian".into()),
        };
        let name_only = named("badan kepegawaian");
        let mut lra = figure("5.03.01", TableKind::Lra, 1_000);
        lra.organisation = Some(code.into());
        let a = [lra];
        let b = [figure("5.03.01", TableKind::Realisasi, 1_000)];
        let found = reconcile(&[
            FileFigures {
                file: "a.xlsx",
                year: Some(2025),
                period: None,
                skpd: Some(&both),
                figures: &a,
            },
            FileFigures {
                file: "b.xlsx",
                year: Some(2025),
                period: None,
                skpd: Some(&name_only),
                figures: &b,
            },
        ]);
        assert_eq!(found.lines.len(), 1);
        assert!(found.lines[0].agrees);
        assert_eq!(found.lines[0].skpd, format!("{code} badan kepegawaian"));
    }

    #[test]
    fn a_file_about_no_skpd_is_set_aside_and_years_must_meet() {
        let one = named("badan kepegawaian");
        let mut next_year = figure("5.03.01", TableKind::Rencana, 1_200);
        next_year.year = Some(2026);
        let forecast = [next_year];
        let plan = [figure("5.03.01", TableKind::Rencana, 1_000)];
        let loose = [figure("5.03.01", TableKind::Rencana, 1_000)];
        let found = reconcile(&[
            FileFigures {
                file: "2025/renja.xlsx",
                year: Some(2025),
                period: None,
                skpd: Some(&one),
                figures: &forecast,
            },
            FileFigures {
                file: "2026/renja.xlsx",
                year: Some(2026),
                period: None,
                skpd: Some(&one),
                figures: &plan,
            },
            FileFigures {
                file: "lain.xlsx",
                year: Some(2026),
                period: None,
                skpd: None,
                figures: &loose,
            },
        ]);
        assert_eq!(found.unplaced, vec!["lain.xlsx".to_string()]);
        assert_eq!(found.lines.len(), 1);
        let line = &found.lines[0];
        assert_eq!(line.year, 2026);
        assert_eq!(line.figures[1].severity, Some(Severity::Warning));
        assert_eq!(line.figures[1].difference, Some(Decimal::from(-200)));
    }

    #[test]
    fn realisasi_meets_only_realisasi_of_its_period_and_pagu_any_month() {
        let one = named("dinas kesehatan");
        let of = |role: &str, value: i64| FileFigure {
            role: role.into(),
            ..figure("1.02.02.2.01.01", TableKind::Lra, value)
        };
        let january = [of("pagu", 9_000), of("realisasi", 1_000)];
        let february = [of("pagu", 9_000), of("realisasi", 2_500)];
        let january_copy = [of("pagu", 9_000), of("realisasi", 1_000)];
        let file = |file, period, figures| FileFigures {
            file,
            year: Some(2025),
            period,
            skpd: Some(&one),
            figures,
        };
        let found = reconcile(&[
            file("lra-januari.xlsx", Some("januari"), &january),
            file("lra-februari.xlsx", Some("februari"), &february),
            file("salinan/lra-januari.xls", Some("januari"), &january_copy),
        ]);
        let roles: Vec<(&str, usize, bool)> = found
            .lines
            .iter()
            .map(|l| (l.role.as_str(), l.figures.len(), l.agrees))
            .collect();
        assert_eq!(
            roles,
            vec![("pagu", 3, true), ("realisasi januari", 2, true)],
            "{found:#?}"
        );
    }
}
