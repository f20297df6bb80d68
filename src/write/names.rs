//! What renja calls its outputs: `Renja 2025.xlsx` → `Renja 2025.bersih.xlsx`, the same name
//! from every front door (`clean`, drop mode, `batch`, the web page's download).

use std::path::{Path, PathBuf};

/// The ending of every cleaned workbook's name.
pub const CLEANED_SUFFIX: &str = ".bersih.xlsx";

/// The file's name without its extension; `renja` for a path without one (`-`, `/`).
pub fn stem_of(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "renja".into())
}

/// The cleaned workbook of `input`, beside it: `data/Renja 2025.bersih.xlsx`.
pub fn cleaned_path(input: &Path) -> PathBuf {
    input.with_file_name(format!("{}{CLEANED_SUFFIX}", stem_of(input)))
}

/// The `n`th alternative when [`cleaned_path`] is taken: `Renja 2025.bersih (2).xlsx`.
pub fn numbered_cleaned_path(input: &Path, n: u32) -> PathBuf {
    input.with_file_name(format!("{}.bersih ({n}).xlsx", stem_of(input)))
}

/// Excel's longest sheet name, in characters.
pub const SHEET_NAME_MAX: usize = 31;

/// The characters Excel refuses in a sheet name.
const SHEET_NAME_FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];

/// The names the data sheets get in the cleaned workbook, in input order: the input's own
/// wherever Excel takes it. A web page, an ods or a csv can name a sheet in ways an xlsx cannot:
/// longer than 31 characters, with `[]:*?/\`, or empty; such a name is shortened, the
/// characters replaced by `_`, and a ` (2)` added where two would then read alike (Excel
/// compares sheet names without case).
pub fn excel_sheet_names(names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    let taken =
        |out: &[String], name: &str| out.iter().any(|o| o.to_lowercase() == name.to_lowercase());
    for (i, name) in names.iter().enumerate() {
        let cleaned: String = name
            .chars()
            .map(|c| {
                if SHEET_NAME_FORBIDDEN.contains(&c) {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let cleaned = cleaned.trim_matches('\'').to_string();
        let base = if cleaned.trim().is_empty() {
            format!("Sheet{}", i + 1)
        } else {
            cleaned
        };
        let fits = |s: &str, room: usize| s.chars().take(room).collect::<String>();
        let mut chosen = fits(&base, SHEET_NAME_MAX);
        let mut n = 2;
        while taken(&out, &chosen) {
            let suffix = format!(" ({n})");
            chosen = format!("{}{suffix}", fits(&base, SHEET_NAME_MAX - suffix.len()));
            n += 1;
        }
        out.push(chosen);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_excel_refuses_are_shortened_and_kept_apart() {
        let long = "Rekapitulasi Realisasi Anggaran Belanja Daerah 2025";
        let names = excel_sheet_names(&[long, long, "a/b", "", "Data", "DATA", "'kutip'"]);
        assert_eq!(names[0], "Rekapitulasi Realisasi Anggaran");
        assert_eq!(names[0].chars().count(), SHEET_NAME_MAX);
        assert_eq!(names[1], "Rekapitulasi Realisasi Angg (2)");
        assert_eq!(names[2], "a_b");
        assert_eq!(names[3], "Sheet4");
        assert_eq!(names[4], "Data");
        assert_eq!(names[5], "DATA (2)");
        assert_eq!(names[6], "kutip");
        assert_eq!(
            excel_sheet_names(&["Tabel 2.1", "Ringkasan"]),
            ["Tabel 2.1", "Ringkasan"]
        );
    }

    #[test]
    fn outputs_are_named_after_their_input() {
        assert_eq!(
            cleaned_path(Path::new("data/Renja 2025.xlsx")),
            Path::new("data/Renja 2025.bersih.xlsx")
        );
        assert_eq!(
            cleaned_path(Path::new("lama.XLS")),
            Path::new("lama.bersih.xlsx")
        );
        assert_eq!(
            numbered_cleaned_path(Path::new("a/b.xlsx"), 2),
            Path::new("a/b.bersih (2).xlsx")
        );
        assert_eq!(stem_of(Path::new("/")), "renja");
    }
}
