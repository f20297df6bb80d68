//! README's rule table ("What it checks") against `RuleId`: every rule has a row, every id
//! the table names exists, and the severity column says each rule's severity. A new rule is a
//! `RuleId` entry, its file in `rules/`, and its README row; this test asks for the row. The
//! same for the table kinds (`tables::kinds::KINDS`) and README's "Tables it understands".

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use renja::finding::RuleId;

/// (rule ids, severities) of each row of the table under `## What it checks`.
fn readme_rows() -> Vec<(Vec<String>, BTreeSet<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let section = readme
        .split("\n## What it checks")
        .nth(1)
        .expect("README has a section \"What it checks\"");
    let table = section
        .lines()
        .skip_while(|l| !l.starts_with("| rule | severity |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    table
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let ids = cells[1]
                .split(',')
                .map(|id| id.trim().trim_matches('`').to_string())
                .collect();
            let severities = cells[2].split('/').map(|s| s.trim().to_string()).collect();
            (ids, severities)
        })
        .collect()
}

#[test]
fn readme_lists_every_rule_with_its_severity_and_no_other() {
    let rows = readme_rows();
    assert!(!rows.is_empty(), "no rule table found in README.md");
    let known: BTreeMap<&str, RuleId> = RuleId::ALL.iter().map(|r| (r.id(), *r)).collect();
    let mut listed: BTreeSet<&str> = BTreeSet::new();
    for (ids, severities) in &rows {
        let mut of_rules = BTreeSet::new();
        for id in ids {
            let rule = known
                .get(id.as_str())
                .unwrap_or_else(|| panic!("README lists `{id}`, which is no RuleId"));
            assert!(listed.insert(id), "README lists `{id}` twice");
            of_rules.insert(rule.severity().as_str().to_string());
        }
        assert_eq!(severities, &of_rules, "severity column of the row {ids:?}");
    }
    let missing: Vec<&str> = known
        .keys()
        .filter(|id| !listed.contains(*id))
        .copied()
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a README row: {missing:?}"
    );
}

/// README's "Tables it understands" names every table kind renja knows, by its id and name.
#[test]
fn readme_lists_every_table_kind() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let section = readme
        .split("\n## Tables it understands")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a section \"Tables it understands\"");
    let flat = section.split_whitespace().collect::<Vec<_>>().join(" ");
    for spec in renja::tables::kinds::KINDS {
        let id = serde_json::to_value(spec.kind).unwrap();
        let id = format!("`{}`", id.as_str().unwrap());
        assert!(flat.contains(&id), "README does not list the kind {id}");
        let short = spec.name.split(" (").next().unwrap();
        assert!(flat.contains(short), "README does not name {short}");
    }
}
