//! Who may manage Perangkat Daerah and the region profile (ORG-7).

use crate::platform::policy::{allow, is_admin};
use crate::{Actor, Result};
use simpul_domain::ids::PdId;
use simpul_domain::user::Role;

/// Create or retire a Perangkat Daerah; change its flags (Kominfo, planning, inspectorate, Mandiri TIK).
pub fn manage_pds(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

/// Edit the profile of one PD: administrators any, a PD operator only their own.
pub fn edit_pd(a: &Actor, pd: PdId) -> Result<()> {
    allow(is_admin(a) || (a.role() == Role::OperatorPd && a.pd() == Some(pd)))
}

/// Edit the region profile and the Tim Koordinasi SPBE.
pub fn manage_region(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::policy::test_actor as actor;
    use crate::AppError;

    #[test]
    fn operator_edits_only_their_own_pd() {
        let own = PdId::new();
        let op = actor(Role::OperatorPd, Some(own));
        assert!(edit_pd(&op, own).is_ok());
        assert!(matches!(
            edit_pd(&op, PdId::new()),
            Err(AppError::Forbidden)
        ));
        assert!(manage_pds(&op).is_err());
    }
}
