//! Clause pieces: where a sentence may be cut ([`clause_ends`], [`open_ends`]) and one side of a
//! window cut into pieces, with what the search reads of each ([`Side`]).

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use crate::score::{Evidence, Prepared};
use crate::segment::{Lang, Sentence};

use super::super::Aligner;
use super::super::model::{SentStat, paras_inside};
use super::ClauseParams;

/// Byte offsets inside `text` where a clause may end: just after `,` `;` `:`, a dash (`—`,
/// `–`), or `?` `!` `.` closing a quote, after any closing quotes, before white space, outside
/// brackets, with a letter or digit still to come.
pub fn clause_ends(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let closing = |c: char| matches!(c, '”' | '’' | '"' | '\'' | '»');
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        let punct = matches!(c, ',' | ';' | ':' | '—' | '–')
            || (matches!(c, '?' | '!' | '.') && chars.peek().is_some_and(|&(_, d)| closing(d)));
        if punct && depth == 0 {
            // Past the closing quotes and stops that follow; the next character is read
            // again by the loop.
            while chars
                .next_if(|&(_, d)| closing(d) || matches!(d, '?' | '!' | '.'))
                .is_some()
            {}
            if let Some(&(e, d)) = chars.peek()
                && d.is_whitespace()
                && text[e..].chars().any(char::is_alphanumeric)
            {
                out.push(e);
            }
        }
    }
    out
}

/// Byte offsets inside `text` where a sentence may end with no punctuation at all: before a
/// capitalised word that reads as a sentence opener ("… which it shares with Haiti Besides
/// white sand …", a unit whose final full stop is missing). The word must be a function word
/// (after any word but a function word), or a common word, one with an entry in the lexicon,
/// after a word in lower case (so that `Harvard Law School` or `dan Sekolah Hukum` are not cut);
/// after a closing double quote, any capitalised word (a quoted nickname, `Joko “Jokowi”
/// Widodo`, is a candidate too: the cut is only taken where the other side ends a sentence).
/// Outside brackets; never after punctuation (those are [`clause_ends`]).
pub fn open_ends(text: &str, lang: Lang, ev: &Evidence) -> Vec<usize> {
    let chunks: Vec<(usize, usize)> = crate::text::words(text)
        .into_iter()
        .map(|(s, w)| (s, s + w.len()))
        .collect();
    let stop = |w: &str| crate::lexicon::is_stop(w, lang);
    let mut out = Vec::new();
    let mut depth = 0i32;
    for pair in chunks.windows(2) {
        let (p, n) = (&text[pair[0].0..pair[0].1], &text[pair[1].0..pair[1].1]);
        for c in p.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        let word = n
            .trim_start_matches(['"', '“', '‘', '\''])
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let mut cs = word.chars();
        let titled = cs.next().is_some_and(char::is_uppercase)
            && (cs.clone().next().is_some() || (lang == Lang::En && word == "A"))
            && cs.all(char::is_lowercase);
        let ends_word = p
            .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
            .ends_with(char::is_alphanumeric);
        if depth > 0 || !titled || !ends_word {
            continue;
        }
        // After a closing double quote any capitalised word may open the next sentence (`…
        // permanent resident "green card" Hsieh implied …`).
        if p.ends_with(['"', '”']) {
            out.push(pair[0].1);
            continue;
        }
        let pw = p
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if pw.is_empty() || stop(&pw) {
            continue;
        }
        let lower = word.to_lowercase();
        let after_lower = p
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if stop(&lower) || (after_lower && ev.is_common_word(&lower, lang)) {
            out.push(pair[0].1);
        }
    }
    out
}

/// A sentence cut at each of its clause ends ([`clause_ends`]): the pieces, trimmed, with
/// their byte spans in the input text.
pub fn clause_pieces(s: &Sentence) -> Vec<Sentence> {
    pieces_at(&s.text, &clause_ends(&s.text))
        .into_iter()
        .map(|(r, _)| s.part(r.start, r.end))
        .collect()
}

