//! The generic case API of the workflow kernel and the caller's tasks.

pub mod api;

use super::Feature;

pub const FEATURE: Feature = Feature {
    name: "cases",
    api: api::table,
    openapi: api::openapi,
    ..Feature::EMPTY
};
