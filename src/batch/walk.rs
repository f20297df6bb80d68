//! Finds the inputs of a batch: the files named on the command line, and every workbook under
//! the folders named, recursively. Decides what is an input, what is listed as skipped (lock
//! files, other file types, symbolic links) and what is ignored (hidden files and folders),
//! and where each input's outputs go in the mirrored tree.
//!
//! Knows nothing of what is inside a file: the reader decides the real format from the bytes.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use super::error::BatchError;
use crate::messages::Message;

/// Extensions (lower case) of the files taken from a folder. `htm`/`html` are included: budget
/// apps "export to Excel" as web pages, and the reader says how to turn one into a workbook.
/// `csv` is not: in an archive it is mostly a data dump or an earlier batch's own output.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "htm", "html"];

/// One file to check.
#[derive(Clone, Debug)]
pub struct Input {
    /// The path to read, as the user's arguments lead to it.
    pub path: PathBuf,
    /// Its place in the mirrored tree, `/`-separated (`2021/Renja.xlsx`); names it in the
    /// summary and keys it in the state file.
    pub relative: String,
    /// Relative path of its outputs without their suffix (`2021/Renja`; `2021/Renja.xls`
    /// when another input in the same folder has the same stem).
    pub output_stem: String,
}

/// A file found in a folder that is not checked, and why.
#[derive(Clone, Debug)]
pub struct Skipped {
    pub relative: String,
    pub reason: Message,
}

#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    pub skipped: Vec<Skipped>,
    /// Said once to the user: the output folder lies inside an input folder, so its
    /// workbooks (last run's cleaned files) are not read.
    pub notices: Vec<Message>,
}

/// Walks `args` (files and folders). `output` must already exist; it is never read.
///
/// # Errors
/// [`BatchError::InputInOutput`] when an input lies inside the output folder.
pub fn find_inputs(args: &[PathBuf], output: &Path) -> Result<Found, BatchError> {
    let output_real = std::fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf());
    let real: Vec<Option<PathBuf>> = args.iter().map(|a| std::fs::canonicalize(a).ok()).collect();
    for (arg, real) in args.iter().zip(&real) {
        if real.as_ref().is_some_and(|r| r.starts_with(&output_real)) {
            return Err(BatchError::InputInOutput {
                input: arg.clone(),
                output: output.to_path_buf(),
            });
        }
    }
    let base = common_base(real.iter().flatten().map(|r| {
        if r.is_dir() {
            r.clone()
        } else {
            r.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    }));
    let mut found = Found::default();
    let mut seen = HashSet::new();
    for (arg, real) in args.iter().zip(&real) {
        let Some(real) = real else {
            // Missing: checked like any input, so its row says "file not found".
            found.inputs.push(input(arg.clone(), slashed(arg)));
            continue;
        };
        let relative_root = real.strip_prefix(&base).unwrap_or(real).to_path_buf();
        if !real.is_dir() {
            if seen.insert(real.clone()) {
                found
                    .inputs
                    .push(input(arg.clone(), slashed(&relative_root)));
            }
            continue;
        }
        if output_real.starts_with(real) {
            found.notices.push(
                Message::new("batch.output-in-input")
                    .arg("output", output.display())
                    .arg("input", arg.display()),
            );
        }
        walk_folder(arg, &relative_root, &output_real, &mut seen, &mut found);
    }
    found.inputs.sort_by(|a, b| a.relative.cmp(&b.relative));
    found.skipped.sort_by(|a, b| a.relative.cmp(&b.relative));
    assign_output_stems(&mut found.inputs);
    Ok(found)
}

