//! Each row's budget code (one cell, split over several cells, or inherited from the row
//! above), its printed number and uraian, and its parent: the nearest row above whose code is
//! the closest ancestor, or, in a table without codes, the nearest row above with a numbering
//! of a higher level (A › I › 1 › 1.1).

use crate::model::{Cell, Reading};
use crate::normalise::code::BudgetCode;

use super::header::{line_rows, Line, RawRow};
use super::{cell_text, CodeSource, Column, ColumnRole, RowKind, TableRow};

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

/// Digits, dots and spaces only, no group wider than four digits: `2.06`, `01`, `5 03 01`.
fn code_part(cell: &Cell) -> Option<String> {
    if let Some(Reading::Code(code)) = &cell.reading {
        return Some(code.canonical.clone());
    }
    let text = cell_text(cell);
    let groups: Vec<&str> = text.split(['.', ' ']).filter(|g| !g.is_empty()).collect();
    let ok = !groups.is_empty()
        && groups
            .iter()
            .all(|g| g.len() <= 4 && g.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(text)
}

struct CodeRead {
    code: Option<BudgetCode>,
    source: CodeSource,
    written: Option<String>,
}

fn read_code(line: &Line, code_cols: &[u32]) -> CodeRead {
    let none = CodeRead {
        code: None,
        source: CodeSource::None,
        written: None,
    };
    let Some(first) = code_cols.first().and_then(|c| line.get(*c)) else {
        return none;
    };
    let Some(head) = code_part(first) else {
        // Text that is no code: the normalise stage reported it if it was meant as one.
        return CodeRead {
            written: Some(cell_text(first)),
            ..none
        };
    };
    let mut parts = vec![head];
    let mut segments =
        BudgetCode::from_parts(&[parts[0].as_str()]).map_or(0, |c| c.segments().len());
    for col in &code_cols[1..] {
        match line.get(*col).and_then(code_part) {
            Some(part) if segments < 6 => {
                segments += part.split(['.', ' ']).filter(|g| !g.is_empty()).count();
                parts.push(part);
            }
            _ => break,
        }
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    let code = BudgetCode::from_parts(&refs).ok();
    let source = if parts.len() > 1 {
        CodeSource::Split
    } else {
        CodeSource::Cell
    };
    CodeRead {
        code,
        source,
        written: Some(parts.join(" | ")),
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

pub(super) fn build_rows(raw: &[RawRow], lines: &[Line], columns: &[Column]) -> Vec<TableRow> {
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
        if r.kind == RowKind::Total {
            continue;
        }
        let read = read_code(line, &code_cols);
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
    rows
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
