//! The Kota Metro demo catalogue (issue 3): a realistic register of the kinds of applications,
//! services, business processes, datasets, infrastructure, domains, LAN diagrams and backup
//! reports a Pemerintah Kota runs, spread over the 30 demo Perangkat Daerah of
//! `regions/demo/metro-pd.toml`. Everything goes through the use cases
//! ([`App::create_record`], [`App::link_records`], [`App::retire_record`]) as the system actor
//! `demo`, so it is validated and audited like any user input. All names of officials, decree
//! numbers, serial numbers and contract references are FICTIONAL.
//!
//! Dates are relative to the day of seeding (today minus N days), so the gaps below hold on
//! the day the demo is created; a demo database left for weeks drifts (daily datasets go stale).
//!
//! Volumes: 59 applications (two retired), 34 services, 12 business processes, 48 datasets,
//! 115 infrastructure assets (one retired), 39 domains, 29 LAN diagrams, 3 LAN change reports,
//! 21 backup reports and 309 links; about 715 audit entries in all.
//!
//! # Deliberate compliance gaps
//!
//! Most records are compliant, so that these stand out. The compliance engine (next issue)
//! should find exactly these, each with the obligation id of `OBLIGATIONS.md`. Some
//! obligations come from another region's regulation (e.g. APP-11 is LPK-13.6, INF-5 is MGR-16,
//! DAT-7 is MGR-10); Metro's rule pack may not enable them, but the data is here for the
//! regions whose packs do. `tests/demo_catalogue.rs` checks each row the way the engine will,
//! so the demo stays as documented here.
//!
//! | obligation | record (code or name) | gap |
//! |---|---|---|
//! | APP-2 | `SIMRS` (RSUD-AY), `EBPHTB` (BAPENDA) | built by `pihak_ketiga` and `via_dinas = false` |
//! | APP-3 | `SIPARKIR` (DISHUB) | Aplikasi Khusus with developer `pd_mandiri_tik`, but DISHUB is not a PD Mandiri TIK |
//! | APP-4 | `SIMPATDA` (BAPENDA), `EPARLEMEN` (SETWAN) | closed source (`tertutup`), not shared, no `kominfo_consideration_ref` |
//! | APP-11 | `SIPD` and `EPLANNING` (BAPPELITBANGDA) | two production apps with function_label "Perencanaan pembangunan daerah" |
//! | APP-12 | `AGENDA` (SETDA) | desktop app in status `pengembangan` |
//! | APP-13 | `ESAKIP` (SETDA), `EBANSOS` (DINSOS) | `last_monev_date` more than a year ago |
//! | APP-13 | `SIMDIKLAT` (BKPSDM) | no `last_monev_date` at all |
//! | APP-15 | `ANTREAN` (RSUD-AY), `SITRANTIB` (SATPOLPP) | in production without `sla_ref` |
//! | DOM-1, DOM-2 | `dinkes-metro.com` (DINKES), `sikdametro.go.id` (DINKES), `ppdbmetro.id` (DISDIKBUD) | host outside `metrokota.go.id` |
//! | DOM-3 | DINKES (its only website is `dinkes-metro.com`), KESBANGPOL, DPPKB, DISPORA, the five kecamatan | no active website domain under `metrokota.go.id` |
//! | DAT-2 | "Data Harga Kebutuhan Pokok Harian" (DISDAG, harian, 20 days old), "Data Realisasi Pendapatan Daerah" (BAPENDA, bulanan, 150 days), "Data Produksi Padi dan Palawija" (DPP, triwulanan, 200 days), "Data Jalan Kota" (DPUPR, tahunan, 800 days) | `last_updated` older than the update frequency allows |
//! | DAT-3 | "Data Rekam Medis Pasien" (RSUD-AY), "Data Wajib Pajak Daerah" (BAPENDA), "Data Jalan Kota" (DPUPR) | `in_pusat_data = false` |
//! | DAT-3 | "Data Kunjungan Pasien Puskesmas" (DINKES) | in the Pusat Data without `dinas_consent` |
//! | INF-5 | DINKES, DLH, DPP, KEC-METROUTARA (last diagram last year), DISHUB, BPBD (two years ago), SATPOLPP (three years ago) | no LAN diagram this year, only an old one |
//! | INF-5 | SETWAN, KESBANGPOL, DISPORA, DPPKB, KEC-METROBARAT, KEC-METROTIMUR, KEC-METROSELATAN | no LAN diagram at all |
//! | DAT-7 | DINSOS, DPUPR, DISHUB | last backup report more than 6 months old |
//! | DAT-7 | RSUD-AY | recent backups go to its own NAS (`to_pusat_data = false`), the latest one failed |
//! | DAT-7 | every PD not listed in `BACKUPS` below (15 PDs, e.g. SETWAN, DLH, the kecamatan) | no backup report at all |
//!
//! Not gaps, on purpose: applications shared by central agencies (`shared_from` and
//! `shared_legal_basis` set: SIPD, SRIKANDI, SPSE, SIAK, OSS-RBA, Dapodik, …) are closed source
//! without a Kominfo consideration and are deployed "by Dinas" (`developer = dinas`); APP-16
//! governs them, not APP-2/APP-3/APP-4. Their URLs are on the agencies' own domains, which are
//! not the region's domains and so are not registered as domain records. One licence
//! (`LIC-03`, antivirus) expired two months ago, for a later licence-expiry check.

use crate::{Actor, App, AppError, Result};
use serde_json::{json, Map, Value};
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::ids::{PdId, RecordId};
use std::collections::HashMap;

/// What the catalogue seeding created.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CatalogueSeedReport {
    pub records: usize,
    pub links: usize,
}

#[derive(Clone, Copy)]
enum Monev {
    /// Evaluated this many days ago.
    Days(i64),
    /// Evaluated more than a year ago (APP-13).
    Old,
    /// Never evaluated (APP-13).
    Missing,
}

/// One application. Defaults in [`A0`]: a compliant Aplikasi Khusus built through Dinas.
#[derive(Clone, Copy)]
struct A {
    code: &'static str,
    name: &'static str,
    pd: &'static str,
    desc: &'static str,
    status: &'static str,
    refc: &'static str,
    app_type: &'static str,
    complexity: Option<&'static str>,
    audience: &'static str,
    developer: &'static str,
    via_dinas: bool,
    source: &'static str,
    licence: Option<&'static str>,
    platform: &'static str,
    function: &'static str,
    url: Option<&'static str>,
    hosting: &'static str,
    funding: &'static str,
    operating_pd: Option<&'static str>,
    /// Origin agency and legal basis of an app shared by a central agency (APP-16).
    shared: Option<(&'static str, &'static str)>,
    /// Whether a closed-source, non-shared app has the minister's consideration (APP-4).
    kominfo_ref: bool,
    /// Whether a production app has its SLA (APP-15).
    sla: bool,
    monev: Monev,
    since: &'static str,
    /// Asset codes the app runs on.
    runs_on: &'static [&'static str],
    /// Retire after creating, with this reason.
    retired: Option<&'static str>,
}

const A0: A = A {
    code: "",
    name: "",
    pd: "",
    desc: "",
    status: "produksi",
    refc: "RAA.02.02",
    app_type: "khusus",
    complexity: None,
    audience: "g2e",
    developer: "dinas",
    via_dinas: true,
    source: "terbuka",
    licence: None,
    platform: "web",
    function: "",
    url: None,
    hosting: "pusat_data_vps",
    funding: "apbd",
    operating_pd: None,
    shared: None,
    kominfo_ref: true,
    sla: true,
    monev: Monev::Days(120),
    since: "2020-01-02",
    runs_on: &[],
    retired: None,
};

