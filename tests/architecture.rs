//! The house's one-way arrows: no file of `src/` imports a file that imports it back, directly
//! or around a loop (docs/ARCHITECTURE.md). Imports are read from the source text — `use`
//! trees and inline `crate::…`, `super::…`, `self::…`, `renja::…` paths — and resolved to the
//! file that defines the module they name. Test code (`#[cfg(test)]` modules, inline or in
//! files of their own) is left out: tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// A crate of this package: its root file and its source files by module path.
struct Crate {
    name: &'static str,
    modules: BTreeMap<Vec<String>, PathBuf>,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Module path of a file below `src/` (`src/tables/rows.rs` → `[tables, rows]`).
fn module_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The library (everything but `main.rs` and `cli/`) and the binary (`main.rs`, `cli/`).
fn crates() -> (Crate, Crate) {
    let mut lib = Crate {
        name: "renja",
        modules: BTreeMap::new(),
    };
    let mut bin = Crate {
        name: "crate-bin",
        modules: BTreeMap::new(),
    };
    let test_only = test_only_files();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.unwrap();
        let path = entry.path().to_path_buf();
        if path.extension().is_none_or(|e| e != "rs") || test_only.contains(&path) {
            continue;
        }
        let module = module_path(&path);
        let in_bin = path.ends_with("main.rs") && module.is_empty()
            || module.first().is_some_and(|m| m == "cli");
        if in_bin {
            bin.modules.insert(module, path);
        } else {
            lib.modules.insert(module, path);
        }
    }
    (lib, bin)
}

/// Files declared as `#[cfg(test)] mod NAME;` (and everything below them).
fn test_only_files() -> BTreeSet<PathBuf> {
    let declaration =
        Regex::new(r"#\[cfg\(test\)\]\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+(\w+)\s*;").unwrap();
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let dir = if matches!(
            path.file_name().unwrap().to_str(),
            Some("mod.rs" | "lib.rs" | "main.rs")
        ) {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        for caps in declaration.captures_iter(&text) {
            let name = &caps[1];
            out.insert(dir.join(format!("{name}.rs")));
            for file in walkdir::WalkDir::new(dir.join(name)).into_iter().flatten() {
                out.insert(file.path().to_path_buf());
            }
            out.insert(dir.join(name).join("mod.rs"));
        }
    }
    out
}

