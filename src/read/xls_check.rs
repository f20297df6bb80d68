//! Walks an .xls file the way calamine 0.38 will (`cfb.rs`, then `xls.rs`), before it does,
//! and refuses what would make calamine allocate without bound. calamine trusts what the file
//! says: a sector chain that loops back on itself is followed for ever, each turn appending a
//! sector to the stream it is reading (an .xls with ~280 zero bytes spliced in grew to 24 GB
//! that way); a DIMENSIONS record with its rows reversed reserves billions of cells; two
//! cells far apart make `Range::from_sparse` allocate the whole rectangle between them.
//!
//! What is checked, in calamine's order:
//! - the CFB container: every sector the reader will touch lies inside the file, the FAT is
//!   not larger than the file (a DIFAT naming one sector a thousand times makes calamine copy
//!   it a thousand times), and no chain it follows — directory, mini stream, mini FAT, the
//!   `Workbook` stream — visits a sector twice;
//! - the BIFF records of each sheet: DIMENSIONS within a BIFF8 sheet (65 536 × 256 cells),
//!   and the rectangle of the cells calamine will place within `--max-cells`.
//!
//! Where calamine would stop with its own error (or a panic, which the caller catches), the
//! walk stops too and lets calamine say what is wrong: only what would run away is refused
//! here. Memory that is bounded but large (a shared string copied into every cell that names
//! it) is left to the reader's memory budget (`budget`). Knows nothing of values.

use std::collections::HashSet;

/// Why an .xls is refused before calamine reads it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum XlsProblem {
    /// The container or the records contradict themselves; the text says where.
    Corrupt(String),
    /// A sheet whose filled cells span a rectangle past `--max-cells`.
    Area { sheet: String, area: u64 },
}

/// Checks `bytes` (a CFB file) as described in the module doc.
pub(super) fn check(bytes: &[u8], max_cells: u64) -> Result<(), XlsProblem> {
    let Some(stream) = workbook_stream(bytes)? else {
        return Ok(());
    };
    check_records(&stream, max_cells)
}

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// Cells a BIFF8 sheet can hold: 65 536 rows × 256 columns.
const BIFF8_CELLS: u64 = 65_536 * 256;

fn corrupt(text: impl Into<String>) -> XlsProblem {
    XlsProblem::Corrupt(text.into())
}

/// The sectors of the file after its header, as calamine numbers them.
struct Sectors<'a> {
    file: &'a [u8],
    size: usize,
}

impl<'a> Sectors<'a> {
    /// Sector `id`, which must lie wholly inside the file. calamine pads a sector past the
    /// end with zeros, and a FAT of zeros is a chain that points at sector 0 for ever.
    fn get(&self, id: u32) -> Result<&'a [u8], XlsProblem> {
        let start = (id as usize + 1) * self.size;
        self.file
            .get(start..start + self.size)
            .ok_or_else(|| corrupt(format!("CFB: sector {id} lies past the end of the file")))
    }

    /// The chain from `start`, at most `len` bytes, as calamine's `get_chain` reads it;
    /// `Ok(None)` where calamine stops with an error or a panic of its own.
    fn chain(
        &self,
        start: u32,
        fat: &[u32],
        len: usize,
        what: &str,
    ) -> Result<Option<Vec<u8>>, XlsProblem> {
        let maxid = (self.file.len() / self.size) as u32;
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if maxid < id {
                return Ok(None);
            }
            if !seen.insert(id) {
                return Err(corrupt(format!(
                    "CFB: the chain of the {what} loops back to sector {id}"
                )));
            }
            let sector = self.get(id)?;
            let take = sector.len().min(len - chain.len());
            chain.extend_from_slice(&sector[..take]);
            if chain.len() >= len {
                break;
            }
            match fat.get(id as usize) {
                Some(next) => id = *next,
                None => return Ok(None),
            }
        }
        Ok(Some(chain))
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|c| u32_at(c, 0))
}

/// One directory entry: name, first sector, declared length.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

