//! The SPBE catalogue: records, their documents and links, reference codes, import and export.

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "catalogue",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        (
            "catalogue_index.html",
            include_str!("templates/catalogue_index.html"),
        ),
        (
            "record_detail.html",
            include_str!("templates/record_detail.html"),
        ),
        (
            "record_form.html",
            include_str!("templates/record_form.html"),
        ),
        (
            "record_impact.html",
            include_str!("templates/record_impact.html"),
        ),
        (
            "record_list.html",
            include_str!("templates/record_list.html"),
        ),
        ("refs.html", include_str!("templates/refs.html")),
        ("transfer.html", include_str!("templates/transfer.html")),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    ..Feature::EMPTY
};
