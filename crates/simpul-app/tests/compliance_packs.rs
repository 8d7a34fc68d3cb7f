//! The same records under the four region packs (issue 9.11): a concept a regulation lacks
//! never appears in its findings, a domain rule checks the domain its own citation quotes,
//! and Kota Metro's sanctions cite the ayat that makes the violation sanctionable. On SQLite,
//! and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

mod common;

use serde_json::{json, Value};
use simpul_app::identity::actor::TestActor;
use simpul_app::{Actor, App};
use simpul_domain::catalogue::EntityKind;
use simpul_domain::ids::{PdId, RecordId, RegionId};
use simpul_domain::sanction::{DecisionInput, ProposalInput};
use simpul_domain::user::Role;
use simpul_store::findings::{self, Finding};
use simpul_store::testing;

fn metro() -> RegionId {
    RegionId::parse("metro").unwrap()
}

fn person(role: Role, username: &str) -> Actor {
    TestActor::new(role, metro()).username(username).build()
}

async fn app_for(store: simpul_store::Store) -> App {
    common::organisation_app(store).await
}

async fn add(app: &App, pd: PdId, kind: EntityKind, name: &str, data: Value) -> RecordId {
    let status = if kind == EntityKind::Application {
        "produksi"
    } else {
        "aktif"
    };
    let input = common::record_input(pd, name, status, data);
    let sys = Actor::system(metro(), "test");
    app.create_record(&sys, kind, &input).await.unwrap().id
}

async fn active_of(app: &App, subject: RecordId) -> Vec<Finding> {
    let mut c = app.store.read().await.unwrap();
    findings::all(&mut c, &metro())
        .await
        .unwrap()
        .into_iter()
        .filter(|f| f.subject_id == subject.to_string())
        .filter(|f| f.status.is_active())
        .collect()
}

async fn pd(app: &App, code: &str) -> simpul_domain::org::PerangkatDaerah {
    let sys = Actor::system(metro(), "test");
    app.all_pds(&sys)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.code == code)
        .unwrap()
}

#[tokio::test]
async fn an_app_built_by_its_own_pd_raises_no_app3_under_lima_puluh_kota_and_names_no_mandiri_tik()
{
    for store in testing::fresh_stores().await {
        let app = app_for(store).await;
        let admin = person(Role::AdminKominfo, "admin.kominfo");
        let dinkes = pd(&app, "DINKES").await;
        assert!(!dinkes.mandiri_tik);
        // Built by the PD itself (Perbup 47/2018 Pasal 10), not through Dinas.
        let simpus = add(
            &app,
            dinkes.id,
            EntityKind::Application,
            "SIMPUS Lima Puluh Kota",
            json!({"app_type": "khusus", "audience": ["g2e"], "developer": "pd_mandiri_tik",
                   "via_dinas": false, "source_model": "terbuka", "platform": "web"}),
        )
        .await;

        app.set_rule_pack(&admin, Some("limapuluhkota"))
            .await
            .unwrap();
        let found = active_of(&app, simpus).await;
        assert!(
            !found.iter().any(|f| f.rule == "APP-3"),
            "Perbup 47/2018 lets an OPD build its own system: {found:?}"
        );
        // APP-2 (Pasal 16 ayat (2): "mengutamakan pengembangan melalui Dinas") still applies,
        // and names the builder without a status the Perbup does not have.
        let app2 = found.iter().find(|f| f.rule == "APP-2").expect("APP-2");
        assert_eq!(app2.detail.args["developer"], "pd_sendiri");
        for f in &found {
            let json = serde_json::to_string(&f.detail).unwrap();
            assert!(!json.contains("mandiri"), "{json}");
        }
        let mut c = app.store.read().await.unwrap();
        assert!(
            !app.concepts_for(&mut c, &metro())
                .await
                .unwrap()
                .pd_mandiri_tik
        );
        drop(c);
        // PLN-8 under the switched pack counts from Perbup 47/2018's promulgation.
        let snap = app
            .snapshot(
                &metro(),
                simpul_app::compliance::Scope::Region,
                simpul_domain::now_utc().date(),
                &simpul_store::findings::Needs::default(),
            )
            .await
            .unwrap();
        assert_eq!(snap.in_force_on.unwrap().to_string(), "2018-06-29");
        assert!(!snap.concepts.pd_mandiri_tik);

        // Under Perbup Manggarai 52/2021, which has the PD Mandiri TIK, the status is checked.
        app.set_rule_pack(&admin, Some("manggarai")).await.unwrap();
        let found = active_of(&app, simpus).await;
        let app3 = found.iter().find(|f| f.rule == "APP-3").expect("APP-3");
        assert_eq!(app3.detail.key, "builder_not_mandiri_tik");
        let mut c = app.store.read().await.unwrap();
        assert!(
            app.concepts_for(&mut c, &metro())
                .await
                .unwrap()
                .pd_mandiri_tik
        );
    }
}

