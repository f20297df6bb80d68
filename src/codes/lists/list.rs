//! [`CodeList`]: one official list, its codes by lookup key with their names, what it
//! renumbered, and what part of the code space it speaks about.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::format::{ListHeader, ListKind, ListRow, ListText, RowText};
use super::names;
use crate::codes::{BudgetCode, CodeKind};

/// One official list: its codes (by lookup key) with their names.
///
/// An embedded list is indexed from its text the first time it is asked about, and only as
/// far as it is asked: what it renumbered (a few hundred rows, found by counting tabs) apart
/// from its codes (thousands). A user's list is indexed as it is made. The entries sit in one
/// vector sorted by key (a lookup is a binary search, the codes below one are a range), the
/// name index (built when a name is first looked up by itself) holds positions in it, and
/// hashing is Fx (the keys are the list's own, not an attacker's). An embedded list's names
/// come with their compact forms; a user's list compacts an entry's names on its first lookup.
#[derive(Debug)]
pub struct CodeList {
    pub header: ListHeader,
    /// The rows of an embedded list, as text; `None` for a user's list.
    text: Option<ListText<'static>>,
    index: OnceLock<Index>,
    /// Key of a code this list renumbered → what it was and which code has it now.
    renumbered: OnceLock<FxHashMap<String, Previous>>,
    /// Compacted official name → positions in the entries of the codes with that name.
    by_name: OnceLock<FxHashMap<Text, Positions>>,
}

/// Where in a list's entries the codes with one name are: almost always one place, so a
/// name index of 13 000 names allocates for the few that are shared.
#[derive(Debug)]
enum Positions {
    One(u32),
    Many(Vec<u32>),
}

impl Positions {
    fn push(&mut self, at: u32) {
        match self {
            Positions::One(first) => *self = Positions::Many(vec![*first, at]),
            Positions::Many(all) => all.push(at),
        }
    }

    fn as_slice(&self) -> &[u32] {
        match self {
            Positions::One(at) => std::slice::from_ref(at),
            Positions::Many(all) => all,
        }
    }
}

/// A list's codes, and what part of the code space they speak about.
#[derive(Debug, Default)]
struct Index {
    /// Sorted by key; keys are unique.
    entries: Vec<Entry>,
    coverage: Coverage,
}

/// A list's text: borrowed from the binary for the embedded lists, owned for a user's.
pub type Text = Cow<'static, str>;

/// A code of a list, with every official name it has there.
#[derive(Debug)]
pub struct Entry {
    /// As the list writes it: `X.XX.01.2.02.0001`, `5.1.02.01.01.0024`.
    pub code: Text,
    /// Each once: names that compact alike are one name.
    pub names: Vec<Text>,
    /// [`names::compact`] of each name: as the embedded text writes it, or made on first
    /// use for a user's list (see [`Entry::compact`]).
    compact: OnceLock<Vec<Text>>,
    /// What the entry is looked up by (see [`program_key`]).
    key: Text,
}

impl Entry {
    /// [`names::compact`] of each of [`Entry::names`], in their order.
    pub fn compact(&self) -> &[Text] {
        self.compact.get_or_init(|| {
            self.names
                .iter()
                .map(|n| names::compact(n).into())
                .collect()
        })
    }

    fn new(key: Text, code: Text, name: Named) -> Entry {
        let compact = match name.compact {
            Some(compact) => OnceLock::from(vec![compact]),
            None => OnceLock::new(),
        };
        Entry {
            code,
            names: vec![name.name],
            compact,
            key,
        }
    }

    /// A name the list gives the code on another row, unless it compacts like one it has.
    fn add_name(&mut self, name: Named) {
        self.compact();
        let known = self.compact.get_mut().expect("compacted above");
        let compact = name.compact();
        if !known.contains(&compact) {
            known.push(compact);
            self.names.push(name.name);
        }
    }
}

/// What the embedded lists are held to by their tests.
const EMBEDDED: &str = "the embedded lists are in the list format";

/// A row on its way into a list, with the key it is filed under.
struct Keyed {
    key: Text,
    code: Text,
    name: Named,
    previous: Option<(Text, Named)>,
}

impl Keyed {
    /// A row of the embedded text: its code is its key.
    fn embedded(row: RowText<'static>) -> Keyed {
        Keyed {
            key: row.code.into(),
            code: row.code.into(),
            name: Named::written(row.name, row.compact),
            previous: row
                .previous
                .map(|(code, name, compact)| (code.into(), Named::written(name, compact))),
        }
    }
}

