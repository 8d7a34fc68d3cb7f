//! Who may see findings and run the compliance engine.

use crate::platform::policy::{allow, is_admin};
use crate::{Actor, Result};
use simpul_domain::ids::PdId;
use simpul_domain::user::Role;

/// See findings: every role of the region sees all of them, except a PD operator, who sees
/// their own PD's (returns the PD the list is confined to).
pub fn findings_scope(a: &Actor) -> Option<PdId> {
    if a.role() == Role::OperatorPd && !a.is_system() {
        a.pd()
    } else {
        None
    }
}

/// Run an evaluation now or choose the region's rule pack.
pub fn run_compliance(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}
