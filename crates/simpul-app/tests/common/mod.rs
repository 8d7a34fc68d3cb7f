//! Test environment shared by the spreadsheet and bundle tests: an app per backend with the
//! Kota Metro demo, and a populated catalogue with links, a retired record and documents.
#![allow(dead_code)]

pub mod bomb;

use simpul_app::catalogue::documents::Upload;
use simpul_app::catalogue::transfer::{Format, ImportMode, ImportReport};
use simpul_app::{Actor, App, AppConfig};
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::ids::PdId;
use simpul_store::{testing, Store};

pub struct Env {
    pub app: App,
    pub store: Store,
    pub admin: Actor,
    pub dinkes: Actor,
}

/// A configuration with its own data directory, so each app has its own blob store (an
/// imported document must really be written at the destination).
pub fn config() -> AppConfig {
    AppConfig {
        data_dir: std::env::temp_dir().join(format!(
            "simpul-transfer-test-{}",
            uuid::Uuid::now_v7().simple()
        )),
        ..AppConfig::default()
    }
}

impl Env {
    /// The admin imports applications from a file, all or nothing.
    pub async fn import_applications(&self, format: Format, bytes: &[u8]) -> ImportReport {
        let admin = &self.admin;
        let all_or_nothing = ImportMode::AllOrNothing;
        let r = self.import_applications_as(admin, format, bytes, all_or_nothing);
        r.await.unwrap()
    }

    /// `actor` imports applications from a file.
    pub async fn import_applications_as(
        &self,
        actor: &Actor,
        format: Format,
        bytes: &[u8],
        mode: ImportMode,
    ) -> Result<ImportReport, simpul_app::AppError> {
        let kind = EntityKind::Application;
        self.app
            .import_catalogue(actor, kind, format, bytes, mode)
            .await
    }
}

/// An app over `store` with its own data directory (`config()`) and the demo organisation
/// (regions, PDs, accounts), without the demo catalogue.
pub async fn organisation_app(store: Store) -> App {
    let app = App::new(store, config());
    simpul_demo::seed_organisation(&app).await.unwrap();
    app
}

/// A record of a PD with `data` (a JSON object) and no code or reference.
pub fn record_input(pd: PdId, name: &str, status: &str, data: serde_json::Value) -> RecordInput {
    let serde_json::Value::Object(data) = data else {
        panic!("record data is a JSON object: {data}")
    };
    RecordInput {
        pd_id: pd.to_string(),
        name: name.into(),
        status: status.into(),
        data,
        ..Default::default()
    }
}

pub async fn env_for(store: Store) -> Env {
    let app = App::new(store.clone(), config());
    app.ensure_ref_codes().await.unwrap();
    simpul_demo::seed(&app).await.unwrap();
    let admin = Actor::from_user(&app.user_by_username("admin.kominfo").await.unwrap());
    let dinkes = Actor::from_user(&app.user_by_username("operator.dinkes").await.unwrap());
    Env {
        app,
        store,
        admin,
        dinkes,
    }
}

pub async fn envs() -> Vec<Env> {
    let mut out = Vec::new();
    for s in testing::fresh_stores().await {
        out.push(env_for(s).await);
    }
    out
}

pub async fn count(store: &Store, sql: &str) -> i64 {
    testing::count(store, sql).await.unwrap()
}

pub fn app_input(pd: &str, code: &str, name: &str) -> RecordInput {
    let mut data = serde_json::Map::new();
    for (k, v) in [
        ("app_type", "umum"),
        ("complexity", "kecil"),
        ("audience", "g2e"),
        ("developer", "dinas"),
        ("source_model", "terbuka"),
        ("platform", "web"),
        ("operating_pd", pd),
    ] {
        data.insert(k.into(), v.into());
    }
    RecordInput {
        pd_id: pd.into(),
        name: name.into(),
        code: Some(code.into()),
        status: "produksi".into(),
        ref_code: Some("RAA.01".into()),
        description: Some("Baris pertama\nbaris kedua, dengan koma; dan \"kutip\"".into()),
        data,
    }
}

/// A few records of several kinds with links, a retired record, a removed Tim member and two
/// stored documents (one withdrawn).
pub async fn populate(e: &Env) {
    let pds = e.app.all_pds(&e.admin).await.unwrap();
    let pd = |c: &str| pds.iter().find(|p| p.code == c).unwrap().id.to_string();
    let simpeg = e
        .app
        .create_record(
            &e.admin,
            EntityKind::Application,
            &app_input(&pd("BKPSDM"), "T-SIMPEG", "=SIMPEG Kepegawaian"),
        )
        .await
        .unwrap();
    let sikda = e
        .app
        .create_record(
            &e.dinkes,
            EntityKind::Application,
            &app_input(&pd("DINKES"), "T-SIKDA", "SIKDA Generik"),
        )
        .await
        .unwrap();
    let mut data = serde_json::Map::new();
    for (k, v) in [
        ("service_type", "publik"),
        ("sector", "kesehatan"),
        ("smart_city", "masyarakat,kehidupan"),
    ] {
        data.insert(k.into(), v.into());
    }
    let layanan = RecordInput {
        pd_id: pd("DINKES"),
        name: "Layanan rujukan".into(),
        code: Some("T-RUJUKAN".into()),
        status: "operasi".into(),
        ref_code: None,
        description: None,
        data,
    };
    let layanan = e
        .app
        .create_record(&e.admin, EntityKind::Service, &layanan)
        .await
        .unwrap();
    let mut data = serde_json::Map::new();
    for (k, v) in [("host", "sikda.metrokota.go.id"), ("purpose", "aplikasi")] {
        data.insert(k.into(), v.into());
    }
    let domain = RecordInput {
        pd_id: pd("DINKES"),
        name: "sikda.metrokota.go.id".into(),
        code: None,
        status: "aktif".into(),
        ref_code: None,
        description: None,
        data,
    };
    let domain = e
        .app
        .create_record(&e.admin, EntityKind::Domain, &domain)
        .await
        .unwrap();
    e.app
        .link_records(&e.admin, layanan.id, sikda.id)
        .await
        .unwrap();
    e.app
        .link_records(&e.admin, domain.id, sikda.id)
        .await
        .unwrap();
    e.app
        .link_records(&e.admin, sikda.id, simpeg.id)
        .await
        .unwrap();
    e.app
        .retire_record(&e.admin, simpeg.id, Some("Diganti aplikasi nasional"))
        .await
        .unwrap();
    e.app
        .upload_document(
            &e.dinkes,
            sikda.id,
            Upload {
                doc_type: "sop",
                title: "SOP SIKDA",
                filename: "sop-sikda.pdf",
                classification: "terbatas",
                content: b"%PDF-1.4\n\x00\xff isi dokumen uji\n%%EOF\n",
            },
        )
        .await
        .unwrap();
    let old = e
        .app
        .upload_document(
            &e.admin,
            simpeg.id,
            Upload {
                doc_type: "sop",
                title: "",
                filename: "catatan lama.txt",
                classification: "rahasia",
                content: "Catatan rahasia; baris kedua\n".as_bytes(),
            },
        )
        .await
        .unwrap();
    e.app
        .retire_document(&e.admin, old.id, "Diganti versi baru")
        .await
        .unwrap();
    let member = e.app.tim_members(&e.admin).await.unwrap().pop().unwrap();
    e.app
        .remove_tim_member(&e.admin, member.id, "Mutasi jabatan")
        .await
        .unwrap();
}
