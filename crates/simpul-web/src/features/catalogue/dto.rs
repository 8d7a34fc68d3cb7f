//! The API bodies of the SPBE catalogue: records, their links, documents and reference codes.

use crate::api::dto::{closed, request, response};
use serde_json::{Map, Value};
use simpul_app::catalogue as views;
use simpul_domain::catalogue::{self, refarch};
use simpul_domain::ids::{DocumentId, PdId, RecordId, RegionId};
use simpul_store::{documents, records};

closed! {
    /// A kind of catalogue record.
    EntityKind = catalogue::EntityKind::ALL, catalogue::EntityKind::code;
}

response! {
    /// A record with what it depends on and what depends on it.
    RecordDetail from views::RecordDetail {
        record: Record => crate::api::dto::one,
        depends_on: Vec<LinkView> => crate::api::dto::many,
        depended_on_by: Vec<LinkView> => crate::api::dto::many,
    }
}

response! {
    /// One record that stops when the starting record goes down, with its distance.
    Impacted from views::Impacted {
        depth: u32,
        via: String,
        link: LinkView => crate::api::dto::one,
    }
}

response! {
    /// A catalogue record as stored.
    Record from catalogue::Record {
        #[schema(value_type = String)] id: simpul_domain::ids::RecordId,
        #[schema(value_type = String)] region: simpul_domain::ids::RegionId,
        #[schema(value_type = EntityKind)] kind: catalogue::EntityKind,
        #[schema(value_type = String)] pd_id: PdId,
        name: String,
        code: Option<String>,
        status: String,
        ref_code: Option<String>,
        description: Option<String>,
        #[schema(value_type = Object)] data: Map<String, Value>,
        retired_reason: Option<String>,
        created_at: String,
        updated_at: String,
    }
}

request! {
    /// Untrusted input for a catalogue record of any kind: the common columns plus the kind's
    /// own fields in `data` (each a string, a bool, or for multi-choice fields a list).
    RecordInput into catalogue::RecordInput {
        /// Owning Perangkat Daerah (id).
        pd_id: String,
        name: String,
        /// Optional short identifier, unique per region and kind (e.g. `SIMPEG`).
        #[serde(default)] code: Option<String>,
        /// Lifecycle status code of the kind.
        status: String,
        /// Reference architecture code (RAA, RAL, RAB, RAD, RAI), e.g. `RAA.01.02`.
        #[serde(default)] ref_code: Option<String>,
        #[serde(default)] description: Option<String>,
        /// The kind's own fields by name.
        #[serde(default)] #[schema(value_type = Object)] data: Map<String, Value>,
    }
}

response! {
    /// A link seen from one of its ends.
    LinkView from records::LinkView {
        relation: String,
        /// The record at the other end.
        id: String,
        #[schema(value_type = EntityKind)] kind: catalogue::EntityKind,
        name: String,
        status: String,
        pd_id: String,
    }
}

response! {
    /// A stored document's metadata.
    DocumentRow from documents::DocumentRow {
        #[schema(value_type = String)] id: DocumentId,
        #[schema(value_type = String)] region: RegionId,
        #[schema(value_type = String)] record_id: RecordId,
        #[schema(value_type = String)] pd_id: PdId,
        doc_type: String,
        title: String,
        filename: String,
        media_type: String,
        size_bytes: i64,
        sha256: String,
        classification: String,
        uploaded_by: Option<String>,
        created_at: String,
        retired_reason: Option<String>,
    }
}

response! {
    /// One node of a tree.
    RefCode from refarch::RefCode {
        code: String,
        name: String,
    }
}
