//! The command line as a newcomer meets it: every hint renja prints works (`--all` wherever the
//! summary says "gunakan --all"), the shared flags are accepted by every command that prints
//! findings (drop mode included), and `--help`, subcommand help and clap's usage errors are in
//! Bahasa Indonesia by default, in English with `--lang en` or an English `LANG`/`LC_ALL`.

mod common;

use common::{assert_exit, stderr, stdout, Workdir};

/// renja as a user runs it: no colour, no language from the environment unless a test sets one.
fn renja(dir: &Workdir) -> assert_cmd::Command {
    let mut cmd = dir.renja();
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn run(dir: &Workdir, args: &[&str]) -> std::process::Output {
    renja(dir).args(args).output().expect("run renja")
}

/// The live sample: one stale total (G28) and three propagated findings.
fn sample(dir: &Workdir) -> String {
    dir.copy_from_repo("samples/realisasi-2023.xlsx");
    "realisasi-2023.xlsx".to_string()
}

const HINT_ID: &str = "gunakan --all untuk menampilkannya";
const PROPAGATED: &str = "G59";

#[test]
fn clean_takes_the_all_its_summary_suggests() {
    let dir = Workdir::new();
    let file = sample(&dir);
    let out = run(&dir, &["clean", &file]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains(HINT_ID), "{}", stdout(&out));
    assert!(!stdout(&out).contains(PROPAGATED), "{}", stdout(&out));
    let out = run(&dir, &["clean", &file, "--force", "--all"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains(PROPAGATED), "{}", stdout(&out));
    assert!(!stdout(&out).contains(HINT_ID), "{}", stdout(&out));
}

#[test]
fn drop_mode_takes_the_shared_flags() {
    let dir = Workdir::new();
    let file = sample(&dir);
    let out = run(&dir, &[&file]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains(HINT_ID), "{}", stdout(&out));

    let out = run(&dir, &[&file, "--all"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains(PROPAGATED), "{}", stdout(&out));
    assert!(dir.path("realisasi-2023.bersih (2).xlsx").exists());

    // Quiet: the summary line and where the workbook went, no finding lines.
    let out = run(&dir, &[&file, "-q"]);
    assert_exit(&out, 1);
    assert!(!stdout(&out).contains("G28"), "{}", stdout(&out));
    assert!(stdout(&out).contains("Ditulis:"), "{}", stdout(&out));

    // The threshold: the control sample has info findings only, so it passes at the default
    // `--fail-on error` and fails at `--fail-on info`.
    let out = run(&dir, &[&file, "--fail-on", "info", "-q"]);
    assert_exit(&out, 1);
    let clean = dir.copy_from_repo("samples/realisasi-2023-bersih.xlsx");
    let clean = clean.file_name().unwrap().to_str().unwrap();
    let out = run(&dir, &[clean, "-q"]);
    assert_exit(&out, 0);
    let out = run(&dir, &[clean, "-q", "--fail-on", "info"]);
    assert_exit(&out, 1);
}

#[test]
fn check_clean_and_batch_share_fail_on_and_quiet() {
    let dir = Workdir::new();
    let file = sample(&dir);
    for args in [
        vec!["check", &file, "-q", "--fail-on", "warning"],
        vec!["clean", &file, "-q", "--fail-on", "warning", "--force"],
        vec!["batch", &file, "-o", "keluar", "-q", "--fail-on", "warning"],
    ] {
        let out = run(&dir, &args);
        assert_exit(&out, 1);
        assert!(!stdout(&out).contains("G28"), "{args:?}: {}", stdout(&out));
    }
}

#[test]
fn shared_flags_may_come_before_the_command_and_drop_flags_may_not() {
    let dir = Workdir::new();
    let file = sample(&dir);
    let out = run(&dir, &["--lang", "en", "check", &file, "-q"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("4 errors"), "{}", stdout(&out));
    // `-q` before `check` belongs to drop mode: said so, nothing run, nothing written.
    let out = run(&dir, &["-q", "check", &file]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("'--quiet' ditulis sebelum perintah check"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(!dir.path("realisasi-2023.bersih.xlsx").exists());
}

#[test]
fn help_is_indonesian_by_default() {
    let dir = Workdir::new();
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["clean", "--help"],
        vec!["batch", "--help"],
        vec!["serve", "--help"],
        vec!["help", "check"],
    ] {
        let out = run(&dir, &args);
        assert_exit(&out, 0);
        let text = stdout(&out);
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "[default:",
            "[possible values:",
            "[OPTIONS]",
        ] {
            assert!(
                !text.contains(english),
                "{args:?} shows {english:?}:\n{text}"
            );
        }
        assert!(text.contains("Penggunaan: renja"), "{args:?}:\n{text}");
        assert!(text.contains("Opsi:"), "{args:?}:\n{text}");
    }
    let top = stdout(&run(&dir, &["--help"]));
    for line in ["Perintah:", "check", "clean", "batch", "serve", "--lang"] {
        assert!(top.contains(line), "{line}:\n{top}");
    }
    let check = stdout(&run(&dir, &["check", "--help"]));
    assert!(check.contains("[bawaan: text]"), "{check}");
    assert!(check.contains("[pilihan: text, json, csv]"), "{check}");
}

#[test]
fn help_is_english_with_lang_en_or_an_english_locale() {
    let dir = Workdir::new();
    let by_flag = stdout(&run(&dir, &["check", "--help", "--lang", "en"]));
    let by_flag_first = stdout(&run(&dir, &["--lang=en", "check", "--help"]));
    let by_lang = stdout(
        &renja(&dir)
            .env("LANG", "en_US.UTF-8")
            .args(["check", "--help"])
            .output()
            .unwrap(),
    );
    let by_lc_all = stdout(
        &renja(&dir)
            .env("LANG", "id_ID.UTF-8")
            .env("LC_ALL", "en_GB.UTF-8")
            .args(["check", "--help"])
            .output()
            .unwrap(),
    );
    for text in [&by_flag, &by_flag_first, &by_lang, &by_lc_all] {
        assert!(text.contains("Usage: renja check"), "{text}");
        assert!(text.contains("Report format"), "{text}");
        assert!(!text.contains("Penggunaan"), "{text}");
    }
    // An explicit --lang id wins over an English locale.
    let text = stdout(
        &renja(&dir)
            .env("LANG", "en_US.UTF-8")
            .args(["check", "--help", "--lang", "id"])
            .output()
            .unwrap(),
    );
    assert!(text.contains("Penggunaan: renja check"), "{text}");
}

#[test]
fn an_english_locale_also_makes_the_report_english() {
    let dir = Workdir::new();
    let file = sample(&dir);
    let out = renja(&dir)
        .env("LANG", "en_US.UTF-8")
        .args(["check", &file, "-q"])
        .output()
        .unwrap();
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains(": 4 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
    let out = run(&dir, &["check", &file, "-q"]);
    assert!(
        stdout(&out).contains(": 4 kesalahan, 0 peringatan"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn usage_errors_are_indonesian_by_default_and_english_on_request() {
    let dir = Workdir::new();
    let file = sample(&dir);
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["check", &file, "--al"],
            "argumen tidak dikenal: '--al'",
            "unexpected argument '--al' found",
        ),
        (
            &["check"],
            "argumen wajib belum diberikan: <BERKAS>",
            "required arguments were not provided",
        ),
        (
            &["check", &file, "--format", "pdf"],
            "nilai 'pdf' tidak sah untuk '--format <FORMAT>'",
            "invalid value 'pdf' for '--format <FORMAT>'",
        ),
        (
            &["serve", "--max-upload", "lima"],
            "nilai 'lima' tidak sah untuk '--max-upload <UKURAN>'",
            "invalid value 'lima' for '--max-upload <SIZE>'",
        ),
        (
            &["batch", &file],
            "argumen wajib belum diberikan: --output <KELUARAN>",
            "--output <OUT>",
        ),
    ];
    for (args, indonesian, english) in cases {
        let out = run(&dir, args);
        assert_exit(&out, 2);
        let text = stderr(&out);
        assert!(text.contains(indonesian), "{args:?}:\n{text}");
        for word in ["error:", "Usage:", "For more information", "tip:"] {
            assert!(!text.contains(word), "{args:?} shows {word:?}:\n{text}");
        }
        let mut en = args.to_vec();
        en.extend(["--lang", "en"]);
        let out = run(&dir, &en);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains(english), "{en:?}:\n{}", stderr(&out));
    }
    // The suggestion clap makes is kept, in Indonesian, with the usage line.
    let text = stderr(&run(&dir, &["check", &file, "--al"]));
    assert!(text.contains("mungkin maksud Anda '--all'"), "{text}");
    assert!(
        text.contains("Penggunaan: renja check [OPSI] <BERKAS>"),
        "{text}"
    );
}

#[test]
fn a_size_that_is_not_one_is_explained_in_the_users_language() {
    let dir = Workdir::new();
    let text = stderr(&run(&dir, &["serve", "--max-upload", "5TB"]));
    assert!(text.contains("satuan"), "{text}");
    let text = stderr(&run(
        &dir,
        &["serve", "--max-upload", "5TB", "--lang", "en"],
    ));
    assert!(text.contains("unit"), "{text}");
}

/// A flag's value that is not one (`--lang xx`, `--jobs abc`): clap gives no usage line for
/// these, renja adds the one of the command named, as for every other usage error.
#[test]
fn an_invalid_flag_value_shows_the_commands_usage() {
    let dir = Workdir::new();
    for (args, usage) in [
        (
            vec!["check", "a.xlsx", "--lang", "xx"],
            "Penggunaan: renja check [OPSI] <BERKAS>",
        ),
        (
            vec!["batch", "masuk", "-o", "keluar", "--jobs", "abc"],
            "Penggunaan: renja batch [OPSI]",
        ),
        (vec!["--lang", "xx"], "Penggunaan: renja [OPSI] [BERKAS]..."),
    ] {
        let out = run(&dir, &args);
        assert_exit(&out, 2);
        let text = stderr(&out);
        assert!(text.contains("tidak sah"), "{args:?}:\n{text}");
        assert!(text.contains(usage), "{args:?}:\n{text}");
        assert!(
            text.contains("Keterangan lebih lanjut: renja"),
            "{args:?}:\n{text}"
        );
    }
}
