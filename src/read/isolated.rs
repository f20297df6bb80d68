//! Reads a file once in a child process under a memory budget before renja reads it itself.
//! calamine's xls, xlsb and ods readers build whole grids and trust sizes the file states;
//! `xls_check` and `extent` refuse the ways of blowing them up that are known, but a reader
//! that allocates what a hostile file asks for can only be bounded from outside. The child is
//! renja itself (`renja __read-probe …`, the bytes on its standard input) with its heap budget
//! armed (`budget`): it reads the file exactly as the parent will and exits. calamine reads
//! the same bytes the same way, so once the child has finished within the budget, the
//! parent's own read fits in it too; when the child stops at the budget, crashes or hangs,
//! the parent refuses the file and never runs the reader on it.
//!
//! Why a child and not a budget inside the process: an allocation that fails aborts a Rust
//! process (no stable way to make it an error), which would end a batch of hundreds of files
//! or the server; a thread stopped inside the allocator would keep what it had allocated. A
//! process ends cleanly and gives all its memory back. Why not the model sent back from the
//! child: that would need a wire format for the whole model and its copy in memory twice;
//! reading small xls/xlsb/ods files twice costs less (a few milliseconds of start-up).
//!
//! xlsx, HTML, MHTML and CSV are read cell by cell by readers whose allocations follow the
//! bytes (bounded by `--max-unpacked` and `--max-cells`), so they are not read twice.

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::budget::OVER_BUDGET_EXIT;
use super::error::ReadError;
use super::limits::{ReadLimits, ReaderProcess};

/// The first argument that makes `renja` the reader child instead of the command line.
const CHILD_ARG: &str = "__read-probe";

/// Reads `bytes` in the reader child under `limits.max_memory`.
///
/// # Errors
/// [`ReadError::OverBudget`] when the child reached the budget, [`ReadError::ReaderStopped`]
/// when it crashed or passed its deadline.
pub(super) fn probe(
    file: &Path,
    bytes: &[u8],
    limits: &ReadLimits,
    reader: &ReaderProcess,
) -> Result<(), ReadError> {
    let spawned = Command::new(&reader.program)
        .arg(CHILD_ARG)
        .arg(limits.max_cells_per_sheet.to_string())
        .arg(limits.max_unpacked_bytes.to_string())
        .arg(limits.max_memory.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    // No child to be had (the executable was removed, no process slots): read in this
    // process, as the library does without a reader.
    let Ok(mut child) = spawned else {
        return Ok(());
    };
    let stdin = child.stdin.take();
    let status = std::thread::scope(|scope| {
        scope.spawn(move || {
            // A child that stops early closes its end: the write fails, which is fine.
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(bytes);
            }
        });
        wait(&mut child, reader.deadline)
    });
    let stopped = |how: String| ReadError::ReaderStopped {
        file: file.to_path_buf(),
        how,
    };
    match status {
        None => Err(stopped(format!("> {} s", reader.deadline.as_secs()))),
        Some(status) if status.success() => Ok(()),
        Some(status) if status.code() == Some(OVER_BUDGET_EXIT) => Err(ReadError::OverBudget {
            file: file.to_path_buf(),
            budget: limits.max_memory,
        }),
        Some(status) => Err(stopped(describe(status))),
    }
}

/// Waits for the child until `deadline`; kills it and gives `None` past it.
fn wait(child: &mut std::process::Child, deadline: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("signal {signal}");
        }
    }
    match status.code() {
        Some(code) => format!("exit {code}"),
        None => status.to_string(),
    }
}

/// The limits this process was given as the reader child; `None` when it is not the child,
/// `Some(Err(()))` when its arguments are not the child's.
pub(super) fn child_limits() -> Option<Result<ReadLimits, ()>> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != CHILD_ARG {
        return None;
    }
    let mut number = || args.next()?.to_str()?.parse::<u64>().ok();
    let (Some(max_cells), Some(max_unpacked), Some(max_memory)) = (number(), number(), number())
    else {
        return Some(Err(()));
    };
    Some(Ok(ReadLimits {
        max_cells_per_sheet: usize::try_from(max_cells).unwrap_or(usize::MAX),
        max_unpacked_bytes: max_unpacked,
        max_memory,
        reader: None,
    }))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A reader child that is a shell script: what the parent makes of how it ends.
    fn ends_like(script: &str, deadline: Duration) -> Result<(), ReadError> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("reader");
        std::fs::write(&program, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        let reader = ReaderProcess { program, deadline };
        probe(
            Path::new("a.xls"),
            b"bytes",
            &ReadLimits::default(),
            &reader,
        )
    }

    #[test]
    fn how_the_child_ends_is_what_the_parent_reports() {
        let second = Duration::from_secs(10);
        assert!(ends_like("cat >/dev/null; exit 0", second).is_ok());
        assert!(matches!(
            ends_like("exit 86", second),
            Err(ReadError::OverBudget { budget, .. }) if budget == 1 << 30
        ));
        assert!(matches!(
            ends_like("kill -SEGV $$", second),
            Err(ReadError::ReaderStopped { how, .. }) if how == "signal 11"
        ));
        assert!(matches!(
            ends_like("exec sleep 5", Duration::from_millis(200)),
            Err(ReadError::ReaderStopped { how, .. }) if how == "> 0 s"
        ));
    }
}
