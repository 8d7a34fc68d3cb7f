//! The generic case API of the workflow kernel and the caller's tasks.

pub mod api;

pub const FEATURE: super::Feature = super::feature_of! { "cases", api: api, openapi: api };
