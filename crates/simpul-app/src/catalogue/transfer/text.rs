//! Bahasa Indonesia texts of the spreadsheet transfer: column labels and descriptions for the
//! template's "Petunjuk" sheet, and plain renderings of report messages for the command line.
//! The web layer translates the message keys from its own catalogues instead.

use simpul_domain::catalogue::{EntityKind, FieldKind};

/// Label of a kind, used as the data sheet's name (at most 31 characters).
pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Application => "Aplikasi",
        EntityKind::Service => "Layanan SPBE",
        EntityKind::BusinessProcess => "Proses Bisnis",
        EntityKind::Dataset => "Dataset",
        EntityKind::Asset => "Aset Infrastruktur",
        EntityKind::Domain => "Domain dan Subdomain",
        EntityKind::LanDiagram => "Diagram LAN",
        EntityKind::LanChange => "Perubahan LAN",
        EntityKind::BackupReport => "Laporan Pencadangan",
    }
}

/// Label of a column (a common column or a field of any kind).
pub fn column_label(name: &str) -> &'static str {
    match name {
        "pd_code" => "Kode Perangkat Daerah pemilik",
        "code" => "Kode",
        "name" => "Nama",
        "status" => "Status",
        "ref_code" => "Kode referensi arsitektur",
        "description" => "Uraian",
        "app_type" => "Jenis aplikasi",
        "complexity" => "Kompleksitas (Aplikasi Umum)",
        "audience" => "Sasaran pengguna",
        "operating_pd" => "Perangkat Daerah pengelola",
        "developer" => "Pembangun",
        "via_dinas" => "Pembangunan melalui Dinas Kominfo",
        "source_model" => "Kode sumber",
        "licence" => "Lisensi",
        "platform" => "Platform",
        "function_label" => "Fungsi",
        "url" => "Alamat (URL)",
        "hosting" => "Penempatan",
        "funding" => "Sumber dana",
        "sla_ref" => "Perjanjian tingkat layanan (SLA)",
        "kominfo_consideration_ref" => "Pertimbangan Menteri Kominfo (nomor)",
        "kominfo_consideration_date" => "Pertimbangan Menteri Kominfo (tanggal)",
        "panrb_consideration_ref" => "Pertimbangan Menteri PANRB (nomor)",
        "panrb_consideration_date" => "Pertimbangan Menteri PANRB (tanggal)",
        "shared_from" => "Berbagi pakai dari instansi",
        "shared_legal_basis" => "Dasar hukum berbagi pakai",
        "last_monev_date" => "Pemantauan dan evaluasi terakhir",
        "operating_since" => "Beroperasi sejak",
        "service_type" => "Jenis layanan",
        "sector" => "Sektor",
        "smart_city" => "Dimensi kota cerdas",
        "legal_basis" => "Dasar hukum",
        "walidata" => "Walidata",
        "classification" => "Klasifikasi keamanan",
        "standard" => "Standar data",
        "format" => "Format",
        "update_frequency" => "Frekuensi pemutakhiran",
        "last_updated" => "Pemutakhiran terakhir",
        "in_pusat_data" => "Disimpan di Pusat Data",
        "dinas_consent" => "Persetujuan pengelolaan oleh Dinas",
        "nature" => "Sifat data",
        "asset_kind" => "Jenis aset",
        "location" => "Lokasi",
        "brand_model" => "Merek dan model",
        "serial_number" => "Nomor seri",
        "specification" => "Spesifikasi",
        "acquired_on" => "Tanggal perolehan",
        "licence_expiry" => "Lisensi berakhir",
        "host" => "Nama host",
        "purpose" => "Peruntukan",
        "year" => "Tahun",
        "submitted_on" => "Tanggal penyampaian",
        "changed_on" => "Tanggal perubahan",
        "summary" => "Rincian perubahan",
        "backup_date" => "Tanggal pencadangan",
        "result" => "Hasil",
        "to_pusat_data" => "Ke Pusat Data",
        "volume" => "Volume",
        _ => "",
    }
}

