//! The text form of the embedded official lists, written by `examples/make_lists.rs` and read
//! back at run time: UTF-8 lines, tab-separated, LF, one list after another.
//!
//! ```text
//! # comment
//! @list→program→2024→2024→Kepmendagri 900.1.15.5-1317/2023→sub-kegiatan-kode-terpisah.xlsx
//! X.XX.01.2.01.0001→Penyusunan Dokumen Perencanaan Perangkat Daerah→penyusunandokumen…
//! @list→program→2027→2027→Nomenklatur sub kegiatan 2027→nomenklatur-subkegiatan-2027.xlsx
//! 1.02.02.1.02.0035→Pengelolaan Pelayanan …→pengelolaan…→1.02.02.1.02.0013→Pengelolaan Pelayanan … (ODMK)→pengelolaan…
//! ```
//! (`→` is a tab.)
//!
//! A row is a code, its official name and that name's [`names::compact`] form, and, where
//! the list renumbered the code, the previous code, its name and that name's compact form.
//! The compact forms are written so that a run compares names without computing them (a
//! unit test of the embedded lists holds them to [`names::compact`]). A code with two
//! official names (the 2027 list names some codes differently for provinces and for
//! kabupaten/kota) is two rows. Years are the budget years the list is for, `-` for "any".
//! Knows nothing of how codes are parsed.

use std::fmt::Write as _;

use super::names;

/// Which hierarchy a list's codes belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// Urusan › bidang › program › kegiatan › sub kegiatan.
    Program,
    /// Akun › kelompok › jenis › objek › rincian objek › sub rincian objek.
    Account,
}

impl ListKind {
    fn as_str(self) -> &'static str {
        match self {
            ListKind::Program => "program",
            ListKind::Account => "account",
        }
    }
}

/// What a list is and when it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListHeader {
    pub kind: ListKind,
    /// The first and last budget year the list is for; `None` is open.
    pub first_year: Option<u16>,
    pub last_year: Option<u16>,
    /// How people cite it: `Kepmendagri 900.1.15.5-1317/2023`.
    pub title: String,
    /// The file it was built from.
    pub source: String,
}

/// One row of a list.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ListRow {
    pub code: String,
    pub name: String,
    /// The code (and name) this one had in the list before, where the list says so.
    pub previous: Option<(String, String)>,
}

/// Why the text is not a list file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// A row before any `@list` line.
    #[error("line {0}: a row before the first @list line")]
    RowOutsideList(usize),
    /// `@list` with a kind other than `program`/`account`, or a year that is no number.
    #[error("line {0}: malformed @list line")]
    BadHeader(usize),
    /// A row with other than three or six fields.
    #[error(
        "line {0}: a row needs a code, a name and its compact form (and optionally the same three of a previous code)"
    )]
    BadRow(usize),
}

/// Writes lists in the text form.
pub fn write(lists: &[(ListHeader, Vec<ListRow>)], comment: &str) -> String {
    let mut out = String::new();
    for line in comment.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let year = |y: Option<u16>| y.map_or_else(|| "-".to_string(), |y| y.to_string());
    for (header, rows) in lists {
        let _ = writeln!(
            out,
            "@list\t{}\t{}\t{}\t{}\t{}",
            header.kind.as_str(),
            year(header.first_year),
            year(header.last_year),
            clean_field(&header.title),
            clean_field(&header.source)
        );
        for row in rows {
            write_named(&mut out, &row.code, &row.name);
            if let Some((code, name)) = &row.previous {
                out.push('\t');
                write_named(&mut out, code, name);
            }
            out.push('\n');
        }
    }
    out
}

/// A code, its name and the name's compact form, tab-separated.
fn write_named(out: &mut String, code: &str, name: &str) {
    let name = clean_field(name);
    let compact = names::compact(&name);
    let _ = write!(out, "{}\t{name}\t{compact}", clean_field(code));
}

/// Reads lists back from their text form.
///
/// # Errors
/// A [`FormatError`] naming the first line that does not fit.
pub fn read(text: &str) -> Result<Vec<(ListHeader, Vec<ListRow>)>, FormatError> {
    lists(text)
        .map(|list| {
            let list = list?;
            let rows = list
                .rows()
                .map(|row| row.map(RowText::to_row))
                .collect::<Result<_, _>>()?;
            Ok((list.header, rows))
        })
        .collect()
}

/// One row as the text writes it, borrowed from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowText<'t> {
    pub code: &'t str,
    pub name: &'t str,
    /// [`names::compact`] of `name`, as written beside it.
    pub compact: &'t str,
    /// The previous code, its name and that name's compact form.
    pub previous: Option<(&'t str, &'t str, &'t str)>,
}