#[tokio::test]
async fn dom1_under_a_switched_pack_checks_the_domain_its_citation_quotes() {
    for store in testing::fresh_stores().await {
        let app = app_for(store).await;
        let admin = person(Role::AdminKominfo, "admin.kominfo");
        let kominfo = pd(&app, "DISKOMINFO").await;
        let host = "kominfo.metrokota.go.id";
        let dom = add(
            &app,
            kominfo.id,
            EntityKind::Domain,
            host,
            json!({"host": host, "purpose": "website"}),
        )
        .await;
        app.evaluate_region(&metro(), simpul_app::compliance::Scope::Region)
            .await
            .unwrap();
        assert!(
            !active_of(&app, dom).await.iter().any(|f| f.rule == "DOM-1"),
            "under Metro's own pack the domain complies"
        );

        app.set_rule_pack(&admin, Some("limapuluhkota"))
            .await
            .unwrap();
        let found = active_of(&app, dom).await;
        let f = found
            .iter()
            .find(|f| f.rule == "DOM-1")
            .expect("outside the domain Perbup 47/2018 Pasal 14 names");
        let required = &f.detail.args["official"];
        assert_eq!(required, "limapuluhkotakab.go.id");
        let d = app.finding_detail(&admin, &f.id).await.unwrap();
        let cite = d.rule.unwrap().citation;
        assert!(cite.instrument.contains("Lima Puluh Kota"));
        assert!(cite.text.contains(required.as_str()), "{}", cite.text);
    }
}

#[tokio::test]
async fn a_metro_app2_finding_and_its_sanction_cite_pasal_48_ayat_1_beside_pasal_17() {
    for store in testing::fresh_stores().await {
        let app = app_for(store).await;
        let admin = person(Role::AdminKominfo, "admin.kominfo");
        let dinkes = pd(&app, "DINKES").await;
        let rec = add(
            &app,
            dinkes.id,
            EntityKind::Application,
            "e-Klinik",
            json!({"app_type": "khusus", "audience": ["g2e"], "developer": "pihak_ketiga",
                   "via_dinas": false, "source_model": "terbuka", "platform": "web"}),
        )
        .await;
        app.evaluate_region(&metro(), simpul_app::compliance::Scope::Region)
            .await
            .unwrap();
        let f = active_of(&app, rec)
            .await
            .into_iter()
            .find(|f| f.rule == "APP-2")
            .expect("APP-2");
        let d = app.finding_detail(&admin, &f.id).await.unwrap();
        assert_eq!(
            d.rule.as_ref().unwrap().citation.article(),
            "Pasal 17 ayat (1)"
        );
        let basis = d.sanction.expect("sanctionable under Pasal 48 ayat (1)");
        assert_eq!(
            basis.citation,
            "Pasal 48 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019"
        );
        assert!(basis.text.contains("sebagaimana dimaksud dalam Pasal 18"));
        assert_eq!(basis.obligation, "Pasal 17 ayat (1)");

        let s = app
            .propose_sanction(
                &admin,
                &ProposalInput {
                    pd_id: dinkes.id.to_string(),
                    kind: "teguran_tertulis".into(),
                    finding_ids: vec![f.id.clone()],
                    reason: "Dibangun pihak ketiga tanpa melalui Dinas.".into(),
                },
            )
            .await
            .unwrap();
        let view = app.get_sanction(&admin, s.id).await.unwrap();
        assert_eq!(
            view.legal_basis.as_deref(),
            Some("Pasal 48 ayat (1) dan ayat (3) Perda Kota Metro Nomor 8 Tahun 2019")
        );
        let walikota = person(Role::Pimpinan, "walikota");
        let decided = app
            .decide_sanction(
                &walikota,
                s.id,
                &DecisionInput {
                    decision: "ditetapkan".into(),
                    note: None,
                },
            )
            .await
            .unwrap();
        let decision = decided.decision.expect("signed decision");
        assert!(decision.legal_basis.starts_with("Pasal 48 ayat (1)"));
        let signed = decision.findings[0].sanction.as_ref().unwrap();
        assert_eq!(signed.citation, basis.citation);
        assert_eq!(signed.obligation, "Pasal 17 ayat (1)");
    }
}
