//! The compliance engine's tables: `findings`, `compliance_daily`, the engine's steps in
//! `case_events` (workflow `finding`), and the snapshot of a region's data the rules read.

use crate::case_events::CaseEvent;
use crate::insert::{self, table_insert};
use crate::query::{Update, Where};
use crate::rows::{JsonText, Text};
use crate::{Conn, Page, Paging, Result, StoreError};
use serde::Serialize;
use simpul_domain::catalogue::{DocType, Record};
use simpul_domain::compliance::{Detail, FindingStatus, FindingStep, Snapshot};
use simpul_domain::ids::{PdId, RecordId, RegionId};
use simpul_domain::workflow::Code;
use std::collections::HashMap;

/// What the enabled rules read, so the snapshot loads nothing more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    pub kinds: Vec<simpul_domain::catalogue::EntityKind>,
    pub documents: bool,
    /// The region's Aplikasi Umum, which APP-6 compares every PD's apps with.
    pub umum_apps: bool,
    /// The completed SPBE evaluation periods (EVA-1).
    pub evaluations: bool,
}

impl Needs {
    pub fn of(rules: &[simpul_domain::compliance::RuleConfig]) -> Needs {
        let mut n = Needs::default();
        for r in rules {
            for k in r.rule.reads() {
                if !n.kinds.contains(k) {
                    n.kinds.push(*k);
                }
            }
            n.documents |= r.rule.reads_documents();
            n.umum_apps |= r.rule == simpul_domain::compliance::Rule::App6;
            n.evaluations |= r.rule == simpul_domain::compliance::Rule::Eva1;
        }
        n
    }

    fn kinds_sql(&self) -> String {
        let list: Vec<String> = self
            .kinds
            .iter()
            .map(|k| format!("'{}'", k.code()))
            .collect();
        format!("({})", list.join(","))
    }
}

/// Loads what the rules read: the region's PDs and records, optionally only one PD's (plus
/// the region's Aplikasi Umum, which APP-6 compares against), and document types per record.
pub async fn load_snapshot(
    conn: &mut Conn,
    mut snap: Snapshot,
    pd: Option<PdId>,
    needs: &Needs,
) -> Result<Snapshot> {
    let region = snap.region.as_str().to_owned();
    let pd_s = pd.map(|p| p.to_string()).unwrap_or_default();
    let mut pds = crate::pds::all(&mut *conn, &snap.region).await?;
    if let Some(p) = pd {
        pds.retain(|d| d.id == p);
    }
    snap.pds = pds;
    let kinds = needs.kinds_sql();
    let mut records = if needs.kinds.is_empty() {
        Vec::new()
    } else {
        let pd_clause = if pd.is_some() { " AND pd_id = $2" } else { "" };
        packed_records(
            &mut *conn,
            &format!("region_id = $1 AND kind IN {kinds}{pd_clause}"),
            &region,
            &pd_s,
        )
        .await?
    };
    if pd.is_some() && needs.umum_apps {
        let umum = packed_records(
            &mut *conn,
            "region_id = $1 AND kind = 'application' AND pd_id <> $2 \
             AND data_json LIKE '%\"app_type\":\"umum\"%'",
            &region,
            &pd_s,
        )
        .await?;
        records.extend(umum);
    }
    snap.records = records;
    if !needs.documents {
        return Ok(snap);
    }
    let docs: Vec<(Text<RecordId>, String)> = Where::new()
        .eq("region_id", region.as_str())
        .and("retired_reason IS NULL")
        .eq_nonempty("pd_id", &pd_s)
        .all(&mut *conn, "SELECT record_id, doc_type FROM documents", "")
        .await?;
    for (id, doc_type) in docs {
        if let Some(t) = DocType::from_code(&doc_type) {
            snap.documents.entry(id.0).or_default().insert(t);
        }
    }
    Ok(snap)
}