/// `text` cut at the byte offsets `cuts` (ascending): the bytes of each non-empty piece,
/// trimmed, with the index in `cuts` of the cut that ends it (`cuts.len()` for the end).
fn pieces_at(text: &str, cuts: &[usize]) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (k, &c) in cuts.iter().chain([&text.len()]).enumerate() {
        let piece = &text[from..c];
        let lead = piece.len() - piece.trim_start().len();
        let len = piece.trim().len();
        if len > 0 {
            out.push((from + lead..from + lead + len, k));
        }
        from = c;
    }
    out
}

/// One side of a document cut into clause pieces.
pub(super) struct Side {
    /// Per piece: its bytes in the text of the sentence it comes from.
    pieces: Vec<Range<usize>>,
    /// Per piece: it ends with a comma.
    comma: Vec<bool>,
    /// Per piece: the sentence it comes from.
    from: Vec<usize>,
    /// Per boundary (0..=pieces; boundary b lies before piece b): a sentence boundary.
    pub(super) strong: Vec<bool>,
    /// Per boundary: a sentence end without punctuation ([`open_ends`]).
    open: Vec<bool>,
    pub(super) prep: Vec<Prepared>,
    pub(super) stat: Vec<SentStat>,
    /// Per boundary: the lowest and highest bead of the sentence alignment it touches.
    pub(super) bead: Vec<(usize, usize)>,
    /// Characters before each boundary.
    pub(super) chars: Vec<f64>,
    /// Per piece: `dup[x][d - 1]`, its items whose token occurs in one of the `d` pieces
    /// before it (up to [`DUP_REACH`]).
    dups: Vec<Vec<u128>>,
}

/// How many pieces back a repeated token is looked for.
const DUP_REACH: usize = 24;

/// Per piece, `dup[d - 1]`: its items whose token occurs in one of the `d` pieces before it
/// (up to [`DUP_REACH`]).
fn repeated_tokens(prep: &[Prepared]) -> Vec<Vec<u128>> {
    // The last piece each token was seen in.
    let mut seen: HashMap<&str, usize> = HashMap::default();
    prep.iter()
        .enumerate()
        .map(|(x, p)| {
            let mut by_dist = vec![0u128; DUP_REACH.min(x)];
            for (k, item) in p.items.iter().enumerate() {
                if let Some(&last) = seen.get(item.token())
                    && x - last <= by_dist.len()
                {
                    by_dist[x - last - 1] |= 1u128 << k;
                }
            }
            for item in &p.items {
                seen.insert(item.token(), x);
            }
            for d in 1..by_dist.len() {
                by_dist[d] |= by_dist[d - 1];
            }
            by_dist
        })
        .collect()
}

