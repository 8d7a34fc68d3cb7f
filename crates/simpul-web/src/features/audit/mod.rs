//! The hash-chained audit trail (SEC-1).

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature =
    super::feature_of! { "audit", pages: pages, api: api, openapi: api, templates: ["audit.html"] };
