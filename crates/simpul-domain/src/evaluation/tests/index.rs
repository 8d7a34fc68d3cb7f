//! The index arithmetic on the shipped 2020 model, against FRAMEWORKS.md and hand computations.

use super::*;

fn v(hundredths: u64) -> IndexValue {
    IndexValue::from_hundredths(hundredths)
}

#[test]
fn the_worked_check_of_frameworks_md_gives_2_24_cukup() {
    let fw = spbe();
    let levels = worked_check();
    let domain = |d| fw.domain_index(&levels, d, Coverage::Complete).unwrap();
    assert_eq!(
        (domain("D1"), domain("D2"), domain("D3")),
        (v(300), v(200), v(100))
    );
    assert_eq!(domain("D4").format(4), "2.6044");
    let index = fw.index(&levels, Coverage::Complete).unwrap();
    assert_eq!(index, v(224), "exactly 2.24, not merely rounded to it");
    assert_eq!(index.to_string(), "2.24");
    assert_eq!(fw.predicate(index).unwrap().name, "Cukup");
}

/// Levels cycling 1,2,3,4,5 by indicator number: level(n) = (n − 1) mod 5 + 1.
///
/// By hand (weights in %):
/// - 1-10 (1.30): levels 1,2,3,4,5,1,2,3,4,5, sum 30 → 39.00; A1 = D1 = 39/13 = 3.00
/// - 11-14 (2.50): 1,2,3,4 = 10 → A2 = 25/10 = 2.50; 15-18: 5,1,2,3 = 11 → A3 = 27.5/10 = 2.75;
///   19-20: 4,5 = 9 → A4 = 22.5/5 = 4.50; D2 = (25 + 27.5 + 22.5)/25 = 75/25 = 3.00
/// - 21-28 (1.50): 1,2,3,4,5,1,2,3 = 21 → A5 = 31.5/12 = 2.625 → 2.63 (half-up);
///   29-31: 4,5,1 = 10 → A6 = 15/4.5 = 3.333… → 3.33; D3 = 46.5/16.5 = 2.8181… → 2.82
/// - 32-41 (2.75): 2,3,4,5,1,2,3,4,5,1 = 30 → A7 = 82.5/27.5 = 3.00;
///   42-47 (3.00): 2,3,4,5,1,2 = 17 → A8 = 51/18 = 2.8333… → 2.83; D4 = 133.5/45.5 = 2.9340… → 2.93
/// - Index = (39 + 75 + 46.5 + 133.5)/100 = 294/100 = 2.94 → Baik
#[test]
fn a_hand_computed_set_of_47_levels_gives_2_94_baik() {
    let fw = spbe();
    let levels = levels_by(|n| ((n - 1) % 5 + 1) as u8);
    let card = fw.scorecard(&levels, Coverage::Complete).unwrap();
    let shown = |list: &[(String, Option<IndexValue>)]| -> Vec<String> {
        list.iter().map(|(_, x)| x.unwrap().to_string()).collect()
    };
    assert_eq!(
        shown(&card.aspects),
        ["3.00", "2.50", "2.75", "4.50", "2.63", "3.33", "3.00", "2.83"]
    );
    assert_eq!(shown(&card.domains), ["3.00", "3.00", "2.82", "2.93"]);
    assert_eq!(card.index, v(294));
    assert_eq!(card.predicate, "Baik");
    assert_eq!((card.scored, card.total), (47, 47));
}

/// All at 2 (Σ BI×NI = 200) plus one level on 1-4 (4 × 1.30 = 5.20), 11-20 (10 × 2.50 = 25),
/// 21-26 (6 × 1.50 = 9), 32 (2.75) and 42-47 (6 × 3.00 = 18): 259.95 → exactly 2.5995.
#[test]
fn the_predicate_is_read_from_the_index_as_published_to_two_decimals() {
    let fw = spbe();
    let levels = levels_by(|n| match n {
        1..=4 | 11..=20 | 21..=26 | 32 | 42..=47 => 3,
        _ => 2,
    });
    let index = fw.index(&levels, Coverage::Complete).unwrap();
    assert_eq!(index.format(4), "2.5995");
    assert!(index < v(260));
    assert_eq!(index.to_string(), "2.60", "half-up");
    assert_eq!(
        fw.predicate(index).unwrap().name,
        "Baik",
        "2.60 is shown, 2.60 is Baik"
    );
}

#[test]
fn predicate_bands_follow_lampiran_i_tabel_13_at_their_edges() {
    let fw = spbe();
    let cases = [
        (100, "Kurang"),
        (179, "Kurang"),
        (180, "Cukup"),
        (259, "Cukup"),
        (260, "Baik"),
        (349, "Baik"),
        (350, "Sangat Baik"),
        (419, "Sangat Baik"),
        (420, "Memuaskan"),
        (500, "Memuaskan"),
    ];
    for (h, name) in cases {
        assert_eq!(
            fw.predicate(v(h)).map(|p| p.name.as_str()),
            Some(name),
            "{h}"
        );
    }
    assert_eq!(fw.predicate(v(99)), None);
    assert_eq!(fw.predicate(v(501)), None);
}

