//! Text inputs sniffed as HTML, MHTML or CSV (what budget apps "export to Excel"), seeded
//! from the samples, through the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    renja_fuzz::run_pipeline("ekspor.xls", data.to_vec());
});
