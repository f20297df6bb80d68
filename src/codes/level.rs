//! The two hierarchies of budget codes and their levels. Knows nothing of how codes are
//! written.

use serde::Serialize;

/// Which hierarchy a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeKind {
    /// urusan › bidang › program › kegiatan › sub kegiatan.
    Program,
    /// akun › kelompok › jenis › objek › rincian objek › sub rincian objek.
    Account,
}

/// Where a code sits in its hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeLevel {
    Urusan,
    BidangUrusan,
    Program,
    Kegiatan,
    SubKegiatan,
    Akun,
    Kelompok,
    Jenis,
    Objek,
    RincianObjek,
    SubRincianObjek,
}

impl CodeLevel {
    /// The Indonesian name, as staff and auditors say it.
    pub fn name(self) -> &'static str {
        match self {
            CodeLevel::Urusan => "urusan",
            CodeLevel::BidangUrusan => "bidang urusan",
            CodeLevel::Program => "program",
            CodeLevel::Kegiatan => "kegiatan",
            CodeLevel::SubKegiatan => "sub kegiatan",
            CodeLevel::Akun => "akun",
            CodeLevel::Kelompok => "kelompok",
            CodeLevel::Jenis => "jenis",
            CodeLevel::Objek => "objek",
            CodeLevel::RincianObjek => "rincian objek",
            CodeLevel::SubRincianObjek => "sub rincian objek",
        }
    }

    /// Depth in its hierarchy: 1 for urusan and akun, 5 for sub kegiatan, 6 for sub rincian
    /// objek.
    pub fn depth(self) -> u8 {
        match self {
            CodeLevel::Urusan | CodeLevel::Akun => 1,
            CodeLevel::BidangUrusan | CodeLevel::Kelompok => 2,
            CodeLevel::Program | CodeLevel::Jenis => 3,
            CodeLevel::Kegiatan | CodeLevel::Objek => 4,
            CodeLevel::SubKegiatan | CodeLevel::RincianObjek => 5,
            CodeLevel::SubRincianObjek => 6,
        }
    }
}