/// The source without comments, string and char literals, and inline `#[cfg(test)]` modules.
fn code_only(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < bytes.len() && bytes[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < bytes.len() && !(bytes[i] == '*' && bytes[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !prev_is_ident(&bytes, i)
        {
            // Raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while j < bytes.len() && bytes[j] == '#' {
                hashes += 1;
                j += 1;
            }
            if bytes.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= bytes.len() {
                    break;
                }
                if bytes[j] == '"' && (0..hashes).all(|k| bytes.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&bytes, i) {
            i += 1;
            while i < bytes.len() && bytes[i] != '\'' {
                if bytes[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    cut_test_modules(&out)
}

fn prev_is_ident(bytes: &[char], i: usize) -> bool {
    i > 0 && (bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_')
}

/// `'a'`, `'\n'`, `'\u{1f}'` but not a lifetime `'a`.
fn is_char_literal(bytes: &[char], i: usize) -> bool {
    match bytes.get(i + 1) {
        Some('\\') => true,
        Some(_) => bytes.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// Removes `#[cfg(test)] mod NAME { … }` blocks, and those under `#[cfg(all(test, …))]`.
fn cut_test_modules(code: &str) -> String {
    let start =
        Regex::new(r"#\[cfg\((?:test|all\([^()]*\btest\b[^()]*\))\)\]\s*(?:pub\s+)?mod\s+\w+\s*\{")
            .unwrap();
    let mut out = String::new();
    let mut rest = code;
    while let Some(m) = start.find(rest) {
        out.push_str(&rest[..m.start()]);
        let mut depth = 1;
        let mut end = rest.len();
        for (k, ch) in rest[m.end()..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = m.end() + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Expands a `use` tree (`crate::{a::B, c::{D, E}}`) into whole paths.
fn expand_use(tree: &str) -> Vec<String> {
    let renamed = Regex::new(r"\s+as\s+\w+").unwrap();
    let tree: String = renamed
        .replace_all(tree, "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for ch in inner.chars() {
        match ch {
            '{' => {
                depth += 1;
                current.push(ch);
            }
            '}' => {
                depth -= 1;
                current.push(ch);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            _ => current.push(ch),
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand_use(&format!("{prefix}{p}")))
        .collect()
}

/// Every path the file names that may point into this package.
fn imported_paths(code: &str) -> Vec<Vec<String>> {
    let use_statement = Regex::new(r"\buse\s+([^;]+);").unwrap();
    // Any path, not only `crate::…`: `rows::build_rows(..)` in tables/mod.rs names the child
    // module `rows` without a `use`. `resolve` keeps only paths into this package.
    let inline = Regex::new(r"\b[a-z_][a-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+").unwrap();
    let mut paths: Vec<String> = use_statement
        .captures_iter(code)
        .flat_map(|c| expand_use(&c[1]))
        .collect();
    paths.extend(inline.find_iter(code).map(|m| m.as_str().to_string()));
    paths
        .into_iter()
        .map(|p| p.split("::").map(str::to_string).collect())
        .collect()
}

/// The file a path from `module` (in `krate`, with `lib` for `renja::…`) lands in.
fn resolve<'a>(
    path: &[String],
    module: &[String],
    krate: &'a Crate,
    lib: &'a Crate,
) -> Option<&'a PathBuf> {
    let (target, mut absolute): (&Crate, Vec<String>) = match path.first()?.as_str() {
        "crate" => (krate, path[1..].to_vec()),
        "renja" => (lib, path[1..].to_vec()),
        "self" => (krate, [module, &path[1..]].concat()),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            (krate, [base.as_slice(), rest].concat())
        }
        first => {
            // A child module named without a prefix (`use rows::build_rows` in tables/mod.rs).
            let child = [module, &[first.to_string()]].concat();
            if !krate.modules.contains_key(&child) {
                return None;
            }
            (krate, [module, path].concat())
        }
    };
    while !absolute.is_empty() {
        if let Some(file) = target.modules.get(&absolute) {
            return Some(file);
        }
        absolute.pop();
    }
    target.modules.get(&absolute)
}

/// File → the files it imports.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let (lib, bin) = crates();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = |p: &Path| p.strip_prefix(root).unwrap().display().to_string();
    let mut graph = BTreeMap::new();
    for krate in [&lib, &bin] {
        for (module, file) in &krate.modules {
            let code = code_only(&std::fs::read_to_string(file).unwrap());
            let edges: BTreeSet<String> = imported_paths(&code)
                .iter()
                .filter_map(|p| resolve(p, module, krate, &lib))
                .filter(|target| *target != file)
                .map(|t| name(t))
                .collect();
            graph.insert(name(file), edges);
        }
    }
    let _ = bin.name;
    graph
}

/// Strongly connected components with more than one file (Tarjan).
fn loops(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found.sort();
    state.found
}

/// What ties a loop: each edge inside it.
fn describe(component: &[String], graph: &BTreeMap<String, BTreeSet<String>>) -> String {
    let mut out = String::new();
    for file in component {
        for target in &graph[file] {
            if component.contains(target) {
                out.push_str(&format!("    {file} -> {target}\n"));
            }
        }
    }
    out
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let graph = import_graph();
    assert!(
        graph.len() > 50,
        "the source files were not found: {graph:?}"
    );
    let found = loops(&graph);
    let mut message = String::new();
    for component in &found {
        message.push_str(&format!("import loop:\n{}", describe(component, &graph)));
    }
    assert!(message.is_empty(), "{message}");
}

#[test]
fn loops_are_found_around_any_number_of_files() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
        ("e", vec!["f"]),
        ("f", vec![]),
    ]
    .into_iter()
    .map(|(file, to)| (file.to_string(), to.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(loops(&graph), vec![vec!["a", "b", "c"]]);
}

#[test]
fn the_reader_sees_imports_of_every_kind() {
    let code = code_only(
        "use crate::{a::B, c::{D, e::F as G}};\n// use crate::z;\nlet s = \"crate::y\";\nfn f() { super::h::i(); child::j(); }\n#[cfg(test)]\nmod tests { use crate::t; }\n#[cfg(all(test, unix))]\nmod unix_tests { use crate::u; }\n",
    );
    let paths: Vec<String> = imported_paths(&code).iter().map(|p| p.join("::")).collect();
    for wanted in [
        "crate::a::B",
        "crate::c::D",
        "crate::c::e::F",
        "super::h::i",
    ] {
        assert!(paths.contains(&wanted.to_string()), "{wanted} in {paths:?}");
    }
    for unwanted in ["crate::z", "crate::y", "crate::t", "crate::u"] {
        assert!(
            !paths.contains(&unwanted.to_string()),
            "{unwanted} in {paths:?}"
        );
    }
}
