//! Why a file could not be read. Every variant names the file and the input that triggers it;
//! [`ReadError::message`] renders it in the user's language through the catalogue.

use std::path::PathBuf;

use thiserror::Error;

use crate::messages::Message;

/// The `detail` of [`ReadError::NotSpreadsheet`] for text that is not a table; rendered as
/// words in the user's language.
pub(crate) const PLAIN_TEXT: &str = "plain text";

#[derive(Debug, Error)]
pub enum ReadError {
    /// The path does not exist.
    #[error("{}: file not found", file.display())]
    NotFound { file: PathBuf },
    /// The file exists but could not be read (permissions, a folder, an I/O error).
    #[error("{}: {cause}", file.display())]
    Io {
        file: PathBuf,
        cause: std::io::Error,
    },
    /// A zero-byte file.
    #[error("{}: empty file", file.display())]
    EmptyFile { file: PathBuf },
    /// Bytes of no spreadsheet format (a PDF, a picture, a text file, a zip of something else).
    /// `detail` names what the bytes are: a format's own name (`PDF`), [`PLAIN_TEXT`], or
    /// the first bytes in hex.
    #[error("{}: not a spreadsheet ({detail})", file.display())]
    NotSpreadsheet { file: PathBuf, detail: String },
    /// An HTML page without any `<table>` holding a filled cell (a login page or an error
    /// page saved instead of the export).
    #[error("{}: an HTML web page without a table", file.display())]
    WebPage { file: PathBuf },
    /// A web page saved by a browser as MHTML (`MIME-Version:`, `From: <Saved by Blink>`)
    /// whose HTML part holds no table, or which holds no HTML part at all.
    #[error("{}: an MHTML web archive without a table", file.display())]
    Mhtml { file: PathBuf },
    /// A password-protected workbook (an OOXML `EncryptedPackage` in a CFB container, an xls
    /// FILEPASS record, an encrypted ods).
    #[error("{}: password-protected", file.display())]
    Encrypted { file: PathBuf },
    /// A truncated zip, a zip with a missing part, malformed XML or BIFF records.
    #[error("{}: corrupt: {cause}", file.display())]
    Corrupt { file: PathBuf, cause: String },
    /// One sheet could not be read.
    #[error("{}, sheet {sheet:?}: {cause}", file.display())]
    Sheet {
        file: PathBuf,
        sheet: String,
        cause: String,
    },
    /// A cell past Excel's 1 048 576 rows × 16 384 columns (`ZZZZ2`, `A99999999`,
    /// `AAAAAAAAAA2`): no program writing xlsx for Excel makes one, and the cleaned workbook
    /// could not hold it.
    #[error("{}, sheet {sheet:?}: cell {cell} lies outside Excel's grid", file.display())]
    OutsideGrid {
        file: PathBuf,
        sheet: String,
        cell: String,
    },
    /// A workbook without any worksheet.
    #[error("{}: no worksheets", file.display())]
    NoSheets { file: PathBuf },
    /// Two sheets of one name (case aside): a damaged workbook.xml, e.g. one whose `<sheets>`
    /// list came twice.
    #[error("{}: two sheets are named {sheet:?}", file.display())]
    SheetNamedTwice { file: PathBuf, sheet: String },
    /// A workbook whose sheets hold no value at all.
    #[error("{}: no filled cell", file.display())]
    NoCells { file: PathBuf },
    /// More filled cells in one sheet than `--max-cells` allows.
    #[error("{}, sheet {sheet:?}: more than {limit} cells", file.display())]
    TooManyCells {
        file: PathBuf,
        sheet: String,
        limit: usize,
    },
    /// An ods or xlsb sheet whose used area — the rectangle from its first to its last filled
    /// cell, e.g. A1 to a stray value at XFD1048576 — holds more than `--max-cells` cells.
    /// These formats are read as a dense grid of that rectangle, which would not fit in memory.
    #[error("{}, sheet {sheet:?}: used area of {area} cells, limit {limit}", file.display())]
    AreaTooLarge {
        file: PathBuf,
        sheet: String,
        area: u64,
        limit: usize,
    },
    /// Reading needed more memory than `--max-memory`: the reader child of an xls, xlsb or
    /// ods stopped at the budget (a damaged file whose sizes make calamine allocate without
    /// end), or an xlsx's cells would hold more text than that (one long shared string
    /// named by a million cells).
    #[error("{}: reading it took more than {budget} bytes of memory", file.display())]
    OverBudget { file: PathBuf, budget: u64 },
    /// The reader child crashed or passed its deadline: a file that makes calamine crash or
    /// loop, refused before renja's own process reads it.
    #[error("{}: the reader stopped ({how})", file.display())]
    ReaderStopped { file: PathBuf, how: String },
    /// A zip whose parts unpack past `--max-unpacked` bytes (a zip bomb, or a huge export).
    #[error("{}: unpacks to {size} bytes, limit {limit}", file.display())]
    TooLarge {
        file: PathBuf,
        size: u64,
        limit: u64,
    },
}

