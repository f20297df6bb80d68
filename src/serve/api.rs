//! The routes: the page and its two assets, `POST /api/check` (the JSON report, as
//! `renja check --format json`), `POST /api/report.csv` (the CSV report, as `renja check
//! --format csv`: the page's "Laporan CSV") and `POST /api/clean` (the cleaned workbook, as
//! `renja clean`).
//! Every failure is a JSON `{ "error", "file" }` with a 4xx/5xx status, in the request's
//! language; a panic in the pipeline becomes a 500 for that file alone. Only the API routes
//! go to a worker; the page is answered at once.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use serde::Serialize;

use super::config::ServeConfig;
use super::http::{percent_encode, ReadFailure, Request, Response};
use super::page;
use super::request::{host_is_local, request_lang, upload_name};
use super::workers::Workers;
use crate::messages::{format_number, Lang, Message};
use crate::pipeline::{
    check_bytes, clean_source, now_rfc3339, Checked, CleanError, Options, Source,
};
use crate::report::csv::Csv;
use crate::report::json::Json;
use crate::report::Exporter;
use crate::write::names::{cleaned_path, stem_of};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const JSON: &str = "application/json; charset=utf-8";
const CSV: &str = "text/csv; charset=utf-8";

/// Answers one request read in full.
pub(super) async fn respond(
    mut request: Request,
    config: &ServeConfig,
    workers: &Workers,
) -> Response {
    let lang = request_lang(
        request.query_param("lang").as_deref(),
        request.header("Accept-Language"),
        config.options.lang,
    );
    let file = upload_name(request.header("X-Filename"));
    if config.addr.ip().is_loopback() && !host_is_local(request.header("Host")) {
        let host = request.header("Host").unwrap_or_default();
        return error(
            403,
            Message::new("serve.forbidden-host").arg("host", host),
            "",
            lang,
        );
    }
    let allowed = match request.path.as_str() {
        "/" | "/index.html" | "/app.js" | "/app.css" => "GET",
        "/api/check" | "/api/clean" | "/api/report.csv" => "POST",
        path => {
            return error(
                404,
                Message::new("serve.not-found").arg("path", path),
                "",
                lang,
            );
        }
    };
    if request.method != allowed {
        let message = Message::new("serve.method")
            .arg("method", &request.method)
            .arg("path", &request.path)
            .arg("allowed", allowed);
        return error(405, message, "", lang).with_header("Allow", allowed);
    }
    let body = std::mem::take(&mut request.body);
    match request.path.as_str() {
        "/app.js" => page::script(),
        "/app.css" => page::style(),
        "/api/check" | "/api/clean" | "/api/report.csv" => {
            let route = std::mem::take(&mut request.path);
            let options = config.options.clone();
            let name = file.clone();
            let answer = workers
                .run(move || match route.as_str() {
                    "/api/clean" => clean(body, &options, &name, lang),
                    "/api/report.csv" => report_csv(body, &options, &name, lang),
                    _ => check(body, &options, &name, lang),
                })
                .await;
            answer.unwrap_or_else(|| internal(&file, lang))
        }
        _ => page::index(config.max_upload),
    }
}

