//! Every message key the code names exists in the catalogue (src/messages.rs) in both
//! languages with the same placeholders, and every catalogue entry is used. A key is a
//! `"namespace.name"` literal whose namespace is one the catalogue has (`formula.mismatch`,
//! `cli.help.check`): a typo in a key otherwise shows the user the bare key instead of a
//! sentence, and only at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use regex::Regex;

/// (key, Indonesian, English) as the catalogue writes them, one entry a line.
fn catalogue() -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(root().join("src/messages.rs")).unwrap();
    let entry = Regex::new(
        r#"(?m)^\s*\("([a-z][a-z0-9.-]*)",\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\),\s*$"#,
    )
    .unwrap();
    let entries: BTreeMap<_, _> = entry
        .captures_iter(&text)
        .map(|c| (c[1].to_string(), (c[2].to_string(), c[3].to_string())))
        .collect();
    let lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with("(\""))
        .count();
    assert_eq!(
        entries.len(),
        lines,
        "every catalogue entry is one line `(\"key\", \"id\", \"en\"),` and keys are unique"
    );
    entries
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Rust source of the library and binary, without the catalogue itself.
fn sources() -> Vec<(String, String)> {
    walkdir::WalkDir::new(root().join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter(|e| !e.path().ends_with("messages.rs"))
        .map(|e| {
            let name = e.path().strip_prefix(root()).unwrap().display().to_string();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn placeholders(template: &str) -> BTreeSet<String> {
    let placeholder = Regex::new(r"\{([a-z_]+)\}").unwrap();
    placeholder
        .captures_iter(template)
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn every_key_the_code_names_is_in_the_catalogue() {
    let catalogue = catalogue();
    let namespaces: BTreeSet<&str> = catalogue
        .keys()
        .map(|k| k.split('.').next().unwrap())
        .collect();
    let literal = Regex::new(r#""([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)""#).unwrap();
    let mut missing = Vec::new();
    for (file, text) in sources() {
        for c in literal.captures_iter(&text) {
            let key = &c[1];
            let namespace = key.split('.').next().unwrap();
            if namespaces.contains(namespace) && !catalogue.contains_key(key) {
                missing.push(format!("{file}: {key}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from src/messages.rs:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_catalogue_entry_is_used() {
    let code: String = sources().into_iter().map(|(_, text)| text).collect();
    let unused: Vec<String> = catalogue()
        .into_keys()
        .filter(|key| !code.contains(&format!("\"{key}\"")))
        .collect();
    assert!(
        unused.is_empty(),
        "catalogue entries no code uses:\n{}",
        unused.join("\n")
    );
}

#[test]
fn both_languages_say_the_same_things() {
    for (key, (id, en)) in catalogue() {
        assert!(
            !id.trim().is_empty() && !en.trim().is_empty(),
            "{key}: empty text"
        );
        assert_eq!(
            placeholders(&id),
            placeholders(&en),
            "{key}: the two languages use different placeholders"
        );
    }
}