/// The `Workbook` (else `Book`) stream as calamine will read it; `Ok(None)` where calamine
/// will refuse the container itself.
fn workbook_stream(bytes: &[u8]) -> Result<Option<Vec<u8>>, XlsProblem> {
    if bytes.len() < 512 || !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(None);
    }
    let version = u16_at(bytes, 26);
    let size = match u16_at(bytes, 30) {
        0x0009 => 512,
        0x000C => 4096,
        _ => return Ok(None),
    };
    if bytes.len() < size || u16_at(bytes, 32) != 0x0006 {
        return Ok(None);
    }
    let sectors = Sectors { file: bytes, size };
    let maxid = bytes.len() / size;
    let mini_fat_len = u32_at(bytes, 64) as usize;

    // DIFAT: the 109 entries of the header, then a chain of DIFAT sectors whose last entry
    // points at the next one. calamine bounds its length by the sectors in the file.
    let mut difat: Vec<u32> = u32s(&bytes[76..512]).collect();
    let mut id = u32_at(bytes, 68);
    let mut difat_sectors = 0usize;
    while id < RESERVED_SECTORS {
        difat_sectors += 1;
        if difat_sectors > maxid.saturating_add(1) || maxid < id as usize {
            return Ok(None);
        }
        difat.extend(u32s(sectors.get(id)?));
        match difat.pop() {
            Some(next) => id = next,
            None => return Ok(None),
        }
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > maxid {
        return Err(corrupt(format!(
            "CFB: the DIFAT names {} FAT sectors, more than the file's {maxid} sectors",
            fat_sectors.len()
        )));
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * size / 4);
    for id in fat_sectors {
        if maxid < id as usize {
            return Ok(None);
        }
        fat.extend(u32s(sectors.get(id)?));
    }

    let Some(directory) = sectors.chain(u32_at(bytes, 48), &fat, usize::MAX, "directory")? else {
        return Ok(None);
    };
    let entries: Vec<Entry> = directory
        .chunks_exact(128)
        .map(|e| Entry {
            name: entry_name(&e[..64]),
            start: u32_at(e, 116),
            len: if size == 512 {
                u32_at(e, 120) as usize
            } else {
                u64::from_le_bytes(e[120..128].try_into().expect("8 bytes")) as usize
            },
        })
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None);
    };
    if version != 3 && root.start == ENDOFCHAIN {
        return Ok(None);
    }
    let (mini_stream, mini_fat) = if mini_fat_len > 0 {
        let Some(stream) = sectors.chain(root.start, &fat, root.len, "mini stream")? else {
            return Ok(None);
        };
        let fat_len = mini_fat_len.saturating_mul(size);
        let Some(mini_fat) = sectors.chain(u32_at(bytes, 60), &fat, fat_len, "mini FAT")? else {
            return Ok(None);
        };
        (stream, u32s(&mini_fat).collect())
    } else {
        (Vec::new(), Vec::new())
    };

    // calamine asks for `Workbook` and, when reading it fails, for `Book`.
    let named = |name: &str| entries.iter().find(|e| e.name.eq_ignore_ascii_case(name));
    for name in ["Workbook", "Book"] {
        let Some(entry) = named(name) else { continue };
        let stream = if entry.len < 4096 {
            // A short stream lives in the mini stream, in 64-byte sectors.
            Some(mini_chain(&mini_stream, &mini_fat, entry.start, entry.len)?)
        } else {
            sectors.chain(entry.start, &fat, entry.len, "Workbook stream")?
        };
        if stream.is_some() {
            return Ok(stream);
        }
    }
    Ok(None)
}

/// A stream of the mini stream. calamine stops at the declared length (under 4 KiB), so a
/// loop is bounded; but a mini sector outside the mini stream is read from wherever the file
/// reader happens to be, which no check could follow: refused.
fn mini_chain(mini: &[u8], fat: &[u32], mut id: u32, len: usize) -> Result<Vec<u8>, XlsProblem> {
    let mut chain = Vec::new();
    while id != ENDOFCHAIN {
        let start = id as usize * 64;
        let sector = mini.get(start..start + 64).ok_or_else(|| {
            corrupt(format!(
                "CFB: mini sector {id} lies outside the mini stream"
            ))
        })?;
        let take = sector.len().min(len - chain.len());
        chain.extend_from_slice(&sector[..take]);
        if chain.len() >= len {
            break;
        }
        id = *fat
            .get(id as usize)
            .ok_or_else(|| corrupt(format!("CFB: the mini FAT has no entry {id}")))?;
    }
    Ok(chain)
}

