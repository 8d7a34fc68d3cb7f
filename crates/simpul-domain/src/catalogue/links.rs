//! How records depend on each other (ARC-2, ARC-3, APP-17): the allowed relations between
//! kinds. A link points from the dependent record to what it depends on.

use super::EntityKind;
use EntityKind::*;

/// A relation between two kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub code: &'static str,
    pub from: EntityKind,
    pub to: EntityKind,
}

/// Every allowed relation.
pub const RELATIONS: &[Relation] = &[
    Relation {
        code: "realised_by",
        from: BusinessProcess,
        to: Service,
    },
    Relation {
        code: "delivered_by",
        from: Service,
        to: Application,
    },
    Relation {
        code: "integrates",
        from: Service,
        to: Service,
    },
    Relation {
        code: "uses_data",
        from: Application,
        to: Dataset,
    },
    Relation {
        code: "integrates_with",
        from: Application,
        to: Application,
    },
    Relation {
        code: "runs_on",
        from: Application,
        to: Asset,
    },
    Relation {
        code: "stored_on",
        from: Dataset,
        to: Asset,
    },
    Relation {
        code: "serves",
        from: Domain,
        to: Application,
    },
    Relation {
        code: "connected_to",
        from: Asset,
        to: Asset,
    },
];

impl Relation {
    pub fn find(code: &str) -> Option<Relation> {
        RELATIONS.iter().copied().find(|r| r.code == code)
    }

    /// The relation for a link from `from` to `to`, if the pair is allowed.
    pub fn between(from: EntityKind, to: EntityKind) -> Option<Relation> {
        RELATIONS
            .iter()
            .copied()
            .find(|r| r.from == from && r.to == to)
    }
}
