//! Decides what a file really is from its first bytes and, for zip containers, from the parts
//! inside — never from its name. Staff files arrive as upper-case `.XLSX`, web pages saved as
//! `.xls`, encrypted workbooks that are CFB containers, and zips of something else entirely.
//!
//! Text is a web page when it starts with markup (`<html`, `<table`, `<!DOCTYPE`, …), an
//! MHTML archive when it starts with mail headers (`From: <Saved by Blink>`,
//! `MIME-Version:`), and CSV only when one separator splits its lines into a consistent
//! number of fields (see [`super::delimited::separator`]); other text is refused.

use std::io::Cursor;

use crate::model::SourceFormat;

/// What the bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    Workbook(SourceFormat),
    Empty,
    /// An OOXML workbook encrypted with a password (a CFB holding `EncryptedPackage`).
    Encrypted,
    /// A zip that is not a workbook, or one that could not be opened; the detail says which.
    BrokenZip(String),
    Unknown(String),
}

const ZIP: &[u8] = b"PK\x03\x04";
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Sniffs the bytes. For zips it also returns the total declared uncompressed size of the
/// parts, so the caller can refuse a zip bomb before anything is unpacked.
pub fn sniff(bytes: &[u8]) -> (Sniffed, u64) {
    if bytes.is_empty() {
        return (Sniffed::Empty, 0);
    }
    if bytes.starts_with(ZIP) || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(CFB) {
        if contains_utf16(bytes, "EncryptedPackage") {
            return (Sniffed::Encrypted, 0);
        }
        return (Sniffed::Workbook(SourceFormat::Xls), 0);
    }
    let head = text_head(bytes);
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("mime-version:")
        || lower.starts_with("from:")
        || lower.contains("content-type: multipart/related")
    {
        return (Sniffed::Workbook(SourceFormat::Mhtml), 0);
    }
    if lower.starts_with('<') {
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || lower.contains("progid=\"excel.sheet\"")
        {
            return (Sniffed::Unknown("XML Spreadsheet 2003".into()), 0);
        }
        let markup = [
            "<html",
            "<table",
            "<!doctype html",
            "<head",
            "<body",
            "<meta",
            "<style",
        ];
        if markup.iter().any(|m| lower.contains(m)) {
            return (Sniffed::Workbook(SourceFormat::Html), 0);
        }
    }
    let detail = describe_magic(bytes);
    if detail == TEXT && is_delimited(bytes) {
        return (Sniffed::Workbook(SourceFormat::Csv), 0);
    }
    (Sniffed::Unknown(detail), 0)
}

const TEXT: &str = super::error::PLAIN_TEXT;

/// Whether text is a table of separated fields, judged on its first 64 KiB (cut at a line end).
fn is_delimited(bytes: &[u8]) -> bool {
    let mut head = &bytes[..bytes.len().min(64 * 1024)];
    if head.len() < bytes.len() {
        if let Some(end) = head.iter().rposition(|b| *b == b'\n') {
            head = &head[..end];
        }
    }
    let text = super::delimited::decode(head);
    if text.contains('\0') {
        return false;
    }
    super::delimited::separator(&text).is_some()
}

fn sniff_zip(bytes: &[u8]) -> (Sniffed, u64) {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return (Sniffed::BrokenZip(e.to_string()), 0),
    };
    let mut unpacked: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        match archive.by_index_raw(i) {
            Ok(file) => {
                unpacked = unpacked.saturating_add(file.size());
                match file.name() {
                    Ok(name) => names.push(name.to_string()),
                    Err(e) => return (Sniffed::BrokenZip(e.to_string()), unpacked),
                }
            }
            Err(e) => return (Sniffed::BrokenZip(e.to_string()), unpacked),
        }
    }
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let sniffed = if has("xl/workbook.bin") {
        Sniffed::Workbook(SourceFormat::Xlsb)
    } else if has("xl/workbook.xml")
        || names
            .iter()
            .any(|n| n.starts_with("xl/") && n.ends_with("workbook.xml"))
    {
        let macro_enabled = names
            .iter()
            .any(|n| n.eq_ignore_ascii_case("xl/vbaProject.bin"));
        Sniffed::Workbook(if macro_enabled {
            SourceFormat::Xlsm
        } else {
            SourceFormat::Xlsx
        })
    } else if has("content.xml") && is_ods_mimetype(&mut archive) {
        Sniffed::Workbook(SourceFormat::Ods)
    } else if has("word/document.xml") {
        Sniffed::Unknown("dokumen Word (.docx) / Word document (.docx)".into())
    } else if has("[Content_Types].xml") {
        Sniffed::BrokenZip("xl/workbook.xml missing".into())
    } else {
        Sniffed::Unknown("zip".into())
    };
    (sniffed, unpacked)
}

