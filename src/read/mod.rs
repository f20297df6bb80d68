//! The read stage: bytes → [`Workbook`]. Decides the real format from the bytes, then reads
//! every sheet and every cell with calamine, merging values and formulas by absolute
//! position. This is the only module that names calamine (and the HTML, MIME and CSV
//! parsers, for the inputs that are not real workbooks: web pages and delimited text).
//!
//! Knows nothing of numbers written as text or of budget codes: a cell's `raw` is exactly
//! what the file holds, and `value` is left for the normalise stage.

mod budget;
mod cell_values;
mod delimited;
mod error;
mod extent;
mod grid;
mod html;
mod isolated;
mod limits;
mod mhtml;
mod panic_guard;
mod sniff;
mod written;
mod xls_check;
mod xlsx;
mod xlsx_parts;
mod xlsx_rows;
mod xlsx_workbook;

use std::path::Path;

pub use budget::CountingAllocator;
pub use error::ReadError;
pub use limits::{ReadLimits, ReaderProcess};
pub use sniff::{sniff, Sniffed};
pub use written::{open_written, WrittenBook, WrittenCell, WrittenValue};

use crate::model::{SourceFormat, Workbook};

/// Reads the workbook at `path`. The file is only ever opened for reading.
///
/// # Errors
/// [`ReadError`] naming the file when it is missing, unreadable, empty, not a spreadsheet,
/// a web page, encrypted, corrupt, over a limit, or holds no sheet or no cell.
pub fn read_workbook(path: &Path, limits: &ReadLimits) -> Result<Workbook, ReadError> {
    read_bytes(path, read_file(path)?, limits)
}

/// The bytes of the file at `path` (opened read-only), with a missing file told apart from
/// one that cannot be read.
///
/// # Errors
/// [`ReadError::NotFound`], [`ReadError::Io`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|cause| match cause.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound {
            file: path.to_path_buf(),
        },
        _ => ReadError::Io {
            file: path.to_path_buf(),
            cause,
        },
    })
}

/// Reads a workbook already in memory; `path` is the name used in messages.
///
/// # Errors
/// As [`read_workbook`].
pub fn read_bytes(path: &Path, bytes: Vec<u8>, limits: &ReadLimits) -> Result<Workbook, ReadError> {
    let file = path.to_path_buf();
    let (sniffed, unpacked) = sniff(&bytes);
    if unpacked > limits.max_unpacked_bytes {
        return Err(ReadError::TooLarge {
            file,
            size: unpacked,
            limit: limits.max_unpacked_bytes,
        });
    }
    let format = match sniffed {
        Sniffed::Workbook(format) => format,
        Sniffed::Empty => return Err(ReadError::EmptyFile { file }),
        Sniffed::Encrypted => return Err(ReadError::Encrypted { file }),
        Sniffed::BrokenZip(cause) => return Err(ReadError::Corrupt { file, cause }),
        Sniffed::Unknown(detail) => return Err(ReadError::NotSpreadsheet { file, detail }),
    };
    if let (Some(reader), SourceFormat::Xls | SourceFormat::Xlsb | SourceFormat::Ods) =
        (&limits.reader, format)
    {
        isolated::probe(&file, &bytes, limits, reader)?;
    }
    let workbook = match format {
        SourceFormat::Xlsx | SourceFormat::Xlsm => xlsx::read(&file, bytes, format, limits)?,
        SourceFormat::Xls | SourceFormat::Xlsb | SourceFormat::Ods => {
            grid::read(&file, bytes, format, limits)?
        }
        SourceFormat::Html => {
            let sheets = html::read_tables(&file, &decode_html(&bytes), limits)?;
            if sheets.is_empty() {
                return Err(ReadError::WebPage { file });
            }
            page_workbook(format, sheets)
        }
        SourceFormat::Mhtml => {
            let page =
                mhtml::html_part(&bytes).ok_or_else(|| ReadError::Mhtml { file: file.clone() })?;
            let sheets = html::read_tables(&file, &page, limits)?;
            if sheets.is_empty() {
                return Err(ReadError::Mhtml { file });
            }
            page_workbook(format, sheets)
        }
        SourceFormat::Csv => page_workbook(format, vec![delimited::read(&file, &bytes, limits)?]),
    };
    if workbook.sheets.is_empty() {
        return Err(ReadError::NoSheets { file });
    }
    if let Some(cause) = impossible_sheet_name(&workbook) {
        return Err(ReadError::Corrupt { file, cause });
    }
    if let Some(sheet) = repeated_sheet_name(&workbook) {
        return Err(ReadError::SheetNamedTwice { file, sheet });
    }
    if workbook.cell_count() == 0 {
        return Err(ReadError::NoCells { file });
    }
    Ok(workbook)
}

