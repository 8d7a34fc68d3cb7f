//! API for the SPBE catalogue (issue 3).

use super::dto::{self, DocumentRow, Impacted, Record, RecordDetail, RecordInput, RefCode};
use crate::api::dto::many;
use crate::api::parse_id as id_of;
use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiJson, ApiQuery};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use simpul_domain::catalogue::{self, EntityKind, FieldKind};
use simpul_domain::ids::{PdId, RecordId};
use simpul_domain::FieldError;
use simpul_store::records::{RecordFilter, RecordSort};
use simpul_store::Paging;
use utoipa::{IntoParams, ToSchema};

fn kind_of(s: &str) -> Result<EntityKind, ApiError> {
    EntityKind::from_code(s).ok_or(ApiError(Failure::NotFound))
}

fn invalid(e: FieldError) -> ApiError {
    ApiError(Failure::Invalid(vec![e]))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecordQuery {
    /// Words to search for (word-prefix match in name, code, description and text fields).
    q: Option<String>,
    /// Owning PD id.
    pd: Option<String>,
    /// Lifecycle status code.
    status: Option<String>,
    /// `name` (default), `code`, `status` or `updated`.
    sort: Option<String>,
    include_retired: Option<bool>,
    /// Datasets: classification code (`terbuka`, `terbatas`, `rahasia`).
    classification: Option<String>,
    /// Datasets: update frequency code (`harian` … `tidak_tentu`).
    update_frequency: Option<String>,
    /// Datasets: last updated before this date (YYYY-MM-DD), or never.
    last_updated_before: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

crate::api::page_of!(
    /// A page of catalogue records. `total` is capped at 10,001 (meaning "more than 10,000").
    RecordList,
    Record,
    from catalogue::Record
);

/// List catalogue records of a kind (`application`, `service`, `business_process`, `dataset`,
/// `asset`, `domain`, `lan_diagram`, `lan_change`, `backup_report`).
#[utoipa::path(get, path = "/api/v1/catalogue/{kind}", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), RecordQuery),
    responses((status = 200, body = RecordList), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(kind): Path<String>,
    ApiQuery(q): ApiQuery<RecordQuery>,
) -> Result<Json<RecordList>, ApiError> {
    let kind = kind_of(&kind)?;
    let pd = match q.pd.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(
            p.parse::<PdId>()
                .map_err(|_| invalid(FieldError::new("pd", "invalid")))?,
        ),
        None => None,
    };
    let status = match q.status.as_deref().filter(|p| !p.is_empty()) {
        Some(st) => Some(
            simpul_domain::text::parse_enum("status", st, kind.statuses(), |x| x)
                .map_err(invalid)?
                .to_owned(),
        ),
        None => None,
    };
    let sort = match q.sort.as_deref().filter(|p| !p.is_empty()) {
        Some(st) => RecordSort::parse(st).ok_or_else(|| {
            invalid(FieldError::with_param(
                "sort",
                "unknown_value",
                "name, code, status, updated",
            ))
        })?,
        None => RecordSort::default(),
    };
    let (data_eq, data_before) = kind
        .parse_list_filters(|n| match n {
            "classification" => q.classification.as_deref(),
            "update_frequency" => q.update_frequency.as_deref(),
            "last_updated_before" => q.last_updated_before.as_deref(),
            _ => None,
        })
        .map_err(invalid)?;
    let f = RecordFilter {
        data_eq,
        data_before,
        kind: Some(kind),
        pd,
        status,
        q: q.q.unwrap_or_default().chars().take(200).collect(),
        include_retired: q.include_retired.unwrap_or(false),
        sort,
    };
    let p = s
        .app
        .list_records(&a, &f, Paging::new(q.page, q.per_page))
        .await?;
    Ok(Json(p.into()))
}

/// Register a record (admin Kominfo; a PD operator for their own PD; the Walidata for datasets).
#[utoipa::path(post, path = "/api/v1/catalogue/{kind}", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path)), request_body = RecordInput,
    responses((status = 201, body = Record), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(kind): Path<String>,
    ApiJson(input): ApiJson<RecordInput>,
) -> Result<(StatusCode, Json<Record>), ApiError> {
    let kind = kind_of(&kind)?;
    Ok((
        StatusCode::CREATED,
        Json((&s.app.create_record(&a, kind, &input.into()).await?).into()),
    ))
}

async fn get_of_kind(
    s: &AppState,
    a: &simpul_app::Actor,
    kind: &str,
    id: &str,
) -> Result<simpul_app::catalogue::RecordDetail, ApiError> {
    let kind = kind_of(kind)?;
    let d = s.app.record_detail(a, id_of(id)?).await?;
    if d.record.kind != kind {
        return Err(ApiError(Failure::NotFound));
    }
    Ok(d)
}

/// One record with its links in both directions.
#[utoipa::path(get, path = "/api/v1/catalogue/{kind}/{id}", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = RecordDetail), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<RecordDetail>, ApiError> {
    Ok(Json((&get_of_kind(&s, &a, &kind, &id).await?).into()))
}

