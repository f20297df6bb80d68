//! Finds header blocks on a sheet, reads column roles from them, and walks down each table's
//! rows until it ends. Row codes and the hierarchy are `rows.rs`.

use std::collections::BTreeMap;

use crate::codes::{classify, CodeShape, Hints};
use crate::model::{Cell, CellAt, RangeAt, Reading, Sheet, Value};

use super::numbering::{is_numbering, parse_numbering_cell, NumberingCell};
use super::{
    cell_text, code_columns, is_blank, rows, Column, ColumnRole, ColumnRule, RowKind, Table,
    TableRow,
};
use crate::vocabulary::{cell_role, names_money, normalise_words, strength, total_label, year_in};

/// One sheet row's non-blank cells, left to right.
pub(super) struct Line<'a> {
    pub row: u32,
    pub cells: Vec<(u32, &'a Cell)>,
}

impl Line<'_> {
    pub fn get(&self, col: u32) -> Option<&Cell> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| self.cells[i].1)
    }
}

fn lines(sheet: &Sheet) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::new();
    for (at, cell) in &sheet.cells {
        if is_blank(cell) {
            continue;
        }
        match out.last_mut() {
            Some(line) if line.row == at.row => line.cells.push((at.col, cell)),
            _ => out.push(Line {
                row: at.row,
                cells: vec![(at.col, cell)],
            }),
        }
    }
    out
}

fn is_code(cell: &Cell) -> bool {
    cell.code().is_some()
}

/// No code, no number of 100 or more (OCR leaves small column numbers in headers), no total,
/// no `X`/`XX` (the nomenclature's template codes, split over columns).
fn header_like(line: &Line) -> bool {
    line.cells.iter().all(|(_, c)| {
        !is_code(c)
            && match &c.value {
                Value::Number(n) => n.abs() < 100.into() && n.fract().is_zero(),
                Value::Text(t) => {
                    total_label(t).is_none()
                        && classify(t, Hints::default()) != CodeShape::Placeholder
                }
                _ => false,
            }
    })
}

fn text_cells<'a>(line: &'a Line) -> impl Iterator<Item = (u32, &'a str)> {
    line.cells
        .iter()
        .filter_map(|(col, c)| c.value.as_text().map(|t| (*col, t)))
}

/// A header's first row: text cells naming two different roles.
fn is_header_start(line: &Line) -> bool {
    if !header_like(line) {
        return false;
    }
    let mut roles: Vec<ColumnRole> = text_cells(line).filter_map(|(_, t)| cell_role(t)).collect();
    roles.sort_by_key(|r| r.as_str());
    roles.dedup();
    roles.len() >= 2
}

fn is_header_continuation(line: &Line) -> bool {
    header_like(line)
        && numbering_cells(line).is_none()
        && text_cells(line)
            .any(|(_, t)| cell_role(t).is_some() || names_money(t) || year_in(t).is_some())
}

/// The numbering cells of a numbering row, `None` if the line is not one.
fn numbering_cells(line: &Line) -> Option<Vec<(u32, NumberingCell)>> {
    let parsed: Vec<Option<(u32, NumberingCell)>> = line
        .cells
        .iter()
        .map(|(col, c)| parse_numbering_cell(&cell_text(c)).map(|n| (*col, n)))
        .collect();
    // OCR and pasting sometimes leave a code in the first cell of the numbering row.
    let skip = usize::from(parsed.len() >= 6 && parsed[0].is_none());
    let cells: Vec<(u32, NumberingCell)> = parsed[skip..].iter().cloned().collect::<Option<_>>()?;
    let bare: Vec<NumberingCell> = cells.iter().map(|(_, n)| n.clone()).collect();
    is_numbering(&bare).then_some(cells)
}

fn signature(line: &Line, span: (u32, u32)) -> String {
    line.cells
        .iter()
        .filter(|(c, _)| (span.0..=span.1).contains(c))
        .map(|(c, cell)| format!("{c}:{}", normalise_words(&cell_text(cell))))
        .collect::<Vec<_>>()
        .join("|")
}

