//! The signed-in user: login and logout, the account page, API tokens, `me`.

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "account", pages: pages, api: api, openapi: api, templates: ["account.html", "login.html"], messages: i18n };
