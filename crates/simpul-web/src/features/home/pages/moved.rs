//! The page paths that moved when every page URL became Indonesian (issue 10): one table
//! from each old path to its new one, answered with `308 Permanent Redirect`, which keeps
//! the method and body, so old bookmarks, links stored in notifications and forms still
//! open in a browser tab keep working. A `{kind}` segment holding a kind code
//! (`application`) becomes its URL slug (`aplikasi`); every other segment and the query
//! string are kept as they are.

use crate::router::AppState;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use simpul_domain::catalogue::EntityKind;

/// Old path → new path, in the router's syntax; both sides name the same segments.
pub const MOVED: &[(&str, &str)] = &[
    ("/login", "/masuk"),
    ("/logout", "/keluar"),
    ("/lang/{lang}", "/bahasa/{lang}"),
    ("/regions/{slug}", "/daerah/{slug}"),
    ("/pd/new", "/pd/baru"),
    ("/pd/{id}/edit", "/pd/{id}/ubah"),
    ("/pd/{id}/retire", "/pd/{id}/nonaktifkan"),
    ("/pd/{id}/reactivate", "/pd/{id}/aktifkan"),
    ("/users", "/pengguna"),
    ("/users/new", "/pengguna/baru"),
    ("/users/{id}", "/pengguna/{id}"),
    ("/users/{id}/edit", "/pengguna/{id}/ubah"),
    ("/users/{id}/password", "/pengguna/{id}/kata-sandi"),
    ("/region", "/profil-daerah"),
    ("/region/edit", "/profil-daerah/ubah"),
    ("/tim/{id}/remove", "/tim/{id}/hapus"),
    ("/catalogue", "/katalog"),
    ("/catalogue/{kind}", "/katalog/{kind}"),
    ("/catalogue/{kind}/new", "/katalog/{kind}/baru"),
    ("/catalogue/{kind}/{id}", "/katalog/{kind}/{id}"),
    ("/catalogue/{kind}/{id}/edit", "/katalog/{kind}/{id}/ubah"),
    (
        "/catalogue/{kind}/{id}/retire",
        "/katalog/{kind}/{id}/nonaktifkan",
    ),
    (
        "/catalogue/{kind}/{id}/reactivate",
        "/katalog/{kind}/{id}/aktifkan",
    ),
    (
        "/catalogue/{kind}/{id}/links",
        "/katalog/{kind}/{id}/tautan",
    ),
    (
        "/catalogue/{kind}/{id}/unlink",
        "/katalog/{kind}/{id}/lepas-tautan",
    ),
    (
        "/catalogue/{kind}/{id}/impact",
        "/katalog/{kind}/{id}/dampak",
    ),
    (
        "/catalogue/{kind}/{id}/documents",
        "/katalog/{kind}/{id}/dokumen",
    ),
    ("/catalogue/{kind}/transfer", "/katalog/{kind}/impor-ekspor"),
    (
        "/catalogue/{kind}/template/{format}",
        "/katalog/{kind}/templat/{format}",
    ),
    (
        "/catalogue/{kind}/export/{format}",
        "/katalog/{kind}/ekspor/{format}",
    ),
    ("/catalogue/{kind}/import", "/katalog/{kind}/impor"),
    ("/documents/{id}", "/dokumen/{id}"),
    ("/documents/{id}/retire", "/dokumen/{id}/nonaktifkan"),
    ("/refs", "/referensi"),
    ("/account", "/akun"),
    ("/account/password", "/akun/kata-sandi"),
    ("/account/tokens", "/akun/token"),
    ("/account/tokens/{id}/revoke", "/akun/token/{id}/cabut"),
];

/// The new location of `path` (and `query`) that matched the old pattern `from`.
pub fn target(from: &str, to: &str, path: &str, query: Option<&str>) -> String {
    let names: Vec<&str> = from.split('/').collect();
    let values: Vec<&str> = path.split('/').collect();
    let value = |name: &str| -> String {
        let v = names
            .iter()
            .position(|n| n.strip_prefix('{').and_then(|n| n.strip_suffix('}')) == Some(name))
            .and_then(|i| values.get(i).copied())
            .unwrap_or_default();
        match (name, EntityKind::from_code(v)) {
            ("kind", Some(k)) => k.slug().to_owned(),
            _ => v.to_owned(),
        }
    };
    let mut out: Vec<String> = Vec::new();
    for seg in to.split('/') {
        match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => out.push(value(name)),
            None => out.push(seg.to_owned()),
        }
    }
    let mut url = out.join("/");
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        url.push('?');
        url.push_str(q);
    }
    url
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, v)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Every old path, answering any method with a redirect to its new path.
pub fn routes() -> Router<AppState> {
    MOVED.iter().fold(Router::new(), |r, &(from, to)| {
        r.route(
            from,
            any(
                move |uri: Uri| async move { redirect(&target(from, to, uri.path(), uri.query())) },
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_become_slugs_and_the_query_is_kept() {
        assert_eq!(
            target(
                "/catalogue/{kind}/{id}/edit",
                "/katalog/{kind}/{id}/ubah",
                "/catalogue/business_process/01ABC/edit",
                Some("x=1&y=%20")
            ),
            "/katalog/proses-bisnis/01ABC/ubah?x=1&y=%20"
        );
        assert_eq!(target("/login", "/masuk", "/login", Some("")), "/masuk");
    }

    #[test]
    fn an_unknown_kind_is_passed_on_unchanged() {
        assert_eq!(
            target(
                "/catalogue/{kind}",
                "/katalog/{kind}",
                "/catalogue/nope",
                None
            ),
            "/katalog/nope"
        );
    }

    #[test]
    fn both_sides_of_every_move_name_the_same_segments() {
        let params = |p: &str| {
            let mut v: Vec<String> = p
                .split('/')
                .filter(|s| s.starts_with('{'))
                .map(str::to_owned)
                .collect();
            v.sort();
            v
        };
        for (from, to) in MOVED {
            assert_eq!(params(from), params(to), "{from} -> {to}");
        }
    }
}