impl Side {
    /// `sent_prep`: the sentences prepared; `sent_bead`: the bead of each sentence; `beads`:
    /// how many there are; `next_para`: the paragraph of the sentence after the last;
    /// `use_para`: whether paragraph ends count (as for the sentence aligner); `params`:
    /// whether sentences are cut where they end without punctuation too (`open`,
    /// [`open_ends`]), and above how many pieces a sentence is kept whole (`sentence_pieces`).
    pub(super) fn new(
        al: &Aligner,
        (sents, sent_prep): (&[Sentence], &[Prepared]),
        lang: Lang,
        (sent_bead, beads): (&[usize], usize),
        next_para: Option<usize>,
        use_para: bool,
        params: &ClauseParams,
    ) -> Side {
        let mut pieces = Vec::new();
        let mut comma = Vec::new();
        let mut from = Vec::new();
        let mut strong = vec![true];
        let mut open = vec![false];
        for (k, s) in sents.iter().enumerate() {
            // Clause ends, and sentence ends without punctuation (`true`).
            let mut cuts: Vec<(usize, bool)> = clause_ends(&s.text)
                .into_iter()
                .map(|c| (c, false))
                .collect();
            if params.open {
                cuts.extend(
                    open_ends(&s.text, lang, al.evidence())
                        .into_iter()
                        .map(|c| (c, true)),
                );
                cuts.sort_unstable();
                cuts.dedup_by_key(|c| c.0);
            }
            let at: Vec<usize> = cuts.iter().map(|c| c.0).collect();
            let mut ps = pieces_at(&s.text, &at);
            if ps.is_empty() || ps.len() > params.sentence_pieces {
                // A list of hundreds of items is not cut: the search would grow with its square.
                ps = vec![(0..s.text.len(), cuts.len())];
            }
            for (p, k_end) in ps {
                comma.push(s.text[..p.end].ends_with(','));
                pieces.push(p);
                from.push(k);
                strong.push(false);
                open.push(cuts.get(k_end).is_some_and(|c| c.1));
            }
            if let Some(last) = strong.last_mut() {
                *last = true;
            }
        }
        let n = pieces.len();
        // A sentence of one piece is prepared already.
        let prep: Vec<Prepared> = pieces
            .iter()
            .enumerate()
            .map(|(x, p)| {
                let text = &sents[from[x]].text;
                if strong[x] && strong[x + 1] && p.len() == text.len() {
                    sent_prep[from[x]].clone()
                } else {
                    // A piece after a sentence end without punctuation opens a sentence.
                    al.evidence()
                        .prepare_part(&text[p.clone()], lang, !strong[x] && !open[x])
                }
            })
            .collect();
        let mut stat: Vec<SentStat> = (0..n)
            .map(|x| {
                let k = from[x];
                let next = sents.get(k + 1).map(|s| s.para).or(next_para);
                let para_end = use_para && strong[x + 1] && next != Some(sents[k].para);
                SentStat::new(&prep[x], para_end)
            })
            .collect();
        SentStat::rank_paras(&mut stat);
        // The first and last boundaries reach the first and last bead, so that unpaired
        // sentences of the other side at either end stay within reach.
        let bead = (0..=n)
            .map(|b| {
                let before = if b > 0 { sent_bead[from[b - 1]] } else { 0 };
                let after = if b < n {
                    sent_bead[from[b]]
                } else {
                    beads.saturating_sub(1)
                };
                (before.min(after), before.max(after))
            })
            .collect();
        let mut chars = vec![0.0];
        for st in &stat {
            chars.push(chars[chars.len() - 1] + st.chars);
        }
        let dups = repeated_tokens(&prep);
        Side {
            pieces,
            comma,
            from,
            strong,
            open,
            prep,
            stat,
            bead,
            chars,
            dups,
        }
    }

    /// The items of piece `x` whose token occurs in the `back` pieces before it.
    pub(super) fn dup(&self, x: usize, back: usize) -> u128 {
        match back.min(self.dups[x].len()) {
            0 => 0,
            d => self.dups[x][d - 1],
        }
    }

    pub(super) fn len(&self) -> usize {
        self.pieces.len()
    }

    /// Paragraph ends inside pieces `a..b` (before the last), as the sentence model counts them.
    pub(super) fn inside_paras(&self, a: usize, b: usize) -> u32 {
        paras_inside(&self.stat[a..b])
    }

    /// Sentences touched by pieces `a..b`.
    pub(super) fn touched(&self, a: usize, b: usize) -> usize {
        if b <= a {
            0
        } else {
            self.from[b - 1] - self.from[a] + 1
        }
    }

    /// Where a bead side starting at boundary `a` may end (into `out`): at every sentence
    /// boundary within three sentences, and inside a sentence within two sentences and `max`
    /// pieces (a partial bead over three sentences changed no dev figure).
    pub(super) fn ends_into(&self, a: usize, max: usize, out: &mut Vec<usize>) {
        out.clear();
        out.extend(
            (a + 1..=self.len())
                .take_while(|&b| self.touched(a, b) <= 3)
                .filter(|&b| self.strong[b] || (b - a <= max && self.touched(a, b) <= 2)),
        );
    }

    /// Where a part of a sentence starting at boundary `a` may end when it is left unpaired:
    /// at each clause end of the sentence from its start, or at the sentence's end from a clause
    /// end (a whole sentence is left unpaired elsewhere).
    pub(super) fn parts_from(&self, a: usize) -> std::ops::Range<usize> {
        let end = self.next_strong(a);
        match self.strong[a] {
            true => a + 1..end,
            false => end..end + 1,
        }
    }

