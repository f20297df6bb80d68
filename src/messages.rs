//! The message catalogue: every user-facing sentence renja prints or writes, in Bahasa
//! Indonesia (the default) and English. Code elsewhere builds a [`Message`] (a key and named
//! arguments) and renders it here; no user-facing string lives outside this file.
//!
//! Templates use `{name}` placeholders filled from the message's arguments.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

/// The user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.to_ascii_lowercase().as_str() {
            "id" | "in" | "indonesia" | "bahasa" => Some(Lang::Id),
            "en" | "english" | "inggris" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A sentence to be rendered in the user's language.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a message: plain text (a file name, a figure) or another message rendered
/// in the same language (the reason inside "code malformed: {reason}").
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Nested(Message),
    /// An exact figure, shown the way the reader's language writes numbers:
    /// `94.375.565,00` in Indonesian, `94,375,565.00` in English.
    Number(rust_decimal::Decimal),
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        debug_assert!(
            lookup(key).is_some(),
            "message key {key} missing from the catalogue"
        );
        Message {
            key,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// An exact figure, written in the user's language's number format.
    pub fn arg_number(mut self, name: &'static str, value: rust_decimal::Decimal) -> Self {
        self.args.push((name, Arg::Number(value)));
        self
    }

    /// An argument that is itself a message, rendered in the language of the whole.
    pub fn arg_message(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((name, Arg::Nested(value)));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        let Some((id, en)) = lookup(self.key) else {
            return self.key.to_string();
        };
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| match arg {
                Arg::Text(text) => (*name, text.clone()),
                Arg::Nested(message) => (*name, message.render(lang)),
                Arg::Number(value) => (*name, format_number(*value, lang)),
            })
            .collect();
        fill(if lang == Lang::En { en } else { id }, &args)
    }
}

/// Renders a key with no arguments, for labels and headings.
pub fn text(key: &'static str, lang: Lang) -> String {
    Message::new(key).render(lang)
}

/// A figure in the language's own format, with the decimals it carries.
pub fn format_number(value: rust_decimal::Decimal, lang: Lang) -> String {
    let indonesian = crate::numfmt::format_indonesian(value, value.scale());
    match lang {
        Lang::Id => indonesian,
        // Swap the two separators: 1.234,5 → 1,234.5.
        Lang::En => indonesian
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect(),
    }
}

fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The catalogue as a map, built once: a report renders thousands of messages.
fn lookup(key: &str) -> Option<(&'static str, &'static str)> {
    static BY_KEY: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    BY_KEY
        .get_or_init(|| {
            CATALOGUE
                .iter()
                .map(|(key, id, en)| (*key, (*id, *en)))
                .collect()
        })
        .get(key)
        .copied()
}

