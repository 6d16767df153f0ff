//! `selaras pair` through its library entry point ([`selaras::job::pair::run`]), as the
//! binary calls it: the progress stages in order, the progress bar's cue before any output,
//! the summary in the caller's writer, the outcome that sets the exit code.

use crate::common::{corpus, test_data};
use selaras::job::pair::{Job, WRITING, run};
use std::cell::RefCell;

#[test]
fn the_job_reports_progress_then_writes_and_returns_the_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let (id, en) = (dir.path().join("id"), dir.path().join("en"));
    for side in [&id, &en] {
        std::fs::create_dir(side).unwrap();
    }
    for f in ["dengue.id.txt", "seed.id.txt"] {
        std::fs::copy(corpus(f), id.join(f)).unwrap();
    }
    for f in ["dengue.en.txt", "seed.en.txt"] {
        std::fs::copy(corpus(f), en.join(f)).unwrap();
    }
    std::fs::copy(test_data("pair/id/kosong.txt"), id.join("kosong.txt")).unwrap();
    let out = dir.path().join("pairs.tsv");
    let job = Job {
        id_input: id,
        en_input: en,
        output: Some(out.clone()),
        unpaired: None,
        min_score: 0.3,
        jobs: 1,
        lexicon: None,
        candidates: None,
        quiet: false,
    };
    // Each report, and whether the manifest was there when it came.
    let seen = RefCell::new(Vec::new());
    let progress = |p: selaras::pair::Progress| seen.borrow_mut().push((p.stage, out.exists()));
    let mut messages = Vec::new();
    let outcome = run(&job, &mut messages, &progress).unwrap();

    assert_eq!((outcome.pairs.len(), outcome.failed()), (2, 1));
    let manifest = std::fs::read_to_string(&out).unwrap();
    assert_eq!(manifest.lines().count(), 3, "{manifest}");
    assert!(dir.path().join("pairs.tsv.unpaired.tsv").exists());
    let seen = seen.into_inner();
    let mut stages: Vec<&str> = seen.iter().map(|s| s.0).collect();
    stages.dedup();
    assert_eq!(
        stages,
        ["reading", "searching", "scoring", "aligning", WRITING]
    );
    // The last report (where a bar clears) comes once, before the manifest appears.
    assert_eq!(seen.iter().filter(|s| s.0 == WRITING).count(), 1);
    assert!(seen.iter().all(|s| !s.1), "{seen:?}");
    let messages = String::from_utf8(messages).unwrap();
    assert!(
        messages.starts_with("selaras pair: 3 Indonesian x 2 English documents, 2 pairs"),
        "{messages}"
    );
    let listed = dir.path().join("pairs.tsv.unpaired.tsv");
    let last = format!(
        "selaras pair: unusable documents, and those left without a partner, are listed in {}\n",
        listed.display()
    );
    assert!(messages.ends_with(&last), "{messages}");

    // Quiet: no message; a bad option fails before any output is opened.
    let quiet = Job {
        quiet: true,
        ..job.clone()
    };
    let mut messages = Vec::new();
    run(&quiet, &mut messages, &|_| {}).unwrap();
    assert!(messages.is_empty());
    let bad = Job {
        min_score: 2.0,
        output: Some(dir.path().join("never.tsv")),
        ..job
    };
    let err = run(&bad, &mut Vec::new(), &|_| {}).unwrap_err();
    assert_eq!(err.to_string(), "--min-score must be between 0 and 1");
    assert!(!dir.path().join("never.tsv").exists());
}
