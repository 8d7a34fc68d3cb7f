//! `[metrics] bind`: the Prometheus text at `/metrics` on a listener of its own, apart from
//! the web server, so it can stay on loopback or an internal interface that only the
//! Prometheus server reaches (it needs no login; the main server never serves it).

use crate::config;
use anyhow::{Context, Result};
use simpul_app::platform::metrics::{self, BuildInfo};
use simpul_app::App;
use simpul_store::Backend;
use std::net::SocketAddr;

/// Installs the recorder and starts the metrics listener when `bind` is set; returns its
/// address. Call before the background jobs start, so their first runs are counted.
pub async fn start(cfg: &config::Metrics, app: &App) -> Result<Option<SocketAddr>> {
    let bind = cfg.bind.trim();
    if bind.is_empty() {
        return Ok(None);
    }
    let addr: SocketAddr = bind
        .parse()
        .with_context(|| format!("invalid metrics.bind address `{bind}`"))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr} (metrics.bind)"))?;
    let local = listener.local_addr()?;
    let info = BuildInfo {
        version: env!("CARGO_PKG_VERSION"),
        commit: env!("SIMPUL_GIT_COMMIT"),
        backend: match app.store.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        },
    };
    metrics::install(&info)?;
    let router = simpul_web::metrics::router(app.clone());
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            tracing::error!(error = %e, "the metrics listener stopped");
        }
    });
    Ok(Some(local))
}
