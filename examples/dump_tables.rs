//! Prints the tables renja finds in a workbook: per table its kind, column roles, the column
//! rules (printed in the numbering row or implied by the layout), the evidence for its row
//! hierarchy and whether that establishes the sums, each total row with the rows it adds up
//! (or why they cannot be told); then one line per row: kind, code (and where it came from),
//! parent, uraian. Shows why renja checked what it checked:
//! `cargo run --release --example dump_tables -- FILE [MAX_ROWS]`.

use std::path::PathBuf;

use renja::pipeline::{check_path, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect("usage: dump_tables FILE [MAX_ROWS]"));
    let max: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(40);
    let checked = match check_path(&path, &Options::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    for table in &checked.tables {
        println!(
            "== {} {}:{} rows={} width={:?}",
            table.sheet_name,
            table.range.start.a1(),
            table.range.end.a1(),
            table.rows.len(),
            table.sub_kegiatan_width
        );
        let spec = table.kind.spec();
        println!("   kind {:?}: {}", table.kind, spec.name);
        let s = &table.structure;
        // Table rows (indices) as the sheet numbers them.
        let sheet_rows =
            |rows: &[usize]| -> Vec<u32> { rows.iter().map(|&r| table.rows[r].row + 1).collect() };
        println!(
            "   evidence {:?}; sums {}",
            s.evidence,
            if s.established {
                "established: a parent that is not the sum of its rows is an error"
            } else {
                "not established: not checked"
            }
        );
        if let Some(code) = &table.named_above {
            println!(
                "   sub kegiatan named above the table: {}",
                code.canonical()
            );
        }
        if let Some(runs) = &s.runs_on {
            println!(
                "   runs on into the next table at {}: rows {:?} not summed here",
                runs.at.a1(),
                sheet_rows(&runs.rows)
            );
        }
        if !s.parent_above.is_empty() {
            println!(
                "   rows {:?} go on under the table above",
                sheet_rows(&s.parent_above)
            );
        }
        for t in &s.totals {
            println!(
                "   total row {} adds up rows {:?}{}",
                table.rows[t.row].row + 1,
                sheet_rows(&t.members),
                t.doubt
                    .map(|d| format!(", not checked: {d:?}"))
                    .unwrap_or_default()
            );
        }
        for rule in &table.column_rules {
            println!(
                "   rule {:?} {} (column {})",
                rule.source, rule.text, rule.target
            );
        }
        for c in &table.columns {
            println!(
                "   col {} {:?} money={} year={:?} {:?}",
                c.col, c.role, c.money, c.year, c.header
            );
        }
        for r in table.rows.iter().take(max) {
            println!(
                "   {:>5} {:?} {:<24} {:?} parent={:?} {:?}",
                r.row + 1,
                r.kind,
                r.code.as_ref().map(|c| c.canonical()).unwrap_or_default(),
                r.code_source,
                r.parent,
                r.uraian
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(40)
                    .collect::<String>()
            );
        }
    }
}
