//! Scoped full-text search (`records::stored_search_text`): a search sees only its region (and
//! kind, when one is given), matches word prefixes, follows edits, and the data migration of
//! `0008_search_scope` converts rows stored in the old format. SQLite, and PostgreSQL when
//! `SIMPUL_TEST_POSTGRES_URL` is set.

mod common;

use common::{diskominfo, NOW};
use serde_json::json;
use simpul_domain::catalogue::{EntityKind, RecordInput, ValidRecord};
use simpul_domain::ids::{PdId, RecordId, RegionId};
use simpul_store::bulk;
use simpul_store::records::{self, RecordFilter};
use simpul_store::{migrate, testing, Paging, Store};

fn region(r: u32) -> RegionId {
    common::region(r).id
}

/// Creates region `r` with one PD.
async fn add_region(s: &Store, r: u32) -> PdId {
    let reg = common::region(r);
    let pd = PdId::new();
    let mut tx = s.begin().await.unwrap();
    bulk::insert_synthetic_region(&mut tx, &reg, NOW)
        .await
        .unwrap();
    bulk::insert_pds(&mut tx, &reg.id, &[(pd, diskominfo())], NOW)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    pd
}

fn asset(pd: PdId, name: &str) -> ValidRecord {
    common::server(pd, name, None)
}

fn application(pd: PdId, name: &str) -> ValidRecord {
    RecordInput {
        pd_id: pd.to_string(),
        name: name.into(),
        status: "produksi".into(),
        data: json!({"app_type": "khusus", "audience": ["g2e"], "developer": "dinas", "source_model": "terbuka", "platform": "web"})
            .as_object()
            .cloned()
            .unwrap(),
        ..Default::default()
    }
    .validate(EntityKind::Application)
    .unwrap()
}

