//! Writes a large generated realisation workbook for benchmarks and manual trials:
//! `cargo run --release --example make_big -- OUT.xlsx [ROWS]`.

#[path = "../benches/support/realisation.rs"]
mod realisation;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "realisasi-besar.xlsx".into());
    let rows = args.next().and_then(|r| r.parse().ok()).unwrap_or(100_000);
    let formulas = realisation::write_realisation(std::path::Path::new(&out), rows);
    println!("{out}: {rows} rows, {formulas} formulas");
}
