//! Import: a [`Bundle`] validated whole (problems name the item), then written in one
//! transaction into a region that holds no data yet.

use super::{
    Bundle, BundleDocument, RegionImportSummary, RegionProfile, FORMAT, READABLE_VERSIONS,
};
use crate::identity::password;
use crate::{Actor, App, AppError, Result};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde_json::Value;
use sha2::{Digest, Sha256};
use simpul_domain::catalogue::refarch::{RefCode, TREES};
use simpul_domain::catalogue::{document, EntityKind, FieldKind, RecordInput, Relation};
use simpul_domain::ids::{PdId, RecordId, RegionId, UserId};
use simpul_domain::org::{PdInput, TimMemberInput};
use simpul_domain::user::UserInput;
use simpul_domain::{now_str, parse_rfc3339, FieldError, Invalid};
use simpul_store::documents::{self, DocumentRow};
use simpul_store::regions::RegionRow;
use simpul_store::restore::{self, RegionTable};
use simpul_store::{audit, commit, records};
use std::collections::{HashMap, HashSet};

fn region_row(p: &RegionProfile) -> RegionRow {
    RegionRow {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: p.kind.clone(),
        province: p.province.clone(),
        kode_wilayah: p.kode_wilayah.clone(),
        head_title: p.head_title.clone(),
        capital: p.capital.clone(),
        official_domain: p.official_domain.clone(),
        domain_article: p.domain_article.clone(),
        instrument: p.instrument.clone(),
        head_name: p.head_name.clone(),
        sekda_name: p.sekda_name.clone(),
        address: p.address.clone(),
        contact_email: p.contact_email.clone(),
        tim_decree_ref: p.tim_decree_ref.clone(),
        tim_decree_date: p.tim_decree_date.clone(),
        created_at: p.created_at.clone(),
        updated_at: p.updated_at.clone(),
    }
}

/// Collects problems of a bundle, each naming the item (`pds[3].code`).
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn push(&mut self, path: String, code: &'static str, param: Option<String>) {
        // The first 50 are plenty to fix a broken file; more only make the message unreadable.
        if self.0.len() < 50 {
            self.0.push(FieldError {
                field: path,
                code,
                param,
            });
        }
    }

    fn invalid(&mut self, path: &str, inv: Invalid) {
        for e in inv.0 {
            self.push(format!("{path}.{}", e.field), e.code, e.param);
        }
    }

    fn timestamps(&mut self, path: &str, stamps: &[(&str, Option<&str>)]) {
        for (name, v) in stamps {
            if let Some(v) = v {
                if parse_rfc3339(v).is_none() {
                    self.push(format!("{path}.{name}"), "timestamp", None);
                }
            }
        }
    }
}

/// Checks a bundled document as an upload would be checked (the same size and type rules,
/// through [`document::validate`]) plus its content against `size_bytes` and `sha256`; returns
/// the decoded bytes when everything matches.
fn document_content(p: &mut Problems, path: &str, b: &BundleDocument) -> Option<Vec<u8>> {
    let bytes = match BASE64.decode(&b.content) {
        Ok(bytes) => bytes,
        Err(_) => {
            p.push(format!("{path}.content"), "base64", None);
            return None;
        }
    };
    let mut ok = true;
    if i64::try_from(bytes.len()).ok() != Some(b.size_bytes) {
        p.push(
            format!("{path}.size_bytes"),
            "size_mismatch",
            Some(bytes.len().to_string()),
        );
        ok = false;
    }
    if hex::encode(Sha256::digest(&bytes)) != b.sha256 {
        p.push(format!("{path}.sha256"), "sha256_mismatch", None);
        ok = false;
    }
    match document::validate(
        &b.doc_type,
        &b.title,
        &b.filename,
        &b.classification,
        &bytes,
    ) {
        Ok(v) => {
            // Stored values are what validation made of an upload; anything else was not
            // written by Simpul and would not export back to the same bundle.
            for (name, stored, valid) in [
                ("title", &b.title, v.title.as_str()),
                ("filename", &b.filename, v.filename.as_str()),
                ("media_type", &b.media_type, v.media_type),
            ] {
                if stored != valid {
                    p.push(format!("{path}.{name}"), "invalid", Some(valid.to_owned()));
                    ok = false;
                }
            }
        }
        Err(inv) => {
            p.invalid(path, inv);
            ok = false;
        }
    }
    ok.then_some(bytes)
}