/// An official name, with its compact form where the list's text gives it.
struct Named {
    name: Text,
    compact: Option<Text>,
}

impl Named {
    fn written(name: &'static str, compact: &'static str) -> Named {
        Named {
            name: name.into(),
            compact: Some(compact.into()),
        }
    }

    fn of(name: String) -> Named {
        Named {
            name: name.into(),
            compact: None,
        }
    }

    /// [`names::compact`] of the name.
    fn compact(&self) -> Text {
        match &self.compact {
            Some(compact) => compact.clone(),
            None => names::compact(&self.name).into(),
        }
    }
}

/// The codes the rows say were renumbered, in the rows' order, so a code renumbered twice
/// keeps the last row's.
fn renumberings(kind: ListKind, rows: &[Keyed]) -> FxHashMap<String, Previous> {
    let mut renumbered = FxHashMap::default();
    for row in rows {
        let Some((code, name)) = &row.previous else {
            continue;
        };
        if let Some(previous) = row_key(kind, code) {
            let previous_entry = Previous {
                now: row.key.clone(),
                code: code.clone(),
                name: name.name.clone(),
                compact: name.compact(),
            };
            renumbered.insert(previous, previous_entry);
        }
    }
    renumbered
}

impl Index {
    /// The index of rows in the order of their keys.
    fn from_sorted(kind: ListKind, rows: impl IntoIterator<Item = Keyed>) -> Index {
        let mut index = Index::default();
        for row in rows {
            match index.entries.last_mut() {
                Some(entry) if entry.key == row.key => entry.add_name(row.name),
                last => {
                    debug_assert!(last.is_none_or(|e| e.key < row.key), "rows out of order");
                    index.coverage.note(&row.key, kind);
                    index.entries.push(Entry::new(row.key, row.code, row.name));
                }
            }
        }
        index
    }
}

/// A code the list renumbered, as it was.
#[derive(Debug)]
struct Previous {
    /// The key of the entry that has it now.
    now: Text,
    code: Text,
    name: Text,
    compact: Text,
}

/// A code a list renumbered: the entry that has it now, and the code and name it had.
#[derive(Clone, Copy, Debug)]
pub struct Renumbering<'a> {
    pub now: &'a Entry,
    pub code: &'a str,
    pub name: &'a str,
    /// [`names::compact`] of `name`.
    pub compact: &'a str,
}

/// What parts of the code space a list speaks about: a list without province kegiatan
/// (class 1) cannot call a province code unknown.
#[derive(Debug, Default)]
struct Coverage {
    /// Segment counts present (1 to 6).
    segments: BTreeSet<usize>,
    /// Kegiatan class digits present (program lists).
    classes: BTreeSet<String>,
    /// First segments present (account lists: `5` belanja, not `4` pendapatan).
    roots: BTreeSet<String>,
}

impl CodeList {
    /// A list from its rows. Rows whose code does not parse as the header's kind are left
    /// out and counted in the second value. A code written on several rows is one entry with
    /// each of its names once, in the order of the rows.
    pub fn from_rows(header: ListHeader, rows: Vec<ListRow>) -> (CodeList, usize) {
        let kind = header.kind;
        let total = rows.len();
        let mut keyed: Vec<Keyed> = rows
            .into_iter()
            .filter_map(|row| {
                Some(Keyed {
                    key: row_key(kind, &row.code)?.into(),
                    code: row.code.into(),
                    name: Named::of(row.name),
                    previous: row
                        .previous
                        .map(|(code, name)| (code.into(), Named::of(name))),
                })
            })
            .collect();
        let dropped = total - keyed.len();
        let renumbered = renumberings(kind, &keyed);
        // Stable, so the names of one code keep the rows' order.
        keyed.sort_by(|a, b| a.key.cmp(&b.key));
        let list = CodeList::indexed(header, Index::from_sorted(kind, keyed), renumbered);
        (list, dropped)
    }

    /// An embedded list, indexed from its text when it is first asked about. Its codes are
    /// written as the keys they are looked up by, in the keys' order (`examples/make_lists.rs`
    /// writes them so, and a test of `embedded` holds every row to it): no code is parsed and
    /// no row is sorted or copied to index it.
    pub(super) fn embedded(list: ListText<'static>) -> CodeList {
        CodeList {
            header: list.header.clone(),
            text: Some(list),
            index: OnceLock::new(),
            renumbered: OnceLock::new(),
            by_name: OnceLock::new(),
        }
    }