const APPS: &[A] = &[
    // Dinas Komunikasi dan Informatika.
    A {
        code: "PORTAL",
        name: "Portal Resmi Pemerintah Kota Metro",
        pd: "DISKOMINFO",
        desc: "Situs web resmi pemerintah daerah: berita, profil, agenda dan tautan layanan.",
        refc: "RAA.02.01",
        audience: "g2b,g2c",
        licence: Some("GPL-2.0 (WordPress)"),
        function: "Portal informasi pemerintah daerah",
        url: Some("https://metrokota.go.id"),
        hosting: "pusat_data_kolokasi",
        since: "2015-06-01",
        runs_on: &["SRV-PD-01"],
        monev: Monev::Days(60),
        ..A0
    },
    A {
        code: "SATUDATA",
        name: "Portal Satu Data Kota Metro",
        pd: "DISKOMINFO",
        desc: "Katalog dan publikasi data sektoral Kota Metro (Satu Data Indonesia, Perpres 39/2019).",
        refc: "RAA.02.01",
        audience: "g2g,g2c",
        licence: Some("AGPL-3.0 (CKAN)"),
        function: "Publikasi data statistik sektoral",
        url: Some("https://satudata.metrokota.go.id"),
        since: "2021-04-05",
        runs_on: &["SRV-PD-02"],
        ..A0
    },
    A {
        code: "PPID",
        name: "e-PPID Kota Metro",
        pd: "DISKOMINFO",
        desc: "Permohonan dan keberatan informasi publik (UU 14/2008).",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("MIT"),
        function: "Layanan permohonan informasi publik",
        url: Some("https://ppid.metrokota.go.id"),
        since: "2018-03-12",
        runs_on: &["SRV-PD-02"],
        ..A0
    },
    A {
        code: "LAPOR",
        name: "SP4N-LAPOR! Kota Metro",
        pd: "DISKOMINFO",
        desc: "Pengelolaan pengaduan pelayanan publik nasional; admin instansi di Diskominfo.",
        refc: "RAA.01.01",
        app_type: "umum",
        complexity: Some("besar"),
        audience: "g2c",
        source: "tertutup",
        function: "Pengelolaan pengaduan pelayanan publik",
        url: Some("https://www.lapor.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some((
            "Kementerian PANRB",
            "Perpres 76/2013; PermenPANRB 46/2020 tentang Road Map SP4N",
        )),
        since: "2017-08-01",
        ..A0
    },
    A {
        code: "EOFFICE",
        name: "e-Office Kota Metro",
        pd: "DISKOMINFO",
        desc: "Tata naskah dinas elektronik buatan daerah, digantikan SRIKANDI.",
        audience: "g2e",
        licence: Some("GPL-3.0"),
        function: "Tata naskah dinas elektronik (lama)",
        url: Some("https://eoffice.metrokota.go.id"),
        since: "2016-01-04",
        retired: Some("Digantikan SRIKANDI (Aplikasi Umum bidang kearsipan) sejak 1 Juli 2023"),
        ..A0
    },
    A {
        code: "COMMANDCENTER",
        name: "Dasbor Metro Smart City Command Center",
        pd: "DISKOMINFO",
        desc: "Dasbor pemantauan layanan, CCTV dan indikator kota cerdas untuk pimpinan.",
        status: "uji",
        audience: "g2g",
        licence: Some("Apache-2.0 (Grafana)"),
        function: "Dasbor pemantauan kota cerdas",
        url: Some("https://commandcenter.metrokota.go.id"),
        runs_on: &["SRV-PD-03"],
        ..A0
    },
    A {
        code: "SUREL",
        name: "Surel Kedinasan Pemerintah Kota Metro",
        pd: "DISKOMINFO",
        desc: "Layanan surat elektronik @metrokota.go.id untuk seluruh ASN.",
        audience: "g2e",
        licence: Some("Zimbra Open Source Edition"),
        function: "Surel kedinasan",
        url: Some("https://mail.metrokota.go.id"),
        since: "2014-09-01",
        runs_on: &["SRV-PD-04"],
        ..A0
    },
    A {
        code: "SPLP",
        name: "Sistem Penghubung Layanan (API Gateway)",
        pd: "DISKOMINFO",
        desc: "Gerbang API untuk pertukaran data antaraplikasi Perangkat Daerah dan ke pusat.",
        audience: "g2g",
        licence: Some("Apache-2.0 (WSO2 API Manager)"),
        function: "Integrasi dan pertukaran data antaraplikasi",
        url: Some("https://api.metrokota.go.id"),
        since: "2022-02-01",
        runs_on: &["SPL-01"],
        ..A0
    },
    // Sekretariat Daerah.
    A {
        code: "SPSE",
        name: "SPSE LPSE Kota Metro",
        pd: "SETDA",
        desc: "Sistem Pengadaan Secara Elektronik, dioperasikan Bagian Pengadaan Barang/Jasa.",
        refc: "RAA.01.02",
        app_type: "umum",
        complexity: Some("besar"),
        audience: "g2b",
        source: "tertutup",
        function: "Pengadaan barang/jasa secara elektronik",
        url: Some("https://lpse.metrokota.go.id"),
        hosting: "pusat_data_kolokasi",
        shared: Some(("LKPP", "Perpres 16/2018 jo. Perpres 12/2021 tentang Pengadaan Barang/Jasa Pemerintah")),
        since: "2012-05-02",
        runs_on: &["SRV-PD-05"],
        ..A0
    },
    A {
        code: "JDIH",
        name: "JDIH Kota Metro",
        pd: "SETDA",
        desc: "Jaringan Dokumentasi dan Informasi Hukum: Perda, Perwali dan Keputusan Walikota.",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("GPL-3.0"),
        function: "Publikasi produk hukum daerah",
        url: Some("https://jdih.metrokota.go.id"),
        since: "2019-02-11",
        runs_on: &["SRV-PD-01"],
        ..A0
    },
    A {
        code: "ESAKIP",
        name: "e-SAKIP Kota Metro",
        pd: "SETDA",
        desc: "Sistem Akuntabilitas Kinerja Instansi Pemerintah, dikelola Bagian Organisasi.",
        audience: "g2g",
        developer: "pihak_ketiga",
        source: "tertutup",
        function: "Akuntabilitas kinerja instansi",
        url: Some("https://esakip.metrokota.go.id"),
        since: "2018-10-01",
        monev: Monev::Old,
        runs_on: &["SRV-PD-06"],
        ..A0
    },
    A {
        code: "AGENDA",
        name: "Aplikasi Agenda Pimpinan",
        pd: "SETDA",
        desc: "Penjadwalan agenda Walikota dan Wakil Walikota; versi desktop sedang dikembangkan Bagian Protokol.",
        status: "pengembangan",
        audience: "g2g",
        platform: "desktop",
        function: "Penjadwalan agenda pimpinan daerah",
        hosting: "mandiri_pd",
        ..A0
    },
    // Bappelitbangda.
    A {
        code: "SIPD",
        name: "SIPD-RI (Sistem Informasi Pemerintahan Daerah)",
        pd: "BAPPELITBANGDA",
        desc: "Perencanaan, penganggaran dan penatausahaan keuangan daerah secara nasional.",
        refc: "RAA.01.02",
        app_type: "umum",
        complexity: Some("besar"),
        audience: "g2g",
        source: "tertutup",
        function: "Perencanaan pembangunan daerah",
        url: Some("https://sipd.kemendagri.go.id"),
        hosting: "cloud",
        funding: "apbn",
        operating_pd: Some("BPKAD"),
        shared: Some(("Kementerian Dalam Negeri", "Permendagri 70/2019 tentang Sistem Informasi Pemerintahan Daerah")),
        since: "2021-01-04",
        ..A0
    },
    A {
        code: "EPLANNING",
        name: "e-Planning Kota Metro",
        pd: "BAPPELITBANGDA",
        desc: "Aplikasi perencanaan daerah buatan penyedia, masih dipakai berdampingan dengan SIPD-RI.",
        audience: "g2g",
        developer: "pihak_ketiga",
        source: "tertutup",
        function: "Perencanaan pembangunan daerah",
        url: Some("https://eplanning.metrokota.go.id"),
        since: "2017-01-09",
        runs_on: &["SRV-PD-06"],
        ..A0
    },
    A {
        code: "EMONEV",
        name: "e-Monev Pembangunan",
        pd: "BAPPELITBANGDA",
        desc: "Pemantauan realisasi fisik dan keuangan program/kegiatan per triwulan.",
        audience: "g2g",
        licence: Some("MIT"),
        function: "Monitoring dan evaluasi pelaksanaan pembangunan",
        url: Some("https://emonev.metrokota.go.id"),
        since: "2019-07-01",
        runs_on: &["SRV-PD-07"],
        ..A0
    },
    // BPKAD (PD Mandiri TIK).
    A {
        code: "SIMDABMD",
        name: "SIMDA BMD",
        pd: "BPKAD",
        desc: "Penatausahaan barang milik daerah (aplikasi klien-server BPKP).",
        audience: "g2g",
        source: "tertutup",
        platform: "desktop",
        function: "Penatausahaan barang milik daerah",
        hosting: "mandiri_pd",
        shared: Some(("BPKP", "Nota Kesepahaman BPKP dan Pemerintah Kota Metro tentang Implementasi SIMDA")),
        since: "2013-01-02",
        runs_on: &["SRV-BPKAD-01"],
        ..A0
    },
    A {
        code: "SP2D",
        name: "SP2D Online Kota Metro",
        pd: "BPKAD",
        desc: "Penerbitan dan pelacakan Surat Perintah Pencairan Dana oleh Bidang Perbendaharaan.",
        audience: "g2g,g2b",
        developer: "pd_mandiri_tik",
        licence: Some("MIT"),
        function: "Penerbitan dan pelacakan SP2D",
        url: Some("https://sp2d.metrokota.go.id"),
        since: "2020-03-02",
        runs_on: &["SRV-PD-08"],
        ..A0
    },
    A {
        code: "EBUDGETING",
        name: "e-Budgeting Kota Metro",
        pd: "BPKAD",
        desc: "Penyusunan RKA dan APBD sebelum SIPD.",
        audience: "g2g",
        developer: "pd_mandiri_tik",
        licence: Some("MIT"),
        function: "Penyusunan anggaran daerah (lama)",
        since: "2016-08-01",
        retired: Some("Digantikan SIPD-RI sejak penyusunan APBD 2021"),
        ..A0
    },
    // Bapenda.
    A {
        code: "SIMPATDA",
        name: "SIMPATDA (Sistem Informasi Manajemen Pendapatan Daerah)",
        pd: "BAPENDA",
        desc: "Pendaftaran, penetapan dan pembayaran pajak daerah (hotel, restoran, reklame, PBJT).",
        refc: "RAA.02.01",
        audience: "g2b,g2c",
        developer: "pihak_ketiga",
        source: "tertutup",
        kominfo_ref: false,
        function: "Pengelolaan pajak daerah",
        url: Some("https://simpatda.metrokota.go.id"),
        since: "2018-01-02",
        runs_on: &["SRV-PD-09"],
        ..A0
    },
    A {
        code: "EBPHTB",
        name: "e-BPHTB Kota Metro",
        pd: "BAPENDA",
        desc: "Pelaporan dan validasi Bea Perolehan Hak atas Tanah dan Bangunan oleh PPAT.",
        refc: "RAA.02.01",
        audience: "g2b,g2c",
        developer: "pihak_ketiga",
        via_dinas: false,
        source: "tertutup",
        function: "Pelayanan BPHTB",
        url: Some("https://ebphtb.metrokota.go.id"),
        hosting: "cloud",
        since: "2022-06-01",
        ..A0
    },
    A {
        code: "SISMIOP",
        name: "SISMIOP PBB-P2",
        pd: "BAPENDA",
        desc: "Pendataan objek dan penetapan SPPT PBB-P2, diwarisi dari DJP saat pengalihan PBB-P2.",
        audience: "g2g",
        source: "tertutup",
        platform: "desktop",
        function: "Pendataan dan penetapan PBB-P2",
        hosting: "mandiri_pd",
        shared: Some(("Direktorat Jenderal Pajak", "UU 28/2009 tentang Pajak Daerah dan Retribusi Daerah (pengalihan PBB-P2)")),
        since: "2014-01-02",
        runs_on: &["SRV-BAPENDA-01"],
        ..A0
    },
    // Dinas Kesehatan.
    A {
        code: "SIKDA",
        name: "SIKDA Generik Kota Metro",
        pd: "DINKES",
        desc: "Sistem Informasi Kesehatan Daerah di 11 puskesmas: pendaftaran, rekam medis, farmasi, laporan.",
        refc: "RAA.02.01",
        audience: "g2c,g2g",
        licence: Some("Kemenkes (kode terbuka)"),
        function: "Rekam medis elektronik puskesmas",
        url: Some("https://sikdametro.go.id"),
        shared: Some(("Kementerian Kesehatan", "Permenkes 46/2017 tentang Strategi e-Kesehatan Nasional")),
        since: "2016-04-01",
        runs_on: &["SRV-PD-10"],
        ..A0
    },
    A {
        code: "EPPGBM",
        name: "e-PPGBM (Pencatatan dan Pelaporan Gizi Berbasis Masyarakat)",
        pd: "DINKES",
        desc: "Pencatatan status gizi balita oleh kader posyandu dan tenaga gizi puskesmas.",
        audience: "g2g",
        source: "tertutup",
        function: "Pencatatan status gizi balita",
        url: Some("https://sigiziterpadu.kemkes.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian Kesehatan", "Permenkes 14/2019 tentang Pelaksanaan Teknis Surveilans Gizi")),
        since: "2019-01-02",
        ..A0
    },
    A {
        code: "SEHATMETRO",
        name: "Sehat Metro (aplikasi seluler)",
        pd: "DINKES",
        desc: "Pendaftaran daring layanan puskesmas dan informasi jadwal imunisasi.",
        status: "uji",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("Apache-2.0"),
        platform: "mobile",
        function: "Pendaftaran layanan puskesmas daring",
        runs_on: &["SRV-PD-10"],
        ..A0
    },
    // RSUD Jenderal Ahmad Yani.
    A {
        code: "SIMRS",
        name: "SIMRS RSUD Jenderal Ahmad Yani",
        pd: "RSUD-AY",
        desc: "Sistem informasi manajemen rumah sakit (BLUD), diadakan langsung oleh RSUD dari penyedia.",
        refc: "RAA.02.01",
        audience: "g2c,g2e",
        developer: "pihak_ketiga",
        via_dinas: false,
        source: "tertutup",
        function: "Sistem informasi manajemen rumah sakit",
        hosting: "mandiri_pd",
        funding: "lainnya",
        since: "2019-09-01",
        runs_on: &["SRV-RSUD-01", "SRV-RSUD-02"],
        ..A0
    },
    A {
        code: "ANTREAN",
        name: "Antrean Online RSUD Ahmad Yani",
        pd: "RSUD-AY",
        desc: "Pendaftaran dan antrean pasien rawat jalan lewat ponsel, terhubung ke SIMRS.",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("MIT"),
        platform: "mobile",
        function: "Pendaftaran dan antrean pasien",
        url: Some("https://antrean-rsud.metrokota.go.id"),
        sla: false,
        since: "2023-02-01",
        runs_on: &["SRV-PD-11"],
        ..A0
    },
    // Disdukcapil (PD Mandiri TIK).
    A {
        code: "SIAK",
        name: "SIAK Terpusat",
        pd: "DISDUKCAPIL",
        desc: "Sistem Informasi Administrasi Kependudukan terpusat Ditjen Dukcapil.",
        refc: "RAA.02.01",
        audience: "g2g",
        source: "tertutup",
        function: "Pencatatan administrasi kependudukan",
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Ditjen Dukcapil Kementerian Dalam Negeri", "Permendagri 95/2019 tentang Sistem Informasi Administrasi Kependudukan")),
        since: "2019-01-02",
        ..A0
    },
    A {
        code: "SIPANDU",
        name: "SIPANDU Dukcapil Metro",
        pd: "DISDUKCAPIL",
        desc: "Permohonan KK, akta kelahiran, akta kematian dan pindah datang secara daring.",
        refc: "RAA.02.01",
        audience: "g2c",
        developer: "pd_mandiri_tik",
        licence: Some("MIT"),
        function: "Permohonan dokumen kependudukan daring",
        url: Some("https://sipandu.metrokota.go.id"),
        since: "2021-08-17",
        runs_on: &["SRV-DUKCAPIL-01"],
        ..A0
    },
    A {
        code: "IKD",
        name: "Identitas Kependudukan Digital (IKD)",
        pd: "DISDUKCAPIL",
        desc: "Aktivasi KTP digital di ponsel penduduk.",
        refc: "RAA.02.01",
        audience: "g2c",
        source: "tertutup",
        platform: "mobile",
        function: "Identitas kependudukan digital",
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Ditjen Dukcapil Kementerian Dalam Negeri", "Permendagri 72/2022 tentang Standar dan Spesifikasi KTP-el dan IKD")),
        since: "2023-01-02",
        ..A0
    },
    // BKPSDM.
    A {
        code: "SIMPEG",
        name: "SIMPEG Kota Metro",
        pd: "BKPSDM",
        desc: "Data induk dan riwayat kepegawaian ASN Kota Metro, tersinkron dengan SIASN.",
        audience: "g2e",
        licence: Some("GPL-3.0"),
        function: "Pengelolaan data kepegawaian",
        url: Some("https://simpeg.metrokota.go.id"),
        since: "2015-03-02",
        runs_on: &["SRV-PD-12"],
        ..A0
    },
    A {
        code: "EKINERJA",
        name: "e-Kinerja BKN",
        pd: "BKPSDM",
        desc: "Perencanaan dan penilaian kinerja pegawai ASN (SKP).",
        refc: "RAA.01.02",
        app_type: "umum",
        complexity: Some("kecil"),
        audience: "g2e",
        source: "tertutup",
        function: "Penilaian kinerja pegawai ASN",
        url: Some("https://kinerja.bkn.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Badan Kepegawaian Negara", "PermenPANRB 6/2022 tentang Pengelolaan Kinerja Pegawai ASN")),
        since: "2023-01-02",
        ..A0
    },
    A {
        code: "SIASN",
        name: "SIASN (Sistem Informasi Aparatur Sipil Negara)",
        pd: "BKPSDM",
        desc: "Data ASN nasional: kenaikan pangkat, pensiun, mutasi.",
        audience: "g2g",
        source: "tertutup",
        function: "Data induk ASN nasional",
        url: Some("https://asndigital.bkn.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Badan Kepegawaian Negara", "UU 20/2023 tentang Aparatur Sipil Negara")),
        since: "2021-05-03",
        ..A0
    },
    A {
        code: "EABSENSI",
        name: "e-Absensi Metro",
        pd: "BKPSDM",
        desc: "Presensi ASN berbasis lokasi dan swafoto, terhubung ke perhitungan TPP.",
        audience: "g2e",
        licence: Some("MIT"),
        platform: "mobile",
        function: "Presensi pegawai",
        url: Some("https://absensi.metrokota.go.id"),
        since: "2020-04-01",
        runs_on: &["SRV-PD-12"],
        ..A0
    },
    A {
        code: "SIMDIKLAT",
        name: "SIMDIKLAT (Pengembangan Kompetensi ASN)",
        pd: "BKPSDM",
        desc: "Usulan, jadwal dan sertifikat pelatihan serta pengembangan kompetensi ASN.",
        audience: "g2e",
        licence: Some("MIT"),
        function: "Pengembangan kompetensi ASN",
        url: Some("https://simdiklat.metrokota.go.id"),
        monev: Monev::Missing,
        since: "2022-09-01",
        runs_on: &["SRV-PD-12"],
        ..A0
    },
    // DPMPTSP.
    A {
        code: "OSSRBA",
        name: "OSS-RBA (Online Single Submission Berbasis Risiko)",
        pd: "DPMPTSP",
        desc: "Perizinan berusaha berbasis risiko; verifikasi persyaratan oleh DPMPTSP.",
        refc: "RAA.02.01",
        audience: "g2b",
        source: "tertutup",
        function: "Perizinan berusaha berbasis risiko",
        url: Some("https://oss.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian Investasi/BKPM", "PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko")),
        since: "2021-08-09",
        ..A0
    },
    A {
        code: "SICANTIK",
        name: "SiCantik Cloud",
        pd: "DPMPTSP",
        desc: "Perizinan non-berusaha (izin penelitian, izin praktik tenaga kesehatan, dan lain-lain).",
        refc: "RAA.02.01",
        audience: "g2c,g2b",
        source: "tertutup",
        function: "Perizinan non-berusaha",
        url: Some("https://sicantik.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian Komunikasi dan Digital", "Perpres 91/2017 tentang Percepatan Pelaksanaan Berusaha")),
        since: "2019-04-01",
        ..A0
    },
    // DPUPR.
    A {
        code: "SIMBG",
        name: "SIMBG (Sistem Informasi Manajemen Bangunan Gedung)",
        pd: "DPUPR",
        desc: "Persetujuan Bangunan Gedung (PBG) dan Sertifikat Laik Fungsi (SLF).",
        refc: "RAA.02.01",
        audience: "g2c,g2b",
        source: "tertutup",
        function: "Persetujuan bangunan gedung",
        url: Some("https://simbg.pu.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian PUPR", "PP 16/2021 tentang Peraturan Pelaksanaan UU Bangunan Gedung")),
        since: "2021-08-02",
        ..A0
    },
    A {
        code: "SIPETA",
        name: "SIPETA (Sistem Informasi Tata Ruang Kota Metro)",
        pd: "DPUPR",
        desc: "Peta RTRW dan RDTR interaktif, informasi kesesuaian tata ruang.",
        refc: "RAA.02.01",
        audience: "g2c,g2b",
        licence: Some("GPL-3.0 (GeoNode)"),
        function: "Informasi tata ruang",
        url: Some("https://sipeta.metrokota.go.id"),
        since: "2022-11-01",
        runs_on: &["SRV-PD-13"],
        ..A0
    },
    // Dinas Sosial.
    A {
        code: "SIKSNG",
        name: "SIKS-NG (Sistem Informasi Kesejahteraan Sosial Next Generation)",
        pd: "DINSOS",
        desc: "Verifikasi dan validasi Data Terpadu Kesejahteraan Sosial.",
        audience: "g2g",
        source: "tertutup",
        function: "Pengelolaan data terpadu kesejahteraan sosial",
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian Sosial", "Permensos 3/2021 tentang Pengelolaan Data Terpadu Kesejahteraan Sosial")),
        since: "2019-06-03",
        ..A0
    },
    A {
        code: "EBANSOS",
        name: "e-Bansos Metro",
        pd: "DINSOS",
        desc: "Pengusulan dan penyaluran bantuan sosial daerah dengan validasi NIK.",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("MIT"),
        function: "Penyaluran bantuan sosial daerah",
        url: Some("https://bansos.metrokota.go.id"),
        monev: Monev::Old,
        since: "2020-05-04",
        runs_on: &["SRV-PD-14"],
        ..A0
    },
    // Dinas Perhubungan.
    A {
        code: "SIPARKIR",
        name: "SI-Parkir Metro",
        pd: "DISHUB",
        desc: "Pengelolaan juru parkir, titik parkir dan retribusi parkir nontunai; dibangun sendiri oleh Dishub.",
        refc: "RAA.02.01",
        audience: "g2c",
        developer: "pd_mandiri_tik",
        licence: Some("MIT"),
        function: "Pengelolaan retribusi parkir",
        url: Some("https://parkir.metrokota.go.id"),
        since: "2023-07-03",
        runs_on: &["SRV-PD-15"],
        ..A0
    },
    A {
        code: "BLUE",
        name: "BLUe (Bukti Lulus Uji Elektronik)",
        pd: "DISHUB",
        desc: "Pengujian berkala kendaraan bermotor (uji KIR) dengan kartu elektronik.",
        refc: "RAA.02.01",
        audience: "g2b,g2c",
        source: "tertutup",
        function: "Pengujian kendaraan bermotor",
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian Perhubungan", "PM Perhubungan 19/2021 tentang Pengujian Berkala Kendaraan Bermotor")),
        since: "2018-03-01",
        ..A0
    },
    // DLH.
    A {
        code: "ERETRIBUSI",
        name: "e-Retribusi Sampah",
        pd: "DLH",
        desc: "Tagihan dan pembayaran retribusi persampahan rumah tangga dan usaha.",
        refc: "RAA.02.01",
        audience: "g2c,g2b",
        licence: Some("MIT"),
        function: "Pembayaran retribusi persampahan",
        url: Some("https://retribusi-sampah.metrokota.go.id"),
        since: "2022-01-03",
        runs_on: &["SRV-PD-15"],
        ..A0
    },
    // Satpol PP.
    A {
        code: "SITRANTIB",
        name: "SI-Trantib",
        pd: "SATPOLPP",
        desc: "Pelaporan patroli, penertiban dan penegakan Perda.",
        audience: "g2g",
        licence: Some("MIT"),
        function: "Pelaporan ketenteraman dan ketertiban",
        url: Some("https://trantib.metrokota.go.id"),
        sla: false,
        since: "2021-03-01",
        runs_on: &["SRV-PD-16"],
        ..A0
    },
    // BPBD.
    A {
        code: "INARISK",
        name: "InaRISK",
        pd: "BPBD",
        desc: "Kajian dan informasi risiko bencana per kelurahan.",
        refc: "RAA.02.01",
        audience: "g2c,g2g",
        source: "tertutup",
        platform: "mobile",
        function: "Informasi risiko bencana",
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("BNPB", "Perka BNPB 2/2012 tentang Pedoman Umum Pengkajian Risiko Bencana")),
        since: "2017-01-02",
        ..A0
    },
    A {
        code: "EWSBANJIR",
        name: "Sistem Peringatan Dini Banjir Kota Metro",
        pd: "BPBD",
        desc: "Sensor tinggi muka air Way Bunut dan Way Batanghari dengan notifikasi ke warga.",
        status: "uji",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("Apache-2.0"),
        function: "Peringatan dini bencana",
        url: Some("https://ews.metrokota.go.id"),
        runs_on: &["SRV-PD-16"],
        ..A0
    },
    // Dinas Pendidikan dan Kebudayaan.
    A {
        code: "DAPODIK",
        name: "Dapodik",
        pd: "DISDIKBUD",
        desc: "Data Pokok Pendidikan: aplikasi yang dipasang di tiap satuan pendidikan lalu disinkronkan ke pusat.",
        audience: "g2g",
        source: "tertutup",
        platform: "desktop",
        function: "Pendataan pokok pendidikan",
        hosting: "mandiri_pd",
        funding: "apbn",
        shared: Some(("Kemendikbudristek", "Permendikbud 79/2015 tentang Data Pokok Pendidikan")),
        since: "2014-01-02",
        ..A0
    },
    A {
        code: "PPDB",
        name: "PPDB Online Kota Metro",
        pd: "DISDIKBUD",
        desc: "Penerimaan peserta didik baru SD dan SMP negeri (zonasi, afirmasi, prestasi).",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("MIT"),
        function: "Penerimaan peserta didik baru",
        url: Some("https://ppdbmetro.id"),
        since: "2019-05-06",
        runs_on: &["SRV-PD-17"],
        ..A0
    },
    // Dinas Perpustakaan dan Kearsipan.
    A {
        code: "SRIKANDI",
        name: "SRIKANDI (Sistem Informasi Kearsipan Dinamis Terintegrasi)",
        pd: "DISPUSIP",
        desc: "Naskah dinas elektronik dan kearsipan dinamis seluruh Perangkat Daerah.",
        refc: "RAA.01.02",
        app_type: "umum",
        complexity: Some("besar"),
        audience: "g2g,g2e",
        source: "tertutup",
        function: "Tata naskah dinas elektronik",
        url: Some("https://srikandi.arsip.go.id"),
        hosting: "cloud",
        funding: "apbn",
        operating_pd: Some("SETDA"),
        shared: Some(("ANRI", "Keputusan Menteri PANRB 679/2020 tentang Aplikasi Umum Bidang Kearsipan Dinamis")),
        since: "2023-07-01",
        ..A0
    },
    A {
        code: "INLISLITE",
        name: "INLISLite Perpustakaan Daerah Kota Metro",
        pd: "DISPUSIP",
        desc: "Otomasi perpustakaan dan katalog daring (OPAC).",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("GPL (Perpustakaan Nasional)"),
        function: "Otomasi perpustakaan",
        url: Some("https://perpustakaan.metrokota.go.id"),
        shared: Some(("Perpustakaan Nasional RI", "UU 43/2007 tentang Perpustakaan")),
        since: "2017-09-01",
        runs_on: &["SRV-PD-17"],
        ..A0
    },
    // Dinas Perdagangan.
    A {
        code: "SIPASAR",
        name: "SIPASAR (Informasi Harga Pasar Kota Metro)",
        pd: "DISDAG",
        desc: "Harga harian bahan pokok di Pasar Cendrawasih, Pasar Kopindo dan Pasar Tejo Agung.",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("MIT"),
        function: "Informasi harga kebutuhan pokok",
        url: Some("https://sipasar.metrokota.go.id"),
        since: "2020-02-03",
        runs_on: &["SRV-PD-18"],
        ..A0
    },
    // Dinas Pertanian dan Pangan.
    A {
        code: "SIMLUHTAN",
        name: "SIMLUHTAN",
        pd: "DPP",
        desc: "Data penyuluh, kelompok tani dan kegiatan penyuluhan pertanian.",
        audience: "g2g",
        source: "tertutup",
        function: "Penyuluhan pertanian",
        url: Some("https://app2.pertanian.go.id/simluh2014"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian Pertanian", "Permentan 3/2018 tentang Pedoman Penyelenggaraan Penyuluhan Pertanian")),
        since: "2015-01-02",
        ..A0
    },
    // DPPKB.
    A {
        code: "SIMFONIPPA",
        name: "SIMFONI-PPA",
        pd: "DPPKB",
        desc: "Pencatatan dan pelaporan kasus kekerasan terhadap perempuan dan anak.",
        audience: "g2g",
        source: "tertutup",
        function: "Pencatatan kasus kekerasan perempuan dan anak",
        url: Some("https://kekerasan.kemenpppa.go.id"),
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("Kementerian PPPA", "Permen PPPA 6/2016 tentang Sistem Informasi Perlindungan Perempuan dan Anak")),
        since: "2016-06-01",
        ..A0
    },
    A {
        code: "SIGA",
        name: "SIGA (Sistem Informasi Keluarga)",
        pd: "DPPKB",
        desc: "Pendataan keluarga dan pelayanan KB.",
        audience: "g2g",
        source: "tertutup",
        function: "Pendataan keluarga dan KB",
        hosting: "cloud",
        funding: "apbn",
        shared: Some(("BKKBN", "Perpres 72/2021 tentang Percepatan Penurunan Stunting")),
        since: "2021-04-01",
        ..A0
    },
    // Inspektorat.
    A {
        code: "SIMWAS",
        name: "SIMWAS Inspektorat Kota Metro",
        pd: "INSPEKTORAT",
        desc: "Perencanaan pengawasan (PKPT), kertas kerja, temuan dan tindak lanjut.",
        audience: "g2g",
        licence: Some("MIT"),
        function: "Pengelolaan pengawasan internal",
        url: Some("https://simwas.metrokota.go.id"),
        since: "2020-09-01",
        runs_on: &["SRV-PD-07"],
        ..A0
    },
    // Sekretariat DPRD.
    A {
        code: "EPARLEMEN",
        name: "e-Parlemen DPRD Kota Metro",
        pd: "SETWAN",
        desc: "Jadwal sidang, risalah, pokok-pokok pikiran DPRD dan aspirasi masyarakat.",
        audience: "g2g,g2c",
        developer: "pihak_ketiga",
        source: "tertutup",
        kominfo_ref: false,
        function: "Administrasi persidangan DPRD",
        url: Some("https://eparlemen.metrokota.go.id"),
        since: "2021-10-01",
        runs_on: &["SRV-PD-18"],
        ..A0
    },
    // Kesbangpol.
    A {
        code: "SIORMAS",
        name: "SI-Ormas Kota Metro",
        pd: "KESBANGPOL",
        desc: "Pendaftaran dan pemutakhiran data organisasi kemasyarakatan.",
        status: "usulan",
        audience: "g2c",
        function: "Pendaftaran organisasi kemasyarakatan",
        ..A0
    },
    // Dinas Pemuda dan Olahraga.
    A {
        code: "SIPORA",
        name: "SIPORA (Data Atlet dan Sarana Olahraga)",
        pd: "DISPORA",
        desc: "Data atlet berprestasi, pelatih dan sarana prasarana olahraga.",
        refc: "RAA.02.01",
        audience: "g2c,g2g",
        licence: Some("MIT"),
        function: "Pendataan keolahragaan",
        url: Some("https://sipora.metrokota.go.id"),
        since: "2024-02-01",
        runs_on: &["SRV-PD-19"],
        ..A0
    },
    // Kecamatan Metro Pusat (pilot for all kecamatan).
    A {
        code: "SIPAKAT",
        name: "SIPAKAT (Sistem Pelayanan Administrasi Kecamatan dan Kelurahan)",
        pd: "KEC-METROPUSAT",
        desc: "Surat keterangan, pengantar dan legalisasi di kecamatan dan kelurahan; uji coba di Metro Pusat.",
        status: "uji",
        refc: "RAA.02.01",
        audience: "g2c",
        licence: Some("MIT"),
        function: "Pelayanan administrasi kecamatan",
        url: Some("https://sipakat.metrokota.go.id"),
        runs_on: &["SRV-PD-19"],
        ..A0
    },
];

