//! Each table row as read: its kind, its code (one cell, split over cells, or a path of whole
//! codes over the code columns: [`super::row_codes`]; account codes in [`super::accounts`]),
//! its printed number and uraian, the code it inherits as a continuation line, and its parent
//! ([`super::parents`]).

use crate::vocabulary::ColumnRole;

use super::accounts;
use super::kinds::GroupLines;
use super::lines::{cell_text, Line, RawRow};
use super::parents::{imply_codes, link_entries, link_parents};
use super::row_codes::{read_code, read_parts, sub_kegiatan_width, Part};
use super::table::{CodeSource, Column, Entry, RowKind, SubKegiatanWidth, TableRow};

/// The columns a row's code is read from: every Kode column, and the unlabelled columns right
/// after one (a split code whose header `Kode` lost its merge: `5 03 01 | 2.06 | 01`).
fn code_columns(columns: &[Column]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut run = 0;
    for c in columns {
        let unlabelled = c.role == ColumnRole::Other
            && c.header
                .chars()
                .all(|ch| ch.is_ascii_digit() || ch.is_whitespace() || ch == '/');
        if c.role == ColumnRole::Kode {
            out.push(c.col);
            run = 1;
        } else if unlabelled && run > 0 && run < 6 {
            out.push(c.col);
            run += 1;
        } else {
            run = 0;
        }
    }
    out
}

/// A table's rows and what reading their codes found out about the table.
pub(super) struct BuiltRows {
    pub rows: Vec<TableRow>,
    pub sub_kegiatan_width: Option<SubKegiatanWidth>,
    /// Rows whose account code, written without dots, has no parent row to split along.
    pub account_codes_unsplit: Vec<usize>,
}

/// What a rincian line without a code is: a group line when its uraian starts with a marker
/// (`[#]` depth 1, `[-]` depth 2) or it leaves the item column empty (an unmarked kelompok
/// such as `Pembina`, depth 3), else an item line.
fn entry(
    group_lines: &GroupLines,
    uraian: Option<&str>,
    line: &Line,
    columns: &[Column],
) -> Option<Entry> {
    let text = uraian.unwrap_or("").trim_start();
    if let Some(i) = group_lines.markers.iter().position(|m| text.starts_with(m)) {
        // Markers come in pairs of spellings: `[#]`/`[ # ]` are depth 1, `[-]`/`[ - ]` 2.
        return Some(Entry::Group(1 + (i / 2) as u8));
    }
    let item_col = columns
        .iter()
        .find(|c| c.role == group_lines.item_role)
        .map(|c| c.col);
    match item_col.and_then(|c| line.get(c)) {
        Some(_) => Some(Entry::Item),
        None => Some(Entry::Group(3)),
    }
}

/// The rows of a table with only their kind known.
fn line_rows(raw: &[RawRow]) -> Vec<TableRow> {
    raw.iter()
        .map(|r| TableRow {
            row: r.row,
            kind: r.kind,
            code: None,
            path: Vec::new(),
            code_inherited: false,
            code_source: CodeSource::None,
            code_written: None,
            numbering: None,
            uraian: None,
            parent: None,
            implied_code: None,
            entry: None,
        })
        .collect()
}

/// Every row of a table with its code, numbering, uraian and parent; and, when split codes
/// had sub kegiatan numbers stored as numbers, how wide those were read.
pub(super) fn build_rows(
    raw: &[RawRow],
    lines: &[Line],
    columns: &[Column],
    group_lines: Option<GroupLines>,
) -> BuiltRows {
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
    let width = sub_kegiatan_width(&code_rows, year);
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
        row.path = read.path;
        row.code_source = read.source;
        row.code_written = read.written;
        if let (Some(lines_of), true) = (group_lines, row.path.is_empty()) {
            // A rincian line without a code: a group line or an item, never a continuation.
            if last_coded.is_some() || row.uraian.is_some() {
                row.entry = entry(&lines_of, row.uraian.as_deref(), line, columns);
                continue;
            }
        }
        if row.code_written.is_none() && row.numbering.is_none() {
            if let Some(above) = last_coded {
                let (code, path) = (rows[above].code.clone(), rows[above].path.clone());
                let row = &mut rows[i];
                row.code = code;
                row.path = path;
                row.code_inherited = true;
                row.code_source = CodeSource::Inherited;
                continue;
            }
        }
        if !row.path.is_empty() {
            last_coded = Some(i);
        } else if row.code_written.is_some() || row.numbering.is_some() {
            last_coded = None;
        }
    }
    link_parents(&mut rows);
    imply_codes(&mut rows);
    if group_lines.is_some() {
        link_entries(&mut rows);
    }
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
