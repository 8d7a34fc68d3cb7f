//! SPBE evaluation (PermenPANRB 59/2020).

pub mod api;
pub mod pages;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "evaluation",
    pages: pages::table,
    api: api::table,
    openapi: api::openapi,
    templates: &[
        (
            "evaluation_chart.html",
            include_str!("templates/evaluation_chart.html"),
        ),
        (
            "evaluation_history.html",
            include_str!("templates/evaluation_history.html"),
        ),
        (
            "evaluation_indicator.html",
            include_str!("templates/evaluation_indicator.html"),
        ),
        (
            "evaluation_list.html",
            include_str!("templates/evaluation_list.html"),
        ),
        (
            "evaluation_period.html",
            include_str!("templates/evaluation_period.html"),
        ),
        (
            "evaluation_report.html",
            include_str!("templates/evaluation_report.html"),
        ),
        (
            "evaluation_simulation.html",
            include_str!("templates/evaluation_simulation.html"),
        ),
    ],
    messages: super::Messages {
        id: include_str!("i18n/id.toml"),
        en: include_str!("i18n/en.toml"),
    },
    ..Feature::EMPTY
};
