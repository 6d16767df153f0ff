//! Sums of probabilities kept as logarithms: [`log_add`] (exact, `f64`) for the clause
//! alignment's forward–backward, [`log_sum_exp`] (`f32`, e^x from a table) for the sentence
//! aligner's, which sums over every cell of its band.

/// ln(e^a + e^b), exactly.
pub fn log_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY || lo - hi < -40.0 {
        // e^-40 is below an f64's precision next to 1 (and -inf - -inf is NaN).
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

/// ln Σ e^x over the terms (−∞ when all are −∞); terms more than [`EXP_MIN`] below the
/// largest are left out (each is below 1e-9 of it).
#[inline]
pub fn log_sum_exp(terms: &[f32]) -> f32 {
    let m = terms.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if m == f32::NEG_INFINITY {
        return m;
    }
    m + terms.iter().map(|&t| exp_neg(t - m)).sum::<f32>().ln()
}

/// Below this, [`exp_neg`] is 0.
const EXP_MIN: f32 = -21.0;
/// Table steps per unit of [`exp_neg`].
const EXP_STEPS: f32 = 256.0;

/// e^x for x ≤ 0 from a table (linear interpolation, relative error below 2e-6), 0 below
/// [`EXP_MIN`].
#[inline]
fn exp_neg(x: f32) -> f32 {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    if x.is_nan() || x <= EXP_MIN {
        return 0.0;
    }
    let t = TABLE.get_or_init(|| {
        let n = (-EXP_MIN * EXP_STEPS) as usize + 2;
        (0..n)
            .map(|k| ((k as f64 / EXP_STEPS as f64) + EXP_MIN as f64).exp() as f32)
            .collect()
    });
    let u = ((x - EXP_MIN) * EXP_STEPS).min((t.len() - 2) as f32);
    let k = u as usize;
    let w = u - k as f32;
    t[k] * (1.0 - w) + t[k + 1] * w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_table_is_close() {
        let mut x = 0.0f32;
        while x > -25.0 {
            let want = x.exp();
            let got = exp_neg(x);
            assert!(
                (got - want).abs() <= 3e-6 * want + 1e-9,
                "{x}: {got} vs {want}"
            );
            x -= 0.00731;
        }
        assert_eq!(exp_neg(f32::NEG_INFINITY), 0.0);
        assert!((log_sum_exp(&[0.0, 0.0]) - 2f32.ln()).abs() < 1e-5);
    }
}
