//! Each row's parent: the nearest row above whose code path is the closest ancestor of the
//! row's own (`5.03.01` over `5.03.01.2.09`; in SIPD's LRA the SKPD row over its program, the
//! sub kegiatan over its accounts), or, in a table without codes, the nearest row above with a
//! printed number of a higher level (A › I › 1 › 1.1). Which of these agree with each other
//! is [`super::structure`]'s question.

use std::collections::HashSet;

use crate::codes::{BudgetCode, CodeKind, CodeLevel};

use super::table::{Entry, PathStep, RowKind, StepCode, TableRow};

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

/// Whether the row with path `upper` is an ancestor of the row with path `lower`: every step
/// of `upper` but its last is the same step of `lower`, and its last step contains `lower`'s
/// step at that place (`2.16.01` contains `2.16.01.2.01`; an organisation only itself), and
/// the two paths are not the same. The last steps may stand in different columns: an outline
/// of accounts writes each level one column further right (`4 | 41 | 411`).
pub fn is_ancestor(upper: &[PathStep], lower: &[PathStep]) -> bool {
    let Some((last, before)) = upper.split_last() else {
        return false;
    };
    if upper.len() > lower.len() || before.iter().zip(lower).any(|(a, b)| a != b) {
        return false;
    }
    let at = &lower[before.len()];
    (last.code.contains(&at.code) && upper != lower) || spent_under(upper, lower)
}

/// A sub kegiatan in a cell of its own above the account lines spent under it, as a DPA or
/// RKA rincian copied into a sheet lists them (`1.02.02.2.01.01 | Pengelolaan …` then
/// `5.1.02.01.01.0024 | Belanja …`): the sub kegiatan is their parent. Only for codes of one
/// cell each; where each level has its column, the path says it already.
fn spent_under(upper: &[PathStep], lower: &[PathStep]) -> bool {
    let ([upper], [lower]) = (upper, lower) else {
        return false;
    };
    match (&upper.code, &lower.code) {
        (StepCode::Budget(program), StepCode::Budget(account)) => {
            program.level() == CodeLevel::SubKegiatan && account.kind() == CodeKind::Account
        }
        _ => false,
    }
}

/// Whether the table is coded: at least half of its data rows carry a code path (rincian
/// lines, which never do, not counted).
pub fn coded(rows: &[TableRow]) -> bool {
    let data: Vec<&TableRow> = rows
        .iter()
        .filter(|r| r.is_data() && !r.code_inherited && r.entry.is_none())
        .collect();
    let coded = data.iter().filter(|r| !r.path.is_empty()).count();
    coded > 0 && coded * 2 >= data.len()
}

/// Links every data row to its parent (see the module doc). Continuation lines (inherited
/// codes) take the parent of the row they continue.
pub(super) fn link_parents(rows: &mut [TableRow]) {
    let by_code = coded(rows);
    let data: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].is_data()).collect();
    let mut path_stack: Vec<usize> = Vec::new();
    let mut number_stack: Vec<(u8, usize)> = Vec::new();
    let mut continued: Option<usize> = None;
    for &i in &data {
        if rows[i].code_inherited {
            rows[i].parent = continued.and_then(|c| rows[c].parent);
            continue;
        }
        continued = Some(i);
        if by_code {
            if rows[i].path.is_empty() {
                continue;
            }
            while path_stack
                .last()
                .is_some_and(|&top| !is_ancestor(&rows[top].path, &rows[i].path))
            {
                path_stack.pop();
            }
            rows[i].parent = path_stack.last().copied();
            path_stack.push(i);
        } else if let Some(level) = rows[i].numbering.as_deref().and_then(numbering_level) {
            while number_stack.last().is_some_and(|(top, _)| *top >= level) {
                number_stack.pop();
            }
            rows[i].parent = number_stack.last().map(|(_, p)| *p);
            number_stack.push((level, i));
        }
    }
}