    /// The cost of a bead boundary at each piece boundary: nothing at a sentence boundary,
    /// `cut` after a comma, `cut_strong` after another clause end.
    pub(super) fn cuts(&self, params: &ClauseParams) -> Vec<f64> {
        (0..=self.len())
            .map(|b| match self.strong[b] {
                true => 0.0,
                false if self.open[b] => params.cut_open,
                false if self.comma[b - 1] => params.cut,
                false => params.cut_strong,
            })
            .collect()
    }

    /// The next sentence boundary after `a`.
    pub(super) fn next_strong(&self, a: usize) -> usize {
        (a + 1..=self.len())
            .find(|&b| self.strong[b])
            .unwrap_or(self.len())
    }

    /// The pieces `range` joined into segments, one per sentence they come from, each with
    /// its sentence's index when it is all of it.
    pub(super) fn join(
        &self,
        range: std::ops::Range<usize>,
        sents: &[Sentence],
    ) -> Vec<(Sentence, Option<usize>)> {
        let mut out = Vec::new();
        let mut x = range.start;
        while x < range.end {
            let k = self.from[x];
            let mut y = x;
            while y + 1 < range.end && self.from[y + 1] == k {
                y += 1;
            }
            let s = &sents[k];
            if self.strong[x] && self.strong[y + 1] {
                out.push((s.clone(), Some(k)));
            } else {
                out.push((s.part(self.pieces[x].start, self.pieces[y].end), None));
            }
            x = y + 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{sentences, side_of};
    use super::*;
    use crate::align::several_per_paragraph;

    /// [`clause_ends`] as first written, over the text's characters collected: the one it
    /// must agree with.
    fn clause_ends_by_index(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut depth = 0i32;
        let b: Vec<(usize, char)> = text.char_indices().collect();
        let closing = |c: char| matches!(c, '”' | '’' | '"' | '\'' | '»');
        let mut k = 0;
        while k < b.len() {
            let c = b[k].1;
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = (depth - 1).max(0),
                _ => {}
            }
            let punct = matches!(c, ',' | ';' | ':' | '—' | '–')
                || (matches!(c, '?' | '!' | '.') && b.get(k + 1).is_some_and(|&(_, d)| closing(d)));
            if punct && depth == 0 {
                let mut e = k + 1;
                while e < b.len() && (closing(b[e].1) || matches!(b[e].1, '?' | '!' | '.')) {
                    e += 1;
                }
                if e < b.len()
                    && b[e].1.is_whitespace()
                    && b[e..].iter().any(|&(_, d)| d.is_alphanumeric())
                {
                    out.push(b[e].0);
                }
                k = e;
                continue;
            }
            k += 1;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn clause_ends_as_by_index(t in "[a-c1 ,;:.?!()\\[\\]\"'”’»—–é]{0,40}") {
            proptest::prop_assert_eq!(clause_ends(&t), clause_ends_by_index(&t));
        }
    }

    #[test]
    fn open_ends_found_before_sentence_openers() {
        let ev = Evidence::bundled();
        let cut = |t: &str, lang| -> Vec<String> {
            open_ends(t, lang, &ev)
                .iter()
                .map(|&k| t[..k].to_string())
                .collect()
        };
        let t = "It occupies half of the island, which it shares with Haiti Besides white sand \
                 beaches, the country is home to the oldest city";
        assert_eq!(
            cut(t, Lang::En),
            vec![t[..t.find(" Besides").unwrap()].to_string()]
        );
        let t = "Foton lebih kecil dari atom Setelah ratusan jam filamen bohlam terbakar";
        assert_eq!(
            cut(t, Lang::Id),
            vec!["Foton lebih kecil dari atom".to_string()]
        );
        // Names go on: after a capitalised word, after a function word, in brackets.
        for t in [
            "Ma belajar di Universitas New York dan Sekolah Hukum Harvard",
            "He studied at Harvard Law School and once held a card",
            "the office of Vice President Mike Pence (in Bahasa Indonesia)",
        ] {
            let lang = if t.contains(" di ") {
                Lang::Id
            } else {
                Lang::En
            };
            assert!(cut(t, lang).is_empty(), "{t}: {:?}", cut(t, lang));
        }
        // After a closing quote, a name too; not before a word in lower case.
        let t = "pernah memegang status penduduk tetap Amerika: \"green card\" Hsieh menyiratkan";
        assert!(cut(t, Lang::Id).contains(&t[..t.find(" Hsieh").unwrap()].to_string()));
        let t = "film “Laskar Pelangi” karya Andrea Hirata";
        assert!(
            !cut(t, Lang::Id).iter().any(|c| c.ends_with('”')),
            "{:?}",
            cut(t, Lang::Id)
        );
    }

    #[test]
    fn clause_ends_found() {
        let t = "He set him on the temple, and said to him, “If you are (a, b) the Son.” Then.";
        let e = clause_ends(t);
        let cut: Vec<&str> = e.iter().map(|&k| &t[..k]).collect();
        assert_eq!(
            cut,
            vec![
                "He set him on the temple,",
                "He set him on the temple, and said to him,",
                "He set him on the temple, and said to him, “If you are (a, b) the Son.”"
            ]
        );
        assert!(clause_ends("Harga naik 1,5 persen.").is_empty());
        assert_eq!(clause_ends("“Why?” Jesus said."), vec!["“Why?”".len()]);
        // A dash between words ends a clause; one inside a word or a range does not.
        let t = "Ia sedang berdoa — lalu mereka datang pada 2010–2015.";
        assert_eq!(clause_ends(t), vec!["Ia sedang berdoa —".len()]);
    }

    #[test]
    fn a_token_repeated_in_an_earlier_piece_is_marked() {
        let al = Aligner::default();
        let id = sentences(Lang::Id, "Harga beras naik, harga gula naik. Gula mahal.");
        let side = side_of(&al, &id, Lang::Id, (&[0, 1], 2), true);
        assert_eq!(side.len(), 3);
        let tokens = |x: usize, mask: u128| -> Vec<String> {
            let items = &side.prep[x].items;
            (0..items.len())
                .filter(|&k| mask >> k & 1 == 1)
                .map(|k| items[k].token().to_string())
                .collect()
        };
        assert_eq!(side.dup(0, 5), 0);
        assert_eq!(tokens(1, side.dup(1, 1)), vec!["harga", "naik"]);
        // "gula" is in the piece before; in a bead starting at piece 2 nothing repeats.
        assert_eq!(tokens(2, side.dup(2, 1)), vec!["gula"]);
        assert_eq!(side.dup(2, 0), 0);
    }

    #[test]
    fn paragraph_ends_count_only_where_the_aligner_uses_them() {
        let al = Aligner::default();
        let id = sentences(
            Lang::Id,
            "Harga naik, gula naik.\n\nBeras murah. Minyak turun.",
        );
        let ends = |use_para| -> Vec<bool> {
            let side = side_of(&al, &id, Lang::Id, (&[0, 1, 2], 3), use_para);
            side.stat.iter().map(|s| s.para_end).collect()
        };
        // Pieces: "Harga naik," "gula naik." | "Beras murah." "Minyak turun." (document end).
        assert_eq!(ends(true), vec![false, true, false, true]);
        assert_eq!(ends(false), vec![false; 4]);
        assert!(several_per_paragraph(&[0, 1, 1]));
        assert!(!several_per_paragraph(&[0, 1, 2]));
    }

    #[test]
    fn a_long_list_is_not_cut() {
        let al = Aligner::default();
        let list: Vec<String> = (0..40).map(|k| format!("apel {k}")).collect();
        let id = sentences(
            Lang::Id,
            &format!("Daftar: {}. Harga naik, lalu turun.", list.join(", ")),
        );
        let side = side_of(&al, &id, Lang::Id, (&[0, 0], 1), true);
        assert_eq!(side.len(), 3);
        assert_eq!(side.pieces[0], 0..id[0].text.len());
    }
}
