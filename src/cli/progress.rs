//! The progress bar of `batch` and `pair` on a terminal's standard error.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::Cell;
use std::io::IsTerminal;

/// A progress bar by stage (`reading`, `learning`, `aligning`, ...): each new stage starts
/// its count, rate and ETA again.
pub struct Bar {
    bar: ProgressBar,
    stage: Cell<&'static str>,
}

impl Bar {
    /// A bar of `total` steps drawn with `template` (a spinner when the total is unknown), or
    /// none when `quiet` or when standard error is not a terminal.
    pub fn new(quiet: bool, template: &str, total: Option<u64>) -> Option<Bar> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = match total {
            Some(n) => ProgressBar::new(n),
            None => ProgressBar::new_spinner(),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_prefix("reading");
        Some(Bar {
            bar,
            stage: Cell::new(""),
        })
    }

    /// Show `done` of `total` in `stage`.
    pub fn show(&self, stage: &'static str, done: u64, total: Option<u64>) {
        if self.stage.get() != stage {
            self.stage.set(stage);
            self.bar.reset();
            self.bar.set_prefix(stage);
        }
        if let Some(t) = total {
            self.bar.set_length(t);
        }
        self.bar.set_position(done);
    }

    /// The bar itself (its message, its elapsed time).
    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// Clear the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
