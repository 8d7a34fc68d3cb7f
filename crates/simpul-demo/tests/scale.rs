//! `simpul demo --scale`: synthetic regions loaded in bulk are valid, audited by one entry per
//! region (the chain stays intact), searchable, reachable by their admin account, and not
//! loaded twice. SQLite, and PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

use simpul_app::{Actor, App, AppConfig, Paging};
use simpul_demo::scale::{synthetic_admin, ScaleSpec};
use simpul_domain::catalogue::EntityKind;
use simpul_store::records::RecordFilter;
use simpul_store::testing;

#[tokio::test]
async fn synthetic_regions_are_loaded_once_audited_and_searchable() {
    for store in testing::fresh_stores().await {
        let app = App::new(store.clone(), AppConfig::default());
        app.ensure_regions().await.unwrap();
        app.ensure_ref_codes().await.unwrap();
        let spec = ScaleSpec::REGION.divided_by(50);
        let audit_before = testing::count(&store, "SELECT COUNT(*) FROM audit_log")
            .await
            .unwrap();

        let mut seen = Vec::new();
        let loads =
            simpul_demo::scale::seed_scale(&app, 2, spec, |l| seen.push(l.region.to_string()))
                .await
                .unwrap();
        assert_eq!(seen, ["sintetis01", "sintetis02"]);
        assert!(loads
            .iter()
            .all(|l| l.created && l.records > spec.applications + spec.assets && l.links > 0));
        let per_region = testing::count(
            &store,
            "SELECT COUNT(*) FROM records WHERE region_id = 'sintetis02'",
        )
        .await
        .unwrap();
        assert_eq!(per_region as usize, loads[1].records);
        assert_eq!(
            testing::count(
                &store,
                "SELECT COUNT(*) FROM pds WHERE region_id = 'sintetis01'"
            )
            .await
            .unwrap(),
            30
        );
        // One summary entry per region, plus the creation of each region's admin account.
        let entries = testing::count(
            &store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'region.synthetic_seed'",
        )
        .await
        .unwrap();
        assert_eq!(entries, 2);
        assert_eq!(
            testing::count(&store, "SELECT COUNT(*) FROM audit_log")
                .await
                .unwrap(),
            audit_before + 4
        );
        assert!(app.verify_audit_chain().await.unwrap().is_ok());

        // The region's admin sees its own records, and search stays inside the region.
        let admin = app.user_by_username(&synthetic_admin(1)).await.unwrap();
        let actor = Actor::from_user(&admin);
        assert_eq!(actor.region().as_str(), "sintetis01");
        let f = RecordFilter {
            kind: Some(EntityKind::Application),
            ..Default::default()
        };
        let page = app
            .list_records(&actor, &f, Paging::new(None, None))
            .await
            .unwrap();
        assert!(page.total > 0 && page.items.iter().all(|r| r.region == *actor.region()));
        let first = page.items[0].name.split(' ').next().unwrap().to_owned();
        let f = RecordFilter {
            kind: Some(EntityKind::Application),
            q: first.clone(),
            ..Default::default()
        };
        let found = app
            .list_records(&actor, &f, Paging::new(None, Some(200)))
            .await
            .unwrap();
        assert!(
            found.total > 0
                && found
                    .items
                    .iter()
                    .all(|r| r.region == *actor.region() && r.name.starts_with(&first)),
            "{first}"
        );
        let detail = app.record_detail(&actor, page.items[0].id).await.unwrap();
        assert!(
            !detail.depends_on.is_empty()
                || !detail.depended_on_by.is_empty()
                || page.items[0].retired_reason.is_some()
        );

        // A second run keeps the existing regions and adds only the new one.
        let loads = simpul_demo::scale::seed_scale(&app, 3, spec, |_| {})
            .await
            .unwrap();
        assert_eq!(
            loads.iter().map(|l| l.created).collect::<Vec<_>>(),
            [false, false, true]
        );
        assert_eq!(
            testing::count(
                &store,
                "SELECT COUNT(*) FROM records WHERE region_id = 'sintetis02'"
            )
            .await
            .unwrap(),
            per_region
        );
        assert!(app.verify_audit_chain().await.unwrap().is_ok());
        store.close().await;
    }
}
