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

#[cfg(test)]
mod tests {
    use super::*;

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
