//! The mutation suite (issue 18): 1 040 seeded mutations of real-looking workbooks, 130 for
//! each format renja reads (xlsx, xlsm, xlsb, xls, ods, HTML, MHTML, CSV), each run through
//! the real binary under `prlimit --as=2GiB` and a 10 s limit. Every run must end with exit
//! 0, 1 or 2 — no panic, no abort, no signal, no hang — and a refusal (exit 2) must name the
//! file. Prints the cases per format, the worst peak RSS (sampled) and the worst time
//! (`cargo test --test hostile mutations -- --nocapture`).
//!
//! Mutations, from a seed per case: zero bytes spliced in (the .xls of issue 18), bytes
//! overwritten in place, bits flipped, the file cut short, a region copied elsewhere, a digit
//! run replaced by a huge or odd number (counts, sizes, spans), markup or separators put in.
//! For zip formats half the cases mutate one part inside and zip it again, so the damage
//! reaches the XML and BIFF12 readers instead of stopping at a checksum. One case in four
//! runs `clean`, the others `check`.
//!
//! Cost: about 1 040 short runs of the debug binary, spread over the cores.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::common::Workdir;

const CASES_PER_FORMAT: u64 = 130;
const ADDRESS_SPACE: &str = "--as=2147483648";
const LIMIT: Duration = Duration::from_secs(10);

/// SplitMix64: a small, seedable generator, so a failing case is replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999999999",
    "1048577",
    "16385",
    "65536",
    "2147483647",
    "1e308",
];

const SNIPPETS: &[&str] = &[
    "<td colspan=\"1000\" rowspan=\"65534\">x</td>",
    "<table><tr><td>",
    "</tr></table>",
    "<tr>",
    "\"",
    ";;;;;;;;",
    "=1+",
    "\0",
    "<![CDATA[",
    "&#xFFFFFFFF;",
    "<!--",
    "\r\n\r\n",
    "=SUM(A1:XFD1048576)*2",
];

/// One mutation of `bytes`, chosen by `rng`; returns its name.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    if bytes.is_empty() {
        bytes.push(0);
    }
    let at = rng.below(bytes.len());
    match rng.below(7) {
        0 => {
            let n = 1 + rng.below(400);
            bytes.splice(at..at, std::iter::repeat_n(0u8, n));
            "splice-zeros"
        }
        1 => {
            let n = 1 + rng.below(400);
            for b in bytes.iter_mut().skip(at).take(n) {
                *b = rng.next() as u8;
            }
            "overwrite"
        }
        2 => {
            for _ in 0..1 + rng.below(16) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            "flip-bits"
        }
        3 => {
            bytes.truncate(at.max(1));
            "truncate"
        }
        4 => {
            let len = 1 + rng.below(2048.min(bytes.len() - at));
            let chunk = bytes[at..at + len].to_vec();
            let to = rng.below(bytes.len());
            bytes.splice(to..to, chunk);
            "duplicate"
        }
        5 => {
            // A digit run, from a random place on, becomes an odd number.
            let start = (at..bytes.len()).find(|&i| bytes[i].is_ascii_digit());
            let Some(start) = start else {
                return mutate(bytes, rng);
            };
            let end = (start..bytes.len())
                .find(|&i| !bytes[i].is_ascii_digit())
                .unwrap_or(bytes.len());
            bytes.splice(start..end, rng.pick(NUMBERS).bytes());
            "number"
        }
        _ => {
            bytes.splice(at..at, rng.pick(SNIPPETS).bytes());
            "snippet"
        }
    }
}

/// The parts of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("seed zip");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().to_string(), content)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    super::zip_of(&parts)
}

/// The sample's realisation table as rows of fields: the seed of the hand-made xlsb and ods.
fn sample_rows() -> Vec<Vec<String>> {
    let csv = std::fs::read(sample_path("samples/realisasi-2023.csv")).unwrap();
    String::from_utf8_lossy(&csv)
        .lines()
        .map(|line| {
            line.split(';')
                .map(|field| {
                    // Indonesian figures as plain numbers, so the seed holds real numbers.
                    let plain = field.trim_start_matches("Rp. ").replace('.', "");
                    let plain = plain.replace(',', ".");
                    if plain.parse::<f64>().is_ok() && field.chars().any(|c| c.is_ascii_digit()) {
                        plain
                    } else {
                        field.to_string()
                    }
                })
                .collect()
        })
        .collect()
}

