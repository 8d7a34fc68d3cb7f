//! Evidence the platform already holds for an indicator (issue 5, item 5): catalogue records
//! and documents of the kinds an indicator speaks to, counted in the region, with a link.
//! Only indicators with a clear counterpart in the catalogue have hints; the PD still
//! chooses and uploads its evidence.

use crate::{Actor, App, Result};
use simpul_domain::catalogue::EntityKind::{self, *};
use simpul_store::{documents, records};

/// Catalogue kinds and document types that can support an indicator.
fn hints(n: u16) -> (&'static [EntityKind], &'static [&'static str]) {
    const ARCH: &[&str] = &[
        "arsitektur_proses_bisnis",
        "arsitektur_data",
        "arsitektur_aplikasi",
        "arsitektur_infrastruktur",
    ];
    const BUILD: &[&str] = &[
        "dokumen_kebutuhan",
        "dokumen_desain",
        "uji_keamanan",
        "uji_kinerja",
    ];
    const AUDIT: &[&str] = &["uji_keamanan", "uji_kinerja"];
    match n {
        1 | 11 => (
            &[BusinessProcess, Service, Dataset, Application, Asset],
            ARCH,
        ),
        3 | 23 => (&[Dataset, BackupReport], &[]),
        4 | 15 => (&[Application], BUILD),
        5 | 16 | 24 => (&[Asset], &[]),
        6 | 17 => (&[LanDiagram, LanChange], &["diagram_lan"]),
        7 | 18 | 28 => (&[Service], &["sla"]),
        8 | 22 | 29..=31 => (&[], AUDIT),
        14 => (&[BusinessProcess], &["arsitektur_proses_bisnis"]),
        42 | 44..=47 => (&[Service], &["sop", "sla"]),
        43 => (&[Dataset], &[]),
        _ => (&[], &[]),
    }
}

/// One kind of evidence the platform holds.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    /// `kind` (a catalogue kind) or `doc_type` (a document type).
    pub source: String,
    pub code: String,
    pub count: i64,
    /// Where to see them.
    pub href: String,
}

impl App {
    /// What the catalogue holds for indicator `n` (empty when it has no hints).
    pub async fn suggested_evidence(&self, actor: &Actor, n: u16) -> Result<Vec<Suggestion>> {
        let (kinds, doc_types) = hints(n);
        if kinds.is_empty() && doc_types.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.store.read().await?;
        let counts = records::count_by_kind(&mut c, actor.region(), None).await?;
        let mut out: Vec<Suggestion> = kinds
            .iter()
            .map(|k| Suggestion {
                source: "kind".into(),
                code: k.code().to_owned(),
                count: counts.iter().find(|(c, _)| c == k).map_or(0, |(_, n)| *n),
                href: k.page_path(),
            })
            .collect();
        if !doc_types.is_empty() {
            let docs = documents::all(&mut c, actor.region()).await?;
            for t in doc_types {
                let count = docs
                    .iter()
                    .filter(|d| d.doc_type == *t && d.retired_reason.is_none())
                    .filter(|d| crate::catalogue::documents::may_see(actor, d))
                    .count();
                out.push(Suggestion {
                    source: "doc_type".into(),
                    code: (*t).to_owned(),
                    count: count as i64,
                    href: "/katalog".into(),
                });
            }
        }
        Ok(out)
    }
}
