//! Cell contents as the model keeps them, whichever reader found them: formula text without
//! Excel's prefixes, calamine's values and error codes, defined names, and one shared copy of
//! each number-format code.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{DefinedName, ErrorValue, Raw};

/// Formula text as renja keeps it: no leading `=`, no `_xlfn.`/`_xlws.` prefixes (Excel writes
/// them for functions newer than 2007, e.g. `_xlfn.IFERROR`). `None` for an empty formula.
pub(super) fn clean_formula(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix('=').unwrap_or(text);
    if text.is_empty() {
        return None;
    }
    Some(
        text.replace("_xlfn._xlws.", "")
            .replace("_xlfn.", "")
            .replace("_xlws.", ""),
    )
}

pub(super) fn error_value(e: &calamine::CellErrorType) -> ErrorValue {
    use calamine::CellErrorType as C;
    match e {
        C::Div0 => ErrorValue::Div0,
        C::NA => ErrorValue::NA,
        C::Name => ErrorValue::Name,
        C::Null => ErrorValue::Null,
        C::Num => ErrorValue::Num,
        C::Ref => ErrorValue::Ref,
        C::Value => ErrorValue::Value,
        C::GettingData => ErrorValue::GettingData,
    }
}

pub(super) fn raw_from_data(data: &calamine::Data) -> Raw {
    use calamine::Data as D;
    match data {
        D::Empty => Raw::Empty,
        D::Int(i) => Raw::Number(*i as f64),
        D::Float(f) => Raw::Number(*f),
        D::String(s) => Raw::Text(s.clone()),
        D::Bool(b) => Raw::Bool(*b),
        D::DateTime(dt) => Raw::DateTime(dt.as_f64()),
        D::DateTimeIso(s) | D::DurationIso(s) => Raw::DateTimeIso(s.clone()),
        D::Error(e) => Raw::Error(error_value(e)),
    }
}

/// calamine's defined names as the model keeps them.
pub(super) fn defined_names(pairs: &[(String, String)]) -> Vec<DefinedName> {
    pairs
        .iter()
        .map(|(name, formula)| DefinedName {
            name: name.clone(),
            formula: formula.clone(),
            sheet: None,
        })
        .collect()
}

/// Number-format codes repeat across thousands of cells: keep one copy of each.
#[derive(Default)]
pub(super) struct FormatInterner(HashMap<String, Arc<str>>);

impl FormatInterner {
    pub(super) fn intern(&mut self, code: &str) -> Option<Arc<str>> {
        if code.is_empty() || code.eq_ignore_ascii_case("General") {
            return None;
        }
        if let Some(found) = self.0.get(code) {
            return Some(found.clone());
        }
        let shared: Arc<str> = Arc::from(code);
        self.0.insert(code.to_string(), shared.clone());
        Some(shared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_lose_prefixes_and_equals() {
        assert_eq!(
            clean_formula("=_xlfn.IFERROR(A1/B1,0)").as_deref(),
            Some("IFERROR(A1/B1,0)")
        );
        assert_eq!(clean_formula("SUM(D8:D9)").as_deref(), Some("SUM(D8:D9)"));
        assert_eq!(clean_formula("  "), None);
    }

    #[test]
    fn formats_are_interned_and_general_dropped() {
        let mut interner = FormatInterner::default();
        let a = interner.intern("#,##0.00").unwrap();
        let b = interner.intern("#,##0.00").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(interner.intern("General"), None);
    }
}
