//! Quantities with units (`5 km`, `3 miles`, `30 °C`, `86 °F`) and the pairs of them that are
//! one quantity converted from one unit to another: translations convert (`100 kg` / `220
//! pounds`), and the numbers then differ though the pair is good.

use super::number::{number_values, scale_word};
use super::token::tokenize;
use super::{Evidence, Features};
use crate::segment::Lang;
use std::ops::Range;

/// What a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dimension {
    Length,
    Area,
    Mass,
    Volume,
    Speed,
    Temperature,
}

/// A number followed by a unit: where the number is written (bytes of the text), the values it
/// may denote in the dimension's base unit (metres, square metres, kilograms, litres, km/h,
/// degrees Celsius), each with its precision as written ([`precision`]), its dimension and its
/// unit's name.
#[derive(Clone, Debug)]
struct Quantity {
    span: Range<usize>,
    base: Vec<(f64, f64)>,
    dim: Dimension,
    unit: &'static str,
}

/// Relative difference two quantities of different units may have besides their precisions
/// as written and still be one converted.
const SLACK: f64 = 0.01;
/// The most a number's precision as written counts for (`100` may be 50 to 150 as written,
/// but a translator converting `100 kg` writes `220 pounds`, not `150`).
const MAX_PRECISION: f64 = 0.1;
/// Degrees Celsius within which two temperatures are one converted (`90 °F` is `32 °C`).
const TOLERANCE_DEGREES: f64 = 1.5;

/// A unit word (lowercase): its dimension, its name, and its size in the base unit.
fn unit_word(w: &str) -> Option<(Dimension, &'static str, f64)> {
    use Dimension::*;
    Some(match w {
        "km" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => (Length, "km", 1e3),
        "m" | "meter" | "meters" | "metre" | "metres" => (Length, "m", 1.0),
        "cm" | "centimeter" | "centimeters" | "centimetre" | "centimetres" | "sentimeter" => {
            (Length, "cm", 0.01)
        }
        "mm" | "millimeter" | "millimeters" | "millimetre" | "millimetres" | "milimeter" => {
            (Length, "mm", 1e-3)
        }
        "mile" | "miles" | "mil" | "mi" => (Length, "mile", 1609.344),
        "ft" | "foot" | "feet" | "kaki" => (Length, "foot", 0.3048),
        "inch" | "inches" | "inci" => (Length, "inch", 0.0254),
        "yard" | "yards" | "yd" | "yds" => (Length, "yard", 0.9144),
        "ha" | "hectare" | "hectares" | "hektar" | "hektare" => (Area, "hectare", 1e4),
        "acre" | "acres" | "ekar" | "akre" => (Area, "acre", 4046.856),
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => (Mass, "kg", 1.0),
        "g" | "gram" | "grams" => (Mass, "g", 1e-3),
        "ton" | "tons" | "tonne" | "tonnes" => (Mass, "ton", 1e3),
        "lb" | "lbs" | "pound" | "pounds" | "pon" => (Mass, "pound", 0.453_592_37),
        "oz" | "ounce" | "ounces" => (Mass, "ounce", 0.028_349_523),
        "l" | "liter" | "liters" | "litre" | "litres" => (Volume, "l", 1.0),
        "ml" | "milliliter" | "milliliters" | "millilitre" | "millilitres" | "mililiter" => {
            (Volume, "ml", 1e-3)
        }
        "gallon" | "gallons" | "galon" => (Volume, "gallon", 3.785_411_784),
        "kph" => (Speed, "km/h", 1.0),
        "mph" => (Speed, "mph", 1.609_344),
        "celsius" => (Temperature, "c", 0.0),
        "fahrenheit" => (Temperature, "f", 1.0),
        _ => return None,
    })
}

/// The word at the start of `s` (letters only) and the text after it.
fn word(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    s.split_at(end)
}

/// `s` without the spaces (any, up to three) at its start.
fn spaces(s: &str) -> &str {
    let t = s.trim_start();
    if s.len() - t.len() <= 3 { t } else { s }
}

