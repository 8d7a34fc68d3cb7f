//! Tests of the evaluation module: the shipped framework, the loader's rejections, the index
//! arithmetic against FRAMEWORKS.md and property loops over random level sets.

use super::*;

mod index;
mod loader;
mod properties;

/// A small valid framework (2 domains, 3 aspects, 5 indicators, 2 bands) used to hold two
/// frameworks side by side and as the base that each loader test breaks in one way.
const MINI: &str = r#"
code = "mini"
name = "Mini"
year = 2018
legal_basis = "Test fixture"
level = [
    { level = 1, name = "Satu" },
    { level = 2, name = "Dua" },
    { level = 3, name = "Tiga" },
    { level = 4, name = "Empat" },
    { level = 5, name = "Lima" },
]
predicate = [
    { name = "Rendah", from = "1.00", to = "3.00" },
    { name = "Tinggi", from = "3.00", to = "5.00" },
]
domain = [
    { code = "K", name = "Kebijakan", weight = "40" },
    { code = "L", name = "Layanan", weight = "60" },
]
aspect = [
    { code = "K1", domain = "K", name = "Kebijakan Internal", weight = "40" },
    { code = "L1", domain = "L", name = "Layanan Administrasi", weight = "35" },
    { code = "L2", domain = "L", name = "Layanan Publik", weight = "25" },
]
indicator = [
    { number = 1, aspect = "K1", name = "Satu", weight = "25", criteria = "umum" },
    { number = 2, aspect = "K1", name = "Dua", weight = "15" },
    { number = 3, aspect = "L1", name = "Tiga", weight = "35" },
    { number = 4, aspect = "L2", name = "Empat", weight = "12.5" },
    { number = 5, aspect = "L2", name = "Lima", weight = "12.5" },
]

[criteria.umum]
generic = true
texts = ["a", "b", "c", "d", "e"]
"#;

fn mini() -> Framework {
    Framework::from_toml(MINI).unwrap()
}

fn spbe() -> Framework {
    Framework::spbe_2020().unwrap()
}

/// Levels for indicators 1..=47 from a function of the indicator number.
fn levels_by(mut f: impl FnMut(u16) -> u8) -> Levels {
    Levels::from_pairs((1..=47).map(|n| (n, f(n)))).unwrap()
}

/// FRAMEWORKS.md's worked check: 1-10 = 3, 11-20 = 2, 21-31 = 1, 32-41 = 3, 42-47 = 2.
fn worked_check() -> Levels {
    levels_by(|n| match n {
        1..=10 => 3,
        11..=20 => 2,
        21..=31 => 1,
        32..=41 => 3,
        _ => 2,
    })
}

#[test]
fn the_shipped_framework_has_the_structure_of_permenpanrb_59_2020() {
    let set = FrameworkSet::builtin().unwrap();
    let fw = set.get(SPBE_2020).unwrap();
    assert_eq!((fw.code(), fw.year()), ("spbe-2020", 2020));
    assert!(fw.legal_basis().contains("Nomor 59 Tahun 2020"));
    assert_eq!(
        (
            fw.domains().len(),
            fw.aspects().len(),
            fw.indicators().len()
        ),
        (4, 8, 47)
    );
    let weights: Vec<String> = fw.domains().iter().map(|d| d.weight.to_string()).collect();
    assert_eq!(weights, ["13.00", "25.00", "16.50", "45.50"]);
    assert_eq!(fw.indicator(44).unwrap().weight, Weight(300));
    assert_eq!(fw.indicators_of_domain("D3").count(), 11);
    let names: Vec<&str> = (1..=5)
        .map(|l| fw.level_name(Level::new(l).unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            "Rintisan",
            "Terkelola",
            "Terdefinisi",
            "Terpadu dan Terukur",
            "Optimum"
        ]
    );
}

#[test]
fn every_shipped_indicator_has_criteria_and_the_generic_ones_are_marked() {
    let fw = spbe();
    for i in fw.indicators() {
        let c = fw.criteria(i.number).unwrap();
        let generic = matches!(i.number, 11..=20 | 32..=47);
        assert_eq!(c.generic, generic, "indicator {}", i.number);
        assert!(!c.text(Level::MAX).is_empty());
    }
    assert!(fw
        .criteria(29)
        .unwrap()
        .text(Level::new(4).unwrap())
        .contains("eksternal"));
}

#[test]
fn two_frameworks_are_held_side_by_side_and_scored_independently() {
    let mut set = FrameworkSet::builtin().unwrap();
    set.insert(mini()).unwrap();
    let codes: Vec<&str> = set.iter().map(Framework::code).collect();
    assert_eq!(codes, ["mini", "spbe-2020"]);

    let mini_levels = Levels::from_pairs([(1, 5), (2, 1), (3, 3), (4, 2), (5, 4)]).unwrap();
    // (25×5 + 15×1 + 35×3 + 12.5×2 + 12.5×4) / 100 = (125 + 15 + 105 + 25 + 50) / 100 = 3.20
    let mini_index = set
        .get("mini")
        .unwrap()
        .index(&mini_levels, Coverage::Complete);
    assert_eq!(mini_index, Ok(IndexValue::from_hundredths(320)));
    let spbe = set.get(SPBE_2020).unwrap();
    assert_eq!(
        spbe.index(&worked_check(), Coverage::Complete),
        Ok(IndexValue::from_hundredths(224))
    );
    assert!(
        matches!(
            spbe.index(&mini_levels, Coverage::Complete),
            Err(IndexError::Incomplete { .. })
        ),
        "levels are checked against the framework they are scored in"
    );
    assert_eq!(
        set.insert(mini()),
        Err(FrameworkError::DuplicateFramework("mini".into()))
    );
}
