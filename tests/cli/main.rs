//! The `selaras` binary run end to end, one module per command, on files under `tests/data`
//! and the bundled corpus.

#[path = "../common/mod.rs"]
mod common;

mod align;
mod batch;
mod check;
mod consistent;
mod eval;
mod export;
mod layout;
mod moved;
mod no_data_loss;
mod pair;
mod real;
mod recipes;
mod report;
mod report_browser;
mod score;
mod split;
