//! Export: a region read from one database snapshot into a [`Bundle`], document files included.

use super::{
    Bundle, BundleDocument, BundleLink, BundlePd, BundleRecord, BundleTimMember, BundleUser,
    RegionProfile, FORMAT, VERSION,
};
use crate::{App, AppError, Result};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use simpul_domain::catalogue::EntityKind;
use simpul_domain::ids::{RegionId, UserId};
use simpul_store::documents::{self, DocumentRow};
use simpul_store::regions::RegionRow;
use simpul_store::restore::{self, RegionTable};
use simpul_store::{records, regions};

fn profile(r: RegionRow, rule_pack: Option<String>) -> RegionProfile {
    RegionProfile {
        id: r.id,
        name: r.name,
        kind: r.kind,
        province: r.province,
        kode_wilayah: r.kode_wilayah,
        head_title: r.head_title,
        capital: r.capital,
        official_domain: r.official_domain,
        domain_article: r.domain_article,
        instrument: r.instrument,
        rule_pack,
        head_name: r.head_name,
        sekda_name: r.sekda_name,
        address: r.address,
        contact_email: r.contact_email,
        tim_decree_ref: r.tim_decree_ref,
        tim_decree_date: r.tim_decree_date,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

impl App {
    /// Regions of this deployment that hold data (at least one PD), by slug.
    pub async fn regions_with_data(&self) -> Result<Vec<RegionId>> {
        let mut c = self.store.read().await?;
        let mut out = Vec::new();
        for r in regions::list(&mut c).await? {
            if restore::count_in_region(&mut c, RegionTable::Pds, &r.id).await? > 0 {
                out.push(r.id);
            }
        }
        out.sort();
        Ok(out)
    }

    /// The whole region as a bundle, read from one snapshot of the database.
    pub async fn export_region(&self, region: &RegionId) -> Result<Bundle> {
        let mut tx = restore::begin_snapshot(&self.store).await?;
        let row = regions::get(&mut tx, region)
            .await?
            .ok_or(AppError::NotFound)?;
        let rule_pack = simpul_store::findings::rule_pack(&mut tx, region).await?;
        let pds = restore::all_pds(&mut tx, region).await?;
        let tim = restore::all_tim(&mut tx, region).await?;
        let users = restore::all_users(&mut tx, region).await?;
        let ref_codes = records::refs(&mut tx, None).await?;
        let mut recs = Vec::new();
        for kind in EntityKind::ALL {
            let mut of_kind = records::all_of_kind(&mut tx, region, kind).await?;
            of_kind.sort_by_key(|r| r.id);
            recs.extend(of_kind);
        }
        let links = records::all_links(&mut tx, region).await?;
        let mut docs = documents::all(&mut tx, region).await?;
        drop(tx);
        // Blobs are immutable (content-addressed), so reading them after the snapshot still
        // gives the content of the rows read in it.
        docs.sort_by_key(|d| d.id);
        let mut bundle_docs = Vec::with_capacity(docs.len());
        for d in docs {
            bundle_docs.push(self.bundle_document(d).await?);
        }
        let mut links: Vec<BundleLink> = links
            .into_iter()
            .map(|(from, to, relation, created_at)| {
                Ok(BundleLink {
                    from: from
                        .parse()
                        .map_err(|_| AppError::Internal(format!("link with bad id {from}")))?,
                    to: to
                        .parse()
                        .map_err(|_| AppError::Internal(format!("link with bad id {to}")))?,
                    relation,
                    created_at,
                })
            })
            .collect::<Result<_>>()?;
        links.sort_by(|a, b| (a.from, a.to, &a.relation).cmp(&(b.from, b.to, &b.relation)));
        Ok(Bundle {
            format: FORMAT.to_owned(),
            version: VERSION,
            region: profile(row, rule_pack),
            pds: pds
                .into_iter()
                .map(|p| BundlePd {
                    id: p.id,
                    code: p.code,
                    name: p.name,
                    short_name: p.short_name,
                    kind: p.kind.code().to_owned(),
                    head_name: p.head_name,
                    head_title: p.head_title,
                    tasks: p.tasks,
                    is_kominfo: p.is_kominfo,
                    is_planning: p.is_planning,
                    is_inspectorate: p.is_inspectorate,
                    mandiri_tik: p.mandiri_tik,
                    retired_reason: p.retired_reason,
                    created_at: p.created_at,
                    updated_at: p.updated_at,
                })
                .collect(),
            tim_members: tim
                .into_iter()
                .map(|t| BundleTimMember {
                    id: t.id,
                    person_name: t.person_name,
                    position: t.position.code().to_owned(),
                    office: t.office,
                    pd_id: t.pd_id,
                    decree_ref: t.decree_ref,
                    created_at: t.created_at,
                    removed_at: t.removed_at,
                    removed_reason: t.removed_reason,
                })
                .collect(),
            users: users
                .into_iter()
                .map(|u| BundleUser {
                    id: u.id,
                    username: u.username,
                    full_name: u.full_name,
                    email: u.email,
                    role: u.role.code().to_owned(),
                    pd_id: u.pd_id,
                    active: u.active,
                    created_at: u.created_at,
                    updated_at: u.updated_at,
                })
                .collect(),
            ref_codes,
            records: recs
                .into_iter()
                .map(|r| BundleRecord {
                    id: r.id,
                    kind: r.kind,
                    pd_id: r.pd_id,
                    code: r.code,
                    name: r.name,
                    status: r.status,
                    ref_code: r.ref_code,
                    description: r.description,
                    data: r.data,
                    retired_reason: r.retired_reason,
                    created_at: r.created_at,
                    updated_at: r.updated_at,
                })
                .collect(),
            links,
            documents: bundle_docs,
        })
    }

    /// A document row with its content, read through the blob store (which checks the
    /// SHA-256). A missing or damaged file fails the export: a bundle silently without a
    /// document would lose it at the destination.
    async fn bundle_document(&self, d: DocumentRow) -> Result<BundleDocument> {
        let bytes = self.blobs.get(&d.sha256).await.map_err(|e| {
            AppError::Internal(format!(
                "document {} (\"{}\", record {}): file {} cannot be read: {e}",
                d.id, d.filename, d.record_id, d.sha256
            ))
        })?;
        let uploaded_by = d
            .uploaded_by
            .as_deref()
            .map(|u| {
                u.parse::<UserId>().map_err(|_| {
                    AppError::Internal(format!("document {} has a bad uploaded_by {u}", d.id))
                })
            })
            .transpose()?;
        Ok(BundleDocument {
            id: d.id,
            record_id: d.record_id,
            pd_id: d.pd_id,
            doc_type: d.doc_type,
            title: d.title,
            filename: d.filename,
            media_type: d.media_type,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
            classification: d.classification,
            uploaded_by,
            created_at: d.created_at,
            retired_reason: d.retired_reason,
            content: BASE64.encode(&bytes),
        })
    }
}
