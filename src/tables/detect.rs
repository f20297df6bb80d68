//! The detection driver: finds each table on a sheet and reads it — the header block and
//! its column roles (`header`), the rows down to where the table ends, the code columns no
//! header names (`code_columns`), then each row's code and parent (`rows`).

use crate::codes::{classify, BudgetCode, CodeLevel, CodeShape, Hints};
use crate::model::{CellAt, RangeAt, Reading, Sheet, Value, Workbook};
use crate::vocabulary::{normalise_words, total_label, ColumnRole};

use super::header::{
    apply_numbering, is_header_continuation, is_header_start, is_header_text_row, numbering_cells,
    read_columns, settle_realisasi, HeaderSignature,
};
use super::lines::{lines, Line, RawRow};
use super::table::{Column, RowKind, Table};
use super::{code_columns, kinds, layout, rows, runs_on, structure};

/// Every table on every sheet, in sheet order then top to bottom.
pub fn detect_tables(workbook: &Workbook) -> Vec<Table> {
    workbook
        .sheets
        .iter()
        .enumerate()
        .flat_map(|(i, sheet)| tables_on_sheet(i, sheet))
        .collect()
}

/// Every table on one sheet.
fn tables_on_sheet(sheet_index: usize, sheet: &Sheet) -> Vec<Table> {
    let lines = lines(sheet);
    let mut tables = Vec::new();
    let mut i = 0;
    // Where the rows above the next table start: after the last table's end.
    let mut above = 0;
    while i < lines.len() {
        if is_header_start(&lines[i]) {
            let (mut table, next) = read_table(sheet_index, sheet, &lines, i);
            table.named_above = sub_kegiatan_named(&lines[above..i]);
            tables.push(table);
            i = next.max(i + 1);
            above = i;
        } else {
            i += 1;
        }
    }
    runs_on::link(&mut tables);
    tables
}

fn contiguous(lines: &[Line], j: usize) -> bool {
    j > 0 && j < lines.len() && lines[j].row == lines[j - 1].row + 1
}

/// At most this many rows make a header block.
const MAX_HEADER_ROWS: usize = 4;

/// The end (exclusive index into `lines`) of the header block starting at `start`: rows that
/// continue it by naming roles, money or years, and rows of sub-header text that a merged
/// header cell reaches down over (SIPD's `Kode` merged over three rows) or that lead to the
/// numbering row (`Bulan Lalu | Bulan Ini`, then `Keuangan | Fisik`, then `Rp | %`, then
/// `1 2 3 … 14`).
fn header_end(sheet: &Sheet, lines: &[Line], start: usize) -> usize {
    let merged_down = |row: u32| {
        sheet
            .merged
            .iter()
            .filter(|m| m.start.row == row && m.end.row > row)
            .map(|m| m.end.row)
            .max()
    };
    let mut covered = merged_down(lines[start].row).unwrap_or(0);
    let mut end = start + 1;
    while end < start + MAX_HEADER_ROWS && contiguous(lines, end) {
        let line = &lines[end];
        let continues = is_header_continuation(line)
            || (is_header_text_row(line)
                && (line.row <= covered || leads_to_numbering(lines, end, start)));
        if !continues {
            break;
        }
        covered = covered.max(merged_down(line.row).unwrap_or(0));
        end += 1;
    }
    end
}

/// Whether the rows from `from` on are sub-header text rows up to a numbering row, within the
/// header block that starts at `start`.
fn leads_to_numbering(lines: &[Line], from: usize, start: usize) -> bool {
    let mut j = from;
    while j < start + MAX_HEADER_ROWS + 1 && contiguous(lines, j) {
        if numbering_cells(&lines[j]).is_some() {
            return true;
        }
        if !is_header_text_row(&lines[j]) {
            return false;
        }
        j += 1;
    }
    false
}

fn read_table(sheet_index: usize, sheet: &Sheet, lines: &[Line], start: usize) -> (Table, usize) {
    let end = header_end(sheet, lines, start);
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
    // Kinds told by their header words give those words their roles before rows are read.
    let header_kind = kinds::recognise(&layout::signs(&columns, &column_rules, None));
    layout::apply_roles(header_kind.spec(), &mut columns);
    settle_realisasi(&mut columns);
    let data_start = end + usize::from(numbering.is_some());
    let sigs: Vec<HeaderSignature> = header_lines
        .iter()
        .map(|l| HeaderSignature::of(l, span))
        .collect();
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
    let mut built = rows::build_rows(&raw_rows, lines, &columns, header_kind.spec().group_lines);
    mark_quantities(&mut columns, &raw_rows, lines);
    let kind = kinds::recognise(&layout::signs(
        &columns,
        &column_rules,
        Some((&built.rows, sheet)),
    ));
    let spec = kind.spec();
    column_rules.extend(layout::layout_rules(spec, &columns));
    let summed: Vec<&Column> = columns.iter().filter(|c| c.is_summed()).collect();
    if spec.total_above {
        let cols: Vec<u32> = summed.iter().map(|c| c.col).collect();
        layout::mark_totals_above(&mut built.rows, sheet, &cols);
    }
    let structure = structure::assess(sheet, &built.rows, &summed, spec.total_above);
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
        kind,
        structure,
        named_above: None,
    };
    (table, next)
}

/// At most this many rows above a table make its form's header block.
const MAX_BLOCK_ROWS: usize = 12;

