//! A case's history read back for people and the API.

use crate::{Actor, App, Result};
use serde::Serialize;
use simpul_store::case_events::{self, CaseEvent};

/// One entry of a case's timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TimelineEntry {
    pub at: String,
    pub actor: String,
    /// The actor's role code, or `system`.
    pub role: String,
    pub step: String,
    pub from: Option<String>,
    pub to: String,
    pub comment: Option<String>,
    #[schema(value_type = Vec<Object>)]
    pub fields: Vec<super::FieldChange>,
    #[schema(value_type = Vec<Object>)]
    pub documents: Vec<super::step::AttachedDocument>,
    /// `ed25519:<public key>:<signature>` for a signed step.
    pub signature: Option<String>,
    /// Whether the signature verifies against the signed document (signed steps only).
    pub signature_valid: Option<bool>,
}

fn entry(e: CaseEvent) -> TimelineEntry {
    let signature_valid = match (&e.signed_json, &e.signature) {
        (Some(json), Some(sig)) => Some(verifies(json, sig)),
        _ => None,
    };
    TimelineEntry {
        at: e.at,
        actor: e.actor_name,
        role: e.role,
        step: e.step,
        from: e.from_state,
        to: e.to_state,
        comment: e.comment,
        fields: serde_json::from_str(&e.fields_json).unwrap_or_default(),
        documents: serde_json::from_str(&e.documents_json).unwrap_or_default(),
        signature: e.signature,
        signature_valid,
    }
}

/// Whether `ed25519:<key hex>:<sig hex>` is a valid signature of `json`.
fn verifies(json: &str, sig: &str) -> bool {
    let mut parts = sig.splitn(3, ':');
    let (Some("ed25519"), Some(key), Some(sig)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    simpul_domain::signing::verify_bytes(key, json.as_bytes(), sig).is_ok()
}

impl App {
    /// The timeline of case `id` of `workflow`; the caller has already checked that `actor`
    /// may see the case.
    pub async fn timeline(
        &self,
        actor: &Actor,
        workflow: &str,
        id: &str,
    ) -> Result<Vec<TimelineEntry>> {
        let mut conn = self.store.read().await?;
        let events = case_events::of_case(&mut conn, actor.region().as_str(), workflow, id).await?;
        Ok(events.into_iter().map(entry).collect())
    }
}
