//! The `renja` binary: parse the command line, run, map the outcome to an exit code
//! (0 clean, 1 findings, 2 could not read or write). Everything else lives in the library.

mod cli;

use std::process::ExitCode;

/// Counts the heap, so that the reader child (`renja::read::run_reader_child`) can stop at
/// its memory budget; unarmed in every other run.
#[global_allocator]
static ALLOCATOR: renja::read::CountingAllocator = renja::read::CountingAllocator;

fn main() -> ExitCode {
    if let Some(code) = renja::read::run_reader_child() {
        return code;
    }
    match cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli::exit_code(cli::run(cli)),
        Err(code) => code,
    }
}