    /// A list of some rows of the embedded text, indexed at once (see [`CodeList::embedded`]).
    pub(super) fn from_embedded_rows(
        header: ListHeader,
        rows: impl Iterator<Item = RowText<'static>>,
    ) -> CodeList {
        let keyed: Vec<Keyed> = rows.map(Keyed::embedded).collect();
        let renumbered = renumberings(header.kind, &keyed);
        let index = Index::from_sorted(header.kind, keyed);
        CodeList::indexed(header, index, renumbered)
    }

    fn indexed(
        header: ListHeader,
        index: Index,
        renumbered: FxHashMap<String, Previous>,
    ) -> CodeList {
        CodeList {
            header,
            text: None,
            index: OnceLock::from(index),
            renumbered: OnceLock::from(renumbered),
            by_name: OnceLock::new(),
        }
    }

    /// Indexes the list's codes and what it renumbered now, not on the first lookup.
    pub(super) fn index_now(&self) {
        self.index();
        self.renumberings();
    }

    /// The rows of an embedded list, as text.
    pub(super) fn text(&self) -> Option<&ListText<'static>> {
        self.text.as_ref()
    }

    /// Whether the list's codes have been indexed (an embedded list's are on first use).
    #[cfg(test)]
    pub(super) fn codes_indexed(&self) -> bool {
        self.index.get().is_some()
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| match &self.text {
            Some(text) => Index::from_sorted(
                self.header.kind,
                text.rows().map(|row| Keyed::embedded(row.expect(EMBEDDED))),
            ),
            None => Index::default(),
        })
    }

    fn renumberings(&self) -> &FxHashMap<String, Previous> {
        self.renumbered.get_or_init(|| match &self.text {
            Some(text) => {
                let rows: Vec<Keyed> = text
                    .renumbering_rows()
                    .map(|row| Keyed::embedded(row.expect(EMBEDDED)))
                    .collect();
                renumberings(self.header.kind, &rows)
            }
            None => FxHashMap::default(),
        })
    }

    fn find(&self, key: &str) -> Option<&Entry> {
        let entries = &self.index().entries;
        entries
            .binary_search_by(|e| (*e.key).cmp(key))
            .ok()
            .map(|at| &entries[at])
    }

    /// The key a document's code is looked up by in this list, if it is of the list's kind.
    fn key(&self, code: &BudgetCode) -> Option<String> {
        match (self.header.kind, code.kind()) {
            (ListKind::Program, CodeKind::Program) => program_key(code),
            (ListKind::Account, CodeKind::Account) => account_key_text(code.as_str()),
            _ => None,
        }
    }

    /// Whether the list speaks about codes like this one (its level, kegiatan class, akun).
    pub fn covers(&self, code: &BudgetCode) -> bool {
        self.key(code)
            .is_some_and(|key| self.index().coverage.covers(&key, self.header.kind))
    }

    /// The entry of `code`, if the list has it.
    pub fn entry(&self, code: &BudgetCode) -> Option<&Entry> {
        self.find(&self.key(code)?)
    }

    /// What became of `code`, if this list renumbered it.
    pub fn renumbered(&self, code: &BudgetCode) -> Option<Renumbering<'_>> {
        let previous = self.renumberings().get(&self.key(code)?)?;
        Some(Renumbering {
            now: self.find(&previous.now)?,
            code: &previous.code,
            name: &previous.name,
            compact: &previous.compact,
        })
    }

    /// The entries whose official name is `compact` (see [`names::compact`]).
    pub fn named<'a>(&'a self, compact: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let by_name = self.by_name.get_or_init(|| {
            let entries = &self.index().entries;
            let mut by_name: FxHashMap<Text, Positions> =
                FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
            for (at, entry) in entries.iter().enumerate() {
                for compact in entry.compact() {
                    let at = at as u32;
                    match by_name.get_mut(compact) {
                        Some(positions) => positions.push(at),
                        None => {
                            by_name.insert(compact.clone(), Positions::One(at));
                        }
                    }
                }
            }
            by_name
        });
        by_name
            .get(compact)
            .map_or(&[][..], Positions::as_slice)
            .iter()
            .filter_map(|&at| self.index().entries.get(at as usize))
    }

    /// The entries below `code` in its hierarchy (kegiatan and sub kegiatan of a program).
    pub fn descendants<'a>(&'a self, code: &BudgetCode) -> impl Iterator<Item = &'a Entry> + 'a {
        let entries = &self.index().entries;
        let prefix = self.key(code).map(|k| format!("{k}."));
        let start = prefix.as_ref().map_or(entries.len(), |p| {
            entries.partition_point(|e| &*e.key < p.as_str())
        });
        entries[start..].iter().take_while(move |e| {
            prefix
                .as_ref()
                .is_some_and(|p| e.key.starts_with(p.as_str()))
        })
    }

    /// Every entry, in the order of their keys.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.index().entries.iter()
    }

    pub fn len(&self) -> usize {
        self.index().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index().entries.is_empty()
    }

    /// Whether the list is for `year` (a list for any year is for an unknown one too).
    pub fn is_for(&self, year: Option<u16>) -> bool {
        let (first, last) = (self.header.first_year, self.header.last_year);
        match year {
            Some(y) => first.is_none_or(|f| f <= y) && last.is_none_or(|l| y <= l),
            None => first.is_none() && last.is_none(),
        }
    }
}

