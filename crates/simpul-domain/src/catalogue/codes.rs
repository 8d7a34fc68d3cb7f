//! The closed lists of the catalogue, each a Rust enum with stable storage codes.

use serde::{Deserialize, Serialize};

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable codes, in declaration order.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

code_enum!(
    /// Aplikasi Umum (shared by all PDs, set nationally) or Aplikasi Khusus (APP-1).
    AppType { Umum = "umum", Khusus = "khusus" }
);
code_enum!(
    /// Complexity of an Aplikasi Umum (APP-3: who may build it).
    Complexity { Besar = "besar", Kecil = "kecil" }
);
code_enum!(
    /// Who the application serves.
    Audience { G2g = "g2g", G2b = "g2b", G2c = "g2c", G2e = "g2e" }
);
code_enum!(
    /// Who built the application (APP-2, APP-3).
    Developer { Dinas = "dinas", PdMandiriTik = "pd_mandiri_tik", PihakKetiga = "pihak_ketiga" }
);
code_enum!(
    /// Open or closed source (APP-4).
    SourceModel { Terbuka = "terbuka", Tertutup = "tertutup" }
);
code_enum!(
    /// Web, desktop or mobile (APP-12).
    Platform { Web = "web", Desktop = "desktop", Mobile = "mobile" }
);
code_enum!(
    /// Where the application runs (INF-2).
    Hosting { PusatDataKolokasi = "pusat_data_kolokasi", PusatDataVps = "pusat_data_vps", MandiriPd = "mandiri_pd", Cloud = "cloud" }
);
code_enum!(
    /// Funding source (APP-5).
    Funding { Apbd = "apbd", Apbn = "apbn", Lainnya = "lainnya" }
);
code_enum!(
    /// Administrative or public service (ARC-2).
    ServiceType { Administrasi = "administrasi", Publik = "publik" }
);
code_enum!(
    /// Sector of an SPBE service (ARC-2).
    ServiceSector {
        Perencanaan = "perencanaan",
        Penganggaran = "penganggaran",
        Keuangan = "keuangan",
        PendapatanDaerah = "pendapatan_daerah",
        Pengadaan = "pengadaan",
        Kepegawaian = "kepegawaian",
        Kearsipan = "kearsipan",
        PengelolaanAset = "pengelolaan_aset",
        Pengawasan = "pengawasan",
        AkuntabilitasKinerja = "akuntabilitas_kinerja",
        Pendidikan = "pendidikan",
        Kesehatan = "kesehatan",
        JaminanSosial = "jaminan_sosial",
        Energi = "energi",
        Transportasi = "transportasi",
        Pariwisata = "pariwisata",
        Kependudukan = "kependudukan",
        Perizinan = "perizinan",
        Lainnya = "lainnya",
    }
);
code_enum!(
    /// Smart city dimension (ARC-5).
    SmartCity { TataKelola = "tata_kelola", Branding = "branding", Ekonomi = "ekonomi", Kehidupan = "kehidupan", Masyarakat = "masyarakat", Lingkungan = "lingkungan" }
);
code_enum!(
    /// Security classification of data and documents (DAT-4, SEC-1).
    Classification { Terbuka = "terbuka", Terbatas = "terbatas", Rahasia = "rahasia" }
);
code_enum!(
    /// Format of a dataset.
    DataFormat { Csv = "csv", Xlsx = "xlsx", Json = "json", Xml = "xml", Pdf = "pdf", BasisData = "basis_data", Api = "api", Lainnya = "lainnya" }
);
code_enum!(
    /// How often a dataset must be updated (DAT-2).
    UpdateFrequency {
        Harian = "harian",
        Mingguan = "mingguan",
        Bulanan = "bulanan",
        Triwulanan = "triwulanan",
        Semesteran = "semesteran",
        Tahunan = "tahunan",
        TidakTentu = "tidak_tentu",
    }
);

impl UpdateFrequency {
    /// Longest allowed gap between updates, in days; `None` when irregular.
    pub fn max_days(self) -> Option<u32> {
        match self {
            UpdateFrequency::Harian => Some(1),
            UpdateFrequency::Mingguan => Some(7),
            UpdateFrequency::Bulanan => Some(31),
            UpdateFrequency::Triwulanan => Some(92),
            UpdateFrequency::Semesteran => Some(183),
            UpdateFrequency::Tahunan => Some(366),
            UpdateFrequency::TidakTentu => None,
        }
    }
}

code_enum!(
    /// Master, reference or transactional data (DAT-6).
    DataNature { Master = "master", Referensi = "referensi", Transaksional = "transaksional" }
);
code_enum!(
    /// Kind of infrastructure asset (INF-1, MGT-3).
    AssetKind {
        Server = "server",
        Komputer = "komputer",
        RouterSwitch = "router_switch",
        Ups = "ups",
        MediaJaringan = "media_jaringan",
        RuangPusatData = "ruang_pusat_data",
        Noc = "noc",
        LisensiPerangkatLunak = "lisensi_perangkat_lunak",
        Bandwidth = "bandwidth",
    }
);
code_enum!(
    /// Where an asset stands (INF-2).
    AssetLocation { PusatData = "pusat_data", Drc = "drc", Pd = "pd" }
);
code_enum!(
    /// What a (sub)domain is for (DOM-1).
    DomainPurpose { Website = "website", Aplikasi = "aplikasi", Layanan = "layanan", Surel = "surel" }
);
code_enum!(
    /// Outcome of a backup (DAT-7).
    BackupResult { Berhasil = "berhasil", Gagal = "gagal" }
);

code_enum!(
    /// What a document attached to a record is (APP-8, APP-9, APP-14, APP-15, APP-4, APP-7,
    /// INF-5, DAT-7). The compliance engine checks presence by these codes.
    DocType {
        Sla = "sla",
        Sop = "sop",
        Kebijakan = "kebijakan",
        ArsitekturProsesBisnis = "arsitektur_proses_bisnis",
        ArsitekturData = "arsitektur_data",
        ArsitekturAplikasi = "arsitektur_aplikasi",
        ArsitekturInfrastruktur = "arsitektur_infrastruktur",
        KodeSumber = "kode_sumber",
        ManualOperasional = "manual_operasional",
        ManualPengguna = "manual_pengguna",
        DokumenKebutuhan = "dokumen_kebutuhan",
        DokumenDesain = "dokumen_desain",
        UjiKeamanan = "uji_keamanan",
        UjiKinerja = "uji_kinerja",
        UjiDebugging = "uji_debugging",
        BeritaAcaraSerahTerima = "berita_acara_serah_terima",
        PertimbanganMenteri = "pertimbangan_menteri",
        KajianBiayaManfaat = "kajian_biaya_manfaat",
        DiagramLan = "diagram_lan",
        LaporanBackup = "laporan_backup",
        Lainnya = "lainnya",
    }
);
