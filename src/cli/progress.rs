//! The progress bar of `batch` and `pair` on a terminal's standard error.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::Cell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// Steps of the bar each stage fills.
const STEPS: u64 = 1000;

/// A progress bar over the stages of a run (`learning`, `aligning`, ...) known in advance:
/// each fills its share of one bar, so the bar, its percentage and its ETA never go back when
/// a stage ends; the prefix names the stage. Without a total (a stream) it is a spinner
/// counting documents.
pub struct Bar {
    bar: ProgressBar,
    stages: Vec<&'static str>,
    stage: Cell<Option<usize>>,
    since: Cell<Instant>,
}

impl Bar {
    /// A bar over `stages` drawn with `template` (a spinner counting documents when `stages`
    /// is empty), or none when `quiet` or when standard error is not a terminal.
    pub fn new(quiet: bool, template: &str, stages: Vec<&'static str>) -> Option<Bar> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = Bar::drawn_to(ProgressDrawTarget::stderr(), stages);
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.bar.set_style(style.progress_chars("=> "));
        }
        Some(bar)
    }

    /// The bar over `stages` drawn to `target`.
    fn drawn_to(target: ProgressDrawTarget, stages: Vec<&'static str>) -> Bar {
        let bar = match stages.len() {
            0 => ProgressBar::new_spinner(),
            n => ProgressBar::new(STEPS * n as u64),
        };
        bar.set_draw_target(target);
        bar.set_prefix("reading");
        Bar {
            bar,
            stages,
            stage: Cell::new(None),
            since: Cell::new(Instant::now()),
        }
    }

    /// Show `done` of `total` in `stage`. A stage before the current one is ignored.
    pub fn show(&self, stage: &'static str, done: u64, total: u64) {
        let Some(k) = self.stages.iter().position(|&s| s == stage) else {
            // A spinner: the documents done.
            self.bar.set_prefix(stage);
            self.bar.set_position(done);
            return;
        };
        match self.stage.get() {
            Some(now) if now > k => return,
            Some(now) if now == k => {}
            _ => {
                self.stage.set(Some(k));
                self.since.set(Instant::now());
                self.bar.set_prefix(stage);
            }
        }
        let part = (done.min(total) * STEPS).checked_div(total).unwrap_or(0);
        let pos = k as u64 * STEPS + part;
        self.bar.set_position(pos.max(self.bar.position()));
    }

    /// Show `pairs` aligned in the current stage, and their rate once the stage has run a
    /// second (a rate over a few milliseconds means nothing).
    pub fn pairs(&self, pairs: u64) {
        let secs = self.since.get().elapsed();
        let msg = match secs >= Duration::from_secs(1) {
            true => format!(
                ", {}, {:.0} pairs/s",
                selaras::text::count(pairs, "pair"),
                pairs as f64 / secs.as_secs_f64()
            ),
            false => format!(", {}", selaras::text::count(pairs, "pair")),
        };
        self.bar.set_message(msg);
    }

    /// Clear the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_never_goes_back_and_shows_no_rate_in_its_first_second() {
        let bar = Bar::drawn_to(ProgressDrawTarget::hidden(), vec!["learning", "aligning"]);
        let mut last = 0;
        for (stage, done) in [
            ("learning", 0),
            ("learning", 5),
            ("learning", 10),
            ("aligning", 0),
        ] {
            bar.show(stage, done, 10);
            assert!(bar.bar.position() >= last, "{stage} {done}");
            last = bar.bar.position();
        }
        assert_eq!(bar.bar.position(), STEPS);
        assert_eq!(bar.bar.prefix(), "aligning");
        // A late report of the stage before changes nothing.
        bar.show("learning", 3, 10);
        assert_eq!(
            (bar.bar.position(), bar.bar.prefix().as_str()),
            (STEPS, "aligning")
        );
        bar.show("aligning", 10, 10);
        assert_eq!(bar.bar.position(), 2 * STEPS);
        bar.pairs(5000);
        assert_eq!(bar.bar.message(), ", 5000 pairs");
        // A total of 0 (an empty run) is no division by zero.
        bar.show("aligning", 0, 0);
    }
}