impl Coverage {
    /// Called once per entry of a list: no allocation but for what is new.
    fn note(&mut self, key: &str, kind: ListKind) {
        let (count, class, root) = Coverage::segments(key);
        self.segments.insert(count);
        let new = match kind {
            ListKind::Program if count >= 5 => class,
            ListKind::Program => None,
            ListKind::Account => Some(root),
        };
        let set = match kind {
            ListKind::Program => &mut self.classes,
            ListKind::Account => &mut self.roots,
        };
        if let Some(segment) = new.filter(|s| !set.contains(*s)) {
            set.insert(segment.to_string());
        }
    }

    fn covers(&self, key: &str, kind: ListKind) -> bool {
        let (count, class, root) = Coverage::segments(key);
        if !self.segments.contains(&count) {
            return false;
        }
        match kind {
            ListKind::Program if count >= 5 => class.is_some_and(|c| self.classes.contains(c)),
            ListKind::Program => true,
            ListKind::Account => self.roots.contains(root),
        }
    }

    /// A key's segment count, fourth segment (a program code's kegiatan class) and first.
    fn segments(key: &str) -> (usize, Option<&str>, &str) {
        let mut segments = key.split('.');
        let root = segments.next().unwrap_or("");
        let mut count = 1;
        let mut class = None;
        for segment in segments {
            count += 1;
            if count == 4 {
                class = Some(segment);
            }
        }
        (count, class, root)
    }
}

/// The key a list's row is filed under, `None` when its code is not of the list's kind.
pub(super) fn row_key(kind: ListKind, code: &str) -> Option<String> {
    match kind {
        ListKind::Program => program_key(&BudgetCode::parse(code).ok()?),
        ListKind::Account => account_key_text(code),
    }
}

/// The key a program code is looked up by: the support program of any bidang (`5.03.01…`,
/// program number 01) as the lists write it, `X.XX.01…`; the sub kegiatan number in four
/// digits, as the lists since Kepmendagri 900.1.15.5-1317/2023 write it (`5.03.01.2.08.01`,
/// written the 2019 way, is sub kegiatan `0001`).
pub fn program_key(code: &BudgetCode) -> Option<String> {
    if code.kind() != CodeKind::Program {
        return None;
    }
    let support = code.segments().nth(2) == Some("01");
    let mut key = String::with_capacity(code.as_str().len() + 2);
    for (i, segment) in code.segments().enumerate() {
        if i > 0 {
            key.push('.');
        }
        match i {
            0 if support => key.push('X'),
            1 if support => key.push_str("XX"),
            5 => {
                let number: u16 = segment.parse().ok()?;
                let _ = write!(key, "{number:04}");
            }
            _ => key.push_str(segment),
        }
    }
    Some(key)
}

