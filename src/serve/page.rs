//! The one page staff use, embedded in the binary (no CDN, nothing fetched from the
//! internet): `page/index.html`, `page/app.js`, `page/app.css`. Its words come from the message
//! catalogue, both languages at once, so the switch needs no round trip.

use std::collections::BTreeMap;

use super::http::Response;
use crate::messages::{text, Lang};

const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");

/// The catalogue keys the page shows.
const KEYS: &[&str] = &[
    "page.title",
    "page.intro",
    "page.drop",
    "page.or",
    "page.choose",
    "page.hint",
    "page.checking",
    "page.preparing",
    "page.download-clean",
    "page.download-json",
    "page.download-csv",
    "page.shown",
    "page.network",
    "page.lang-switch",
    "page.footer",
    "page.clear",
    "page.root",
    "page.propagated",
    "serve.too-large",
    "label.sheets",
    "label.cells",
    "label.numbers",
    "label.codes",
    "label.formulas",
    "label.tables",
    "label.findings",
    "label.no-findings",
    "summary.recomputed",
    "col.severity",
    "col.sheet",
    "col.cell",
    "col.rule",
    "col.row-code",
    "col.expected",
    "col.actual",
    "col.difference",
    "col.root-cause",
    "col.message",
    "severity.error",
    "severity.warning",
    "severity.info",
];

/// The page, with its words and the upload limit filled in.
pub(super) fn index(max_upload: u64) -> Response {
    let strings: BTreeMap<&str, BTreeMap<&str, String>> = [("id", Lang::Id), ("en", Lang::En)]
        .into_iter()
        .map(|(code, lang)| (code, KEYS.iter().map(|k| (*k, text(k, lang))).collect()))
        .collect();
    // Inside <script type="application/json"> a "</" would end the element.
    let strings = serde_json::to_string(&strings)
        .expect("strings serialise")
        .replace("</", "<\\/");
    let html = INDEX
        .replace("{{STRINGS}}", &strings)
        .replace("{{MAX_UPLOAD}}", &max_upload.to_string())
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"));
    Response::new(200, "text/html; charset=utf-8", html).with_header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    )
}

pub(super) fn script() -> Response {
    Response::new(200, "text/javascript; charset=utf-8", SCRIPT)
}

pub(super) fn style() -> Response {
    Response::new(200, "text/css; charset=utf-8", STYLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_word_is_in_the_catalogue_in_both_languages() {
        for key in KEYS {
            assert_ne!(text(key, Lang::Id), *key, "{key} missing");
            assert_ne!(text(key, Lang::En), *key, "{key} missing");
        }
    }

    #[test]
    fn the_page_carries_its_words_and_limit() {
        let page = String::from_utf8(index(1234).body).unwrap();
        assert!(page.contains("Seret berkas Excel ke sini"));
        assert!(page.contains("Drag Excel files here"));
        assert!(page.contains("data-max-upload=\"1234\""));
        assert!(!page.contains("{{"));
    }
}
