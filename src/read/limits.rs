//! What reading one file may cost: cells, unpacked bytes, memory, and the child process that
//! enforces the memory budget for the readers that build whole grids (see `isolated`).

use std::path::PathBuf;
use std::time::Duration;

/// Limits that keep a hostile or broken file from exhausting the machine. The defaults are far
/// above any real Renja workbook.
#[derive(Clone, Debug)]
pub struct ReadLimits {
    /// Filled cells in one sheet; for ods, xlsb and xls, whose readers build a dense grid,
    /// also the cells of the used area (first to last filled cell).
    pub max_cells_per_sheet: usize,
    /// Declared uncompressed size of all parts of a zip container (xlsx, ods).
    pub max_unpacked_bytes: u64,
    /// Memory reading one file may take: the reader child's heap for xls, xlsb and ods
    /// (see `isolated`), the text of all cells for xlsx.
    pub max_memory: u64,
    /// Where xls, xlsb and ods are read first under `max_memory`; `None` reads them in this
    /// process only (the library's default: tests and fuzz targets have no renja binary).
    pub reader: Option<ReaderProcess>,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_cells_per_sheet: 5_000_000,
            max_unpacked_bytes: 1 << 30,
            max_memory: 1 << 30,
            reader: None,
        }
    }
}

/// How to start the reader child.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderProcess {
    /// The renja executable (the running one).
    pub program: PathBuf,
    /// Longest time the child may take; a reader still busy then is taken to hang.
    pub deadline: Duration,
}

impl ReaderProcess {
    /// The running executable as the reader, or `None` when it cannot be found (then files
    /// are read in this process only).
    pub fn this_program() -> Option<ReaderProcess> {
        Some(ReaderProcess {
            program: std::env::current_exe().ok()?,
            deadline: Duration::from_secs(120),
        })
    }
}