fn sample_path(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn sample(relative: &str) -> Vec<u8> {
    std::fs::read(sample_path(relative)).unwrap()
}

/// Each format renja reads: its extension and its seeds.
fn seeds() -> Vec<(&'static str, Vec<Vec<u8>>)> {
    let xlsx = vec![
        sample("samples/realisasi-2023.xlsx"),
        sample("samples/evaluasi-renja-2023.xlsx"),
        sample("samples/rencana-2025.xlsx"),
        sample("samples/realisasi-2023-teks.xlsx"),
    ];
    let xlsm = xlsx
        .iter()
        .take(2)
        .map(|book| {
            let mut parts = unzip(book);
            parts.push(("xl/vbaProject.bin".into(), vec![0xCC; 512]));
            rezip(&parts)
        })
        .collect();
    let rows = sample_rows();
    vec![
        ("xlsx", xlsx),
        ("xlsm", xlsm),
        ("xlsb", vec![super::xlsb::table_xlsb(&rows)]),
        (
            "xls",
            vec![sample("tests/fixtures/biff8-xlwt-realisasi.xls")],
        ),
        ("ods", vec![super::huge::table_ods(&rows)]),
        ("html", vec![sample("samples/realisasi-2023.html")]),
        ("xls", vec![sample("samples/realisasi-2023-mhtml.xls")]),
        ("csv", vec![sample("samples/realisasi-2023.csv")]),
    ]
}

/// The mutated file of case `case` of a format, from its seeds.
fn mutated(ext: &str, seeds: &[Vec<u8>], case: u64, rng: &mut Rng) -> (Vec<u8>, String) {
    let seed = &seeds[case as usize % seeds.len()];
    let zipped = matches!(ext, "xlsx" | "xlsm" | "xlsb" | "ods");
    if zipped && case % 2 == 1 {
        let mut parts = unzip(seed);
        let index = rng.below(parts.len());
        let mut how = Vec::new();
        for _ in 0..1 + rng.below(3) {
            how.push(mutate(&mut parts[index].1, rng));
        }
        let name = parts[index].0.clone();
        return (rezip(&parts), format!("{name}: {}", how.join("+")));
    }
    let mut bytes = seed.clone();
    let mut how = Vec::new();
    for _ in 0..1 + rng.below(3) {
        how.push(mutate(&mut bytes, rng));
    }
    (bytes, how.join("+"))
}

/// How one run ended.
struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    stderr: String,
    took: Duration,
    peak_rss_kib: u64,
    hung: bool,
}

