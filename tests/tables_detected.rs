//! Snapshots of the tables renja detects in every sample: range, header rows, numbering row
//! and its rules, each column's role, year and money flag, and the row kinds. A change in
//! table understanding shows up here in review.

use std::collections::BTreeMap;
use std::path::Path;

use renja::model::column_letters;
use renja::pipeline::{check_path, Options};
use serde_json::json;

fn detected(sample: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(sample);
    let checked =
        check_path(&path, &Options::default()).unwrap_or_else(|e| panic!("{sample}: {e}"));
    let tables: Vec<_> = checked
        .tables
        .iter()
        .map(|t| {
            let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
            for row in &t.rows {
                *kinds.entry(format!("{:?}", row.kind)).or_default() += 1;
            }
            let coded = t.rows.iter().filter(|r| r.code.is_some()).count();
            json!({
                "sheet": t.sheet_name,
                "range": t.range.a1(),
                "header_rows": t.header_rows.iter().map(|r| r + 1).collect::<Vec<_>>(),
                "numbering_row": t.numbering_row.map(|r| r + 1),
                "rules": t.column_rules.iter().map(|r| format!("{} → {}", r.text, column_letters(r.target))).collect::<Vec<_>>(),
                "columns": t.columns.iter().map(|c| format!(
                    "{} {}{}{}{}",
                    column_letters(c.col),
                    c.role.as_str(),
                    c.year.map(|y| format!(" {y}")).unwrap_or_default(),
                    if c.money { " (Rp)" } else { "" },
                    c.printed_number.as_ref().map(|n| format!(" [{n}]")).unwrap_or_default(),
                )).collect::<Vec<_>>(),
                "rows": kinds,
                "rows_with_code": coded,
            })
        })
        .collect();
    json!(tables)
}

macro_rules! snapshot {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            insta::assert_json_snapshot!(detected($file));
        }
    };
}

snapshot!(realisasi_2023, "realisasi-2023.xlsx");
snapshot!(realisasi_2023_teks, "realisasi-2023-teks.xlsx");
snapshot!(realisasi_2023_bersih, "realisasi-2023-bersih.xlsx");
snapshot!(evaluasi_renja_2023, "evaluasi-renja-2023.xlsx");
snapshot!(review_rkpd_2023, "review-rkpd-2023.xlsx");
snapshot!(rencana_2025, "rencana-2025.xlsx");
snapshot!(formula_kasus, "formula-kasus.xlsx");