/// One service: name, PD, type, sector, smart-city dimensions, reference code, URL, the
/// applications that deliver it and the services it integrates.
struct S {
    name: &'static str,
    pd: &'static str,
    typ: &'static str,
    sector: &'static str,
    smart: &'static str,
    refc: &'static str,
    url: Option<&'static str>,
    apps: &'static [&'static str],
    integrates: &'static [&'static str],
}

#[rustfmt::skip]
const SERVICES: &[S] = &[
    S { name: "Layanan Perencanaan Pembangunan Daerah", pd: "BAPPELITBANGDA", typ: "administrasi", sector: "perencanaan", smart: "tata_kelola", refc: "RAL.02.01", url: None, apps: &["SIPD", "EPLANNING", "EMONEV"], integrates: &[] },
    S { name: "Layanan Penganggaran Daerah", pd: "BPKAD", typ: "administrasi", sector: "penganggaran", smart: "tata_kelola", refc: "RAL.02.02", url: None, apps: &["SIPD"], integrates: &["Layanan Perencanaan Pembangunan Daerah"] },
    S { name: "Layanan Penatausahaan Keuangan Daerah", pd: "BPKAD", typ: "administrasi", sector: "keuangan", smart: "tata_kelola", refc: "RAL.02.03", url: None, apps: &["SIPD", "SP2D"], integrates: &[] },
    S { name: "Layanan Pajak Daerah", pd: "BAPENDA", typ: "publik", sector: "pendapatan_daerah", smart: "ekonomi", refc: "RAL.02.04", url: Some("https://simpatda.metrokota.go.id"), apps: &["SIMPATDA", "EBPHTB", "SISMIOP"], integrates: &[] },
    S { name: "Layanan Pengadaan Barang/Jasa Elektronik", pd: "SETDA", typ: "administrasi", sector: "pengadaan", smart: "tata_kelola", refc: "RAL.02.05", url: Some("https://lpse.metrokota.go.id"), apps: &["SPSE"], integrates: &[] },
    S { name: "Layanan Administrasi Kepegawaian", pd: "BKPSDM", typ: "administrasi", sector: "kepegawaian", smart: "tata_kelola", refc: "RAL.02.06", url: None, apps: &["SIMPEG", "SIASN"], integrates: &[] },
    S { name: "Layanan Penilaian Kinerja Pegawai", pd: "BKPSDM", typ: "administrasi", sector: "kepegawaian", smart: "tata_kelola", refc: "RAL.02.06", url: None, apps: &["EKINERJA"], integrates: &["Layanan Administrasi Kepegawaian"] },
    S { name: "Layanan Presensi Pegawai", pd: "BKPSDM", typ: "administrasi", sector: "kepegawaian", smart: "tata_kelola", refc: "RAL.02.06", url: None, apps: &["EABSENSI"], integrates: &[] },
    S { name: "Layanan Pengembangan Kompetensi ASN", pd: "BKPSDM", typ: "administrasi", sector: "kepegawaian", smart: "masyarakat", refc: "RAL.02.06", url: None, apps: &["SIMDIKLAT"], integrates: &[] },
    S { name: "Layanan Naskah Dinas Elektronik", pd: "DISPUSIP", typ: "administrasi", sector: "kearsipan", smart: "tata_kelola", refc: "RAL.02.07", url: None, apps: &["SRIKANDI"], integrates: &[] },
    S { name: "Layanan Pengelolaan Barang Milik Daerah", pd: "BPKAD", typ: "administrasi", sector: "pengelolaan_aset", smart: "tata_kelola", refc: "RAL.02.08", url: None, apps: &["SIMDABMD"], integrates: &[] },
    S { name: "Layanan Pengawasan Internal", pd: "INSPEKTORAT", typ: "administrasi", sector: "pengawasan", smart: "tata_kelola", refc: "RAL.02.09", url: None, apps: &["SIMWAS"], integrates: &[] },
    S { name: "Layanan Akuntabilitas Kinerja Instansi", pd: "SETDA", typ: "administrasi", sector: "akuntabilitas_kinerja", smart: "tata_kelola", refc: "RAL.02.10", url: None, apps: &["ESAKIP"], integrates: &[] },
    S { name: "Layanan Dokumentasi dan Informasi Hukum", pd: "SETDA", typ: "administrasi", sector: "lainnya", smart: "tata_kelola", refc: "RAL.02.99", url: Some("https://jdih.metrokota.go.id"), apps: &["JDIH"], integrates: &[] },
    S { name: "Layanan Administrasi Persidangan DPRD", pd: "SETWAN", typ: "administrasi", sector: "lainnya", smart: "tata_kelola", refc: "RAL.02.99", url: None, apps: &["EPARLEMEN"], integrates: &[] },
    S { name: "Layanan Satu Data Kota Metro", pd: "DISKOMINFO", typ: "administrasi", sector: "lainnya", smart: "tata_kelola", refc: "RAL.02.99", url: Some("https://satudata.metrokota.go.id"), apps: &["SATUDATA", "SPLP"], integrates: &[] },
    S { name: "Layanan Surel Kedinasan", pd: "DISKOMINFO", typ: "administrasi", sector: "lainnya", smart: "tata_kelola", refc: "RAL.02.99", url: None, apps: &["SUREL"], integrates: &[] },
    S { name: "Layanan Penerimaan Peserta Didik Baru", pd: "DISDIKBUD", typ: "publik", sector: "pendidikan", smart: "masyarakat", refc: "RAL.01.01", url: Some("https://ppdbmetro.id"), apps: &["PPDB"], integrates: &["Layanan Administrasi Kependudukan"] },
    S { name: "Layanan Data Pokok Pendidikan", pd: "DISDIKBUD", typ: "publik", sector: "pendidikan", smart: "masyarakat", refc: "RAL.01.01", url: None, apps: &["DAPODIK"], integrates: &[] },
    S { name: "Layanan Perpustakaan Digital", pd: "DISPUSIP", typ: "publik", sector: "pendidikan", smart: "masyarakat", refc: "RAL.01.01", url: Some("https://perpustakaan.metrokota.go.id"), apps: &["INLISLITE"], integrates: &[] },
    S { name: "Layanan Kesehatan Puskesmas", pd: "DINKES", typ: "publik", sector: "kesehatan", smart: "kehidupan", refc: "RAL.01.02", url: None, apps: &["SIKDA", "SEHATMETRO"], integrates: &[] },
    S { name: "Layanan Surveilans Gizi", pd: "DINKES", typ: "publik", sector: "kesehatan", smart: "kehidupan", refc: "RAL.01.02", url: None, apps: &["EPPGBM"], integrates: &[] },
    S { name: "Layanan Rumah Sakit Umum Daerah", pd: "RSUD-AY", typ: "publik", sector: "kesehatan", smart: "kehidupan", refc: "RAL.01.02", url: Some("https://antrean-rsud.metrokota.go.id"), apps: &["SIMRS", "ANTREAN"], integrates: &[] },
    S { name: "Layanan Bantuan Sosial", pd: "DINSOS", typ: "publik", sector: "jaminan_sosial", smart: "masyarakat", refc: "RAL.01.03", url: Some("https://bansos.metrokota.go.id"), apps: &["SIKSNG", "EBANSOS"], integrates: &["Layanan Administrasi Kependudukan"] },
    S { name: "Layanan Perlindungan Perempuan dan Anak", pd: "DPPKB", typ: "publik", sector: "jaminan_sosial", smart: "masyarakat", refc: "RAL.01.03", url: None, apps: &["SIMFONIPPA", "SIGA"], integrates: &[] },
    S { name: "Layanan Administrasi Kependudukan", pd: "DISDUKCAPIL", typ: "publik", sector: "kependudukan", smart: "masyarakat", refc: "RAL.01.04", url: Some("https://sipandu.metrokota.go.id"), apps: &["SIAK", "SIPANDU", "IKD"], integrates: &[] },
    S { name: "Layanan Perizinan Berusaha", pd: "DPMPTSP", typ: "publik", sector: "perizinan", smart: "ekonomi", refc: "RAL.01.05", url: Some("https://oss.go.id"), apps: &["OSSRBA", "SICANTIK"], integrates: &["Layanan Administrasi Kependudukan"] },
    S { name: "Layanan Persetujuan Bangunan Gedung", pd: "DPUPR", typ: "publik", sector: "perizinan", smart: "lingkungan", refc: "RAL.01.05", url: Some("https://simbg.pu.go.id"), apps: &["SIMBG", "SIPETA"], integrates: &[] },
    S { name: "Layanan Perparkiran", pd: "DISHUB", typ: "publik", sector: "transportasi", smart: "kehidupan", refc: "RAL.01.06", url: Some("https://parkir.metrokota.go.id"), apps: &["SIPARKIR"], integrates: &[] },
    S { name: "Layanan Pengujian Kendaraan Bermotor", pd: "DISHUB", typ: "publik", sector: "transportasi", smart: "kehidupan", refc: "RAL.01.06", url: None, apps: &["BLUE"], integrates: &[] },
    S { name: "Layanan Pengaduan Masyarakat", pd: "DISKOMINFO", typ: "publik", sector: "lainnya", smart: "tata_kelola,masyarakat", refc: "RAL.01.08", url: Some("https://www.lapor.go.id"), apps: &["LAPOR"], integrates: &[] },
    S { name: "Layanan Informasi Publik", pd: "DISKOMINFO", typ: "publik", sector: "lainnya", smart: "tata_kelola,branding", refc: "RAL.01.08", url: Some("https://ppid.metrokota.go.id"), apps: &["PPID", "PORTAL"], integrates: &[] },
    S { name: "Layanan Informasi Harga Kebutuhan Pokok", pd: "DISDAG", typ: "publik", sector: "lainnya", smart: "ekonomi", refc: "RAL.01.99", url: Some("https://sipasar.metrokota.go.id"), apps: &["SIPASAR"], integrates: &[] },
    S { name: "Layanan Persampahan", pd: "DLH", typ: "publik", sector: "lainnya", smart: "lingkungan", refc: "RAL.01.99", url: Some("https://retribusi-sampah.metrokota.go.id"), apps: &["ERETRIBUSI"], integrates: &[] },
];

