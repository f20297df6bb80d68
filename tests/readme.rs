//! README.md and samples/README.md are tests: every ```console block in them (`$ renja …`
//! lines, `? N` for the exit code, then stdout and stderr as printed, `...` and `[..]` for
//! what the text leaves out) runs with trycmd against the real binary, so a claim that drifts
//! fails the build. The blocks of one file run in order in one folder holding a copy of
//! samples/, so the commands read as a reader at the repository root types them and what
//! they write never lands in the tree. The two commands README.md starts with are checked
//! here too: they must stay the main job on a shipped sample and the test command.
//!
//! After an intended change of output: run the command and paste what it prints.

mod common;

use std::path::{Path, PathBuf};

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `doc` (relative to the repository) as a trycmd case in `work`: the file itself, and beside
/// it the folder trycmd runs it in (`NAME.in/`, holding samples/).
fn case_in(work: &Path, doc: &str, name: &str) -> PathBuf {
    let case = work.join(format!("{name}.md"));
    std::fs::copy(repo(doc), &case).unwrap();
    copy_dir(&repo("samples"), &work.join(format!("{name}.in/samples")));
    case
}

#[test]
fn readme_console_blocks_print_what_they_show() {
    let work = tempfile::tempdir().unwrap();
    let readme = case_in(work.path(), "README.md", "readme");
    let samples = case_in(work.path(), "samples/README.md", "samples-readme");
    trycmd::TestCases::new()
        .register_bin("renja", trycmd::cargo::cargo_bin!("renja"))
        .env("NO_COLOR", "1")
        // The environment's language must not decide the documents' language.
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "")
        .env("LC_MESSAGES", "")
        .case(&readme)
        .case(&samples);
}

#[test]
fn readme_blocks_are_there_to_be_run() {
    for doc in ["README.md", "samples/README.md"] {
        let text = std::fs::read_to_string(repo(doc)).unwrap();
        let commands = text.lines().filter(|l| l.starts_with("$ renja ")).count();
        assert!(commands >= 3, "{doc}: only {commands} tested commands");
        assert!(text.contains("```console"), "{doc}");
    }
}

/// README.md opens with two commands that work on a fresh clone: the main job on a sample
/// that ships in samples/ (its comment names what it writes), and the whole test suite.
#[test]
fn readme_starts_with_the_main_job_on_a_sample_and_the_test_command() {
    let text = std::fs::read_to_string(repo("README.md")).unwrap();
    let block = text
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a sh block at the top of README.md");
    assert!(
        text.find("```sh").unwrap() < text.find("\n## ").unwrap(),
        "the commands come before the first section"
    );
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(lines.len(), 2, "{block}");
    let (main_job, writes) = lines[0]
        .split_once('#')
        .expect("a comment on the first command");
    let args: Vec<&str> = main_job
        .trim()
        .strip_prefix("cargo run --release -- ")
        .expect("the first command runs renja")
        .split_whitespace()
        .collect();
    let written = writes
        .trim()
        .strip_prefix("writes ")
        .expect("the comment says what is written");
    assert_eq!(lines[1].split('#').next().unwrap().trim(), "cargo test");

    let dir = common::Workdir::new();
    copy_dir(&repo("samples"), &dir.path("samples"));
    assert!(
        args.iter()
            .any(|a| a.starts_with("samples/") && dir.path(a).is_file()),
        "{args:?}"
    );
    let first = dir.run(&args);
    common::assert_exit(&first, 1);
    assert!(dir.path(written).is_file(), "{written} not written");
    // It is safe to run twice: the second run replaces the output (--force), same exit.
    common::assert_exit(&dir.run(&args), 1);
    // What the paragraph below the commands says it prints.
    let printed = common::stdout(&first);
    assert!(
        printed.contains("G28    kesalahan [formula-mismatch] 5.03.01.2.09"),
        "{printed}"
    );
    assert!(printed.contains("3 temuan lanjutan"), "{printed}");
}
