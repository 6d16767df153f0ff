//! Numbers compared across conventions: digits with either decimal mark (`12,5` / `12.5`,
//! `1.250` / `1,250`), number words and scales (`dua juta` / `two million`), clock times.

use crate::segment::Lang;

/// The clock times a token may denote, as `t<hour>:<minutes>` on a 24-hour clock:
/// `19.00`, `19:00`, `7:00 p.m.`, `7 pm`, `9.30 a.m.`. Without a marker, `19.00`/`19:00` is
/// that time, and in English a time up to 12 is also read as the afternoon one (`7:30` may
/// be 19:30; Indonesian writes the 24-hour clock). Empty when the token is no time.
pub fn time_values(token: &str, lang: Lang) -> Vec<String> {
    let t = token.to_ascii_lowercase();
    let digits_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(t.len());
    let (clock, marker) = t.split_at(digits_end);
    let clock = clock.trim_end_matches('.');
    let pm = marker.contains('p');
    let has_marker = marker.contains('m');
    let (h, m) = match clock.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        None if has_marker => (clock, "00"),
        _ => return Vec::new(),
    };
    let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>()) else {
        return Vec::new();
    };
    if h > 24 || m > 59 || h.to_string().len() > 2 {
        return Vec::new();
    }
    let mut hours = Vec::new();
    if has_marker {
        if h == 0 || h > 12 {
            return Vec::new();
        }
        hours.push(match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        });
    } else {
        hours.push(h);
        if lang == Lang::En && (1..12).contains(&h) {
            hours.push(h + 12);
        }
    }
    hours.into_iter().map(|h| format!("t{h}:{m:02}")).collect()
}

