//! The compliance engine on the Kota Metro demo (issue 4 acceptance): the deliberate gaps of
//! the demo catalogue are findings with Metro's citations; the same data under the Manggarai
//! pack shows Manggarai's rules and citations; fixing a record closes its finding at once.
//! Runs on SQLite, and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

use simpul_app::compliance::Scope;
use simpul_app::identity::actor::TestActor;
use simpul_app::{Actor, App, AppConfig};
use simpul_domain::catalogue::EntityKind;
use simpul_domain::compliance::FindingStatus;
use simpul_domain::ids::RegionId;
use simpul_domain::user::Role;
use simpul_store::findings::{self, Finding};
use simpul_store::{records, testing};
use std::collections::{BTreeSet, HashMap};

fn admin(region: &RegionId) -> Actor {
    TestActor::new(Role::AdminKominfo, region.clone())
        .username("admin.kominfo")
        .full_name("Admin")
        .build()
}

/// Active findings of a rule, by record code (or subject name when the record has none).
fn active(all: &[Finding], codes: &HashMap<String, String>, rule: &str) -> BTreeSet<String> {
    all.iter()
        .filter(|f| f.rule == rule && f.status.is_active())
        .map(|f| {
            codes
                .get(&f.subject_id)
                .cloned()
                .unwrap_or_else(|| f.subject_name.clone())
        })
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

async fn record_codes(app: &App, region: &RegionId) -> HashMap<String, String> {
    let mut c = app.store.read().await.unwrap();
    let mut out = HashMap::new();
    for kind in [EntityKind::Application, EntityKind::Domain] {
        for r in records::all_of_kind(&mut c, region, kind).await.unwrap() {
            out.insert(r.id.to_string(), r.code.clone().unwrap_or(r.name.clone()));
        }
    }
    for p in simpul_store::pds::all(&mut c, region).await.unwrap() {
        out.insert(p.id.to_string(), p.code.clone());
    }
    out
}

#[tokio::test]
async fn metro_demo_gaps_are_findings_with_metro_citations_and_manggarai_pack_cites_its_own() {
    for store in testing::fresh_stores().await {
        let app = App::new(store.clone(), AppConfig::default());
        simpul_demo::seed(&app).await.unwrap();
        let metro = RegionId::parse("metro").unwrap();
        let codes = record_codes(&app, &metro).await;
        let all = findings::all(&mut store.read().await.unwrap(), &metro)
            .await
            .unwrap();

        assert_eq!(active(&all, &codes, "APP-2"), set(&["EBPHTB", "SIMRS"]));
        assert_eq!(
            active(&all, &codes, "APP-4"),
            set(&["EPARLEMEN", "SIMPATDA"])
        );
        assert_eq!(
            active(&all, &codes, "DOM-1"),
            set(&["dinkes-metro.com", "ppdbmetro.id", "sikdametro.go.id"])
        );
        assert_eq!(active(&all, &codes, "DOM-2"), set(&["DINKES", "DISDIKBUD"]));
        assert_eq!(
            active(&all, &codes, "DAT-2"),
            set(&[
                "Data Harga Kebutuhan Pokok Harian",
                "Data Jalan Kota",
                "Data Produksi Padi dan Palawija",
                "Data Realisasi Pendapatan Daerah"
            ])
        );
        assert_eq!(active(&all, &codes, "DAT-3").len(), 4);
        // Rules Metro's Perda does not contain are not evaluated there.
        for rule in ["APP-3", "APP-11", "APP-15", "INF-5", "DAT-7", "DOM-3"] {
            assert!(active(&all, &codes, rule).is_empty(), "{rule}");
        }

        let sys = admin(&metro);
        let overview = app.compliance_overview(&sys).await.unwrap();
        assert_eq!(overview.pack.as_deref(), Some("metro"));
        let cite = |o: &simpul_app::compliance::findings::Overview, rule: &str| {
            let r = o
                .rules
                .iter()
                .find(|r| r.config.rule.code() == rule)
                .unwrap();
            (r.config.citation.full(), r.state.clone())
        };
        let (c, state) = cite(&overview, "DOM-1");
        assert!(c.starts_with("Pasal 28") && c.contains("Kota Metro"), "{c}");
        assert_eq!(state, "checked");
        assert_eq!(
            cite(&overview, "APP-2").0,
            "Pasal 17 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019"
        );
        assert_eq!(cite(&overview, "EVA-1").1, "no_data");
        assert_eq!(cite(&overview, "PLN-8").1, "transition");
        assert!(overview.percent < 100 && overview.pds.len() == 30);

        // The same data under Manggarai's Perbup.
        app.set_rule_pack(&sys, Some("manggarai")).await.unwrap();
        let all = findings::all(&mut store.read().await.unwrap(), &metro)
            .await
            .unwrap();
        assert_eq!(active(&all, &codes, "INF-5").len(), 14);
        assert_eq!(active(&all, &codes, "DAT-7").len(), 19);
        assert!(active(&all, &codes, "DOM-3").contains("DINKES"));
        assert!(
            active(&all, &codes, "APP-2").is_empty(),
            "APP-2 is not in Perbup 52/2021"
        );
        let resolved = all
            .iter()
            .filter(|f| f.rule == "APP-2" && f.status == FindingStatus::Diselesaikan)
            .count();
        assert_eq!(resolved, 2);
        let overview = app.compliance_overview(&sys).await.unwrap();
        let (c, _) = cite(&overview, "DOM-1");
        assert!(
            c.starts_with("Pasal 17 ayat (2)") && c.contains("Manggarai"),
            "{c}"
        );
        assert!(cite(&overview, "INF-5").0.starts_with("Pasal 16"));

        // And back: Metro's findings reopen.
        app.set_rule_pack(&sys, None).await.unwrap();
        let all = findings::all(&mut store.read().await.unwrap(), &metro)
            .await
            .unwrap();
        assert_eq!(active(&all, &codes, "APP-2"), set(&["EBPHTB", "SIMRS"]));
        assert!(active(&all, &codes, "INF-5").is_empty());
    }
}

#[tokio::test]
async fn fixing_a_record_closes_its_finding_and_breaking_it_again_reopens_it() {
    for store in testing::fresh_stores().await {
        let app = App::new(store.clone(), AppConfig::default());
        simpul_demo::seed(&app).await.unwrap();
        let metro = RegionId::parse("metro").unwrap();
        let sys = admin(&metro);
        let mut c = store.read().await.unwrap();
        let app_rec = records::get_by_code(&mut c, &metro, EntityKind::Application, "EBPHTB")
            .await
            .unwrap()
            .unwrap();
        drop(c);
        let finding = |app: &App| {
            let store = app.store.clone();
            let id = app_rec.id.to_string();
            async move {
                let mut c = store.read().await.unwrap();
                findings::of_subject(&mut c, &metro_id(), &id)
                    .await
                    .unwrap()
                    .into_iter()
                    .find(|f| f.rule == "APP-2")
                    .unwrap()
            }
        };
        assert_eq!(finding(&app).await.status, FindingStatus::Terbuka);

        let mut input = app_rec.to_input();
        input
            .data
            .insert("via_dinas".into(), serde_json::json!(true));
        app.update_record(&sys, app_rec.id, &input).await.unwrap();
        let f = finding(&app).await;
        assert_eq!(f.status, FindingStatus::Diselesaikan);
        assert!(f.resolved_at.is_some());

        input
            .data
            .insert("via_dinas".into(), serde_json::json!(false));
        app.update_record(&sys, app_rec.id, &input).await.unwrap();
        let f = finding(&app).await;
        assert_eq!(f.status, FindingStatus::Terbuka);
        let events = simpul_store::case_events::of_case(
            &mut store.read().await.unwrap(),
            metro.as_str(),
            "finding",
            &f.id,
        )
        .await
        .unwrap();
        let steps: Vec<(&str, &str)> = events
            .iter()
            .map(|e| (e.step.as_str(), e.to_state.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                ("open", "terbuka"),
                ("resolve", "diselesaikan"),
                ("reopen", "terbuka")
            ]
        );
        // The engine's steps name the platform's system actor, not the user who edited.
        assert!(events
            .iter()
            .all(|e| e.role == "system" && e.actor_name == "system" && e.actor_id.is_none()));

        // A full evaluation right after changes nothing.
        let s = app.evaluate_region(&metro, Scope::Region).await.unwrap();
        assert_eq!((s.opened, s.reopened, s.resolved), (0, 0, 0));
    }
}

#[tokio::test]
async fn a_full_evaluation_confirms_open_findings_and_a_resolved_one_keeps_its_last_sighting() {
    for store in testing::fresh_stores().await {
        let app = App::new(store.clone(), AppConfig::default());
        simpul_demo::seed(&app).await.unwrap();
        let metro = metro_id();
        let of_rule = |rule: &'static str| {
            let store = store.clone();
            async move {
                let mut c = store.read().await.unwrap();
                findings::all(&mut c, &metro_id())
                    .await
                    .unwrap()
                    .into_iter()
                    .filter(|f| f.rule == rule)
                    .collect::<Vec<_>>()
            }
        };
        let before = of_rule("APP-2").await;
        app.evaluate_region(&metro, Scope::Region).await.unwrap();
        let after = of_rule("APP-2").await;
        for (b, a) in before.iter().zip(&after) {
            assert!(
                a.last_seen > b.last_seen,
                "{} not confirmed",
                a.subject_name
            );
            assert_eq!(a.first_seen, b.first_seen);
        }
        let confirmed = after[0].last_seen.clone();

        // Fixing the record resolves its finding; it was last seen at the evaluation before.
        let mut c = store.read().await.unwrap();
        let rec = records::get(&mut c, &metro, after[0].subject_id.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        drop(c);
        let mut input = rec.to_input();
        input
            .data
            .insert("via_dinas".into(), serde_json::json!(true));
        app.update_record(&admin(&metro), rec.id, &input)
            .await
            .unwrap();
        app.evaluate_region(&metro, Scope::Region).await.unwrap();
        let resolved = of_rule("APP-2")
            .await
            .into_iter()
            .find(|f| f.id == after[0].id)
            .unwrap();
        assert_eq!(resolved.status, FindingStatus::Diselesaikan);
        assert_eq!(resolved.last_seen, confirmed);
    }
}

fn metro_id() -> RegionId {
    RegionId::parse("metro").unwrap()
}

#[tokio::test]
async fn a_pd_calendar_read_for_that_pd_alone_is_the_region_calendar_of_that_pd() {
    for store in testing::fresh_stores().await {
        let app = App::new(store.clone(), AppConfig::default());
        simpul_demo::seed(&app).await.unwrap();
        let metro = RegionId::parse("metro").unwrap();
        let today = simpul_app::deadlines::region_today(&metro);
        let all = app.region_deadlines(&metro, today).await.unwrap();
        let pds = simpul_store::pds::all(&mut store.read().await.unwrap(), &metro)
            .await
            .unwrap();
        let mut seen = 0;
        for p in pds {
            let of_pd: Vec<_> = all
                .iter()
                .filter(|d| d.subject.pd == Some(p.id))
                .cloned()
                .collect();
            seen += of_pd.len();
            let cal = app.calendar(&admin(&metro), Some(p.id)).await.unwrap();
            assert_eq!(cal, of_pd, "{} on {:?}", p.code, store.backend());
        }
        assert!(seen > 0, "the demo has PD deadlines");
    }
}
