//! Errors of the use cases, without HTTP knowledge; the web layer maps them in one place.

use simpul_domain::{FieldError, Invalid};
use simpul_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input failed validation; nothing was written.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// No valid session or token.
    #[error("not signed in")]
    Unauthenticated,
    /// Unknown user, wrong password or inactive account: one message for all.
    #[error("invalid credentials")]
    BadCredentials,
    /// Too many failed logins; retry later.
    #[error("too many attempts, retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    /// Too many spreadsheet imports at once; retry shortly (issue 9.5).
    #[error("busy, retry in {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    /// Signed in, but this role or PD may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No such record in the caller's region.
    #[error("not found")]
    NotFound,
    /// The workflow step does not leave from the case's current state (409).
    #[error("step not allowed from the current state")]
    WrongState,
    /// A unique value is already taken.
    #[error("conflict on {0}")]
    Conflict(&'static str),
    /// The action would break an invariant (e.g. an admin demoting themselves).
    #[error("not allowed: {}", .0.code)]
    Rule(FieldError),
    #[error(transparent)]
    Store(StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(f) => AppError::Conflict(f),
            other => AppError::Store(other),
        }
    }
}
