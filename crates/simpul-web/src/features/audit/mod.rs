//! The hash-chained audit trail (SEC-1).

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "audit",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[("audit.html", include_str!("templates/audit.html"))],
    ..Feature::EMPTY
};
