//! Tokens of a text: words and numbers ([`tokenize`]), names and acronyms ([`is_name`]), and a
//! rough count of the sentences a text holds (`sentence_ends`).

/// A token of a text: its text and whether it is a number.
#[derive(Debug, PartialEq)]
pub struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// True for digits (with inner `.`/`,`).
    pub number: bool,
}

/// Chars of an English ordinal suffix (`st`, `nd`, `rd`, `th`, any case) right after a number
/// and not followed by a letter, or 0.
fn ordinal_len(rest: &[(usize, char)]) -> usize {
    let [(_, a), (_, b), ..] = rest else {
        return 0;
    };
    let suffix = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let ends = rest.get(2).is_none_or(|&(_, c)| !c.is_alphabetic());
    if ends && matches!(suffix, ('s', 't') | ('n', 'd') | ('r', 'd') | ('t', 'h')) {
        2
    } else {
        0
    }
}

/// Split a text into word and number tokens. Words are runs of letters (apostrophes inside
/// kept); numbers are runs of digits with `.`/`,` between digits (an ordinal keeps its
/// suffix). Everything else separates.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let b: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < b.len() {
        let (start, c) = b[k];
        if c.is_alphabetic() {
            let mut e = k + 1;
            while e < b.len()
                && (b[e].1.is_alphabetic()
                    || (matches!(b[e].1, '\'' | '’')
                        && e + 1 < b.len()
                        && b[e + 1].1.is_alphabetic()))
            {
                e += 1;
            }
            let end = if e < b.len() { b[e].0 } else { text.len() };
            out.push(Token {
                text: &text[start..end],
                number: false,
            });
            k = e;
        } else if c.is_ascii_digit() {
            let mut e = k + 1;
            while e < b.len()
                && (b[e].1.is_ascii_digit()
                    || (matches!(b[e].1, '.' | ',' | ':')
                        && e + 1 < b.len()
                        && b[e + 1].1.is_ascii_digit()))
            {
                e += 1;
            }
            // A clock time keeps its `a.m.`/`p.m.` (`7 p.m.`, `9:30am`).
            e += meridiem_len(&b[e..]);
            // An ordinal keeps its suffix (`20th`, `1st`): it is not a word of its own.
            e += ordinal_len(&b[e..]);
            let end = if e < b.len() { b[e].0 } else { text.len() };
            out.push(Token {
                text: &text[start..end],
                number: true,
            });
            k = e;
        } else {
            k += 1;
        }
    }
    out
}

/// Chars of an `a.m.`/`p.m.` marker (optionally after one space, dots optional, any case)
/// at the start of `rest`, or 0.
fn meridiem_len(rest: &[(usize, char)]) -> usize {
    let lower = |k: usize| rest.get(k).map(|&(_, c)| c.to_ascii_lowercase());
    let start = usize::from(lower(0) == Some(' '));
    if !matches!(lower(start), Some('a' | 'p')) {
        return 0;
    }
    let mut k = start + 1;
    if lower(k) == Some('.') {
        k += 1;
    }
    if lower(k) != Some('m') {
        return 0;
    }
    k += 1;
    if lower(k) == Some('.') {
        k += 1;
    }
    // Not the start of a longer word (`7 amp`, `5 pmol`).
    if rest.get(k).is_some_and(|&(_, c)| c.is_alphanumeric()) {
        return 0;
    }
    k
}

/// Indonesian clitics written capitalised when they refer to God (`-Nya`, `-Mu`, `-Ku`).
pub(super) fn is_clitic(word: &str) -> bool {
    matches!(
        word,
        "Nya" | "Mu" | "Ku" | "nya" | "mu" | "ku" | "lah" | "kah"
    )
}

/// True for a name or acronym token: capitalised and not at the start of the sentence, or
/// written in capitals (two letters or more).
pub fn is_name(word: &str, position: usize) -> bool {
    let mut chars = word.chars();
    let first = match chars.next() {
        Some(c) => c,
        None => return false,
    };
    if !first.is_uppercase() || is_clitic(word) {
        return false;
    }
    let n = word.chars().count();
    let all_caps = n >= 2 && word.chars().all(|c| !c.is_lowercase());
    all_caps || (position > 0 && n >= 2)
}

/// Sentence ends inside `text`: `.` `?` or `!` (with closing quotes and brackets) after a word in
/// lower case of two letters or more, a capitalised word of five or more, or a number, then a
/// space and a capital. A rough count, for texts given one per line that may hold several
/// sentences; abbreviations (`Dr.`, `U.S.`, `Jl.`, `Prof.`) are short and are not counted.
pub(super) fn sentence_ends(text: &str) -> u32 {
    let mut n = 0;
    let bytes = text.as_bytes();
    for (k, _) in bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| matches!(b, b'.' | b'?' | b'!'))
    {
        // The run of letters or digits just before: all lower case (two or more), capitalised
        // (five or more), or all digits.
        let word: Vec<char> = text[..k]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .take(32)
            .collect();
        let len = word.len();
        let lower = len >= 2 && word.iter().all(|c| c.is_lowercase());
        let titled = len >= 5
            && word[..len - 1].iter().all(|c| c.is_lowercase())
            && word[len - 1].is_uppercase();
        let digits = len >= 1 && word.iter().all(|c| c.is_ascii_digit());
        if !(lower || titled || digits) {
            continue;
        }
        // Then closing quotes or brackets, one space, and a capital (after any opening quote).
        let mut rest = text[k + 1..].trim_start_matches(['"', '”', '’', '\'', ')']);
        if rest.starts_with(['.', '?', '!']) {
            continue;
        }
        rest = match rest.strip_prefix(' ') {
            Some(r) => r,
            None => continue,
        };
        if rest
            .trim_start_matches(['"', '“', '‘', '\'', '('])
            .starts_with(char::is_uppercase)
        {
            n += 1;
        }
    }
    n
}
