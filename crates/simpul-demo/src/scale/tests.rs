use super::*;
use simpul_domain::catalogue::EntityKind;

#[test]
fn generation_is_deterministic_and_valid() {
    let today = simpul_domain::now_utc();
    let spec = ScaleSpec::REGION.divided_by(40);
    let a = generate(3, spec, today).unwrap();
    let b = generate(3, spec, today).unwrap();
    assert_eq!(a.records.len(), b.records.len());
    assert!(a
        .records
        .iter()
        .zip(&b.records)
        .all(|(x, y)| x.id == y.id && x.record == y.record));
    assert_eq!(a.links.len(), b.links.len());
    assert_eq!(a.pds.len(), 30);
    let apps = a
        .records
        .iter()
        .filter(|r| r.kind == EntityKind::Application)
        .count();
    assert_eq!(apps, spec.applications);
    // Links only between the kinds their relation allows.
    let kind_of: std::collections::HashMap<_, _> =
        a.records.iter().map(|r| (r.id, r.kind)).collect();
    for l in &a.links {
        let rel =
            simpul_domain::catalogue::Relation::between(kind_of[&l.from], kind_of[&l.to]).unwrap();
        assert_eq!(rel.code, l.relation);
    }
    let c = generate(4, spec, today).unwrap();
    assert_ne!(a.records[0].id, c.records[0].id);
}

/// The digest of one region generated on a fixed day, recorded when the name pools were
/// Rust literals: moving them to `regions/demo/scale.toml` changed nothing. Editing the
/// pools (or the generator, or the Debug form of its output) changes it on purpose.
#[test]
fn a_region_generated_on_a_fixed_day_is_the_one_the_literal_pools_generated() {
    use sha2::Digest;
    let today = time::macros::datetime!(2026-12-03 10:00 UTC);
    let g = generate(3, ScaleSpec::REGION.divided_by(10), today).unwrap();
    let text = format!("{:?}{:?}{:?}", g.pds, g.records, g.links);
    assert_eq!(
        hex::encode(sha2::Sha256::digest(text.as_bytes())),
        "266a07fe6d82907195b0f2f8555302384ce418188138a0ba24754148836fdc39"
    );
}