/// When this process was started as the reader child (see `isolated`), reads the file from
/// standard input under the memory budget and returns the exit code; `None` otherwise. The
/// Reads delimited text (csv, tsv, txt) that the caller knows is a table, without asking the
/// sniffer, which takes a file of two comma-separated columns for prose (a user's code list).
///
/// # Errors
/// [`ReadError::TooManyCells`] past the cell limit.
pub fn read_delimited_table(
    path: &Path,
    bytes: &[u8],
    limits: &ReadLimits,
) -> Result<Workbook, ReadError> {
    let sheet = delimited::read_table(path, bytes, limits)?;
    Ok(page_workbook(SourceFormat::Csv, vec![sheet]))
}

/// `renja` binary calls this first thing in `main`.
pub fn run_reader_child() -> Option<std::process::ExitCode> {
    let Ok(limits) = isolated::child_limits()? else {
        return Some(std::process::ExitCode::from(2));
    };
    // The bytes count too: the file itself is part of what reading it costs.
    budget::arm(usize::try_from(limits.max_memory).unwrap_or(usize::MAX));
    let mut bytes = Vec::new();
    if std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).is_err() {
        return Some(std::process::ExitCode::from(2));
    }
    // Whatever the reader makes of the file, an error included, the parent will make again.
    let _ = read_bytes(Path::new("-"), bytes, &limits);
    Some(std::process::ExitCode::SUCCESS)
}

/// What is wrong with a sheet name no spreadsheet program writes: empty, or holding one of
/// `[ ] : * ? / \` (neither Excel nor LibreOffice allows them). The names of web pages and
/// CSV files are made by renja and always valid.
fn impossible_sheet_name(workbook: &Workbook) -> Option<String> {
    if workbook.format.is_web_or_text() {
        return None;
    }
    workbook.sheets.iter().find_map(|s| {
        if s.name.is_empty() {
            Some("a sheet without a name".to_string())
        } else if s.name.contains(['[', ']', ':', '*', '?', '/', '\\']) {
            Some(format!(
                "the sheet name {:?} holds a character no spreadsheet allows ([ ] : * ? / \\)",
                s.name
            ))
        } else {
            None
        }
    })
}

/// The second of two sheets with one name (Excel compares them case aside): no program
/// writing for Excel makes such a workbook, and calamine reads the first one's cells twice.
fn repeated_sheet_name(workbook: &Workbook) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    workbook
        .sheets
        .iter()
        .find(|s| !seen.insert(s.name.to_lowercase()))
        .map(|s| s.name.clone())
}

fn page_workbook(format: SourceFormat, sheets: Vec<crate::model::Sheet>) -> Workbook {
    Workbook {
        format,
        sheets,
        ..Workbook::default()
    }
}

/// An HTML file's bytes as text: a BOM, else valid UTF-8, else the charset its `<meta>`
/// declares in the first KiB, else Windows-1252 (what Excel writes on an Indonesian PC).
fn decode_html(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || std::str::from_utf8(bytes).is_ok()
    {
        return delimited::decode(bytes);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|i| {
        let label: String = head[i + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    let encoding = declared.unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0
}