/// Rows of `SELECT items FROM rest`, packed by the database into one JSON array of arrays and
/// decoded into `T` (a tuple of the items' types). `$1`.. in `rest` are bound from `binds`.
///
/// A region's snapshot is thousands of rows; fetched as rows, the driver's per-row work (one
/// channel message and one boxed value per column on SQLite through `Any`) cost four times the
/// query itself. One JSON value per query is parsed in one go instead.
async fn packed<T: serde::de::DeserializeOwned>(
    conn: &mut Conn,
    items: &str,
    rest: &str,
    binds: &[&str],
) -> Result<Vec<T>> {
    let sql = crate::Dialect::of(conn).json_rows(items, rest);
    let mut q = sqlx::query_scalar::<_, String>(&sql);
    for b in binds {
        q = q.bind(*b);
    }
    let packed = q.fetch_one(conn).await?;
    serde_json::from_str(&packed).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A record as [`packed_records`] reads it.
type Packed = (
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    serde_json::Map<String, serde_json::Value>,
    Option<String>,
);

/// The columns the rules read (no description or timestamps) of the records matching `filter`
/// (over `$1` = region and `$2` = PD).
async fn packed_records(
    conn: &mut Conn,
    filter: &str,
    region: &str,
    pd: &str,
) -> Result<Vec<Record>> {
    const COLS: &str = "id, pd_id, kind, code, name, status, ref_code";
    let binds: &[&str] = if filter.contains("$2") {
        &[region, pd]
    } else {
        &[region]
    };
    let data = crate::Dialect::of(conn).json_value("data_json");
    let rows: Vec<Packed> = packed(
        conn,
        &format!("{COLS}, {data}, retired_reason"),
        &format!("records WHERE {filter}"),
        binds,
    )
    .await?;
    let region = RegionId::parse(region).map_err(StoreError::Corrupt)?;
    rows.into_iter()
        .map(
            |(id, pd_id, kind, code, name, status, ref_code, data, retired_reason)| {
                Ok(Record {
                    id: id
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("record id {id}")))?,
                    region: region.clone(),
                    kind: simpul_domain::catalogue::EntityKind::from_code(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {kind}")))?,
                    pd_id: pd_id
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("pd id {pd_id}")))?,
                    code,
                    name,
                    status,
                    ref_code,
                    description: None,
                    data,
                    retired_reason,
                    created_at: String::new(),
                    updated_at: String::new(),
                })
            },
        )
        .collect()
}

/// What the synchronisation compares: one stored finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingKey {
    pub id: String,
    pub rule: String,
    pub subject_id: String,
    pub status: FindingStatus,
    pub detail_json: String,
    pub grace_until: Option<String>,
    pub severity: String,
}

/// The stored findings of a region (optionally of one PD), keyed by (rule, subject).
pub async fn keys(
    conn: &mut Conn,
    region: &RegionId,
    pd: Option<PdId>,
) -> Result<HashMap<(String, String), FindingKey>> {
    const COLS: &str = "id, rule, subject_id, status, detail_json, grace_until, severity";
    let pd = pd.map(|p| p.to_string()).unwrap_or_default();
    type Key = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
    );
    let rows: Vec<Key> = packed(
        conn,
        COLS,
        "findings WHERE region_id = $1 AND ($2 = '' OR pd_id = $2)",
        &[region.as_str(), &pd],
    )
    .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for (id, rule, subject_id, status, detail_json, grace_until, severity) in rows {
        let k = FindingKey {
            id,
            rule,
            subject_id,
            status: status_of(&status)?,
            detail_json,
            grace_until,
            severity,
        };
        out.insert((k.rule.clone(), k.subject_id.clone()), k);
    }
    Ok(out)
}

/// A new finding.
#[derive(Debug, Clone)]
pub struct NewFinding<'a> {
    pub id: String,
    pub region: &'a RegionId,
    pub rule: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: &'a str,
    pub subject_name: &'a str,
    pub pd: Option<PdId>,
    pub severity: &'a str,
    pub detail_json: String,
    pub grace_until: Option<String>,
}

