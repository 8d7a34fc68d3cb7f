//! Who sees sanctions.

use crate::platform::policy::is_admin;
use crate::{Actor, AppError, Result};
use simpul_domain::ids::PdId;
use simpul_domain::user::Role;

/// Which sanctions the actor sees (who proposes and decides is the sanction workflow's
/// definition, `simpul_domain::sanction::SanctionWorkflow`): `Ok(None)` all of the region's, `Ok(Some(pd))` only their
/// own PD's (a PD operator), otherwise forbidden.
pub fn view_sanctions(a: &Actor) -> Result<Option<PdId>> {
    if is_admin(a) || matches!(a.role(), Role::Pimpinan | Role::Koordinator | Role::Auditor) {
        Ok(None)
    } else if let (Role::OperatorPd, Some(pd)) = (a.role(), a.pd()) {
        Ok(Some(pd))
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::policy::test_actor as actor;

    #[test]
    fn sanctions_are_seen_by_the_region_and_the_own_pd_only() {
        let own = PdId::new();
        let op = actor(Role::OperatorPd, Some(own));
        assert_eq!(view_sanctions(&op).unwrap(), Some(own));
        assert!(view_sanctions(&actor(Role::Walidata, None)).is_err());
        assert_eq!(view_sanctions(&actor(Role::Auditor, None)).unwrap(), None);
    }
}
