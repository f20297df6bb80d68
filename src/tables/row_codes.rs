//! A row's code as its code cells write it: one cell (`5.03.01.2.02`), parts split over
//! several cells (`5 03 01 | 2.06 | 01`, `5 | 1 | 2 | 2.01 | 1`), or a path of whole codes, one
//! per column, naming the row's ancestry (SIPD's LRA: bidang `2.16` | SKPD
//! `2.16.2.20.2.21.01.0000` | sub kegiatan `2.16.01.2.01.0001` | account `5.1.02.01`; the RAK
//! and the official nomenclature likewise). Split codes whose sub kegiatan was stored as a
//! number get their width from the whole table ([`SubKegiatanWidth`]).
//!
//! Knows nothing of parents: [`super::parents`] links rows by the paths read here.

use crate::codes::{classify, BudgetCode, CodeKind, CodeShape, ColumnHint, Hints};
use crate::model::Cell;

use super::lines::{cell_text, plain_whole_number, CodeRead, Line};
use super::table::{CodeSource, PathStep, StepCode, SubKegiatanWidth};

/// The first budget year of four-digit sub kegiatan numbers (Kepmendagri
/// 900.1.15.5-1317/2023, applied from the 2024 budget).
const FOUR_DIGIT_SUB_KEGIATAN_FROM: u16 = 2024;

/// One code cell of a row: its column, its text, the code the normalise stage read from it if
/// it read one, and whether it held a number (`46`, whose leading zeros, if it had any, are
/// lost).
pub(super) struct Part {
    col: u32,
    text: String,
    code: Option<StepCode>,
    from_number: bool,
}

/// A code the cell holds, or a part of one: `2.06`, `01`, `5 03 01`; `X` and `XX` of the
/// nomenclature's template rows; an organisation code.
fn code_part(col: u32, cell: &Cell) -> Option<Part> {
    let whole = match (cell.code(), cell.organisation()) {
        (Some(code), _) => Some(StepCode::Budget(code.clone())),
        (None, Some(org)) => Some(StepCode::Organisation(org.clone())),
        (None, None) => None,
    };
    if let Some(code) = whole {
        return Some(Part {
            col,
            text: code.as_str().to_string(),
            code: Some(code),
            from_number: false,
        });
    }
    let text = cell_text(cell);
    let part = classify(&text, Hints::in_column(ColumnHint::RowCode)) == CodeShape::Part;
    part.then(|| Part {
        col,
        from_number: plain_whole_number(cell).is_some(),
        code: None,
        text,
    })
}

/// The code cells of a row, left to right, empty code columns skipped.
pub(super) fn read_parts(line: &Line, code_cols: &[u32]) -> Vec<Part> {
    code_cols
        .iter()
        .filter_map(|col| line.get(*col).and_then(|cell| code_part(*col, cell)))
        .collect()
}

fn token_count(text: &str) -> usize {
    text.split(['.', ' ']).filter(|g| !g.is_empty()).count()
}

/// Parts that each are a whole code naming the row's ancestry, left to right: organisation
/// codes anywhere, program codes each inside the one before, then account codes each inside
/// the one before (`2.16 | 2.16.2.20.2.21.01.0000 | 2.16.01.2.01.0001 | 5.1.02.01`;
/// `1.01 | 1.01.02 | 1.01.02.1.01`). A code column after the path that does not continue it
/// (the nomenclature's `SUBKEGIATAN SEBELUMNYA`, the code a sub kegiatan had before) is not
/// part of it. `None` unless two or more parts make a path: a split code, for one.
fn path_of(parts: &[Part]) -> Option<Vec<PathStep>> {
    let mut steps: Vec<PathStep> = Vec::new();
    let mut last_budget: Option<&BudgetCode> = None;
    for part in parts {
        let Some(code) = &part.code else { break };
        if let StepCode::Budget(budget) = code {
            let continues = match last_budget {
                None => true,
                Some(prev) if prev.kind() == budget.kind() => {
                    prev.contains(budget) && prev != budget
                }
                // Accounts follow the sub kegiatan they are spent under.
                Some(prev) => {
                    prev.kind() == CodeKind::Program && budget.kind() == CodeKind::Account
                }
            };
            if !continues {
                break;
            }
            last_budget = Some(budget);
        }
        steps.push(PathStep {
            col: part.col,
            code: code.clone(),
        });
    }
    (steps.len() >= 2).then_some(steps)
}