/// Label of a closed-list code (statuses and field options).
pub fn option_label(code: &str) -> &'static str {
    match code {
        "usulan" => "Usulan",
        "pengembangan" => "Pengembangan",
        "uji" => "Uji coba",
        "produksi" => "Produksi",
        "dihentikan" => "Dihentikan",
        "operasi" => "Operasi",
        "draf" => "Draf",
        "ditetapkan" => "Ditetapkan",
        "aktif" => "Aktif",
        "penghapusan" => "Penghapusan",
        "nonaktif" => "Nonaktif",
        "diajukan" => "Diajukan",
        "diterima" => "Diterima",
        "ditolak" => "Ditolak",
        "dilaporkan" => "Dilaporkan",
        "umum" => "Aplikasi Umum",
        "khusus" => "Aplikasi Khusus",
        "besar" => "Besar",
        "kecil" => "Kecil",
        "g2g" => "antarinstansi",
        "g2b" => "pelaku usaha",
        "g2c" => "masyarakat",
        "g2e" => "pegawai",
        "dinas" => "Dinas Kominfo",
        "pd_mandiri_tik" => "PD Mandiri TIK",
        "pihak_ketiga" => "Pihak ketiga",
        "terbuka" => "Terbuka",
        "tertutup" => "Tertutup",
        "web" => "Web",
        "desktop" => "Desktop",
        "mobile" => "Seluler",
        "pusat_data_kolokasi" => "Pusat Data (kolokasi)",
        "pusat_data_vps" => "Pusat Data (VPS)",
        "mandiri_pd" => "Server milik PD",
        "cloud" => "Komputasi awan",
        "apbd" => "APBD",
        "apbn" => "APBN",
        "lainnya" => "Lainnya",
        "administrasi" => "Administrasi pemerintahan",
        "publik" => "Pelayanan publik",
        "perencanaan" => "Perencanaan",
        "penganggaran" => "Penganggaran",
        "keuangan" => "Keuangan",
        "pendapatan_daerah" => "Pendapatan daerah",
        "pengadaan" => "Pengadaan",
        "kepegawaian" => "Kepegawaian",
        "kearsipan" => "Kearsipan",
        "pengelolaan_aset" => "Pengelolaan aset",
        "pengawasan" => "Pengawasan",
        "akuntabilitas_kinerja" => "Akuntabilitas kinerja",
        "pendidikan" => "Pendidikan",
        "kesehatan" => "Kesehatan",
        "jaminan_sosial" => "Jaminan sosial",
        "energi" => "Energi",
        "transportasi" => "Transportasi",
        "pariwisata" => "Pariwisata",
        "kependudukan" => "Kependudukan",
        "perizinan" => "Perizinan",
        "tata_kelola" => "Tata kelola",
        "branding" => "Branding",
        "ekonomi" => "Ekonomi",
        "kehidupan" => "Kehidupan",
        "masyarakat" => "Masyarakat",
        "lingkungan" => "Lingkungan",
        "terbatas" => "Terbatas",
        "rahasia" => "Rahasia",
        "csv" => "CSV",
        "xlsx" => "XLSX",
        "json" => "JSON",
        "xml" => "XML",
        "pdf" => "PDF",
        "basis_data" => "Basis data",
        "api" => "API",
        "harian" => "Harian",
        "mingguan" => "Mingguan",
        "bulanan" => "Bulanan",
        "triwulanan" => "Triwulanan",
        "semesteran" => "Semesteran",
        "tahunan" => "Tahunan",
        "tidak_tentu" => "Tidak tentu",
        "master" => "Data induk",
        "referensi" => "Data referensi",
        "transaksional" => "Data transaksional",
        "server" => "Server",
        "komputer" => "Komputer",
        "router_switch" => "Router/switch",
        "ups" => "UPS",
        "media_jaringan" => "Media jaringan",
        "ruang_pusat_data" => "Ruang pusat data",
        "noc" => "NOC",
        "lisensi_perangkat_lunak" => "Lisensi perangkat lunak",
        "bandwidth" => "Bandwidth",
        "pusat_data" => "Pusat Data",
        "drc" => "Disaster Recovery Center",
        "pd" => "Perangkat Daerah",
        "website" => "Situs web",
        "aplikasi" => "Aplikasi",
        "layanan" => "Layanan",
        "surel" => "Surel",
        "berhasil" => "Berhasil",
        "gagal" => "Gagal",
        _ => "",
    }
}

