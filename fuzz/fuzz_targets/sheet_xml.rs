//! Mutated real samples: the input is the worksheet XML (and, after `<!--sst-->`, the
//! shared strings) of an otherwise valid xlsx built in memory, so mutations reach calamine's
//! cell reader and everything after it instead of dying on a zip CRC.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (sheet, sst) = renja_fuzz::split_sheet_input(data);
    let xlsx = renja_fuzz::xlsx_around(sheet, sst);
    renja_fuzz::run_pipeline("sampel.xlsx", xlsx);
});
