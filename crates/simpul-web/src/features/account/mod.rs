//! The signed-in user: login and logout, the account page, API tokens, `me`.

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "account",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        ("account.html", include_str!("templates/account.html")),
        ("login.html", include_str!("templates/login.html")),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    ..Feature::EMPTY
};