async fn insert(s: &Store, r: u32, kind: EntityKind, v: &ValidRecord) -> RecordId {
    let id = RecordId::new();
    let mut tx = s.begin().await.unwrap();
    records::insert(&mut tx, &region(r), id, kind, v, NOW, NOW)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Names of the records of region `r` (and `kind`) matching `q`, sorted.
async fn search(s: &Store, r: u32, kind: Option<EntityKind>, q: &str) -> Vec<String> {
    let f = RecordFilter {
        kind,
        q: q.into(),
        ..Default::default()
    };
    let mut c = s.read().await.unwrap();
    let page = records::list(&mut c, &region(r), &f, Paging::new(None, None))
        .await
        .unwrap();
    assert_eq!(page.total as usize, page.items.len(), "{q}");
    let mut names: Vec<String> = page.items.into_iter().map(|r| r.name).collect();
    names.sort();
    names
}

#[tokio::test]
async fn search_stays_in_its_region_and_kind_and_matches_word_prefixes() {
    for s in testing::fresh_stores().await {
        let pd1 = add_region(&s, 1).await;
        let pd2 = add_region(&s, 2).await;
        insert(
            &s,
            1,
            EntityKind::Asset,
            &asset(pd1, "Rak Jaringan Lantai 2"),
        )
        .await;
        insert(
            &s,
            1,
            EntityKind::Application,
            &application(pd1, "Server Kepegawaian"),
        )
        .await;
        // Region 2 has records with the same words.
        insert(
            &s,
            2,
            EntityKind::Asset,
            &asset(pd2, "Rak Jaringan Lantai 2"),
        )
        .await;
        insert(
            &s,
            2,
            EntityKind::Application,
            &application(pd2, "Server Kepegawaian"),
        )
        .await;
        insert(
            &s,
            2,
            EntityKind::Asset,
            &asset(pd2, "Rak Jaringan Lantai 3"),
        )
        .await;

        let asset_only = ["Rak Jaringan Lantai 2"];
        let both = ["Rak Jaringan Lantai 2", "Server Kepegawaian"];
        assert_eq!(
            search(&s, 1, Some(EntityKind::Asset), "server").await,
            asset_only
        );
        assert_eq!(
            search(&s, 1, Some(EntityKind::Application), "server").await,
            ["Server Kepegawaian"]
        );
        assert_eq!(search(&s, 1, None, "server").await, both, "region-wide");
        assert_eq!(search(&s, 2, None, "lantai").await.len(), 2);
        // Prefixes of the last word and of earlier words, in any order.
        assert_eq!(search(&s, 1, None, "jar lant").await, asset_only);
        assert_eq!(search(&s, 1, None, "lantai ja").await, asset_only);
        assert_eq!(
            search(&s, 1, None, "SERV kepeg").await,
            ["Server Kepegawaian"]
        );
        assert!(search(&s, 1, None, "server gudang").await.is_empty());
        // The old scope words (`zzr…`) made `z` match everything; the scope key is no word.
        assert!(search(&s, 1, None, "z").await.is_empty());
        assert!(search(&s, 1, None, "zzr").await.is_empty());
        assert_eq!(
            search(&s, 1, None, "s").await,
            both,
            "words starting with s"
        );
    }
}

#[tokio::test]
async fn an_edited_record_is_found_by_its_new_words_only() {
    for s in testing::fresh_stores().await {
        let pd = add_region(&s, 1).await;
        let id = insert(
            &s,
            1,
            EntityKind::Application,
            &application(pd, "SIMPEG Lama"),
        )
        .await;
        let mut tx = s.begin().await.unwrap();
        records::update(
            &mut tx,
            &region(1),
            id,
            EntityKind::Application,
            &application(pd, "Sistem Kepegawaian Terpadu"),
            NOW,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        for q in ["terpadu", "kepeg ter", "sistem"] {
            assert_eq!(
                search(&s, 1, Some(EntityKind::Application), q).await,
                ["Sistem Kepegawaian Terpadu"],
                "{q}"
            );
        }
        for q in ["simpeg", "lama"] {
            assert!(search(&s, 1, None, q).await.is_empty(), "{q}");
        }
    }
}

#[tokio::test]
async fn the_data_migration_rewrites_old_format_rows() {
    for s in testing::fresh_stores().await {
        let pd = add_region(&s, 1).await;
        let v = asset(pd, "Switch Inti Gedung A");
        let id = insert(&s, 1, EntityKind::Asset, &v).await;
        // The format of 0003_list_indexes: the record's words and the scope words.
        testing::execute_raw(
            &s,
            "UPDATE records SET search_text = lower(name) || ' server pusat data zzr' || region_id \
             || ' zzk' || replace(kind, '_', '') || 'r' || region_id",
        )
        .await
        .unwrap();
        assert!(search(&s, 1, None, "switch").await.is_empty());
        testing::execute_raw(
            &s,
            "INSERT INTO data_migrations (name, after_id) VALUES ('search_scope', '')",
        )
        .await
        .unwrap();

        assert_eq!(migrate::run_data_migrations(&s).await.unwrap(), 1);
        assert_eq!(
            search(&s, 1, Some(EntityKind::Asset), "swit ged").await,
            ["Switch Inti Gedung A"]
        );
        let stored = testing::count(&s, "SELECT COUNT(*) FROM data_migrations")
            .await
            .unwrap();
        assert_eq!(stored, 0, "done");
        let mut c = s.read().await.unwrap();
        let text: String = sqlx::query_scalar(&format!(
            "SELECT search_text FROM records WHERE id = '{id}'"
        ))
        .fetch_one(&mut *c)
        .await
        .unwrap();
        assert_eq!(
            text,
            records::stored_search_text(&region(1), EntityKind::Asset, &v)
        );
        drop(c);
        // Idempotent: nothing is left to do.
        assert_eq!(migrate::run_data_migrations(&s).await.unwrap(), 0);
        assert!(s.migrate().await.unwrap().is_empty());
    }
}
