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