table_insert! {
    const INSERT = "findings" conflict "subject_id";
    fn bind(r: &(&NewFinding<'_>, &str)) {
        id = &r.0.id, region_id = r.0.region.as_str(), rule = r.0.rule,
        subject_kind = r.0.subject_kind, subject_id = r.0.subject_id,
        subject_name = r.0.subject_name, pd_id = r.0.pd.map(|p| p.to_string()),
        severity = r.0.severity, detail_json = &r.0.detail_json,
        status = FindingStatus::Terbuka.code(), grace_until = &r.0.grace_until, first_seen = r.1,
        last_seen = r.1, updated_at = r.1,
    }
}

/// Stores a new, open finding first seen `now`.
pub async fn insert(conn: &mut Conn, f: &NewFinding<'_>, now: &str) -> Result<()> {
    insert::one(conn, INSERT, &(f, now), bind).await
}

/// Updates what the engine decides about a finding: its detail, severity, grace, name and,
/// when given, its status (a reopened or resolved finding).
#[allow(clippy::too_many_arguments)]
pub async fn refresh(
    conn: &mut Conn,
    id: &str,
    subject_name: &str,
    severity: &str,
    detail_json: &str,
    grace_until: Option<&str>,
    status: Option<FindingStatus>,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE findings SET subject_name = $2, severity = $3, detail_json = $4, grace_until = $5, \
         status = COALESCE($6, status), \
         resolved_at = CASE WHEN $6 = 'diselesaikan' THEN $7 WHEN $6 IS NULL THEN resolved_at ELSE NULL END, \
         last_seen = CASE WHEN $6 = 'diselesaikan' THEN COALESCE((SELECT CASE WHEN cs.evaluated_at > findings.last_seen \
           THEN cs.evaluated_at ELSE findings.last_seen END FROM compliance_state cs WHERE cs.region_id = findings.region_id), last_seen) \
           ELSE $7 END, updated_at = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(subject_name)
    .bind(severity)
    .bind(detail_json)
    .bind(grace_until)
    .bind(status.map(Code::code))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records that a region-wide evaluation confirmed the region's findings at `now`. A finding
/// that is still open (not `diselesaikan`) was last seen then; reads derive its `last_seen`
/// from this one row (see [`SELECT`]) instead of the daily run rewriting every open finding,
/// which on PostgreSQL wrote 22,000 new row versions a day at --scale 25.
pub async fn mark_evaluated(conn: &mut Conn, region: &RegionId, now: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO compliance_state (region_id, evaluated_at) VALUES ($1, $2) \
         ON CONFLICT (region_id) DO UPDATE SET evaluated_at = excluded.evaluated_at",
    )
    .bind(region.as_str())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets a finding's status by a person's decision (acknowledge, except).
pub async fn decide(
    conn: &mut Conn,
    id: &str,
    status: FindingStatus,
    note: Option<&str>,
    decided_by: Option<&str>,
    now: &str,
) -> Result<()> {
    Update::new("findings")
        .set("status", status.code())
        .set("note", note)
        .set("decided_by", decided_by)
        .set("updated_at", now)
        .id(id)
        .run(conn)
        .await?;
    Ok(())
}

/// One step the engine took on a finding, for its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineEvent {
    pub finding: String,
    pub step: FindingStep,
    /// `None` when the step opened the finding.
    pub from: Option<FindingStatus>,
    pub to: FindingStatus,
    /// Why, as a code the pages translate (`data_memenuhi`, `muncul_kembali`, ...).
    pub note: Option<&'static str>,
}

/// Appends the engine's steps to the findings' history (`case_events`, workflow `finding`),
/// many rows per statement: a region's first evaluation opens thousands of findings. `by`
/// and `role` are the name and role the history records (the application's system actor).
pub async fn engine_events(
    conn: &mut Conn,
    region: &RegionId,
    events: &[EngineEvent],
    (by, role): (&str, &str),
    now: &str,
) -> Result<()> {
    let rows: Vec<CaseEvent> = events
        .iter()
        .map(|e| CaseEvent {
            id: uuid::Uuid::now_v7().to_string(),
            region_id: region.as_str().to_owned(),
            workflow: "finding".to_owned(),
            case_id: e.finding.clone(),
            at: now.to_owned(),
            actor_id: None,
            actor_name: by.to_owned(),
            role: role.to_owned(),
            step: e.step.code().to_owned(),
            from_state: e.from.map(|s| s.code().to_owned()),
            to_state: e.to.code().to_owned(),
            comment: e.note.map(str::to_owned),
            fields_json: "[]".to_owned(),
            documents_json: "[]".to_owned(),
            signed_json: None,
            signature: None,
        })
        .collect();
    crate::case_events::insert_rows(conn, &rows).await?;
    Ok(())
}

/// Records a day's tally of a scope: `''` (the region), `pd:<id>` or `rule:<id>`.
pub async fn record_day(
    conn: &mut Conn,
    region: &RegionId,
    day: &str,
    scope: &str,
    tally: (i64, i64),
    state: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO compliance_daily (region_id, day, scope, applicable, met, state) VALUES ($1,$2,$3,$4,$5,$6) \
         ON CONFLICT (region_id, day, scope) DO UPDATE SET applicable = excluded.applicable, met = excluded.met, \
         state = excluded.state",
    )
    .bind(region.as_str())
    .bind(day)
    .bind(scope)
    .bind(tally.0)
    .bind(tally.1)
    .bind(state)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets a day's rule rows before a region-wide evaluation writes them again (the pack may
/// have changed).
pub async fn clear_rule_day(conn: &mut Conn, region: &RegionId, day: &str) -> Result<()> {
    sqlx::query(
        "DELETE FROM compliance_daily WHERE region_id = $1 AND day = $2 AND scope LIKE 'rule:%'",
    )
    .bind(region.as_str())
    .bind(day)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the region's row of a day to the sum of its PDs' rows (after a PD was re-evaluated).
pub async fn sum_region_day(conn: &mut Conn, region: &RegionId, day: &str) -> Result<()> {
    let tally: (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(applicable), 0) AS BIGINT) AS a, CAST(COALESCE(SUM(met), 0) AS BIGINT) AS m FROM compliance_daily \
         WHERE region_id = $1 AND day = $2 AND scope LIKE 'pd:%'",
    )
    .bind(region.as_str())
    .bind(day)
    .fetch_one(&mut *conn)
    .await?;
    record_day(conn, region, day, "", tally, "checked").await
}

