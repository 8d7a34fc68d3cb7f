//! Who may do what (ORG-7). Each function answers one question about one actor; use cases
//! call them before touching the store, and list queries only return what the caller may see.

use crate::{Actor, AppError, Result};
use simpul_domain::ids::PdId;
use simpul_domain::user::Role;

fn allow(ok: bool) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Dinas Kominfo administrators (and the system) manage the region's registers.
pub fn is_admin(a: &Actor) -> bool {
    a.system || a.role == Role::AdminKominfo
}

/// Create or retire a Perangkat Daerah; change its flags (Kominfo, planning, inspectorate, Mandiri TIK).
pub fn manage_pds(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

/// Edit the profile of one PD: administrators any, a PD operator only their own.
pub fn edit_pd(a: &Actor, pd: PdId) -> Result<()> {
    allow(is_admin(a) || (a.role == Role::OperatorPd && a.pd == Some(pd)))
}

/// Create, edit, deactivate accounts and reset their passwords.
pub fn manage_users(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

/// See the account list: administrators, and auditors who read everything.
pub fn view_users(a: &Actor) -> Result<()> {
    allow(is_admin(a) || a.role == Role::Auditor)
}

/// Edit the region profile and the Tim Koordinasi SPBE.
pub fn manage_region(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

/// Register catalogue records of `kind` at all: administrators, PD operators, and the
/// Walidata for datasets (DAT-4: the Walidata sets each dataset's classification).
pub fn write_catalogue(a: &Actor, kind: simpul_domain::catalogue::EntityKind) -> Result<()> {
    use simpul_domain::catalogue::EntityKind;
    allow(
        is_admin(a)
            || a.role == Role::OperatorPd
            || (a.role == Role::Walidata && kind == EntityKind::Dataset),
    )
}

/// Write a record of `kind` owned by `pd`: administrators any; a PD operator only their own
/// PD's; the Walidata any dataset.
pub fn write_record_of(
    a: &Actor,
    kind: simpul_domain::catalogue::EntityKind,
    pd: PdId,
) -> Result<()> {
    use simpul_domain::catalogue::EntityKind;
    allow(
        is_admin(a)
            || (a.role == Role::OperatorPd && a.pd == Some(pd))
            || (a.role == Role::Walidata && kind == EntityKind::Dataset),
    )
}

/// See findings: every role of the region sees all of them, except a PD operator, who sees
/// their own PD's (returns the PD the list is confined to).
pub fn findings_scope(a: &Actor) -> Option<PdId> {
    if a.role == Role::OperatorPd && !a.system {
        a.pd
    } else {
        None
    }
}

/// Run an evaluation now or choose the region's rule pack.
pub fn run_compliance(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

/// Open an SPBE evaluation period, assign its indicators to PDs, import earlier years'
/// results: the Dinas Kominfo administrator (who coordinates the evaluation).
pub fn manage_evaluation(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

/// See that a document exists, its metadata (title, file name, size, SHA-256) and its
/// content: a `rahasia` document only administrators, auditors and the owning PD's operators;
/// any other document every signed-in user of the region (SEC-1). Every place that shows
/// documents or their audit snapshots asks this (issue 9.6).
pub fn may_see_document(a: &Actor, classification: &str, pd: PdId) -> bool {
    classification != simpul_domain::catalogue::Classification::Rahasia.code()
        || is_admin(a)
        || a.role == Role::Auditor
        || (a.role == Role::OperatorPd && a.pd == Some(pd))
}

/// Read the region-wide audit log.
pub fn view_audit_log(a: &Actor) -> Result<()> {
    allow(is_admin(a) || matches!(a.role, Role::Auditor | Role::Koordinator | Role::Pimpinan))
}

/// Read the signed audit checkpoint (for an external witness): administrators and auditors.
pub fn view_audit_checkpoint(a: &Actor) -> Result<()> {
    allow(is_admin(a) || a.role == Role::Auditor)
}

/// Whose deadlines the actor sees: a PD operator only their own PD's (`Some`); every other
/// role, all of the region's (`None`). An operator bound to no PD sees nothing.
pub fn deadline_scope(a: &Actor) -> Result<Option<PdId>> {
    if a.role == Role::OperatorPd && !a.system {
        a.pd.map(Some).ok_or(AppError::Forbidden)
    } else {
        Ok(None)
    }
}

/// Which sanctions the actor sees (who proposes and decides is the sanction workflow's
/// definition, `simpul_domain::sanction::SanctionWorkflow`): `Ok(None)` all of the region's, `Ok(Some(pd))` only their
/// own PD's (a PD operator), otherwise forbidden.
pub fn view_sanctions(a: &Actor) -> Result<Option<PdId>> {
    if is_admin(a) || matches!(a.role, Role::Pimpinan | Role::Koordinator | Role::Auditor) {
        Ok(None)
    } else if let (Role::OperatorPd, Some(pd)) = (a.role, a.pd) {
        Ok(Some(pd))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Accept or reject a LAN diagram (its status `diterima`/`ditolak`): the Dinas, that is
/// the administrators (issue 9.15; a review workflow comes later).
pub fn accept_lan_diagrams(a: &Actor) -> bool {
    is_admin(a)
}

/// Set a dataset's classification (DAT-4, JEM-27.5): the Walidata and the administrators.
pub fn classify_datasets(a: &Actor) -> bool {
    is_admin(a) || a.role == Role::Walidata
}

/// The classification of a dataset registered by someone who may not classify it, until
/// the Walidata does: the protective middle of the scale.
pub const UNCLASSIFIED_DATASET: &str = "terbatas";

/// The value a reviewed field must keep when `a` writes a record of `kind` (issue 9.15):
/// `(field, value)`, or `None` when `a` may set it. A LAN diagram's status stays as it was
/// (a new one is `diajukan`) unless the Dinas writes; a dataset's classification stays as it
/// was (a new one is [`UNCLASSIFIED_DATASET`]) unless the Walidata or an administrator writes.
pub fn reviewed_field(
    a: &Actor,
    kind: simpul_domain::catalogue::EntityKind,
    before: Option<&simpul_domain::catalogue::Record>,
) -> Option<(&'static str, serde_json::Value)> {
    use serde_json::Value;
    use simpul_domain::catalogue::EntityKind;
    match kind {
        EntityKind::LanDiagram if !accept_lan_diagrams(a) => Some((
            "status",
            Value::String(
                before
                    .map_or(kind.statuses()[0], |b| b.status.as_str())
                    .to_owned(),
            ),
        )),
        EntityKind::Dataset if !classify_datasets(a) => Some((
            "classification",
            before
                .and_then(|b| b.data.get("classification").cloned())
                .unwrap_or_else(|| Value::String(UNCLASSIFIED_DATASET.to_owned())),
        )),
        _ => None,
    }
}

/// Refuses a write that sets or changes a field `a` may not set (see [`reviewed_field`]),
/// with a field error naming who sets it.
pub fn check_reviewed_fields(
    a: &Actor,
    kind: simpul_domain::catalogue::EntityKind,
    before: Option<&simpul_domain::catalogue::Record>,
    after: &simpul_domain::catalogue::ValidRecord,
) -> Result<()> {
    let Some((field, kept)) = reviewed_field(a, kind, before) else {
        return Ok(());
    };
    let now = match field {
        "status" => Some(serde_json::Value::String(after.status.clone())),
        f => after.data.get(f).cloned(),
    };
    if now.as_ref() == Some(&kept) {
        return Ok(());
    }
    let code = if field == "status" {
        "reviewed_by_dinas"
    } else {
        "reviewed_by_walidata"
    };
    Err(AppError::Invalid(simpul_domain::Invalid(vec![
        simpul_domain::FieldError::new(field, code),
    ])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use simpul_domain::ids::RegionId;

    fn actor(role: Role, pd: Option<PdId>) -> Actor {
        Actor {
            id: None,
            username: "u".into(),
            full_name: "U".into(),
            role,
            region: RegionId::parse("metro").unwrap(),
            pd,
            system: false,
        }
    }

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
    fn only_the_kominfo_administrator_manages_evaluation_periods() {
        for role in Role::ALL {
            let a = actor(role, None);
            assert_eq!(manage_evaluation(&a).is_ok(), role == Role::AdminKominfo);
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

    #[test]
    fn sanctions_are_seen_by_the_region_and_the_own_pd_only() {
        let own = PdId::new();
        let op = actor(Role::OperatorPd, Some(own));
        assert_eq!(view_sanctions(&op).unwrap(), Some(own));
        assert!(view_sanctions(&actor(Role::Walidata, None)).is_err());
        assert_eq!(view_sanctions(&actor(Role::Auditor, None)).unwrap(), None);
    }
}
