//! The Kota Metro demo catalogue: volumes, the deliberate compliance gaps listed in
//! `src/catalogue.rs` (each checked here the way the compliance engine will, so the
//! demo stays exactly as documented), a valid audit chain and idempotent seeding. Seeds as on
//! Metro's today and as on the first day of a year (the LAN diagrams of "this year" are then
//! dated that day). Runs on SQLite, and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

use simpul_app::{Actor, App, AppConfig};
use simpul_domain::catalogue::{EntityKind, Record, UpdateFrequency};
use simpul_domain::ids::RegionId;
use simpul_store::{records, testing};
use std::collections::{BTreeSet, HashMap};
use time::Date;

fn date_before(today: Date, days_ago: i64) -> String {
    let d = today - time::Duration::days(days_ago);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn codes<'a>(it: impl Iterator<Item = &'a Record>) -> BTreeSet<String> {
    it.map(|r| r.code.clone().unwrap_or_else(|| r.name.clone()))
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn the_metro_demo_catalogue_has_its_volumes_and_its_documented_gaps() {
    let metro = RegionId::parse("metro").unwrap();
    let metro_today = simpul_app::deadlines::region_today(&metro);
    for today in [metro_today, time::macros::date!(2027 - 01 - 01)] {
        the_catalogue_seeded_on(today).await;
    }
}

async fn the_catalogue_seeded_on(today: Date) {
    let date = |days_ago| date_before(today, days_ago);
    for store in testing::fresh_stores().await {
        let app = App::new(store.clone(), AppConfig::default());
        assert!(simpul_demo::seed_on(&app, today).await.unwrap().demo_seeded);
        let metro = RegionId::parse("metro").unwrap();
        let sys = Actor::system(metro.clone(), "test");

        let counts: HashMap<EntityKind, i64> = app
            .record_counts(&sys, None)
            .await
            .unwrap()
            .into_iter()
            .collect();
        for (kind, min) in [
            (EntityKind::Application, 40),
            (EntityKind::Service, 30),
            (EntityKind::BusinessProcess, 10),
            (EntityKind::Dataset, 40),
            (EntityKind::Asset, 100),
            (EntityKind::Domain, 25),
            (EntityKind::LanDiagram, 20),
            (EntityKind::LanChange, 3),
            (EntityKind::BackupReport, 15),
        ] {
            assert!(
                counts.get(&kind).copied().unwrap_or(0) >= min,
                "{kind:?}: {counts:?}"
            );
        }
        let links = testing::count(
            &store,
            "SELECT COUNT(*) FROM record_links WHERE region_id = 'metro'",
        )
        .await
        .unwrap();
        assert!(links >= 250, "{links} links");

        let mut c = store.read().await.unwrap();
        let mut all = HashMap::new();
        for kind in EntityKind::ALL {
            all.insert(
                kind,
                records::all_of_kind(&mut c, &metro, kind).await.unwrap(),
            );
        }
        drop(c);
        let pds = app.all_pds(&sys).await.unwrap();
        let pd_code: HashMap<_, _> = pds.iter().map(|p| (p.id, p.code.clone())).collect();
        let active = |kind: EntityKind| all[&kind].iter().filter(|r| r.retired_reason.is_none());
        let apps = || active(EntityKind::Application);
        let production = || apps().filter(|a| a.status == "produksi");
        let shared = |a: &Record| a.text("shared_from").is_some();

        // APP-2: built by a third party, not through Dinas.
        let app2 = codes(
            apps().filter(|a| a.text("developer") == Some("pihak_ketiga") && !a.flag("via_dinas")),
        );
        assert_eq!(app2, set(&["EBPHTB", "SIMRS"]));
        // APP-3: "built by a PD Mandiri TIK" whose PD is not one.
        let app3 = codes(apps().filter(|a| {
            a.text("developer") == Some("pd_mandiri_tik")
                && !pds.iter().any(|p| p.id == a.pd_id && p.mandiri_tik)
        }));
        assert_eq!(app3, set(&["SIPARKIR"]));
        // APP-4: closed source, not shared, without the minister's consideration.
        let app4 = codes(apps().filter(|a| {
            a.text("source_model") == Some("tertutup")
                && !shared(a)
                && a.text("kominfo_consideration_ref").is_none()
        }));
        assert_eq!(app4, set(&["EPARLEMEN", "SIMPATDA"]));
        // APP-11: two production apps for one function in one PD.
        let mut by_function: HashMap<(String, String), Vec<&Record>> = HashMap::new();
        for a in production() {
            let key = (
                pd_code[&a.pd_id].clone(),
                a.text("function_label").unwrap_or("").to_owned(),
            );
            by_function.entry(key).or_default().push(a);
        }
        let app11 = codes(
            by_function
                .values()
                .filter(|v| v.len() > 1)
                .flatten()
                .copied(),
        );
        assert_eq!(app11, set(&["EPLANNING", "SIPD"]));
        // APP-12: a desktop app still being developed.
        let app12 = codes(
            apps().filter(|a| a.text("platform") == Some("desktop") && a.status == "pengembangan"),
        );
        assert_eq!(app12, set(&["AGENDA"]));
        // APP-13: no monitoring and evaluation within a year.
        let year_ago = date(365);
        let app13 = codes(production().filter(|a| {
            a.text("last_monev_date")
                .is_none_or(|d| d < year_ago.as_str())
        }));
        assert_eq!(app13, set(&["EBANSOS", "ESAKIP", "SIMDIKLAT"]));
        // APP-15: production without an SLA.
        let app15 = codes(production().filter(|a| a.text("sla_ref").is_none()));
        assert_eq!(app15, set(&["ANTREAN", "SITRANTIB"]));

        // DOM-1/DOM-2: hosts outside the official domain.
        let official = |h: &str| h == "metrokota.go.id" || h.ends_with(".metrokota.go.id");
        let domains: Vec<&Record> = active(EntityKind::Domain).collect();
        let dom1 = codes(
            domains
                .iter()
                .copied()
                .filter(|d| !official(d.text("host").unwrap())),
        );
        assert_eq!(
            dom1,
            set(&["dinkes-metro.com", "ppdbmetro.id", "sikdametro.go.id"])
        );
        // DOM-3: PDs without a website under the official domain.
        let dom3: BTreeSet<String> = pds
            .iter()
            .filter(|p| {
                !domains.iter().any(|d| {
                    d.pd_id == p.id
                        && d.text("purpose") == Some("website")
                        && official(d.text("host").unwrap())
                })
            })
            .map(|p| p.code.clone())
            .collect();
        assert_eq!(
            dom3,
            set(&[
                "DINKES",
                "DISPORA",
                "DPPKB",
                "KESBANGPOL",
                "KEC-METROBARAT",
                "KEC-METROPUSAT",
                "KEC-METROSELATAN",
                "KEC-METROTIMUR",
                "KEC-METROUTARA"
            ])
        );

        // DAT-2: past the update frequency.
        let datasets: Vec<&Record> = active(EntityKind::Dataset).collect();
        let dat2 = codes(datasets.iter().copied().filter(|d| {
            let max = UpdateFrequency::from_code(d.text("update_frequency").unwrap())
                .unwrap()
                .max_days();
            match (max, d.text("last_updated")) {
                (Some(max), Some(last)) => last < date(max as i64).as_str(),
                (Some(_), None) => true,
                (None, _) => false,
            }
        }));
        assert_eq!(
            dat2,
            set(&[
                "Data Harga Kebutuhan Pokok Harian",
                "Data Jalan Kota",
                "Data Produksi Padi dan Palawija",
                "Data Realisasi Pendapatan Daerah"
            ])
        );
        // DAT-3: not in the Pusat Data, or there without the owning PD's consent.
        let dat3 = codes(
            datasets
                .iter()
                .copied()
                .filter(|d| !d.flag("in_pusat_data") || !d.flag("dinas_consent")),
        );
        assert_eq!(
            dat3,
            set(&[
                "Data Jalan Kota",
                "Data Kunjungan Pasien Puskesmas",
                "Data Rekam Medis Pasien",
                "Data Wajib Pajak Daerah"
            ])
        );

        // INF-5: no LAN diagram this year.
        let this_year = i64::from(today.year());
        let inf5: BTreeSet<String> = pds
            .iter()
            .filter(|p| {
                !all[&EntityKind::LanDiagram].iter().any(|l| {
                    l.pd_id == p.id
                        && l.data["year"].as_i64() == Some(this_year)
                        && l.status != "ditolak"
                })
            })
            .map(|p| p.code.clone())
            .collect();
        assert_eq!(inf5.len(), 14, "{inf5:?}");
        for pd in ["DINKES", "SATPOLPP", "SETWAN", "KEC-METROSELATAN"] {
            assert!(inf5.contains(pd), "{pd}");
        }
        // DAT-7: no successful backup to the Pusat Data in the last 30 days.
        let month_ago = date(30);
        let dat7: BTreeSet<String> = pds
            .iter()
            .filter(|p| {
                !all[&EntityKind::BackupReport].iter().any(|b| {
                    b.pd_id == p.id
                        && b.flag("to_pusat_data")
                        && b.text("result") == Some("berhasil")
                        && b.text("backup_date")
                            .is_some_and(|d| d >= month_ago.as_str())
                })
            })
            .map(|p| p.code.clone())
            .collect();
        assert_eq!(dat7.len(), 19, "{dat7:?}");
        for pd in ["RSUD-AY", "DINSOS", "DPUPR", "DISHUB", "SETWAN"] {
            assert!(dat7.contains(pd), "{pd}");
        }

        // Everything went through the use cases: audited, chain intact.
        let audited = testing::count(&store, "SELECT COUNT(*) FROM audit_log WHERE entity_type IN ('application','service','business_process','dataset','asset','domain','lan_diagram','lan_change','backup_report')")
            .await
            .unwrap();
        let records = testing::count(&store, "SELECT COUNT(*) FROM records")
            .await
            .unwrap();
        assert!(
            audited >= records + links,
            "{audited} audit entries for {records} records and {links} links"
        );
        assert!(app.verify_audit_chain().await.unwrap().is_ok());

        // Seeding again changes nothing.
        assert!(!simpul_demo::seed(&app).await.unwrap().demo_seeded);
        assert_eq!(
            testing::count(&store, "SELECT COUNT(*) FROM records")
                .await
                .unwrap(),
            records
        );
        store.close().await;
    }
}
