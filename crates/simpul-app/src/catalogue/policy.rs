//! Who may write catalogue records and set their reviewed fields (ORG-7, DAT-4, issue 9.15).

use crate::platform::policy::{allow, is_admin};
use crate::{Actor, AppError, Result};
use simpul_domain::ids::PdId;
use simpul_domain::user::Role;

/// Register catalogue records of `kind` at all: administrators, PD operators, and the
/// Walidata for datasets (DAT-4: the Walidata sets each dataset's classification).
pub fn write_catalogue(a: &Actor, kind: simpul_domain::catalogue::EntityKind) -> Result<()> {
    use simpul_domain::catalogue::EntityKind;
    allow(
        is_admin(a)
            || a.role() == Role::OperatorPd
            || (a.role() == Role::Walidata && kind == EntityKind::Dataset),
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
            || (a.role() == Role::OperatorPd && a.pd() == Some(pd))
            || (a.role() == Role::Walidata && kind == EntityKind::Dataset),
    )
}

/// Accept or reject a LAN diagram (its status `diterima`/`ditolak`): the Dinas, that is
/// the administrators (issue 9.15; a review workflow comes later).
pub fn accept_lan_diagrams(a: &Actor) -> bool {
    is_admin(a)
}

/// Set a dataset's classification (DAT-4, JEM-27.5): the Walidata and the administrators.
pub fn classify_datasets(a: &Actor) -> bool {
    is_admin(a) || a.role() == Role::Walidata
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