/// The unit written right after a number (`rest`: the text after it), if any: `km`, `-km`
/// (`a 5-km race`), `km²`/`km2`/`km persegi`/`square km` (an area), `km/jam`/`km/h`/`km per
/// hour`/`km an hour` (a speed), `°C`, `° F`, `derajat Celsius`, `degrees Fahrenheit`. A unit followed by
/// `³` or `3`, a cube, is none.
fn unit_after(rest: &str) -> Option<(Dimension, &'static str, f64)> {
    let mut s = spaces(rest);
    if let Some(t) = s.strip_prefix('-') {
        s = t;
    }
    if let Some(t) = s.strip_prefix('°') {
        let (w, _) = word(spaces(t));
        return match w.to_lowercase().as_str() {
            "c" | "celsius" => unit_word("celsius"),
            "f" | "fahrenheit" => unit_word("fahrenheit"),
            _ => None,
        };
    }
    let (w, after) = word(s);
    let w = w.to_lowercase();
    if matches!(w.as_str(), "derajat" | "degree" | "degrees") {
        let (u, _) = word(spaces(after));
        return match u.to_lowercase().as_str() {
            "c" | "celsius" => unit_word("celsius"),
            "f" | "fahrenheit" => unit_word("fahrenheit"),
            _ => None,
        };
    }
    if matches!(w.as_str(), "square" | "sq") {
        let (u, _) = word(spaces(after.trim_start_matches('.')));
        return match unit_word(&u.to_lowercase())? {
            (Dimension::Length, name, f) => Some((Dimension::Area, name, f * f)),
            _ => None,
        };
    }
    let (dim, name, f) = unit_word(&w)?;
    // A unit is a word of its own: `5 kmh` or `5 kgs` is none of these.
    if after.starts_with(|c: char| c.is_alphanumeric() && !matches!(c, '2' | '3')) {
        return None;
    }
    if after.starts_with(['³', '3']) {
        return None;
    }
    if dim == Dimension::Length {
        if after.starts_with(['²', '2']) {
            return Some((Dimension::Area, name, f * f));
        }
        let next = spaces(after);
        let (n, _) = word(next);
        if n.eq_ignore_ascii_case("persegi") {
            return Some((Dimension::Area, name, f * f));
        }
        let per_hour = match after.strip_prefix('/') {
            Some(t) => matches!(word(t).0.to_lowercase().as_str(), "h" | "hr" | "jam" | "j"),
            None if ["per", "an", "a"].iter().any(|p| n.eq_ignore_ascii_case(p)) => {
                let (h, _) = word(spaces(&next[n.len()..]));
                matches!(h.to_lowercase().as_str(), "hour" | "jam")
            }
            None => false,
        };
        if per_hour {
            return match name {
                "km" => unit_word("kph"),
                "mile" => unit_word("mph"),
                _ => None,
            };
        }
    }
    Some((dim, name, f))
}

/// The scale word written right after a number (`rest`: the text after it), if any
/// (`juta`, `million` ...: [`scale_word`]): its factor and the text after it. Otherwise 1 and
/// `rest`.
fn scale_after(rest: &str) -> (f64, &str) {
    let s = spaces(rest);
    let (w, after) = word(s);
    match scale_word(&w.to_lowercase()) {
        f if f != 1.0 && !w.is_empty() => (f, after),
        _ => (1.0, rest),
    }
}

/// The quantities of `text` (language `lang`): each number token followed by a unit, or by a
/// scale word and a unit (`5 juta ton`, `4.9 million acres`), with the values it may denote
/// (in both decimal conventions when ambiguous), times the scale. A number written as a time
/// is not one.
fn quantities(text: &str, lang: Lang) -> Vec<Quantity> {
    let base_ptr = text.as_ptr() as usize;
    let mut out = Vec::new();
    for tok in tokenize(text).iter().filter(|t| t.number) {
        if tok.text.contains(':') || tok.text.ends_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        let start = tok.text.as_ptr() as usize - base_ptr;
        let end = start + tok.text.len();
        let (scale, rest) = scale_after(&text[end..]);
        let Some((dim, unit, f)) = unit_after(rest) else {
            continue;
        };
        if dim == Dimension::Temperature && scale != 1.0 {
            continue;
        }
        // The precision is relative, so that of the number as written holds for it scaled.
        let base: Vec<(f64, f64)> = number_values(tok.text, lang, 1.0)
            .iter()
            .filter_map(|c| Some((c, c.parse::<f64>().ok()?)))
            .map(|(c, v)| {
                let base = match (dim, f) {
                    (Dimension::Temperature, 0.0) => v,
                    (Dimension::Temperature, _) => (v - 32.0) * 5.0 / 9.0,
                    _ => v * scale * f,
                };
                (base, precision(c, v))
            })
            .collect();
        if !base.is_empty() {
            out.push(Quantity {
                span: start..end,
                base,
                dim,
                unit,
            });
        }
    }
    out
}

/// The relative precision of a number as written (`canon`, as [`number_values`] gives it):
/// half a unit of its last significant digit over its value, at most [`MAX_PRECISION`]. `3`
/// (miles) is 2.5 to 3.5, so 3.107 converted is 3; `6.34` (inches) is 6.335 to 6.345.
fn precision(canon: &str, value: f64) -> f64 {
    let last = match canon.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => 10f64.powi((canon.len() - canon.trim_end_matches('0').len()) as i32),
    };
    if value == 0.0 {
        return MAX_PRECISION;
    }
    (0.5 * last / value.abs()).min(MAX_PRECISION)
}