/// The sub kegiatan a form's header block names, nearest the table first: a row whose first
/// text reads `Sub Kegiatan` and that holds a sub kegiatan code, in a cell of its own
/// (`Sub Kegiatan | : | 1.02.02.2.01.01 Pengelolaan …`) or after the label in one
/// (`Sub Kegiatan : 1.02.02.2.01.01 …`).
fn sub_kegiatan_named(block: &[Line]) -> Option<BudgetCode> {
    let from = block.len().saturating_sub(MAX_BLOCK_ROWS);
    block[from..].iter().rev().find_map(|line| {
        let mut texts = line.cells.iter().filter_map(|(_, c)| c.value.as_text());
        let label = normalise_words(texts.next()?);
        if !label.starts_with("sub kegiatan") {
            return None;
        }
        let in_cell = line
            .cells
            .iter()
            .filter_map(|(_, c)| c.code())
            .find(|code| code.level() == CodeLevel::SubKegiatan)
            .cloned();
        in_cell.or_else(|| after_label(line))
    })
}

/// `Sub Kegiatan : 1.02.02.2.01.01 Pengelolaan …` in one cell: the code after the colon, read
/// as the normalise stage reads a code with its name.
fn after_label(line: &Line) -> Option<BudgetCode> {
    let text = line.cells.iter().find_map(|(_, c)| c.value.as_text())?;
    let (_, rest) = text.split_once(':')?;
    match classify(rest, Hints::default()) {
        CodeShape::Code(code) | CodeShape::Named { code, .. } => {
            (code.level() == CodeLevel::SubKegiatan).then_some(code)
        }
        _ => None,
    }
}

/// Whether a line plausibly continues a table after a blank row: a code, a number in a
/// table column, or a total label.
fn data_like(line: &Line, span: (u32, u32)) -> bool {
    line.cells.iter().any(|(col, c)| {
        (span.0..=span.1).contains(col)
            && (c.code().is_some()
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
    sigs: &[HeaderSignature],
    columns: &[Column],
) -> (Vec<RawRow>, usize) {
    let mut out = Vec::new();
    let mut j = from;
    let mut in_repeat = 0usize;
    while j < lines.len() {
        let line = &lines[j];
        let gap = line.row - last_row - 1;
        let like_first = in_repeat == 0 && sigs[0].matches(line, span);
        let repeats = like_first && repeats_whole_header(lines, j, span, sigs);
        if like_first && !repeats {
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
        } else if in_repeat > 0 && in_repeat < sigs.len() && sigs[in_repeat].matches(line, span) {
            in_repeat += 1;
            RowKind::RepeatedHeader
        } else if in_repeat > 0 && numbering_cells(line).is_some() {
            in_repeat = 0;
            RowKind::Numbering
        } else {
            in_repeat = 0;
            let total = line.cells.iter().any(|(c, cell)| {
                (span.0..=span.1).contains(c)
                    && cell.code().is_none()
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
fn repeats_whole_header(
    lines: &[Line],
    j: usize,
    span: (u32, u32),
    sigs: &[HeaderSignature],
) -> bool {
    sigs.iter().enumerate().all(|(k, sig)| {
        lines
            .get(j + k)
            .is_some_and(|l| (k == 0 || contiguous(lines, j + k)) && sig.matches(l, span))
    })
}

/// A money column whose data cells carry units (`150,77 Set`) holds quantities after all; a
/// month or realisasi column with percents (`12,5%`, progress) holds no amounts.
fn mark_quantities(columns: &mut [Column], raw_rows: &[RawRow], lines: &[Line]) {
    for column in columns.iter_mut().filter(|c| c.money) {
        let month = matches!(
            column.role,
            ColumnRole::Bulan | ColumnRole::Triwulan | ColumnRole::Realisasi
        );
        let has_unit = raw_rows
            .iter()
            .filter(|r| r.kind == RowKind::Data)
            .filter_map(|r| lines[r.line?].get(column.col))
            .any(|c| {
                matches!(c.reading(), Some(Reading::Number(s))
                    if s.unit.is_some() || (month && s.percent))
                    || (month && c.number_format.as_deref().is_some_and(|f| f.contains('%')))
            });
        if has_unit {
            column.money = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::testing::{sheet, tsv, workbook};

    fn named_above(block: &str) -> Option<String> {
        let text = format!(
            "{block}\n\nKode Rekening\tUraian\tJumlah (Rp)\n5.1.02.01.01.0024\tBelanja ATK\t2050000"
        );
        let wb = workbook(vec![sheet("DPA", 0, 0, &[0], &tsv(&text))]);
        let tables = detect_tables(&wb);
        tables
            .last()?
            .named_above
            .as_ref()
            .map(BudgetCode::canonical)
    }

    /// A DPA's header block names the sub kegiatan its account lines are spent under: after the
    /// label in one cell too. A label of another level names none.
    #[test]
    fn a_form_names_its_sub_kegiatan_above_its_table() {
        assert_eq!(
            named_above("Sub Kegiatan : 1.02.02.2.01.01 Pengelolaan Pelayanan Kesehatan"),
            Some("1.02.02.2.01.01".to_string())
        );
        assert_eq!(
            named_above("Kegiatan : 1.02.02.2.01 Penyediaan Layanan Kesehatan"),
            None
        );
        assert_eq!(named_above("Sub Kegiatan : belum ditetapkan"), None);
    }
}
