//! How close a name typed in a table is to an official one. Names are compared after
//! [`compact`]: case, spacing, punctuation, the level word in front (`Program …`,
//! `Kegiatan …`) and the usual abbreviations (`SDM`, `Kab.`, `&`) make no difference, so
//! `Perundang- Undangan` from a PDF, `PROGRAM PENUNJANG …` and `Program Penunjang …` all match.
//! What remains is measured in letters ([`Closeness`]): a one-letter slip (`Pengeloaan`)
//! reads as a typo, a wholly different name as a code that names something else.

/// Abbreviations staff write for words the official names spell out, replaced on both sides
/// before comparing (whole words, lower case).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("dgn", "dengan"),
    ("dg", "dengan"),
    ("yg", "yang"),
    ("utk", "untuk"),
    ("tdk", "tidak"),
    ("kab", "kabupaten"),
    ("prov", "provinsi"),
    ("propinsi", "provinsi"),
    ("pemda", "pemerintah daerah"),
    ("pemkab", "pemerintah kabupaten"),
    ("pemkot", "pemerintah kota"),
    ("sdm", "sumber daya manusia"),
    ("bmd", "barang milik daerah"),
    ("adm", "administrasi"),
    ("admin", "administrasi"),
    ("keu", "keuangan"),
    ("kec", "kecamatan"),
    ("thn", "tahun"),
    ("dll", "dan lain lain"),
    ("ttg", "tentang"),
    ("pd", "perangkat daerah"),
    ("opd", "organisasi perangkat daerah"),
    ("skpd", "satuan kerja perangkat daerah"),
];

/// Words a table writes in front of a name to say its level, which the official lists write
/// for some levels only (`PROGRAM PENUNJANG …` but `Administrasi Keuangan …`).
const LEVEL_PREFIXES: &[&[&str]] = &[
    &["urusan", "pemerintahan", "bidang"],
    &["urusan", "pemerintahan"],
    &["sub", "kegiatan"],
    &["subkegiatan"],
    &["program"],
    &["kegiatan"],
    &["urusan"],
];

/// The comparable form of a name: lower case, `&` read as `dan`, abbreviations spelt out,
/// the level words in front dropped, then every character but letters and digits removed
/// (spaces too: PDF extraction both drops and inserts them, `UMUMDAN`, `Perundang- Undangan`).
pub fn compact(name: &str) -> String {
    // Every name a document's codes are compared with comes through here, and every
    // official name of a list once it is looked up by name: the common cases (ASCII, no
    // `&`) make no copy they do not need.
    let mut lower = if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.to_lowercase()
    };
    if lower.contains('&') {
        lower = lower.replace('&', " dan ");
    }
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(prefix) = LEVEL_PREFIXES
        .iter()
        .find(|p| words.len() > p.len() && words.starts_with(p))
    {
        words.drain(..prefix.len());
    }
    let mut out = String::with_capacity(lower.len());
    for word in words {
        match ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
            Some((_, long)) => out.extend(long.split(' ')),
            None => out.push_str(word),
        }
    }
    out
}

/// How close a name is to the official one it should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closeness {
    /// The same name once compacted.
    Same,
    /// A slip of a letter or two (`Pengeloaan`, `Fasilitas` for `Fasilitasi`): `letters`
    /// letters to add, drop or change.
    Typo { letters: usize },
    /// Words changed, added or dropped, but most of the name is the official one.
    Partly { letters: usize },
    /// Hardly anything in common: the row names something else, so its code is likely wrong.
    Different,
}

/// How close `written` is to `official`, both compacted already.
pub fn closeness(written: &str, official: &str) -> Closeness {
    if written == official {
        return Closeness::Same;
    }
    let letters = strsim::levenshtein(written, official);
    let longest = written.chars().count().max(official.chars().count()).max(1);
    if letters <= 2 || letters * 10 <= longest {
        Closeness::Typo { letters }
    } else if letters * 5 <= longest * 2 {
        Closeness::Partly { letters }
    } else {
        Closeness::Different
    }
}

/// Of `officials` (compacted), the one `written` is closest to and how close.
pub fn closest<'a>(written: &str, officials: &[&'a str]) -> Option<(&'a str, Closeness)> {
    officials
        .iter()
        .map(|o| (*o, closeness(written, o)))
        .min_by_key(|(o, c)| match c {
            Closeness::Same => 0,
            Closeness::Typo { letters } | Closeness::Partly { letters } => *letters,
            Closeness::Different => usize::MAX - o.len().min(usize::MAX / 2),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spacing_punctuation_and_abbreviations_do_not_count() {
        for (written, official) in [
            (
                "Sosialisasi Peraturan Perundang- Undangan",
                "Sosialisasi Peraturan Perundang-Undangan",
            ),
            (
                "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                "Program Penunjang Urusan Pemerintahan Daerah Kab/Kota",
            ),
            (
                "Kegiatan Administrasi Keuangan Perangkat Daerah",
                "Administrasi Keuangan Perangkat Daerah",
            ),
            (
                "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUMDAN PENATAAN RUANG",
                "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG",
            ),
            (
                "PROGRAM PENGEMBANGAN SDM",
                "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA",
            ),
            ("Pemeliharaan & Perawatan", "Pemeliharaan dan Perawatan"),
            (
                "Koordinasi dan Penyusunan DPA SKPD",
                "Koordinasi dan Penyusunan DPA-SKPD",
            ),
        ] {
            assert_eq!(compact(written), compact(official), "{written:?}");
        }
        // A level word that is the whole name stays.
        assert_eq!(compact("Program"), "program");
    }

    #[test]
    fn closeness_tells_a_typo_from_another_name() {
        let c = |a: &str, b: &str| closeness(&compact(a), &compact(b));
        assert_eq!(
            c(
                "Pengeloaan Administrasi Diklat dan Sertifikasi ASN",
                "Pengelolaan Administrasi Diklat dan Sertifikasi ASN"
            ),
            Closeness::Typo { letters: 1 }
        );
        assert_eq!(
            c("Fasilitas Kunjungan Tamu", "Fasilitasi Kunjungan Tamu"),
            Closeness::Typo { letters: 1 }
        );
        assert!(matches!(
            c(
                "Pengadaan, Pemberitahuan dan Informasi Kepegawaian ASN",
                "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN"
            ),
            Closeness::Typo { .. } | Closeness::Partly { .. }
        ));
        assert_eq!(
            c("Penyediaan Gaji dan Tunjangan ASN", "Pengadaan Mebel"),
            Closeness::Different
        );
        let officials = ["pengadaanmebel", "penyediaangajidantunjanganasn"];
        assert_eq!(
            closest("penyediaangajidantunjangan", &officials),
            Some((
                "penyediaangajidantunjanganasn",
                Closeness::Partly { letters: 3 }
            ))
        );
    }
}