fn walk_folder(
    folder: &Path,
    relative_root: &Path,
    output_real: &Path,
    seen: &mut HashSet<PathBuf>,
    found: &mut Found,
) {
    let walker = WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 || !e.file_type().is_dir() {
                return true;
            }
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            let is_output = std::fs::canonicalize(e.path()).is_ok_and(|r| r == output_real);
            !hidden && !is_output
        });
    for entry in walker.filter_map(Result::ok) {
        if entry.depth() == 0 || entry.file_type().is_dir() {
            continue;
        }
        let inside = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        let relative = slashed(&relative_root.join(inside));
        let name = entry.file_name().to_string_lossy();
        let skip = |reason: Message| Skipped {
            relative: relative.clone(),
            reason,
        };
        if is_lock_file(&name) {
            found.skipped.push(skip(Message::new("batch.skip.lock")));
        } else if name.starts_with('.') {
            // Hidden files (.DS_Store, editor backups) are nobody's workbook: not listed.
        } else if entry.path_is_symlink() {
            found.skipped.push(skip(Message::new("batch.skip.symlink")));
        } else if !has_workbook_extension(&name) {
            let ext = Path::new(name.as_ref())
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_else(|| name.to_string());
            found
                .skipped
                .push(skip(Message::new("batch.skip.extension").arg("ext", ext)));
        } else if seen.insert(std::fs::canonicalize(entry.path()).unwrap_or_default()) {
            found
                .inputs
                .push(input(entry.path().to_path_buf(), relative.clone()));
        }
    }
}

/// `~$Renja.xlsx` (Excel, while the file is open) and `.~lock.Renja.xlsx#` (LibreOffice).
pub fn is_lock_file(name: &str) -> bool {
    name.starts_with("~$") || (name.starts_with(".~lock.") && name.ends_with('#'))
}

fn has_workbook_extension(name: &str) -> bool {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.as_str()))
}

fn input(path: PathBuf, relative: String) -> Input {
    Input {
        path,
        output_stem: relative.clone(),
        relative,
    }
}

/// Outputs are named by the input's stem (`Renja.bersih.xlsx`), or by its whole name when two
/// inputs in one folder share a stem (`Renja.xls` and `Renja.xlsx`).
fn assign_output_stems(inputs: &mut [Input]) {
    let stem = |relative: &str| match relative.rsplit_once('.') {
        Some((stem, _)) if !stem.ends_with('/') && !stem.is_empty() => stem.to_string(),
        _ => relative.to_string(),
    };
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for input in inputs.iter() {
        *count.entry(stem(&input.relative)).or_default() += 1;
    }
    for input in inputs.iter_mut() {
        let s = stem(&input.relative);
        input.output_stem = if count[&s] > 1 {
            input.relative.clone()
        } else {
            s
        };
    }
}

/// The deepest folder holding every input, so the mirrored tree starts where they differ.
fn common_base(mut folders: impl Iterator<Item = PathBuf>) -> PathBuf {
    let Some(mut base) = folders.next() else {
        return PathBuf::new();
    };
    for folder in folders {
        while !folder.starts_with(&base) {
            if !base.pop() {
                return PathBuf::new();
            }
        }
    }
    base
}

/// A relative path with `/` separators and without `..` or a root, so it stays in the output.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_files_are_recognised() {
        assert!(is_lock_file("~$Renja.xlsx"));
        assert!(is_lock_file(".~lock.Renja.xlsx#"));
        assert!(!is_lock_file("Renja.xlsx"));
        assert!(!is_lock_file(".~lock.Renja.xlsx"));
    }

    #[test]
    fn extensions_are_case_insensitive() {
        assert!(has_workbook_extension("LAMA.XLS"));
        assert!(has_workbook_extension("a.Ods"));
        assert!(!has_workbook_extension("a.pdf"));
        assert!(!has_workbook_extension("a.csv"));
    }

    #[test]
    fn shared_stems_keep_their_extension() {
        let mut inputs = vec![
            input("a".into(), "x/Renja.xls".into()),
            input("b".into(), "x/Renja.xlsx".into()),
            input("c".into(), "y/Renja.xlsx".into()),
        ];
        assign_output_stems(&mut inputs);
        let stems: Vec<_> = inputs.iter().map(|i| i.output_stem.as_str()).collect();
        assert_eq!(stems, ["x/Renja.xls", "x/Renja.xlsx", "y/Renja"]);
    }

    #[test]
    fn base_is_the_deepest_common_folder() {
        let base =
            common_base([PathBuf::from("/a/b/2021"), PathBuf::from("/a/b/2022/x")].into_iter());
        assert_eq!(base, PathBuf::from("/a/b"));
        assert_eq!(slashed(Path::new("../x/./y.xlsx")), "x/y.xlsx");
    }
}
