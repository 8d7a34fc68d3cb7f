//! The dashboard, the public pages, the language switch and redirects from moved pages.

pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "home",
    pages: pages::table,
    templates: &[
        ("dashboard.html", include_str!("templates/dashboard.html")),
        (
            "public_home.html",
            include_str!("templates/public_home.html"),
        ),
        (
            "public_region.html",
            include_str!("templates/public_region.html"),
        ),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    redirects: pages::moved::routes,
    ..Feature::EMPTY
};
