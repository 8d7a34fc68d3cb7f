//! Organisation: the region profile, Perangkat Daerah and the Tim Koordinasi SPBE (ORG-1..3).

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "org", pages: pages, api: api, openapi: api, templates: ["pd_detail.html", "pd_form.html", "pd_list.html", "region.html", "region_form.html", "region_profile.html", "tim.html"], messages: i18n };
