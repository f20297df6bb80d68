//! Defined names, parsed once, looked up as Excel does: a sheet's own name (Excel's
//! `localSheetId`) shadows the workbook's name of the same spelling on that sheet, and
//! names are case-insensitive. Knows nothing of values.

use std::collections::HashMap;

use super::ast::Expr;
use crate::model::Workbook;

/// Every defined name of a workbook that parses, by scope and upper-cased name.
#[derive(Debug, Default)]
pub struct Names {
    /// (`Some(sheet index)` for a sheet's own name, `None` for the workbook's, name).
    by_scope: HashMap<(Option<usize>, String), Expr>,
}

impl Names {
    /// Parses each name's formula with `parse`; a name that does not parse, or belongs to a
    /// sheet the workbook does not have, is left out (a formula using it is `#NAME?`).
    pub fn new(workbook: &Workbook, parse: impl Fn(&str) -> Option<Expr>) -> Names {
        let by_scope = workbook
            .defined_names
            .iter()
            .filter_map(|n| {
                let scope = match &n.sheet {
                    None => None,
                    Some(sheet) => Some(workbook.sheet_index(sheet)?),
                };
                Some(((scope, n.name.to_ascii_uppercase()), parse(&n.formula)?))
            })
            .collect();
        Names { by_scope }
    }

    /// The name as a formula on `sheet` sees it: the sheet's own, else the workbook's.
    pub fn get(&self, sheet: usize, name: &str) -> Option<&Expr> {
        let mut key = (Some(sheet), name.to_ascii_uppercase());
        if let Some(own) = self.by_scope.get(&key) {
            return Some(own);
        }
        key.0 = None;
        self.by_scope.get(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DefinedName, Sheet};

    #[test]
    fn a_sheets_own_name_shadows_the_workbooks() {
        let name = |name: &str, formula: &str, sheet: Option<&str>| DefinedName {
            name: name.into(),
            formula: formula.into(),
            sheet: sheet.map(str::to_string),
        };
        let workbook = Workbook {
            sheets: vec![Sheet::new("Data"), Sheet::new("Local")],
            defined_names: vec![
                name("NC_2", "2", None),
                name("nc_2", "777", Some("Local")),
                name("Gone", "1", Some("Deleted sheet")),
            ],
            ..Workbook::default()
        };
        let names = Names::new(&workbook, |f| crate::formula::parse_formula(f, 8).ok());
        let shown = |sheet, name| names.get(sheet, name).map(|e| e.to_string());
        assert_eq!(shown(0, "NC_2").as_deref(), Some("2"));
        assert_eq!(shown(1, "NC_2").as_deref(), Some("777"));
        assert_eq!(shown(1, "Nc_2").as_deref(), Some("777"));
        assert_eq!(shown(0, "Gone"), None);
    }
}
