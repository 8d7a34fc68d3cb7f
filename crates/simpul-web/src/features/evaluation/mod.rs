//! SPBE evaluation (PermenPANRB 59/2020).

pub mod api;
pub mod dto;
pub mod pages;

pub const FEATURE: super::Feature = super::feature_of! { "evaluation", pages: pages, api: api, openapi: api, templates: ["evaluation_chart.html", "evaluation_history.html", "evaluation_indicator.html", "evaluation_list.html", "evaluation_period.html", "evaluation_report.html", "evaluation_simulation.html"], messages: i18n, case_link: (pages::case_link) };