/// A directory entry's UTF-16 name, cut at its first NUL as calamine cuts it.
fn entry_name(raw: &[u8]) -> String {
    let units: Vec<u16> = raw.chunks_exact(2).map(|c| u16_at(c, 0)).collect();
    let name = String::from_utf16_lossy(&units);
    match name.find('\0') {
        Some(end) => name[..end].to_string(),
        None => name,
    }
}

/// One BIFF record: type and data (CONTINUE records are not needed here).
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// The records of `stream` until the first one calamine cannot frame (`None` there: calamine
/// stops with an error).
fn records(mut stream: &[u8]) -> impl Iterator<Item = Option<Record<'_>>> + '_ {
    std::iter::from_fn(move || {
        if stream.is_empty() {
            return None;
        }
        if stream.len() < 4 {
            stream = &[];
            return Some(None);
        }
        let typ = u16_at(stream, 0);
        let len = u16_at(stream, 2) as usize;
        if stream.len() < len + 4 {
            stream = &[];
            return Some(None);
        }
        let data = &stream[4..len + 4];
        stream = &stream[len + 4..];
        Some(Some(Record { typ, data }))
    })
}

/// A sheet as BoundSheet8 declares it: where its records start, and its name.
struct BoundSheet {
    pos: usize,
    name: String,
}

fn check_records(stream: &[u8], max_cells: u64) -> Result<(), XlsProblem> {
    let mut sheets = Vec::new();
    let mut biff8 = true;
    for record in records(stream) {
        let Some(r) = record else { return Ok(()) };
        match r.typ {
            // FilePass: calamine stops with "password" (or panics on a short record).
            0x002F if r.data.len() < 2 || u16_at(r.data, 0) != 0 => return Ok(()),
            0x0809 if r.data.len() >= 2 => {
                let version = u16_at(r.data, 0);
                let kind = if r.data.len() >= 4 {
                    u16_at(r.data, 2)
                } else {
                    0
                };
                let older = matches!(version, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500);
                biff8 = !(older || version == 0 && kind == 0x1000);
            }
            0x0085 if r.data.len() >= 6 => sheets.push(BoundSheet {
                pos: u32_at(r.data, 0) as usize,
                name: short_string(&r.data[6..], biff8),
            }),
            0x000A => break,
            _ => {}
        }
    }
    for sheet in sheets {
        let Some(records) = stream.get(sheet.pos..) else {
            return Ok(());
        };
        if !check_sheet(records, &sheet.name, max_cells)? {
            return Ok(());
        }
    }
    Ok(())
}

/// A sheet name (ShortXLUnicodeString), well enough for a message.
fn short_string(data: &[u8], biff8: bool) -> String {
    let Some((&cch, rest)) = data.split_first() else {
        return String::new();
    };
    let (wide, text) = match (biff8, rest.split_first()) {
        (true, Some((&flags, text))) => (flags & 1 != 0, text),
        _ => (false, rest),
    };
    let name = if wide {
        let units: Vec<u16> = text
            .chunks_exact(2)
            .take(cch as usize)
            .map(|c| u16_at(c, 0))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        text.iter().take(cch as usize).map(|&b| b as char).collect()
    };
    name.replace('\0', "")
}

/// The smallest rectangle holding every cell calamine places, and the number of cells in it.
#[derive(Default)]
struct Bounds(Option<((u32, u32), (u32, u32))>);

impl Bounds {
    fn include(&mut self, row: u32, col: u32) {
        let b = self.0.get_or_insert(((row, col), (row, col)));
        b.0 .0 = b.0 .0.min(row);
        b.0 .1 = b.0 .1.min(col);
        b.1 .0 = b.1 .0.max(row);
        b.1 .1 = b.1 .1.max(col);
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(first, last)| {
            u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1)
        })
    }
}

