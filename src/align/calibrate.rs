//! Calibrated bead probabilities: a logistic regression over the parts of a bead's score,
//! fitted on the dev gold sets by `scripts/fit_calibration.py` (see `docs/align.md`).

use super::Detail;

/// Coefficients: intercept, logit of the posterior, margin per sentence, covered share, null
/// bead, multi-sentence bead.
const COEF: [f64; 6] = [0.4523, 0.5970, -0.0700, -0.0687, -0.5193, -0.6729];

/// The probability that the bead of `d` is right.
pub fn probability(d: &Detail) -> f64 {
    let x = features(d);
    let z: f64 = COEF.iter().zip(x.iter()).map(|(c, v)| c * v).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The features of the calibration model (the first is the constant 1).
pub fn features(d: &Detail) -> [f64; 6] {
    let (a, b) = (d.bead.id.len(), d.bead.en.len());
    let sents = (a + b) as f64;
    let share = if d.parts.items > 0 {
        d.parts.covered as f64 / d.parts.items as f64
    } else {
        0.0
    };
    let p = d.posterior.clamp(1e-6, 1.0 - 1e-6);
    [
        1.0,
        (p / (1.0 - p)).ln(),
        (d.margin / sents).clamp(-20.0, 50.0) / 10.0,
        share,
        if a == 0 || b == 0 { 1.0 } else { 0.0 },
        if a + b > 2 { 1.0 } else { 0.0 },
    ]
}