/// One business process and the services that realise it.
struct P {
    name: &'static str,
    pd: &'static str,
    refc: &'static str,
    status: &'static str,
    legal: &'static str,
    services: &'static [&'static str],
}

#[rustfmt::skip]
const PROCESSES: &[P] = &[
    P { name: "Penyusunan Rencana Kerja Pemerintah Daerah (RKPD)", pd: "BAPPELITBANGDA", refc: "RAB.01.01", status: "ditetapkan", legal: "Permendagri 86/2017", services: &["Layanan Perencanaan Pembangunan Daerah"] },
    P { name: "Penyusunan dan Penetapan APBD", pd: "BPKAD", refc: "RAB.01.01", status: "ditetapkan", legal: "PP 12/2019 tentang Pengelolaan Keuangan Daerah", services: &["Layanan Penganggaran Daerah"] },
    P { name: "Penatausahaan dan Pertanggungjawaban Keuangan Daerah", pd: "BPKAD", refc: "RAB.01.02", status: "ditetapkan", legal: "Permendagri 77/2020", services: &["Layanan Penatausahaan Keuangan Daerah", "Layanan Pengelolaan Barang Milik Daerah"] },
    P { name: "Pemungutan Pajak Daerah", pd: "BAPENDA", refc: "RAB.01.02", status: "ditetapkan", legal: "UU 1/2022 tentang Hubungan Keuangan Pusat dan Daerah", services: &["Layanan Pajak Daerah"] },
    P { name: "Manajemen Aparatur Sipil Negara", pd: "BKPSDM", refc: "RAB.01.03", status: "ditetapkan", legal: "UU 20/2023 tentang ASN", services: &["Layanan Administrasi Kepegawaian", "Layanan Penilaian Kinerja Pegawai", "Layanan Presensi Pegawai", "Layanan Pengembangan Kompetensi ASN"] },
    P { name: "Pengawasan Penyelenggaraan Pemerintahan Daerah", pd: "INSPEKTORAT", refc: "RAB.01.04", status: "ditetapkan", legal: "PP 12/2017", services: &["Layanan Pengawasan Internal", "Layanan Akuntabilitas Kinerja Instansi"] },
    P { name: "Pelayanan Perizinan Terpadu Satu Pintu", pd: "DPMPTSP", refc: "RAB.03.01", status: "ditetapkan", legal: "PP 5/2021", services: &["Layanan Perizinan Berusaha", "Layanan Persetujuan Bangunan Gedung"] },
    P { name: "Pelayanan Kesehatan Dasar dan Rujukan", pd: "DINKES", refc: "RAB.06", status: "ditetapkan", legal: "UU 17/2023 tentang Kesehatan", services: &["Layanan Kesehatan Puskesmas", "Layanan Rumah Sakit Umum Daerah", "Layanan Surveilans Gizi"] },
    P { name: "Penyelenggaraan Pendidikan Dasar", pd: "DISDIKBUD", refc: "RAB.08", status: "ditetapkan", legal: "UU 20/2003 tentang Sistem Pendidikan Nasional", services: &["Layanan Penerimaan Peserta Didik Baru", "Layanan Data Pokok Pendidikan"] },
    P { name: "Penyaluran Bantuan dan Jaminan Sosial", pd: "DINSOS", refc: "RAB.09", status: "ditetapkan", legal: "UU 11/2009 tentang Kesejahteraan Sosial", services: &["Layanan Bantuan Sosial"] },
    P { name: "Pelayanan Administrasi Kependudukan", pd: "DISDUKCAPIL", refc: "RAB.10", status: "ditetapkan", legal: "UU 24/2013 tentang Administrasi Kependudukan", services: &["Layanan Administrasi Kependudukan"] },
    P { name: "Pengelolaan Sampah Rumah Tangga", pd: "DLH", refc: "RAB.04", status: "draf", legal: "Perda Kota Metro tentang Pengelolaan Sampah (rancangan)", services: &["Layanan Persampahan"] },
];

