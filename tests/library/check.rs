//! Bad input never panics: any text read as a pair table either fails with an error or goes
//! through check, summary and report.

use proptest::prelude::*;
use selaras::check::table::{Table, TableOptions};
use selaras::check::{CheckConfig, Columns, Summary, check_pairs, pairs_from_table};
use selaras::report::{ReportInput, write_html};
use selaras::score::PairScorer;

fn run(text: &str, quoted: bool) {
    let Ok(input) = selaras::text::decode("p.tsv", text.as_bytes().to_vec()) else {
        return;
    };
    let opts = TableOptions {
        quoted,
        ..TableOptions::default()
    };
    let Ok(table) = Table::parse(&input, opts) else {
        return;
    };
    let Ok(pairs) = pairs_from_table(&table, &Columns::default()) else {
        return;
    };
    let checks = check_pairs(&pairs, &PairScorer::new(), &CheckConfig::default());
    let summary = Summary::build(&pairs, &checks);
    let mut out = Vec::new();
    write_html(
        &mut out,
        &ReportInput {
            title: "t",
            pairs: &pairs,
            checks: &checks,
            summary: &summary,
        },
    )
    .unwrap();
    assert!(String::from_utf8(out).is_ok());
    for c in &checks {
        assert!((0.0..=1.0).contains(&c.score));
    }
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex("[a-zA-Z0-9 ,.\"\\\\\u{e9}\u{201c}-]{0,40}").unwrap(),
        Just("Rumah itu besar.".to_string()),
        Just("The house is big.".to_string()),
        Just("1,2".to_string()),
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_tables_never_panic(
        rows in proptest::collection::vec(proptest::collection::vec(field(), 1..8), 0..15),
        header in prop_oneof![
            Just("id\ten".to_string()),
            Just("doc\tid_idx\ten_idx\tbead\tscore\tid\ten".to_string()),
            Just("en\tid\tdoc".to_string()),
        ],
        quoted in any::<bool>(),
        fit in any::<bool>(),
    ) {
        let width = header.split('\t').count();
        let body: Vec<String> = rows
            .into_iter()
            .map(|mut r| {
                if fit {
                    r.resize(width, String::new());
                }
                r.join("\t")
            })
            .collect();
        let text = format!("{header}\n{}\n", body.join("\n"));
        run(&text, quoted);
    }
}

/// A document of the summary that looks like a wrong pairing for `why`.
fn suspect(doc: &str, why: &str) -> selaras::check::DocSummary {
    selaras::check::DocSummary {
        doc: doc.into(),
        pairs: 7,
        scored: 7,
        mean_score: 0.102,
        share_1_1: 1.0,
        share_empty: 0.0,
        share_flagged: 1.0,
        share_low: 0.5,
        suspect: Some(why.into()),
    }
}

#[test]
fn wrong_pairings_read_as_counts_and_give_the_mean_score_once() {
    let mut summary = Summary {
        pairs: 7,
        documents: 1,
        flagged: 7,
        clean_share: 0.0,
        mean_score: 0.102,
        flags: Default::default(),
        histogram: Vec::new(),
        beads: Default::default(),
        docs: vec![suspect("a", "mean score 0.10 against 0.80 for the corpus")],
        suspect_docs: vec!["a".into()],
    };
    let text = |s: &Summary| {
        let mut out = Vec::new();
        s.write_human(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let one = text(&summary);
    assert!(
        one.ends_with(
            "1 document looks like a wrong pairing:\n  \
             a: mean score 0.10 against 0.80 for the corpus (7 pairs)\n"
        ),
        "{one}"
    );
    summary
        .docs
        .push(suspect("b", "60% of its pairs score low"));
    summary.suspect_docs.push("b".into());
    let two = text(&summary);
    assert!(
        two.ends_with(
            "2 documents look like wrong pairings:\n  \
             a: mean score 0.10 against 0.80 for the corpus (7 pairs)\n  \
             b: 60% of its pairs score low (mean score 0.102, 7 pairs)\n"
        ),
        "{two}"
    );
}
