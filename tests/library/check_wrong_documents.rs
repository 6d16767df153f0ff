//! Article pairs that are not translations of each other must stand out in the `check`
//! summary: on the development sets (skipped without ../shared), 5% of the documents get the
//! English of another document; how many of them are listed as suspect, and how many good
//! documents are?

use crate::common::{Rng, dev_dir, dev_sets};
use selaras::check::{CheckConfig, Pair, Summary, check_pairs};
use selaras::score::PairScorer;
use std::collections::{BTreeMap, HashSet};

#[test]
fn wrongly_paired_documents_stand_out() {
    let Some(dev) = dev_dir() else { return };
    let mut failures = Vec::new();
    for set in dev_sets(&dev) {
        // documents in order of appearance, with their unit indices
        let mut docs: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, d) in set.docs.iter().enumerate() {
            docs.entry(d.clone()).or_default().push(i);
        }
        let names: Vec<&String> = docs.keys().filter(|d| docs[*d].len() >= 3).collect();
        let mut rng = Rng(11);
        let mut order: Vec<usize> = (0..names.len()).collect();
        rng.shuffle(&mut order);
        let k = ((names.len() as f64 * 0.05).round() as usize).max(2);
        let wrong: Vec<&String> = order[..k].iter().map(|&i| names[i]).collect();
        let mut en = set.en.clone();
        for (w, a) in wrong.iter().enumerate() {
            // the English of the next wrong document (a cycle), repeated to length
            let b = &docs[wrong[(w + 1) % wrong.len()]];
            for (j, &u) in docs[*a].iter().enumerate() {
                en[u] = set.en[b[j % b.len()]].clone();
            }
        }
        let pairs: Vec<Pair> = (0..set.id.len())
            .map(|i| Pair {
                doc: set.docs[i].clone(),
                id: set.id[i].clone(),
                en: en[i].clone(),
                bead: "1-1".into(),
                ..Pair::default()
            })
            .collect();
        let checks = check_pairs(&pairs, &PairScorer::new(), &CheckConfig::default());
        let summary = Summary::build(&pairs, &checks);
        let suspect: HashSet<&str> = summary.suspect_docs.iter().map(String::as_str).collect();
        let found = wrong
            .iter()
            .filter(|d| suspect.contains(d.as_str()))
            .count();
        let wrong_set: HashSet<&str> = wrong.iter().map(|d| d.as_str()).collect();
        let good = names.len() - k;
        let false_alarms = names
            .iter()
            .filter(|d| !wrong_set.contains(d.as_str()) && suspect.contains(d.as_str()))
            .count();
        println!(
            "{:24} {} documents (>= 3 units), {} wrongly paired: {} found, {} of {} good ones listed",
            set.name,
            names.len(),
            k,
            found,
            false_alarms,
            good
        );
        if (found as f64) < 0.9 * k as f64 || false_alarms as f64 > 0.05 * good as f64 {
            failures.push(set.name.clone());
        }
    }
    assert!(
        failures.is_empty(),
        "wrong pairings not found well on {failures:?}"
    );
}
