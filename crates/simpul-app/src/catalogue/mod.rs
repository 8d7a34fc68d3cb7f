//! Catalogue use cases (issue 3): records of every kind, their links, the impact view and
//! the reference architecture codes.

pub mod bundle;
pub mod documents;
pub mod policy;
pub mod transfer;

use crate::kernel::Uow;
use crate::{Actor, App, AppError, Result};
use serde::Serialize;
use simpul_domain::catalogue::refarch::{self, RefCode};
use simpul_domain::catalogue::{EntityKind, FieldKind, Record, RecordInput, Relation, ValidRecord};
use simpul_domain::ids::{PdId, RecordId};
use simpul_domain::{now_str, FieldError, Invalid};
use simpul_store::records::{self, LinkView, RecordFilter};
use simpul_store::{commit, pds, Conn, Page, Paging};
use std::collections::{HashSet, VecDeque};

/// A record with what it depends on and what depends on it.
#[derive(Debug, Clone, Serialize)]
pub struct RecordDetail {
    pub record: Record,
    pub depends_on: Vec<LinkView>,
    pub depended_on_by: Vec<LinkView>,
}

/// One record that stops when the starting record goes down, with its distance.
#[derive(Debug, Clone, Serialize)]
pub struct Impacted {
    pub depth: u32,
    pub via: String,
    pub link: LinkView,
}

impl App {
    /// Checks references inside a validated record: the PD(s) exist in the region and the
    /// reference code exists in the kind's tree.
    async fn check_refs(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        kind: EntityKind,
        v: &ValidRecord,
    ) -> Result<()> {
        let mut inv = Invalid::default();
        if pds::get(conn, actor.region(), v.pd_id).await?.is_none() {
            inv.push(FieldError::new("pd_id", "invalid"));
        }
        for f in kind.fields().iter().filter(|f| f.kind == FieldKind::Pd) {
            if let Some(id) = v
                .data
                .get(f.name)
                .and_then(|x| x.as_str())
                .and_then(|s| s.parse::<PdId>().ok())
            {
                if pds::get(conn, actor.region(), id).await?.is_none() {
                    inv.push(FieldError::new(f.name, "invalid"));
                }
            }
        }
        if let Some(code) = &v.ref_code {
            let tree = kind.ref_tree().unwrap_or("");
            let known = records::refs(conn, Some(tree))
                .await?
                .iter()
                .any(|r| &r.code == code);
            if !known {
                inv.push(FieldError::with_param("ref_code", "ref_code_unknown", tree));
            }
        }
        Ok(inv.into_result()?)
    }

    pub async fn list_records(
        &self,
        actor: &Actor,
        f: &RecordFilter,
        paging: Paging,
    ) -> Result<Page<Record>> {
        Ok(records::list(&mut *self.store.read().await?, actor.region(), f, paging).await?)
    }

    pub async fn get_record(&self, actor: &Actor, id: RecordId) -> Result<Record> {
        record_in(&mut *self.store.read().await?, actor, id).await
    }

    pub async fn record_detail(&self, actor: &Actor, id: RecordId) -> Result<RecordDetail> {
        let mut c = self.store.read().await?;
        let record = record_in(&mut c, actor, id).await?;
        let depends_on = records::links_from(&mut c, id).await?;
        let depended_on_by = records::links_to(&mut c, id).await?;
        Ok(RecordDetail {
            record,
            depends_on,
            depended_on_by,
        })
    }

    /// Registers a record. Operators register only for their own PD.
    pub async fn create_record(
        &self,
        actor: &Actor,
        kind: EntityKind,
        input: &RecordInput,
    ) -> Result<Record> {
        policy::write_catalogue(actor, kind)?;
        let v = input.validate(kind)?;
        policy::write_record_of(actor, kind, v.pd_id)?;
        policy::check_reviewed_fields(actor, kind, None, &v)?;
        let id = RecordId::new();
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        self.check_refs(&mut tx, actor, kind, &v).await?;
        records::insert(&mut tx, actor.region(), id, kind, &v, &now, &now).await?;
        self.record_written(tx, actor, id, "create", None, false)
            .await
    }