/// One day's tally of a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DayTally {
    pub day: String,
    pub scope: String,
    pub applicable: i64,
    pub met: i64,
    pub state: String,
}

const DAY_SELECT: &str = "SELECT day, scope, applicable, met, state FROM compliance_daily";

/// The tallies of one scope, oldest first, the last `limit` days.
pub async fn history(
    conn: &mut Conn,
    region: &RegionId,
    scope: &str,
    limit: i64,
) -> Result<Vec<DayTally>> {
    let mut w = Where::new()
        .eq("region_id", region.as_str())
        .eq("scope", scope);
    let rest = format!("ORDER BY day DESC LIMIT {}", w.param(limit));
    let mut out: Vec<DayTally> = w.all(conn, DAY_SELECT, &rest).await?;
    out.reverse();
    Ok(out)
}

/// Every scope's tally of the latest evaluated day (None when never evaluated).
pub async fn latest_day(conn: &mut Conn, region: &RegionId) -> Result<Vec<DayTally>> {
    let mut w = Where::new();
    let p = w.param(region.as_str());
    w.push(format!(
        "region_id = {p} AND day = (SELECT MAX(day) FROM compliance_daily WHERE region_id = {p})"
    ));
    w.all(conn, DAY_SELECT, "ORDER BY scope").await
}

/// A finding as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Finding {
    pub id: String,
    pub rule: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub subject_name: String,
    #[sqlx(try_from = "Text<Option<PdId>>")]
    pub pd_id: Option<PdId>,
    pub pd_name: Option<String>,
    pub severity: String,
    #[sqlx(rename = "detail_json", try_from = "JsonText<Detail>")]
    pub detail: Detail,
    #[sqlx(try_from = "Text<FindingStatus>")]
    pub status: FindingStatus,
    pub grace_until: Option<String>,
    pub first_seen: String,
    pub last_seen: String,
    pub resolved_at: Option<String>,
    pub note: Option<String>,
    pub decided_by: Option<String>,
}

const SELECT: &str = "SELECT f.id, f.rule, f.subject_kind, f.subject_id, f.subject_name, f.pd_id, p.short_name AS pd_name, \
    f.severity, f.detail_json, f.status, f.grace_until, f.first_seen, \
    CASE WHEN f.status <> 'diselesaikan' AND cs.evaluated_at > f.last_seen THEN cs.evaluated_at ELSE f.last_seen END AS last_seen, \
    f.resolved_at, f.note, f.decided_by \
    FROM findings f LEFT JOIN pds p ON p.id = f.pd_id LEFT JOIN compliance_state cs ON cs.region_id = f.region_id";

