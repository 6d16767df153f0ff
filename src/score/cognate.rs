//! Cognates: an orthographic form that maps English spelling and suffixes onto Indonesian ones
//! ([`cognate_form`]), compared by normalised Levenshtein similarity ([`cognates`]).

use unicode_normalization::UnicodeNormalization;

use crate::segment::Lang;

/// Least normalised Levenshtein similarity of two cognate forms.
pub const COGNATE_SIM: f64 = 0.72;

/// The orthographic form used to match cognates across the languages: accents removed,
/// English suffixes mapped to their Indonesian counterparts (-tion → -si, -ism → -isme,
/// -ity → -itas, -ical/-ic → -ik, -y → -i), then letters mapped (ph → f, th → t, ch → k, x → ks,
/// c → k or s, q → k, v → f, z → s, j → y, g before e/i/y → y) and doubled letters collapsed.
pub fn cognate_form(word: &str, lang: Lang) -> String {
    let w: String = if word.is_ascii() {
        word.chars()
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    } else {
        word.nfd()
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let mut w = w;
    if lang == Lang::En {
        const SUFFIXES: &[(&str, &str)] = &[
            ("ization", "isasi"),
            ("isation", "isasi"),
            ("ation", "asi"),
            ("tion", "si"),
            ("sion", "si"),
            ("ism", "isme"),
            ("ity", "itas"),
            ("ical", "is"),
            ("ics", "ika"),
            ("ic", "ik"),
            ("ive", "if"),
            ("ary", "er"),
            ("ogy", "ogi"),
            ("phy", "fi"),
            ("ist", "is"),
            ("y", "i"),
            ("e", ""),
        ];
        for (s, r) in SUFFIXES {
            if w.len() > s.len() + 2 && w.ends_with(s) {
                w.truncate(w.len() - s.len());
                w.push_str(r);
                break;
            }
        }
    }
    let b = w.as_bytes();
    let mut out = String::with_capacity(w.len() + 2);
    let mut k = 0;
    while k < b.len() {
        let c = b[k];
        let next = b.get(k + 1).copied();
        let (s, adv): (&str, usize) = match (c, next) {
            (b'p', Some(b'h')) => ("f", 2),
            (b't', Some(b'h')) => ("t", 2),
            (b'c', Some(b'h')) => ("k", 2),
            (b'c', Some(b'k')) => ("k", 2),
            (b'k', Some(b'h')) => ("k", 2),
            (b'x', _) => ("ks", 1),
            (b'c', Some(b'e' | b'i' | b'y')) => ("s", 1),
            (b'c', _) | (b'q', _) => ("k", 1),
            (b'v', _) => ("f", 1),
            (b'z', _) => ("s", 1),
            (b'j', _) => ("y", 1),
            // A soft g is written j in Indonesian (manajemen, manajer): both become y.
            (b'g', Some(b'e' | b'i' | b'y')) => ("y", 1),
            (b'y', _) if k + 1 == b.len() => ("i", 1),
            _ => ("", 0),
        };
        let piece: &str = if adv == 0 {
            k += 1;
            &w[k - 1..k]
        } else {
            k += adv;
            s
        };
        for ch in piece.chars() {
            if !out.ends_with(ch) {
                out.push(ch);
            }
        }
    }
    out
}

/// True when two cognate forms are similar enough (normalised Levenshtein: one minus the
/// edit distance over the longer form's length, as `strsim::normalized_levenshtein`).
/// Cognate forms are ASCII: compared byte by byte without allocating, and rejected without
/// the distance when their lengths alone differ too much (the distance is at least the
/// difference).
pub fn cognates(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::normalized_levenshtein(a, b) >= COGNATE_SIM;
    }
    let longest = a.len().max(b.len()) as f64;
    let similar = |distance: usize| 1.0 - distance as f64 / longest >= COGNATE_SIM;
    similar(a.len().abs_diff(b.len())) && similar(edit_distance(a.as_bytes(), b.as_bytes()))
}

/// Levenshtein distance of two byte strings: their common prefix and suffix set aside, one
/// row of the table on the stack (on the heap for a form longer than it holds).
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = (a.iter().rev().zip(b.iter().rev()))
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    if b.is_empty() {
        return a.len();
    }
    let mut stack = [0usize; 64];
    let mut heap = Vec::new();
    let row: &mut [usize] = if b.len() < stack.len() {
        &mut stack[..=b.len()]
    } else {
        heap.resize(b.len() + 1, 0);
        &mut heap
    };
    for (k, x) in row.iter_mut().enumerate() {
        *x = k;
    }
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (k, &cb) in b.iter().enumerate() {
            let up = row[k + 1];
            row[k + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[k] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte distance and its shortcuts decide as `strsim` does, on every pair of a set of
    /// forms with shared prefixes, shared suffixes, different lengths and empty ones.
    #[test]
    fn cognates_as_strsim_decides() {
        let words = [
            "",
            "a",
            "ab",
            "koordinasi",
            "kordinasi",
            "koordinator",
            "universitas",
            "uniferse",
            "hegemoni",
            "hegemonik",
            "filosofi",
            "filosof",
            "presiden",
            "president",
            "presidensial",
            "sekretaris",
            "sekretariat",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac",
            "é",
            "ée",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    cognates(a, b),
                    a == b || strsim::normalized_levenshtein(a, b) >= COGNATE_SIM,
                    "{a} / {b}"
                );
                if a.is_ascii() && b.is_ascii() {
                    let d = edit_distance(a.as_bytes(), b.as_bytes());
                    assert_eq!(d, strsim::levenshtein(a, b), "{a} / {b}");
                }
            }
        }
    }
}
