//! The pages of this feature.

mod pd;
mod region;

use crate::routes::{self, Table};

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/pd", routes::get(pd::list).post(pd::create))
        .route("/pd/baru", routes::get(pd::new_form))
        .route("/pd/{id}", routes::get(pd::detail).post(pd::update))
        .route("/pd/{id}/ubah", routes::get(pd::edit_form))
        .route("/pd/{id}/nonaktifkan", routes::post(pd::retire))
        .route("/pd/{id}/aktifkan", routes::post(pd::reactivate))
        .route(
            "/profil-daerah",
            routes::get(region::show).post(region::update),
        )
        .route("/profil-daerah/ubah", routes::get(region::edit_form))
        .route("/tim", routes::get(region::tim).post(region::add_member))
        .route("/tim/{id}/hapus", routes::post(region::remove_member))
}