/// The answer to a request that could not be read, and whether the unread rest of its body
/// must be drained first; `None` when the client is gone.
pub(super) fn refuse(failure: ReadFailure, config: &ServeConfig) -> Option<(Response, bool)> {
    let default = config.options.lang;
    let lang_of = |head: &super::http::Head| {
        let header = |name: &str| {
            head.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let query = head.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        let query_lang = query.split('&').find_map(|pair| pair.strip_prefix("lang="));
        let file = upload_name(header("X-Filename"));
        (
            request_lang(query_lang, header("Accept-Language"), default),
            file,
        )
    };
    Some(match failure {
        ReadFailure::Gone => return None,
        ReadFailure::TooLarge { head, length } => {
            let (lang, file) = lang_of(&head);
            let message = Message::new("serve.too-large")
                .arg("file", &file)
                .arg("size", size_text(length, lang))
                .arg("limit", size_text(config.max_upload, lang));
            (error(413, message, &file, lang), true)
        }
        ReadFailure::Busy(head) => {
            let (lang, file) = lang_of(&head);
            let message = Message::new("serve.busy")
                .arg("file", &file)
                .arg("limit", size_text(config.max_upload_memory, lang));
            (
                error(503, message, &file, lang).with_header("Retry-After", "10"),
                true,
            )
        }
        ReadFailure::TimedOut(head) => {
            let (lang, file) = head.as_ref().map_or((default, String::new()), lang_of);
            let message = Message::new("serve.timeout")
                .arg("file", &file)
                .arg("seconds", config.idle_timeout.as_secs());
            (error(408, message, &file, lang), false)
        }
    })
}

fn check(body: Vec<u8>, options: &Options, file: &str, lang: Lang) -> Response {
    match run_pipeline(body, options, file, lang) {
        Ok(checked) => Response::new(200, JSON, Json { lang }.render(&checked.report)),
        Err(response) => response,
    }
}

/// The CSV report from the renderer `renja check --format csv` uses, so the page downloads
/// exactly what the command line prints.
fn report_csv(body: Vec<u8>, options: &Options, file: &str, lang: Lang) -> Response {
    match run_pipeline(body, options, file, lang) {
        Ok(checked) => Response::new(200, CSV, Csv { lang }.render(&checked.report)).with_header(
            "Content-Disposition",
            attachment(&format!("{}.csv", stem_of(Path::new(file)))),
        ),
        Err(response) => response,
    }
}

fn clean(body: Vec<u8>, options: &Options, file: &str, lang: Lang) -> Response {
    let out_name = cleaned_path(Path::new(file));
    let options = Options {
        lang,
        ..options.clone()
    };
    let generated_at = now_rfc3339();
    let cleaned = catch_unwind(AssertUnwindSafe(|| {
        clean_source(
            Path::new(file),
            Source::new(body),
            &out_name,
            &options,
            &generated_at,
        )
    }));
    match cleaned {
        Ok(Ok(cleaned)) => Response::new(200, XLSX, cleaned.bytes).with_header(
            "Content-Disposition",
            attachment(&out_name.to_string_lossy()),
        ),
        Ok(Err(CleanError::Read(e))) => error(422, e.message(), file, lang),
        Ok(Err(CleanError::Write(e))) => error(500, e.message(), file, lang),
        Err(_) => internal(file, lang),
    }
}

/// Checks the uploaded bytes with the server's options in the request's language.
fn run_pipeline(
    body: Vec<u8>,
    options: &Options,
    file: &str,
    lang: Lang,
) -> Result<Checked, Response> {
    let options = Options {
        lang,
        ..options.clone()
    };
    match catch_unwind(AssertUnwindSafe(|| {
        check_bytes(Path::new(file), body, &options)
    })) {
        Ok(Ok(checked)) => Ok(checked),
        Ok(Err(e)) => Err(error(422, e.message(), file, lang)),
        Err(_) => Err(internal(file, lang)),
    }
}

/// A download named `name`, for browsers old (ASCII) and new (UTF-8).
fn attachment(name: &str) -> String {
    format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_fallback(name),
        percent_encode(name)
    )
}

fn ascii_fallback(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `40 KB`, `62,5 MB`, `1,5 GB`: the largest decimal unit that keeps the figure at 1 or more,
/// one decimal at most, in the reader's number format (the page's `sizeText` does the same).
fn size_text(bytes: u64, lang: Lang) -> String {
    use rust_decimal::{Decimal, RoundingStrategy};
    for (scale, unit) in [(1_000_000_000u64, "GB"), (1_000_000, "MB"), (1_000, "KB")] {
        let value = (Decimal::from(bytes) / Decimal::from(scale))
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        if value >= Decimal::ONE {
            return format!("{} {unit}", format_number(value.normalize(), lang));
        }
    }
    format!("{} B", format_number(Decimal::from(bytes), lang))
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: String,
    file: &'a str,
}

fn error(status: u16, message: Message, file: &str, lang: Lang) -> Response {
    let body = ErrorBody {
        error: message.render(lang),
        file,
    };
    Response::new(
        status,
        JSON,
        serde_json::to_string(&body).expect("error serialises"),
    )
}

fn internal(file: &str, lang: Lang) -> Response {
    error(
        500,
        Message::new("serve.internal").arg("file", file),
        file,
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_have_an_ascii_name_too() {
        assert_eq!(ascii_fallback("Rëalisasi \"x\".xlsx"), "R_alisasi _x_.xlsx");
    }

    #[test]
    fn sizes_read_in_the_users_language_and_a_sensible_unit() {
        assert_eq!(size_text(62_500_000, Lang::Id), "62,5 MB");
        assert_eq!(size_text(50_000_000, Lang::En), "50 MB");
        assert_eq!(size_text(40_000, Lang::Id), "40 KB");
        assert_eq!(size_text(1_500_000_000, Lang::Id), "1,5 GB");
        assert_eq!(size_text(999_999, Lang::Id), "1 MB");
        assert_eq!(size_text(512, Lang::En), "512 B");
    }
}
