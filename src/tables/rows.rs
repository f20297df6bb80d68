//! Each row's budget code (one cell, split over several cells, the deepest of cells that list
//! its ancestors, or inherited from the row above; account codes in [`super::accounts`]), its
//! printed number and uraian, and its parent: the nearest row above whose code is the closest
//! ancestor, or, in a table without codes, the nearest row above with a numbering of a higher
//! level (A › I › 1 › 1.1). Split codes whose sub kegiatan was stored as a number get their
//! width from the whole table ([`SubKegiatanWidth`]).

use crate::codes::{classify, BudgetCode, CodeShape, ColumnHint, Hints};
use crate::model::Cell;
use crate::vocabulary::ColumnRole;

use super::accounts;
use super::lines::{cell_text, plain_whole_number, CodeRead, Line, RawRow};
use super::table::{CodeSource, Column, RowKind, SubKegiatanWidth, TableRow};

/// The columns a row's code is read from: the Kode columns, and the unlabelled columns right
/// after them (a split code whose header `Kode` lost its merge: `5 03 01 | 2.06 | 01`).
fn code_columns(columns: &[Column]) -> Vec<u32> {
    let Some(first) = columns.iter().position(|c| c.role == ColumnRole::Kode) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in &columns[first..] {
        let unlabelled = c.role == ColumnRole::Other
            && c.header
                .chars()
                .all(|ch| ch.is_ascii_digit() || ch.is_whitespace() || ch == '/');
        if c.role == ColumnRole::Kode || (unlabelled && !out.is_empty() && out.len() < 6) {
            out.push(c.col);
        } else {
            break;
        }
    }
    out
}

/// The first budget year of four-digit sub kegiatan numbers (Kepmendagri
/// 900.1.15.5-1317/2023, applied from the 2024 budget).
const FOUR_DIGIT_SUB_KEGIATAN_FROM: u16 = 2024;

/// One cell's part of a code: its text, the code the normalise stage read from the cell if
/// it read one, and whether the cell held a number (`46`, whose leading zeros, if it had any,
/// are lost).
struct Part {
    text: String,
    code: Option<BudgetCode>,
    from_number: bool,
}

/// A code the cell holds, or a part of one: `2.06`, `01`, `5 03 01`; `X` and `XX` of the
/// nomenclature's template rows.
fn code_part(cell: &Cell) -> Option<Part> {
    if let Some(code) = cell.code() {
        return Some(Part {
            text: code.canonical(),
            code: Some(code.clone()),
            from_number: false,
        });
    }
    let text = cell_text(cell);
    let part = classify(&text, Hints::in_column(ColumnHint::RowCode)) == CodeShape::Part;
    part.then(|| Part {
        from_number: plain_whole_number(cell).is_some(),
        code: None,
        text,
    })
}

/// The parts of a row's code, left to right, up to the first code column without one.
fn read_parts(line: &Line, code_cols: &[u32]) -> Vec<Part> {
    code_cols
        .iter()
        .map_while(|col| line.get(*col).and_then(code_part))
        .collect()
}

fn token_count(text: &str) -> usize {
    text.split(['.', ' ']).filter(|g| !g.is_empty()).count()
}

/// Parts that each are a whole code, each inside the next (`1.01 | 1.01.02 | 1.01.02.1.01`):
/// the columns list a row's ancestors, and its code is the deepest.
fn deepest_of_nested(parts: &[Part]) -> Option<BudgetCode> {
    if parts.len() < 2 {
        return None;
    }
    let codes: Vec<BudgetCode> = parts
        .iter()
        .map(|p| p.code.clone().or_else(|| BudgetCode::parse(&p.text).ok()))
        .collect::<Option<_>>()?;
    codes
        .windows(2)
        .all(|w| w[0].contains(&w[1]) && w[0] != w[1])
        .then(|| codes.last().cloned())
        .flatten()
}

