//! The compliance engine: overview, findings and their decisions, the report.

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "compliance", pages: pages, api: api, openapi: api, templates: ["compliance.html", "compliance_report.html", "finding_detail.html", "finding_list.html"], messages: i18n, case_link: (pages::case_link) };