/// The numeric values a number token may denote, as canonical strings, given the language's
/// conventions: Indonesian `1.250` = 1250 and `12,5` = 12.5; English `1,250` = 1250 and
/// `12.5` = 12.5. Ambiguous forms give both readings. `scale` multiplies (juta = 10⁶ ...).
/// A token that may be a clock time also gets its [`time_values`] (`19.00` = `7 p.m.`); a
/// token with `:` or an `a.m.`/`p.m.` marker is read as a time only.
pub fn number_values(token: &str, lang: Lang, scale: f64) -> Vec<String> {
    let times = time_values(token, lang);
    let marker = token.ends_with(|c: char| c.is_alphabetic() || c == '.');
    if token.contains(':') || marker {
        if !times.is_empty() {
            let mut out = times;
            // `5am` = `pukul 5 pagi`: the hour of a whole hour is also a plain number.
            let clock: String = token
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ':' | '.'))
                .collect();
            let hour = clock.split([':', '.']).next().unwrap_or("");
            if matches!(&clock[hour.len()..], "" | ":00" | ".00") {
                let hour = hour.trim_start_matches('0');
                out.push(if hour.is_empty() { "0" } else { hour }.to_string());
            }
            return out;
        }
        // `3:16` (a verse) or a marker that did not make a time: the numbers as written.
        let plain: String = token
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ','))
            .collect();
        let plain = plain.trim_end_matches('.');
        return plain
            .split(':')
            .flat_map(|part| number_values(part, lang, 1.0))
            .collect();
    }
    let (group, decimal) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = times;
    let mut push = |s: String| {
        if let Ok(v) = s.parse::<f64>() {
            for x in [v, v * scale] {
                let c = canon_number(x);
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    };
    // The token read with `group` as the thousands separator and `point` as the decimal one.
    let reading = |group: char, point: char| -> String {
        token
            .chars()
            .filter(|&c| c != group)
            .map(|c| if c == point { '.' } else { c })
            .collect()
    };
    // The language's own reading, then the other convention when the token has a separator
    // (texts mix conventions).
    push(reading(group, decimal));
    if token.contains(['.', ',']) {
        push(reading(decimal, group));
    }
    out
}

pub(super) fn canon_number(x: f64) -> String {
    let s = format!("{:.4}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The value of a number word: (value, kind) with kind 0 = a value (`dua`, `twelve`, `forty`,
/// `seratus`), 1 = multiplies what precedes (`puluh`, `ratus`, `hundred`), 2 = closes a group
/// (`ribu`, `juta`, `thousand`, `million` …), 3 = `belas` (adds ten).
fn number_word(w: &str, lang: Lang) -> Option<(f64, u8)> {
    let v = match lang {
        Lang::Id => match w {
            "satu" => (1.0, 0),
            "dua" => (2.0, 0),
            "tiga" => (3.0, 0),
            "empat" => (4.0, 0),
            "lima" => (5.0, 0),
            "enam" => (6.0, 0),
            "tujuh" => (7.0, 0),
            "delapan" => (8.0, 0),
            "sembilan" => (9.0, 0),
            "sepuluh" => (10.0, 0),
            "sebelas" => (11.0, 0),
            "seratus" => (100.0, 0),
            "seribu" => (1000.0, 0),
            "sejuta" => (1e6, 0),
            "belas" => (10.0, 3),
            "puluh" => (10.0, 1),
            "ratus" => (100.0, 1),
            "ribu" => (1e3, 2),
            "juta" => (1e6, 2),
            "miliar" | "milyar" => (1e9, 2),
            "triliun" => (1e12, 2),
            _ => return None,
        },
        Lang::En => match w {
            "one" => (1.0, 0),
            "two" => (2.0, 0),
            "three" => (3.0, 0),
            "four" => (4.0, 0),
            "five" => (5.0, 0),
            "six" => (6.0, 0),
            "seven" => (7.0, 0),
            "eight" => (8.0, 0),
            "nine" => (9.0, 0),
            "ten" => (10.0, 0),
            "eleven" => (11.0, 0),
            "twelve" => (12.0, 0),
            "thirteen" => (13.0, 0),
            "fourteen" => (14.0, 0),
            "fifteen" => (15.0, 0),
            "sixteen" => (16.0, 0),
            "seventeen" => (17.0, 0),
            "eighteen" => (18.0, 0),
            "nineteen" => (19.0, 0),
            "twenty" => (20.0, 0),
            "thirty" => (30.0, 0),
            "forty" => (40.0, 0),
            "fifty" => (50.0, 0),
            "sixty" => (60.0, 0),
            "seventy" => (70.0, 0),
            "eighty" => (80.0, 0),
            "ninety" => (90.0, 0),
            "hundred" => (100.0, 1),
            "thousand" => (1e3, 2),
            "million" => (1e6, 2),
            "billion" => (1e9, 2),
            "trillion" => (1e12, 2),
            _ => return None,
        },
    };
    Some(v)
}

/// A number written in words starting at token `t` (`empat puluh` = 40, `lima ribu` = 5000,
/// `forty-two`, `five thousand`): its value and number of tokens. Only phrases of two words or
/// more, or single words worth ten or more, count (`satu`/`one` are often not numbers).
pub fn number_phrase(words: &[&str], t: usize, lang: Lang) -> Option<(f64, usize)> {
    let (value, len) = phrase_value(words, t, lang)?;
    (len >= 2 || value >= 10.0).then_some((value, len))
}

/// The value and number of tokens of the number in words starting at token `t`, any length.
/// In English, `and` joins what follows when it is smaller than the word before it (`one
/// hundred and twenty`, `two thousand and five`), or opens with a smaller number and has a
/// larger scale (`one hundred and fifty thousand`); otherwise it joins two numbers (`three
/// million and five million`, `twenty and thirty`), and the phrase ends before it.
fn phrase_value(words: &[&str], t: usize, lang: Lang) -> Option<(f64, usize)> {
    let (first, kind) = number_word(words.get(t)?, lang)?;
    if kind != 0 {
        return None;
    }
    // `last` is the latest small number, which a following `puluh`/`ratus`/`hundred` multiplies.
    let (mut total, mut current, mut last) = (0.0, first, first);
    // The size of the word before: its value, or its scale (`hundred` 100, `million` 10⁶).
    let mut before = first;
    let mut k = t + 1;
    while let Some(w) = words.get(k) {
        if lang == Lang::En && *w == "and" {
            // What follows joins only where it opens with a smaller number (a phrase is worth
            // at least its first word, so a smaller phrase opens smaller too): then where it
            // is smaller, or has a larger scale, which multiplies the whole (`one hundred and
            // fifty thousand`).
            let opens_smaller = (words.get(k + 1))
                .and_then(|w| number_word(w, lang))
                .is_some_and(|(v, kind)| kind == 0 && v < before);
            let joins = opens_smaller
                && phrase_value(words, k + 1, lang).is_some_and(|(after, _)| {
                    after < before || largest_scale(words, k + 1, lang) > before
                });
            if !joins {
                break;
            }
            k += 1;
            continue;
        }
        let Some((v, kind)) = number_word(w, lang) else {
            break;
        };
        before = v;
        match kind {
            0 => {
                current += v;
                last = v;
            }
            1 => {
                let base = if last > 0.0 { last } else { 1.0 };
                current += base * v - last;
                last = base * v;
            }
            2 => {
                total += if current > 0.0 { current } else { 1.0 } * v;
                current = 0.0;
                last = 0.0;
            }
            _ => {
                current += v;
                last += v;
            }
        }
        k += 1;
    }
    Some((total + current, k - t))
}

/// The largest scale word (`hundred`, `thousand`, `million`, …) of the number in words
/// starting at token `t`, before any `and`; 0 where it has none.
fn largest_scale(words: &[&str], t: usize, lang: Lang) -> f64 {
    (words[t.min(words.len())..].iter())
        .map_while(|w| number_word(w, lang))
        .filter(|&(_, kind)| kind == 1 || kind == 2)
        .map(|(v, _)| v)
        .fold(0.0, f64::max)
}

/// The number an ordinal word stands for (`ketiga`, `third` = 3), first to tenth (and
/// eleventh, twelfth), so that it meets the same ordinal in digits (`ke-3`, `3rd`). The second
/// is left out: `kedua` is mostly `both` (`kedua negara`, both countries), and `second` often
/// a time (`1.5 kilometres per second`).
pub fn ordinal_word(w: &str, lang: Lang) -> Option<u32> {
    let v = match lang {
        // `ke-` and the number word (`ketiga`, `kesepuluh`), and `pertama`.
        Lang::Id => match w {
            "pertama" => 1,
            _ => {
                let (v, kind) = number_word(w.strip_prefix("ke")?, lang)?;
                if kind != 0 || v == 2.0 || v > 12.0 {
                    return None;
                }
                v as u32
            }
        },
        Lang::En => match w {
            "first" => 1,
            "third" => 3,
            "fourth" => 4,
            "fifth" => 5,
            "sixth" => 6,
            "seventh" => 7,
            "eighth" => 8,
            "ninth" => 9,
            "tenth" => 10,
            "eleventh" => 11,
            "twelfth" => 12,
            _ => return None,
        },
    };
    Some(v)
}

/// The scale a word following a number gives it (juta/million = 10⁶ ...), or 1.
pub fn scale_word(word: &str) -> f64 {
    match word {
        "ribu" | "thousand" => 1e3,
        "juta" | "million" | "millions" => 1e6,
        "miliar" | "milyar" | "billion" | "billions" => 1e9,
        "triliun" | "trillion" | "trillions" => 1e12,
        _ => 1.0,
    }
}