/// One dataset: name, producing PD, classification, format, update frequency, nature,
/// reference code, days since the last update, kept in the Pusat Data, Dinas's consent,
/// the applications that use it and the asset it is stored on.
struct D {
    name: &'static str,
    pd: &'static str,
    class: &'static str,
    format: &'static str,
    freq: &'static str,
    nature: &'static str,
    refc: &'static str,
    age: i64,
    in_pd: bool,
    consent: bool,
    apps: &'static [&'static str],
    stored_on: &'static str,
}

#[allow(clippy::too_many_arguments)]
const fn d(
    name: &'static str,
    pd: &'static str,
    class: &'static str,
    format: &'static str,
    freq: &'static str,
    nature: &'static str,
    refc: &'static str,
    age: i64,
    apps: &'static [&'static str],
    stored_on: &'static str,
) -> D {
    D {
        name,
        pd,
        class,
        format,
        freq,
        nature,
        refc,
        age,
        in_pd: true,
        consent: true,
        apps,
        stored_on,
    }
}

#[rustfmt::skip]
const DATASETS: &[D] = &[
    d("Data Penduduk per Kelurahan", "DISDUKCAPIL", "terbatas", "basis_data", "bulanan", "master", "RAD.10", 12, &["SIAK", "SIPANDU", "EBANSOS", "PPDB"], "SRV-DUKCAPIL-01"),
    d("Data Kelahiran", "DISDUKCAPIL", "terbatas", "basis_data", "bulanan", "transaksional", "RAD.10", 10, &["SIPANDU"], "SRV-DUKCAPIL-01"),
    d("Data Kematian", "DISDUKCAPIL", "terbatas", "basis_data", "bulanan", "transaksional", "RAD.10", 10, &["SIPANDU"], "SRV-DUKCAPIL-01"),
    d("Data Kepemilikan KTP-el", "DISDUKCAPIL", "terbatas", "basis_data", "bulanan", "transaksional", "RAD.10", 15, &["SIAK", "IKD"], "SRV-DUKCAPIL-01"),
    d("Jumlah Penduduk menurut Kelompok Umur dan Jenis Kelamin", "DISDUKCAPIL", "terbuka", "csv", "semesteran", "referensi", "RAD.10", 40, &["SATUDATA"], "SRV-PD-02"),
    // DAT-3: in the Pusat Data, but without the owning PD's consent.
    D { consent: false, ..d("Data Kunjungan Pasien Puskesmas", "DINKES", "terbatas", "basis_data", "bulanan", "transaksional", "RAD.06", 9, &["SIKDA"], "SRV-PD-10") },
    d("Data Status Gizi Balita", "DINKES", "terbatas", "xlsx", "bulanan", "transaksional", "RAD.06", 20, &["EPPGBM"], "SRV-PD-10"),
    d("Data Cakupan Imunisasi Dasar Lengkap", "DINKES", "terbuka", "csv", "bulanan", "transaksional", "RAD.06", 25, &["SIKDA", "SATUDATA"], "SRV-PD-10"),
    d("Data Kasus Demam Berdarah Dengue", "DINKES", "terbuka", "csv", "mingguan", "transaksional", "RAD.06", 3, &["SIKDA"], "SRV-PD-10"),
    d("Data Fasilitas Pelayanan Kesehatan", "DINKES", "terbuka", "csv", "tahunan", "referensi", "RAD.06", 200, &["SATUDATA"], "SRV-PD-02"),
    // DAT-3: RSUD keeps patient records on its own servers.
    D { in_pd: false, consent: false, ..d("Data Rekam Medis Pasien", "RSUD-AY", "rahasia", "basis_data", "harian", "transaksional", "RAD.06", 0, &["SIMRS"], "SRV-RSUD-02") },
    d("Data Ketersediaan Tempat Tidur (BOR)", "RSUD-AY", "terbuka", "api", "harian", "transaksional", "RAD.06", 0, &["SIMRS", "ANTREAN"], "SRV-RSUD-01"),
    d("Data Satuan Pendidikan", "DISDIKBUD", "terbuka", "csv", "semesteran", "referensi", "RAD.08", 60, &["DAPODIK", "PPDB"], "SRV-PD-17"),
    d("Data Peserta Didik", "DISDIKBUD", "terbatas", "basis_data", "semesteran", "master", "RAD.08", 60, &["DAPODIK", "PPDB"], "SRV-PD-17"),
    d("Data Pendidik dan Tenaga Kependidikan", "DISDIKBUD", "terbatas", "basis_data", "semesteran", "master", "RAD.08", 60, &["DAPODIK"], "SRV-PD-17"),
    d("Rekapitulasi Hasil PPDB", "DISDIKBUD", "terbuka", "xlsx", "tahunan", "transaksional", "RAD.08", 130, &["PPDB"], "SRV-PD-17"),
    d("Data Induk Pegawai ASN", "BKPSDM", "terbatas", "basis_data", "bulanan", "master", "RAD.01", 8, &["SIMPEG", "SIASN", "EABSENSI", "EKINERJA"], "SRV-PD-12"),
    d("Data Capaian Kinerja Pegawai", "BKPSDM", "terbatas", "basis_data", "bulanan", "transaksional", "RAD.01", 18, &["EKINERJA"], "SRV-PD-12"),
    d("Data Presensi Pegawai", "BKPSDM", "terbatas", "basis_data", "harian", "transaksional", "RAD.01", 0, &["EABSENSI"], "SRV-PD-12"),
    d("Data Riwayat Pelatihan ASN", "BKPSDM", "terbatas", "basis_data", "triwulanan", "transaksional", "RAD.01", 45, &["SIMDIKLAT"], "SRV-PD-12"),
    d("Data Realisasi APBD", "BPKAD", "terbuka", "xlsx", "bulanan", "transaksional", "RAD.01", 14, &["SIPD", "SP2D", "SATUDATA"], "SRV-PD-08"),
    d("Data Barang Milik Daerah", "BPKAD", "terbatas", "basis_data", "semesteran", "master", "RAD.01", 90, &["SIMDABMD"], "SRV-BPKAD-01"),
    d("Data APBD Kota Metro", "BPKAD", "terbuka", "pdf", "tahunan", "referensi", "RAD.01", 300, &["SIPD", "JDIH"], "SRV-PD-08"),
    // DAT-3: kept on Bapenda's own server.
    D { in_pd: false, ..d("Data Wajib Pajak Daerah", "BAPENDA", "rahasia", "basis_data", "bulanan", "master", "RAD.03", 6, &["SIMPATDA", "EBPHTB"], "SRV-BAPENDA-01") },
    d("Data Realisasi Pendapatan Daerah", "BAPENDA", "terbuka", "xlsx", "bulanan", "transaksional", "RAD.03", 150, &["SIMPATDA", "SATUDATA"], "SRV-PD-09"),
    d("Data Objek PBB-P2", "BAPENDA", "terbatas", "basis_data", "tahunan", "master", "RAD.03", 210, &["SISMIOP"], "SRV-BAPENDA-01"),
    d("Data Indikator Kinerja Pembangunan Daerah", "BAPPELITBANGDA", "terbuka", "xlsx", "tahunan", "referensi", "RAD.01", 250, &["EMONEV", "SATUDATA"], "SRV-PD-07"),
    d("Data Program dan Kegiatan RKPD", "BAPPELITBANGDA", "terbuka", "basis_data", "tahunan", "transaksional", "RAD.01", 180, &["SIPD", "EPLANNING", "EMONEV"], "SRV-PD-06"),
    d("Data Terpadu Kesejahteraan Sosial (DTKS)", "DINSOS", "terbatas", "basis_data", "bulanan", "master", "RAD.09", 22, &["SIKSNG", "EBANSOS"], "SRV-PD-14"),
    d("Data Penerima Bantuan Sosial Daerah", "DINSOS", "terbatas", "xlsx", "triwulanan", "transaksional", "RAD.09", 50, &["EBANSOS"], "SRV-PD-14"),
    d("Data Perizinan yang Diterbitkan", "DPMPTSP", "terbuka", "csv", "bulanan", "transaksional", "RAD.03", 11, &["OSSRBA", "SICANTIK", "SATUDATA"], "SRV-PD-02"),
    d("Data Realisasi Investasi PMDN dan PMA", "DPMPTSP", "terbuka", "xlsx", "triwulanan", "transaksional", "RAD.03", 40, &["OSSRBA"], "SRV-PD-02"),
    // DAT-2 and DAT-3: two years old, kept in spreadsheets at DPUPR.
    D { in_pd: false, ..d("Data Jalan Kota", "DPUPR", "terbuka", "xlsx", "tahunan", "referensi", "RAD.05", 800, &["SIPETA"], "") },
    d("Data Persetujuan Bangunan Gedung", "DPUPR", "terbatas", "basis_data", "bulanan", "transaksional", "RAD.05", 16, &["SIMBG"], "SRV-PD-13"),
    d("Data Titik dan Juru Parkir", "DISHUB", "terbuka", "csv", "triwulanan", "referensi", "RAD.05", 35, &["SIPARKIR"], "SRV-PD-15"),
    d("Data Uji Berkala Kendaraan Bermotor", "DISHUB", "terbatas", "basis_data", "bulanan", "transaksional", "RAD.05", 19, &["BLUE"], "SRV-PD-15"),
    d("Data Timbulan dan Pengangkutan Sampah", "DLH", "terbuka", "xlsx", "bulanan", "transaksional", "RAD.04", 21, &["ERETRIBUSI"], "SRV-PD-15"),
    d("Data Kualitas Air Sungai", "DLH", "terbuka", "csv", "semesteran", "transaksional", "RAD.04", 100, &["SATUDATA"], "SRV-PD-02"),
    d("Data Harga Kebutuhan Pokok Harian", "DISDAG", "terbuka", "api", "harian", "transaksional", "RAD.03", 20, &["SIPASAR", "COMMANDCENTER"], "SRV-PD-18"),
    d("Data Produksi Padi dan Palawija", "DPP", "terbuka", "xlsx", "triwulanan", "transaksional", "RAD.03", 200, &["SIMLUHTAN"], "SRV-PD-02"),
    d("Data Kejadian Bencana", "BPBD", "terbuka", "csv", "bulanan", "transaksional", "RAD.02", 12, &["INARISK", "EWSBANJIR"], "SRV-PD-16"),
    d("Data Produk Hukum Daerah", "SETDA", "terbuka", "pdf", "tidak_tentu", "referensi", "RAD.01", 30, &["JDIH"], "SRV-PD-01"),
    d("Kode dan Nama Wilayah Kelurahan", "DISKOMINFO", "terbuka", "csv", "tidak_tentu", "referensi", "RAD.01", 400, &["SATUDATA", "SIPAKAT", "EBANSOS"], "SRV-PD-02"),
    d("Data Titik Akses Wi-Fi Publik", "DISKOMINFO", "terbuka", "csv", "triwulanan", "referensi", "RAD.05", 30, &["SATUDATA", "COMMANDCENTER"], "SRV-PD-02"),
    d("Data Aduan Masyarakat SP4N-LAPOR!", "DISKOMINFO", "terbuka", "xlsx", "bulanan", "transaksional", "RAD.01", 7, &["LAPOR", "COMMANDCENTER"], "SRV-PD-03"),
    d("Data Pendataan Keluarga", "DPPKB", "terbatas", "basis_data", "tahunan", "master", "RAD.09", 150, &["SIGA"], "SRV-PD-02"),
    d("Data Kasus Kekerasan terhadap Perempuan dan Anak", "DPPKB", "rahasia", "xlsx", "bulanan", "transaksional", "RAD.09", 25, &["SIMFONIPPA"], "SRV-PD-02"),
    d("Data Koleksi Perpustakaan Daerah", "DISPUSIP", "terbuka", "basis_data", "bulanan", "referensi", "RAD.08", 5, &["INLISLITE"], "SRV-PD-17"),
];

