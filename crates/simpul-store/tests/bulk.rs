//! Bulk loading (`simpul_store::bulk`) and the scoped full-text search it relies on: records
//! loaded in bulk are found like records written one by one, a search never returns another
//! region's records, and bulk inserts and updates store the same scoped search text. SQLite, and PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

mod common;

use common::{diskominfo, region, NOW};
use simpul_domain::catalogue::{EntityKind, ValidRecord};
use simpul_domain::ids::{PdId, RecordId};
use simpul_store::bulk::{self, BulkLink, BulkRecord};
use simpul_store::records::{self, RecordFilter};
use simpul_store::{testing, Paging, Store};

fn asset(pd: PdId, name: &str, code: &str) -> ValidRecord {
    common::server(pd, name, Some(code))
}

/// Loads a region with one PD and `n` servers, the first linked to the second; returns the PD
/// and the record ids.
async fn load(s: &Store, r: u32, n: usize) -> (PdId, Vec<RecordId>) {
    let reg = region(r);
    let pd = PdId::new();
    let rows: Vec<BulkRecord> = (0..n)
        .map(|i| BulkRecord {
            id: RecordId::new(),
            kind: EntityKind::Asset,
            record: asset(
                pd,
                &format!("Server Pusat Data {i:04}"),
                &format!("SRV-{i:04}"),
            ),
            retired_reason: (i == n - 1).then(|| "rusak".to_owned()),
            created_at: NOW.into(),
            updated_at: NOW.into(),
        })
        .collect();
    let ids: Vec<RecordId> = rows.iter().map(|r| r.id).collect();
    let links = [BulkLink {
        from: ids[0],
        to: ids[1],
        relation: "connected_to",
    }];
    let mut tx = s.begin().await.unwrap();
    assert!(bulk::insert_synthetic_region(&mut tx, &reg, NOW)
        .await
        .unwrap());
    assert!(!bulk::insert_synthetic_region(&mut tx, &reg, NOW)
        .await
        .unwrap());
    bulk::insert_pds(&mut tx, &reg.id, &[(pd, diskominfo())], NOW)
        .await
        .unwrap();
    assert_eq!(
        bulk::insert_records(&mut tx, &reg.id, &rows).await.unwrap(),
        n as u64
    );
    assert_eq!(
        bulk::insert_links(&mut tx, &reg.id, &links, NOW)
            .await
            .unwrap(),
        1
    );
    tx.commit().await.unwrap();
    (pd, ids)
}

#[tokio::test]
async fn bulk_loaded_records_are_listed_searched_and_linked_within_their_region_only() {
    for s in testing::fresh_stores().await {
        // More rows than one INSERT statement holds.
        let (pd, ids) = load(&s, 1, 1_203).await;
        load(&s, 2, 10).await;
        let r1 = region(1).id;
        let mut c = s.read().await.unwrap();

        let assets = |q: &str| RecordFilter {
            kind: Some(EntityKind::Asset),
            q: q.into(),
            ..Default::default()
        };
        let page = records::list(&mut c, &r1, &assets(""), Paging::new(None, None))
            .await
            .unwrap();
        assert_eq!(page.total, 1_202, "the retired one is left out");
        assert_eq!(page.items[0].name, "Server Pusat Data 0000");
        let page = records::list(
            &mut c,
            &r1,
            &assets("server pusat"),
            Paging::new(Some(3), Some(100)),
        )
        .await
        .unwrap();
        assert_eq!(
            (page.total, page.items.len()),
            (1_202, 100),
            "only region 1's"
        );
        assert_eq!(page.items[0].name, "Server Pusat Data 0200");
        for q in ["srv 001", "server 0012", "SRV-0012"] {
            let page = records::list(&mut c, &r1, &assets(q), Paging::new(None, None))
                .await
                .unwrap();
            assert!(
                page.items
                    .iter()
                    .any(|r| r.code.as_deref() == Some("SRV-0012")),
                "{q}"
            );
        }
        // Region-wide search (no kind) and filters with a search.
        let f = RecordFilter {
            q: "pusat".into(),
            pd: Some(pd),
            status: Some("operasi".into()),
            include_retired: true,
            ..Default::default()
        };
        let page = records::list(&mut c, &r1, &f, Paging::new(None, None))
            .await
            .unwrap();
        assert_eq!(page.total, 1_203);
        let to = records::links_to(&mut c, ids[1]).await.unwrap();
        assert_eq!((to.len(), to[0].relation.as_str()), (1, "connected_to"));

        // An update with the same values stores the same scoped text as the bulk insert.
        let before = stored(&mut c, ids[5]).await;
        drop(c);
        let v = asset(pd, "Server Pusat Data 0005", "SRV-0005");
        assert_eq!(
            before,
            records::stored_search_text(&r1, EntityKind::Asset, &v)
        );
        let mut tx = s.begin().await.unwrap();
        records::update(&mut tx, &r1, ids[5], EntityKind::Asset, &v, NOW)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut c = s.read().await.unwrap();
        assert_eq!(stored(&mut c, ids[5]).await, before);
    }
}

#[tokio::test]
async fn the_data_migration_rewrites_old_format_rows_in_batches() {
    for s in testing::fresh_stores().await {
        // More rows than one batch (1,000) of the migration.
        load(&s, 1, 1_203).await;
        let r1 = region(1).id;
        testing::execute_raw(
            &s,
            "UPDATE records SET search_text = lower(name) || ' zzr' || region_id \
             || ' zzk' || replace(kind, '_', '') || 'r' || region_id",
        )
        .await
        .unwrap();
        testing::execute_raw(
            &s,
            "INSERT INTO data_migrations (name, after_id) VALUES ('search_scope', '')",
        )
        .await
        .unwrap();
        assert_eq!(
            simpul_store::migrate::run_data_migrations(&s)
                .await
                .unwrap(),
            1_203
        );
        let f = RecordFilter {
            kind: Some(EntityKind::Asset),
            q: "server pusat".into(),
            include_retired: true,
            ..Default::default()
        };
        let mut c = s.read().await.unwrap();
        let page = records::list(&mut c, &r1, &f, Paging::new(None, None))
            .await
            .unwrap();
        assert_eq!(page.total, 1_203);
    }
}

async fn stored(c: &mut simpul_store::Conn, id: RecordId) -> String {
    sqlx::query_scalar::<_, String>(&format!(
        "SELECT search_text FROM records WHERE id = '{id}'"
    ))
    .fetch_one(c)
    .await
    .unwrap()
}