/// The parts that make one split code: as many as fill the six segments of a sub kegiatan.
fn split_parts(parts: &[Part]) -> &[Part] {
    let mut segments = 0;
    let mut take = 0;
    for part in parts {
        if segments >= 6 {
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
fn sub_kegiatan_width(
    rows: &[(usize, Vec<Part>)],
    code_cols: &[u32],
    year: Option<u16>,
) -> Option<SubKegiatanWidth> {
    // (row, part, sheet column of the part)
    let lone: Vec<(usize, &Part, u32)> = rows
        .iter()
        .filter(|(_, parts)| deepest_of_nested(parts).is_none())
        .filter_map(|(i, parts)| {
            let parts = split_parts(parts);
            let col = *code_cols.get(parts.len().checked_sub(1)?)?;
            lone_sub_part(parts).map(|p| (*i, p, col))
        })
        .collect();
    let first_number = lone.iter().find(|(_, p, _)| p.from_number)?;
    let four = lone.iter().any(|(_, p, _)| {
        p.text.len() == 4 || (p.from_number && p.text.parse::<u32>().is_ok_and(|n| n > 99))
    });
    let two = lone
        .iter()
        .any(|(_, p, _)| !p.from_number && p.text.len() == 2 && p.text.starts_with('0'));
    Some(
        if four || year.is_some_and(|y| y >= FOUR_DIGIT_SUB_KEGIATAN_FROM) {
            SubKegiatanWidth::Four
        } else if two || year.is_some() {
            SubKegiatanWidth::Two
        } else {
            SubKegiatanWidth::Unknown {
                row: first_number.0,
                col: first_number.2,
            }
        },
    )
}

/// A table's rows and what reading their codes found out about the table.
pub(super) struct BuiltRows {
    pub rows: Vec<TableRow>,
    pub sub_kegiatan_width: Option<SubKegiatanWidth>,
    /// Rows whose account code, written without dots, has no parent row to split along.
    pub account_codes_unsplit: Vec<usize>,
}

fn read_code(
    line: &Line,
    code_cols: &[u32],
    parts: &[Part],
    width: Option<SubKegiatanWidth>,
) -> CodeRead {
    if parts.is_empty() {
        // Text that is no code: the normalise stage reported it if it was meant as one.
        return CodeRead {
            code: None,
            source: CodeSource::None,
            written: code_cols.first().and_then(|c| line.get(*c)).map(cell_text),
        };
    }
    if let Some(code) = deepest_of_nested(parts) {
        return CodeRead {
            code: Some(code),
            source: CodeSource::Nested,
            written: parts.last().map(|p| p.text.clone()),
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
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let code = BudgetCode::from_parts(&refs).ok();
    let source = if parts.len() > 1 {
        CodeSource::Split
    } else {
        CodeSource::Cell
    };
    CodeRead {
        code,
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

/// Level of a printed row number: `A` 1, `I` 2, `1` 3, `1.1`/`1,1` 4, `1.1.1` 5, `a` 6.
pub fn numbering_level(text: &str) -> Option<u8> {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return Some(2);
    }
    if t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(1);
    }
    if t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(6);
    }
    let groups: Vec<&str> = t.split(['.', ',']).collect();
    if groups
        .iter()
        .all(|g| !g.is_empty() && g.len() <= 3 && g.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(2 + groups.len().min(4) as u8);
    }
    None
}

/// The rows of a table with only their kind known.
fn line_rows(raw: &[RawRow]) -> Vec<TableRow> {
    raw.iter()
        .map(|r| TableRow {
            row: r.row,
            kind: r.kind,
            code: None,
            code_inherited: false,
            code_source: CodeSource::None,
            code_written: None,
            numbering: None,
            uraian: None,
            parent: None,
        })
        .collect()
}

/// Every row of a table with its code, numbering, uraian and parent; and, when split codes
/// had sub kegiatan numbers stored as numbers, how wide those were read.
pub(super) fn build_rows(raw: &[RawRow], lines: &[Line], columns: &[Column]) -> BuiltRows {
    let mut rows = line_rows(raw);
    let code_cols = code_columns(columns);
    let nomor = columns
        .iter()
        .find(|c| c.role == ColumnRole::Nomor)
        .map(|c| c.col);
    let uraian = columns
        .iter()
        .find(|c| c.role == ColumnRole::Uraian)
        .map(|c| c.col);
    let code_rows: Vec<(usize, Vec<Part>)> = raw
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RowKind::Data)
        .filter_map(|(i, r)| Some((i, read_parts(&lines[r.line?], &code_cols))))
        .collect();
    let data_lines: Vec<&Line> = raw
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .filter_map(|r| r.line.map(|l| &lines[l]))
        .collect();
    let account_table = accounts::is_account_table(&data_lines, &code_cols);
    let year = columns.iter().filter_map(|c| c.year).max();
    let width = sub_kegiatan_width(&code_rows, &code_cols, year);
    let mut parts_of = code_rows.into_iter().peekable();
    let mut last_coded: Option<usize> = None;
    for (i, r) in raw.iter().enumerate() {
        let Some(line) = r.line.map(|l| &lines[l]) else {
            continue;
        };
        if r.kind != RowKind::Data && r.kind != RowKind::Total {
            continue;
        }
        let row = &mut rows[i];
        row.numbering = nomor.and_then(|c| line.get(c)).map(cell_text);
        row.uraian = uraian.and_then(|c| line.get(c)).map(cell_text);
        if account_table && row.uraian.is_none() {
            // An outline of accounts writes each name right of its code, one column further
            // per level: the first text in the row is the name.
            row.uraian = line
                .cells
                .iter()
                .find(|(_, c)| {
                    c.value
                        .as_text()
                        .is_some_and(|t| t.chars().any(char::is_alphabetic))
                })
                .map(|(_, c)| cell_text(c));
        }
        if r.kind == RowKind::Total {
            continue;
        }
        let parts = match parts_of.next_if(|(k, _)| *k == i) {
            Some((_, parts)) => parts,
            None => Vec::new(),
        };
        let read = if account_table {
            accounts::read(line, &code_cols)
        } else {
            read_code(line, &code_cols, &parts, width)
        };
        row.code = read.code;
        row.code_source = read.source;
        row.code_written = read.written;
        if row.code_written.is_none() && row.numbering.is_none() {
            if let Some(above) = last_coded {
                let code = rows[above].code.clone();
                let row = &mut rows[i];
                row.code = code;
                row.code_inherited = true;
                row.code_source = CodeSource::Inherited;
                continue;
            }
        }
        if row.code.is_some() {
            last_coded = Some(i);
        } else if row.code_written.is_some() || row.numbering.is_some() {
            last_coded = None;
        }
    }
    link_parents(&mut rows);
    let account_codes_unsplit = if account_table {
        accounts::split_along_parents(&mut rows)
    } else {
        Vec::new()
    };
    BuiltRows {
        rows,
        sub_kegiatan_width: width,
        account_codes_unsplit,
    }
}

fn link_parents(rows: &mut [TableRow]) {
    let data: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].is_data()).collect();
    let coded = data.iter().filter(|&&i| rows[i].code.is_some()).count();
    let by_code = coded * 2 >= data.len() && coded > 0;
    let mut code_stack: Vec<(BudgetCode, usize)> = Vec::new();
    let mut number_stack: Vec<(u8, usize)> = Vec::new();
    let mut continued: Option<usize> = None;
    for &i in &data {
        if rows[i].code_inherited {
            rows[i].parent = continued.and_then(|c| rows[c].parent);
            continue;
        }
        continued = Some(i);
        if by_code {
            let Some(code) = rows[i].code.clone() else {
                continue;
            };
            while code_stack
                .last()
                .is_some_and(|(top, _)| !(top.contains(&code) && *top != code))
            {
                code_stack.pop();
            }
            rows[i].parent = code_stack.last().map(|(_, p)| *p);
            code_stack.push((code, i));
        } else if let Some(level) = rows[i].numbering.as_deref().and_then(numbering_level) {
            while number_stack.last().is_some_and(|(top, _)| *top >= level) {
                number_stack.pop();
            }
            rows[i].parent = number_stack.last().map(|(_, p)| *p);
            number_stack.push((level, i));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_levels() {
        for (text, level) in [
            ("A", Some(1)),
            ("B", Some(1)),
            ("I", Some(2)),
            ("III", Some(2)),
            ("1", Some(3)),
            ("12", Some(3)),
            ("1.1", Some(4)),
            ("1,1", Some(4)),
            ("2.1.3", Some(5)),
            ("1.", Some(3)),
            ("a", Some(6)),
            ("Jumlah", None),
            ("", None),
        ] {
            assert_eq!(numbering_level(text), level, "{text:?}");
        }
    }
}
