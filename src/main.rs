//! The `renja` binary: parse the command line, run, map the outcome to an exit code
//! (0 clean, 1 findings, 2 could not read or write). Everything else lives in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli::exit_code(cli::run(cli)),
        Err(code) => code,
    }
}
