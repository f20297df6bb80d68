//! Writes a large generated realisation workbook for benchmarks and manual trials:
//! `cargo run --release --example make_big -- OUT.xlsx [ROWS] [rusak]` (`rusak`: the flavour
//! with thousands of findings, see benches/support/realisation.rs).

#[path = "../benches/support/realisation.rs"]
mod realisation;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "realisasi-besar.xlsx".into());
    let rows = args.next().and_then(|r| r.parse().ok()).unwrap_or(100_000);
    let flavour = match args.next().as_deref() {
        Some("rusak" | "broken") => realisation::Flavour::Broken,
        _ => realisation::Flavour::Consistent,
    };
    let formulas = realisation::write_realisation(std::path::Path::new(&out), rows, flavour);
    println!("{out}: {rows} rows, {formulas} formulas");
}