/// Edit a record.
#[utoipa::path(put, path = "/api/v1/catalogue/{kind}/{id}", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)), request_body = RecordInput,
    responses((status = 200, body = Record), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<RecordInput>,
) -> Result<Json<Record>, ApiError> {
    let d = get_of_kind(&s, &a, &kind, &id).await?;
    let input: catalogue::RecordInput = input.into();
    Ok(Json(
        (&s.app.update_record(&a, d.record.id, &input).await?).into(),
    ))
}

/// Why a record is retired; `null` reactivates it.
#[derive(Deserialize, ToSchema)]
pub struct RecordRetireInput {
    reason: Option<String>,
}

/// Retire (or reactivate) a record; records are never deleted.
#[utoipa::path(post, path = "/api/v1/catalogue/{kind}/{id}/retire", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)), request_body = RecordRetireInput,
    responses((status = 200, body = Record), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn retire(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
    ApiJson(r): ApiJson<RecordRetireInput>,
) -> Result<Json<Record>, ApiError> {
    let d = get_of_kind(&s, &a, &kind, &id).await?;
    let record = s.app.retire_record(&a, d.record.id, r.reason.as_deref());
    Ok(Json((&record.await?).into()))
}

/// A link to create or remove.
#[derive(Deserialize, ToSchema)]
pub struct LinkInput {
    /// The record this one depends on.
    to: String,
    /// Needed only to remove a link.
    #[serde(default)]
    relation: Option<String>,
}

/// The relation a new link got.
#[derive(Serialize, ToSchema)]
pub struct LinkCreated {
    relation: String,
}

/// Link this record to one it depends on; the relation follows from the two kinds.
#[utoipa::path(post, path = "/api/v1/catalogue/{kind}/{id}/links", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)), request_body = LinkInput,
    responses((status = 201, body = LinkCreated), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn link(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
    ApiJson(l): ApiJson<LinkInput>,
) -> Result<(StatusCode, Json<LinkCreated>), ApiError> {
    let d = get_of_kind(&s, &a, &kind, &id).await?;
    let to =
        l.to.parse::<RecordId>()
            .map_err(|_| invalid(FieldError::new("to", "invalid")))?;
    let relation = s.app.link_records(&a, d.record.id, to).await?;
    Ok((StatusCode::CREATED, Json(LinkCreated { relation })))
}

/// Remove a link.
#[utoipa::path(post, path = "/api/v1/catalogue/{kind}/{id}/unlink", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)), request_body = LinkInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn unlink(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
    ApiJson(l): ApiJson<LinkInput>,
) -> Result<StatusCode, ApiError> {
    let d = get_of_kind(&s, &a, &kind, &id).await?;
    let to =
        l.to.parse::<RecordId>()
            .map_err(|_| ApiError(Failure::NotFound))?;
    s.app
        .unlink_records(&a, d.record.id, to, l.relation.as_deref().unwrap_or(""))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What stops if this record goes down (nearest first).
#[utoipa::path(get, path = "/api/v1/catalogue/{kind}/{id}/impact", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Vec<Impacted>), (status = 404, body = ErrorBody)))]
pub async fn impact(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<Vec<Impacted>>, ApiError> {
    let d = get_of_kind(&s, &a, &kind, &id).await?;
    Ok(Json(many(&s.app.impact(&a, d.record.id).await?)))
}

/// One field of a kind.
#[derive(Serialize, ToSchema)]
pub struct FieldDoc {
    name: &'static str,
    /// `text`, `long_text`, `enum`, `multi`, `bool`, `date`, `url`, `host`, `year` or `pd`.
    r#type: &'static str,
    required: bool,
    /// Allowed codes for `enum` and `multi`.
    values: Vec<&'static str>,
}

/// The fields and statuses of a kind.
#[derive(Serialize, ToSchema)]
pub struct KindSchema {
    #[schema(value_type = dto::EntityKind)]
    kind: EntityKind,
    statuses: Vec<&'static str>,
    ref_tree: Option<&'static str>,
    fields: Vec<FieldDoc>,
}

/// Fields, statuses and reference tree of a kind.
#[utoipa::path(get, path = "/api/v1/catalogue/{kind}/schema", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path)),
    responses((status = 200, body = KindSchema), (status = 404, body = ErrorBody)))]
pub async fn schema(
    ApiActor(_): ApiActor,
    Path(kind): Path<String>,
) -> Result<Json<KindSchema>, ApiError> {
    let kind = kind_of(&kind)?;
    let fields = kind
        .fields()
        .iter()
        .map(|f| {
            let (t, values): (&str, Vec<&str>) = match f.kind {
                FieldKind::Text(_) => ("text", vec![]),
                FieldKind::LongText => ("long_text", vec![]),
                FieldKind::Enum(c) => ("enum", c.to_vec()),
                FieldKind::Multi(c) => ("multi", c.to_vec()),
                FieldKind::Bool => ("bool", vec![]),
                FieldKind::Date => ("date", vec![]),
                FieldKind::Url => ("url", vec![]),
                FieldKind::Host => ("host", vec![]),
                FieldKind::Year => ("year", vec![]),
                FieldKind::Pd => ("pd", vec![]),
            };
            FieldDoc {
                name: f.name,
                r#type: t,
                required: f.required,
                values,
            }
        })
        .collect();
    Ok(Json(KindSchema {
        kind,
        statuses: kind.statuses().to_vec(),
        ref_tree: kind.ref_tree(),
        fields,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RefQuery {
    /// `RAB`, `RAL`, `RAD`, `RAA`, `RAI` or `RAK`.
    tree: Option<String>,
}

/// Reference architecture codes.
#[utoipa::path(get, path = "/api/v1/ref-codes", tag = "catalogue", security(("bearer" = [])), params(RefQuery),
    responses((status = 200, body = Vec<RefCode>)))]
pub async fn ref_codes(
    State(s): State<AppState>,
    ApiActor(_): ApiActor,
    ApiQuery(q): ApiQuery<RefQuery>,
) -> Result<Json<Vec<RefCode>>, ApiError> {
    let tree = q.tree.as_deref().filter(|t| !t.is_empty());
    Ok(Json(many(&s.app.ref_codes(tree).await?)))
}

/// A reference code's name.
#[derive(Deserialize, ToSchema)]
pub struct RefName {
    name: String,
}

/// Add or rename a reference code (admin Kominfo).
#[utoipa::path(put, path = "/api/v1/ref-codes/{code}", tag = "catalogue", security(("bearer" = [])), params(("code" = String, Path)), request_body = RefName,
    responses((status = 200, body = RefCode), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_ref_code(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(code): Path<String>,
    ApiJson(n): ApiJson<RefName>,
) -> Result<Json<RefCode>, ApiError> {
    Ok(Json(
        (&s.app.upsert_ref_code(&a, &code, &n.name).await?).into(),
    ))
}

/// A document upload (multipart/form-data).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadDoc {
    /// Document type code (`sla`, `sop`, `kode_sumber`, …).
    doc_type: String,
    /// Title shown in the document list; the file name when absent or empty.
    #[schema(required = false)]
    title: String,
    /// `terbuka`, `terbatas` or `rahasia`.
    classification: String,
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
}

/// Attach a document to a record (needs the right to edit the record). At most 20 MiB.
#[utoipa::path(post, path = "/api/v1/catalogue/{kind}/{id}/documents", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)),
    request_body(content = UploadDoc, content_type = "multipart/form-data"),
    responses((status = 201, body = DocumentRow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
    crate::upload::ApiMultipart(mp): crate::upload::ApiMultipart,
) -> Result<(StatusCode, Json<DocumentRow>), ApiError> {
    let d = get_of_kind(&s, &a, &kind, &id).await?;
    let form = crate::upload::read(mp).await?;
    let up = simpul_app::catalogue::documents::Upload {
        doc_type: &form.doc_type,
        title: &form.title,
        filename: &form.filename,
        classification: &form.classification,
        content: &form.content,
    };
    Ok((
        StatusCode::CREATED,
        Json((&s.app.upload_document(&a, d.record.id, up).await?).into()),
    ))
}

/// Documents attached to a record (metadata): those the caller may see; a `rahasia` document
/// only administrators, auditors and the owning PD see.
#[utoipa::path(get, path = "/api/v1/catalogue/{kind}/{id}/documents", tag = "catalogue", security(("bearer" = [])), params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Vec<DocumentRow>), (status = 404, body = ErrorBody)))]
pub async fn documents(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<Vec<DocumentRow>>, ApiError> {
    let d = get_of_kind(&s, &a, &kind, &id).await?;
    Ok(Json(many(
        &s.app.record_documents(&a, d.record.id).await?.visible,
    )))
}

/// Download a document. `rahasia` documents only for administrators, auditors and the owning PD.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "catalogue", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = ErrorBody)))]
pub async fn download(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(id): Path<String>,
) -> Result<axum::response::Response, ApiError> {
    let id = id.parse().map_err(|_| ApiError(Failure::NotFound))?;
    let (d, bytes) = s.app.download_document(&a, id).await?;
    Ok(crate::upload::download(&d, bytes))
}

crate::features::api_doc!(
    "catalogue",
    "The SPBE catalogue: applications, services, business processes, datasets, assets, domains, LAN and backup reports, their links and the reference architecture (ARC, APP, DAT, DOM, INF)",
    [list, create, get, update, retire, link, unlink, impact, schema, ref_codes, put_ref_code, upload(crate::upload::UPLOAD_BODY_LIMIT), documents, download]
);