impl ReadError {
    /// The error as a catalogue message, naming the file (and sheet) in the user's language.
    pub fn message(&self) -> Message {
        let file = |p: &PathBuf| p.display().to_string();
        let ext = |p: &PathBuf| {
            p.extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_else(|| "Excel".into())
        };
        match self {
            ReadError::NotFound { file: f } => Message::new("read.not-found").arg("file", file(f)),
            ReadError::Io { file: f, cause } => Message::new("read.io")
                .arg("file", file(f))
                .arg("cause", cause),
            ReadError::EmptyFile { file: f } => {
                Message::new("read.empty-file").arg("file", file(f))
            }
            ReadError::NotSpreadsheet { file: f, detail } if detail == PLAIN_TEXT => {
                Message::new("read.not-spreadsheet")
                    .arg("file", file(f))
                    .arg_message("detail", Message::new("read.detail.text"))
            }
            ReadError::NotSpreadsheet { file: f, detail } => Message::new("read.not-spreadsheet")
                .arg("file", file(f))
                .arg("detail", detail),
            ReadError::WebPage { file: f } => Message::new("read.web-page")
                .arg("file", file(f))
                .arg("ext", ext(f)),
            ReadError::Mhtml { file: f } => Message::new("read.mhtml")
                .arg("file", file(f))
                .arg("ext", ext(f)),
            ReadError::Encrypted { file: f } => Message::new("read.encrypted").arg("file", file(f)),
            ReadError::Corrupt { file: f, cause } => Message::new("read.corrupt")
                .arg("file", file(f))
                .arg("cause", cause),
            ReadError::Sheet {
                file: f,
                sheet,
                cause,
            } => Message::new("read.sheet")
                .arg("file", file(f))
                .arg("sheet", sheet)
                .arg("cause", cause),
            ReadError::OutsideGrid {
                file: f,
                sheet,
                cell,
            } => Message::new("read.outside-grid")
                .arg("file", file(f))
                .arg("sheet", sheet)
                .arg("cell", cell),
            ReadError::NoSheets { file: f } => Message::new("read.no-sheets").arg("file", file(f)),
            ReadError::SheetNamedTwice { file: f, sheet } => Message::new("read.sheet-named-twice")
                .arg("file", file(f))
                .arg("sheet", sheet),
            ReadError::NoCells { file: f } => Message::new("read.no-cells").arg("file", file(f)),
            ReadError::TooManyCells {
                file: f,
                sheet,
                limit,
            } => Message::new("read.too-many-cells")
                .arg("file", file(f))
                .arg("sheet", sheet)
                .arg("limit", limit),
            ReadError::AreaTooLarge {
                file: f,
                sheet,
                area,
                limit,
            } => Message::new("read.area-too-large")
                .arg("file", file(f))
                .arg("sheet", sheet)
                .arg("area", area)
                .arg("limit", limit),
            ReadError::OverBudget { file: f, budget } => Message::new("read.over-budget")
                .arg("file", file(f))
                .arg("budget", binary_size(*budget)),
            ReadError::ReaderStopped { file: f, how } => Message::new("read.reader-stopped")
                .arg("file", file(f))
                .arg("how", how),
            ReadError::TooLarge {
                file: f,
                size,
                limit,
            } => Message::new("read.too-large")
                .arg("file", file(f))
                .arg_number("size", (*size).into())
                .arg_number("limit", (*limit).into()),
        }
    }
}

/// `1 GiB`, `512 MiB`, `1.5 GiB`: a budget as the `--max-memory` flag writes it.
fn binary_size(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    if bytes >= GIB && (bytes * 10).is_multiple_of(GIB) {
        let tenths = bytes * 10 / GIB;
        return if tenths.is_multiple_of(10) {
            format!("{} GiB", tenths / 10)
        } else {
            format!("{}.{} GiB", tenths / 10, tenths % 10)
        };
    }
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        return format!("{} MiB", bytes / MIB);
    }
    format!("{bytes} B")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn budgets_read_as_the_flag_writes_them() {
        assert_eq!(binary_size(1 << 30), "1 GiB");
        assert_eq!(binary_size(3 << 29), "1.5 GiB");
        assert_eq!(binary_size(512 << 20), "512 MiB");
        assert_eq!(binary_size(1000), "1000 B");
        let message = ReadError::OverBudget {
            file: PathBuf::from("Renja 2019.xls"),
            budget: 1 << 30,
        }
        .message();
        assert_eq!(
            message.render(Lang::Id),
            "Renja 2019.xls: berkas rusak atau terlalu besar: membacanya butuh lebih dari 1 GiB memori, dibatalkan pada 1 GiB (batas --max-memory)."
        );
    }
}
