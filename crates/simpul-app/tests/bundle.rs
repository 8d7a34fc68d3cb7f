//! The whole-region bundle (`simpul export` / `simpul import`): lossless round trips across
//! backends, refusal of broken or tampered bundles, stored documents, version-1 bundles. On
//! SQLite and, when `SIMPUL_TEST_POSTGRES_URL` is set, on PostgreSQL.

mod common;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use common::{config, count, envs, populate, Env};
use sha2::{Digest, Sha256};
use simpul_app::catalogue::bundle::Bundle;
use simpul_app::{Actor, App, AppConfig, AppError};
use simpul_store::testing;

#[tokio::test]
async fn export_import_export_gives_an_identical_bundle_on_every_backend_pair() {
    let sources = envs().await;
    for src in &sources {
        populate(src).await;
        let region = src.admin.region().clone();
        let bundle = src.app.export_region(&region).await.unwrap();
        let json = bundle.to_json();
        assert!(
            !json.contains("argon2") && !json.contains("password"),
            "no password hashes in a bundle"
        );
        assert!(json.contains("\"removed_reason\": \"Mutasi jabatan\""));
        assert!(json.contains("\"retired_reason\": \"Diganti aplikasi nasional\""));
        assert_eq!(bundle.version, 3);
        assert_eq!(bundle.documents.len(), 2);
        assert!(json.contains("\"retired_reason\": \"Diganti versi baru\""));
        // base64 of "%PDF-1.4".
        assert!(json.contains("\"content\": \"JVBERi0xLjQ"));
        assert_eq!(
            src.app.export_region(&region).await.unwrap().to_json(),
            json,
            "deterministic"
        );
        let parsed = Bundle::from_json(&json).unwrap();
        assert_eq!(parsed, bundle);

        for target in testing::fresh_stores().await {
            let app = App::new(target.clone(), config());
            app.ensure_regions().await.unwrap();
            app.ensure_ref_codes().await.unwrap();
            let summary = app.import_region(&parsed).await.unwrap();
            assert_eq!(summary.pds, bundle.pds.len());
            assert_eq!(summary.records, bundle.records.len());
            assert_eq!(summary.links, bundle.links.len());
            assert_eq!(summary.documents, 2);
            assert!(summary.usernames.contains(&"admin.kominfo".to_owned()));
            let again = app.export_region(&region).await.unwrap().to_json();
            assert_eq!(
                again,
                json,
                "{:?} → {:?}",
                src.store.backend(),
                target.backend()
            );

            // Imported accounts cannot sign in until an administrator sets a password.
            let r = app
                .login("admin.kominfo", simpul_demo::password(), "127.0.0.1")
                .await;
            assert!(matches!(r, Err(AppError::BadCredentials)), "{r:?}");
            let admin = app.user_by_username("admin.kominfo").await.unwrap();
            app.reset_password(
                &Actor::system(region.clone(), "cli"),
                admin.id,
                "sandi-baru-yang-panjang",
            )
            .await
            .unwrap();
            assert!(app
                .login("admin.kominfo", "sandi-baru-yang-panjang", "127.0.0.1")
                .await
                .is_ok());

            // The imported catalogue works as if entered by hand.
            let actor = Actor::from_user(&admin);
            let detail = app
                .record_detail(
                    &actor,
                    bundle
                        .records
                        .iter()
                        .find(|r| r.code.as_deref() == Some("T-SIKDA"))
                        .unwrap()
                        .id,
                )
                .await
                .unwrap();
            assert_eq!(detail.depends_on.len(), 1);
            assert_eq!(detail.depended_on_by.len(), 2);
            assert!(app.verify_audit_chain().await.unwrap().is_ok());

            // Stored documents came with their files.
            for d in &bundle.documents {
                let (row, bytes) = app.download_document(&actor, d.id).await.unwrap();
                assert_eq!(row.sha256, d.sha256);
                assert_eq!(bytes.len() as i64, d.size_bytes);
            }

            // A region that already has data is not overwritten.
            let r = app.import_region(&parsed).await;
            assert!(
                matches!(r, Err(AppError::Rule(ref e)) if e.code == "region_not_empty"),
                "{r:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_broken_bundle_names_the_item_and_writes_nothing() {
    let e = envs().await.remove(0);
    populate(&e).await;
    let mut bundle = e.app.export_region(e.admin.region()).await.unwrap();
    bundle.records[1].status = "hidup".into();
    bundle.links[0].relation = "runs_on".into();
    let target = testing::fresh_stores().await.remove(0);
    let app = App::new(target.clone(), config());
    app.ensure_regions().await.unwrap();
    let Err(AppError::Invalid(inv)) = app.import_region(&bundle).await else {
        panic!("accepted a broken bundle")
    };
    let fields: Vec<&str> = inv.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["records[1].status", "links[0].relation"]);
    assert_eq!(count(&target, "SELECT COUNT(*) FROM pds").await, 0);
    assert!(Bundle::from_json("{\"format\":\"x\"}")
        .unwrap_err()
        .contains("not a Simpul region bundle"));
}

/// Whether an app's data directory holds any blob file.
fn has_blobs(app_config: &AppConfig) -> bool {
    fn any_file(dir: &std::path::Path) -> bool {
        std::fs::read_dir(dir).is_ok_and(|rd| {
            rd.flatten()
                .any(|e| e.path().is_file() || any_file(&e.path()))
        })
    }
    any_file(&app_config.data_dir.join("blobs"))
}

#[tokio::test]
async fn a_bundle_with_altered_document_content_is_refused_and_writes_nothing() {
    for e in envs().await {
        populate(&e).await;
        let mut bundle = e.app.export_region(e.admin.region()).await.unwrap();
        // Same length, other bytes: only the SHA-256 gives it away.
        let mut bytes = BASE64.decode(&bundle.documents[0].content).unwrap();
        let last = bytes.len() - 2;
        bytes[last] ^= 1;
        bundle.documents[0].content = BASE64.encode(&bytes);
        bundle.documents[1].content = "bukan base64!".into();
        let bundle = Bundle::from_json(&bundle.to_json()).unwrap();
        for target in testing::fresh_stores().await {
            let cfg = config();
            let app = App::new(target.clone(), cfg.clone());
            app.ensure_regions().await.unwrap();
            let Err(AppError::Invalid(inv)) = app.import_region(&bundle).await else {
                panic!("accepted altered document content")
            };
            let fields: Vec<(&str, &str)> =
                inv.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
            assert_eq!(
                fields,
                [
                    ("documents[0].sha256", "sha256_mismatch"),
                    ("documents[1].content", "base64")
                ]
            );
            assert_eq!(count(&target, "SELECT COUNT(*) FROM pds").await, 0);
            assert_eq!(count(&target, "SELECT COUNT(*) FROM records").await, 0);
            assert_eq!(count(&target, "SELECT COUNT(*) FROM documents").await, 0);
            assert!(!has_blobs(&cfg), "no file written");
        }
    }
}

#[tokio::test]
async fn a_document_breaking_the_upload_rules_or_its_record_is_refused() {
    let e = envs().await.remove(0);
    populate(&e).await;
    let mut bundle = e.app.export_region(e.admin.region()).await.unwrap();
    // An executable renamed: content and hash agree, but upload would refuse it.
    let exe = b"MZ\x90\x00 not a pdf";
    let d = &mut bundle.documents[0];
    d.content = BASE64.encode(exe);
    d.size_bytes = exe.len() as i64;
    d.sha256 = hex::encode(Sha256::digest(exe));
    d.classification = "sangat_rahasia".into();
    bundle.documents[1].record_id = simpul_domain::ids::RecordId::new();
    bundle.documents[1].size_bytes += 1;
    let target = testing::fresh_stores().await.remove(0);
    let app = App::new(target.clone(), config());
    app.ensure_regions().await.unwrap();
    let Err(AppError::Invalid(inv)) = app.import_region(&bundle).await else {
        panic!("accepted a document upload would refuse")
    };
    let fields: Vec<(&str, &str)> = inv.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
    assert_eq!(
        fields,
        [
            ("documents[0].classification", "unknown_value"),
            ("documents[0].file", "file_content"),
            ("documents[1].record_id", "invalid"),
            ("documents[1].size_bytes", "size_mismatch"),
        ]
    );
    assert_eq!(count(&target, "SELECT COUNT(*) FROM documents").await, 0);
}

#[tokio::test]
async fn a_version_1_bundle_still_imports() {
    let e = envs().await.remove(0);
    populate(&e).await;
    let region = e.admin.region().clone();
    let mut v: serde_json::Value =
        serde_json::from_str(&e.app.export_region(&region).await.unwrap().to_json()).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.insert("version".into(), 1.into());
    let with_documents = serde_json::to_string_pretty(&v).unwrap();
    assert!(
        Bundle::from_json(&with_documents)
            .unwrap_err()
            .contains("`documents`"),
        "version 1 has no documents"
    );
    v.as_object_mut().unwrap().remove("documents");
    v["region"].as_object_mut().unwrap().remove("rule_pack");
    let v1 = Bundle::from_json(&serde_json::to_string_pretty(&v).unwrap()).unwrap();
    assert_eq!(v1.version, 1);
    assert!(v1.documents.is_empty());
    let mut unknown = v.clone();
    unknown
        .as_object_mut()
        .unwrap()
        .insert("attachments".into(), serde_json::Value::Array(vec![]));
    assert!(Bundle::from_json(&unknown.to_string())
        .unwrap_err()
        .contains("unknown field"));
    for target in testing::fresh_stores().await {
        let app = App::new(target.clone(), config());
        app.ensure_regions().await.unwrap();
        let summary = app.import_region(&v1).await.unwrap();
        assert_eq!(summary.records, v1.records.len());
        assert_eq!(summary.documents, 0);
        // Written back as the current version.
        let again = app.export_region(&region).await.unwrap();
        assert_eq!(again.version, 3);
        assert!(again.documents.is_empty());
        assert_eq!(again.records, v1.records);
    }
}

#[tokio::test]
async fn an_export_with_a_missing_or_damaged_file_fails_naming_the_document() {
    let cfg = config();
    let store = testing::fresh_stores().await.remove(0);
    let app = App::new(store.clone(), cfg.clone());
    app.ensure_ref_codes().await.unwrap();
    simpul_demo::seed(&app).await.unwrap();
    let admin = Actor::from_user(&app.user_by_username("admin.kominfo").await.unwrap());
    let dinkes = Actor::from_user(&app.user_by_username("operator.dinkes").await.unwrap());
    let e = Env {
        app: app.clone(),
        store,
        admin: admin.clone(),
        dinkes,
    };
    populate(&e).await;
    let bundle = app.export_region(admin.region()).await.unwrap();
    let d = &bundle.documents[0];
    let path = cfg
        .data_dir
        .join("blobs")
        .join(&d.sha256[..2])
        .join(&d.sha256[2..4])
        .join(&d.sha256);
    std::fs::write(&path, b"%PDF-diubah").unwrap();
    let err = app
        .export_region(admin.region())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&d.id.to_string()) && err.contains(&d.filename),
        "{err}"
    );
    std::fs::remove_file(&path).unwrap();
    let err = app
        .export_region(admin.region())
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(&d.id.to_string()), "{err}");
}