/// Whether two quantities are one quantity converted to another unit: their values differ by
/// no more than both precisions as written and [`SLACK`] allow (temperatures: by at most
/// [`TOLERANCE_DEGREES`]).
fn converted(a: &Quantity, b: &Quantity) -> bool {
    a.dim == b.dim
        && a.unit != b.unit
        && a.base.iter().any(|&(x, px)| {
            b.base.iter().any(|&(y, py)| match a.dim {
                Dimension::Temperature => (x - y).abs() <= TOLERANCE_DEGREES,
                _ => (x - y).abs() <= (px + py + SLACK) * x.abs().max(y.abs()),
            })
        })
}

/// How a quantity stands against the quantities of the other side in its own unit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    /// The other side writes no quantity in this unit.
    No,
    /// The other side writes this quantity in this unit too (`90 kg` / `200 pounds (90 kg)`).
    Same,
    /// The other side writes this unit, with other values only.
    Other,
}

/// How `q` stands against the quantities `qs` of the other side ([`Written`]).
fn written(qs: &[Quantity], q: &Quantity) -> Written {
    let mut same_unit = qs.iter().filter(|x| x.dim == q.dim && x.unit == q.unit);
    let equal = |x: &Quantity| {
        q.base.iter().any(|&(a, _)| {
            x.base
                .iter()
                .any(|&(b, _)| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()))
        })
    };
    match same_unit.next() {
        None => Written::No,
        Some(x) if equal(x) || same_unit.any(equal) => Written::Same,
        Some(_) => Written::Other,
    }
}

/// The numbers of an Indonesian text `id` and an English text `en` that are one quantity
/// converted from one unit to another (`5 km` / `3 miles`, `100 kg` / `220 pounds`, `30 °C` /
/// `86 °F`, `5 juta ton` / `11 billion pounds`): the byte ranges of those numbers in `id` and
/// in `en`. Units must differ and the converted values agree as closely as the numbers are
/// written (1.5 degrees for temperatures), so `5 km` / `50 km`, `5 km` / `30 miles` or `17,1
/// cm` / `6.34 inches` are none. A quantity whose unit the other side also writes is
/// compared with that one: `240 km/jam` / `727 km/h (149 mph)` is no conversion (the
/// kilometres disagree), though 149 mph is 240 km/h; when they agree, the quantity is
/// matched as written and its conversion beside it on the other side is one (`90 kg` /
/// `200 pounds (90 kg)`: only the `200` is given, the `90` meets its own).
pub fn conversions(id: &str, en: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (qi, qe) = (quantities(id, Lang::Id), quantities(en, Lang::En));
    let (mut ri, mut re) = (Vec::new(), Vec::new());
    for a in &qi {
        let wa = written(&qe, a);
        if wa == Written::Other {
            continue;
        }
        for b in &qe {
            let wb = written(&qi, b);
            if wb == Written::Other || !converted(a, b) {
                continue;
            }
            if wa == Written::No && !ri.contains(&a.span) {
                ri.push(a.span.clone());
            }
            if wb == Written::No && !re.contains(&b.span) {
                re.push(b.span.clone());
            }
        }
    }
    (ri, re)
}

/// The features `f` of the texts `id` and `en` with the numbers of a unit conversion
/// ([`conversions`]) counted as shared rather than unmatched: the one notion of numbers that
/// agree, used by the batch number filter and by `check`'s `numbers_differ`. The texts are
/// compared again without those numbers; that comparison is taken only when it leaves no
/// more unmatched numbers on either side (taking a number out never makes a pair disagree
/// more). Each conversion counts as one shared number. Only the number counts change; `f`
/// as given when no number is unmatched or no conversion is found.
pub fn count_conversions(evidence: &Evidence, id: &str, en: &str, f: &Features) -> Features {
    if f.num_id_only == 0 && f.num_en_only == 0 {
        return f.clone();
    }
    let (ci, ce) = conversions(id, en);
    if ci.is_empty() && ce.is_empty() {
        return f.clone();
    }
    let g = evidence.features(
        &evidence.prepare(&without(id, &ci), Lang::Id),
        &evidence.prepare(&without(en, &ce), Lang::En),
    );
    if g.num_id_only > f.num_id_only || g.num_en_only > f.num_en_only {
        return f.clone();
    }
    Features {
        num_shared: g.num_shared + ci.len().min(ce.len()) as u32,
        num_id_only: g.num_id_only,
        num_en_only: g.num_en_only,
        ..f.clone()
    }
}