/// Checks one sheet's records; `Ok(false)` where calamine stops reading the workbook.
fn check_sheet(stream: &[u8], name: &str, max_cells: u64) -> Result<bool, XlsProblem> {
    let mut bounds = Bounds::default();
    let mut formula_at = (0u32, 0u32);
    let mut seen_bof = false;
    let mut depth = 0usize;
    let at = |d: &[u8]| (u32::from(u16_at(d, 0)), u32::from(u16_at(d, 2)));
    for record in records(stream) {
        let Some(r) = record else { return Ok(false) };
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => {
                let Some(reserved) = dimensions_cells(d) else {
                    return Ok(false);
                };
                if reserved > BIFF8_CELLS {
                    return Err(corrupt(format!(
                        "sheet {name:?}: its DIMENSIONS record declares {reserved} cells, more than a sheet can hold"
                    )));
                }
            }
            // Number, Label, RString, BoolErr, RK, LabelSst: one cell at (row, col).
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if d.len() >= 6 => {
                let (row, col) = at(d);
                bounds.include(row, col);
            }
            // String: the text result of the formula before it.
            0x0207 => bounds.include(formula_at.0, formula_at.1),
            0x00BD if d.len() >= 6 => {
                let (row, first) = at(d);
                let count = (d.len() - 6) / 6;
                if count > 0 {
                    bounds.include(row, first);
                    bounds.include(row, first + count as u32 - 1);
                }
            }
            0x0006 if d.len() >= 20 => {
                formula_at = at(d);
                bounds.include(formula_at.0, formula_at.1);
            }
            0x000A => break,
            _ => {}
        }
    }
    let area = bounds.cells();
    if area > max_cells {
        return Err(XlsProblem::Area {
            sheet: name.to_string(),
            area,
        });
    }
    Ok(true)
}

