//! Organisation: the region profile, Perangkat Daerah and the Tim Koordinasi SPBE (ORG-1..3).

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "org",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        ("pd_detail.html", include_str!("templates/pd_detail.html")),
        ("pd_form.html", include_str!("templates/pd_form.html")),
        ("pd_list.html", include_str!("templates/pd_list.html")),
        ("region.html", include_str!("templates/region.html")),
        (
            "region_form.html",
            include_str!("templates/region_form.html"),
        ),
        (
            "region_profile.html",
            include_str!("templates/region_profile.html"),
        ),
        ("tim.html", include_str!("templates/tim.html")),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    ..Feature::EMPTY
};
