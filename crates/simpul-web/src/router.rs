//! The router: pages, API, static assets and probes, wrapped in request ids, tracing,
//! body limits, security headers and the request metrics.

use crate::{api, pages, security};
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue};
use axum::routing::get;
use axum::Router;
use simpul_app::App;
use std::sync::Arc;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Web settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none by default).
    pub trusted_proxies: Vec<crate::client_addr::Cidr>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            max_body: 1024 * 1024,
            trusted_proxies: Vec::new(),
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub web: Arc<WebConfig>,
}

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole HTTP application.
pub fn router(app: App, web: WebConfig) -> Router {
    let max_body = web.max_body;
    // Every request's log lines name the node that served it (several nodes, issue 14).
    let node: Arc<str> = app.config.node_id.as_str().into();
    let state = AppState {
        app,
        web: Arc::new(web),
    };
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/static/app.css", get(stylesheet))
        .fallback(pages::not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(crate::error::render_failures))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(move |req: &axum::http::Request<_>| {
            let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
            // Path only, never the query string: it may carry search terms about people.
            tracing::info_span!("request", node = %node, request_id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        // Outermost, so the latency covers every layer and the status is the one sent.
        .layer(axum::middleware::from_fn(crate::metrics::track))
}

async fn readyz(
    axum::extract::State(s): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    if s.app.store.ping().await {
        (axum::http::StatusCode::OK, "ready")
    } else {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "database unreachable",
        )
    }
}

async fn stylesheet() -> impl axum::response::IntoResponse {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                axum::http::header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        include_str!("../static/app.css"),
    )
}
