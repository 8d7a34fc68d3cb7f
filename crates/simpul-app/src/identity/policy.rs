//! Who may manage and see accounts (ORG-7).

use crate::platform::policy::{allow, is_admin};
use crate::{Actor, Result};
use simpul_domain::user::Role;

/// Create, edit, deactivate accounts and reset their passwords.
pub fn manage_users(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

/// See the account list: administrators, and auditors who read everything.
pub fn view_users(a: &Actor) -> Result<()> {
    allow(is_admin(a) || a.role() == Role::Auditor)
}
