//! Writes output files atomically: into a temporary file beside the target, then renamed into
//! place. An interrupted run leaves either the old file or none, never a half-written one,
//! and an existing file is replaced only when the user said `--force`.
//!
//! A run killed outright (SIGKILL, power cut) cannot remove its temporary `.renja-*.tmp`;
//! the next write into the same folder removes such files once they are an hour old (no
//! write takes that long, so one still in progress is never touched).

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::messages::Message;

#[derive(Debug, Error)]
pub enum WriteError {
    /// The target exists and `--force` was not given.
    #[error("{}: already exists", file.display())]
    Exists { file: PathBuf },
    /// The target is the input file itself (same path after resolving links).
    #[error("{}: is the input file", file.display())]
    SameAsInput { file: PathBuf },
    /// The folder is missing or not writable, the disk is full, the xlsx writer failed.
    #[error("{}: {cause}", file.display())]
    Failed { file: PathBuf, cause: String },
    /// The file read back differs from what was meant to be written.
    #[error("{}: self-check failed at {sheet}!{cell}: meant {expected}, found {actual}", file.display())]
    VerifyFailed {
        file: PathBuf,
        sheet: String,
        cell: String,
        expected: String,
        actual: String,
    },
}

impl WriteError {
    pub fn message(&self) -> Message {
        let f = |p: &PathBuf| p.display().to_string();
        match self {
            WriteError::Exists { file } => Message::new("write.exists").arg("file", f(file)),
            WriteError::SameAsInput { file } => {
                Message::new("write.same-as-input").arg("file", f(file))
            }
            WriteError::Failed { file, cause } => Message::new("write.failed")
                .arg("file", f(file))
                .arg("cause", cause),
            WriteError::VerifyFailed {
                file,
                sheet,
                cell,
                expected,
                actual,
            } => Message::new("write.verify-failed")
                .arg("file", f(file))
                .arg("sheet", sheet)
                .arg("cell", cell)
                .arg("expected", expected)
                .arg("actual", actual),
        }
    }
}

/// Refuses a target that exists (without `force`) or that is the input itself.
///
/// # Errors
/// [`WriteError::Exists`], [`WriteError::SameAsInput`].
pub fn check_target(target: &Path, input: Option<&Path>, force: bool) -> Result<(), WriteError> {
    if let Some(input) = input {
        let same = match (std::fs::canonicalize(target), std::fs::canonicalize(input)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(WriteError::SameAsInput {
                file: target.to_path_buf(),
            });
        }
    }
    if target.exists() && !force {
        return Err(WriteError::Exists {
            file: target.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes `bytes` to `target` atomically.
///
/// # Errors
/// [`WriteError::Exists`] when the target exists and `force` is false (also when another
/// process created it meanwhile); [`WriteError::Failed`] on any I/O error.
pub fn write_atomically(target: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    let failed = |cause: String| WriteError::Failed {
        file: target.to_path_buf(),
        cause,
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&folder);
    let mut temp = tempfile::Builder::new()
        .prefix(".renja-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|e| failed(e.to_string()))?;
    temp.write_all(bytes).map_err(|e| failed(e.to_string()))?;
    // tempfile creates files private to the user (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| failed(e.to_string()))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| failed(e.to_string()))?;
    if force {
        temp.persist(target)
            .map_err(|e| failed(e.error.to_string()))?;
    } else {
        temp.persist_noclobber(target).map_err(|e| {
            if target.exists() {
                WriteError::Exists {
                    file: target.to_path_buf(),
                }
            } else {
                failed(e.error.to_string())
            }
        })?;
    }
    Ok(())
}

/// A temporary file older than this was left by a run that was killed.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes `.renja-*.tmp` files in `folder` last modified over [`STALE_AFTER`] ago. Best
/// effort: a file that cannot be removed stays.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".renja-") && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.xlsx");
        write_atomically(&target, b"one", false).unwrap();
        assert!(matches!(
            write_atomically(&target, b"two", false),
            Err(WriteError::Exists { .. })
        ));
        assert_eq!(std::fs::read(&target).unwrap(), b"one");
        write_atomically(&target, b"two", true).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".renja-"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left behind");
    }

    #[test]
    fn stale_temporaries_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".renja-old.tmp");
        let fresh = dir.path().join(".renja-fresh.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&old, &fresh, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let past = std::time::SystemTime::now() - 2 * STALE_AFTER;
        for p in [&old, &other] {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(past).unwrap();
        }
        write_atomically(&dir.path().join("out.xlsx"), b"one", false).unwrap();
        assert!(!old.exists(), "a temporary an hour old is a leftover");
        assert!(
            fresh.exists(),
            "a fresh temporary may belong to a running write"
        );
        assert!(other.exists(), "only renja's own temporaries are touched");
    }

    #[test]
    fn never_targets_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.xlsx");
        std::fs::write(&input, b"x").unwrap();
        assert!(matches!(
            check_target(&input, Some(&input), true),
            Err(WriteError::SameAsInput { .. })
        ));
    }

    #[test]
    fn a_missing_folder_is_a_clear_failure() {
        let err = write_atomically(Path::new("/nonexistent-renja-dir/out.xlsx"), b"x", false)
            .unwrap_err();
        assert!(matches!(err, WriteError::Failed { .. }), "{err:?}");
    }
}