/// An account code in the dotted, split form the lists use (`5.1.02.01.01.0024`, `5.1`);
/// `None` for digits not yet split into segments (`51020101`). SIPD pads rincian objek to
/// three digits and sub rincian objek to five (`5.1.02.01.001.00024`): the same account, so
/// each level is written at the lists' width (1, 1, 2, 2, 2, 4 digits) before it is looked up.
fn account_key_text(code: &str) -> Option<String> {
    const WIDTHS: [usize; 6] = [1, 1, 2, 2, 2, 4];
    let code = code.trim();
    let split = code.contains('.') || code.len() == 1;
    let segments: Vec<&str> = code.split('.').collect();
    if !split
        || segments
            .iter()
            .any(|s| s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let widened = segments.iter().enumerate().map(|(level, digits)| {
        match WIDTHS.get(level) {
            // Only leading zeros beyond the level's width go: `001` → `01`, never `123` → `23`.
            Some(&width) if digits.len() > width => {
                let extra = digits.len() - width;
                if digits[..extra].bytes().all(|b| b == b'0') {
                    digits[extra..].to_string()
                } else {
                    digits.to_string()
                }
            }
            Some(&width) => format!("{digits:0>width$}"),
            None => digits.to_string(),
        }
    });
    Some(widened.collect::<Vec<_>>().join("."))
}

/// A list code as the document would write it: `X.XX.01.2.02.0001` under bidang 5.03 is
/// `5.03.01.2.02.0001`.
pub fn shown_for(list_code: &str, document: &BudgetCode) -> String {
    match (list_code.strip_prefix("X.XX"), document.kind()) {
        (Some(rest), CodeKind::Program) if document.segment_count() >= 2 => {
            let mut segments = document.segments();
            let urusan = segments.next().unwrap_or("X");
            let bidang = segments.next().unwrap_or("XX");
            format!("{urusan}.{bidang}{rest}")
        }
        _ => list_code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(kind: ListKind) -> ListHeader {
        ListHeader {
            kind,
            first_year: Some(2024),
            last_year: Some(2024),
            title: "Daftar uji".into(),
            source: "uji.tsv".into(),
        }
    }

    fn row(code: &str, name: &str) -> ListRow {
        ListRow {
            code: code.into(),
            name: name.into(),
            previous: None,
        }
    }

    fn code(text: &str) -> BudgetCode {
        BudgetCode::parse(text).unwrap()
    }

    #[test]
    fn sipd_account_widths_are_the_lists_accounts() {
        // lra-sipd-januari.xlsx writes 5.1.02.01.001.00024 for the list's 5.1.02.01.01.0024.
        for (sipd, list) in [
            ("5.1.02.01.001.00024", "5.1.02.01.01.0024"),
            ("5.1.02.01.001", "5.1.02.01.01"),
            ("5.1.02", "5.1.02"),
            ("5.1", "5.1"),
        ] {
            assert_eq!(account_key_text(sipd), account_key_text(list), "{sipd}");
        }
        assert_eq!(
            account_key_text("5.1.02.01.001.00024").as_deref(),
            Some("5.1.02.01.01.0024")
        );
        // A digit that is not padding stays: 5.1.02.01.123 is not 5.1.02.01.23.
        assert_ne!(
            account_key_text("5.1.02.01.123"),
            account_key_text("5.1.02.01.23")
        );
        assert_eq!(account_key_text("51020101"), None);
    }

    #[test]
    fn the_support_program_of_every_bidang_is_the_lists_x_xx_01() {
        assert_eq!(
            program_key(&code("5.03.01.2.08.01")).as_deref(),
            Some("X.XX.01.2.08.0001")
        );
        assert_eq!(
            program_key(&code("5.03.02.2.01.0004")).as_deref(),
            Some("5.03.02.2.01.0004")
        );
        assert_eq!(program_key(&code("5.03")).as_deref(), Some("5.03"));
        assert_eq!(
            shown_for("X.XX.01.2.08.0001", &code("5.03.01.2.08.01")),
            "5.03.01.2.08.0001"
        );
        assert_eq!(shown_for("5.03.02", &code("5.03.02.2.01")), "5.03.02");
    }

    #[test]
    fn a_list_knows_its_codes_names_and_what_it_covers() {
        let (list, dropped) = CodeList::from_rows(
            header(ListKind::Program),
            vec![
                row("X.XX.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN"),
                row("5.03.02", "PROGRAM KEPEGAWAIAN DAERAH"),
                row("5.03.02", "Program Kepegawaian Daerah"),
                row(
                    "5.03.02.2.01",
                    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
                ),
                ListRow {
                    code: "5.03.02.2.01.0013".into(),
                    name: "Baru".into(),
                    previous: Some(("5.03.02.2.01.0002".into(), "Lama".into())),
                },
                row("bukan kode", "x"),
            ],
        );
        assert_eq!((list.len(), dropped), (4, 1));
        let entry = list.entry(&code("5.03.01.2.02.01")).unwrap();
        assert_eq!(entry.names, ["Penyediaan Gaji dan Tunjangan ASN"]);
        // The same name in another case is one name.
        assert_eq!(list.entry(&code("5.03.02")).unwrap().names.len(), 1);
        assert!(list.entry(&code("5.03.02.2.01.0003")).is_none());
        assert!(list.covers(&code("5.03.02.2.01.0003")));
        // No class-1 (province) kegiatan and no urusan rows: not covered.
        assert!(!list.covers(&code("5.03.02.1.01.0001")));
        assert!(!list.covers(&code("5")));
        assert_eq!(
            list.renumbered(&code("5.03.02.2.01.02"))
                .map(|r| (&*r.now.code, r.name)),
            Some(("5.03.02.2.01.0013", "Lama"))
        );
        let below: Vec<&str> = list
            .descendants(&code("5.03.02"))
            .map(|e| &*e.code)
            .collect();
        assert_eq!(below, ["5.03.02.2.01", "5.03.02.2.01.0013"]);
        let named: Vec<&str> = list
            .named(&names::compact("Penyediaan Gaji dan Tunjangan ASN"))
            .map(|e| &*e.code)
            .collect();
        assert_eq!(named, ["X.XX.01.2.02.0001"]);
    }

    #[test]
    fn a_users_list_in_any_order_is_one_entry_per_code() {
        // A user's list (`--nomenklatur`) need not be sorted, and may name a code twice.
        let (list, dropped) = CodeList::from_rows(
            header(ListKind::Program),
            vec![
                row("5.03.02.2.01.0003", "Tiga"),
                row("5.03.02", "Program Kepegawaian Daerah"),
                row("5.03.02.2.01", "Kegiatan"),
                row("5.03.02.2.01.0001", "Satu"),
                row("5.03.02", "Program Kepegawaian"),
                ListRow {
                    code: "5.03.02.2.01.0003".into(),
                    name: "Tiga".into(),
                    previous: Some(("5.03.02.2.01.0009".into(), "Sembilan".into())),
                },
                ListRow {
                    code: "5.03.02.2.01.0001".into(),
                    name: "Satu".into(),
                    previous: Some(("5.03.02.2.01.0009".into(), "Sembilan lagi".into())),
                },
            ],
        );
        assert_eq!((list.len(), dropped), (4, 0));
        let codes: Vec<&str> = list.entries().map(|e| &*e.code).collect();
        assert_eq!(
            codes,
            [
                "5.03.02",
                "5.03.02.2.01",
                "5.03.02.2.01.0001",
                "5.03.02.2.01.0003"
            ]
        );
        // Names in the order of the rows.
        assert_eq!(
            list.entry(&code("5.03.02")).unwrap().names,
            ["Program Kepegawaian Daerah", "Program Kepegawaian"]
        );
        let below: Vec<&str> = list
            .descendants(&code("5.03.02.2.01"))
            .map(|e| &*e.code)
            .collect();
        assert_eq!(below, ["5.03.02.2.01.0001", "5.03.02.2.01.0003"]);
        // A code renumbered on two rows: the later row says what became of it.
        let renumbering = list.renumbered(&code("5.03.02.2.01.09")).unwrap();
        assert_eq!(
            (&*renumbering.now.code, renumbering.name),
            ("5.03.02.2.01.0001", "Sembilan lagi")
        );
        let named: Vec<&str> = list
            .named(&names::compact("tiga"))
            .map(|e| &*e.code)
            .collect();
        assert_eq!(named, ["5.03.02.2.01.0003"]);
    }

    #[test]
    fn account_lists_cover_their_akun_only() {
        let (list, _) = CodeList::from_rows(
            header(ListKind::Account),
            vec![
                row("5", "BELANJA DAERAH"),
                row("5.1", "BELANJA OPERASI"),
                row("5.1.01", "Belanja Pegawai"),
            ],
        );
        let account = BudgetCode::parse("5.1.01").unwrap();
        assert_eq!(list.entry(&account).unwrap().names, ["Belanja Pegawai"]);
        let pendapatan = BudgetCode::parse("4.1.01").unwrap();
        assert!(!list.covers(&pendapatan));
        // A program code with the same digits is not looked up in an account list.
        assert!(list.entry(&code("5")).is_none());
        assert_eq!(account_key_text("51020101"), None);
    }

    #[test]
    fn years() {
        let (list, _) = CodeList::from_rows(header(ListKind::Program), vec![]);
        assert!(list.is_for(Some(2024)) && !list.is_for(Some(2025)) && !list.is_for(None));
        let mut any = header(ListKind::Program);
        any.first_year = None;
        any.last_year = None;
        let (list, _) = CodeList::from_rows(any, vec![]);
        assert!(list.is_for(Some(1999)) && list.is_for(None));
    }
}