/// Every table on one sheet.
pub(super) fn tables_on_sheet(sheet_index: usize, sheet: &Sheet) -> Vec<Table> {
    let lines = lines(sheet);
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_header_start(&lines[i]) {
            let (table, next) = read_table(sheet_index, sheet, &lines, i);
            tables.push(table);
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    tables
}

fn contiguous(lines: &[Line], j: usize) -> bool {
    j > 0 && j < lines.len() && lines[j].row == lines[j - 1].row + 1
}

fn read_table(sheet_index: usize, sheet: &Sheet, lines: &[Line], start: usize) -> (Table, usize) {
    let mut end = start + 1;
    while end < start + 4 && contiguous(lines, end) && is_header_continuation(&lines[end]) {
        end += 1;
    }
    let header_lines = &lines[start..end];
    let numbering = (contiguous(lines, end))
        .then(|| numbering_cells(&lines[end]))
        .flatten();
    let mut span = (u32::MAX, 0);
    for line in header_lines
        .iter()
        .chain(numbering.is_some().then(|| &lines[end]))
    {
        for (col, _) in &line.cells {
            span = (span.0.min(*col), span.1.max(*col));
        }
    }
    let header_rows: Vec<u32> = header_lines.iter().map(|l| l.row).collect();
    let mut columns = read_columns(sheet, &header_rows, span);
    let mut column_rules = Vec::new();
    let numbering_row = numbering.as_ref().map(|_| lines[end].row);
    if let Some(cells) = &numbering {
        apply_numbering(cells, &mut columns, &mut column_rules);
    }
    let data_start = end + usize::from(numbering.is_some());
    let sigs: Vec<String> = header_lines.iter().map(|l| signature(l, span)).collect();
    let (raw_rows, next) = walk_rows(
        lines,
        data_start,
        header_lines.last().map_or(0, |l| l.row) + u32::from(numbering.is_some()),
        span,
        &sigs,
        &columns,
    );
    let mut numbering_row = numbering_row;
    if numbering_row.is_none() {
        let later = raw_rows.iter().find(|r| r.kind == RowKind::Numbering);
        if let Some((r, cells)) =
            later.and_then(|r| Some((r.row, numbering_cells(&lines[r.line?])?)))
        {
            apply_numbering(&cells, &mut columns, &mut column_rules);
            numbering_row = Some(r);
        }
    }
    code_columns::mark_code_columns(&mut columns, &raw_rows, lines);
    let built = rows::build_rows(&raw_rows, lines, &columns);
    mark_quantities(&mut columns, &raw_rows, lines);
    let last_row = raw_rows
        .iter()
        .rev()
        .find(|r| r.kind != RowKind::Blank)
        .map_or(
            numbering_row.unwrap_or(header_rows[header_rows.len() - 1]),
            |r| r.row,
        );
    let table = Table {
        sheet: sheet_index,
        sheet_name: sheet.name.clone(),
        range: RangeAt::new(
            CellAt::new(header_rows[0], span.0),
            CellAt::new(last_row, span.1),
        ),
        header_rows,
        numbering_row,
        columns,
        column_rules,
        rows: built.rows,
        sub_kegiatan_width: built.sub_kegiatan_width,
        account_codes_unsplit: built.account_codes_unsplit,
    };
    (table, next)
}

/// A row below the header before its code and parent are known: its kind and, unless
/// blank, its index in `lines`.
pub(super) struct RawRow {
    pub row: u32,
    pub kind: RowKind,
    pub line: Option<usize>,
}

/// Whether a line plausibly continues a table after a blank row: a code, a number in a
/// table column, or a total label.
fn data_like(line: &Line, span: (u32, u32)) -> bool {
    line.cells.iter().any(|(col, c)| {
        (span.0..=span.1).contains(col)
            && (is_code(c)
                || matches!(c.value, Value::Number(_))
                || c.value.as_text().is_some_and(|t| total_label(t).is_some()))
    })
}

/// A paragraph of the document: one text cell of several words, outside the uraian columns.
fn is_prose(line: &Line, columns: &[Column]) -> bool {
    if line.cells.len() != 1 {
        return false;
    }
    let (col, cell) = line.cells[0];
    let wordy = cell
        .value
        .as_text()
        .is_some_and(|t| t.split_whitespace().count() >= 6);
    let in_text_column = columns.iter().any(|c| {
        c.col == col
            && matches!(
                c.role,
                ColumnRole::Uraian | ColumnRole::Indikator | ColumnRole::Catatan
            )
    });
    wordy && !in_text_column
}

fn walk_rows(
    lines: &[Line],
    from: usize,
    mut last_row: u32,
    span: (u32, u32),
    sigs: &[String],
    columns: &[Column],
) -> (Vec<RawRow>, usize) {
    let mut out = Vec::new();
    let mut j = from;
    let mut in_repeat = 0usize;
    while j < lines.len() {
        let line = &lines[j];
        let gap = line.row - last_row - 1;
        let sig = signature(line, span);
        let repeats =
            sig == sigs[0] && in_repeat == 0 && repeats_whole_header(lines, j, span, sigs);
        if sig == sigs[0] && !repeats && in_repeat == 0 {
            break;
        }
        if line
            .cells
            .iter()
            .all(|(c, _)| !(span.0..=span.1).contains(c))
        {
            break;
        }
        if gap > 0 && !repeats && (gap > 2 || !data_like(line, span)) {
            break;
        }
        if !repeats && in_repeat == 0 && (is_header_start(line) || is_prose(line, columns)) {
            break;
        }
        out.extend((last_row + 1..line.row).map(|row| RawRow {
            row,
            kind: RowKind::Blank,
            line: None,
        }));
        let kind = if repeats {
            in_repeat = 1;
            RowKind::RepeatedHeader
        } else if in_repeat > 0 && in_repeat < sigs.len() && sig == sigs[in_repeat] {
            in_repeat += 1;
            RowKind::RepeatedHeader
        } else if in_repeat > 0 && numbering_cells(line).is_some() {
            in_repeat = 0;
            RowKind::Numbering
        } else {
            in_repeat = 0;
            let total = line.cells.iter().any(|(c, cell)| {
                (span.0..=span.1).contains(c)
                    && !is_code(cell)
                    && cell
                        .value
                        .as_text()
                        .is_some_and(|t| total_label(t).is_some())
            });
            if total {
                RowKind::Total
            } else {
                RowKind::Data
            }
        };
        out.push(RawRow {
            row: line.row,
            kind,
            line: Some(j),
        });
        last_row = line.row;
        j += 1;
    }
    (out, j)
}

/// Whether the header block printed again at `j` repeats every header row (a block that
/// differs is another table's header, however alike its first row).
fn repeats_whole_header(lines: &[Line], j: usize, span: (u32, u32), sigs: &[String]) -> bool {
    sigs.iter().enumerate().all(|(k, sig)| {
        lines
            .get(j + k)
            .is_some_and(|l| (k == 0 || contiguous(lines, j + k)) && signature(l, span) == *sig)
    })
}

/// The header text of each (row, column), merged ranges spread over the cells they cover.
fn header_texts(
    sheet: &Sheet,
    header_rows: &[u32],
    span: (u32, u32),
) -> BTreeMap<(u32, u32), String> {
    let mut texts = BTreeMap::new();
    for &row in header_rows {
        for col in span.0..=span.1 {
            let at = CellAt::new(row, col);
            let origin = sheet
                .merged
                .iter()
                .find(|m| m.contains(at))
                .map_or(at, |m| m.start);
            if let Some(cell) = sheet.get(origin).filter(|c| !is_blank(c)) {
                texts.insert((row, col), cell_text(cell));
            }
        }
    }
    // A group header without merged cells (`REALISASI KEUANGAN` over `(Rp)` and `(%)`):
    // an empty cell with sub-headers below takes the group text from its left.
    for (k, &row) in header_rows.iter().enumerate() {
        let lower = &header_rows[k + 1..];
        let has_lower = |col: u32, texts: &BTreeMap<(u32, u32), String>| {
            lower.iter().any(|r| texts.contains_key(&(*r, col)))
        };
        let mut group: Option<(u32, String)> = None;
        for col in span.0..=span.1 {
            match texts.get(&(row, col)).cloned() {
                Some(text) => group = has_lower(col, &texts).then_some((col, text)),
                None if has_lower(col, &texts) => {
                    if let Some((_, text)) = &group {
                        texts.insert((row, col), text.clone());
                    }
                }
                None => group = None,
            }
        }
    }
    texts
}

fn read_columns(sheet: &Sheet, header_rows: &[u32], span: (u32, u32)) -> Vec<Column> {
    let texts = header_texts(sheet, header_rows, span);
    (span.0..=span.1)
        .map(|col| {
            let mut parts: Vec<&str> = header_rows
                .iter()
                .filter_map(|r| texts.get(&(*r, col)).map(String::as_str))
                .collect();
            parts.dedup();
            let mut role = ColumnRole::Other;
            for part in &parts {
                if let Some(r) = cell_role(part) {
                    if strength(r) >= strength(role) {
                        role = r;
                    }
                }
            }
            let year = parts.iter().rev().find_map(|p| year_in(p));
            let money = match role {
                ColumnRole::Pagu | ColumnRole::Sisa | ColumnRole::Bulan => true,
                ColumnRole::Realisasi => parts.iter().any(|p| names_money(p)),
                _ => false,
            };
            Column {
                col,
                role,
                year,
                header: parts.join(" / "),
                money,
                printed_number: None,
            }
        })
        .collect()
}

fn apply_numbering(
    cells: &[(u32, NumberingCell)],
    columns: &mut [Column],
    rules: &mut Vec<ColumnRule>,
) {
    for (col, n) in cells {
        if let Some(c) = columns.iter_mut().find(|c| c.col == *col) {
            c.printed_number = Some(n.printed.to_string());
        }
    }
    let sheet_col = |printed: u32| {
        cells
            .iter()
            .find(|(_, n)| n.printed == printed)
            .map(|(c, _)| *c)
    };
    for (col, n) in cells {
        if let Some(expr) = n.rule.as_ref().and_then(|e| e.resolve(&sheet_col)) {
            rules.push(ColumnRule {
                target: *col,
                expr,
                text: n.text.clone(),
            });
        }
    }
}

/// A money column whose data cells carry units (`150,77 Set`) holds quantities after all; a
/// month column with percents (`12,5%`, progress by month) holds no amounts.
fn mark_quantities(columns: &mut [Column], raw_rows: &[RawRow], lines: &[Line]) {
    for column in columns.iter_mut().filter(|c| c.money) {
        let month = column.role == ColumnRole::Bulan;
        let has_unit = raw_rows
            .iter()
            .filter(|r| r.kind == RowKind::Data)
            .filter_map(|r| lines[r.line?].get(column.col))
            .any(|c| {
                matches!(&c.reading, Some(Reading::Number(s))
                    if s.unit.is_some() || (month && s.percent))
                    || (month && c.number_format.as_deref().is_some_and(|f| f.contains('%')))
            });
        if has_unit {
            column.money = false;
        }
    }
}

pub(super) fn line_rows(raw: &[RawRow]) -> Vec<TableRow> {
    raw.iter()
        .map(|r| TableRow {
            row: r.row,
            kind: r.kind,
            code: None,
            code_inherited: false,
            code_source: super::CodeSource::None,
            code_written: None,
            numbering: None,
            uraian: None,
            parent: None,
        })
        .collect()
}
