//! The dashboard, the public pages, the language switch and redirects from moved pages.

pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "home", pages: pages, templates: ["dashboard.html", "public_home.html", "public_region.html"], messages: i18n, redirects: (pages::moved::routes) };
