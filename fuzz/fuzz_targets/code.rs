//! `BudgetCode::parse` and `from_parts` on arbitrary text (parts split at `|`, two codes
//! split at `/`). Properties:
//! - neither panics;
//! - a parsed code's canonical form parses to the same code, and so do its segments as parts
//!   (program codes: parts are never read as an account code);
//! - the parent chain ends at an urusan (or akun) within five steps, each level shallower,
//!   each parent containing its child;
//! - `contains` is reflexive, antisymmetric, and holds exactly for the code's ancestors;
//! - `classify`, in every place a text can stand, never panics, and the codes it reads obey
//!   the properties above.
#![no_main]

use libfuzzer_sys::fuzz_target;
use renja::codes::{
    classify, looks_like_code, BudgetCode, CodeKind, CodeShape, ColumnHint, Hints,
};

fn check_code(text: &str, code: &BudgetCode) {
    let canonical = code.canonical();
    assert_eq!(
        BudgetCode::parse(&canonical).as_ref(),
        Ok(code),
        "{text:?} → {canonical:?}"
    );
    let parts: Vec<&str> = code.segments().collect();
    if code.kind() == CodeKind::Program {
        assert_eq!(
            BudgetCode::from_parts(&parts).as_ref(),
            Ok(code),
            "{text:?}"
        );
        assert!(
            (1..=6).contains(&parts.len()) && parts.len() != 4,
            "{canonical}"
        );
    } else {
        assert!((3..=6).contains(&parts.len()), "{canonical}");
    }
    assert!(code.contains(code));
    // Template codes (`X.XX.01`) are codes only where a column says so.
    if parts.len() >= 3 && !canonical.starts_with('X') {
        assert!(looks_like_code(&canonical), "{canonical}");
    }

    let mut chain = vec![code.clone()];
    let mut current = code.clone();
    while let Some(parent) = current.parent() {
        assert!(chain.len() < 6, "parent chain of {canonical} does not end");
        assert!(parent.level().depth() < current.level().depth());
        assert!(parent.contains(&current) && !current.contains(&parent));
        chain.push(parent.clone());
        current = parent;
    }
    assert_eq!(current.level().depth(), 1, "{canonical} ends above urusan");
    for ancestor in &chain {
        assert!(ancestor.contains(code));
    }
}

/// `classify` in every place a text can stand: it never panics, and a code it reads (alone or
/// with its name) is a well-formed code.
fn classify_everywhere(text: &str) {
    let columns = [
        None,
        Some(ColumnHint::Code),
        Some(ColumnHint::Numbering),
        Some(ColumnHint::Level),
        Some(ColumnHint::RowCode),
        Some(ColumnHint::SplitLevel),
    ];
    for column in columns {
        for right_of_code in [false, true] {
            match classify(text, Hints { column, right_of_code }) {
                CodeShape::Code(code) | CodeShape::Named { code, .. } => check_code(text, &code),
                _ => {}
            }
        }
    }
}

/// Parts split at `|`, as a code spread over several columns.
fn from_columns(text: &str) -> Option<BudgetCode> {
    let parts: Vec<&str> = text.split('|').collect();
    BudgetCode::from_parts(&parts).ok()
}

fuzz_target!(|text: &str| {
    if let Ok(code) = BudgetCode::parse(text) {
        check_code(text, &code);
    }
    let _ = looks_like_code(text);
    classify_everywhere(text);
    // Two codes, split at the first `/`, for the relation between them.
    let (left, right) = text.split_once('/').unwrap_or((text, text));
    let (Some(a), Some(b)) = (from_columns(left), from_columns(right)) else {
        return;
    };
    check_code(left, &a);
    check_code(right, &b);
    let mut ancestors_of_b = vec![b.clone()];
    while let Some(p) = ancestors_of_b.last().and_then(BudgetCode::parent) {
        ancestors_of_b.push(p);
    }
    assert_eq!(a.contains(&b), ancestors_of_b.contains(&a), "{a} / {b}");
    if a.contains(&b) && b.contains(&a) {
        assert_eq!(a, b);
    }
});
