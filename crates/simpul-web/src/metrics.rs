//! HTTP metrics: the middleware that counts and times every request by its matched route
//! template (axum's `MatchedPath`, never the raw path, so ids and search terms never become
//! label values), and the router of the separate metrics listener (`GET /metrics`). The
//! names and the recording live in `simpul_app::platform::metrics`.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use simpul_app::platform::metrics;
use simpul_app::App;
use std::time::Instant;

/// Counts and times the request (added as the router's outermost layer).
pub async fn track(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().cloned();
    let method = req.method().clone();
    let started = Instant::now();
    let res = next.run(req).await;
    metrics::http_request(
        route.as_ref().map(MatchedPath::as_str),
        method.as_str(),
        res.status().as_u16(),
        started.elapsed(),
    );
    res
}

/// The metrics listener's router: `GET /metrics` in the Prometheus text format.
pub fn router(app: App) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state(app)
}

async fn scrape(State(app): State<App>) -> Response {
    match metrics::scrape(&app).await {
        Some(text) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
            )],
            text,
        )
            .into_response(),
        None => (StatusCode::SERVICE_UNAVAILABLE, "metrics are not installed").into_response(),
    }
}