/// `text` with the bytes of `spans` taken out.
pub fn without(text: &str, spans: &[Range<usize>]) -> String {
    let mut spans = spans.to_vec();
    spans.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in spans {
        if r.start >= at {
            out.push_str(&text[at..r.start]);
            at = r.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many numbers of the shorter list take part in a conversion.
    fn found(id: &str, en: &str) -> usize {
        let (a, b) = conversions(id, en);
        a.len().min(b.len())
    }

    #[test]
    fn conversions_are_found() {
        for (id, en) in [
            ("jaraknya 5 km dari kota", "it is 3 miles from town"),
            ("beratnya 100 kg", "it weighs 220 pounds"),
            ("suhu 30 °C", "a temperature of 86 °F"),
            ("suhu 30 derajat Celsius", "86 degrees Fahrenheit"),
            ("sejauh 4.800 km", "some 3,000 miles"),
            ("lahan 2 hektar", "a 5-acre plot"),
            ("100 km/jam", "62 mph"),
            ("10 km persegi", "3.9 square miles"),
            ("setinggi 3.000 meter", "nearly 10,000 feet high"),
            ("16,1 cm", "6.34 inches"),
            ("1 kg", "2 pounds"),
            // A scale word between the number and the unit.
            ("ekspor 5 juta ton", "exports of 11 billion pounds"),
            ("2 juta hektar hutan", "4.9 million acres of forest"),
            ("jalan 1,2 ribu km", "a 746-mile road"),
        ] {
            assert_eq!(found(id, en), 1, "{id} | {en}");
        }
    }

    #[test]
    fn mismatches_are_not_conversions() {
        for (id, en) in [
            ("jaraknya 5 km", "it is 50 km"),
            ("jaraknya 5 km", "it is 30 miles"),
            ("5 km", "5 kg"),
            ("30 °C", "30 °F"),
            ("5 juta ton", "5 million pounds"),
            ("5 juta ton", "8 billion pounds"),
            ("5 juta ton", "11 million pounds"),
            ("pukul 5 km", "at 5:00 miles"),
            ("5 m3", "176 cubic feet"),
            ("240 km/jam", "727 kilometers an hour (149 mph)"),
            ("17,1 cm", "6.34 inches"),
            ("100 kg", "150 pounds"),
            (
                "seluas 783.562 km persegi (300.948 mil persegi)",
                "2356,562 sq km (300,948 sq mi)",
            ),
        ] {
            assert_eq!(found(id, en), 0, "{id} | {en}");
        }
    }

    #[test]
    fn a_conversion_beside_the_quantity_as_written_is_one() {
        // The kilograms are written on both sides: only the pounds beside them are given.
        let id = "berbobot 90 kg di Bumi dan 16 kg di Io";
        let en = "weighs 200 pounds (90kg) on Earth and 36 pounds (16 kg) on Io";
        let (a, b) = conversions(id, en);
        assert!(a.is_empty(), "{a:?}");
        let numbers: Vec<&str> = b.iter().map(|r| &en[r.clone()]).collect();
        assert_eq!(numbers, ["200", "36"]);
        // The same unit with another value still disagrees: no conversion beside it.
        let (a, b) = conversions("berbobot 90 kg", "weighs 200 pounds (95 kg)");
        assert!(a.is_empty() && b.is_empty(), "{a:?} {b:?}");
    }

    #[test]
    fn conversions_count_as_shared_numbers() {
        let ev = Evidence::bundled();
        let counted = |id: &str, en: &str| {
            let f = ev.features(&ev.prepare(id, Lang::Id), &ev.prepare(en, Lang::En));
            let c = count_conversions(&ev, id, en, &f);
            (c.num_shared, c.num_id_only, c.num_en_only)
        };
        assert_eq!(counted("sejauh 5 km", "3 miles away"), (1, 0, 0));
        assert_eq!(counted("ekspor 5 juta ton", "11 billion pounds"), (1, 0, 0));
        assert_eq!(
            counted(
                "berbobot 90 kg dan 16 kg",
                "200 pounds (90kg) and 36 pounds (16kg)"
            ),
            (2, 0, 0)
        );
        assert_eq!(
            counted("sejauh 5 km, 15 orang", "3 miles away, 50 people"),
            (1, 1, 1)
        );
        assert_eq!(counted("naik 15 persen", "rose 50 percent"), (0, 1, 1));
    }

    #[test]
    fn spans_are_the_numbers() {
        let (a, b) = conversions("sejauh 5 km.", "3 miles away.");
        assert_eq!((a.len(), b.len()), (1, 1));
        assert_eq!((a[0].clone(), b[0].clone()), (7..8, 0..1));
        assert_eq!(without("sejauh 5 km.", &a), "sejauh  km.");
    }
}