fn document_row(region: &RegionId, b: &BundleDocument) -> DocumentRow {
    DocumentRow {
        id: b.id,
        region: region.clone(),
        record_id: b.record_id,
        pd_id: b.pd_id,
        doc_type: b.doc_type.clone(),
        title: b.title.clone(),
        filename: b.filename.clone(),
        media_type: b.media_type.clone(),
        size_bytes: b.size_bytes,
        sha256: b.sha256.clone(),
        classification: b.classification.clone(),
        uploaded_by: b.uploaded_by.map(|u| u.to_string()),
        created_at: b.created_at.clone(),
        retired_reason: b.retired_reason.clone(),
    }
}

fn valid_ref_code(c: &RefCode) -> bool {
    let parts: Vec<&str> = c.code.split('.').collect();
    TREES.iter().any(|(t, _)| *t == parts[0])
        && parts.len() >= 2
        && parts[1..]
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && !c.name.trim().is_empty()
        && c.name.chars().count() <= 200
}

impl App {
    /// Imports a bundle into a database where its region has no PDs, Tim Koordinasi members or
    /// records yet, keeping every id and timestamp; one transaction, one `region.import` audit
    /// entry. Every item is validated as if it were entered by hand; problems name the item
    /// (`records[12].data.url`). Imported accounts get an unusable password hash: each must be
    /// given a password with `simpul user reset-password` before it can sign in.
    pub async fn import_region(&self, bundle: &Bundle) -> Result<RegionImportSummary> {
        if bundle.format != FORMAT
            || !READABLE_VERSIONS.contains(&bundle.version)
            || (bundle.version == 1 && !bundle.documents.is_empty())
            || (bundle.version < 3 && bundle.region.rule_pack.is_some())
        {
            return Err(Invalid::one("format", "bundle_version").into());
        }
        let region = bundle.region.id.clone();
        let mut p = Problems::default();
        let r = &bundle.region;
        p.timestamps(
            "region",
            &[
                ("created_at", Some(&r.created_at)),
                ("updated_at", Some(&r.updated_at)),
            ],
        );
        if let Some(slug) = &r.rule_pack {
            if crate::compliance::pack(slug).is_none() {
                p.push("region.rule_pack".into(), "invalid", Some(slug.clone()));
            }
        }
        for (i, c) in bundle.ref_codes.iter().enumerate() {
            if !valid_ref_code(c) {
                p.push(
                    format!("ref_codes[{i}].code"),
                    "ref_code",
                    Some(c.code.clone()),
                );
            }
        }
        let mut pd_ids = HashSet::new();
        let mut pds = Vec::new();
        for (i, b) in bundle.pds.iter().enumerate() {
            let path = format!("pds[{i}]");
            if !pd_ids.insert(b.id) {
                p.push(format!("{path}.id"), "duplicate", Some(b.id.to_string()));
            }
            p.timestamps(
                &path,
                &[
                    ("created_at", Some(&b.created_at)),
                    ("updated_at", Some(&b.updated_at)),
                ],
            );
            let input = PdInput {
                code: b.code.clone(),
                name: b.name.clone(),
                short_name: b.short_name.clone(),
                kind: b.kind.clone(),
                head_name: b.head_name.clone(),
                head_title: b.head_title.clone(),
                tasks: b.tasks.clone(),
                is_kominfo: b.is_kominfo,
                is_planning: b.is_planning,
                is_inspectorate: b.is_inspectorate,
                mandiri_tik: b.mandiri_tik,
            };
            match input.validate() {
                Ok(v) => pds.push((b, v)),
                Err(inv) => p.invalid(&path, inv),
            }
        }
        let known_pd = |id: &Option<PdId>| id.is_none_or(|id| pd_ids.contains(&id));
        let mut users = Vec::new();
        for (i, b) in bundle.users.iter().enumerate() {
            let path = format!("users[{i}]");
            p.timestamps(
                &path,
                &[
                    ("created_at", Some(&b.created_at)),
                    ("updated_at", Some(&b.updated_at)),
                ],
            );
            if !known_pd(&b.pd_id) {
                p.push(format!("{path}.pd_id"), "invalid", None);
            }
            let input = UserInput {
                username: b.username.clone(),
                full_name: b.full_name.clone(),
                email: b.email.clone(),
                role: b.role.clone(),
                pd_id: b.pd_id.map(|x| x.to_string()),
                active: b.active,
            };
            match input.validate() {
                Ok(v) => users.push((b, v)),
                Err(inv) => p.invalid(&path, inv),
            }
        }
        let mut tim = Vec::new();
        for (i, b) in bundle.tim_members.iter().enumerate() {
            let path = format!("tim_members[{i}]");
            p.timestamps(
                &path,
                &[
                    ("created_at", Some(&b.created_at)),
                    ("removed_at", b.removed_at.as_deref()),
                ],
            );
            if !known_pd(&b.pd_id) {
                p.push(format!("{path}.pd_id"), "invalid", None);
            }
            let input = TimMemberInput {
                person_name: b.person_name.clone(),
                position: b.position.clone(),
                office: b.office.clone(),
                pd_id: b.pd_id.map(|x| x.to_string()),
                decree_ref: b.decree_ref.clone(),
            };
            match input.validate() {
                Ok(v) => tim.push((b, v)),
                Err(inv) => p.invalid(&path, inv),
            }
        }
        let mut kinds: HashMap<RecordId, EntityKind> = HashMap::new();
        let mut recs = Vec::new();
        for (i, b) in bundle.records.iter().enumerate() {
            let path = format!("records[{i}]");
            if kinds.insert(b.id, b.kind).is_some() {
                p.push(format!("{path}.id"), "duplicate", Some(b.id.to_string()));
            }
            p.timestamps(
                &path,
                &[
                    ("created_at", Some(&b.created_at)),
                    ("updated_at", Some(&b.updated_at)),
                ],
            );
            if !pd_ids.contains(&b.pd_id) {
                p.push(format!("{path}.pd_id"), "invalid", None);
            }
            for f in b.kind.fields().iter().filter(|f| f.kind == FieldKind::Pd) {
                let id = b
                    .data
                    .get(f.name)
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<PdId>().ok());
                if id.is_some_and(|id| !pd_ids.contains(&id)) {
                    p.push(format!("{path}.data.{}", f.name), "invalid", None);
                }
            }
            if let Some(rc) = &b.ref_code {
                if !bundle.ref_codes.iter().any(|c| &c.code == rc) {
                    p.push(
                        format!("{path}.ref_code"),
                        "ref_code_unknown",
                        Some(rc.clone()),
                    );
                }
            }
            let input = RecordInput {
                pd_id: b.pd_id.to_string(),
                name: b.name.clone(),
                code: b.code.clone(),
                status: b.status.clone(),
                ref_code: b.ref_code.clone(),
                description: b.description.clone(),
                data: b.data.clone(),
            };
            match input.validate(b.kind) {
                Ok(v) => recs.push((b, v)),
                Err(inv) => p.invalid(&path, inv),
            }
        }
        for (i, l) in bundle.links.iter().enumerate() {
            let path = format!("links[{i}]");
            p.timestamps(&path, &[("created_at", Some(&l.created_at))]);
            match (kinds.get(&l.from), kinds.get(&l.to)) {
                (Some(a), Some(b))
                    if l.from != l.to
                        && Relation::between(*a, *b).is_some_and(|r| r.code == l.relation) => {}
                _ => p.push(
                    format!("{path}.relation"),
                    "invalid",
                    Some(l.relation.clone()),
                ),
            }
        }
        let user_ids: HashSet<UserId> = bundle.users.iter().map(|u| u.id).collect();
        let mut doc_ids = HashSet::new();
        let mut docs = Vec::new();
        for (i, b) in bundle.documents.iter().enumerate() {
            let path = format!("documents[{i}]");
            if !doc_ids.insert(b.id) {
                p.push(format!("{path}.id"), "duplicate", Some(b.id.to_string()));
            }
            p.timestamps(&path, &[("created_at", Some(&b.created_at))]);
            // The table's foreign keys: the record and PD must be imported with it.
            if !kinds.contains_key(&b.record_id) {
                p.push(format!("{path}.record_id"), "invalid", None);
            }
            if !pd_ids.contains(&b.pd_id) {
                p.push(format!("{path}.pd_id"), "invalid", None);
            }
            if b.uploaded_by.is_some_and(|u| !user_ids.contains(&u)) {
                p.push(format!("{path}.uploaded_by"), "invalid", None);
            }
            // The same rule as `retire_document`, and kept verbatim.
            if let Some(r) = &b.retired_reason {
                let valid = simpul_domain::text::required("retired_reason", r, 500, true);
                if valid.ok().as_deref() != Some(r.as_str()) {
                    p.push(format!("{path}.retired_reason"), "invalid", None);
                }
            }
            if let Some(bytes) = document_content(&mut p, &path, b) {
                docs.push((b, bytes));
            }
        }
        Invalid(std::mem::take(&mut p.0)).into_result()?;