// issue 9 (compliance): the chosen rule pack travels in the bundle (version 3); version-2 files
// (no `region.rule_pack`) still import with the region's own pack.
#[tokio::test]
async fn the_chosen_rule_pack_travels_in_the_bundle_and_a_version_2_bundle_still_imports() {
    let sources = envs().await;
    for src in &sources {
        populate(src).await;
        let region = src.admin.region().clone();
        src.app
            .set_rule_pack(&src.admin, Some("limapuluhkota"))
            .await
            .unwrap();
        let json = src.app.export_region(&region).await.unwrap().to_json();
        assert!(
            json.contains("\"rule_pack\": \"limapuluhkota\""),
            "in the bundle"
        );
        let parsed = Bundle::from_json(&json).unwrap();
        assert_eq!(parsed.region.rule_pack.as_deref(), Some("limapuluhkota"));

        // A version-2 file is version 3 without the key; carrying it is refused.
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["version"] = 2.into();
        assert!(Bundle::from_json(&v.to_string())
            .unwrap_err()
            .contains("rule_pack"));
        v["region"].as_object_mut().unwrap().remove("rule_pack");
        let v2 = Bundle::from_json(&v.to_string()).unwrap();
        assert_eq!(v2.region.rule_pack, None);

        // An unknown pack is named.
        let mut bad = parsed.clone();
        bad.region.rule_pack = Some("atlantis".into());

        for target in testing::fresh_stores().await {
            let app = App::new(target.clone(), config());
            app.ensure_regions().await.unwrap();
            app.ensure_ref_codes().await.unwrap();
            match app.import_region(&bad).await.unwrap_err() {
                AppError::Invalid(inv) => {
                    assert!(
                        inv.0.iter().any(|f| f.field == "region.rule_pack"),
                        "{inv:?}"
                    )
                }
                other => panic!("{other:?}"),
            }
            app.import_region(&parsed).await.unwrap();
            let mut c = target.read().await.unwrap();
            assert_eq!(
                app.pack_slug(&mut c, &region).await.unwrap().as_deref(),
                Some("limapuluhkota")
            );
            drop(c);
            assert_eq!(app.export_region(&region).await.unwrap().to_json(), json);
        }
        for target in testing::fresh_stores().await {
            let app = App::new(target.clone(), config());
            app.ensure_regions().await.unwrap();
            app.ensure_ref_codes().await.unwrap();
            app.import_region(&v2).await.unwrap();
            let mut c = target.read().await.unwrap();
            assert_eq!(
                app.pack_slug(&mut c, &region).await.unwrap().as_deref(),
                Some(region.as_str()),
                "a version-2 bundle keeps the region's own pack"
            );
        }
    }
}