/// One infrastructure asset: code, name, PD, kind, location, brand/model, specification,
/// year acquired, status and reference code.
struct I {
    code: String,
    name: String,
    pd: String,
    kind: &'static str,
    location: &'static str,
    brand: &'static str,
    spec: &'static str,
    acquired: String,
    status: &'static str,
    refc: &'static str,
    licence_expiry: Option<String>,
    connected_to: Option<&'static str>,
}

/// One domain: host, PD, purpose and the applications it serves.
struct Dm {
    host: &'static str,
    pd: &'static str,
    purpose: &'static str,
    apps: &'static [&'static str],
}

#[rustfmt::skip]
const DOMAINS: &[Dm] = &[
    Dm { host: "metrokota.go.id", pd: "DISKOMINFO", purpose: "website", apps: &["PORTAL"] },
    Dm { host: "diskominfo.metrokota.go.id", pd: "DISKOMINFO", purpose: "website", apps: &[] },
    Dm { host: "mail.metrokota.go.id", pd: "DISKOMINFO", purpose: "surel", apps: &["SUREL"] },
    Dm { host: "satudata.metrokota.go.id", pd: "DISKOMINFO", purpose: "layanan", apps: &["SATUDATA"] },
    Dm { host: "ppid.metrokota.go.id", pd: "DISKOMINFO", purpose: "layanan", apps: &["PPID"] },
    Dm { host: "api.metrokota.go.id", pd: "DISKOMINFO", purpose: "aplikasi", apps: &["SPLP"] },
    Dm { host: "commandcenter.metrokota.go.id", pd: "DISKOMINFO", purpose: "aplikasi", apps: &["COMMANDCENTER"] },
    Dm { host: "setda.metrokota.go.id", pd: "SETDA", purpose: "website", apps: &[] },
    Dm { host: "jdih.metrokota.go.id", pd: "SETDA", purpose: "layanan", apps: &["JDIH"] },
    Dm { host: "lpse.metrokota.go.id", pd: "SETDA", purpose: "layanan", apps: &["SPSE"] },
    Dm { host: "esakip.metrokota.go.id", pd: "SETDA", purpose: "aplikasi", apps: &["ESAKIP"] },
    Dm { host: "dprd.metrokota.go.id", pd: "SETWAN", purpose: "website", apps: &[] },
    Dm { host: "eparlemen.metrokota.go.id", pd: "SETWAN", purpose: "aplikasi", apps: &["EPARLEMEN"] },
    Dm { host: "inspektorat.metrokota.go.id", pd: "INSPEKTORAT", purpose: "website", apps: &["SIMWAS"] },
    Dm { host: "bappelitbangda.metrokota.go.id", pd: "BAPPELITBANGDA", purpose: "website", apps: &["EPLANNING", "EMONEV"] },
    Dm { host: "disdikbud.metrokota.go.id", pd: "DISDIKBUD", purpose: "website", apps: &[] },
    Dm { host: "ppdbmetro.id", pd: "DISDIKBUD", purpose: "layanan", apps: &["PPDB"] },
    Dm { host: "dinkes-metro.com", pd: "DINKES", purpose: "website", apps: &[] },
    Dm { host: "sikdametro.go.id", pd: "DINKES", purpose: "aplikasi", apps: &["SIKDA"] },
    Dm { host: "disdukcapil.metrokota.go.id", pd: "DISDUKCAPIL", purpose: "website", apps: &[] },
    Dm { host: "sipandu.metrokota.go.id", pd: "DISDUKCAPIL", purpose: "layanan", apps: &["SIPANDU"] },
    Dm { host: "bkpsdm.metrokota.go.id", pd: "BKPSDM", purpose: "website", apps: &[] },
    Dm { host: "simpeg.metrokota.go.id", pd: "BKPSDM", purpose: "aplikasi", apps: &["SIMPEG", "EABSENSI", "SIMDIKLAT"] },
    Dm { host: "dpmptsp.metrokota.go.id", pd: "DPMPTSP", purpose: "website", apps: &[] },
    Dm { host: "bpkad.metrokota.go.id", pd: "BPKAD", purpose: "website", apps: &["SP2D"] },
    Dm { host: "bapenda.metrokota.go.id", pd: "BAPENDA", purpose: "website", apps: &["SIMPATDA", "EBPHTB"] },
    Dm { host: "dinsos.metrokota.go.id", pd: "DINSOS", purpose: "website", apps: &["EBANSOS"] },
    Dm { host: "dpupr.metrokota.go.id", pd: "DPUPR", purpose: "website", apps: &["SIPETA"] },
    Dm { host: "dishub.metrokota.go.id", pd: "DISHUB", purpose: "website", apps: &["SIPARKIR"] },
    Dm { host: "dlh.metrokota.go.id", pd: "DLH", purpose: "website", apps: &["ERETRIBUSI"] },
    Dm { host: "satpolpp.metrokota.go.id", pd: "SATPOLPP", purpose: "website", apps: &["SITRANTIB"] },
    Dm { host: "bpbd.metrokota.go.id", pd: "BPBD", purpose: "website", apps: &["EWSBANJIR"] },
    Dm { host: "disdag.metrokota.go.id", pd: "DISDAG", purpose: "website", apps: &["SIPASAR"] },
    Dm { host: "distanpangan.metrokota.go.id", pd: "DPP", purpose: "website", apps: &[] },
    Dm { host: "dispusip.metrokota.go.id", pd: "DISPUSIP", purpose: "website", apps: &["INLISLITE"] },
    Dm { host: "rsudayani.metrokota.go.id", pd: "RSUD-AY", purpose: "website", apps: &[] },
    Dm { host: "antrean-rsud.metrokota.go.id", pd: "RSUD-AY", purpose: "layanan", apps: &["ANTREAN"] },
    Dm { host: "sipakat.metrokota.go.id", pd: "KEC-METROPUSAT", purpose: "aplikasi", apps: &["SIPAKAT"] },
    Dm { host: "sipora.metrokota.go.id", pd: "DISPORA", purpose: "aplikasi", apps: &["SIPORA"] },
];

/// LAN diagrams: PD and the years it submitted one (0 = this year, 1 = last year, …) with
/// the status of each. PDs not listed never submitted one.
const LAN_DIAGRAMS: &[(&str, &[(i32, &str)])] = &[
    ("DISKOMINFO", &[(1, "diterima"), (0, "diterima")]),
    ("SETDA", &[(0, "diterima")]),
    ("INSPEKTORAT", &[(0, "diterima")]),
    ("BAPPELITBANGDA", &[(1, "diterima"), (0, "diterima")]),
    ("DISDIKBUD", &[(0, "diterima")]),
    (
        "DISDUKCAPIL",
        &[(2, "diterima"), (1, "diterima"), (0, "diterima")],
    ),
    ("BKPSDM", &[(0, "diterima")]),
    ("DPMPTSP", &[(0, "diterima")]),
    ("BPKAD", &[(1, "diterima"), (0, "diterima")]),
    ("BAPENDA", &[(0, "diterima")]),
    ("DINSOS", &[(0, "diajukan")]),
    ("DPUPR", &[(0, "diterima")]),
    ("DISDAG", &[(0, "diajukan")]),
    ("DISPUSIP", &[(0, "diterima")]),
    ("RSUD-AY", &[(1, "ditolak"), (0, "diterima")]),
    ("KEC-METROPUSAT", &[(0, "diterima")]),
    // INF-5: only an old diagram.
    ("DINKES", &[(1, "diterima")]),
    ("DLH", &[(1, "diterima")]),
    ("DPP", &[(1, "diterima")]),
    ("KEC-METROUTARA", &[(1, "diterima")]),
    ("DISHUB", &[(2, "diterima")]),
    ("BPBD", &[(2, "diterima")]),
    ("SATPOLPP", &[(3, "diterima")]),
];

/// Backup reports: PD, days ago of each report, whether it went to the Pusat Data, and
/// whether the latest one failed. PDs not listed never reported a backup.
const BACKUPS: &[(&str, &[i64], bool, bool)] = &[
    ("DISKOMINFO", &[2, 9, 16, 23], true, false),
    ("DISDUKCAPIL", &[5, 35], true, false),
    ("BPKAD", &[6, 37], true, false),
    ("BAPENDA", &[12], true, false),
    ("BKPSDM", &[8], true, false),
    ("DINKES", &[14], true, false),
    ("DISDIKBUD", &[20], true, false),
    ("DPMPTSP", &[18], true, false),
    ("BAPPELITBANGDA", &[25], true, false),
    ("SETDA", &[11], true, false),
    ("INSPEKTORAT", &[27], true, false),
    // DAT-7: backups to its own NAS, the latest failed.
    ("RSUD-AY", &[3, 33], false, true),
    // DAT-7: nothing recent.
    ("DINSOS", &[210], true, false),
    ("DPUPR", &[260], true, false),
    ("DISHUB", &[400], true, false),
];

