//! Due dates of recurring obligations (the calendar) and notifications.

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "deadlines",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        ("calendar.html", include_str!("templates/calendar.html")),
        (
            "notifications.html",
            include_str!("templates/notifications.html"),
        ),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    ..Feature::EMPTY
};
