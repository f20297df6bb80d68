//! Which lists a document is checked against ([`CodeLists::view`]), and what they say of one
//! of its codes ([`View::lookup`]).
//!
//! The document's year picks the list: a list for that year (the user's first, then the
//! embedded ones) is the whole answer. A year between two lists renja has (2025 and 2026 lie
//! between the 2024 list and the 2027 one) is checked against both at once: a code either
//! lists (or the later one names as the previous code of a renumbered one) is known, any of
//! their names is right. A year outside every list, or a document whose year renja cannot
//! find, is checked only on the urusan, bidang urusan and program codes that every embedded
//! list has alike, and never called unknown. A code is never looked up in another year's
//! list to correct it: other lists only explain a code that is unknown in its own.

use std::fmt;
use std::sync::Arc;

use super::embedded;
use super::format::ListKind;
use super::list::{CodeList, Entry, Renumbering};
use super::names::{closeness, Closeness};
use crate::codes::BudgetCode;

/// The lists a run checks against: the user's own (`--nomenklatur`), then the embedded ones.
/// Cheap to clone; one per run, shared by every file.
#[derive(Clone, Default)]
pub struct CodeLists {
    user: Arc<Vec<CodeList>>,
}

/// How the lists a document is checked against were chosen.
#[derive(Clone, Copy, Debug)]
pub enum Basis<'a> {
    /// Lists for the document's own year.
    Exact,
    /// No list for the year; the nearest ones before and after it, together.
    Between {
        earlier: &'a CodeList,
        later: &'a CodeList,
    },
    /// No list for the year (or no year): the codes every embedded list has alike.
    Stable,
}

/// The lists one document's codes of one kind are checked against.
pub struct View<'a> {
    pub year: Option<u16>,
    pub basis: Basis<'a>,
    lists: Vec<&'a CodeList>,
    /// Lists for years after the document's: they say what was renumbered since.
    later: Vec<&'a CodeList>,
    /// Every list of the kind that is not checked against, for explaining unknown codes.
    others: Vec<&'a CodeList>,
}

/// What the view's lists say of a code.
#[derive(Debug)]
pub enum Verdict<'a> {
    /// Not a code the lists speak of (a level, kegiatan class or akun they leave out).
    NotCovered,
    /// A code of the kind the lists cover that none of them has.
    Unknown,
    /// Listed: the code as the first list writes it and every official name (with its
    /// compacted form) any of the lists gives it.
    Known {
        code: &'a str,
        names: Vec<(&'a str, &'a str)>,
    },
}

impl CodeLists {
    /// The embedded lists, with the user's in front of them.
    pub fn with_user(user: Vec<CodeList>) -> CodeLists {
        CodeLists {
            user: Arc::new(user),
        }
    }

    /// Indexes the embedded lists now rather than on the first lookup: a server does it before
    /// it listens, so its first request does not wait for it. (The index by name is still
    /// built on the first look-up by name.)
    pub fn index_embedded() {
        embedded::lists().iter().for_each(CodeList::index_now);
        embedded::stable();
    }

    /// The user's lists.
    pub fn user(&self) -> &[CodeList] {
        &self.user
    }

    fn all(&self, kind: ListKind) -> impl Iterator<Item = &CodeList> {
        self.user
            .iter()
            .chain(embedded::lists())
            .filter(move |l| l.header.kind == kind)
    }

    /// The lists a document of `year` is checked against for codes of `kind`; `None` when
    /// there is nothing to check against (account codes outside every account list's years).
    pub fn view(&self, kind: ListKind, year: Option<u16>) -> Option<View<'_>> {
        let exact: Vec<&CodeList> = match self
            .user
            .iter()
            .find(|l| l.header.kind == kind && l.is_for(year))
        {
            // A user's list for the year replaces the embedded ones.
            Some(_) => self
                .user
                .iter()
                .filter(|l| l.header.kind == kind && l.is_for(year))
                .collect(),
            None => embedded::lists()
                .iter()
                .filter(|l| l.header.kind == kind && l.is_for(year))
                .collect(),
        };
        let later: Vec<&CodeList> = self
            .all(kind)
            .filter(|l| year.is_some_and(|y| l.header.first_year.is_some_and(|f| f > y)))
            .collect();
        let (basis, lists) = if !exact.is_empty() {
            (Basis::Exact, exact)
        } else if let Some((earlier, after)) = year.and_then(|y| self.around(kind, y)) {
            (
                Basis::Between {
                    earlier,
                    later: after,
                },
                vec![earlier, after],
            )
        } else if kind == ListKind::Program {
            (Basis::Stable, vec![embedded::stable()])
        } else {
            return None;
        };
        let others = self
            .all(kind)
            .filter(|l| !lists.iter().any(|c| std::ptr::eq(*c, *l)))
            .collect();
        Some(View {
            year,
            basis,
            lists,
            later,
            others,
        })
    }

    /// The nearest lists of `kind` that end before `year` and start after it.
    fn around(&self, kind: ListKind, year: u16) -> Option<(&CodeList, &CodeList)> {
        let earlier = self
            .all(kind)
            .filter(|l| l.header.last_year.is_some_and(|last| last < year))
            .max_by_key(|l| l.header.last_year)?;
        let later = self
            .all(kind)
            .filter(|l| l.header.first_year.is_some_and(|first| first > year))
            .min_by_key(|l| l.header.first_year)?;
        Some((earlier, later))
    }
}

