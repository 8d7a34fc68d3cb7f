//! Who may do what (ORG-7), the predicates shared by several features: each feature keeps
//! its own in `<feature>/policy.rs`. Each function answers one question about one actor; use
//! cases call them before touching the store, and list queries only return what the caller
//! may see.

use crate::{Actor, AppError, Result};
use simpul_domain::ids::PdId;
use simpul_domain::user::Role;

pub(crate) fn allow(ok: bool) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Dinas Kominfo administrators (and the system) manage the region's registers.
pub fn is_admin(a: &Actor) -> bool {
    a.is_system() || a.role() == Role::AdminKominfo
}

/// See that a document exists, its metadata (title, file name, size, SHA-256) and its
/// content: a `rahasia` document only administrators, auditors and the owning PD's operators;
/// any other document every signed-in user of the region (SEC-1). Every place that shows
/// documents or their audit snapshots asks this (issue 9.6).
pub fn may_see_document(a: &Actor, classification: &str, pd: PdId) -> bool {
    classification != simpul_domain::catalogue::Classification::Rahasia.code()
        || is_admin(a)
        || a.role() == Role::Auditor
        || (a.role() == Role::OperatorPd && a.pd() == Some(pd))
}

/// Read the region-wide audit log.
pub fn view_audit_log(a: &Actor) -> Result<()> {
    allow(is_admin(a) || matches!(a.role(), Role::Auditor | Role::Koordinator | Role::Pimpinan))
}

/// Read the signed audit checkpoint (for an external witness): administrators and auditors.
pub fn view_audit_checkpoint(a: &Actor) -> Result<()> {
    allow(is_admin(a) || a.role() == Role::Auditor)
}

#[cfg(test)]
pub(crate) fn test_actor(role: Role, pd: Option<PdId>) -> Actor {
    crate::identity::actor::TestActor::new(
        role,
        simpul_domain::ids::RegionId::parse("metro").unwrap(),
    )
    .full_name("U")
    .pd(pd)
    .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::policy::{manage_users, view_users};
    use crate::org::policy::{edit_pd, manage_pds, manage_region};
    use test_actor as actor;

    #[test]
    fn only_admins_manage_users_and_region_for_every_role() {
        for role in Role::ALL {
            let a = actor(role, None);
            assert_eq!(
                manage_users(&a).is_ok(),
                role == Role::AdminKominfo,
                "{role:?}"
            );
            assert_eq!(
                manage_region(&a).is_ok(),
                role == Role::AdminKominfo,
                "{role:?}"
            );
            assert_eq!(
                edit_pd(&a, PdId::new()).is_ok(),
                role == Role::AdminKominfo,
                "{role:?}"
            );
        }
    }

    #[test]
    fn a_rahasia_document_is_seen_only_by_admins_auditors_and_its_own_pd() {
        let own = PdId::new();
        for role in Role::ALL {
            for pd in [Some(own), Some(PdId::new()), None] {
                let a = actor(role, pd);
                let want = matches!(role, Role::AdminKominfo | Role::Auditor)
                    || (role == Role::OperatorPd && pd == Some(own));
                assert_eq!(may_see_document(&a, "rahasia", own), want, "{role:?}");
                assert!(may_see_document(&a, "terbatas", own), "{role:?}");
            }
        }
    }

    #[test]
    fn auditor_reads_users_and_audit_log_but_cannot_write() {
        let a = actor(Role::Auditor, None);
        assert!(view_users(&a).is_ok() && view_audit_log(&a).is_ok());
        assert!(manage_users(&a).is_err() && manage_pds(&a).is_err());
    }
}