impl RowText<'_> {
    pub fn to_row(self) -> ListRow {
        ListRow {
            code: self.code.to_string(),
            name: self.name.to_string(),
            previous: self
                .previous
                .map(|(code, name, _)| (code.to_string(), name.to_string())),
        }
    }
}

/// One list of a text: its header, and its rows still as text, read when they are asked for.
#[derive(Clone, Debug)]
pub struct ListText<'t> {
    pub header: ListHeader,
    /// The lines after the `@list` line, up to the next one.
    text: &'t str,
    /// The line number of the first of them.
    first_line: usize,
}

impl<'t> ListText<'t> {
    /// The list's rows, in the order of the text.
    pub fn rows(&self) -> impl Iterator<Item = Result<RowText<'t>, FormatError>> + 't {
        let first_line = self.first_line;
        self.lines().map(move |(i, line)| row(line, first_line + i))
    }

    /// The rows whose code has at most `segments` segments, found without reading the
    /// others past their code: the few urusan, bidang and program rows of a long list.
    pub fn rows_up_to(
        &self,
        segments: usize,
    ) -> impl Iterator<Item = Result<RowText<'t>, FormatError>> + 't {
        let first_line = self.first_line;
        self.lines()
            .filter(move |(_, line)| {
                let code = line.split('\t').next().unwrap_or("");
                memchr::memchr_iter(b'.', code.as_bytes()).count() < segments
            })
            .map(move |(i, line)| row(line, first_line + i))
    }

    /// The rows that name a previous code (six fields), found by counting tabs only.
    pub fn renumbering_rows(&self) -> impl Iterator<Item = Result<RowText<'t>, FormatError>> + 't {
        let first_line = self.first_line;
        self.lines()
            .filter(|(_, line)| memchr::memchr_iter(b'\t', line.as_bytes()).count() > 2)
            .map(move |(i, line)| row(line, first_line + i))
    }

    /// Each line that is a row, with its place among the list's lines.
    fn lines(&self) -> impl Iterator<Item = (usize, &'t str)> + 't {
        self.text
            .lines()
            .enumerate()
            .filter(|(_, line)| !skipped(line))
    }
}

/// The lists of a text, without copying them: the embedded lists are read this way at run
/// time, straight from the binary.
pub fn lists(text: &str) -> impl Iterator<Item = Result<ListText<'_>, FormatError>> + '_ {
    // Each list's lines run from its @list line to the next. The @list lines (and their line
    // numbers, for messages) are found without reading the rows: the embedded text has
    // 17 000 of them.
    let bytes = text.as_bytes();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let (mut counted_to, mut number) = (0, 1);
    for at in memchr::memmem::find_iter(bytes, "@list") {
        if (at == 0 || bytes[at - 1] == b'\n') && is_header(line_at(text, at)) {
            number += memchr::memchr_iter(b'\n', &bytes[counted_to..at]).count();
            counted_to = at;
            starts.push((at, number));
        }
    }
    let before = &text[..starts.first().map_or(text.len(), |&(at, _)| at)];
    let outside = before
        .lines()
        .position(|line| !skipped(line))
        .map(|i| Err(FormatError::RowOutsideList(i + 1)));
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|&(at, _)| at)
        .chain([text.len()])
        .collect();
    let lists = starts
        .into_iter()
        .zip(ends)
        .map(move |((start, number), end)| {
            let header_line = line_at(text, start);
            let fields: Vec<&str> = header_line.trim_end_matches('\r').split('\t').collect();
            let rows_start = (start + header_line.len() + 1).min(end);
            Ok(ListText {
                header: header(&fields, number)?,
                text: &text[rows_start..end],
                first_line: number + 1,
            })
        });
    outside.into_iter().chain(lists)
}

/// The line that starts at byte `at`, without its line break.
fn line_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())]
}

/// An `@list` line (without its line break).
fn is_header(line: &str) -> bool {
    line.trim_end_matches('\r').split('\t').next() == Some("@list")
}

/// A blank line or a comment (a line as `str::lines` gives it).
fn skipped(line: &str) -> bool {
    line.is_empty() || line.starts_with('#')
}

fn row(line: &str, number: usize) -> Result<RowText<'_>, FormatError> {
    // Up to six fields, without collecting them: this runs for every row of a list.
    let mut fields = [""; 6];
    let mut count = 0;
    for field in line.split('\t') {
        if count == fields.len() {
            return Err(FormatError::BadRow(number));
        }
        fields[count] = field;
        count += 1;
    }
    let [code, name, compact, previous_code, previous_name, previous_compact] = fields;
    let previous = match count {
        3 => None,
        6 => Some((previous_code, previous_name, previous_compact)),
        _ => return Err(FormatError::BadRow(number)),
    };
    Ok(RowText {
        code,
        name,
        compact,
        previous,
    })
}