const LAN_CHANGES: &[(&str, &str, i64, &str)] = &[
    (
        "DISKOMINFO",
        "Penggantian core switch Pusat Data",
        45,
        "Core switch lama (Cisco Catalyst 4500) diganti dua unit core switch baru secara redundan; VLAN dan alamat IP tidak berubah.",
    ),
    (
        "DISDUKCAPIL",
        "Penambahan titik akses nirkabel ruang pelayanan",
        80,
        "Tiga access point baru di ruang pelayanan dan ruang tunggu, SSID tamu dipisahkan dari jaringan kerja (VLAN 30).",
    ),
    (
        "RSUD-AY",
        "Segmentasi jaringan SIMRS",
        120,
        "Server dan klien SIMRS dipindahkan ke VLAN tersendiri dengan firewall internal; akses dari jaringan tamu ditutup.",
    ),
];

fn fmt_date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn assets() -> Vec<I> {
    let mut out = Vec::new();
    let mut add = |code: &str,
                   name: &str,
                   pd: &str,
                   kind: &'static str,
                   location: &'static str,
                   brand: &'static str,
                   spec: &'static str,
                   year: i32,
                   status: &'static str,
                   refc: &'static str| {
        out.push(I {
            code: code.to_owned(),
            name: name.to_owned(),
            pd: pd.to_owned(),
            kind,
            location,
            brand,
            spec,
            acquired: format!("{year}-03-15"),
            status,
            refc,
            licence_expiry: None,
            connected_to: None,
        });
    };
    add(
        "RPD-01",
        "Ruang Pusat Data Kota Metro (Gedung Diskominfo lantai 2)",
        "DISKOMINFO",
        "ruang_pusat_data",
        "pusat_data",
        "Tier II, 12 rak",
        "Lantai raised floor, pendingin presisi 2x 10 PK, pemadam gas FM-200, kontrol akses kartu",
        2019,
        "operasi",
        "RAI.01.01",
    );
    add(
        "RDRC-01",
        "Ruang Disaster Recovery Center (Kantor Kecamatan Metro Timur)",
        "DISKOMINFO",
        "ruang_pusat_data",
        "drc",
        "4 rak",
        "Pendingin 2x 5 PK, genset 30 kVA bersama, replikasi harian dari Pusat Data",
        2022,
        "operasi",
        "RAI.01.01",
    );
    add(
        "NOC-01",
        "Network Operation Center Diskominfo",
        "DISKOMINFO",
        "noc",
        "pusat_data",
        "Video wall 2x3",
        "Pemantauan jaringan intra dan layanan 24 jam (Zabbix, LibreNMS)",
        2021,
        "operasi",
        "RAI.02.01",
    );
    for i in 1..=4 {
        let status = if i == 4 { "perencanaan" } else { "operasi" };
        add(
            &format!("UPS-PD-0{i}"),
            &format!("UPS 20 kVA Pusat Data #{i}"),
            "DISKOMINFO",
            "ups",
            "pusat_data",
            "APC Smart-UPS VT 20kVA",
            "20 kVA, baterai 30 menit pada beban penuh",
            2019 + i,
            status,
            "RAI.01.01",
        );
    }
    add(
        "UPS-DRC-01",
        "UPS 10 kVA Disaster Recovery Center",
        "DISKOMINFO",
        "ups",
        "drc",
        "Eaton 9SX 10kVA",
        "10 kVA, baterai 45 menit",
        2022,
        "operasi",
        "RAI.01.01",
    );
    let models = [
        (
            "Dell PowerEdge R750",
            "2x Intel Xeon Silver 4314, RAM 256 GB, 8x SSD 1,92 TB, 4x 10 GbE",
        ),
        (
            "HPE ProLiant DL380 Gen10",
            "2x Intel Xeon Gold 5218, RAM 192 GB, 6x SSD 960 GB, 4x 10 GbE",
        ),
        (
            "Lenovo ThinkSystem SR650",
            "2x Intel Xeon Silver 4210R, RAM 128 GB, 8x HDD 2,4 TB SAS",
        ),
    ];
    for i in 1..=20 {
        let (brand, spec) = models[i % 3];
        let status = if i >= 20 { "pengadaan" } else { "operasi" };
        add(
            &format!("SRV-PD-{i:02}"),
            &format!("Server Pusat Data {i:02} ({brand})"),
            "DISKOMINFO",
            "server",
            "pusat_data",
            brand,
            spec,
            2018 + (i as i32 % 8),
            status,
            "RAI.01.02",
        );
    }
    for i in 1..=3 {
        add(
            &format!("SRV-DRC-0{i}"),
            &format!("Server Replikasi DRC 0{i}"),
            "DISKOMINFO",
            "server",
            "drc",
            "Dell PowerEdge R650",
            "2x Intel Xeon Silver 4310, RAM 128 GB, 4x HDD 4 TB",
            2022,
            "operasi",
            "RAI.01.02",
        );
    }
    add(
        "STG-PD-01",
        "Storage SAN Pusat Data",
        "DISKOMINFO",
        "server",
        "pusat_data",
        "Dell PowerVault ME5024",
        "24x SSD 3,84 TB, iSCSI 25 GbE, kapasitas efektif 60 TB",
        2023,
        "operasi",
        "RAI.01.02",
    );
    add(
        "SPL-01",
        "Server Sistem Penghubung Layanan",
        "DISKOMINFO",
        "server",
        "pusat_data",
        "HPE ProLiant DL360 Gen10",
        "2x Intel Xeon Silver 4208, RAM 128 GB",
        2022,
        "operasi",
        "RAI.03",
    );
    add(
        "SRV-LAMA-01",
        "Server lama aplikasi e-Office (IBM System x3650 M4)",
        "DISKOMINFO",
        "server",
        "pusat_data",
        "IBM System x3650 M4",
        "2x Intel Xeon E5-2620, RAM 64 GB",
        2013,
        "operasi",
        "RAI.01.02",
    );
    add(
        "CORE-01",
        "Core switch Pusat Data 01",
        "DISKOMINFO",
        "router_switch",
        "pusat_data",
        "Cisco Catalyst 9500-24Y4C",
        "24x 25 GbE, 4x 100 GbE, StackWise Virtual",
        2025,
        "operasi",
        "RAI.02.01",
    );
    add(
        "CORE-02",
        "Core switch Pusat Data 02",
        "DISKOMINFO",
        "router_switch",
        "pusat_data",
        "Cisco Catalyst 9500-24Y4C",
        "24x 25 GbE, 4x 100 GbE, StackWise Virtual",
        2025,
        "operasi",
        "RAI.02.01",
    );
    add(
        "FW-01",
        "Firewall perimeter Pusat Data",
        "DISKOMINFO",
        "router_switch",
        "pusat_data",
        "Fortinet FortiGate 600E",
        "Throughput firewall 36 Gbps, IPS, SSL inspection",
        2021,
        "operasi",
        "RAI.02.01",
    );
    add(
        "FO-01",
        "Jaringan serat optik backbone ring Kota Metro",
        "DISKOMINFO",
        "media_jaringan",
        "pusat_data",
        "Kabel FO single mode 48 core",
        "Ring 32 km menghubungkan kantor Pemkot, 22 kantor PD dan 5 kecamatan",
        2020,
        "operasi",
        "RAI.02.01",
    );
    add(
        "FO-02",
        "Jaringan radio link kelurahan",
        "DISKOMINFO",
        "media_jaringan",
        "pd",
        "Ubiquiti airFiber 5XHD",
        "22 kelurahan, 5 GHz point-to-multipoint",
        2021,
        "operasi",
        "RAI.02.01",
    );
    add(
        "FO-03",
        "Perluasan jaringan serat optik ke puskesmas",
        "DISKOMINFO",
        "media_jaringan",
        "pd",
        "Kabel FO single mode 24 core",
        "11 puskesmas, 18 km",
        2026,
        "perencanaan",
        "RAI.02.01",
    );
    add(
        "BW-01",
        "Bandwidth internet 2 Gbps (penyedia utama)",
        "DISKOMINFO",
        "bandwidth",
        "pusat_data",
        "Dedicated 1:1",
        "2 Gbps simetris, SLA 99,5%",
        2026,
        "operasi",
        "RAI.02.01",
    );
    add(
        "BW-02",
        "Bandwidth internet 500 Mbps (penyedia cadangan)",
        "DISKOMINFO",
        "bandwidth",
        "pusat_data",
        "Dedicated 1:1",
        "500 Mbps simetris, jalur fisik berbeda",
        2026,
        "operasi",
        "RAI.02.01",
    );
    for (code, name, pd, brand, spec, year) in [
        (
            "SRV-RSUD-01",
            "Server aplikasi SIMRS",
            "RSUD-AY",
            "HPE ProLiant DL380 Gen10",
            "2x Intel Xeon Silver 4214, RAM 128 GB",
            2019,
        ),
        (
            "SRV-RSUD-02",
            "Server basis data SIMRS",
            "RSUD-AY",
            "HPE ProLiant DL380 Gen10",
            "2x Intel Xeon Gold 5218, RAM 256 GB, RAID 10",
            2019,
        ),
        (
            "SRV-DUKCAPIL-01",
            "Server layanan daring Disdukcapil",
            "DISDUKCAPIL",
            "Dell PowerEdge R740",
            "2x Intel Xeon Silver 4210, RAM 128 GB",
            2021,
        ),
        (
            "SRV-BPKAD-01",
            "Server SIMDA BMD",
            "BPKAD",
            "Lenovo ThinkSystem SR550",
            "2x Intel Xeon Silver 4110, RAM 64 GB, SQL Server",
            2018,
        ),
        (
            "SRV-BAPENDA-01",
            "Server SISMIOP dan basis data pajak",
            "BAPENDA",
            "Dell PowerEdge R540",
            "2x Intel Xeon Silver 4114, RAM 96 GB, Oracle Database",
            2017,
        ),
    ] {
        add(
            code,
            name,
            pd,
            "server",
            "pd",
            brand,
            spec,
            year,
            "operasi",
            "RAI.01.02",
        );
    }
    for (code, name, pd, brand, year) in [
        (
            "LIC-01",
            "Lisensi VMware vSphere Enterprise Plus (16 CPU)",
            "DISKOMINFO",
            "Broadcom VMware",
            2024,
        ),
        (
            "LIC-02",
            "Lisensi Microsoft Windows Server Datacenter (8 server)",
            "DISKOMINFO",
            "Microsoft",
            2023,
        ),
        (
            "LIC-03",
            "Lisensi antivirus endpoint (500 perangkat)",
            "DISKOMINFO",
            "ESET PROTECT Entry",
            2024,
        ),
        (
            "LIC-04",
            "Lisensi Microsoft SQL Server Standard (SIMDA)",
            "BPKAD",
            "Microsoft",
            2018,
        ),
        (
            "LIC-05",
            "Lisensi Oracle Database Standard Edition 2 (pajak daerah)",
            "BAPENDA",
            "Oracle",
            2017,
        ),
        (
            "LIC-06",
            "Lisensi Microsoft 365 Business Standard (300 pengguna)",
            "DISKOMINFO",
            "Microsoft",
            2025,
        ),
        (
            "LIC-07",
            "Sertifikat SSL wildcard *.metrokota.go.id",
            "DISKOMINFO",
            "Sectigo",
            2025,
        ),
        (
            "LIC-08",
            "Lisensi FortiGate UTM Protection Bundle",
            "DISKOMINFO",
            "Fortinet",
            2024,
        ),
    ] {
        add(
            code,
            name,
            pd,
            "lisensi_perangkat_lunak",
            "pusat_data",
            brand,
            "Berlangganan tahunan",
            year,
            "operasi",
            "RAI.05",
        );
    }
    out
}

impl App {
    /// Seeds the Kota Metro demo catalogue as `actor` (the demo system actor). Called once by
    /// [`App::seed_demo`] right after the Perangkat Daerah exist.
    pub async fn seed_demo_catalogue(&self, actor: &Actor) -> Result<CatalogueSeedReport> {
        self.ensure_ref_codes().await?;
        let pds: HashMap<String, PdId> = self
            .all_pds(actor)
            .await?
            .into_iter()
            .map(|p| (p.code, p.id))
            .collect();
        let mut s = Seeder {
            app: self,
            actor,
            pds,
            ids: HashMap::new(),
            today: simpul_domain::now_utc().date(),
            report: CatalogueSeedReport::default(),
        };
        s.run().await?;
        Ok(s.report)
    }
}

struct Seeder<'a> {
    app: &'a App,
    actor: &'a Actor,
    pds: HashMap<String, PdId>,
    /// Records by key: application and asset codes, service, process and dataset names, hosts.
    ids: HashMap<String, RecordId>,
    today: time::Date,
    report: CatalogueSeedReport,
}

