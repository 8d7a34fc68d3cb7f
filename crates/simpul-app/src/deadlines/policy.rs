//! Whose deadlines an actor sees.

use crate::{Actor, AppError, Result};
use simpul_domain::ids::PdId;
use simpul_domain::user::Role;

/// Whose deadlines the actor sees: a PD operator only their own PD's (`Some`); every other
/// role, all of the region's (`None`). An operator bound to no PD sees nothing.
pub fn deadline_scope(a: &Actor) -> Result<Option<PdId>> {
    if a.role() == Role::OperatorPd && !a.is_system() {
        a.pd().map(Some).ok_or(AppError::Forbidden)
    } else {
        Ok(None)
    }
}