/// (key, Bahasa Indonesia, English). Keys are grouped by the stage that uses them.
static CATALOGUE: &[(&str, &str, &str)] = &[
    // --- read errors ---
    ("read.not-found", "Berkas tidak ditemukan: {file}", "File not found: {file}"),
    ("read.io", "Tidak dapat membaca {file} (pesan asli: {cause}).", "Cannot read {file}: {cause}"),
    ("read.empty-file", "{file} kosong (0 byte), bukan buku kerja Excel.", "{file} is empty (0 bytes), not an Excel workbook."),
    ("read.not-spreadsheet", "{file} bukan buku kerja Excel atau LibreOffice ({detail}).", "{file} is not an Excel or LibreOffice workbook ({detail})."),
    ("read.web-page", "{file} adalah halaman web (HTML) yang disimpan dengan nama {ext}, tetapi tidak berisi tabel. Periksa apakah yang tersimpan adalah laporan yang dimaksud (bukan halaman masuk atau halaman galat).", "{file} is a web page (HTML) saved with a {ext} name, but it holds no table. Check that what was saved is the intended report (not a login or error page)."),
    ("read.mhtml", "{file} adalah halaman web arsip (MHTML) yang disimpan dengan nama {ext}, tetapi tidak berisi tabel. Periksa apakah yang tersimpan adalah laporan yang dimaksud.", "{file} is an archived web page (MHTML) saved with a {ext} name, but it holds no table. Check that what was saved is the intended report."),
    ("read.encrypted", "{file} dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata sandinya, simpan, lalu coba lagi.", "{file} is password-protected (encrypted). Open it in Excel, remove the password, save it and try again."),
    ("read.corrupt", "{file} rusak atau terpotong: isinya tidak dapat dibaca sebagai buku kerja (pesan asli: {cause}).", "{file} is corrupt or truncated: {cause}"),
    ("read.outside-grid", "{file}, lembar \"{sheet}\": sel {cell} berada di luar batas lembar Excel (1.048.576 baris × 16.384 kolom); berkas rusak.", "{file}, sheet \"{sheet}\": cell {cell} lies outside Excel's grid (1,048,576 rows × 16,384 columns); the file is corrupt."),
    ("read.sheet", "{file}, lembar \"{sheet}\" tidak dapat dibaca (pesan asli: {cause}).", "{file}, sheet \"{sheet}\": {cause}"),
    ("read.detail.text", "teks biasa", "plain text"),
    ("read.no-sheets", "{file} tidak berisi lembar kerja.", "{file} contains no worksheets."),
    ("read.sheet-named-twice", "{file} rusak: dua lembar bernama \"{sheet}\" (Excel tidak mengizinkan dua lembar dengan nama yang sama).", "{file} is corrupt: two sheets are named \"{sheet}\" (Excel does not allow two sheets of one name)."),
    ("read.no-cells", "{file} tidak berisi satu sel pun yang terisi.", "{file} contains no filled cell at all."),
    ("read.too-many-cells", "{file}, lembar \"{sheet}\": lebih dari {limit} sel terisi (batas --max-cells).", "{file}, sheet \"{sheet}\": more than {limit} filled cells (the --max-cells limit)."),
    ("read.area-too-large", "{file}, lembar \"{sheet}\": persegi dari sel terisi pertama hingga terakhir memuat {area} sel, melebihi batas {limit} (--max-cells). Format ini dibaca sebagai kisi penuh; hapus sel nyasar yang jauh dari tabel, simpan sebagai .xlsx, atau naikkan --max-cells.", "{file}, sheet \"{sheet}\": the rectangle from its first to its last filled cell holds {area} cells, past the {limit} limit (--max-cells). This format is read as a full grid; delete stray cells far from the table, save it as .xlsx, or raise --max-cells."),
    ("read.over-budget", "{file}: berkas rusak atau terlalu besar: membacanya butuh lebih dari {budget} memori, dibatalkan pada {budget} (batas --max-memory).", "{file}: corrupt or too large: reading it needs more than {budget} of memory, stopped at {budget} (the --max-memory limit)."),
    ("read.reader-stopped", "{file}: berkas rusak: pembacanya berhenti sebelum selesai ({how}); renja tidak membacanya lebih lanjut.", "{file}: corrupt: its reader stopped before finishing ({how}); renja did not read it further."),
    ("read.too-large", "{file}: isinya setelah dibuka dari zip berukuran {size} byte, melebihi batas {limit} byte (--max-unpacked).", "{file}: its compressed content unpacks to {size} bytes, past the {limit}-byte limit (--max-unpacked)."),
    // --- write errors ---
    ("write.exists", "{file} sudah ada.", "{file} already exists."),
    ("cli.force-hint", "Gunakan --force untuk menimpanya.", "Use --force to overwrite it."),
    ("write.same-as-input", "Berkas keluaran {file} sama dengan berkas masukan; renja tidak pernah menimpa masukan.", "The output {file} is the input file; renja never overwrites its input."),
    ("write.failed", "Gagal menulis {file} (pesan asli: {cause}).", "Could not write {file}: {cause}"),
    ("write.verify-failed", "Pemeriksaan ulang {file} gagal: lembar \"{sheet}\" sel {cell}: seharusnya {expected}, tertulis {actual}.", "Self-check of {file} failed: sheet \"{sheet}\" cell {cell}: meant {expected}, found {actual}."),
    // --- notices ---
    ("notice.xls-values-only", "Berkas .xls (format lama) dibaca sebagai nilai saja: rumus di dalamnya tidak dihitung ulang karena teks rumus .xls tidak dapat dipercaya.", "The .xls (old format) file is read as values only: its formulas are not recomputed because .xls formula text cannot be trusted."),
    ("notice.source-html", "{file} bukan buku kerja Excel yang sebenarnya: ini halaman web (HTML) yang disimpan sebagai {ext}. Setiap tabel di dalamnya dibaca sebagai satu lembar; alamat sel mengikuti kisi tabel itu sendiri.", "{file} is not a real Excel workbook: it is a web page (HTML) saved as {ext}. Each table in it is read as one sheet; cell addresses follow the table's own grid."),
    ("notice.source-mhtml", "{file} bukan buku kerja Excel yang sebenarnya: ini halaman web arsip (MHTML, disimpan oleh peramban) dengan nama {ext}. Setiap tabel di halamannya dibaca sebagai satu lembar; alamat sel mengikuti kisi tabel itu sendiri.", "{file} is not a real Excel workbook: it is an archived web page (MHTML, saved by a browser) with a {ext} name. Each table on its page is read as one sheet; cell addresses follow the table's own grid."),
    ("notice.source-csv", "{file} adalah teks berpemisah (CSV), bukan buku kerja Excel: semua isinya dibaca sebagai teks lalu angka dibaca dengan aturan penulisan Indonesia.", "{file} is delimited text (CSV), not an Excel workbook: everything in it is read as text, then numbers are read by the Indonesian rules."),
    // --- normalise findings ---
    ("number.foreign-format", "Angka ditulis dengan format asing (Amerika) \"{text}\"; dibaca sebagai {value}.", "Number written in a foreign (US) format \"{text}\"; read as {value}."),
    ("number.ambiguous", "Angka \"{text}\" bisa dibaca lebih dari satu cara; dibaca sebagai {value} ({rule}). Periksa kembali.", "The number \"{text}\" can be read more than one way; read as {value} ({rule}). Please check it."),
    ("number.dot-decimal", "Teks \"{text}\" bukan angka cara Indonesia (titik bukan tanda desimal); mungkin maksudnya {value}. Dibiarkan sebagai teks, periksa kembali.", "The text \"{text}\" is no number in Indonesian notation (a dot is no decimal mark); it may mean {value}. Left as text; please check it."),
    ("number.unreadable", "Teks \"{text}\" tampak seperti angka tetapi tidak dapat dibaca dengan pasti; dibiarkan sebagai teks.", "The text \"{text}\" looks like a number but cannot be read unambiguously; left as text."),
    ("number.rule.dot-thousands", "titik diikuti tiga angka dibaca sebagai pemisah ribuan", "a dot followed by three digits read as thousands separator"),
    ("number.rule.dot-decimal", "titik dibaca sebagai tanda desimal", "the dot read as the decimal point"),
    ("number.rule.comma-decimal", "koma dibaca sebagai tanda desimal, bukan pemisah ribuan cara Amerika", "the comma read as the decimal mark, not as American thousands separator"),
    ("number.rule.mixed-grouping", "spasi dan titik sama-sama dibaca sebagai pemisah ribuan", "spaces and dots both read as thousands separators"),
    ("number.typed-error", "Sel berisi teks kesalahan {text} yang diketik, bukan hasil rumus.", "The cell holds the error text {text} typed in, not a formula result."),
    ("number.not-finite", "Sel berisi nilai tak terhingga atau bukan angka ({text}); dianggap #NUM!.", "The cell holds an infinite or not-a-number value ({text}); treated as #NUM!."),
    ("code.malformed", "Kode \"{text}\" tidak sesuai pola kode rekening (urusan.bidang.program.kegiatan.sub kegiatan): {reason}. Dibiarkan seperti tertulis.", "The code \"{text}\" does not follow the budget code pattern (urusan.bidang.program.kegiatan.sub kegiatan): {reason}. Kept as written."),
    ("code.reason.empty", "kosong", "empty"),
    ("code.reason.not-digits", "bagian \"{detail}\" bukan angka", "part \"{detail}\" is not a number"),
    ("code.reason.incomplete-kegiatan", "kode kegiatan tanpa nomor kegiatan", "kegiatan class without a kegiatan number"),
    ("code.reason.too-many-segments", "{detail} bagian, paling banyak 6", "{detail} parts, at most 6"),
    ("code.reason.too-wide", "bagian \"{detail}\" terlalu panjang", "part \"{detail}\" is too long"),
    ("code.reason.zero", "nomor {detail} bernilai nol", "{detail} number is zero"),
    ("code.reason.kegiatan-class", "kode kegiatan diawali satu angka 1–9 (misalnya 2 untuk kabupaten/kota), bukan \"{detail}\"", "a kegiatan starts with one digit 1–9 (e.g. 2 for kab/kota), not \"{detail}\""),
    ("code.reason.sub-width", "nomor sub kegiatan \"{detail}\" tidak 2 atau 4 digit", "sub kegiatan number \"{detail}\" has neither 2 nor 4 digits"),
    // --- table rules ---
    ("rule.sum-mismatch", "Baris {code}: {column} {actual} tidak sama dengan jumlah rinciannya {expected} (selisih {difference}).", "Row {code}: {column} {actual} is not the sum of its items, {expected} (difference {difference})."),
    ("rule.total-mismatch", "Baris {label}: {column} {actual} tidak sama dengan jumlah baris-baris teratas {expected} (selisih {difference}).", "Row {label}: {column} {actual} is not the sum of the top-level rows, {expected} (difference {difference})."),
    ("rule.dpa-mismatch", "Kode {code}: {column} {actual} di tabel ini ({kind}) tidak sama dengan pagu DPA {expected} di {other}; selisih {difference}. {kind} disusun dari DPA, maka keduanya harus sama.", "Code {code}: {column} {actual} in this table ({kind}) is not the DPA's pagu {expected} at {other}; difference {difference}. The {kind} is drawn up from the DPA, so the two must agree."),
    ("rule.cross-table-mismatch", "Kode {code}: {column} {actual} di tabel ini ({kind}) tidak sama dengan {expected} di {other} ({other_kind}); selisih {difference}. Dokumen dari tahap berbeda boleh berbeda; periksa mana yang berlaku.", "Code {code}: {column} {actual} in this table ({kind}) is not the {expected} at {other} ({other_kind}); difference {difference}. Documents of different stages may differ; check which one holds."),
    ("rule.difference-mismatch", "Baris {code}: sisa {sisa} tidak sama dengan pagu {pagu} dikurangi realisasi {realisasi}; {column} seharusnya {expected} (selisih {difference}).", "Row {code}: sisa {sisa} is not pagu {pagu} minus realisasi {realisasi}; {column} should be {expected} (difference {difference})."),
    ("rule.ratio-mismatch", "Baris {code}: persentase {actual} tidak sama dengan realisasi {realisasi} / pagu {pagu} × 100 = {expected} pada ketelitian yang ditampilkan.", "Row {code}: percentage {actual} is not realisasi {realisasi} / pagu {pagu} × 100 = {expected} at the precision shown."),
    ("rule.ratio-zero-pagu", "Baris {code}: pagu 0 tetapi persentase tertulis {actual} (seharusnya 0).", "Row {code}: pagu is 0 but the percentage reads {actual} (should be 0)."),
    ("rule.column-rule-mismatch", "Baris {code}: kolom {printed} tidak sesuai rumus baris penomoran {rule}: seharusnya {expected}, tertulis {actual}.", "Row {code}: column {printed} breaks the numbering-row rule {rule}: expected {expected}, found {actual}."),
    ("rule.column-rule-label-text", "Baris {code}: kolom {printed} berisi teks label kolomnya \"{actual}\" (rumus baris penomoran {rule}), bukan angka; seharusnya {expected}.", "Row {code}: column {printed} holds its own column label \"{actual}\" (the numbering-row rule {rule}) instead of a figure; expected {expected}."),
    ("rule.column-rule-label-text-unknown", "Baris {code}: kolom {printed} berisi teks label kolomnya \"{actual}\" (rumus baris penomoran {rule}), bukan angka.", "Row {code}: column {printed} holds its own column label \"{actual}\" (the numbering-row rule {rule}) instead of a figure."),
    ("rule.layout-rule-mismatch", "Baris {code}: {rule} tidak terpenuhi: seharusnya {expected}, tertulis {actual}.", "Row {code}: {rule} does not hold: expected {expected}, found {actual}."),
    ("rule.sum-runs-on", "Rincian baris {label} berlanjut di tabel berikutnya di lembar ini (mulai {cell}, di bawah judul kolom yang ditulis lain): jumlahnya tidak diperiksa.", "The items of row {label} run on into the next table on this sheet (from {cell}, under a header worded differently): its sum was not checked."),
    ("rule.sum-not-checked", "Tidak dapat dipastikan baris mana yang menjadi rincian baris lain di tabel ini (bukti yang ditemukan: {evidence}; perlu dua yang sejalan); jumlah rincian tidak diperiksa, mulai dari baris {label}.", "Could not tell for certain which rows are the items of which in this table (evidence found: {evidence}; two that agree are needed); sums of items not checked, starting with row {label}."),
    ("rule.total-not-checked", "Tidak dapat dipastikan baris mana yang dijumlahkan oleh baris jumlah {label} pada kolom {column}; tidak diperiksa.", "Could not tell which rows make up the total in row {label}, column {column}; not checked."),
    ("evidence.none", "tidak ada", "none"),
    ("evidence.codes", "kode", "codes"),
    ("evidence.code-path", "kode di beberapa kolom", "codes over several columns"),
    ("evidence.order", "urutan kode", "order of the codes"),
    ("evidence.numbering", "penomoran", "numbering"),
    ("evidence.level-names", "nama tingkat (Program, Kegiatan, Belanja …)", "level names (Program, Kegiatan, Belanja …)"),
    ("evidence.group-lines", "baris kelompok rincian", "group lines"),
    ("evidence.total-closes", "baris jumlah sama dengan baris teratas", "a total equal to its top-level rows"),
    ("rule.column-rule-units", "Baris {code}: rumus {rule} menggabungkan satuan berbeda ({left} dan {right}).", "Row {code}: the rule {rule} combines different units ({left} and {right})."),
    ("rule.column-rule-div-zero", "Baris {code}: rumus {rule} membagi dengan nol, tetapi sel berisi {actual}.", "Row {code}: the rule {rule} divides by zero, yet the cell reads {actual}."),
    ("rule.formula-error-div0", "Baris {code}: sel berisi #DIV/0! yang diketik; rumus {rule} membagi dengan nol.", "Row {code}: the cell holds a typed #DIV/0!; the rule {rule} divides by zero."),
    ("rule.code-malformed-split", "Kode yang tersusun dari beberapa kolom \"{text}\" tidak sesuai pola kode rekening (urusan.bidang.program.kegiatan.sub kegiatan).", "The code assembled from several columns \"{text}\" does not follow the budget code pattern (urusan.bidang.program.kegiatan.sub kegiatan)."),
    ("rule.code-sub-width-unknown", "Nomor sub kegiatan pada kode yang terpisah di beberapa kolom tersimpan sebagai angka (nol di depannya hilang), dan tabel ini tidak menunjukkan apakah 2 digit (Permendagri 90/2019) atau 4 digit (Kepmendagri 900.1.15.5-1317/2023). Dibaca 2 digit, misalnya {code}. Mohon diperiksa.", "Sub kegiatan numbers of codes split over columns are stored as numbers (leading zeros lost), and this table does not tell 2 digits (Permendagri 90/2019) from 4 (Kepmendagri 900.1.15.5-1317/2023). Read as 2 digits, e.g. {code}. Please check."),
    ("rule.code-account-unsplit", "Kode rekening {code} ditulis tanpa titik dan tabel ini tidak memuat baris induknya, sehingga pembagian segmennya (Permendagri 13/2006 atau 90/2019) tidak dapat dipastikan; dibiarkan seperti tertulis ({count} kode seperti ini di tabel ini).", "Account code {code} is written without dots and this table has no parent row for it, so how its digits split into segments (Permendagri 13/2006 or 90/2019) cannot be told; kept as written ({count} such codes in this table)."),
    ("rule.code-implied", "Kode \"{text}\" salah tulis: baris-baris rinciannya di bawahnya menunjukkan kode {code}.", "The code \"{text}\" is mistyped: the rows of its items below it imply the code {code}."),
    ("rule.code-implied-reason", "Kode \"{text}\" salah tulis ({reason}): baris-baris rinciannya di bawahnya menunjukkan kode {code}.", "The code \"{text}\" is mistyped ({reason}): the rows of its items below it imply the code {code}."),
    ("rule.code-orphan", "Kode {code} tidak punya baris induk {parent} di tabel ini, padahal tabel memuat baris {level}.", "Code {code} has no parent row {parent} in this table, although the table has {level} rows."),
    ("rule.code-duplicate", "Kode {code} muncul lagi dengan nilai uang (pertama di baris {first}).", "Code {code} appears again with money values (first in row {first})."),
    // --- codes against the official lists ---
    ("rule.code-unknown", "Kode {code} tidak ada dalam {list}.", "Code {code} is not in {list}."),
    ("rule.code-unknown-listed", "Kode {code} tidak ada dalam {list}, tetapi ada dalam {other} (\"{name}\"): kode dari daftar tahun lain?", "Code {code} is not in {list}, but {other} has it (\"{name}\"): a code from another year's list?"),
    ("rule.code-unknown-renumbered", "Kode {code} tidak ada dalam {list}: {other} menomori ulang kode itu menjadi {now} (\"{name}\").", "Code {code} is not in {list}: {other} renumbered it to {now} (\"{name}\")."),
    ("rule.name-mismatch", "Uraian kode {code} berbeda dari nama resminya dalam {list}, \"{expected}\": {closeness}.", "The uraian of code {code} differs from its official name in {list}, \"{expected}\": {closeness}."),
    ("rule.name-mismatch-below", "{first} Kode {code} tertulis juga pada {more} baris lain tabel ini yang uraiannya nama kode di bawahnya: kolom kode tabel ini memuat kode induk, bukan kode baris itu sendiri.", "{first} {more} more rows of this table carry code {code} with the name of a code below it: the table's code column holds the parent's code, not the row's own."),
    ("rule.code-renumbered", "Kode {code} dinomori ulang menjadi {now} dalam {later}.", "{later} renumbers code {code} to {now}."),
    ("rule.code-list-none", "Tidak ada daftar kode resmi untuk tahun {year}: hanya kode urusan, bidang urusan dan program yang sama di semua daftar resmi yang diperiksa, kode kegiatan dan sub kegiatan tidak.", "No official code list for {year}: only the urusan, bidang urusan and program codes every official list shares were checked, not kegiatan and sub kegiatan codes."),
    ("rule.code-list-no-year", "Tahun dokumen tidak ditemukan: hanya kode urusan, bidang urusan dan program yang sama di semua daftar resmi yang diperiksa, kode kegiatan dan sub kegiatan tidak.", "The document's year was not found: only the urusan, bidang urusan and program codes every official list shares were checked, not kegiatan and sub kegiatan codes."),
    ("rule.code-list-between", "Tidak ada daftar kode resmi untuk tahun {year}: kode diperiksa terhadap {earlier} dan {later} sekaligus, dan kode yang ada di salah satunya dianggap dikenal.", "No official code list for {year}: codes were checked against {earlier} and {later} together, and a code either of them has counts as known."),
    ("rule.code-list-older", "Tidak ada dalam {list}, padahal kode di atasnya ada: {count} kode, yang pertama {code}. Daftar itu mungkin tidak sezaman dengan dokumen ini (kode baru ditambahkan tiap tahun), jadi kode-kode itu tidak dilaporkan sebagai tidak dikenal.", "Not in {list}, although the code above each is: {count} code(s), the first {code}. The list may not be of this document's time (codes are added every year), so they are not reported as unknown."),
    ("list.one", "{title}", "{title}"),
    ("list.no-codes", "{file} tidak berisi daftar kode: setiap baris daftar memuat kode (misalnya 5.03.02.2.01.0001) dan namanya di sel sebelahnya, atau keduanya dalam satu sel.", "{file} holds no code list: each row of a list holds a code (such as 5.03.02.2.01.0001) and its name in the next cell, or both in one cell."),
    ("list.between", "{earlier} maupun {later}", "{earlier} or {later}"),
    ("list.stable", "kode yang sama di semua daftar resmi", "the codes every official list shares"),
    ("name.typo", "hampir sama (selisih {letters} huruf), kemungkinan salah ketik", "nearly the same ({letters} letter(s) apart), probably a typo"),
    ("name.partly", "sebagian berbeda (selisih {letters} huruf)", "partly different ({letters} letters apart)"),
    ("name.below", "uraian itu nama resmi {level} {other} di bawah kode ini, kemungkinan kodenya tidak lengkap", "that uraian is the official name of {level} {other}, below this code: probably an incomplete code"),
    ("name.different", "sama sekali berbeda, kemungkinan kodenya salah", "wholly different, probably a wrong code"),
    ("name.other-code", "uraian itu adalah nama resmi {other}, kemungkinan kodenya salah", "that uraian is the official name of {other}, probably a wrong code"),
    // --- formula findings ---
    ("formula.mismatch", "Rumus ={formula} menghasilkan {expected}, tetapi nilai tersimpan di berkas {actual} (selisih {difference}).", "The formula ={formula} gives {expected}, but the value saved in the file is {actual} (difference {difference})."),
    ("formula.error", "Rumus ={formula} menghasilkan {error}.", "The formula ={formula} gives {error}."),
    ("formula.error-div0-zero", "Rumus ={formula} menghasilkan #DIV/0!: pembagi {divisor} bernilai 0 (misalnya pagu 0).", "The formula ={formula} gives #DIV/0!: the divisor {divisor} is 0 (for example a pagu of 0)."),
    ("formula.error-div0-empty", "Rumus ={formula} menghasilkan #DIV/0!: pembagi {divisor} kosong.", "The formula ={formula} gives #DIV/0!: the divisor {divisor} is empty."),
    ("formula.error-from", "Rumus ={formula} menghasilkan {error} karena sel {source} berisi {error}.", "The formula ={formula} gives {error} because cell {source} holds {error}."),
    ("formula.error-cached", "Nilai tersimpan rumus ={formula} adalah {error}, padahal hasil hitung ulangnya {expected}.", "The saved value of the formula ={formula} is {error}, but it recomputes to {expected}."),
    ("formula.masked-iferror", "IFERROR dalam ={formula} menyembunyikan pembagian dengan nol pada data ini dan menampilkan {fallback}.", "IFERROR in ={formula} hides a division by zero in this data and shows {fallback} instead."),
    ("formula.masked-guard", "Rumus ={formula} menampilkan nilai pengganti karena {tested} bernilai 0 atau kosong: pembagian dengan nol disembunyikan.", "The formula ={formula} shows a stand-in value because {tested} is 0 or empty: a division by zero is hidden."),
    ("formula.text-ignored", "Rumus ={formula} melewatkan {count} sel berisi angka yang diketik sebagai teks: Excel menghitung {actual}, dengan sel tersebut seharusnya {expected}.", "The formula ={formula} skips {count} cells holding numbers typed as text: Excel computes {actual}, with those cells it would be {expected}."),
    ("formula.no-cache", "Rumus ={formula} tidak memiliki nilai tersimpan di berkas; dipakai hasil hitung ulang {value}.", "The formula ={formula} has no saved value in the file; the recomputed value {value} is used."),
    ("formula.unsupported", "Rumus ={formula} memakai {function} yang belum didukung renja; nilai tersimpan dipakai tanpa diperiksa.", "The formula ={formula} uses {function}, which renja does not support yet; the saved value is used unchecked."),
    ("formula.cycle", "Rumus ={formula} termasuk referensi melingkar ({cells}); nilai tersimpan dipakai tanpa diperiksa.", "The formula ={formula} is part of a circular reference ({cells}); the saved value is used unchecked."),
    ("formula.too-deep", "Rumus ={formula} bersarang lebih dari {limit} tingkat; tidak dihitung ulang, nilai tersimpan dipakai tanpa diperiksa.", "The formula ={formula} is nested deeper than {limit} levels; it is not recomputed and the saved value is used unchecked."),
    ("formula.too-large", "Rumus ={formula} membentuk larik lebih dari {limit} sel; tidak dihitung ulang, nilai tersimpan dipakai tanpa diperiksa.", "The formula ={formula} builds arrays of more than {limit} cells; it is not recomputed and the saved value is used unchecked."),
    ("formula.parse", "Rumus ={formula} tidak dapat dibaca (pesan asli: {cause}); nilai tersimpan dipakai tanpa diperiksa.", "The formula ={formula} cannot be read ({cause}); the saved value is used unchecked."),
    // --- command line: help texts (cli/help.rs), usage errors, size arguments ---
    ("cli.about", "renja memeriksa aritmetika buku kerja Renja dan tabel realisasi anggaran, lalu menulis buku kerja bersih tanpa rumus dengan setiap temuan ditandai.", "renja checks the arithmetic of Renja and budget-realisation workbooks and writes clean, formula-free workbooks with every finding marked."),
    ("cli.after-help", "Tanpa perintah, renja BERKAS… membersihkan setiap berkas di sebelahnya, seperti saat berkas diseret ke renja.exe.", "Without a command, renja FILE… cleans each file beside itself, as when files are dropped onto renja.exe."),
    ("cli.check.about", "Periksa buku kerja dan laporkan temuannya; tidak menulis apa pun selain laporan.", "Check a workbook and report its findings; writes nothing but the report."),
    ("cli.clean.about", "Bersihkan buku kerja: nilai tanpa rumus, angka dan kode baku, temuan ditandai.", "Clean a workbook: values without formulas, normalised numbers and codes, findings marked."),
    ("cli.batch.about", "Periksa dan bersihkan banyak buku kerja sekaligus (isi folder ditelusuri).", "Check and clean many workbooks at once (folders are walked)."),
    ("cli.serve.about", "Buka halaman web untuk memeriksa dan membersihkan buku kerja.", "Serve a web page to check and clean workbooks."),
    ("cli.help.about", "Tampilkan bantuan ini atau bantuan perintah yang disebut.", "Print this message or the help of the given command."),
    ("cli.heading.usage", "Penggunaan:", "Usage:"),
    ("cli.heading.arguments", "Argumen", "Arguments"),
    ("cli.heading.options", "Opsi", "Options"),
    ("cli.heading.commands", "Perintah", "Commands"),
    ("cli.usage.options", "[OPSI]", "[OPTIONS]"),
    ("cli.usage.command", "<PERINTAH>", "<COMMAND>"),
    ("cli.help.default", "[bawaan: {value}]", "[default: {value}]"),
    ("cli.help.possible", "[pilihan: {values}]", "[possible values: {values}]"),
    ("cli.value.file", "BERKAS", "FILE"),
    ("cli.value.report", "LAPORAN", "REPORT"),
    ("cli.value.out", "KELUARAN", "OUT"),
    ("cli.value.format", "FORMAT", "FORMAT"),
    ("cli.value.level", "TINGKAT", "LEVEL"),
    ("cli.value.lang", "BAHASA", "LANG"),
    ("cli.value.n", "N", "N"),
    ("cli.value.bytes", "BYTE", "BYTES"),
    ("cli.value.inputs", "MASUKAN", "INPUTS"),
    ("cli.value.port", "PORT", "PORT"),
    ("cli.value.addr", "ALAMAT", "ADDR"),
    ("cli.value.size", "UKURAN", "SIZE"),
    ("cli.value.secs", "DETIK", "SECS"),
    ("cli.value.command", "PERINTAH", "COMMAND"),
    ("cli.arg.lang", "Bahasa pesan dan lembar laporan: id (Bahasa Indonesia) atau en. Tanpa opsi ini: en bila LANG atau LC_ALL diawali en, selain itu id.", "Language of messages and of the report sheets: id (Bahasa Indonesia) or en. Without it: en when LANG or LC_ALL starts with en, else id."),
    ("cli.arg.max-cells", "Paling banyak sel terisi dalam satu lembar.", "Most filled cells one sheet may have."),
    ("cli.arg.max-unpacked", "Paling banyak byte isi xlsx/ods setelah dibuka dari zip-nya (melindungi dari bom zip).", "Most bytes the parts of an xlsx/ods may unpack to (guards against zip bombs)."),
    ("cli.arg.max-memory", "Paling banyak memori untuk membaca satu berkas, misalnya 1GiB, 512MiB (berkas rusak yang meminta lebih ditolak).", "Most memory reading one file may take, e.g. 1GiB, 512MiB (a damaged file asking for more is refused)."),
    ("cli.arg.max-formula-depth", "Kedalaman rumus bersarang terdalam yang dihitung ulang; rumus yang lebih dalam dilaporkan, tidak dihitung.", "Deepest nesting of a formula renja evaluates; deeper ones are reported, not computed."),
    ("cli.arg.nomenklatur", "Daftar kode milik sendiri (kode dan nama per baris, xlsx atau csv), ditambahkan ke daftar resmi bawaan; bila nama berkasnya memuat tahun (nomenklatur-2025.csv), daftar itu menggantikan daftar bawaan untuk tahun tersebut. Boleh diulang.", "A code list of your own (code and name per row, xlsx or csv), added to the built-in official lists; when its file name holds a year (nomenklatur-2025.csv) it replaces them for that year. Repeatable."),
    ("cli.arg.fail-on", "Keluar dengan kode 1 bila ada temuan setingkat ini atau lebih berat.", "Exit with 1 when a finding at or above this severity exists."),
    ("cli.arg.all", "Tampilkan juga temuan lanjutan, masing-masing di bawah akar masalahnya.", "Show propagated findings too, each under its root cause."),
    ("cli.arg.quiet", "Tampilkan baris ringkasan saja.", "Print the summary line only."),
    ("cli.arg.help", "Tampilkan bantuan", "Print help"),
    ("cli.arg.version", "Tampilkan versi", "Print version"),
    ("cli.dropped.files", "Buku kerja yang dibersihkan, masing-masing di sebelah aslinya (seperti saat berkas diseret ke renja.exe).", "Workbooks to clean, each beside itself (what dropping files onto renja.exe does)."),
    ("cli.dropped.force", "Timpa NAMA.bersih.xlsx yang sudah ada, alih-alih menulis NAMA.bersih (2).xlsx.", "Overwrite an existing NAME.bersih.xlsx instead of writing NAME.bersih (2).xlsx."),
    ("cli.check.file", "Buku kerja yang diperiksa (xlsx, xlsm, xlsb, xls, ods, atau halaman web/CSV hasil ekspor).", "The workbook to check (xlsx, xlsm, xlsb, xls, ods, or an exported web page or CSV)."),
    ("cli.check.format", "Format laporan: text (untuk dibaca), json (skema renja-report/1), csv (satu baris per temuan).", "Report format: text (for people), json (schema renja-report/1), csv (one row per finding)."),
    ("cli.check.output", "Tulis laporan ke berkas ini, bukan ke layar; berkas yang sudah ada perlu --force.", "Write the report to this file instead of standard output; an existing file needs --force."),
    ("cli.check.force", "Timpa berkas laporan yang sudah ada.", "Overwrite the report file if it exists."),
    ("cli.clean.file", "Buku kerja yang dibersihkan (xlsx, xlsm, xlsb, xls, ods, atau halaman web/CSV hasil ekspor).", "The workbook to clean (xlsx, xlsm, xlsb, xls, ods, or an exported web page or CSV)."),
    ("cli.clean.output", "Tempat menulis buku kerja bersih [bawaan: NAMA.bersih.xlsx di sebelah masukan].", "Where to write the cleaned workbook [default: NAME.bersih.xlsx beside the input]."),
    ("cli.clean.force", "Timpa berkas keluaran yang sudah ada.", "Overwrite the output if it exists."),
    ("cli.batch.inputs", "Buku kerja dan folder; folder ditelusuri sampai ke subfoldernya.", "Workbooks and folders; folders are walked recursively."),
    ("cli.batch.output", "Folder keluaran: NAMA.bersih.xlsx dan NAMA.laporan.json per masukan dalam susunan folder yang sama, ditambah ringkasan.xlsx/.csv dan gabungan.xlsx/.csv.", "The output folder: NAME.bersih.xlsx and NAME.laporan.json per input in the mirrored tree, plus ringkasan.xlsx/.csv and gabungan.xlsx/.csv."),
    ("cli.batch.jobs", "Jumlah berkas yang diproses bersamaan [bawaan: jumlah inti prosesor].", "Files checked at once [default: the number of cores]."),
    ("cli.batch.force", "Proses ulang semua masukan, termasuk yang tidak berubah sejak proses terakhir ke folder keluaran ini.", "Redo every input, even those unchanged since the last run into the output folder."),
    ("cli.batch.quiet", "Tanpa tampilan kemajuan; hanya baris ringkasan dan berkas yang gagal.", "No progress, only the summary line and the files that failed."),
    ("cli.serve.port", "Port yang didengarkan; 0 memilih port yang bebas (alamatnya dicetak di baris pertama).", "Port to listen on; 0 picks a free one (the address is printed on the first line)."),
    ("cli.serve.bind", "Alamat yang didengarkan. Bawaannya hanya komputer ini; alamat lain membuka akses dari jaringan.", "Address to listen on. Only this computer by default; another address lets the network in."),
    ("cli.serve.open", "Buka halaman di peramban bawaan.", "Open the page in the default browser."),
    ("cli.serve.max-upload", "Unggahan terbesar yang diterima, misalnya 50MB, 200MB, 1GB (HTTP 413 bila lebih besar).", "Largest upload accepted, e.g. 50MB, 200MB, 1GB (HTTP 413 above it)."),
    ("cli.serve.read-timeout", "Berapa detik klien boleh diam saat mengirim permintaan (HTTP 408 setelahnya).", "Seconds a client may stay silent while sending a request (HTTP 408 after it)."),
    ("cli.serve.workers", "Permintaan yang diperiksa bersamaan; selebihnya menunggu giliran dengan unggahan yang sudah terbaca.", "Requests checked at the same time; more wait their turn, their upload already read."),
    ("cli.serve.max-connections", "Koneksi yang dilayani bersamaan; selebihnya menunggu diterima. Klien yang macet memegang satu koneksi sampai batas waktunya, tidak pernah satu pekerja.", "Connections served at the same time; more wait to be accepted. A client that stalls holds one of these until its timeout, never a worker."),
    ("cli.serve.max-upload-memory", "Memori untuk semua unggahan yang dipegang bersamaan, misalnya 800MB; permintaan yang melewatinya menunggu tempat (HTTP 503 bila tidak ada dalam --read-timeout). Bawaan: 2 × --workers × --max-upload.", "Memory all uploads held at once may take, e.g. 800MB; a request past it waits for room (HTTP 503 if none comes within --read-timeout). Default: 2 × --workers × --max-upload."),
    ("cli.help.subcommand", "Perintah yang ingin dilihat bantuannya.", "The command whose help to print."),
    ("cli.error.unknown-argument", "argumen tidak dikenal: '{arg}'", "unexpected argument '{arg}' found"),
    ("cli.error.invalid-subcommand", "perintah tidak dikenal: '{arg}'", "unrecognized subcommand '{arg}'"),
    ("cli.error.invalid-value", "nilai '{value}' tidak sah untuk '{arg}'", "invalid value '{value}' for '{arg}'"),
    ("cli.error.value-validation", "nilai '{value}' tidak sah untuk '{arg}': {cause}", "invalid value '{value}' for '{arg}': {cause}"),
    ("cli.error.cause", "tidak dapat dibaca (pesan asli: {cause})", "{cause}"),
    ("cli.error.missing-argument", "argumen wajib belum diberikan: {arg}", "the following required arguments were not provided: {arg}"),
    ("cli.error.conflict", "'{arg}' tidak dapat dipakai bersama '{prior}'", "the argument '{arg}' cannot be used with '{prior}'"),
    ("cli.error.missing-subcommand", "perintah belum diberikan", "a subcommand is required but one was not provided"),
    ("cli.error.no-equals", "'{arg}' memerlukan tanda = di depan nilainya", "equal sign is needed when assigning values to '{arg}'"),
    ("cli.error.number-of-values", "jumlah nilai untuk '{arg}' tidak sesuai", "wrong number of values for '{arg}'"),
    ("cli.error.invalid-utf8", "argumen berisi teks yang bukan UTF-8", "invalid UTF-8 was detected in one or more arguments"),
    ("cli.error.other", "baris perintah tidak dapat dibaca (pesan asli: {cause})", "the command line cannot be read: {cause}"),
    ("cli.error.flag-before-command", "renja: '{arg}' ditulis sebelum perintah {command}; tulis sesudahnya: renja {command} … {arg}", "renja: '{arg}' comes before the command {command}; write it after: renja {command} … {arg}"),
    ("cli.error.possible", "pilihan: {values}", "possible values: {values}"),
    ("cli.error.suggestion", "saran: mungkin maksud Anda '{suggestion}'", "tip: a similar one exists: '{suggestion}'"),
    ("cli.error.more", "Keterangan lebih lanjut: {command} --help", "For more information, try '{command} --help'."),
    ("cli.size.not-a-size", "\"{text}\" bukan ukuran (contoh: 50MB)", "not a size: \"{text}\" (e.g. 50MB)"),
    ("cli.size.unknown-unit", "satuan \"{unit}\" tidak dikenal (B, KB, MB, GB, KiB, MiB, GiB)", "unknown unit \"{unit}\" (B, KB, MB, GB, KiB, MiB, GiB)"),
    ("formula.volatile", "Rumus ={formula} memakai {function}, yang hasilnya berubah setiap kali dihitung; nilai tersimpan di berkas dipakai.", "The formula ={formula} uses {function}, whose result changes on every recalculation; the value saved in the file is used."),
    ("formula.deleted-reference", "Rumus ={formula} berisi #REF!: sel, baris, kolom atau lembar yang dirujuknya sudah dihapus, sehingga hasilnya tidak lengkap.", "The formula ={formula} contains #REF!: a cell, row, column or sheet it referred to was deleted, so its result is incomplete."),
    ("formula.other-workbooks", "Rumus di buku kerja ini merujuk buku kerja lain: {files}. {cells} sel yang merujuknya memakai nilai tersimpan di berkas dan tidak diperiksa (misalnya {cell}).", "Formulas in this workbook refer to other workbooks: {files}. The {cells} cells that do keep the value saved in the file and are not checked (for example {cell})."),
    ("formula.locale-english", "Nilai tersimpan berkas ini dihitung oleh Excel berformat angka Inggris (titik sebagai tanda desimal): {count} rumus membaca atau menulis angka sebagai teks dan nilai tersimpannya cocok dengan cara baca itu (misalnya {cell}); renja membacanya dengan cara yang sama.", "The values saved in this file were computed by an Excel with English number conventions (a point as the decimal mark): {count} formulas read or write numbers as text and their saved values match that reading (for example {cell}); renja reads them the same way."),
    ("formula.locale-indonesian", "Nilai tersimpan berkas ini dihitung oleh Excel berformat angka Indonesia (koma sebagai tanda desimal): {count} rumus membaca atau menulis angka sebagai teks dan nilai tersimpannya cocok dengan cara baca itu (misalnya {cell}).", "The values saved in this file were computed by an Excel with Indonesian number conventions (a comma as the decimal mark): {count} formulas read or write numbers as text and their saved values match that reading (for example {cell})."),
    ("formula.locale-unknown", "{count} rumus membaca atau menulis angka sebagai teks tanpa nilai tersimpan di berkas; renja membacanya dengan format angka Indonesia (misalnya {cell}).", "{count} formulas read or write numbers as text and have no value saved in the file; renja reads them with Indonesian number conventions (for example {cell})."),
    // --- serve ---
    ("serve.listening", "renja siap di {url}", "renja is ready at {url}"),
    ("serve.stop-hint", "Buka alamat itu di peramban dan seret berkas Excel ke halaman. Tekan Ctrl+C untuk berhenti.", "Open that address in a browser and drag Excel files onto the page. Press Ctrl+C to stop."),
    ("serve.not-loopback", "Peringatan: {addr} dapat dijangkau dari jaringan; siapa pun yang dapat menjangkaunya dapat mengunggah berkas ke renja ini.", "Warning: {addr} is reachable from the network; anyone who can reach it can upload files to this renja."),
    ("serve.bind-failed", "Tidak dapat membuka {addr} (pesan asli: {cause}). Apakah renja serve lain sudah berjalan? Coba --port dengan nomor lain.", "Cannot listen on {addr}: {cause}. Is another renja serve running? Try --port with another number."),
    ("serve.open-failed", "Peramban tidak dapat dibuka (pesan asli: {cause}); buka {url} secara manual.", "The browser could not be opened ({cause}); open {url} yourself."),
    ("serve.too-large", "{file} terlalu besar ({size}); batas unggah {limit}.", "{file} is too large ({size}); the upload limit is {limit}."),
    ("serve.timeout", "Unggahan {file} terhenti: tidak ada data selama {seconds} detik.", "The upload of {file} stalled: no data for {seconds} seconds."),
    ("serve.not-found", "Alamat tidak dikenal: {path}", "Unknown address: {path}"),
    ("serve.method", "{method} tidak didukung untuk {path}; gunakan {allowed}.", "{method} is not supported for {path}; use {allowed}."),
    ("serve.forbidden-host", "Host {host} tidak diizinkan: renja ini hanya melayani komputer ini.", "Host {host} is not allowed: this renja serves this computer only."),
    ("serve.busy", "{file}: server sedang penuh: unggahan yang menunggu diproses sudah memakai {limit} memori (batas --max-upload-memory). Coba lagi sebentar lagi.", "{file}: the server is busy: uploads waiting to be processed already take {limit} of memory (the --max-upload-memory limit). Try again in a moment."),
    ("serve.internal", "Kesalahan internal renja saat memproses {file}; berkas lain tidak terpengaruh. Mohon laporkan beserta berkasnya.", "Internal renja error while processing {file}; other files are not affected. Please report it with the file."),
    ("page.title", "renja — periksa buku kerja anggaran", "renja — check budget workbooks"),
    ("page.intro", "Periksa aritmetika tabel Renja dan realisasi anggaran, lalu unduh buku kerja bersih tanpa rumus.", "Check the arithmetic of Renja and budget-realisation tables, then download a clean, formula-free workbook."),
    ("page.drop", "Seret berkas Excel ke sini", "Drag Excel files here"),
    ("page.or", "atau", "or"),
    ("page.choose", "Pilih berkas…", "Choose files…"),
    ("page.hint", "xlsx, xlsm, xlsb, xls, ods, csv, html, mhtml · beberapa berkas sekaligus · maks. {limit} per berkas", "xlsx, xlsm, xlsb, xls, ods, csv, html, mhtml · several files at once · at most {limit} per file"),
    ("page.checking", "Memeriksa…", "Checking…"),
    ("page.preparing", "Menyiapkan…", "Preparing…"),
    ("page.download-clean", "Unduh buku kerja bersih (.xlsx)", "Download cleaned workbook (.xlsx)"),
    ("page.download-json", "Laporan JSON", "JSON report"),
    ("page.download-csv", "Laporan CSV", "CSV report"),
    ("page.shown", "{shown} dari {total} temuan ditampilkan · klik judul kolom untuk mengurutkan", "{shown} of {total} findings shown · click a column heading to sort"),
    ("page.network", "renja tidak dapat dihubungi: {cause}", "renja cannot be reached: {cause}"),
    ("page.lang-switch", "English", "Bahasa Indonesia"),
    ("page.footer", "Berkas diproses di memori komputer ini dan tidak disimpan", "Files are processed in this computer's memory and not kept"),
    ("page.clear", "Kosongkan daftar", "Clear the list"),
    ("page.root", "akar masalah", "root cause"),
    ("page.propagated", "akibat", "propagated"),
    ("drop.pause", "Tekan Enter untuk menutup jendela ini…", "Press Enter to close this window…"),
    ("drop.failed", "{failed} dari {total} berkas tidak dapat diproses.", "{failed} of {total} files could not be processed."),
    // --- summary and report labels ---
    ("label.file", "Berkas", "File"),
    ("label.sheets", "Lembar", "Sheets"),
    ("label.cells", "Sel terbaca", "Cells read"),
    ("label.numbers", "Angka dinormalkan", "Numbers normalised"),
    ("label.codes", "Kode dinormalkan", "Codes normalised"),
    ("label.formulas", "Rumus", "Formulas"),
    ("label.findings", "Temuan", "Findings"),
    ("label.errors", "kesalahan", "errors"),
    ("label.warnings", "peringatan", "warnings"),
    ("label.infos", "info", "info"),
    ("label.tables", "Tabel", "Tables"),
    ("label.propagated-hidden", "{count} temuan lanjutan (akibat dari akar masalah di atas) disembunyikan; gunakan --all untuk menampilkannya.", "{count} propagated findings (caused by the root causes above) hidden; use --all to show them."),
    ("label.no-findings", "Tidak ada temuan.", "No findings."),
    ("label.written", "Ditulis: {file}", "Written: {file}"),
    ("label.expected", "seharusnya", "expected"),
    ("label.actual", "tertulis", "actual"),
    ("label.difference", "selisih", "difference"),
    ("summary.title", "Ringkasan pemeriksaan renja", "renja check summary"),
    ("summary.format", "Format berkas", "File format"),
    ("summary.tool", "Versi alat", "Tool version"),
    ("summary.time", "Waktu pemeriksaan", "Time of the run"),
    ("summary.sheet-renamed", "Lembar \"{from}\" ditulis sebagai \"{to}\": Excel hanya menerima nama lembar sampai 31 karakter, tanpa [ ] : * ? / \\.", "Sheet \"{from}\" is written as \"{to}\": Excel takes sheet names of at most 31 characters, without [ ] : * ? / \\."),
    ("summary.reconciliation", "Lembar \"{sheet}\": {count} angka yang dimuat dua tabel atau lebih disandingkan, {differ} di antaranya berbeda.", "Sheet \"{sheet}\": {count} figures that two or more tables carry set side by side, {differ} of them differing."),
    ("summary.canonical-codes", "Lembar {sheet}: kode tabel ini ditulis terpisah di beberapa sel atau tanpa titik, maka kolom \"Kode (baku)\" mulai {cell} memuat kode baku tiap baris ({count} baris); sel asli tetap di tempatnya.", "Sheet {sheet}: this table's codes are split over cells or written without dots, so the column \"Code (canonical)\" from {cell} holds each row's canonical code ({count} rows); the input cells stay where they were."),
    ("summary.recomputed", "Rumus dihitung ulang", "Formulas recomputed"),
    ("summary.notes-capped", "Lembar {sheet}: {flagged} sel bertanda; {noted} sel dengan temuan terberat diberi catatan, catatan sel lainnya ada di lembar {findings}, yang memuat setiap temuan. Semua sel bertanda tetap diwarnai.", "Sheet {sheet}: {flagged} flagged cells; notes on the {noted} with the most severe findings, the other cells' notes are in sheet {findings}, which lists every finding. Every flagged cell keeps its colour."),
    // --- change log reasons ---
    ("change.number", "Angka yang ditulis sebagai teks diubah menjadi angka", "Number written as text converted to a number"),
    ("change.nil", "Tanda strip (nihil) diubah menjadi 0", "Dash (nil) converted to 0"),
    ("change.code", "Kode dinormalkan ke bentuk baku", "Code normalised to canonical form"),
    ("change.typed-error", "Teks kesalahan diubah menjadi nilai kesalahan", "Error text converted to an error value"),
    ("change.formula", "Rumus diganti dengan nilainya", "Formula replaced by its value"),
    ("change.formula-kept-unsupported", "Rumus diganti dengan nilai tersimpan di berkas (tidak dihitung ulang: {function} belum didukung renja)", "Formula replaced by the value saved in the file (not recomputed: renja does not support {function})"),
    ("change.formula-kept-volatile", "Rumus diganti dengan nilai tersimpan di berkas (tidak dihitung ulang: hasil {function} berubah setiap kali dihitung)", "Formula replaced by the value saved in the file (not recomputed: {function} changes on every recalculation)"),
    ("change.formula-kept-other-workbook", "Rumus diganti dengan nilai tersimpan di berkas (tidak dihitung ulang: merujuk buku kerja lain)", "Formula replaced by the value saved in the file (not recomputed: it refers to another workbook)"),
    ("change.formula-kept-cycle", "Rumus diganti dengan nilai tersimpan di berkas (tidak dihitung ulang: referensi melingkar)", "Formula replaced by the value saved in the file (not recomputed: circular reference)"),
    ("change.formula-kept-unreadable", "Rumus diganti dengan nilai tersimpan di berkas (tidak dihitung ulang: rumus tidak dapat dibaca atau terlalu besar)", "Formula replaced by the value saved in the file (not recomputed: the formula cannot be read or is too large)"),
    ("change.formula-run", "Rumus yang sama disalin ke bawah pada {count} sel, masing-masing diganti dengan nilainya (tidak berubah)", "The same formula filled down over {count} cells, each replaced by its value (unchanged)"),
    ("change.run-values", "(nilai masing-masing sel)", "(each cell's value)"),
    ("change.formula-recomputed", "Rumus diganti dengan nilai hasil hitung ulang (berbeda dari nilai di berkas)", "Formula replaced by its recomputed value (differs from the value in the file)"),
    // --- sheet names and headers of the cleaned workbook ---
    ("sheet.changes", "Perubahan", "Changes"),
    ("sheet.findings", "Temuan", "Findings"),
    ("sheet.summary", "Ringkasan", "Summary"),
    ("sheet.reconciliation", "Rekonsiliasi", "Reconciliation"),
    ("col.role", "Peran", "Role"),
    ("col.year", "Tahun", "Year"),
    ("col.organisation", "SKPD", "SKPD"),
    ("col.agrees", "Sama", "Agree"),
    ("col.spread", "Selisih terbesar", "Largest difference"),
    ("col.place-n", "Sel {n}", "Cell {n}"),
    ("col.kind-n", "Tabel {n}", "Table {n}"),
    ("col.value-n", "Nilai {n}", "Figure {n}"),
    ("col.canonical-code", "Kode (baku)", "Code (canonical)"),
    ("col.sheet", "Lembar", "Sheet"),
    ("col.cell", "Sel", "Cell"),
    ("col.original", "Isi asli", "Original"),
    ("col.new", "Nilai baru", "New value"),
    ("col.reason", "Alasan", "Reason"),
    ("col.severity", "Tingkat", "Severity"),
    ("col.rule", "Aturan", "Rule"),
    ("col.row-code", "Kode baris", "Row code"),
    ("col.uraian", "Uraian", "Description"),
    ("col.total", "Jumlah", "Total"),
    ("col.column", "Kolom", "Column"),
    ("col.expected", "Seharusnya", "Expected"),
    ("col.actual", "Tertulis", "Actual"),
    ("col.difference", "Selisih", "Difference"),
    ("col.root-cause", "Akar masalah", "Root cause"),
    ("col.caused-by", "Disebabkan oleh", "Caused by"),
    ("col.message", "Keterangan", "Message"),
    ("col.id", "ID", "ID"),
    ("severity.error", "kesalahan", "error"),
    ("severity.warning", "peringatan", "warning"),
    ("severity.info", "info", "info"),
    // --- batch ---
    ("batch.sheet.combined", "Gabungan", "Combined"),
    ("batch.col.file", "Berkas", "File"),
    ("batch.col.year", "Tahun", "Year"),
    ("batch.col.skpd", "SKPD", "SKPD"),
    ("batch.col.kind", "Jenis tabel", "Table kind"),
    ("batch.col.value", "Nilai", "Figure"),
    ("batch.col.reference", "Acuan", "Reference"),
    ("batch.col.against", "Selisih dengan acuan", "Difference from reference"),
    ("batch.col.status", "Status", "Status"),
    ("batch.col.run", "Proses", "Run"),
    ("batch.col.tables", "Tabel", "Tables"),
    ("batch.col.rows", "Baris data", "Data rows"),
    ("batch.col.formulas", "Rumus", "Formulas"),
    ("batch.col.errors", "Kesalahan", "Errors"),
    ("batch.col.warnings", "Peringatan", "Warnings"),
    ("batch.col.infos", "Info", "Info"),
    ("batch.col.rule", "Temuan {rule}", "Findings {rule}"),
    ("batch.col.seconds", "Waktu (detik)", "Time (s)"),
    ("batch.col.row", "Baris", "Row"),
    ("batch.col.level", "Tingkat", "Level"),
    ("batch.col.uraian", "Uraian", "Description"),
    ("batch.status.ok", "ok", "ok"),
    ("batch.status.findings", "ada temuan", "findings"),
    ("batch.internal", "{file}: kesalahan internal renja saat memproses berkas ini; berkas lain tetap diproses. Mohon laporkan beserta berkasnya.", "{file}: internal renja error while processing this file; the other files are still processed. Please report it with the file."),
    ("batch.status.error", "gagal", "error"),
    ("batch.status.skipped", "dilewati", "skipped"),
    ("batch.run.processed", "diproses", "processed"),
    ("batch.run.unchanged", "tidak berubah", "unchanged"),
    ("batch.skip.lock", "berkas kunci Excel/LibreOffice, bukan buku kerja", "an Excel/LibreOffice lock file, not a workbook"),
    ("batch.skip.extension", "bukan buku kerja ({ext})", "not a workbook ({ext})"),
    ("batch.skip.symlink", "tautan simbolik, tidak diikuti", "a symbolic link, not followed"),
    ("batch.progress.line", "[{done}/{total}] {file}: {status}", "[{done}/{total}] {file}: {status}"),
    ("batch.progress.error", "{file}: {message}", "{file}: {message}"),
    ("batch.summary", "{total} berkas: {ok} ok, {findings} ada temuan, {errors} gagal, {unchanged} tidak berubah (dilewati), {skipped} bukan buku kerja.", "{total} files: {ok} ok, {findings} with findings, {errors} failed, {unchanged} unchanged (skipped), {skipped} not workbooks."),
    ("batch.reconciled", "Rekonsiliasi antarberkas: {lines} baris (kode, angka dan tahun satu SKPD yang dimuat dua berkas atau lebih), {differing} berbeda: {errors} kesalahan, {warnings} peringatan.", "Reconciliation across files: {lines} lines (one SKPD's code, figure and year carried by two files or more), {differing} differ: {errors} errors, {warnings} warnings."),
    ("batch.unplaced", "{count} berkas tidak menyebut satu SKPD (judul, label Organisasi/SKPD, atau kode organisasi pada baris), jadi angkanya tidak dibandingkan dengan berkas lain (kolom SKPD kosong di ringkasan): {files}", "{count} files name no one SKPD (title, Organisasi/SKPD label, or organisation code on the rows), so their figures are not compared with other files' (empty SKPD column in the summary): {files}"),
    ("batch.output-in-input", "Folder keluaran {output} berada di dalam masukan {input}; folder itu tidak dibaca.", "The output folder {output} is inside the input {input}; it is not read."),
    ("batch.input-in-output", "Masukan {input} berada di dalam folder keluaran {output}. Pilih folder keluaran lain.", "The input {input} is inside the output folder {output}. Choose another output folder."),
    ("batch.no-input", "Masukan tidak ditemukan: {input}", "Input not found: {input}"),
    ("word.yes", "ya", "yes"),
    ("word.no", "tidak", "no"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_in_both_languages_with_arguments() {
        let m = Message::new("write.exists").arg("file", "out.xlsx");
        assert_eq!(m.render(Lang::Id), "out.xlsx sudah ada.");
        assert_eq!(m.render(Lang::En), "out.xlsx already exists.");
    }

    #[test]
    fn keys_are_unique_and_templates_balanced() {
        let mut keys: Vec<_> = CATALOGUE.iter().map(|(k, _, _)| *k).collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "duplicate catalogue key");
        for (key, id, en) in CATALOGUE {
            let holes = |t: &str| {
                let mut v: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|s| s.split('}').next().map(str::to_string))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(
                holes(id),
                holes(en),
                "placeholders differ between languages in {key}"
            );
        }
    }

    #[test]
    fn nested_messages_follow_the_language_of_the_whole() {
        let m = Message::new("code.malformed")
            .arg("text", "5.03.01.2")
            .arg_message("reason", Message::new("code.reason.incomplete-kegiatan"));
        assert!(
            m.render(Lang::En)
                .contains("kegiatan class without a kegiatan number"),
            "{}",
            m.render(Lang::En)
        );
        assert!(
            m.render(Lang::Id)
                .contains("kode kegiatan tanpa nomor kegiatan"),
            "{}",
            m.render(Lang::Id)
        );
    }

    #[test]
    fn figures_follow_the_language() {
        use std::str::FromStr;
        let m = Message::new("label.written").arg_number(
            "file",
            rust_decimal::Decimal::from_str("-9490000.00").unwrap(),
        );
        assert_eq!(m.render(Lang::Id), "Ditulis: -9.490.000,00");
        assert_eq!(m.render(Lang::En), "Written: -9,490,000.00");
    }

    #[test]
    fn indonesian_says_berkas_never_file() {
        for (key, id, _) in CATALOGUE {
            let words = fill(id, &[]);
            let words = words
                .split(['{', '}'])
                .step_by(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                !words
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("file")),
                "{key}: {id}"
            );
        }
    }

    #[test]
    fn unknown_placeholder_is_left_visible() {
        assert_eq!(fill("a {x} b", &[]), "a {x} b");
    }
}
