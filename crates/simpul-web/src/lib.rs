//! The HTTP face of Simpul: server-rendered pages in Bahasa Indonesia (English switchable),
//! the JSON API under `/api/v1` with its OpenAPI document, health probes and security
//! headers. Handlers are thin: extract, call an `App` use case, render.

pub mod api;
pub mod client_addr;
pub mod error;
pub mod extract;
pub mod features;
pub mod i18n;
pub mod metrics;
pub mod pages;
pub mod router;
pub mod routes;
pub mod security;
pub mod serve;
pub mod templates;
pub mod upload;

pub use router::{router, AppState, WebConfig};
