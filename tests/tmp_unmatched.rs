use selaras::align::{AlignConfig, Aligner};
use selaras::segment::Lang;
use std::collections::HashMap;

#[test]
fn unmatched() {
    let al = Aligner::new(AlignConfig::default());
    let ev = al.evidence();
    for set in ["flores200_dev", "ud_pud_test", "ebible_ags_web_all"] {
        let base = format!("../shared/data/dev/{set}/units");
        let id = std::fs::read_to_string(format!("{base}.id")).unwrap();
        let en = std::fs::read_to_string(format!("{base}.en")).unwrap();
        let mut cid: HashMap<String, (u32, u32)> = HashMap::new();
        let mut cen: HashMap<String, (u32, u32)> = HashMap::new();
        let (mut ti, mut mi_, mut te, mut me_) = (0, 0, 0, 0);
        for (a, b) in id.lines().zip(en.lines()) {
            let pa = ev.prepare(a, Lang::Id);
            let pb = ev.prepare(b, Lang::En);
            let (mi, me) = ev.cover(&pa, &pb);
            for (k, it) in pa.items.iter().enumerate() {
                let e = cid.entry(format!("{}{}", if pa.num_mask >> k & 1 == 1 {"#"} else if pa.name_mask >> k & 1 == 1 {"@"} else {""}, it.token)).or_default();
                e.0 += 1; ti += 1;
                if mi >> k & 1 == 1 { e.1 += 1; mi_ += 1; }
            }
            for (k, it) in pb.items.iter().enumerate() {
                let e = cen.entry(format!("{}{}", if pb.num_mask >> k & 1 == 1 {"#"} else if pb.name_mask >> k & 1 == 1 {"@"} else {""}, it.token)).or_default();
                e.0 += 1; te += 1;
                if me >> k & 1 == 1 { e.1 += 1; me_ += 1; }
            }
        }
        println!("{set}: id items matched {:.3}, en items matched {:.3}", mi_ as f64 / ti as f64, me_ as f64 / te as f64);
        for (name, c) in [("id", &cid), ("en", &cen)] {
            let mut v: Vec<_> = c.iter().filter(|(w, (n, m))| (w.starts_with('#') || w.starts_with('@')) && *n >= 3 && (*m as f64) < 0.5 * *n as f64).collect();
            v.sort_by_key(|(_, (n, _))| std::cmp::Reverse(*n));
            let s: Vec<String> = v.iter().take(50).map(|(w, (n, m))| format!("{w}:{m}/{n}")).collect();
            println!("  {name} names/numbers rarely matched: {}", s.join(" "));
        }
    }
}
