//! What an xlsx's workbook part says that calamine does not hand over: the sheet each
//! defined name belongs to (`<definedName name="NC_2" localSheetId="1">`; calamine lists
//! every name as workbook-wide, so a sheet's own name and the workbook's of the same
//! spelling become two entries for one name), and the other workbooks its formulas refer to
//! (`<externalReference r:id="rId8"/>`, whose link part names the file).
//!
//! Knows nothing of cells or formulas: names keep their formula text as written.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::LazyLock;

use regex::bytes::Regex;

use super::xlsx_parts::{
    attr, part, unescape, ATTR_ID, ATTR_NAME, ATTR_RID, ATTR_TARGET, REL, SHEET,
};
use crate::model::DefinedName;

// ASCII patterns, compiled without Unicode: see `xlsx_parts`.
static DEFINED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u)(?s)<(?:\w+:)?definedName\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?definedName>)"#)
        .unwrap()
});
static ATTR_LOCAL_SHEET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\blocalSheetId="(\d+)""#).unwrap());
static EXTERNAL_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)<(?:\w+:)?externalReference\b[^>]*>"#).unwrap());

/// The workbook-level facts read from the parts.
#[derive(Debug, Default, PartialEq)]
pub struct WorkbookParts {
    /// Every defined name with the sheet it belongs to; `None` where the workbook part
    /// could not be read (then calamine's flat list is used).
    pub defined_names: Option<Vec<DefinedName>>,
    /// The file each `[n]` of a formula refers to, in order (empty text where the link part
    /// does not say).
    pub external_workbooks: Vec<String>,
}

/// Reads the workbook part and its relationships, each read only when it declares at most
/// `max_part` bytes; anything missing gives empty answers.
pub fn workbook_parts(bytes: &[u8], max_part: u64) -> WorkbookParts {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return WorkbookParts::default();
    };
    let Some(workbook) = part(&mut zip, "xl/workbook.xml", max_part) else {
        return WorkbookParts::default();
    };
    let sheet_names: Vec<String> = SHEET
        .find_iter(&workbook)
        .filter_map(|m| attr(&ATTR_NAME, m.as_bytes()).map(|n| unescape(&n)))
        .collect();
    let defined_names = DEFINED_NAME
        .captures_iter(&workbook)
        .filter_map(|c| {
            let attrs = c.get(1)?.as_bytes();
            let name = unescape(&attr(&ATTR_NAME, attrs)?);
            let formula = c
                .get(2)
                .map(|m| unescape(&String::from_utf8_lossy(m.as_bytes())))
                .unwrap_or_default();
            let sheet = attr(&ATTR_LOCAL_SHEET, attrs)
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| sheet_names.get(i).cloned());
            Some(DefinedName {
                name,
                formula,
                sheet,
            })
        })
        .collect();
    let external_workbooks = external_workbooks(&mut zip, &workbook, max_part);
    WorkbookParts {
        defined_names: Some(defined_names),
        external_workbooks,
    }
}

/// The targets of `<externalReference>`s, in order: workbook rels give the link part,
/// the link part's rels give the file (`Type=".../externalLinkPath"`).
fn external_workbooks(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    workbook: &[u8],
    max_part: u64,
) -> Vec<String> {
    let references: Vec<String> = EXTERNAL_REFERENCE
        .find_iter(workbook)
        .filter_map(|m| attr(&ATTR_RID, m.as_bytes()))
        .collect();
    if references.is_empty() {
        return Vec::new();
    }
    let targets = relationships(zip, "xl/_rels/workbook.xml.rels", max_part);
    references
        .iter()
        .map(|rid| {
            let Some(link) = targets.get(rid) else {
                return String::new();
            };
            let link = match link.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{link}"),
            };
            let (dir, file) = link.rsplit_once('/').unwrap_or(("", &link));
            let rels = relationships(zip, &format!("{dir}/_rels/{file}.rels"), max_part);
            // A link part has one relationship: the file it links to.
            let mut files: Vec<&String> = rels.values().collect();
            files.sort();
            files.first().map(|t| t.to_string()).unwrap_or_default()
        })
        .collect()
}

/// Id → target of a relationships part (targets unescaped); empty when it is missing.
fn relationships(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max_part: u64,
) -> HashMap<String, String> {
    let Some(rels) = part(zip, name, max_part) else {
        return HashMap::new();
    };
    REL.find_iter(&rels)
        .filter_map(|m| {
            Some((
                attr(&ATTR_ID, m.as_bytes())?,
                unescape(&attr(&ATTR_TARGET, m.as_bytes())?),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn local_names_keep_their_sheet_and_links_their_file() {
        let bytes = zip_of(&[
            (
                "xl/workbook.xml",
                r#"<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Lokal &amp; Triwulan Ⅱ" sheetId="2" r:id="rId2"/></sheets>
                <externalReferences><externalReference r:id="rId9"/></externalReferences>
                <definedNames><definedName name="NC_2">Data!$A$1</definedName><definedName name="NC_2" localSheetId="1">'Lokal &amp; Triwulan Ⅱ'!$B$1</definedName><definedName name="Empty"/></definedNames></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId9" Type="x/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>"#,
            ),
            (
                "xl/externalLinks/_rels/externalLink1.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Type="x/externalLinkPath" Target="file:///D:/RENJA/Renja%202019.xlsx" TargetMode="External"/></Relationships>"#,
            ),
        ]);
        let parts = workbook_parts(&bytes, u64::MAX);
        let names = parts.defined_names.unwrap();
        let seen: Vec<(&str, &str, Option<&str>)> = names
            .iter()
            .map(|n| (n.name.as_str(), n.formula.as_str(), n.sheet.as_deref()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("NC_2", "Data!$A$1", None),
                // The patterns are ASCII-only; names and formulas keep their UTF-8.
                (
                    "NC_2",
                    "'Lokal & Triwulan Ⅱ'!$B$1",
                    Some("Lokal & Triwulan Ⅱ")
                ),
                ("Empty", "", None),
            ]
        );
        assert_eq!(
            parts.external_workbooks,
            vec!["file:///D:/RENJA/Renja%202019.xlsx".to_string()]
        );
    }

    #[test]
    fn a_missing_workbook_part_gives_nothing() {
        assert_eq!(
            workbook_parts(b"not a zip", u64::MAX),
            WorkbookParts::default()
        );
        assert_eq!(
            workbook_parts(&zip_of(&[("x", "")]), u64::MAX),
            WorkbookParts::default()
        );
    }
}