impl From<JsonText<Detail>> for Detail {
    fn from(j: JsonText<Detail>) -> Detail {
        j.0
    }
}

fn status_of(code: &str) -> Result<FindingStatus> {
    FindingStatus::from_code(code)
        .ok_or_else(|| StoreError::Corrupt(format!("finding status {code}")))
}

/// Which statuses a findings list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    Any,
    /// Terbuka or diakui (the list's default: what still asks for follow-up).
    Active,
    Is(FindingStatus),
}

impl StatusFilter {
    /// `aktif`, a status code, or anything else for "any".
    pub fn from_code(code: &str) -> Option<StatusFilter> {
        match code {
            "" => Some(StatusFilter::Any),
            "aktif" => Some(StatusFilter::Active),
            c => FindingStatus::from_code(c).map(StatusFilter::Is),
        }
    }
}

/// Filters of the findings list; empty strings mean "any".
#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    pub pd: Option<PdId>,
    pub status: StatusFilter,
    pub rule: String,
    pub severity: String,
}

pub async fn list(
    conn: &mut Conn,
    region: &RegionId,
    f: &FindingFilter,
    paging: Paging,
) -> Result<Page<Finding>> {
    let status = match f.status {
        StatusFilter::Is(s) => Some(s.code()),
        StatusFilter::Any | StatusFilter::Active => None,
    };
    Where::new()
        .eq("f.region_id", region.as_str())
        .eq_some("f.pd_id", f.pd.map(|p| p.to_string()))
        .when(
            f.status == StatusFilter::Active,
            "f.status IN ('terbuka','diakui')",
        )
        .eq_some("f.status", status)
        .eq_nonempty("f.rule", &f.rule)
        .eq_nonempty("f.severity", &f.severity)
        .page(
            conn,
            SELECT,
            "findings f",
            "CASE f.severity WHEN 'tinggi' THEN 0 WHEN 'sedang' THEN 1 ELSE 2 END, \
             f.rule, f.subject_name, f.id",
            paging,
        )
        .await
}

/// The findings of `region` that `w` selects, in `order`.
async fn of_region(
    conn: &mut Conn,
    region: &RegionId,
    w: Where,
    order: &str,
) -> Result<Vec<Finding>> {
    w.eq("f.region_id", region.as_str())
        .all(conn, SELECT, order)
        .await
}

pub async fn get(conn: &mut Conn, region: &RegionId, id: &str) -> Result<Option<Finding>> {
    let w = Where::new().eq("f.id", id);
    Ok(of_region(conn, region, w, "").await?.pop())
}

/// Every finding of a region in a stable order (the `simpul check` output).
pub async fn all(conn: &mut Conn, region: &RegionId) -> Result<Vec<Finding>> {
    let order = "ORDER BY f.rule, f.subject_name, f.subject_id";
    of_region(conn, region, Where::new(), order).await
}

/// The findings of one record (for its detail page).
pub async fn of_subject(conn: &mut Conn, region: &RegionId, subject: &str) -> Result<Vec<Finding>> {
    let w = Where::new().eq("f.subject_id", subject);
    of_region(conn, region, w, "ORDER BY f.rule").await
}

/// Active findings per rule (per-article dashboard).
pub async fn count_by_rule(conn: &mut Conn, region: &RegionId) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT rule, COUNT(*) AS n FROM findings WHERE region_id = $1 AND status IN ('terbuka','diakui') \
         AND grace_until IS NULL GROUP BY rule ORDER BY rule",
    )
    .bind(region.as_str())
    .fetch_all(conn)
    .await?)
}

/// The region's rule pack override.
pub async fn rule_pack(conn: &mut Conn, region: &RegionId) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = Where::new()
        .eq("id", region.as_str())
        .optional(conn, "SELECT rule_pack FROM regions")
        .await?;
    Ok(row.and_then(|(pack,)| pack))
}

pub async fn set_rule_pack(conn: &mut Conn, region: &RegionId, pack: Option<&str>) -> Result<()> {
    Update::new("regions")
        .set("rule_pack", pack)
        .id(region.as_str())
        .run(conn)
        .await?;
    Ok(())
}
