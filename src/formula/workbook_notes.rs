//! What the recomputation learns about a workbook as a whole, said once rather than at every
//! cell: the other workbooks its formulas refer to (whose cells renja does not have, so those
//! formulas keep the file's values), and the number conventions of the Excel that computed
//! it, as the cached values of formulas that read or write numbers as text show them.
//!
//! Owns the `formula-other-workbook` and `formula-locale` findings (info). Knows nothing of
//! how a value is computed.

use crate::finding::{Finding, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, Workbook};

use super::value::Locale;

/// A formula cell: sheet index and position.
type Place = (usize, CellAt);

/// Gathered while the cells are evaluated, turned into findings at the end.
#[derive(Debug, Default)]
pub struct WorkbookNotes {
    /// Cells referring to another workbook, with the index written (`[1]`).
    pub other_workbooks: Vec<(usize, CellAt, String)>,
    /// Cells whose result depends on the locale and whose cached value agrees with this one.
    pub locale_confirmed: Vec<(Place, Locale)>,
    /// Cells whose result depends on the locale and that have no cached value: read the
    /// Indonesian way.
    pub locale_unknown: Vec<Place>,
}

impl WorkbookNotes {
    pub fn findings(&self, workbook: &Workbook) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(&(sheet, at, _)) = self.other_workbooks.first() {
            let message = Message::new("formula.other-workbooks")
                .arg("files", self.files(workbook))
                .arg("cells", self.other_workbooks.len())
                .arg("cell", cell_name(workbook, (sheet, at)));
            out.push(finding(
                workbook,
                RuleId::FormulaOtherWorkbook,
                (sheet, at),
                message,
            ));
        }
        for (locale, key) in [
            (Locale::English, "formula.locale-english"),
            (Locale::Indonesian, "formula.locale-indonesian"),
        ] {
            let cells: Vec<Place> = self
                .locale_confirmed
                .iter()
                .filter(|(_, l)| *l == locale)
                .map(|(p, _)| *p)
                .collect();
            if let Some(&first) = cells.first() {
                let message = Message::new(key)
                    .arg("count", cells.len())
                    .arg("cell", cell_name(workbook, first));
                out.push(finding(workbook, RuleId::FormulaLocale, first, message));
            }
        }
        if let Some(&first) = self.locale_unknown.first() {
            let message = Message::new("formula.locale-unknown")
                .arg("count", self.locale_unknown.len())
                .arg("cell", cell_name(workbook, first));
            out.push(finding(workbook, RuleId::FormulaLocale, first, message));
        }
        out
    }

    /// `[1] Renja 2019.xlsx, [2] …`: each index written in a formula with the file the
    /// workbook names for it.
    fn files(&self, workbook: &Workbook) -> String {
        let mut indices: Vec<&str> = self
            .other_workbooks
            .iter()
            .map(|(_, _, i)| i.as_str())
            .collect();
        indices.sort_by_key(|i| (i.len(), *i));
        indices.dedup();
        indices
            .iter()
            .map(|index| {
                let file = index
                    .trim_matches(['[', ']'])
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| workbook.external_workbooks.get(n.checked_sub(1)?))
                    .map(|path| file_name(path))
                    .filter(|name| !name.is_empty());
                match file {
                    Some(name) => format!("{index} {name}"),
                    None => index.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn finding(workbook: &Workbook, rule: RuleId, (sheet, at): Place, message: Message) -> Finding {
    Finding::new(rule, sheet, &workbook.sheets[sheet].name, at, message)
}

fn cell_name(workbook: &Workbook, (sheet, at): Place) -> String {
    format!("{}!{}", workbook.sheets[sheet].name, at.a1())
}

/// The file name of a link target as Excel records it (`file:///D:/RENJA/Renja%202019.xlsx`
/// → `Renja 2019.xlsx`).
fn file_name(target: &str) -> String {
    let last = target.rsplit(['/', '\\']).next().unwrap_or(target);
    percent_decode(last)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_become_file_names() {
        assert_eq!(
            file_name("file:///D:/RENJA/Renja%202019.xlsx"),
            "Renja 2019.xlsx"
        );
        assert_eq!(file_name("C:\\Data\\LRA 2018.xlsx"), "LRA 2018.xlsx");
        assert_eq!(file_name("Book2.xlsx"), "Book2.xlsx");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
