//! The store suite: every test runs on SQLite and, when `SIMPUL_TEST_POSTGRES_URL` is set,
//! on PostgreSQL too, each on its own fresh database.

use simpul_domain::audit::verify_chain;
use simpul_domain::ids::{PdId, RegionId, TimMemberId, TokenId, UserId};
use simpul_domain::org::{PdInput, TimMemberInput};
use simpul_domain::region::builtin_packs;
use simpul_domain::user::UserInput;
use simpul_store::audit::{AuditFilter, NewEntry};
use simpul_store::pds::{PdFilter, PdSort};
use simpul_store::{
    audit, pds, regions, sessions, testing, tim, tokens, users, Paging, Store, StoreError,
};

fn metro() -> RegionId {
    RegionId::parse("metro").unwrap()
}

async fn seeded() -> Vec<Store> {
    let stores = testing::fresh_stores().await;
    for s in &stores {
        let mut tx = s.begin().await.unwrap();
        for p in builtin_packs().unwrap() {
            regions::insert_from_pack(&mut tx, &p, "2026-01-01T00:00:00.000000Z")
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
    }
    stores
}

/// How many of Metro's PDs the filter lists.
async fn pds_total(c: &mut simpul_store::Conn, f: &PdFilter) -> i64 {
    let page = pds::list(c, &metro(), f, Paging::new(None, None)).await;
    page.unwrap().total
}

/// How many of Metro's audit entries the filter lists.
async fn audit_total(c: &mut simpul_store::Conn, f: &AuditFilter) -> i64 {
    let page = audit::list(c, "metro", f, Paging::new(None, None)).await;
    page.unwrap().total
}

fn pd_input(code: &str, name: &str) -> PdInput {
    PdInput {
        code: code.into(),
        name: name.into(),
        short_name: code.into(),
        kind: "dinas".into(),
        ..Default::default()
    }
}

async fn add_pd(s: &Store, code: &str, name: &str) -> PdId {
    let id = PdId::new();
    let mut tx = s.begin().await.unwrap();
    pds::insert(
        &mut tx,
        &metro(),
        id,
        &pd_input(code, name).validate().unwrap(),
        "2026-01-01T00:00:00.000000Z",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

#[tokio::test]
async fn migrations_are_idempotent() {
    for s in testing::fresh_stores().await {
        assert!(s.migrate().await.unwrap().is_empty(), "{:?}", s.backend());
        assert!(s.ping().await);
    }
}

#[tokio::test]
async fn region_packs_seed_once_and_read_back() {
    for s in seeded().await {
        let mut c = s.read().await.unwrap();
        let all = regions::list(&mut c).await.unwrap();
        assert_eq!(all.len(), 4);
        let m = regions::get(&mut c, &metro()).await.unwrap().unwrap();
        assert_eq!(m.kode_wilayah, "18.72");
        assert_eq!(m.instrument.short(), "Perda 8/2019");
        let again = regions::insert_from_pack(&mut c, &builtin_packs().unwrap()[0], "x")
            .await
            .unwrap();
        assert!(!again);
    }
}

#[tokio::test]
async fn pd_round_trips_and_duplicate_code_is_a_conflict() {
    for s in seeded().await {
        let id = add_pd(&s, "DISKOMINFO", "Dinas Komunikasi dan Informatika").await;
        let mut c = s.read().await.unwrap();
        let pd = pds::get(&mut c, &metro(), id).await.unwrap().unwrap();
        assert_eq!(pd.code, "DISKOMINFO");
        assert!(!pd.is_kominfo);
        let err = pds::insert(
            &mut c,
            &metro(),
            PdId::new(),
            &pd_input("DISKOMINFO", "X").validate().unwrap(),
            "t",
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Conflict("code")), "{err:?}");
        // Another region is a different tenant: the PD is invisible there.
        let jembrana = RegionId::parse("jembrana").unwrap();
        assert!(pds::get(&mut c, &jembrana, id).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn pd_list_searches_filters_sorts_and_pages() {
    for s in seeded().await {
        for (code, name) in [
            ("DINKES", "Dinas Kesehatan"),
            ("DISDIK", "Dinas Pendidikan"),
            ("BAPPEDA", "Badan Perencanaan 100%_"),
            ("INSP", "Inspektorat"),
        ] {
            add_pd(&s, code, name).await;
        }
        let mut c = s.read().await.unwrap();
        let f = PdFilter {
            q: "dinas".into(),
            ..Default::default()
        };
        let page = pds::list(&mut c, &metro(), &f, Paging::new(Some(1), Some(1)))
            .await
            .unwrap();
        assert_eq!((page.total, page.items.len(), page.pages()), (2, 1, 2));
        assert_eq!(page.items[0].code, "DINKES");
        // LIKE wildcards in the query are literal.
        let f = PdFilter {
            q: "100%_".into(),
            ..Default::default()
        };
        assert_eq!(pds_total(&mut c, &f).await, 1);
        let f = PdFilter {
            q: "%".into(),
            ..Default::default()
        };
        assert_eq!(pds_total(&mut c, &f).await, 1);
        let f = PdFilter {
            sort: PdSort::Code,
            ..Default::default()
        };
        let codes: Vec<String> = pds::list(&mut c, &metro(), &f, Paging::new(None, None))
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(codes, ["BAPPEDA", "DINKES", "DISDIK", "INSP"]);
    }
}

#[tokio::test]
async fn retired_pds_are_hidden_unless_asked_for() {
    for s in seeded().await {
        let id = add_pd(&s, "DISPORA", "Dinas Pemuda dan Olahraga").await;
        let mut c = s.read().await.unwrap();
        pds::set_retired(&mut c, &metro(), id, Some("Digabung"), "t")
            .await
            .unwrap();
        let f = PdFilter::default();
        assert_eq!(pds_total(&mut c, &f).await, 0);
        let f = PdFilter {
            include_retired: true,
            ..Default::default()
        };
        assert_eq!(pds_total(&mut c, &f).await, 1);
    }
}

#[tokio::test]
async fn users_sessions_and_tokens_round_trip() {
    for s in seeded().await {
        let pd = add_pd(&s, "DINKES", "Dinas Kesehatan").await;
        let input = UserInput {
            username: "op.dinkes".into(),
            full_name: "Operator".into(),
            role: "operator_pd".into(),
            pd_id: Some(pd.to_string()),
            ..Default::default()
        };
        let uid = UserId::new();
        let mut c = s.read().await.unwrap();
        users::insert(
            &mut c,
            &metro(),
            uid,
            &input.validate().unwrap(),
            "$argon2id$x",
            "t",
        )
        .await
        .unwrap();
        let (u, hash) = users::by_username(&mut c, "op.dinkes")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (u.id, u.pd_id, hash.as_str()),
            (uid, Some(pd), "$argon2id$x")
        );
        assert!(matches!(
            users::insert(
                &mut c,
                &metro(),
                UserId::new(),
                &input.validate().unwrap(),
                "h",
                "t"
            )
            .await,
            Err(StoreError::Conflict("username"))
        ));

        sessions::insert(
            &mut c,
            "h1",
            uid,
            "csrf",
            "2026-01-01T00:00:00.000000Z",
            "2026-01-02T00:00:00.000000Z",
        )
        .await
        .unwrap();
        assert!(
            sessions::get_live(&mut c, "h1", "2026-01-01T12:00:00.000000Z")
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            sessions::get_live(&mut c, "h1", "2026-01-03T00:00:00.000000Z")
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(sessions::delete_for_user(&mut c, uid).await.unwrap(), 1);

        let tid = TokenId::new();
        tokens::insert(&mut c, tid, uid, "ci", "hash1", "spl_abcd", "t")
            .await
            .unwrap();
        assert_eq!(
            tokens::by_hash(&mut c, "hash1").await.unwrap().unwrap().id,
            tid
        );
        tokens::revoke(&mut c, tid, "t2").await.unwrap();
        assert!(tokens::by_hash(&mut c, "hash1").await.unwrap().is_none());
        assert_eq!(
            tokens::for_user(&mut c, uid).await.unwrap()[0]
                .revoked_at
                .as_deref(),
            Some("t2")
        );
    }
}

#[tokio::test]
async fn tim_members_are_listed_chair_first_and_removed_softly() {
    for s in seeded().await {
        let mut c = s.read().await.unwrap();
        let mk = |n: &str, p: &str| {
            TimMemberInput {
                person_name: n.into(),
                position: p.into(),
                office: "x".into(),
                pd_id: None,
                decree_ref: None,
            }
            .validate()
            .unwrap()
        };
        let a = TimMemberId::new();
        tim::insert(&mut c, &metro(), a, &mk("Anggota Satu", "anggota"), "t")
            .await
            .unwrap();
        tim::insert(
            &mut c,
            &metro(),
            TimMemberId::new(),
            &mk("Sekda", "ketua"),
            "t",
        )
        .await
        .unwrap();
        let cur = tim::current(&mut c, &metro()).await.unwrap();
        assert_eq!(cur[0].person_name, "Sekda");
        tim::remove(&mut c, &metro(), a, "Mutasi", "t")
            .await
            .unwrap();
        assert_eq!(tim::current(&mut c, &metro()).await.unwrap().len(), 1);
    }
}

fn entry(action: &str, id: &str) -> NewEntry {
    NewEntry {
        region: Some("metro".into()),
        actor_id: None,
        actor_name: "admin".into(),
        role: "admin_kominfo".into(),
        action: action.into(),
        entity_type: "pd".into(),
        entity_id: id.into(),
        before: None,
        after: Some(serde_json::json!({"name": id})),
    }
}

async fn verify(s: &Store) -> Result<i64, simpul_domain::audit::ChainBreak> {
    let mut c = s.read().await.unwrap();
    let head = audit::head(&mut c).await.unwrap();
    let all = audit::chain_batch(&mut c, 0, 1_000_000).await.unwrap();
    verify_chain(all, head)
}

#[tokio::test]
async fn audit_chain_appends_verify_and_tampering_is_named() {
    for s in seeded().await {
        for i in 1..=5 {
            let mut tx = s.begin().await.unwrap();
            audit::append(
                &mut tx,
                entry("pd.update", &format!("pd{i}")),
                "2026-01-01T00:00:00.000000Z",
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
        assert_eq!(verify(&s).await, Ok(5));
        let mut c = s.read().await.unwrap();
        let hist = audit::history(&mut c, "metro", "pd", "pd3").await.unwrap();
        assert_eq!(hist.len(), 1);
        let f = AuditFilter {
            action: "pd.".into(),
            from: "2026-01-01".into(),
            to: "2026-01-01".into(),
            ..Default::default()
        };
        assert_eq!(audit_total(&mut c, &f).await, 5);
        let f = AuditFilter {
            to: "2025-12-31".into(),
            ..Default::default()
        };
        assert_eq!(audit_total(&mut c, &f).await, 0);

        sqlx::query("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 3")
            .execute(&mut *c)
            .await
            .unwrap();
        assert_eq!(
            verify(&s).await,
            Err(simpul_domain::audit::ChainBreak::Edited { seq: 3 })
        );
    }
}

#[tokio::test]
async fn a_rolled_back_change_leaves_no_audit_entry() {
    for s in seeded().await {
        {
            let mut tx = s.begin().await.unwrap();
            audit::append(&mut tx, entry("pd.create", "x"), "t")
                .await
                .unwrap();
            // dropped without commit
        }
        assert_eq!(verify(&s).await, Ok(0));
    }
}

#[tokio::test]
async fn concurrent_appends_keep_one_chain() {
    for s in seeded().await {
        let mut handles = Vec::new();
        for i in 0..16 {
            let s = s.clone();
            handles.push(tokio::spawn(async move {
                let mut tx = s.begin().await.unwrap();
                audit::append(&mut tx, entry("pd.update", &format!("p{i}")), "t")
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            }));
        }
        for h in handles {
            h.await.unwrap();
        }
        assert_eq!(verify(&s).await, Ok(16));
    }
}

#[tokio::test]
async fn unknown_scheme_and_missing_sqlite_file_are_clear_errors() {
    let e = Store::connect("mysql://localhost/x", false)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("mysql") && e.contains("sqlite://") && e.contains("postgres://"),
        "{e}"
    );
    let e = Store::connect("sqlite:///nonexistent-dir/typo.db", false)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::MissingDatabase(_)));
}

mod catalogue {
    use super::*;
    use simpul_domain::catalogue::{refarch, EntityKind, RecordInput};
    use simpul_domain::ids::RecordId;
    use simpul_store::records::{self, RecordFilter, RecordSort};

    /// How many of Metro's records the filter lists.
    async fn records_total(c: &mut simpul_store::Conn, f: &RecordFilter) -> i64 {
        let page = records::list(c, &metro(), f, Paging::new(None, None)).await;
        page.unwrap().total
    }

    fn app_input(pd: PdId, name: &str, code: &str) -> RecordInput {
        RecordInput {
            pd_id: pd.to_string(),
            name: name.into(),
            code: Some(code.into()),
            status: "produksi".into(),
            ref_code: Some("RAA.02.02".into()),
            description: Some("Sistem informasi kepegawaian daerah".into()),
            data: serde_json::json!({"app_type": "khusus", "audience": ["g2e"], "developer": "dinas", "source_model": "terbuka", "platform": "web"})
                .as_object()
                .cloned()
                .unwrap(),
        }
    }

    async fn add_app(s: &Store, pd: PdId, name: &str, code: &str) -> RecordId {
        let id = RecordId::new();
        let v = app_input(pd, name, code)
            .validate(EntityKind::Application)
            .unwrap();
        let mut tx = s.begin().await.unwrap();
        records::insert(
            &mut tx,
            &metro(),
            id,
            EntityKind::Application,
            &v,
            "2026-01-01T00:00:00.000000Z",
            "2026-01-01T00:00:00.000000Z",
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    }

    #[tokio::test]
    async fn records_round_trip_search_and_page() {
        for s in seeded().await {
            let pd = add_pd(&s, "BKPSDM", "Badan Kepegawaian").await;
            let other = add_pd(&s, "DINKES", "Dinas Kesehatan").await;
            let a = add_app(&s, pd, "SIMPEG Kota Metro", "SIMPEG").await;
            add_app(&s, other, "SIKDA Generik", "SIKDA").await;
            add_app(&s, other, "E-Puskesmas", "EPUS").await;
            let mut c = s.read().await.unwrap();
            let r = records::get(&mut c, &metro(), a).await.unwrap().unwrap();
            assert_eq!(
                (r.kind, r.code.as_deref(), r.text("developer")),
                (EntityKind::Application, Some("SIMPEG"), Some("dinas"))
            );
            assert_eq!(
                r.to_input().validate(EntityKind::Application).unwrap(),
                app_input(pd, "SIMPEG Kota Metro", "SIMPEG")
                    .validate(EntityKind::Application)
                    .unwrap()
            );

            let f = RecordFilter {
                kind: Some(EntityKind::Application),
                q: "kepegawai".into(),
                ..Default::default()
            };
            let page = records::list(&mut c, &metro(), &f, Paging::new(None, None))
                .await
                .unwrap();
            assert_eq!(
                page.total, 3,
                "prefix search in the description matches all three"
            );
            let f = RecordFilter {
                kind: Some(EntityKind::Application),
                q: "sikda gener".into(),
                ..Default::default()
            };
            let page = records::list(&mut c, &metro(), &f, Paging::new(None, None))
                .await
                .unwrap();
            assert_eq!(
                page.items
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>(),
                ["SIKDA Generik"]
            );
            let f = RecordFilter {
                q: "\"; DROP TABLE records; --".into(),
                ..Default::default()
            };
            assert_eq!(records_total(&mut c, &f).await, 0);
            let f = RecordFilter {
                pd: Some(other),
                sort: RecordSort::Code,
                ..Default::default()
            };
            let page = records::list(&mut c, &metro(), &f, Paging::new(Some(1), Some(1)))
                .await
                .unwrap();
            assert_eq!(
                (page.total, page.items[0].code.as_deref()),
                (2, Some("EPUS"))
            );
            let dup = app_input(pd, "Lain", "SIMPEG")
                .validate(EntityKind::Application)
                .unwrap();
            let e = records::insert(
                &mut c,
                &metro(),
                RecordId::new(),
                EntityKind::Application,
                &dup,
                "t",
                "t",
            )
            .await
            .unwrap_err();
            assert!(matches!(e, StoreError::Conflict("code")));
            let counts = records::count_by_kind(&mut c, &metro(), Some(other))
                .await
                .unwrap();
            assert_eq!(counts, [(EntityKind::Application, 2)]);
        }
    }

    #[tokio::test]
    async fn edits_reindex_search_and_links_are_seen_from_both_ends() {
        for s in seeded().await {
            let pd = add_pd(&s, "BKPSDM", "Badan Kepegawaian").await;
            let a = add_app(&s, pd, "SIMPEG", "SIMPEG").await;
            let b = add_app(&s, pd, "E-Kinerja", "EKIN").await;
            let mut c = s.read().await.unwrap();
            let mut input = app_input(pd, "SIMPEG Terpadu", "SIMPEG");
            input.description = Some("absensi".into());
            records::update(
                &mut c,
                &metro(),
                a,
                EntityKind::Application,
                &input.validate(EntityKind::Application).unwrap(),
                "t2",
            )
            .await
            .unwrap();
            let f = RecordFilter {
                q: "terpadu absensi".into(),
                ..Default::default()
            };
            assert_eq!(records_total(&mut c, &f).await, 1);
            records::add_link(&mut c, &metro(), b, a, "integrates_with", "t")
                .await
                .unwrap();
            assert!(matches!(
                records::add_link(&mut c, &metro(), b, a, "integrates_with", "t").await,
                Err(StoreError::Conflict("link"))
            ));
            assert_eq!(
                records::links_from(&mut c, b).await.unwrap()[0].name,
                "SIMPEG Terpadu"
            );
            assert_eq!(
                records::links_to(&mut c, a).await.unwrap()[0].name,
                "E-Kinerja"
            );
            assert_eq!(
                records::remove_link(&mut c, &metro(), b, a, "integrates_with")
                    .await
                    .unwrap(),
                1
            );
            records::set_retired(&mut c, &metro(), a, "dihentikan", Some("Diganti"), "t3")
                .await
                .unwrap();
            let f = RecordFilter::default();
            assert_eq!(records_total(&mut c, &f).await, 1);
        }
    }

    /// The list total with the kept counts, and the same filter counted row by row.
    async fn kept_and_counted(c: &mut simpul_store::Conn, f: &RecordFilter) -> (i64, i64) {
        let kept = records_total(c, f).await;
        let mut sql = "SELECT COUNT(*) FROM records WHERE region_id = 'metro'".to_owned();
        if let Some(k) = f.kind {
            sql += &format!(" AND kind = '{}'", k.code());
        }
        if let Some(p) = f.pd {
            sql += &format!(" AND pd_id = '{p}'");
        }
        if let Some(st) = &f.status {
            sql += &format!(" AND status = '{st}'");
        }
        if !f.include_retired {
            sql += " AND retired_reason IS NULL";
        }
        let counted: i64 = sqlx::query_scalar(&sql).fetch_one(&mut *c).await.unwrap();
        (kept, counted)
    }

    #[tokio::test]
    async fn list_totals_kept_by_the_triggers_equal_a_count_after_every_kind_of_write() {
        for s in seeded().await {
            let pd = add_pd(&s, "BKPSDM", "Badan Kepegawaian").await;
            let other = add_pd(&s, "DINKES", "Dinas Kesehatan").await;
            let a = add_app(&s, pd, "SIMPEG", "SIMPEG").await;
            let b = add_app(&s, pd, "E-Kinerja", "EKIN").await;
            let gone = add_app(&s, other, "SIKDA", "SIKDA").await;
            add_app(&s, other, "E-Puskesmas", "EPUS").await;
            let mut c = s.read().await.unwrap();
            // An edit that moves a record to another PD and status, one that changes neither,
            // a retirement, a deletion.
            let mut moved = app_input(other, "SIMPEG", "SIMPEG");
            moved.status = "pengembangan".into();
            let v = moved.validate(EntityKind::Application).unwrap();
            records::update(&mut c, &metro(), a, EntityKind::Application, &v, "t2")
                .await
                .unwrap();
            let same = app_input(pd, "E-Kinerja Baru", "EKIN")
                .validate(EntityKind::Application)
                .unwrap();
            records::update(&mut c, &metro(), b, EntityKind::Application, &same, "t2")
                .await
                .unwrap();
            records::set_retired(&mut c, &metro(), b, "dihentikan", Some("Diganti"), "t3")
                .await
                .unwrap();
            sqlx::query(&format!("DELETE FROM records WHERE id = '{gone}'"))
                .execute(&mut *c)
                .await
                .unwrap();
            let app = Some(EntityKind::Application);
            let filters = [
                RecordFilter::default(),
                RecordFilter {
                    kind: app,
                    ..Default::default()
                },
                RecordFilter {
                    kind: app,
                    include_retired: true,
                    ..Default::default()
                },
                RecordFilter {
                    kind: app,
                    pd: Some(pd),
                    ..Default::default()
                },
                RecordFilter {
                    kind: app,
                    pd: Some(pd),
                    include_retired: true,
                    ..Default::default()
                },
                RecordFilter {
                    kind: app,
                    pd: Some(other),
                    ..Default::default()
                },
                RecordFilter {
                    kind: app,
                    status: Some("produksi".into()),
                    ..Default::default()
                },
                RecordFilter {
                    kind: app,
                    pd: Some(other),
                    status: Some("pengembangan".into()),
                    ..Default::default()
                },
                RecordFilter {
                    kind: Some(EntityKind::Dataset),
                    ..Default::default()
                },
            ];
            let expected = [2, 2, 3, 0, 1, 2, 1, 1, 0];
            for (f, n) in filters.iter().zip(expected) {
                assert_eq!(
                    kept_and_counted(&mut c, f).await,
                    (n, n),
                    "{f:?} on {:?}",
                    s.backend()
                );
            }
        }
    }

    #[tokio::test]
    async fn reference_codes_load_and_rename() {
        for s in seeded().await {
            let mut c = s.read().await.unwrap();
            for code in refarch::parse(refarch::BUILTIN).unwrap() {
                records::upsert_ref(&mut c, &code, "t").await.unwrap();
            }
            let ral = records::refs(&mut c, Some("RAL")).await.unwrap();
            assert!(ral.iter().any(|r| r.code == "RAL.02.06"));
            records::upsert_ref(
                &mut c,
                &refarch::RefCode {
                    code: "RAL.02.06".into(),
                    name: "Manajemen ASN".into(),
                },
                "t",
            )
            .await
            .unwrap();
            let all = records::refs(&mut c, None).await.unwrap();
            assert_eq!(
                all.iter().find(|r| r.code == "RAL.02.06").unwrap().name,
                "Manajemen ASN"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn planner_statistics_can_be_refreshed_by_several_jobs_at_once() {
    for s in testing::fresh_stores().await {
        let runs: Vec<_> = (0..24)
            .map(|_| {
                let s = s.clone();
                tokio::spawn(async move { s.optimize_planner().await })
            })
            .collect();
        for r in runs {
            r.await.unwrap().unwrap();
        }
    }
}