/// The parts that make one split code: adjacent columns from the first, as many as fill the
/// six segments of a sub kegiatan.
fn split_parts(parts: &[Part]) -> &[Part] {
    let mut segments = 0;
    let mut take = 0;
    for (i, part) in parts.iter().enumerate() {
        if segments >= 6 || (i > 0 && part.col != parts[i - 1].col + 1) {
            break;
        }
        segments += token_count(&part.text);
        take += 1;
    }
    &parts[..take]
}

/// The sub kegiatan part of a split code, when it stands alone in its cell as the sixth
/// segment: the one whose width (`01` or `0001`) a number cell cannot tell.
fn lone_sub_part(parts: &[Part]) -> Option<&Part> {
    let total: usize = parts.iter().map(|p| token_count(&p.text)).sum();
    let last = parts.last()?;
    (parts.len() > 1 && total == 6 && token_count(&last.text) == 1).then_some(last)
}

/// How wide the sub kegiatan numbers of a table's split codes are, judged from all its rows:
/// a number above 99 or a four-digit text means four digits (Kepmendagri 900.1.15.5-1317/2023),
/// a zero-padded two-digit text means two. Failing that, the years the table's headers name
/// tell which nomenclature was in force: four digits from the 2024 budget on, two before.
/// Numbers alone, in a table naming no year, do not tell.
pub(super) fn sub_kegiatan_width(
    rows: &[(usize, Vec<Part>)],
    year: Option<u16>,
) -> Option<SubKegiatanWidth> {
    // (row, part)
    let lone: Vec<(usize, &Part)> = rows
        .iter()
        .filter(|(_, parts)| path_of(parts).is_none())
        .filter_map(|(i, parts)| lone_sub_part(split_parts(parts)).map(|p| (*i, p)))
        .collect();
    let first_number = lone.iter().find(|(_, p)| p.from_number)?;
    let four = lone.iter().any(|(_, p)| {
        p.text.len() == 4 || (p.from_number && p.text.parse::<u32>().is_ok_and(|n| n > 99))
    });
    let two = lone
        .iter()
        .any(|(_, p)| !p.from_number && p.text.len() == 2 && p.text.starts_with('0'));
    Some(
        if four || year.is_some_and(|y| y >= FOUR_DIGIT_SUB_KEGIATAN_FROM) {
            SubKegiatanWidth::Four
        } else if two || year.is_some() {
            SubKegiatanWidth::Two
        } else {
            SubKegiatanWidth::Unknown {
                row: first_number.0,
                col: first_number.1.col,
            }
        },
    )
}

/// A row's code from its code cells (see the module doc).
pub(super) fn read_code(
    line: &Line,
    code_cols: &[u32],
    parts: &[Part],
    width: Option<SubKegiatanWidth>,
) -> CodeRead {
    if parts.is_empty() {
        // Text that is no code: the normalise stage reported it if it was meant as one.
        return CodeRead {
            code: None,
            path: Vec::new(),
            source: CodeSource::None,
            written: code_cols.first().and_then(|c| line.get(*c)).map(cell_text),
        };
    }
    if let Some(path) = path_of(parts) {
        let code = match path.last().map(|s| &s.code) {
            Some(StepCode::Budget(code)) => Some(code.clone()),
            _ => None,
        };
        let written = path.last().map(|s| s.code.as_str().to_string());
        return CodeRead {
            code,
            path,
            source: CodeSource::Nested,
            written,
        };
    }
    let parts = split_parts(parts);
    let mut texts: Vec<String> = parts.iter().map(|p| p.text.clone()).collect();
    if let (Some(sub), Some(SubKegiatanWidth::Four)) = (lone_sub_part(parts), width) {
        if sub.from_number {
            if let (Some(last), Ok(n)) = (texts.last_mut(), sub.text.parse::<u32>()) {
                *last = format!("{n:04}");
            }
        }
    }
    let single = match parts {
        [one] => one.code.clone(),
        _ => None,
    };
    let (code, step) = match single {
        Some(StepCode::Budget(code)) => (Some(code.clone()), Some(StepCode::Budget(code))),
        Some(org @ StepCode::Organisation(_)) => (None, Some(org)),
        None => {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let code = BudgetCode::from_parts(&refs).ok();
            (code.clone(), code.map(StepCode::Budget))
        }
    };
    let source = if parts.len() > 1 {
        CodeSource::Split
    } else {
        CodeSource::Cell
    };
    CodeRead {
        code,
        path: step
            .map(|code| {
                vec![PathStep {
                    col: parts[0].col,
                    code,
                }]
            })
            .unwrap_or_default(),
        source,
        written: Some(
            parts
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
        ),
    }
}
