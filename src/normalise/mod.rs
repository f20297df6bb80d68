//! The normalise stage: turns what staff typed into exact values — Indonesian-formatted
//! number text into `Decimal` (keeping the original text and its unit), budget codes into
//! their canonical form. Knows nothing of tables' arithmetic.

pub mod code;
pub mod number;