/// The cells calamine reserves for a DIMENSIONS record, with its arithmetic (which wraps);
/// `None` for a record calamine refuses.
fn dimensions_cells(d: &[u8]) -> Option<u64> {
    let (first_row, last_row, mut first_col, last_col) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)),
            u32::from(u16_at(d, 2)),
            u32::from(u16_at(d, 4)),
            u32::from(u16_at(d, 6)),
        ),
        14 | 16 => (
            u32_at(d, 0),
            u32_at(d, 4),
            u32::from(u16_at(d, 8)),
            u32::from(u16_at(d, 10)),
        ),
        _ => return None,
    };
    if 0xFF < first_col || last_col < first_col {
        first_col = 0;
    }
    let (rows, cols) = if last_row >= 1 && last_col >= 1 {
        (
            (last_row - 1).wrapping_sub(first_row).wrapping_add(1),
            (last_col - 1).wrapping_sub(first_col).wrapping_add(1),
        )
    } else {
        (1, 1)
    };
    Some(u64::from(rows).saturating_mul(u64::from(cols)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BIFF record.
    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    /// A workbook stream: globals with one BoundSheet8, then the sheet's records.
    fn stream(sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 5, 0]);
        let mut bound = vec![0u8; 4];
        bound.extend([0, 0, 1, 0]);
        bound.push(b'S');
        let globals_len = bof.len() + record(0x0085, &bound).len() + 4;
        bound[..4].copy_from_slice(&(globals_len as u32).to_le_bytes());
        let mut out = bof.clone();
        out.extend(record(0x0085, &bound));
        out.extend(record(0x000A, &[]));
        out.extend(record(0x0809, &[0, 6, 16, 0]));
        for r in sheet {
            out.extend(r);
        }
        out.extend(record(0x000A, &[]));
        out
    }

    #[test]
    fn cells_far_apart_make_an_area_past_the_limit() {
        let s = stream(&[number(0, 0), number(65_535, 255)]);
        assert_eq!(
            check_records(&s, 5_000_000),
            Err(XlsProblem::Area {
                sheet: "S".into(),
                area: 65_536 * 256
            })
        );
        let s = stream(&[number(3, 1), number(40, 9)]);
        assert_eq!(check_records(&s, 5_000_000), Ok(()));
    }

    #[test]
    fn a_reversed_dimensions_record_is_refused() {
        // rows 100..=9 (first 100, last+1 = 10): calamine's subtraction wraps to 4 billion.
        let mut d = 100u32.to_le_bytes().to_vec();
        d.extend(10u32.to_le_bytes());
        d.extend([0, 0, 5, 0, 0, 0]);
        let s = stream(&[record(0x0200, &d), number(0, 0)]);
        assert!(
            matches!(check_records(&s, 5_000_000), Err(XlsProblem::Corrupt(m)) if m.contains("DIMENSIONS"))
        );
        assert_eq!(
            dimensions_cells(&[0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 5, 0, 0, 0]),
            Some(50)
        );
    }

    /// A CFB file of 512-byte sectors: sector 0 the FAT, sector 1 the directory, then
    /// `stream` in the sectors after, chained in order unless `fat_patch` says otherwise.
    fn cfb(stream: &[u8], fat_patch: &[(usize, u32)]) -> Vec<u8> {
        let sectors = stream.len().div_ceil(512).max(8);
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        header[26..28].copy_from_slice(&3u16.to_le_bytes());
        header[30..32].copy_from_slice(&9u16.to_le_bytes());
        header[32..34].copy_from_slice(&6u16.to_le_bytes());
        header[48..52].copy_from_slice(&1u32.to_le_bytes());
        header[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            header[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        let mut fat = vec![0xFFFF_FFFFu32; 128];
        fat[0] = 0xFFFF_FFFD;
        fat[1] = ENDOFCHAIN;
        for i in 0..sectors {
            fat[2 + i] = if i + 1 == sectors {
                ENDOFCHAIN
            } else {
                3 + i as u32
            };
        }
        for (i, v) in fat_patch {
            fat[*i] = *v;
        }
        let mut dir = vec![0u8; 512];
        let mut entry = |slot: usize, name: &str, start: u32, len: u32| {
            let e = &mut dir[slot * 128..(slot + 1) * 128];
            for (i, u) in name.encode_utf16().enumerate() {
                e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&len.to_le_bytes());
        };
        entry(0, "Root Entry", ENDOFCHAIN, 0);
        entry(1, "Workbook", 2, (sectors * 512) as u32);
        let mut out = header;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        out.extend(dir);
        let mut body = stream.to_vec();
        body.resize(sectors * 512, 0);
        out.extend(body);
        out
    }

    #[test]
    fn a_well_formed_container_gives_its_stream() {
        let s = stream(&[number(1, 1)]);
        let file = cfb(&s, &[]);
        let got = workbook_stream(&file).unwrap().unwrap();
        assert_eq!(&got[..s.len()], &s[..]);
        assert_eq!(check(&file, 5_000_000), Ok(()));
    }

    #[test]
    fn an_xlwt_workbook_passes() {
        let file = include_bytes!("../../tests/fixtures/biff8-xlwt-realisasi.xls");
        assert_eq!(check(file, 5_000_000), Ok(()));
        assert!(workbook_stream(file).unwrap().unwrap().len() > 4096);
    }

    #[test]
    fn a_chain_that_loops_is_refused() {
        let s = stream(&[number(1, 1)]);
        // The Workbook stream's third sector points back at its first.
        let file = cfb(&s, &[(4, 2)]);
        assert!(
            matches!(check(&file, 5_000_000), Err(XlsProblem::Corrupt(m)) if m.contains("loops back"))
        );
        // The directory pointing at itself.
        let file = cfb(&s, &[(1, 1)]);
        assert!(
            matches!(check(&file, 5_000_000), Err(XlsProblem::Corrupt(m)) if m.contains("directory"))
        );
    }

    #[test]
    fn a_fat_sector_past_the_end_or_named_too_often_is_refused() {
        let s = stream(&[number(1, 1)]);
        let mut file = cfb(&s, &[]);
        file[80..84].copy_from_slice(&500u32.to_le_bytes());
        assert_eq!(
            check(&file, 5_000_000),
            Ok(()),
            "calamine refuses a sector past maxid"
        );
        file[80..84].copy_from_slice(&10u32.to_le_bytes());
        assert!(
            matches!(check(&file, 5_000_000), Err(XlsProblem::Corrupt(m)) if m.contains("past the end"))
        );
        let mut file = cfb(&s, &[]);
        for i in 0..109 {
            file[76 + 4 * i..80 + 4 * i].copy_from_slice(&0u32.to_le_bytes());
        }
        assert!(
            matches!(check(&file, 5_000_000), Err(XlsProblem::Corrupt(m)) if m.contains("DIFAT"))
        );
    }
}