impl Seeder<'_> {
    fn pd(&self, code: &str) -> Result<PdId> {
        self.pds
            .get(code)
            .copied()
            .ok_or_else(|| AppError::Internal(format!("demo catalogue: unknown PD {code}")))
    }

    fn ago(&self, days: i64) -> String {
        fmt_date(self.today - time::Duration::days(days))
    }

    /// A date in `year`, on `month`/`day` or today if that is later than today.
    fn in_year(&self, year: i32, month: u8, day: u8) -> String {
        let m = time::Month::try_from(month).unwrap_or(time::Month::January);
        let d = time::Date::from_calendar_date(year, m, day).unwrap_or(self.today);
        fmt_date(d.min(self.today))
    }

    #[allow(clippy::too_many_arguments)]
    async fn add(
        &mut self,
        key: &str,
        kind: EntityKind,
        pd: &str,
        name: &str,
        code: Option<&str>,
        status: &str,
        refc: Option<&str>,
        desc: Option<&str>,
        data: Value,
    ) -> Result<RecordId> {
        let input = RecordInput {
            pd_id: self.pd(pd)?.to_string(),
            name: name.to_owned(),
            code: code.map(str::to_owned),
            status: status.to_owned(),
            ref_code: refc.map(str::to_owned),
            description: desc.map(str::to_owned),
            data: obj(data),
        };
        let r = self.app.create_record(self.actor, kind, &input).await?;
        self.report.records += 1;
        if !key.is_empty() {
            self.ids.insert(key.to_owned(), r.id);
        }
        Ok(r.id)
    }

    async fn link(&mut self, from: &str, to: &str) -> Result<()> {
        let id = |k: &str| {
            self.ids
                .get(k)
                .copied()
                .ok_or_else(|| AppError::Internal(format!("demo catalogue: no record {k}")))
        };
        let (a, b) = (id(from)?, id(to)?);
        self.app.link_records(self.actor, a, b).await?;
        self.report.links += 1;
        Ok(())
    }

    async fn run(&mut self) -> Result<()> {
        self.assets().await?;
        self.applications().await?;
        self.datasets().await?;
        self.services().await?;
        self.processes().await?;
        self.domains().await?;
        self.lan_and_backups().await?;
        Ok(())
    }

    async fn assets(&mut self) -> Result<()> {
        let mut list = assets();
        let pd_codes: Vec<String> = {
            let mut v: Vec<String> = self.pds.keys().cloned().collect();
            v.sort();
            v
        };
        for (i, code) in pd_codes.iter().enumerate() {
            let short = code.replace('-', " ");
            list.push(I {
                code: format!("RTR-{code}"),
                name: format!("Router dan switch LAN {short}"),
                pd: code.clone(),
                kind: "router_switch",
                location: "pd",
                brand: if i % 2 == 0 {
                    "MikroTik CCR2004 + CRS326"
                } else {
                    "Cisco ISR 1100 + Catalyst 1000"
                },
                spec: "Router ke jaringan intra, switch akses 24 port PoE",
                acquired: format!("{}-06-01", 2019 + (i as i32 % 6)),
                status: "operasi",
                refc: "RAI.02.02",
                licence_expiry: None,
                connected_to: Some(if i % 2 == 0 { "CORE-01" } else { "CORE-02" }),
            });
            list.push(I {
                code: format!("PC-{code}"),
                name: format!("Komputer kerja {short} ({} unit)", 8 + (i * 7) % 40),
                pd: code.clone(),
                kind: "komputer",
                location: "pd",
                brand: "PC desktop dan laptop (campuran)",
                spec: "Intel Core i5, RAM 8–16 GB, Windows 10/11",
                acquired: format!("{}-02-01", 2018 + (i as i32 % 8)),
                status: "operasi",
                refc: "RAI.04",
                licence_expiry: None,
                connected_to: None,
            });
        }
        for a in &mut list {
            if a.kind == "lisensi_perangkat_lunak" {
                // LIC-03 expired two months ago; the others run into next year.
                a.licence_expiry = Some(if a.code == "LIC-03" {
                    self.ago(60)
                } else {
                    format!("{}-12-31", self.today.year() + 1)
                });
            }
            if a.code.starts_with("CORE-") {
                a.connected_to = Some("FW-01");
            }
        }
        for a in &list {
            let mut data = json!({
                "asset_kind": a.kind,
                "location": a.location,
                "brand_model": a.brand,
                "specification": a.spec,
                "acquired_on": a.acquired,
                "serial_number": format!("MTR-{}-{}", a.acquired.get(..4).unwrap_or(""), a.code),
            });
            if let Some(e) = &a.licence_expiry {
                data["licence_expiry"] = json!(e);
            }
            self.add(
                &a.code,
                EntityKind::Asset,
                &a.pd,
                &a.name,
                Some(&a.code),
                a.status,
                Some(a.refc),
                None,
                data,
            )
            .await?;
        }
        for a in &list {
            if let Some(to) = a.connected_to {
                self.link(&a.code, to).await?;
            }
        }
        let old = self.ids["SRV-LAMA-01"];
        self.app
            .retire_record(
                self.actor,
                old,
                Some("Rusak berat dan tidak didukung pabrikan; diusulkan penghapusan BMD"),
            )
            .await?;
        Ok(())
    }

    async fn applications(&mut self) -> Result<()> {
        for a in APPS {
            let mut data = json!({
                "app_type": a.app_type,
                "audience": a.audience,
                "developer": a.developer,
                "via_dinas": a.via_dinas,
                "source_model": a.source,
                "platform": a.platform,
                "function_label": a.function,
                "hosting": a.hosting,
                "funding": a.funding,
            });
            let set = |data: &mut Value, k: &str, v: Value| data[k] = v;
            if let Some(c) = a.complexity {
                set(&mut data, "complexity", json!(c));
            }
            if let Some(l) = a.licence {
                set(&mut data, "licence", json!(l));
            }
            if let Some(u) = a.url {
                set(&mut data, "url", json!(u));
            }
            if let Some(op) = a.operating_pd {
                set(&mut data, "operating_pd", json!(self.pd(op)?.to_string()));
            }
            if let Some((from, basis)) = a.shared {
                set(&mut data, "shared_from", json!(from));
                set(&mut data, "shared_legal_basis", json!(basis));
            }
            if a.source == "tertutup" && a.shared.is_none() && a.kominfo_ref {
                set(
                    &mut data,
                    "kominfo_consideration_ref",
                    json!(format!(
                        "B-{}/M.KOMINFO/AP.01.02/{}",
                        100 + a.code.len() * 37,
                        &a.since[..4]
                    )),
                );
                set(&mut data, "kominfo_consideration_date", json!(a.since));
            }
            let production = a.status == "produksi";
            if production && a.sla {
                set(
                    &mut data,
                    "sla_ref",
                    json!(format!(
                        "SLA {}/DISKOMINFO/{}",
                        a.code,
                        self.today.year() - 1
                    )),
                );
            }
            if production || a.retired.is_some() {
                set(&mut data, "operating_since", json!(a.since));
                match a.monev {
                    Monev::Days(n) => set(
                        &mut data,
                        "last_monev_date",
                        json!(self.ago(n + (a.code.len() as i64 * 11) % 90)),
                    ),
                    Monev::Old => set(
                        &mut data,
                        "last_monev_date",
                        json!(self.ago(400 + a.code.len() as i64 * 20)),
                    ),
                    Monev::Missing => {}
                }
            }
            self.add(
                a.code,
                EntityKind::Application,
                a.pd,
                a.name,
                Some(a.code),
                a.status,
                Some(a.refc),
                Some(a.desc),
                data,
            )
            .await?;
            for asset in a.runs_on {
                self.link(a.code, asset).await?;
            }
            if let Some(reason) = a.retired {
                let id = self.ids[a.code];
                self.app.retire_record(self.actor, id, Some(reason)).await?;
            }
        }
        // Integrations between applications (APP-17).
        for (from, to) in [
            ("SIPANDU", "SIAK"),
            ("EBANSOS", "SIKSNG"),
            ("SIMPEG", "SIASN"),
            ("EABSENSI", "SIMPEG"),
            ("ANTREAN", "SIMRS"),
            ("SATUDATA", "SPLP"),
            ("SP2D", "SIPD"),
            ("COMMANDCENTER", "SPLP"),
        ] {
            self.link(from, to).await?;
        }
        Ok(())
    }

    async fn datasets(&mut self) -> Result<()> {
        for ds in DATASETS {
            let (in_pd, consent) = (ds.in_pd, ds.consent);
            let mut data = json!({
                "walidata": "Bidang Statistik, Dinas Komunikasi dan Informatika Kota Metro",
                "classification": ds.class,
                "format": ds.format,
                "update_frequency": ds.freq,
                "last_updated": self.ago(ds.age),
                "in_pusat_data": in_pd,
                "dinas_consent": consent && in_pd,
                "nature": ds.nature,
            });
            if ds.nature != "transaksional" {
                data["standard"] =
                    json!("Standar Data Statistik Sektoral (BPS) dan Kode Wilayah Kemendagri");
            }
            let desc = format!("Produsen data: {}.", ds.pd);
            self.add(
                ds.name,
                EntityKind::Dataset,
                ds.pd,
                ds.name,
                None,
                "aktif",
                Some(ds.refc),
                Some(&desc),
                data,
            )
            .await?;
            if !ds.stored_on.is_empty() {
                self.link(ds.name, ds.stored_on).await?;
            }
            for app in ds.apps {
                self.link(app, ds.name).await?;
            }
        }
        Ok(())
    }

    async fn services(&mut self) -> Result<()> {
        for sv in SERVICES {
            let mut data =
                json!({"service_type": sv.typ, "sector": sv.sector, "smart_city": sv.smart});
            if let Some(u) = sv.url {
                data["url"] = json!(u);
            }
            self.add(
                sv.name,
                EntityKind::Service,
                sv.pd,
                sv.name,
                None,
                "operasi",
                Some(sv.refc),
                None,
                data,
            )
            .await?;
            for app in sv.apps {
                self.link(sv.name, app).await?;
            }
        }
        for sv in SERVICES {
            for other in sv.integrates {
                self.link(sv.name, other).await?;
            }
        }
        Ok(())
    }

    async fn processes(&mut self) -> Result<()> {
        for p in PROCESSES {
            self.add(
                p.name,
                EntityKind::BusinessProcess,
                p.pd,
                p.name,
                None,
                p.status,
                Some(p.refc),
                None,
                json!({"legal_basis": p.legal}),
            )
            .await?;
            for sv in p.services {
                self.link(p.name, sv).await?;
            }
        }
        Ok(())
    }

    async fn domains(&mut self) -> Result<()> {
        for dm in DOMAINS {
            self.add(
                dm.host,
                EntityKind::Domain,
                dm.pd,
                dm.host,
                None,
                "aktif",
                None,
                None,
                json!({"host": dm.host, "purpose": dm.purpose}),
            )
            .await?;
            for app in dm.apps {
                self.link(dm.host, app).await?;
            }
        }
        Ok(())
    }

    async fn lan_and_backups(&mut self) -> Result<()> {
        let year = self.today.year();
        for (i, (pd, years)) in LAN_DIAGRAMS.iter().enumerate() {
            for (back, status) in years.iter() {
                let y = year - back;
                let submitted = self.in_year(y, 1 + (i % 9) as u8, 5 + (i % 20) as u8);
                let name = format!("Diagram LAN {pd} {y}");
                self.add(
                    "",
                    EntityKind::LanDiagram,
                    pd,
                    &name,
                    None,
                    status,
                    None,
                    None,
                    json!({"year": y, "submitted_on": submitted}),
                )
                .await?;
            }
        }
        for (pd, title, days, summary) in LAN_CHANGES {
            let changed = self.ago(*days);
            self.add(
                "",
                EntityKind::LanChange,
                pd,
                title,
                None,
                "dilaporkan",
                None,
                None,
                json!({"changed_on": changed, "summary": summary}),
            )
            .await?;
        }
        for (pd, days, to_pusat_data, latest_failed) in BACKUPS {
            for (n, d) in days.iter().enumerate() {
                let date = self.ago(*d);
                let result = if n == 0 && *latest_failed {
                    "gagal"
                } else {
                    "berhasil"
                };
                let name = format!("Laporan backup {pd} {date}");
                let volume = format!("{} GB", 20 + (d * 7) % 180);
                self.add("", EntityKind::BackupReport, pd, &name, None, "dilaporkan", None, None, json!({"backup_date": date, "result": result, "to_pusat_data": to_pusat_data, "volume": volume}))
                    .await?;
            }
        }
        Ok(())
    }
}
