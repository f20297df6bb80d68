//! Why a batch could not run at all. A file that cannot be read is a row of the summary, never
//! this.

use std::path::PathBuf;

use thiserror::Error;

use crate::atomic::WriteError;
use crate::messages::Message;

/// Why a batch could not run at all (a bad file is a row, never this).
#[derive(Debug, Error)]
pub enum BatchError {
    /// An input file or folder lies inside the output folder (`renja batch out/x -o out`).
    #[error("{}: inside the output folder {}", input.display(), output.display())]
    InputInOutput { input: PathBuf, output: PathBuf },
    /// The output folder or a batch-wide table could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The worker threads could not be started.
    #[error("thread pool: {0}")]
    Threads(String),
}

impl BatchError {
    pub fn message(&self) -> Message {
        match self {
            BatchError::InputInOutput { input, output } => Message::new("batch.input-in-output")
                .arg("input", input.display())
                .arg("output", output.display()),
            BatchError::Write(e) => e.message(),
            BatchError::Threads(cause) => Message::new("write.failed")
                .arg("file", "-")
                .arg("cause", cause),
        }
    }
}
