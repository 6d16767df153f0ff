//! Document-level evidence through the pipeline entry point: the probability that two
//! documents translate each other, in every bead's score (`tests/data/real/`).

use crate::common::{read, test_data};
use selaras::language::Pairing;
use selaras::pipeline::Pipeline;

fn text(name: &str) -> String {
    read(test_data("real").join(name))
}

#[test]
fn a_translation_keeps_its_scores() {
    let a = Pipeline::default()
        .align(&text("banjir.id.txt"), &text("banjir.en.txt"))
        .unwrap();
    assert!(a.document.parallel());
    assert!(a.document.probability > 0.99, "{:?}", a.document);
    let f = a.document.features.as_ref().unwrap();
    assert!(f.supported > 0.8 && f.unpaired == 0.0, "{f:?}");
    assert!(a.beads.iter().all(|b| b.score > 0.9));
}

#[test]
fn another_articles_english_scores_every_bead_low() {
    let a = Pipeline::default()
        .align(&text("banjir.id.txt"), &text("guru.en.txt"))
        .unwrap();
    assert!(!a.document.parallel());
    assert!(a.document.probability < 0.01, "{:?}", a.document);
    assert!(
        a.document
            .describe()
            .unwrap()
            .starts_with("not a translation: ")
    );
    assert!(a.beads.iter().all(|b| b.score < 0.01));
    assert!(a.sentence_beads.iter().all(|b| b.score < 0.01));
}

#[test]
fn a_partly_translated_article_keeps_its_parallel_part() {
    let a = Pipeline::default()
        .align(&text("pasar.id.txt"), &text("pasar.en.txt"))
        .unwrap();
    assert!(a.document.parallel(), "{:?}", a.document);
    let paired: Vec<_> = a.beads.iter().filter(|b| !b.en.is_empty()).collect();
    assert_eq!(paired.len(), 5);
    assert!(paired.iter().all(|b| b.score > 0.9 && !b.id.is_empty()));
}

#[test]
fn sentences_given_swapped_are_aligned_the_right_way_round() {
    let lines =
        |s: String| -> Vec<String> { s.split("\n\n").map(|p| p.trim().to_string()).collect() };
    let (id, en) = (lines(text("guru.id.txt")), lines(text("guru.en.txt")));
    let a = Pipeline::default().align(&en, &id).unwrap();
    assert_eq!(a.document.languages.pairing, Pairing::Swapped);
    assert_eq!(a.id[0].text, id[0]);
    assert_eq!(a.en[0].text, en[0]);
    assert!(a.document.parallel() && a.beads.iter().all(|b| b.score > 0.9));
}