#[test]
fn an_incomplete_set_is_an_error_unless_a_partial_index_is_asked_for() {
    let fw = spbe();
    let mut levels = worked_check();
    levels.remove(5);
    levels.remove(47);
    assert_eq!(
        fw.index(&levels, Coverage::Complete),
        Err(IndexError::Incomplete {
            scope: "framework `spbe-2020`".into(),
            missing: vec![5, 47]
        })
    );
    assert!(fw.domain_index(&levels, "D1", Coverage::Complete).is_err());
    assert_eq!(
        fw.domain_index(&levels, "D2", Coverage::Complete),
        Ok(v(200))
    );
    // Partial: Σ(BI×NI) = 224 − 1.30×3 − 3.00×2 = 214.10 over Σ BI = 100 − 4.30 = 95.70.
    let partial = fw.index(&levels, Coverage::Partial).unwrap();
    assert_eq!(partial, IndexValue::new(21410, 9570).unwrap());
    assert_eq!(partial.to_string(), "2.24");
    let full = worked_check();
    assert_eq!(
        fw.index(&full, Coverage::Partial),
        fw.index(&full, Coverage::Complete)
    );
}

#[test]
fn a_partial_scorecard_leaves_out_what_has_no_level() {
    let fw = spbe();
    let levels = Levels::from_pairs((1..=10).map(|n| (n, 4))).unwrap();
    let card = fw.scorecard(&levels, Coverage::Partial).unwrap();
    assert_eq!(card.index, v(400));
    assert_eq!(card.domains[0], ("D1".into(), Some(v(400))));
    assert_eq!(card.domains[1], ("D2".into(), None));
    assert_eq!(
        fw.index(&Levels::new(), Coverage::Partial),
        Err(IndexError::NothingScored("framework `spbe-2020`".into()))
    );
}

#[test]
fn an_indicator_outside_the_framework_or_an_unknown_code_is_an_error() {
    let fw = spbe();
    let mut levels = worked_check();
    levels.set(48, 3).unwrap();
    let unknown = IndexError::UnknownIndicator {
        framework: "spbe-2020".into(),
        indicator: 48,
    };
    assert_eq!(fw.index(&levels, Coverage::Partial), Err(unknown));
    let levels = worked_check();
    assert_eq!(
        fw.aspect_index(&levels, "A9", Coverage::Complete),
        Err(IndexError::UnknownAspect("A9".into()))
    );
    assert_eq!(
        fw.domain_index(&levels, "D5", Coverage::Complete),
        Err(IndexError::UnknownDomain("D5".into()))
    );
}

#[test]
fn raising_one_level_gains_the_indicators_weight_over_100() {
    let fw = spbe();
    let mut levels = worked_check();
    levels.set(42, 5).unwrap();
    let gain = |n| fw.gain_if_raised(&levels, n, Coverage::Complete).unwrap();
    assert_eq!(
        gain(1),
        IndexValue::new(13, 1000).unwrap(),
        "1.30 % → 0.013"
    );
    assert_eq!(gain(43), v(3));
    assert_eq!(gain(42), IndexValue::ZERO, "already at level 5");
    levels.remove(7);
    assert_eq!(
        fw.gain_if_raised(&levels, 7, Coverage::Partial),
        Err(IndexError::NotScored(7))
    );
}

#[test]
fn priorities_rank_by_weight_times_headroom_then_number_and_skip_level_5() {
    let fw = spbe();
    // Worked check with 42-47 raised to 5: A8 drops out of the list.
    let mut levels = worked_check();
    for n in 42..=47 {
        levels.set(n, 5).unwrap();
    }
    let list = fw.priorities(&levels, Coverage::Complete).unwrap();
    assert_eq!(list.len(), 41);
    assert!(list.iter().all(|p| p.indicator < 42));
    let head: Vec<(u16, String)> = list
        .iter()
        .take(3)
        .map(|p| (p.indicator, p.potential.format(3)))
        .collect();
    // 11-20: 2.50 × (5 − 2) = 7.50 % → 0.075; 21-31: 1.50 × 4 = 6.00 %; 32-41: 2.75 × 2 = 5.50 %.
    let expected = [(11, "0.075"), (12, "0.075"), (13, "0.075")];
    assert_eq!(head, expected.map(|(n, s)| (n, s.to_owned())));
    assert_eq!(list[10].indicator, 21);
    assert_eq!(list[21].indicator, 32);
    assert_eq!(list[31].indicator, 1, "1.30 × 2 = 2.60 % last");
    assert_eq!(list[0].gain.format(3), "0.025");
}