fn header(fields: &[&str], number: usize) -> Result<ListHeader, FormatError> {
    let bad = || FormatError::BadHeader(number);
    let [_, kind, first, last, title, source] = fields else {
        return Err(bad());
    };
    let kind = match *kind {
        "program" => ListKind::Program,
        "account" => ListKind::Account,
        _ => return Err(bad()),
    };
    let year = |text: &str| match text {
        "-" => Ok(None),
        t => t.parse::<u16>().map(Some).map_err(|_| bad()),
    };
    Ok(ListHeader {
        kind,
        first_year: year(first)?,
        last_year: year(last)?,
        title: title.to_string(),
        source: source.to_string(),
    })
}

/// A field as the format holds it: runs of white space (tabs and line breaks from PDF
/// extraction included) made one space, trimmed.
pub fn clean_field(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_through_their_text() {
        let lists = vec![
            (
                ListHeader {
                    kind: ListKind::Program,
                    first_year: Some(2027),
                    last_year: None,
                    title: "Nomenklatur 2027".into(),
                    source: "n.xlsx".into(),
                },
                vec![
                    ListRow {
                        code: "X.XX.01".into(),
                        name: "PROGRAM  PENUNJANG\nURUSAN".into(),
                        previous: None,
                    },
                    ListRow {
                        code: "1.02.02.1.02.0035".into(),
                        name: "Baru".into(),
                        previous: Some(("1.02.02.1.02.0013".into(), "Lama".into())),
                    },
                ],
            ),
            (
                ListHeader {
                    kind: ListKind::Account,
                    first_year: None,
                    last_year: None,
                    title: "Akun".into(),
                    source: "a.xlsx".into(),
                },
                vec![ListRow {
                    code: "5.1".into(),
                    name: "BELANJA OPERASI".into(),
                    previous: None,
                }],
            ),
        ];
        let text = write(&lists, "made by a test");
        assert!(text.starts_with("# made by a test\n@list\tprogram\t2027\t-\t"));
        // Each name with its compact form beside it.
        assert!(text.contains("\nX.XX.01\tPROGRAM PENUNJANG URUSAN\tpenunjangurusan\n"));
        assert!(text.contains("\tBaru\tbaru\t1.02.02.1.02.0013\tLama\tlama\n"));
        let rows: Vec<RowText> = lists_of(&text)[0].rows().map(Result::unwrap).collect();
        assert_eq!(
            rows[1].previous,
            Some(("1.02.02.1.02.0013", "Lama", "lama"))
        );
        let back = read(&text).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].0, lists[0].0);
        assert_eq!(back[0].1[0].name, "PROGRAM PENUNJANG URUSAN");
        assert_eq!(back[0].1[1], lists[0].1[1]);
        assert_eq!(back[1].0.kind, ListKind::Account);
    }

    fn lists_of(text: &str) -> Vec<ListText<'_>> {
        lists(text).map(Result::unwrap).collect()
    }

    #[test]
    fn a_later_lists_lines_are_counted_from_the_top() {
        let text = "# made by a test\n@list\tprogram\t-\t-\tt\ts\n1.01\tx\tx\n\n# note\n\
                    @list\taccount\t-\t-\tt\ts\r\n5\tBELANJA\tbelanja\r\n5.1\tx\ty\tz\n";
        assert_eq!(read(text), Err(FormatError::BadRow(8)));
        let fixed = text.replace("\tx\ty\tz", "\tBELANJA OPERASI\tbelanjaoperasi");
        let lists = read(&fixed).unwrap();
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[1].0.kind, ListKind::Account);
        // Line breaks of either kind end a row; comments and blank lines are no rows.
        assert_eq!(lists[0].1.len(), 1);
        assert_eq!(lists[1].1[0].name, "BELANJA");
        assert_eq!(lists[1].1[1].name, "BELANJA OPERASI");
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(read("1.01\tx\n"), Err(FormatError::RowOutsideList(1)));
        assert_eq!(
            read("@list\tregion\t-\t-\tt\ts\n"),
            Err(FormatError::BadHeader(1))
        );
        assert_eq!(
            read("@list\tprogram\t20x\t-\tt\ts\n"),
            Err(FormatError::BadHeader(1))
        );
        for fields in [
            "x",
            "x\tx\t1.01",
            "x\tx\t1.01\ty",
            "x\tx\t1\ty\ty\tz",
            "x\tx\t1\ty\ty\tz\tz",
        ] {
            assert_eq!(
                read(&format!("@list\tprogram\t-\t-\tt\ts\n1.01\t{fields}\n")),
                Err(FormatError::BadRow(2)),
                "{fields}"
            );
        }
    }
}
