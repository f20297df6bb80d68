//! The whole pipeline on arbitrary bytes: sniffing, every reader, normalising, formulas,
//! tables, rules, every report format and the cleaned workbook with its self-check.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    renja_fuzz::run_pipeline("masukan.xlsx", data.to_vec());
});
