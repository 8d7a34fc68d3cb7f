//! The pages of this feature.

mod records;
mod transfer;

use crate::routes::{self, Table};

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/katalog", routes::get(records::index))
        .route(
            "/katalog/{kind}",
            routes::get(records::list).post(records::create),
        )
        .route("/katalog/{kind}/baru", routes::get(records::new_form))
        .route(
            "/katalog/{kind}/{id}",
            routes::get(records::detail).post(records::update),
        )
        .route("/katalog/{kind}/{id}/ubah", routes::get(records::edit_form))
        .route(
            "/katalog/{kind}/{id}/nonaktifkan",
            routes::post(records::retire),
        )
        .route(
            "/katalog/{kind}/{id}/aktifkan",
            routes::post(records::reactivate),
        )
        .route("/katalog/{kind}/{id}/tautan", routes::post(records::link))
        .route(
            "/katalog/{kind}/{id}/lepas-tautan",
            routes::post(records::unlink),
        )
        .route("/katalog/{kind}/{id}/dampak", routes::get(records::impact))
        .route(
            "/katalog/{kind}/{id}/dokumen",
            routes::post(records::upload).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/dokumen/{id}", routes::get(records::download))
        .route("/katalog/{kind}/impor-ekspor", routes::get(transfer::page))
        .route(
            "/katalog/{kind}/templat/{format}",
            routes::get(transfer::template),
        )
        .route(
            "/katalog/{kind}/ekspor/{format}",
            routes::get(transfer::export),
        )
        .route(
            "/katalog/{kind}/impor",
            routes::post(transfer::import).body_limit(transfer::IMPORT_LIMIT + 64 * 1024),
        )
        .route(
            "/dokumen/{id}/nonaktifkan",
            routes::post(records::retire_document),
        )
        .route(
            "/referensi",
            routes::get(records::refs).post(records::upsert_ref),
        )
}
