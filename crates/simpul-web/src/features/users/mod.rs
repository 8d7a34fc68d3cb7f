//! Accounts and roles (ORG-7).

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "users",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        (
            "user_detail.html",
            include_str!("templates/user_detail.html"),
        ),
        ("user_form.html", include_str!("templates/user_form.html")),
        ("user_list.html", include_str!("templates/user_list.html")),
    ],
    ..Feature::EMPTY
};