        // An unknown random secret: nobody can sign in until an administrator sets a password.
        let unusable = password::hash(password::random_token()).await?;
        let now = now_str();
        let mut tx = self.store.begin().await?;
        for table in [
            RegionTable::Pds,
            RegionTable::TimMembers,
            RegionTable::Records,
        ] {
            if restore::count_in_region(&mut tx, table, &region).await? > 0 {
                return Err(AppError::Rule(FieldError::with_param(
                    "region",
                    "region_not_empty",
                    region.as_str(),
                )));
            }
        }
        for (b, v) in &users {
            if restore::username_taken(&mut tx, v.username.as_str()).await? {
                return Err(AppError::Rule(FieldError::with_param(
                    "username",
                    "username_taken",
                    &b.username,
                )));
            }
        }
        restore::put_region(&mut tx, &region_row(r)).await?;
        simpul_store::findings::set_rule_pack(&mut tx, &region, r.rule_pack.as_deref()).await?;
        let mut summary = RegionImportSummary {
            region: region.to_string(),
            ..Default::default()
        };
        let existing: HashMap<String, String> = records::refs(&mut tx, None)
            .await?
            .into_iter()
            .map(|c| (c.code, c.name))
            .collect();
        let mut codes: Vec<&RefCode> = bundle.ref_codes.iter().collect();
        // Parents sort before their children.
        codes.sort_by(|a, b| a.code.cmp(&b.code));
        for c in codes {
            match existing.get(&c.code) {
                Some(name) if name == &c.name => continue,
                Some(_) => summary.ref_codes_renamed += 1,
                None => summary.ref_codes_added += 1,
            }
            records::upsert_ref(&mut tx, c, &now).await?;
        }
        for (b, v) in &pds {
            restore::insert_pd(
                &mut tx,
                &region,
                b.id,
                v,
                b.retired_reason.as_deref(),
                &b.created_at,
                &b.updated_at,
            )
            .await?;
        }
        for (b, v) in &users {
            restore::insert_user(
                &mut tx,
                &region,
                b.id,
                v,
                &unusable,
                &b.created_at,
                &b.updated_at,
            )
            .await?;
            summary.usernames.push(v.username.as_str().to_owned());
        }
        for (b, v) in &tim {
            restore::insert_tim(
                &mut tx,
                &region,
                b.id,
                v,
                &b.created_at,
                b.removed_at.as_deref(),
                b.removed_reason.as_deref(),
            )
            .await?;
        }
        for (b, v) in &recs {
            records::insert(
                &mut tx,
                &region,
                b.id,
                b.kind,
                v,
                &b.created_at,
                &b.updated_at,
            )
            .await?;
            if b.retired_reason.is_some() {
                records::set_retired(
                    &mut tx,
                    &region,
                    b.id,
                    &v.status,
                    b.retired_reason.as_deref(),
                    &b.updated_at,
                )
                .await?;
            }
        }
        for l in &bundle.links {
            records::add_link(&mut tx, &region, l.from, l.to, &l.relation, &l.created_at).await?;
        }
        for (b, bytes) in &docs {
            // Files first, rows after, both before the commit: a row never points to a missing
            // file. If the import then fails, the files written stay behind unreferenced;
            // that is harmless because blobs are content-addressed (the same bytes always land
            // at the same path, writing an existing one is a no-op, and nothing lists them).
            self.blobs.put(bytes).await.map_err(|e| {
                AppError::Internal(format!("document {}: writing its file: {e}", b.id))
            })?;
            documents::insert(&mut tx, &document_row(&region, b)).await?;
        }
        summary.pds = pds.len();
        summary.users = users.len();
        summary.tim_members = tim.len();
        summary.records = recs.len();
        summary.links = bundle.links.len();
        summary.documents = docs.len();
        let actor = Actor::system(region.clone(), "import");
        audit::append(
            &mut tx,
            actor.audit(
                "region.import",
                "region",
                region.as_str(),
                None,
                Some(&summary),
            ),
            &now,
        )
        .await?;
        commit(tx).await?;
        self.evaluate_after_bulk(&region).await;
        Ok(summary)
    }
}
