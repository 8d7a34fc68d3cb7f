//! Due dates of recurring obligations (the calendar) and notifications.

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "deadlines", pages: pages, api: api, openapi: api, templates: ["calendar.html", "notifications.html"], messages: i18n };
