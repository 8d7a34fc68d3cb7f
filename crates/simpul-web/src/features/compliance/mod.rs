//! The compliance engine: overview, findings and their decisions, the report.

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "compliance",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        ("compliance.html", include_str!("templates/compliance.html")),
        (
            "compliance_report.html",
            include_str!("templates/compliance_report.html"),
        ),
        (
            "finding_detail.html",
            include_str!("templates/finding_detail.html"),
        ),
        (
            "finding_list.html",
            include_str!("templates/finding_list.html"),
        ),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    ..Feature::EMPTY
};