/// A row whose own code is defective (`5 03 01 2.00`, kegiatan number zero) directly above
/// rows whose codes all name one parent the table lacks (`5.03.01.2.09.01`, `.05` …): that
/// parent is the code they imply, and the row is their parent. Only when the written code
/// has the implied code's digits but for its last segment, so a stray uncoded row is never
/// made anybody's parent.
pub(super) fn imply_codes(rows: &mut [TableRow]) {
    let present: HashSet<String> = rows
        .iter()
        .filter(|r| r.is_data())
        .filter_map(|r| r.code.as_ref().map(|c| c.canonical()))
        .collect();
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
    for i in 0..rows.len() {
        let r = &rows[i];
        if !r.is_data() || r.code_inherited || r.code.is_some() || !r.path.is_empty() {
            continue;
        }
        let Some(written) = r.code_written.as_deref().map(digits) else {
            continue;
        };
        let mut implied: Option<BudgetCode> = None;
        let mut members = Vec::new();
        for (j, below) in rows.iter().enumerate().skip(i + 1) {
            if below.kind == RowKind::Blank || below.code_inherited {
                continue;
            }
            let Some(parent) = below
                .code
                .as_ref()
                .filter(|_| below.is_data())
                .and_then(BudgetCode::parent)
                .filter(|p| !present.contains(&p.canonical()))
            else {
                break;
            };
            if implied.as_ref().is_some_and(|p| *p != parent) {
                break;
            }
            implied = Some(parent);
            members.push(j);
        }
        let Some(code) = implied else { continue };
        let expected = digits(&code.canonical());
        let last = code.canonical().rsplit('.').next().map_or(0, str::len);
        let keep = expected.len().saturating_sub(last);
        if written.len() != expected.len() || written[..keep] != expected[..keep] {
            continue;
        }
        // The row takes the place of the code it should have had: under its parent row above.
        if rows[i].parent.is_none() {
            let grandparent = code.parent().map(|g| g.canonical());
            rows[i].parent = (0..i).rev().find(|&k| {
                rows[k].is_data()
                    && !rows[k].code_inherited
                    && rows[k].code.as_ref().map(|c| c.canonical()) == grandparent
            });
        }
        rows[i].implied_code = Some(code);
        for j in members {
            rows[j].parent = Some(i);
        }
    }
}

/// Links the rincian lines of a table (rows with an [`Entry`]): a group line under the
/// nearest group line above of a lower depth, else under the coded row above; an item line
/// under the nearest group line above, else the coded row. A coded row starts afresh.
pub(super) fn link_entries(rows: &mut [TableRow]) {
    let mut block: Option<usize> = None;
    let mut groups: Vec<(u8, usize)> = Vec::new();
    for (i, row) in rows.iter_mut().enumerate() {
        if !row.is_data() {
            continue;
        }
        match row.entry {
            None => {
                if !row.path.is_empty() {
                    block = Some(i);
                    groups.clear();
                }
            }
            Some(Entry::Group(depth)) => {
                while groups.last().is_some_and(|(d, _)| *d >= depth) {
                    groups.pop();
                }
                row.parent = groups.last().map(|(_, g)| *g).or(block);
                groups.push((depth, i));
            }
            Some(Entry::Item) => {
                row.parent = groups.last().map(|(_, g)| *g).or(block);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{BudgetCode, OrganisationCode};
    use crate::tables::table::StepCode;

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

    fn path(steps: &[(u32, &str)]) -> Vec<PathStep> {
        steps
            .iter()
            .map(|(col, text)| PathStep {
                col: *col,
                code: match OrganisationCode::parse(text) {
                    Ok(org) => StepCode::Organisation(org),
                    Err(_) => StepCode::Budget(BudgetCode::parse(text).unwrap()),
                },
            })
            .collect()
    }

    #[test]
    fn paths_nest_as_sipd_writes_them() {
        let org = "2.16.2.20.2.21.01.0000";
        let urusan = path(&[(0, "2")]);
        let bidang = path(&[(0, "2.16")]);
        let skpd = path(&[(0, "2.16"), (1, org)]);
        let program = path(&[(0, "2.16"), (1, org), (2, "2.16.01")]);
        let sub = path(&[(0, "2.16"), (1, org), (2, "2.16.01.2.01.0001")]);
        let jenis = path(&[
            (0, "2.16"),
            (1, org),
            (2, "2.16.01.2.01.0001"),
            (3, "5.1.02"),
        ]);
        let objek = path(&[
            (0, "2.16"),
            (1, org),
            (2, "2.16.01.2.01.0001"),
            (3, "5.1.02.01"),
        ]);
        let other_sub = path(&[(0, "2.16"), (1, org), (2, "2.16.01.2.01.0002")]);
        for (upper, lower) in [
            (&urusan, &bidang),
            (&bidang, &skpd),
            (&skpd, &program),
            (&program, &sub),
            (&sub, &jenis),
            (&jenis, &objek),
            (&urusan, &objek),
        ] {
            assert!(is_ancestor(upper, lower), "{upper:?} over {lower:?}");
            assert!(!is_ancestor(lower, upper), "{lower:?} not over {upper:?}");
        }
        assert!(!is_ancestor(&sub, &sub));
        assert!(!is_ancestor(&sub, &other_sub));
        assert!(!is_ancestor(&jenis, &other_sub));
        // Another bidang's rows are not under this one, even of the same SKPD.
        let statistik = path(&[(0, "2.20"), (1, org), (2, "2.20.01")]);
        assert!(!is_ancestor(&skpd, &statistik));
        assert!(is_ancestor(&urusan, &statistik));
    }
}
