//! Property loops over 10,000 random level sets from a fixed-seed xorshift generator (so every
//! run checks the same sets and a failure is reproducible).

use super::*;

/// xorshift64 (Marsaglia 2003).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SETS: usize = 10_000;

fn random_levels(rng: &mut Rng) -> Levels {
    levels_by(|_| rng.below(5) as u8 + 1)
}

/// Σ(w × x) / Σ w over exact fractions, as (numerator, denominator) in u128.
fn weighted_mean(parts: &[(u64, IndexValue)]) -> (u128, u128) {
    let den_product: u128 = parts.iter().map(|(_, x)| u128::from(x.denom())).product();
    let num: u128 = parts
        .iter()
        .map(|(w, x)| {
            u128::from(*w) * u128::from(x.numer()) * (den_product / u128::from(x.denom()))
        })
        .sum();
    let weights: u128 = parts.iter().map(|(w, _)| u128::from(*w)).sum();
    (num, den_product * weights)
}

fn equals(value: IndexValue, (num, den): (u128, u128)) -> bool {
    u128::from(value.numer()) * den == num * u128::from(value.denom())
}

#[test]
fn every_index_of_a_complete_set_lies_between_1_and_5() {
    let fw = spbe();
    let mut rng = Rng(0x5eed_5eed_5eed_5eed);
    for _ in 0..SETS {
        let index = fw
            .index(&random_levels(&mut rng), Coverage::Complete)
            .unwrap();
        assert!(index >= IndexValue::from_hundredths(100), "{index}");
        assert!(index <= IndexValue::from_hundredths(500), "{index}");
        assert!(fw.predicate(index).is_some());
    }
}

#[test]
fn raising_any_one_level_never_lowers_the_index_and_gains_exactly_the_what_if() {
    let fw = spbe();
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for _ in 0..SETS {
        let mut levels = random_levels(&mut rng);
        let before = fw.index(&levels, Coverage::Complete).unwrap();
        let n = rng.below(47) as u16 + 1;
        let gain = fw.gain_if_raised(&levels, n, Coverage::Complete).unwrap();
        if let Some(up) = levels.get(n).unwrap().raised() {
            levels.insert(n, up);
        }
        let after = fw.index(&levels, Coverage::Complete).unwrap();
        assert!(after >= before, "indicator {n}: {before} → {after}");
        // after == before + gain, cross-multiplied.
        let (a, b, g) = (after, before, gain);
        let lhs = u128::from(a.numer()) * u128::from(b.denom()) * u128::from(g.denom());
        let rhs = u128::from(b.numer()) * u128::from(a.denom()) * u128::from(g.denom())
            + u128::from(g.numer()) * u128::from(a.denom()) * u128::from(b.denom());
        assert_eq!(lhs, rhs, "indicator {n}: gain {g} is not {a} − {b}");
    }
}

#[test]
fn the_flat_sum_equals_the_domain_and_aspect_formulas_of_frameworks_md() {
    let fw = spbe();
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    for _ in 0..SETS / 10 {
        let levels = random_levels(&mut rng);
        let index = fw.index(&levels, Coverage::Complete).unwrap();
        let mut by_domain = Vec::new();
        for d in fw.domains() {
            let id = fw
                .domain_index(&levels, &d.code, Coverage::Complete)
                .unwrap();
            let by_aspect: Vec<(u64, IndexValue)> = fw
                .aspects_of(&d.code)
                .map(|a| {
                    let ia = fw
                        .aspect_index(&levels, &a.code, Coverage::Complete)
                        .unwrap();
                    (u64::from(a.weight.0), ia)
                })
                .collect();
            assert!(
                equals(id, weighted_mean(&by_aspect)),
                "Indeks Domain {}",
                d.code
            );
            by_domain.push((u64::from(d.weight.0), id));
        }
        assert!(equals(index, weighted_mean(&by_domain)), "Indeks SPBE");
    }
}

#[test]
fn a_partial_index_of_any_subset_lies_between_1_and_5_and_complete_names_the_gaps() {
    let fw = spbe();
    let mut rng = Rng(0x0bad_c0de_0bad_c0de);
    for _ in 0..SETS {
        let mut levels = random_levels(&mut rng);
        let mut removed: Vec<u16> = (1..=47).filter(|_| rng.below(4) == 0).collect();
        removed.retain(|n| levels.len() > 1 && levels.remove(*n).is_some());
        let partial = fw.index(&levels, Coverage::Partial).unwrap();
        assert!(partial >= IndexValue::from_hundredths(100));
        assert!(partial <= IndexValue::from_hundredths(500));
        match fw.index(&levels, Coverage::Complete) {
            Ok(_) => assert!(removed.is_empty()),
            Err(IndexError::Incomplete { missing, .. }) => assert_eq!(missing, removed),
            Err(e) => panic!("{e}"),
        }
    }
}
