//! The pages of this feature.

mod dashboard;
pub mod public;

pub use public::safe_next;
pub mod moved;

use crate::routes::{self, Table};

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/", routes::get(dashboard::home))
        .route("/daerah/{slug}", routes::get(public::region))
        .route("/bahasa/{lang}", routes::get(public::switch_lang))
}
