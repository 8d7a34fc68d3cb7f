//! The JSON API under `/api/v1`: the same use cases as the pages, authenticated with bearer
//! tokens, documented by the OpenAPI 3 document generated from these handlers.

pub mod dto;
mod responses;
use responses::CommonResponses;

use crate::error::ApiError;
use crate::router::AppState;
use crate::routes::{get, Table};
use axum::Router;
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The routes (what the router is built from; tests read it): the OpenAPI document and
/// every feature's API table.
pub fn table() -> Table {
    crate::features::FEATURES.iter().fold(
        Table::new().route("/openapi.json", get(openapi_json)),
        |t, f| t.merge((f.api)()),
    )
}

/// A page of `$item` in an answer: the struct `$name` (its schema in the document, with the
/// doc comment given), made from a store page with `From`; `$item, from $src` makes each item
/// `From<&$src>` (a DTO of a store row).
macro_rules! page_of {
    ($(#[$meta:meta])* $name:ident, $item:ty, from $src:ty) => {
        $crate::api::page_of!(@ $(#[$meta])* $name, $item, $src, |x: $src| <$item>::from(&x));
    };
    ($(#[$meta:meta])* $name:ident, $item:ty) => {
        $crate::api::page_of!(@ $(#[$meta])* $name, $item, $item, |x| x);
    };
    (@ $(#[$meta:meta])* $name:ident, $item:ty, $src:ty, $conv:expr) => {
        $(#[$meta])*
        #[derive(serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            pub total: i64,
            pub page: i64,
            pub per_page: i64,
        }

        impl From<simpul_store::Page<$src>> for $name {
            fn from(p: simpul_store::Page<$src>) -> Self {
                let simpul_store::Page { items, total, page, per_page, .. } = p;
                let items = items.into_iter().map($conv).collect();
                Self { items, total, page, per_page }
            }
        }
    };
}
pub(crate) use page_of;

/// Parses an id path segment; anything malformed is simply "not found".
pub fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T, ApiError> {
    s.parse()
        .map_err(|_| ApiError(crate::error::Failure::NotFound))
}

pub fn routes() -> Router<AppState> {
    table()
        .into_router()
        .fallback(|| async { ApiError(crate::error::Failure::NotFound) })
}

/// The error body of every 4xx and 5xx answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub errors: Vec<ErrorItem>,
}

/// One problem: the offending field (empty when not about one field) and a message in
/// Bahasa Indonesia, or English when `Accept-Language` prefers it.
#[derive(Serialize, ToSchema)]
pub struct ErrorItem {
    pub field: String,
    pub detail: String,
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("spl_…")
                    .build(),
            ),
        );
    }
}

/// What the document says of itself.
#[derive(OpenApi)]
#[openapi(info(
    title = "Simpul API",
    description = "JSON API of Simpul, the regional SPBE platform. Authenticate with `Authorization: Bearer <token>` (create a token on the Akun Saya page or with `simpul user token`)."
))]
struct Info;

/// The OpenAPI document: [`Info`] merged with every feature's document, then the bearer
/// scheme and the error answers every operation can give.
pub struct ApiDoc;

impl OpenApi for ApiDoc {
    fn openapi() -> utoipa::openapi::OpenApi {
        let mut doc = Info::openapi();
        for f in crate::features::FEATURES {
            let part = (f.openapi)();
            // A schema name two features both use keeps the later feature's schema, as one
            // derive over all paths did (`merge` alone would keep the first).
            if let (Some(have), Some(new)) = (doc.components.as_mut(), part.components.as_ref()) {
                for name in new.schemas.keys() {
                    have.schemas.remove(name);
                }
            }
            doc.merge(part);
        }
        BearerAuth.modify(&mut doc);
        CommonResponses.modify(&mut doc);
        doc
    }
}

/// The OpenAPI document as pretty JSON (what `/api/v1/openapi.json` serves and
/// `docs/openapi.json` holds).
pub fn openapi_document() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc.to_pretty_json().unwrap_or_default() + "\n"
}

async fn openapi_json() -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        openapi_document(),
    )
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi;

    #[test]
    fn every_api_route_is_documented_and_every_documented_operation_is_routed() {
        let doc = super::ApiDoc::openapi();
        let mut documented = Vec::new();
        for (path, item) in &doc.paths.paths {
            let ops = [
                ("GET", &item.get),
                ("PUT", &item.put),
                ("POST", &item.post),
                ("DELETE", &item.delete),
                ("PATCH", &item.patch),
            ];
            for (m, op) in ops {
                if op.is_some() {
                    documented.push(format!("{m} {path}"));
                }
            }
        }
        let mut routed: Vec<String> = super::table()
            .routes()
            .iter()
            .filter(|(_, p)| *p != "/openapi.json")
            .map(|(m, p)| format!("{m} /api/v1{p}"))
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(documented, routed);
    }

    #[test]
    fn committed_openapi_document_matches_the_code() {
        let committed = include_str!("../../../../docs/openapi.json");
        let generated = super::openapi_document();
        if committed != generated {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json.new");
            let _ = std::fs::write(path, &generated);
            panic!("docs/openapi.json is stale: run `cargo run -- openapi > docs/openapi.json` (new copy written to docs/openapi.json.new)");
        }
    }
}
