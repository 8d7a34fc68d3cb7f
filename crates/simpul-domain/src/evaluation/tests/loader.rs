//! One test per loader check: each breaks the valid `MINI` fixture in exactly one way.

use super::*;
use FrameworkError as E;

/// Loads `MINI` with the first `from` replaced by `to` and returns the error.
fn broken(from: &str, to: &str) -> FrameworkError {
    let text = MINI.replacen(from, to, 1);
    assert_ne!(text, MINI, "fixture does not contain {from:?}");
    Framework::from_toml(&text).unwrap_err()
}

fn sum_error(scope: &str, sum: u32, expected: u32) -> FrameworkError {
    E::WeightSum {
        scope: scope.into(),
        sum: Weight(sum),
        expected: Weight(expected),
    }
}

#[test]
fn the_fixture_itself_is_valid() {
    assert_eq!(mini().indicators().len(), 5);
}

#[test]
fn a_file_that_is_not_toml_or_has_unknown_fields_is_rejected() {
    assert!(matches!(broken("year = 2018", "year = "), E::Parse(_)));
    assert!(matches!(broken("year = 2018", "yeer = 2018"), E::Parse(_)));
}

#[test]
fn a_weight_that_is_not_an_exact_decimal_is_rejected() {
    let e = broken(r#"weight = "12.5""#, r#"weight = "12.505""#);
    assert_eq!(
        e.to_string(),
        "indicator 4 weight: `12.505` is not a decimal with at most two places"
    );
    assert!(
        matches!(broken(r#"weight = "12.5""#, "weight = 12.5"), E::Parse(_)),
        "floats are refused"
    );
    assert!(matches!(
        broken(r#"from = "3.00""#, r#"from = "3,00""#),
        E::BadNumber { .. }
    ));
}

#[test]
fn an_unnamed_part_is_rejected() {
    assert_eq!(
        broken(r#"name = "Layanan Publik""#, r#"name = " ""#),
        E::Unnamed("aspect `L2`".into())
    );
    assert_eq!(
        broken(r#"code = "mini""#, r#"code = """#),
        E::Unnamed("the framework code".into())
    );
}

#[test]
fn duplicate_codes_and_numbers_are_rejected() {
    let dup = |kind, code: &str| E::Duplicate {
        kind,
        code: code.into(),
    };
    assert_eq!(
        broken(r#"code = "L", name"#, r#"code = "K", name"#),
        dup("domain", "K")
    );
    assert_eq!(
        broken(r#"code = "L2""#, r#"code = "L1""#),
        dup("aspect", "L1")
    );
    assert_eq!(broken("number = 5", "number = 4"), dup("indicator", "4"));
}

#[test]
fn a_reference_to_a_missing_domain_aspect_or_criteria_set_is_rejected() {
    let e = broken(
        r#"domain = "L", name = "Layanan Publik""#,
        r#"domain = "X", name = "Layanan Publik""#,
    );
    assert_eq!(
        e.to_string(),
        "aspect `L2` refers to domain `X`, which does not exist"
    );
    let e = broken(r#"aspect = "L1""#, r#"aspect = "L9""#);
    assert_eq!(
        e.to_string(),
        "indicator 3 refers to aspect `L9`, which does not exist"
    );
    let e = broken(r#"criteria = "umum""#, r#"criteria = "khusus""#);
    assert_eq!(
        e.to_string(),
        "indicator 1 refers to criteria `khusus`, which does not exist"
    );
}

#[test]
fn a_zero_weight_is_rejected() {
    // Indicator 2 at 0 and indicator 1 at 40 keep every sum right.
    let text = MINI
        .replacen(
            r#"name = "Satu", weight = "25""#,
            r#"name = "Satu", weight = "40""#,
            1,
        )
        .replacen(r#"weight = "15""#, r#"weight = "0""#, 1);
    assert_eq!(
        Framework::from_toml(&text),
        Err(E::ZeroWeight("indicator 2".into()))
    );
}

#[test]
fn levels_must_be_one_to_five_each_named_once() {
    let e = broken(r#"{ level = 3, name = "Tiga" },"#, "");
    assert_eq!(e, E::Levels("level 3 is missing".into()));
    let e = broken(
        r#"{ level = 3, name = "Tiga" },"#,
        r#"{ level = 3, name = "Tiga" }, { level = 3, name = "III" },"#,
    );
    assert_eq!(e, E::Levels("level 3 is named twice".into()));
    let e = broken(
        r#"{ level = 1, name = "Satu" },"#,
        r#"{ level = 0, name = "Nol" }, { level = 1, name = "Satu" },"#,
    );
    assert_eq!(e, E::Levels("level 0 is outside 1..5".into()));
    let e = broken(
        r#"{ level = 4, name = "Empat" }"#,
        r#"{ level = 4, name = "" }"#,
    );
    assert_eq!(e, E::Levels("level 4 has no name".into()));
}

#[test]
fn a_level_scale_needs_five_names_and_a_domain_may_only_name_an_existing_scale() {
    let with_scale = MINI
        .replacen(
            "predicate = [",
            "level_scale = [{ code = \"fungsi\", names = [\"I\", \"II\", \"III\", \"IV\", \"V\"] }]\npredicate = [",
            1,
        )
        .replacen(
            r#"name = "Layanan", weight = "60""#,
            r#"name = "Layanan", weight = "60", levels = "fungsi""#,
            1,
        );
    let fw = Framework::from_toml(&with_scale).unwrap();
    assert_eq!(fw.level_name(1, Level::MIN), "Satu");
    assert_eq!(fw.level_name(3, Level::MIN), "I");
    let short = with_scale.replacen(r#", "V"]"#, "]", 1);
    assert_eq!(
        Framework::from_toml(&short),
        Err(E::Levels(
            "scale `fungsi` needs one name per level (5)".into()
        ))
    );
    let unknown = with_scale.replacen(r#"levels = "fungsi""#, r#"levels = "lain""#, 1);
    assert_eq!(
        Framework::from_toml(&unknown).unwrap_err().to_string(),
        "domain `L` refers to level scale `lain`, which does not exist"
    );
}

#[test]
fn a_criteria_set_needs_one_text_per_level() {
    let e = broken(
        r#"texts = ["a", "b", "c", "d", "e"]"#,
        r#"texts = ["a", "b", "c", "d"]"#,
    );
    assert_eq!(
        e,
        E::CriteriaCount {
            code: "umum".into(),
            count: 4
        }
    );
}

#[test]
fn indicator_weights_must_sum_to_100() {
    assert_eq!(
        broken(
            r#"name = "Satu", weight = "25""#,
            r#"name = "Satu", weight = "24""#
        ),
        sum_error("all indicators", 9900, 10000)
    );
}

#[test]
fn domain_weights_must_sum_to_100() {
    assert_eq!(
        broken(r#"weight = "60""#, r#"weight = "61""#),
        sum_error("all domains", 10100, 10000)
    );
}

#[test]
fn an_aspects_indicator_weights_must_sum_to_the_aspect_weight() {
    let e = broken(
        r#"name = "Kebijakan Internal", weight = "40""#,
        r#"name = "Kebijakan Internal", weight = "45""#,
    );
    assert_eq!(e, sum_error("indicators of aspect `K1`", 4000, 4500));
    assert_eq!(
        e.to_string(),
        "indicators of aspect `K1`: weights sum to 40.00, expected 45.00"
    );
}

#[test]
fn a_domains_aspect_weights_must_sum_to_the_domain_weight() {
    let text = MINI
        .replacen(
            r#"name = "Kebijakan", weight = "40""#,
            r#"name = "Kebijakan", weight = "45""#,
            1,
        )
        .replacen(
            r#"name = "Layanan", weight = "60""#,
            r#"name = "Layanan", weight = "55""#,
            1,
        );
    assert_eq!(
        Framework::from_toml(&text),
        Err(sum_error("aspects of domain `K`", 4000, 4500))
    );
}

#[test]
fn predicate_bands_must_start_at_one() {
    let e = broken(r#"from = "1.00""#, r#"from = "1.50""#);
    assert_eq!(
        e,
        E::Bands("the lowest band `Rendah` starts at 1.50, not at 1.00".into())
    );
}

#[test]
fn predicate_bands_must_end_at_five() {
    let e = broken(r#"to = "5.00""#, r#"to = "4.99""#);
    assert_eq!(
        e,
        E::Bands("the highest band `Tinggi` ends at 4.99, not at 5.00".into())
    );
}

#[test]
fn predicate_bands_must_not_leave_a_gap() {
    let e = broken(r#"to = "3.00""#, r#"to = "2.90""#);
    assert_eq!(
        e,
        E::Bands("gap between `Rendah` (to 2.90) and `Tinggi` (from 3.00)".into())
    );
}

#[test]
fn predicate_bands_must_not_overlap() {
    let e = broken(r#"to = "3.00""#, r#"to = "3.10""#);
    assert_eq!(
        e,
        E::Bands("`Rendah` (to 3.10) overlaps `Tinggi` (from 3.00)".into())
    );
}

#[test]
fn a_reversed_band_is_rejected() {
    let text = MINI.replacen(
        r#"{ name = "Tinggi", from = "3.00", to = "5.00" },"#,
        r#"{ name = "Tinggi", from = "3.00", to = "5.00" }, { name = "Aneh", from = "4.00", to = "3.50" },"#,
        1,
    );
    assert_eq!(
        Framework::from_toml(&text),
        Err(E::Bands("band `Aneh` is empty or reversed".into()))
    );
}