    /// Edits a record. An operator edits only their own PD's records and cannot hand one
    /// over to another PD.
    pub async fn update_record(
        &self,
        actor: &Actor,
        id: RecordId,
        input: &RecordInput,
    ) -> Result<Record> {
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let before = record_in(&mut tx, actor, id).await?;
        policy::write_record_of(actor, before.kind, before.pd_id)?;
        let v = input.validate(before.kind)?;
        policy::write_record_of(actor, before.kind, v.pd_id)?;
        policy::check_reviewed_fields(actor, before.kind, Some(&before), &v)?;
        self.check_refs(&mut tx, actor, before.kind, &v).await?;
        records::update(&mut tx, actor.region(), id, before.kind, &v, &now).await?;
        self.record_written(tx, actor, id, "update", Some(&before), true)
            .await
    }

    /// Retires a record with a reason (records are never deleted), or reactivates it.
    pub async fn retire_record(
        &self,
        actor: &Actor,
        id: RecordId,
        reason: Option<&str>,
    ) -> Result<Record> {
        let reason = match reason {
            Some(r) => Some(
                simpul_domain::text::required("reason", r, 500, true)
                    .map_err(|e| Invalid(vec![e]))?,
            ),
            None => None,
        };
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let before = record_in(&mut tx, actor, id).await?;
        policy::write_record_of(actor, before.kind, before.pd_id)?;
        let status = match (&reason, before.kind.retired_status()) {
            (Some(_), Some(s)) => s.to_owned(),
            (None, Some(s)) if before.status == s => before.kind.statuses()[0].to_owned(),
            _ => before.status.clone(),
        };
        records::set_retired(
            &mut tx,
            actor.region(),
            id,
            &status,
            reason.as_deref(),
            &now,
        )
        .await?;
        let action = if reason.is_some() {
            "retire"
        } else {
            "reactivate"
        };
        self.record_written(tx, actor, id, action, Some(&before), false)
            .await
    }

    /// The end of every write to record `id`: re-reads it, audits `{kind}.{action}` from
    /// `before`, commits and lets the compliance rules see the change (of `before` too when
    /// `before_matters`, as when an edit may have moved the record out of a rule's reach).
    async fn record_written(
        &self,
        mut tx: Uow,
        actor: &Actor,
        id: RecordId,
        action: &str,
        before: Option<&Record>,
        before_matters: bool,
    ) -> Result<Record> {
        let after = record_in(&mut tx, actor, id).await?;
        let kind = after.kind.code();
        let entity = id.to_string();
        let action = format!("{kind}.{action}");
        tx.audit(&action, kind, &entity, before, Some(&after))
            .await?;
        tx.commit(self).await?;
        match before.filter(|_| before_matters) {
            Some(b) => self.after_record_change(actor, &[b, &after]).await,
            None => self.after_record_change(actor, &[&after]).await,
        }
        Ok(after)
    }

    /// Links `from` (the dependent record) to `to`; the relation follows from their kinds.
    /// Needs the right to edit `from`.
    pub async fn link_records(
        &self,
        actor: &Actor,
        from: RecordId,
        to: RecordId,
    ) -> Result<String> {
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let a = record_in(&mut tx, actor, from).await?;
        policy::write_record_of(actor, a.kind, a.pd_id)?;
        let b = records::get(&mut tx, actor.region(), to)
            .await
            .ok()
            .flatten()
            .ok_or_else(|| Invalid::one("to", "invalid"))?;
        if from == to {
            return Err(Invalid::one("to", "invalid").into());
        }
        let rel = Relation::between(a.kind, b.kind).ok_or_else(|| {
            Invalid(vec![FieldError::with_param(
                "to",
                "link_not_allowed",
                b.kind.code(),
            )])
        })?;
        records::add_link(&mut tx, actor.region(), from, to, rel.code, &now).await?;
        let after = serde_json::json!({ "from": from.to_string(), "to": to.to_string(), "relation": rel.code, "to_name": b.name });
        tx.audit(
            &format!("{}.link", a.kind.code()),
            a.kind.code(),
            &from.to_string(),
            None,
            Some(&after),
        )
        .await?;
        tx.commit(self).await?;
        Ok(rel.code.to_owned())
    }

