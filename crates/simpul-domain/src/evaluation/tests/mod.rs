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
    assert_eq!(
        fw.level_names_of(1),
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
fn layanan_indicators_are_named_by_technical_function_levels_and_the_rest_by_process_levels() {
    let fw = spbe();
    let process = [
        "Rintisan",
        "Terkelola",
        "Terdefinisi",
        "Terpadu dan Terukur",
        "Optimum",
    ];
    let function = [
        "Informasi",
        "Interaksi",
        "Transaksi",
        "Kolaborasi",
        "Optimalisasi",
    ];
    for i in fw.indicators() {
        let expected = if i.number >= 32 { function } else { process };
        assert_eq!(
            fw.level_names_of(i.number),
            expected,
            "indicator {}",
            i.number
        );
    }
    assert_eq!(fw.level_name(32, Level::new(3).unwrap()), "Transaksi");
    assert_eq!(fw.level_name(99, Level::MIN), "", "unknown indicator");
}

#[test]
fn the_2018_framework_ships_with_the_structure_of_permenpanrb_5_2018() {
    let set = FrameworkSet::builtin().unwrap();
    let fw = set.get(SPBE_2018).unwrap();
    assert_eq!(fw, &Framework::spbe_2018().unwrap());
    assert!(fw.legal_basis().contains("Nomor 5 Tahun 2018"));
    assert_eq!(
        (
            fw.domains().len(),
            fw.aspects().len(),
            fw.indicators().len()
        ),
        (3, 7, 35)
    );
    let weights: Vec<String> = fw.domains().iter().map(|d| d.weight.to_string()).collect();
    assert_eq!(weights, ["17.00", "28.00", "55.00"]);
    assert_eq!(fw.level_name(1, Level::MIN), "Rintisan");
    assert_eq!(fw.level_name(35, Level::MAX), "Optimalisasi");
    let all3 = Levels::from_pairs((1..=35).map(|n| (n, 3))).unwrap();
    assert_eq!(
        fw.index(&all3, Coverage::Complete),
        Ok(IndexValue::from_hundredths(300))
    );
    // A period picks its framework by year.
    let year = |y| set.for_year(y).map(Framework::code);
    assert_eq!(year(2018), Some(SPBE_2018));
    assert_eq!(year(2019), Some(SPBE_2018));
    assert_eq!(year(2020), Some(SPBE_2020));
    assert_eq!(year(2026), Some(SPBE_2020));
    assert_eq!(year(2015), Some(SPBE_2018), "earlier years: the oldest");
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
    assert_eq!(codes, ["mini", "spbe-2018", "spbe-2020"]);

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
