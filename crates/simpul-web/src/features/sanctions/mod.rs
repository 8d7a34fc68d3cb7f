//! Administrative sanctions, signed decisions and the signing key.

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "sanctions", pages: pages, api: api, openapi: api, templates: ["sanction_detail.html", "sanction_form.html", "sanction_list.html", "signing_key.html"], messages: i18n, case_link: (pages::case_link) };