/// The user's lists by title and source (which carries the file's fingerprint), so a batch
/// re-run with another list redoes its files; the rows themselves would flood the output.
impl fmt::Debug for CodeLists {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.user
                    .iter()
                    .map(|l| (&l.header.title, &l.header.source)),
            )
            .finish()
    }
}

impl<'a> View<'a> {
    /// What the lists say of `code`.
    pub fn lookup(&self, code: &BudgetCode) -> Verdict<'a> {
        let mut first: Option<&'a str> = None;
        let mut names: Vec<(&'a str, &'a str)> = Vec::new();
        let mut covered = false;
        for list in &self.lists {
            covered |= list.covers(code);
            if let Some(entry) = list.entry(code) {
                first.get_or_insert(&entry.code);
                for (name, compact) in entry.names.iter().zip(entry.compact()) {
                    if !names.iter().any(|(_, c)| *c == compact) {
                        names.push((name, compact));
                    }
                }
            }
        }
        // Between two lists, the later one's previous codes were codes in between.
        if let Basis::Between { later, .. } = self.basis {
            if let Some(previous) = later.renumbered(code) {
                first.get_or_insert(previous.code);
                if !names.iter().any(|(_, c)| *c == previous.compact) {
                    names.push((previous.name, previous.compact));
                }
            }
        }
        match first {
            Some(code) => Verdict::Known { code, names },
            None if covered && !matches!(self.basis, Basis::Stable) => Verdict::Unknown,
            None => Verdict::NotCovered,
        }
    }

    /// The entries of the view's lists whose official name is `compact`.
    pub fn named(&self, compact: &str) -> Vec<&'a Entry> {
        self.lists.iter().flat_map(|l| l.named(compact)).collect()
    }

    /// The code below `code` (in any list: this only explains) whose official name is closest
    /// to `written`, when it is at most a typo away: a kegiatan printed with its program's code.
    pub fn descendant_named(
        &self,
        code: &BudgetCode,
        written: &str,
    ) -> Option<(&'a Entry, Closeness)> {
        self.lists
            .iter()
            .chain(&self.others)
            .flat_map(|l| l.descendants(code))
            .flat_map(|e| e.compact().iter().map(move |c| (e, closeness(written, c))))
            .filter(|(_, c)| matches!(c, Closeness::Same | Closeness::Typo { .. }))
            .min_by_key(|(_, c)| match c {
                Closeness::Typo { letters } => *letters,
                _ => 0,
            })
    }

    /// A later list that renumbered `code`, and what it says became of it.
    pub fn renumbered_since(&self, code: &BudgetCode) -> Option<(&'a CodeList, Renumbering<'a>)> {
        self.later
            .iter()
            .find_map(|l| l.renumbered(code).map(|r| (*l, r)))
    }

    /// Another list (of another year) that has `code` or renumbered it: it explains an
    /// unknown code, it never corrects it. The view's own lists renumbering it say most.
    pub fn elsewhere(&self, code: &BudgetCode) -> Option<Elsewhere<'a>> {
        let renumbered = |l: &&'a CodeList| {
            l.renumbered(code).map(|r| Elsewhere::Renumbered {
                list: l,
                now: r.now,
            })
        };
        self.lists
            .iter()
            .chain(&self.others)
            .find_map(renumbered)
            .or_else(|| {
                self.others.iter().find_map(|l| {
                    l.entry(code)
                        .map(|entry| Elsewhere::Listed { list: l, entry })
                })
            })
    }

    /// The titles of the lists checked against, for messages (`Kepmendagri … dan …`).
    pub fn lists(&self) -> &[&'a CodeList] {
        &self.lists
    }
}

/// What another list says of a code unknown in the document's own.
#[derive(Debug)]
pub enum Elsewhere<'a> {
    /// The list has it (under this entry).
    Listed {
        list: &'a CodeList,
        entry: &'a Entry,
    },
    /// The list renumbered it: `now` has it.
    Renumbered { list: &'a CodeList, now: &'a Entry },
}
