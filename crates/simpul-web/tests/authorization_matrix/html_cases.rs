//! Every HTML write path with the roles that may use it.

use super::*;

pub(crate) fn html_cases(role: &str) -> Vec<Case> {
    let tag = role.replace('.', "").to_uppercase();
    vec![
        Case {
            name: "create PD",
            path: "/pd",
            fields: pd_fields(&format!("NEW-{}", &tag[..tag.len().min(10)]), "PD Baru"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit own PD",
            path: "/pd/{dinkes}",
            fields: pd_fields("DINKES", "Dinas Kesehatan Kota Metro"),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "edit another PD",
            path: "/pd/{other}",
            fields: pd_fields("BPKAD", "BPKAD diubah"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "retire PD",
            path: "/pd/{other}/nonaktifkan",
            fields: vec![("reason", "Reorganisasi".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "reactivate PD",
            path: "/pd/{other}/aktifkan",
            fields: vec![],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "create user",
            path: "/pengguna",
            fields: vec![
                ("username", format!("baru.{}", tag.to_lowercase())),
                ("full_name", "Baru".into()),
                ("role", "walidata".into()),
                ("password", "kata-sandi-baru-1".into()),
                ("active", "on".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit user",
            path: "/pengguna/{victim}",
            fields: vec![
                ("username", "operator.disdukcapil".into()),
                ("full_name", "Nama Diubah".into()),
                ("role", "operator_pd".into()),
                ("pd_id", "{other}".into()),
                ("active", "on".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "reset password",
            path: "/pengguna/{victim}/kata-sandi",
            fields: vec![("password", "sandi-baru-12345".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit region",
            path: "/profil-daerah",
            fields: vec![
                ("official_domain", "metrokota.go.id".into()),
                ("address", "Alamat baru".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "add Tim member",
            path: "/tim",
            fields: vec![
                ("person_name", "Anggota Baru".into()),
                ("position", "anggota".into()),
                ("office", "Kepala Dinas".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "remove Tim member",
            path: "/tim/{member}/hapus",
            fields: vec![("reason", "Mutasi".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "create own API token",
            path: "/akun/token",
            fields: vec![("name", "skrip".into())],
            allowed: SIGNED_IN,
            ..Case::default()
        },
        Case {
            name: "revoke walidata's token",
            path: "/akun/token/{walidata_token}/cabut",
            fields: vec![],
            allowed: &["admin.kominfo", "walidata"],
            ..Case::default()
        },
        Case {
            name: "register an app for the own PD",
            path: "/katalog/aplikasi",
            fields: app_form("{dinkes}", "Aplikasi Baru"),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "register an app for another PD",
            path: "/katalog/aplikasi",
            fields: app_form("{other}", "Aplikasi Lain"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "import applications for the own PD",
            path: "/katalog/aplikasi/impor",
            fields: vec![("mode", "all_or_nothing".into())],
            file: Some(("aplikasi.csv", |t| t.csv.clone())),
            allowed: &["admin.kominfo", "operator.dinkes"],
            refused_per_row: Some(
                "Anda hanya dapat mengimpor entri milik Perangkat Daerah Anda sendiri",
            ),
            ..Case::default()
        },
        Case {
            name: "edit the own PD's app",
            path: "/katalog/aplikasi/{own_app}",
            fields: app_form("{dinkes}", "SIKDA Diubah"),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "attach a document to the own PD's app",
            path: "/katalog/aplikasi/{own_app}/dokumen",
            fields: vec![
                ("doc_type", "sop".into()),
                ("title", "SOP Matriks".into()),
                ("classification", "terbuka".into()),
            ],
            file: Some(("sop.pdf", pdf)),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "edit another PD's app",
            path: "/katalog/aplikasi/{other_app}",
            fields: app_form("{other}", "SIMDA Diubah"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "hand the own app to another PD",
            path: "/katalog/aplikasi/{own_app}",
            fields: app_form("{other}", "SIKDA Dipindah"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "link the own app to a dataset",
            path: "/katalog/aplikasi/{own_app}/tautan",
            fields: vec![("to", "{other_dataset}".into())],
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "unlink another PD's app from a dataset",
            path: "/katalog/aplikasi/{other_app}/lepas-tautan",
            fields: vec![
                ("to", "{other_dataset}".into()),
                ("relation", "{relation}".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "link another PD's app",
            path: "/katalog/aplikasi/{other_app}/tautan",
            fields: vec![("to", "{other_dataset}".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "retire a document of another PD's app",
            path: "/dokumen/{other_doc}/nonaktifkan",
            fields: vec![("reason", "Kedaluwarsa".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "retire another PD's app",
            path: "/katalog/aplikasi/{other_app}/nonaktifkan",
            fields: vec![("reason", "Diganti".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "reactivate another PD's app",
            path: "/katalog/aplikasi/{retired_app}/aktifkan",
            fields: vec![],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit another PD's dataset",
            path: "/katalog/data/{other_dataset}",
            fields: dataset_form("{other}"),
            allowed: &["admin.kominfo", "walidata"],
            ..Case::default()
        },
        Case {
            name: "propose a sanction",
            path: "/sanksi",
            fields: vec![
                ("pd_id", "{dinkes}".into()),
                ("finding_ids", "{finding}".into()),
                ("kind", "teguran_tertulis".into()),
                ("reason", "Aplikasi di luar Dinas".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "decide a sanction",
            path: "/sanksi/{sanction}/keputusan",
            fields: vec![("decision", "ditetapkan".into())],
            allowed: &["pimpinan"],
            ..Case::default()
        },
        Case {
            name: "acknowledge a DINKES finding",
            path: "/temuan/{finding}/akui",
            fields: vec![("note", "Akan diperbaiki bulan depan".into())],
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "except a finding",
            path: "/temuan/{finding}/kecualikan",
            fields: vec![("reason", "Aplikasi pusat, di luar kewenangan daerah".into())],
            allowed: &["admin.kominfo", "koordinator"],
            ..Case::default()
        },
        Case {
            name: "lift an exception",
            path: "/temuan/{finding}/buka",
            fields: vec![],
            allowed: &["admin.kominfo", "koordinator"],
            ..Case::default()
        },
        Case {
            name: "run the compliance evaluation",
            path: "/kepatuhan/evaluasi",
            fields: vec![],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "mark walidata's notification read",
            path: "/notifikasi/{walidata_note}/baca",
            fields: vec![],
            allowed: &["walidata"],
            unaudited: true,
            ..Case::default()
        },
        Case {
            name: "mark all own notifications read",
            path: "/notifikasi/baca-semua",
            fields: vec![],
            allowed: SIGNED_IN,
            unaudited: true,
            ..Case::default()
        },
        Case {
            name: "choose the rule pack",
            path: "/kepatuhan/paket",
            fields: vec![("pack", "manggarai".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "open an evaluation period",
            path: "/evaluasi",
            fields: vec![("year", "2031".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "import an earlier evaluation year",
            path: "/evaluasi/impor",
            fields: vec![("year", "2021".into())],
            file: Some(("evaluasi.xlsx", |t| t.xlsx.clone())),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "assign an evaluation indicator",
            path: "/evaluasi/{period}/penugasan",
            fields: vec![("pd_6", "{dinkes}".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "claim a level for the own PD's indicator",
            path: "/evaluasi/{period}/indikator/1/klaim",
            fields: vec![("level", "3".into()), ("explanation", "Perwal".into())],
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "attach evidence to the own PD's indicator",
            path: "/evaluasi/{period}/indikator/1/bukti",
            fields: vec![("title", "Perwal".into())],
            file: Some(("perwal.pdf", pdf)),
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "submit the own PD's claim",
            path: "/evaluasi/{period}/indikator/1/ajukan",
            fields: vec![],
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "claim a level for another PD's indicator",
            path: "/evaluasi/{period}/indikator/2/klaim",
            fields: vec![("level", "5".into()), ("explanation", "x".into())],
            allowed: &[],
            ..Case::default()
        },
        Case {
            name: "accept a submitted answer",
            path: "/evaluasi/{period}/indikator/3/terima",
            fields: vec![],
            allowed: &["koordinator"],
            ..Case::default()
        },
        Case {
            name: "return a submitted answer",
            path: "/evaluasi/{period}/indikator/{returnable}/kembalikan",
            fields: vec![("note", "Lengkapi bukti".into())],
            allowed: &["koordinator"],
            ..Case::default()
        },
        Case {
            name: "record a document assessment",
            path: "/evaluasi/{period}/indikator/4/nilai-dokumen",
            fields: vec![("document_level", "2".into())],
            allowed: &["auditor"],
            ..Case::default()
        },
        Case {
            name: "file a sanggah",
            path: "/evaluasi/{period}/indikator/5/sanggah",
            fields: vec![("text", "Dokumen sudah lengkap".into())],
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "set a final validated level",
            path: "/evaluasi/{period}/indikator/5/validasi",
            fields: vec![("level", "3".into())],
            allowed: &["auditor"],
            ..Case::default()
        },
        Case {
            name: "add a reference code",
            path: "/referensi",
            fields: vec![
                ("code", "RAL.02.11".into()),
                ("name", "Layanan Baru".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        // Last: a changed password ends the session.
        Case {
            name: "change the own password",
            path: "/akun/kata-sandi",
            fields: vec![
                ("current_password", simpul_demo::password().into()),
                ("new_password", "sandi-matriks-baru-1".into()),
                ("confirm_password", "sandi-matriks-baru-1".into()),
            ],
            allowed: SIGNED_IN,
            ..Case::default()
        },
    ]
}