    pub async fn unlink_records(
        &self,
        actor: &Actor,
        from: RecordId,
        to: RecordId,
        relation: &str,
    ) -> Result<()> {
        let mut tx = self.write(actor).await?;
        let a = record_in(&mut tx, actor, from).await?;
        policy::write_record_of(actor, a.kind, a.pd_id)?;
        if records::remove_link(&mut tx, actor.region(), from, to, relation).await? == 0 {
            return Err(AppError::NotFound);
        }
        let before = serde_json::json!({ "from": from.to_string(), "to": to.to_string(), "relation": relation });
        tx.audit(
            &format!("{}.unlink", a.kind.code()),
            a.kind.code(),
            &from.to_string(),
            Some(&before),
            None,
        )
        .await?;
        tx.commit(self).await
    }

    /// What stops if `id` goes down: every record that depends on it, directly or through
    /// others, breadth first (nearest first), each once.
    pub async fn impact(&self, actor: &Actor, id: RecordId) -> Result<Vec<Impacted>> {
        let mut c = self.store.read().await?;
        let start = record_in(&mut c, actor, id).await?;
        let mut seen: HashSet<String> = HashSet::from([start.id.to_string()]);
        let mut queue = VecDeque::from([(start.id, 0u32, start.name.clone())]);
        let mut out = Vec::new();
        while let Some((cur, depth, name)) = queue.pop_front() {
            if out.len() >= 1000 {
                break;
            }
            for l in records::links_to(&mut c, cur).await? {
                if seen.insert(l.id.clone()) {
                    if let Ok(next) = l.id.parse::<RecordId>() {
                        queue.push_back((next, depth + 1, l.name.clone()));
                    }
                    out.push(Impacted {
                        depth: depth + 1,
                        via: name.clone(),
                        link: l,
                    });
                }
            }
        }
        Ok(out)
    }

    /// Active record counts per kind, for a PD or the whole region.
    pub async fn record_counts(
        &self,
        actor: &Actor,
        pd: Option<PdId>,
    ) -> Result<Vec<(EntityKind, i64)>> {
        Ok(records::count_by_kind(&mut *self.store.read().await?, actor.region(), pd).await?)
    }

    /// Loads the shipped reference trees when the table is empty (every start does this).
    pub async fn ensure_ref_codes(&self) -> Result<usize> {
        let mut tx = self.store.begin().await?;
        if records::ref_count(&mut tx).await? > 0 {
            return Ok(0);
        }
        let codes = refarch::parse(refarch::BUILTIN).map_err(AppError::Internal)?;
        let now = now_str();
        for c in &codes {
            records::upsert_ref(&mut tx, c, &now).await?;
        }
        commit(tx).await?;
        Ok(codes.len())
    }

    pub async fn ref_codes(&self, tree: Option<&str>) -> Result<Vec<RefCode>> {
        Ok(records::refs(&mut *self.store.read().await?, tree).await?)
    }

    /// Adds or renames a reference code (administrators). A new code's parent must exist.
    pub async fn upsert_ref_code(&self, actor: &Actor, code: &str, name: &str) -> Result<RefCode> {
        crate::org::policy::manage_region(actor)?;
        let name = simpul_domain::text::required("name", name, 200, false)
            .map_err(|e| Invalid(vec![e]))?;
        let c = RefCode {
            code: code.trim().to_ascii_uppercase(),
            name,
        };
        let text = format!("[[code]]\ncode = {:?}\nname = {:?}\n", c.code, c.name);
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let existing = records::refs(&mut tx, None).await?;
        // Validate the code's shape (and that its parent exists) with the tree parser.
        let parent_lines: String = c
            .parent()
            .iter()
            .map(|p| format!("[[code]]\ncode = {p:?}\nname = \"p\"\n"))
            .collect();
        let parent_known = c
            .parent()
            .is_none_or(|p| existing.iter().any(|e| e.code == p));
        if refarch::parse(&format!("{parent_lines}{text}")).is_err() || !parent_known {
            return Err(Invalid::one("code", "ref_code").into());
        }
        let before = existing.into_iter().find(|e| e.code == c.code);
        records::upsert_ref(&mut tx, &c, &now).await?;
        tx.audit(
            "ref_code.upsert",
            "ref_code",
            &c.code,
            before.as_ref(),
            Some(&c),
        )
        .await?;
        tx.commit(self).await?;
        Ok(c)
    }
}

/// Record `id` of the actor's region; not found when it is not there.
async fn record_in(c: &mut Conn, actor: &Actor, id: RecordId) -> Result<Record> {
    records::get(c, actor.region(), id)
        .await?
        .ok_or(AppError::NotFound)
}
