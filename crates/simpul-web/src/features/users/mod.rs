//! Accounts and roles (ORG-7).

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "users", pages: pages, api: api, openapi: api, templates: ["user_detail.html", "user_form.html", "user_list.html"] };
