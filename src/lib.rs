//! renja: reads messy Indonesian Renja and budget-realisation workbooks, normalises numbers
//! and budget codes, recomputes formulas exactly, checks the tables' arithmetic and writes a
//! clean, formula-free, audited workbook.
//!
//! The pipeline, one module per stage: `read` → `normalise` → `formula` → `tables` → `rules`
//! → `report` / `write`. `pipeline` is the one place that chains them. Below the stages:
//! `model` (the workbook), `codes` (every kind of code the field writes), `vocabulary` (the
//! words of table headers), `numfmt` (numbers written the Indonesian way) and `messages`. `user_lists` reads a user's own
//! code list (`--nomenklatur`) through `read` into `codes::lists`.

pub mod atomic;
pub mod batch;
pub mod codes;
pub mod finding;
pub mod formula;
pub mod messages;
pub mod model;
pub mod normalise;
pub mod numfmt;
pub mod pipeline;
pub mod read;
pub mod report;
pub mod rules;
pub mod serve;
pub mod tables;
pub mod user_lists;
pub mod vocabulary;
pub mod write;
