//! `.renja-batch.json` in the output folder: what the last run made of each input, so a
//! re-run skips inputs whose bytes (SHA-256), the tool version and the options are unchanged.
//!
//! Only inputs that were checked and written are remembered; a file that failed is tried
//! again every run. The summary row is kept here; the combined rows of a skipped input are
//! taken from the previous `gabungan.csv` (see `output`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::rows::FileRow;
use crate::atomic::{write_atomically, WriteError};

pub const STATE_FILE: &str = ".renja-batch.json";
/// `/2`: each row keeps its SKPD and figures, for reconciling an unchanged file with the rest.
const SCHEMA: &str = "renja-batch-state/2";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    pub schema: String,
    pub tool_version: String,
    /// What else changes the outputs: language and limits (`Options` in debug form).
    pub options: String,
    pub files: BTreeMap<String, Remembered>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Remembered {
    pub sha256: String,
    pub row: FileRow,
}

impl State {
    pub fn new(options: String) -> State {
        State {
            schema: SCHEMA.into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            options,
            files: BTreeMap::new(),
        }
    }

    /// The previous run's state when it was made by this version with these options; an
    /// empty one otherwise (missing, unreadable, other version: everything is redone).
    pub fn load(output: &Path, options: String) -> State {
        let fresh = State::new(options);
        let Ok(text) = std::fs::read_to_string(state_path(output)) else {
            return fresh;
        };
        match serde_json::from_str::<State>(&text) {
            Ok(old)
                if old.schema == fresh.schema
                    && old.tool_version == fresh.tool_version
                    && old.options == fresh.options =>
            {
                State {
                    files: old.files,
                    ..fresh
                }
            }
            _ => fresh,
        }
    }

    /// Writes the state atomically.
    ///
    /// # Errors
    /// [`WriteError::Failed`] when the file cannot be written.
    pub fn save(&self, output: &Path) -> Result<(), WriteError> {
        // Compact: a big file's figures are many lines pretty-printed.
        let text = serde_json::to_string(self).expect("state serialises");
        write_atomically(&state_path(output), text.as_bytes(), true)
    }
}

fn state_path(output: &Path) -> PathBuf {
    output.join(STATE_FILE)
}