fn is_ods_mimetype(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    use std::io::Read;
    let Ok(mut file) = archive.by_name("mimetype") else {
        // Some writers omit the mimetype part; content.xml alone is enough to try.
        return true;
    };
    let mut text = String::new();
    let _ = file.by_ref().take(200).read_to_string(&mut text);
    text.contains("opendocument.spreadsheet")
}

/// The first 512 bytes as text, without a UTF-8 BOM and leading white space.
fn text_head(bytes: &[u8]) -> String {
    let end = bytes.len().min(512);
    let head = String::from_utf8_lossy(&bytes[..end]);
    head.trim_start_matches('\u{feff}').trim_start().to_string()
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes
        .windows(pattern.len())
        .any(|w| w == pattern.as_slice())
}

fn describe_magic(bytes: &[u8]) -> String {
    let known: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF8", "GIF"),
        (b"{\\rtf", "RTF"),
        (b"\x1F\x8B", "gzip"),
        (b"Rar!", "RAR"),
        (b"7z\xBC\xAF", "7z"),
    ];
    for (magic, name) in known {
        if bytes.starts_with(magic) {
            return (*name).to_string();
        }
    }
    if looks_like_text(&bytes[..bytes.len().min(512)]) {
        return TEXT.to_string();
    }
    format!("{:02X?}", &bytes[..bytes.len().min(8)])
}

/// Text in UTF-8 (a multi-byte character cut at the end allowed), UTF-16 with a BOM, or a
/// single-byte code page: no NUL and few control characters.
fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return true;
    }
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) if e.error_len().is_none() => true,
        Err(_) => {
            let controls = head
                .iter()
                .filter(|b| **b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
                .count();
            controls == 0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_non_workbooks_by_content() {
        assert_eq!(sniff(b"").0, Sniffed::Empty);
        let html = Sniffed::Workbook(SourceFormat::Html);
        let mhtml = Sniffed::Workbook(SourceFormat::Mhtml);
        assert_eq!(
            sniff(b"\xef\xbb\xbf  <html><table><tr><td>1</td></tr></table>").0,
            html
        );
        assert_eq!(
            sniff(b"<meta charset=utf-8><table><tr><td>1</td></tr></table>").0,
            html
        );
        assert_eq!(
            sniff(b"MIME-Version: 1.0\r\nContent-Type: multipart/related").0,
            mhtml
        );
        assert_eq!(sniff(b"From: <Saved by Blink>\r\n").0, mhtml);
        assert_eq!(
            sniff(
                b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook>"
            )
            .0,
            Sniffed::Unknown("XML Spreadsheet 2003".into())
        );
        assert_eq!(sniff(b"%PDF-1.7").0, Sniffed::Unknown("PDF".into()));
        assert!(matches!(
            sniff(b"PK\x03\x04truncated").0,
            Sniffed::BrokenZip(_)
        ));
    }

    #[test]
    fn csv_is_recognised_by_content_and_prose_is_not() {
        let csv = Sniffed::Workbook(SourceFormat::Csv);
        assert_eq!(
            sniff(b"No;Kode;Pagu\r\n1;5.03;1.000,00\r\n2;5.03.01;500,00\r\n").0,
            csv
        );
        // Windows-1252 (0x96 en dash): not UTF-8, still text.
        assert_eq!(sniff(b"Kode;Uraian\r\n5.03;Pagu \x96 2023\r\n").0, csv);
        assert_eq!(sniff(b"\xEF\xBB\xBFKode\tPagu\n5.03\t10\n").0, csv);
        for text in [
            &b"Catatan rapat, 12 Januari.\nHadir: kepala bidang, staf.\n"[..],
            b"satu baris;saja\n",
            b"README\n======\nrenja reads workbooks.\n",
        ] {
            assert_eq!(sniff(text).0, Sniffed::Unknown(TEXT.into()), "{text:?}");
        }
        assert_eq!(
            sniff(b"\x00\x01;\x02\n\x00;\x01\n").0,
            Sniffed::Unknown("[00, 01, 3B, 02, 0A, 00, 3B, 01]".into())
        );
    }

    #[test]
    fn an_encrypted_ooxml_is_a_cfb_with_encrypted_package() {
        let mut bytes = CFB.to_vec();
        bytes.extend(std::iter::repeat_n(0u8, 100));
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&bytes).0, Sniffed::Encrypted);
        assert_eq!(sniff(CFB).0, Sniffed::Workbook(SourceFormat::Xls));
    }
}
