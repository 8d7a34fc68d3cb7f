//! Platform services shared by every feature: errors, the shared authorization predicates,
//! the audit trail, e-mail, in-app notifications, signing, blob garbage collection and the
//! Prometheus metrics.

pub mod audit;
pub mod blob_gc;
pub mod error;
pub mod mail;
pub mod metrics;
pub mod notify;
pub mod policy;
pub mod signing;