fn choices(codes: &[&str]) -> String {
    codes
        .iter()
        .map(|c| match option_label(c) {
            "" => (*c).to_owned(),
            l => format!("{c} ({l})"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a field of this type accepts.
pub fn field_kind_help(kind: FieldKind) -> String {
    match kind {
        FieldKind::Text(n) => format!("Teks, paling banyak {n} karakter."),
        FieldKind::LongText => "Teks, paling banyak 4000 karakter; boleh beberapa baris.".into(),
        FieldKind::Enum(codes) => format!("Salah satu kode: {}.", choices(codes)),
        FieldKind::Multi(codes) => {
            format!("Satu kode atau lebih, dipisahkan koma: {}.", choices(codes))
        }
        FieldKind::Bool => "ya atau tidak (kosong berarti tidak).".into(),
        FieldKind::Date => "Tanggal berformat TTTT-BB-HH, misalnya 2025-01-31.".into(),
        FieldKind::Url => "Alamat lengkap yang diawali https:// atau http://.".into(),
        FieldKind::Host => "Nama host dengan huruf kecil, misalnya sikda.metrokota.go.id.".into(),
        FieldKind::Year => "Tahun, 2000 sampai 2100.".into(),
        FieldKind::Pd => "Kode Perangkat Daerah (misalnya DISKOMINFO), bukan namanya.".into(),
    }
}

/// What a common column accepts, for `kind`.
pub fn common_help(kind: EntityKind, column: &str) -> String {
    match column {
        "pd_code" => "Kode Perangkat Daerah pemilik entri (misalnya DINKES), bukan namanya. \
                      Operator PD hanya dapat mengisi kode Perangkat Daerahnya sendiri."
            .into(),
        "code" => "Kode singkat entri, unik untuk jenis ini di daerah: 2–40 karakter huruf A–Z, \
                   angka, titik, garis bawah atau tanda hubung. Baris dengan kode yang sudah \
                   terdaftar memperbarui entri itu; baris tanpa kode selalu menambah entri baru."
            .into(),
        "name" => "Teks, paling banyak 200 karakter.".into(),
        "status" => format!("Salah satu kode: {}.", choices(kind.statuses())),
        "ref_code" => match kind.ref_tree() {
            Some(t) => format!(
                "Kode referensi arsitektur SPBE dari pohon {t}, misalnya {t}.01. Boleh kosong."
            ),
            None => "Kode referensi arsitektur SPBE, misalnya RAL.01. Boleh kosong.".into(),
        },
        "description" => "Teks, paling banyak 4000 karakter; boleh beberapa baris.".into(),
        _ => String::new(),
    }
}

/// Extra notes for fields with rules across fields.
pub fn field_note(kind: EntityKind, field: &str) -> Option<&'static str> {
    match (kind, field) {
        (EntityKind::Application, "complexity") => Some("Wajib diisi bila app_type = umum."),
        _ => None,
    }
}

/// How every message of an unpacking limit begins (issue 9.5).
const UNPACKED: &str = "Berkas terlalu besar setelah diurai:";

/// The plain Indonesian message of a report code, with `{param}` filled in.
pub fn message(code: &str, param: Option<&str>) -> String {
    let p = param.unwrap_or("");
    match code {
        // The domain's validation codes (same texts as the web catalogue `err.*`).
        "required" => "Wajib diisi.".into(),
        "too_long" => format!("Paling banyak {p} karakter."),
        "control_chars" => "Tidak boleh berisi karakter kontrol.".into(),
        "unknown_value" => format!("Nilai tidak dikenal. Pilihan: {p}."),
        "invalid" => "Nilai tidak valid.".into(),
        "date" => "Tanggal harus berformat TTTT-BB-HH.".into(),
        "type" => format!("Tipe nilai salah: {p}."),
        "type_string" => "Harus berupa teks.".into(),
        "record_code" => {
            "Kode 2–40 karakter: huruf A–Z, angka, titik, garis bawah atau tanda hubung.".into()
        }
        "ref_code" => "Kode referensi berbentuk RAx.nn(.nn), misalnya RAA.01.02.".into(),
        "ref_code_unknown" => format!("Kode referensi tidak ada di pohon {p}."),
        "unknown_field" => format!("Isian tidak dikenal. Isian yang tersedia: {p}."),
        "bool" => "Isi dengan ya atau tidak.".into(),
        "url" => "Alamat harus diawali http:// atau https://.".into(),
        "host" => "Nama host tidak valid (contoh: sikda.metrokota.go.id).".into(),
        "year" => "Tahun harus antara 2000 dan 2100.".into(),
        "complexity_required" => "Aplikasi Umum harus dinyatakan besar atau kecil.".into(),
        "reviewed_by_dinas" => {
            "Hanya Dinas (admin Kominfo) yang menerima atau menolak diagram LAN.".into()
        }
        "reviewed_by_walidata" => "Hanya Walidata yang menetapkan klasifikasi dataset.".into(),
        // Codes of the spreadsheet import.
        "unknown_column" => "Kolom tidak dikenal; hapus atau ganti namanya sesuai templat.".into(),
        "missing_column" => "Kolom ini tidak ada di baris judul; gunakan templat.".into(),
        "duplicate_column" => "Kolom ini muncul lebih dari sekali di baris judul.".into(),
        "unnamed_column" => "Kolom tanpa judul berisi data.".into(),
        "pd_unknown" => format!("Tidak ada Perangkat Daerah berkode {p} di daerah ini."),
        "pd_forbidden" => format!(
            "Anda hanya dapat mengimpor entri milik Perangkat Daerah Anda sendiri{}.",
            if p.is_empty() {
                String::new()
            } else {
                format!(" (entri ini milik {p})")
            }
        ),
        "duplicate_code" => format!("Kode yang sama juga dipakai di baris {p}."),
        "invalid_utf8" => {
            "Isian berisi karakter yang tidak valid (bukan UTF-8); simpan berkas sebagai CSV UTF-8."
                .into()
        }
        "cell_error" => format!("Sel berisi galat rumus {p}."),
        "too_many_rows" => format!("Berkas berisi lebih dari {p} baris data."),
        "too_many_columns" => format!("Berkas berisi lebih dari {p} kolom."),
        "file_too_large" => format!("Berkas lebih besar dari {p}."),
        "unreadable_file" => format!("Berkas tidak dapat dibaca sebagai {p}."),
        "unpacked_too_large" => format!("{UNPACKED} isinya lebih dari {p}."),
        "shared_strings_too_large" => {
            format!("{UNPACKED} teks bersama (xl/sharedStrings.xml) lebih dari {p}.")
        }
        "too_many_parts" => format!("{UNPACKED} arsip berisi lebih dari {p} bagian."),
        "xml_too_large" => format!("{UNPACKED} satu unsur XML lebih dari {p}."),
        "too_many_strings" => format!("{UNPACKED} lebih dari {p} teks bersama."),
        "too_many_cells" => format!("{UNPACKED} lebih dari {p} sel berisi."),
        "too_much_text" => format!("{UNPACKED} teks seluruh sel lebih dari {p}."),
        "cell_too_large" => format!("{UNPACKED} satu sel berisi lebih dari {p}."),
        "no_header" => "Berkas kosong: tidak ada baris judul.".into(),
        "no_rows" => "Berkas tidak berisi baris data.".into(),
        other => match p {
            "" => other.to_owned(),
            _ => format!("{other} ({p})"),
        },
    }
}
