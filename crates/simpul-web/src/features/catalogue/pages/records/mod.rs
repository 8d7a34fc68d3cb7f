//! Catalogue pages (issue 3): overview, list with search and filters, detail with links,
//! history and impact view, create/edit forms generated from each kind's field list, retire.

mod detail;
mod documents;
mod edit;
mod fields;
mod list;
mod refs;

pub use detail::{detail, impact, link, reactivate, retire, unlink};
pub use documents::{download, retire_document, upload};
pub use edit::{create, edit_form, new_form, update};
pub use list::{index, list};
pub use refs::{refs, upsert_ref};

use crate::error::{Failure, HtmlError};
use crate::i18n::{self, Lang};
use simpul_domain::catalogue::EntityKind;

pub(super) fn kind_of(s: &str) -> Result<EntityKind, HtmlError> {
    EntityKind::from_slug(s).ok_or(HtmlError(Failure::NotFound))
}

pub(super) fn kinds(lang: Lang) -> Vec<(String, String)> {
    EntityKind::ALL
        .iter()
        .map(|k| {
            (
                k.code().to_owned(),
                i18n::t(lang, &format!("kind.{}", k.code())),
            )
        })
        .collect()
}
