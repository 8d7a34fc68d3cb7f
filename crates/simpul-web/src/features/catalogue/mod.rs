//! The SPBE catalogue: records, their documents and links, reference codes, import and export.

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "catalogue", pages: pages, api: api, openapi: api, templates: ["catalogue_index.html", "record_detail.html", "record_form.html", "record_impact.html", "record_list.html", "refs.html", "transfer.html"], messages: i18n };