/// Runs renja under the address-space cap. Its peak RSS is its `VmHWM`, sampled every
/// millisecond or two while it runs: `wait4`'s `ru_maxrss` would not do, since a child
/// started by `posix_spawn` (vfork) inherits the peak of the big test process it came from.
fn run(dir: &Path, args: &[&str]) -> Run {
    use std::os::unix::process::ExitStatusExt;
    let started = Instant::now();
    let mut child = Command::new("prlimit")
        .arg(ADDRESS_SPACE)
        .arg("--")
        .arg(super::renja_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn prlimit renja");
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        pipe.read_to_end(&mut text).ok();
        String::from_utf8_lossy(&text).into_owned()
    });
    let (mut hung, mut peak_rss_kib) = (false, 0);
    let status = loop {
        // prlimit execs renja in the same process: sample once it is renja.
        if let Some(kib) = renja_peak_rss_kib(child.id()) {
            peak_rss_kib = peak_rss_kib.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > LIMIT && !hung {
            hung = true;
            let _ = child.kill();
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    Run {
        code: status.code(),
        signal: status.signal(),
        stderr: reader.join().unwrap(),
        took: started.elapsed(),
        peak_rss_kib,
        hung,
    }
}

/// `VmHWM` of the process, once it runs renja.
fn renja_peak_rss_kib(pid: u32) -> Option<u64> {
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
    if comm.trim() != "renja" {
        return None;
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// What is wrong with a run, if anything.
fn verdict(run: &Run, name: &str) -> Option<String> {
    if run.hung {
        return Some(format!("hung past {LIMIT:?}"));
    }
    if let Some(signal) = run.signal {
        return Some(format!("killed by signal {signal}"));
    }
    if run.stderr.contains("panicked") || run.stderr.contains("memory allocation") {
        return Some("panic or failed allocation".into());
    }
    match run.code {
        Some(0 | 1) => None,
        Some(2) if run.stderr.contains(name) => None,
        Some(2) => Some("refused without naming the file".into()),
        other => Some(format!("exit {other:?}")),
    }
}

#[test]
fn a_thousand_mutations_over_every_format_end_cleanly() {
    let dir = Workdir::new();
    let mut cases = Vec::new();
    for (f, (ext, seeds)) in seeds().into_iter().enumerate() {
        let label = if f == 6 { "mhtml" } else { ext };
        // Every seed reads as it is: the mutations are what breaks it.
        for (i, seed) in seeds.iter().enumerate() {
            let name = format!("benih-{label}-{i}.{ext}");
            dir.write(&name, seed);
            let run = run(dir.root(), &["check", &name, "-q", "--lang", "en"]);
            assert!(
                matches!(run.code, Some(0 | 1)),
                "seed {name}: {:?}\n{}",
                run.code,
                run.stderr
            );
        }
        for case in 0..CASES_PER_FORMAT {
            let mut rng = Rng(((f as u64) << 32) | case);
            let (bytes, how) = mutated(ext, &seeds, case, &mut rng);
            let name = format!("mutasi-{label}-{case:03}.{ext}");
            dir.write(&name, &bytes);
            cases.push((label, name, how, case % 4 == 0));
        }
    }
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((label, name, how, clean)) = cases.get(i) else {
                    return;
                };
                let out = format!("{name}.bersih.xlsx");
                let args: Vec<&str> = if *clean {
                    vec!["clean", name, "-o", &out, "--force", "--lang", "en"]
                } else {
                    vec!["check", name, "-q", "--lang", "en"]
                };
                let run = run(dir.root(), &args);
                let problem = verdict(&run, name);
                results
                    .lock()
                    .unwrap()
                    .push((*label, name.clone(), how.clone(), run, problem));
            });
        }
    });
    let results = results.into_inner().unwrap();
    let mut per_format: std::collections::BTreeMap<&str, [usize; 3]> = Default::default();
    let mut failures = Vec::new();
    for (label, name, how, run, problem) in &results {
        let counts = per_format.entry(label).or_default();
        match run.code {
            Some(0 | 1) => counts[0] += 1,
            Some(2) => counts[1] += 1,
            _ => counts[2] += 1,
        }
        if let Some(problem) = problem {
            failures.push(format!(
                "{name} ({how}): {problem} after {:?}\n{}",
                run.took,
                run.stderr.lines().take(6).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    let worst_rss = results.iter().max_by_key(|r| r.3.peak_rss_kib).unwrap();
    let worst_time = results.iter().max_by_key(|r| r.3.took).unwrap();
    eprintln!("mutations: {} cases", results.len());
    for (label, [read, refused, other]) in &per_format {
        eprintln!("  {label}: {read} read, {refused} refused, {other} other");
    }
    eprintln!(
        "  worst peak RSS {} MiB ({}, {}); worst time {:.2?} ({}, {})",
        worst_rss.3.peak_rss_kib / 1024,
        worst_rss.1,
        worst_rss.2,
        worst_time.3.took,
        worst_time.1,
        worst_time.2
    );
    assert!(
        results.len() as u64 >= 8 * CASES_PER_FORMAT,
        "{} cases",
        results.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} mutations did not end cleanly:\n\n{}",
        failures.len(),
        results.len(),
        failures.join("\n\n")
    );
}
