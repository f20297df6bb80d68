//! Finds the HTML page inside an MHTML web archive — what a browser writes for "Save page as…
//! Webpage, single file" (`From: <Saved by Blink>`, `multipart/related`) and what some budget
//! apps hand out with an `.xls` name. mail-parser does the MIME work: boundaries,
//! quoted-printable or base64, and the charset of the part's header.
//!
//! Knows nothing of tables: the page goes to [`super::html`].

use mail_parser::MessageParser;

/// The HTML of the archive's page: the first `text/html` part holding a `<table>` (Blink
/// puts the main frame first and iframes after it), else the first `text/html` part. `None`
/// when the archive holds no HTML at all.
pub(super) fn html_part(bytes: &[u8]) -> Option<String> {
    let message = MessageParser::default().parse(bytes)?;
    let pages: Vec<&str> = message
        .parts
        .iter()
        .filter(|p| p.is_text_html())
        .filter_map(|p| p.text_contents())
        .collect();
    pages
        .iter()
        .find(|page| page.to_ascii_lowercase().contains("<table"))
        .or(pages.first())
        .map(|page| (*page).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLINK: &str = "From: <Saved by Blink>\r\n\
        Snapshot-Content-Location: http://example.invalid/laporan\r\n\
        Subject: Rekap\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: multipart/related;\r\n\
        \ttype=\"text/html\";\r\n\
        \tboundary=\"----MultipartBoundary--abc----\"\r\n\
        \r\n\
        \r\n\
        ------MultipartBoundary--abc----\r\n\
        Content-Type: text/html\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        <html><body><table border=3D\"1\"><tr><td colspan=3D\"2\">PENDAPATAN =\r\n\
        DAERAH</td><td>2.258.104=\r\n\
        .054.606</td></tr></table></body></html>\r\n\
        ------MultipartBoundary--abc----\r\n\
        Content-Type: image/png\r\n\
        Content-Transfer-Encoding: base64\r\n\
        \r\n\
        iVBORw0KGgo=\r\n\
        ------MultipartBoundary--abc------\r\n";

    #[test]
    fn decodes_the_quoted_printable_page_of_a_blink_archive() {
        let html = html_part(BLINK.as_bytes()).unwrap();
        assert!(
            html.contains(r#"<td colspan="2">PENDAPATAN DAERAH</td><td>2.258.104.054.606</td>"#),
            "{html}"
        );
    }

    #[test]
    fn honours_the_charset_and_base64_of_the_part() {
        // "Ringkasan Pagu — Kecamatan" with an en dash in windows-1252 (0x96), base64.
        let body = "PHRhYmxlPjx0cj48dGQ+UGFndSCWIEtlY2FtYXRhbjwvdGQ+PC90cj48L3RhYmxlPg==";
        let archive = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
             Content-Type: text/html; charset=\"windows-1252\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{body}\r\n--b--\r\n"
        );
        let html = html_part(archive.as_bytes()).unwrap();
        assert!(html.contains("Pagu \u{2013} Kecamatan"), "{html}");
    }

    #[test]
    fn an_archive_without_html_has_no_page() {
        let archive = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
             Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
        assert_eq!(html_part(archive.as_bytes()), None);
    }
}
