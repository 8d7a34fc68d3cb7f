//! Administrative sanctions, signed decisions and the signing key.

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "sanctions",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        (
            "sanction_detail.html",
            include_str!("templates/sanction_detail.html"),
        ),
        (
            "sanction_form.html",
            include_str!("templates/sanction_form.html"),
        ),
        (
            "sanction_list.html",
            include_str!("templates/sanction_list.html"),
        ),
        (
            "signing_key.html",
            include_str!("templates/signing_key.html"),
        ),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    ..Feature::EMPTY
};
