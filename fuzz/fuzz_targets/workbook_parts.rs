//! The workbook XML (sheets, visibility, defined names) and the styles XML (number formats,
//! cell formats) of an otherwise valid xlsx built in memory, separated by `<!--styles-->`
//! and seeded from the samples: mutations reach calamine's workbook and style parsers,
//! renja's own pass over workbook.xml (`read/xlsx_parts.rs`) and the formulas that use the
//! defined names, past the zip layer that random bytes rarely get through.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (workbook, styles) = renja_fuzz::split_at_mark(data, renja_fuzz::STYLES_MARK);
    let xlsx = renja_fuzz::xlsx_around_workbook(workbook, styles);
    renja_fuzz::run_pipeline("sampel.xlsx", xlsx);
});
