//! `simpul demo --scale N`: a synthetic province of N kabupaten for benchmarks, each with
//! about 2,000 applications and 20,000 infrastructure assets plus services, business
//! processes, datasets, domains, LAN diagrams, backup reports and their links in the
//! proportions of a real region, spread over 30 Perangkat Daerah.
//!
//! Regions are `sintetis01`, `sintetis02`, … ("Kabupaten Sintetis 01", kode wilayah `99.01`,
//! domain `sintetis01kab.go.id`), each with an administrator account `admin.sintetis01`
//! (password [`crate::demo::DEMO_PASSWORD`]). Generation is deterministic: region `r` always
//! gets the same names, fields and links (xorshift seeded with `r`; ids are UUID v7 built from
//! the same generator); only the dates follow the day of generation.
//!
//! Loading bypasses the per-record use cases for speed: every record is still validated by
//! [`RecordInput::validate`] and its search text computed by
//! [`records::stored_search_text`](simpul_store::records::stored_search_text) (in
//! [`bulk::insert_records`]), but a
//! region is written with multi-row INSERTs in one transaction ([`simpul_store::bulk`]) that
//! also appends ONE audit entry summarising what was generated, so the audit chain stays
//! valid; at the end the planner statistics are refreshed ([`bulk::optimize`]). Regions that
//! already exist are skipped, so `--scale 25` after `--scale 10` adds 11–25.

use crate::{Actor, App, AppError, Result};
use serde_json::{json, Map, Value};
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::ids::{PdId, RecordId, RegionId};
use simpul_domain::org::{PdInput, ValidPd};
use simpul_domain::user::UserInput;
use simpul_store::bulk::{self, BulkLink, BulkRecord, SyntheticRegion};
use simpul_store::{audit, commit};
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

/// How much one synthetic region holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleSpec {
    pub applications: usize,
    pub services: usize,
    pub processes: usize,
    pub datasets: usize,
    pub assets: usize,
    pub domains: usize,
}

impl ScaleSpec {
    /// The benchmark size of one region.
    pub const REGION: ScaleSpec = ScaleSpec {
        applications: 2_000,
        services: 1_500,
        processes: 250,
        datasets: 2_000,
        assets: 20_000,
        domains: 1_200,
    };

    /// The same proportions, divided by `d` (for tests).
    pub fn divided_by(self, d: usize) -> ScaleSpec {
        let f = |n: usize| (n / d).max(2);
        ScaleSpec {
            applications: f(self.applications),
            services: f(self.services),
            processes: f(self.processes),
            datasets: f(self.datasets),
            assets: f(self.assets),
            domains: f(self.domains),
        }
    }
}

/// What happened to one synthetic region.
#[derive(Debug, Clone)]
pub struct RegionLoad {
    pub region: RegionId,
    /// False when the region already existed and was left alone.
    pub created: bool,
    pub records: usize,
    pub links: usize,
    /// Time to generate (in parallel with the previous region's insert) and to write.
    pub generate: Duration,
    pub write: Duration,
}

/// The slug of synthetic region `r` (1-based).
pub fn synthetic_slug(r: u32) -> String {
    format!("sintetis{r:02}")
}

/// The administrator account of synthetic region `r`.
pub fn synthetic_admin(r: u32) -> String {
    format!("admin.{}", synthetic_slug(r))
}

impl App {
    /// Creates synthetic regions `1..=n` that do not exist yet, calling `progress` after each.
    pub async fn seed_scale(
        &self,
        n: u32,
        spec: ScaleSpec,
        mut progress: impl FnMut(&RegionLoad),
    ) -> Result<Vec<RegionLoad>> {
        let today = simpul_domain::now_utc();
        let mut out = Vec::new();
        let mut todo = Vec::new();
        for r in 1..=n {
            let region = RegionId::parse(&synthetic_slug(r)).map_err(AppError::Internal)?;
            if simpul_store::regions::get(&mut *self.store.read().await?, &region)
                .await?
                .is_some()
            {
                let load = RegionLoad {
                    region,
                    created: false,
                    records: 0,
                    links: 0,
                    generate: Duration::ZERO,
                    write: Duration::ZERO,
                };
                progress(&load);
                out.push(load);
            } else {
                todo.push(r);
            }
        }
        // Generate region r+1 on a blocking thread while region r is written.
        let spawn = |r: u32| {
            tokio::task::spawn_blocking(move || {
                let t = Instant::now();
                let g = generate(r, spec, today);
                (t.elapsed(), g)
            })
        };
        let mut next = todo.first().map(|r| spawn(*r));
        for (i, r) in todo.iter().enumerate() {
            let Some(handle) = next.take() else { break };
            let (generate_time, generated) = handle
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let generated = generated?;
            next = todo.get(i + 1).map(|r| spawn(*r));
            let t = Instant::now();
            let (records, links) = self.write_region(&generated).await?;
            self.create_synthetic_admin(*r, &generated.region.id)
                .await?;
            let load = RegionLoad {
                region: generated.region.id.clone(),
                created: true,
                records,
                links,
                generate: generate_time,
                write: t.elapsed(),
            };
            progress(&load);
            out.push(load);
        }
        if !todo.is_empty() {
            bulk::optimize(&self.store).await?;
        }
        Ok(out)
    }

    async fn write_region(&self, g: &Generated) -> Result<(usize, usize)> {
        let now = simpul_domain::now_str();
        let region = &g.region.id;
        let mut tx = self.store.begin().await?;
        if !bulk::insert_synthetic_region(&mut tx, &g.region, &now).await? {
            return Err(AppError::Conflict("region"));
        }
        bulk::insert_pds(&mut tx, region, &g.pds, &now).await?;
        let t = Instant::now();
        let records = bulk::insert_records(&mut tx, region, &g.records).await? as usize;
        let t_records = t.elapsed();
        let links = bulk::insert_links(&mut tx, region, &g.links, &now).await? as usize;
        let t_links = t.elapsed() - t_records;
        let mut per_kind = BTreeMap::new();
        for r in &g.records {
            *per_kind.entry(r.kind.code()).or_insert(0usize) += 1;
        }
        let summary = json!({
            "generator": "simpul demo --scale",
            "seed": g.seed,
            "region": {"id": region.as_str(), "name": g.region.name, "kode_wilayah": g.region.kode_wilayah, "official_domain": g.region.official_domain},
            "pds": g.pds.len(),
            "records": per_kind,
            "links": links,
        });
        let actor = Actor::system(region.clone(), "demo-scale");
        audit::append(
            &mut tx,
            actor.audit(
                "region.synthetic_seed",
                "region",
                region.as_str(),
                None,
                Some(&summary),
            ),
            &now,
        )
        .await?;
        let t = Instant::now();
        commit(tx).await?;
        tracing::debug!(
            %region,
            records_ms = t_records.as_millis() as u64,
            links_ms = t_links.as_millis() as u64,
            commit_ms = t.elapsed().as_millis() as u64,
            "synthetic region written"
        );
        Ok((records, links))
    }

    async fn create_synthetic_admin(&self, r: u32, region: &RegionId) -> Result<()> {
        let input = UserInput {
            username: synthetic_admin(r),
            full_name: format!("Admin Diskominfo Kabupaten Sintetis {r:02}"),
            email: Some(format!("admin@{}", official_domain(r))),
            role: "admin_kominfo".into(),
            pd_id: None,
            active: true,
        };
        self.create_user(
            &Actor::system(region.clone(), "demo-scale"),
            &input,
            crate::demo::DEMO_PASSWORD,
        )
        .await?;
        Ok(())
    }
}

fn official_domain(r: u32) -> String {
    format!("{}kab.go.id", synthetic_slug(r))
}

/// xorshift64*: small, fast, deterministic; not for anything secret.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for _ in 0..8 {
            r.next();
        }
        r
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A UUID v7 at `millis` with generated random bits.
    fn uuid(&mut self, millis: u64) -> uuid::Uuid {
        let mut bytes = [0u8; 10];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }
}

/// One region, generated and validated, ready to write.
struct Generated {
    seed: u32,
    region: SyntheticRegion,
    pds: Vec<(PdId, ValidPd)>,
    records: Vec<BulkRecord>,
    links: Vec<BulkLink>,
}

/// The 30 Perangkat Daerah of a synthetic kabupaten: code, name, short name, kind, flags
/// (Kominfo, planning, inspectorate, Mandiri TIK).
const PDS: &[(&str, &str, &str, &str, [bool; 4])] = &[
    (
        "SETDA",
        "Sekretariat Daerah",
        "Setda",
        "sekretariat",
        [false, false, false, false],
    ),
    (
        "SETWAN",
        "Sekretariat DPRD",
        "Setwan",
        "sekretariat",
        [false, false, false, false],
    ),
    (
        "INSPEKTORAT",
        "Inspektorat Daerah",
        "Inspektorat",
        "inspektorat",
        [false, false, true, false],
    ),
    (
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        "badan",
        [false, true, false, false],
    ),
    (
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        "dinas",
        [true, false, false, false],
    ),
    (
        "DISDIK",
        "Dinas Pendidikan",
        "Disdik",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DINKES",
        "Dinas Kesehatan",
        "Dinkes",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        "dinas",
        [false, false, false, true],
    ),
    (
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan SDM",
        "BKPSDM",
        "badan",
        [false, false, false, false],
    ),
    (
        "DPMPTSP",
        "Dinas Penanaman Modal dan PTSP",
        "DPMPTSP",
        "dinas",
        [false, false, false, false],
    ),
    (
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        "badan",
        [false, false, false, true],
    ),
    (
        "BAPENDA",
        "Badan Pendapatan Daerah",
        "Bapenda",
        "badan",
        [false, false, false, false],
    ),
    (
        "DINSOS",
        "Dinas Sosial",
        "Dinsos",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "DPUPR",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DISHUB",
        "Dinas Perhubungan",
        "Dishub",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DLH",
        "Dinas Lingkungan Hidup",
        "DLH",
        "dinas",
        [false, false, false, false],
    ),
    (
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        "satuan",
        [false, false, false, false],
    ),
    (
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        "badan",
        [false, false, false, false],
    ),
    (
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        "Kesbangpol",
        "badan",
        [false, false, false, false],
    ),
    (
        "DISPERINDAG",
        "Dinas Perindustrian dan Perdagangan",
        "Disperindag",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DISTAN",
        "Dinas Pertanian dan Ketahanan Pangan",
        "Distan",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DISPUSIP",
        "Dinas Perpustakaan dan Kearsipan",
        "Dispusip",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DISPARPORA",
        "Dinas Pariwisata, Pemuda dan Olahraga",
        "Disparpora",
        "dinas",
        [false, false, false, false],
    ),
    (
        "DPPKB",
        "Dinas Pengendalian Penduduk dan KB",
        "DPPKB",
        "dinas",
        [false, false, false, false],
    ),
    (
        "RSUD",
        "Rumah Sakit Umum Daerah",
        "RSUD",
        "rsud",
        [false, false, false, false],
    ),
    (
        "KEC-UTARA",
        "Kecamatan Utara",
        "Kec. Utara",
        "kecamatan",
        [false, false, false, false],
    ),
    (
        "KEC-SELATAN",
        "Kecamatan Selatan",
        "Kec. Selatan",
        "kecamatan",
        [false, false, false, false],
    ),
    (
        "KEC-BARAT",
        "Kecamatan Barat",
        "Kec. Barat",
        "kecamatan",
        [false, false, false, false],
    ),
    (
        "KEC-TIMUR",
        "Kecamatan Timur",
        "Kec. Timur",
        "kecamatan",
        [false, false, false, false],
    ),
    (
        "KEC-TENGAH",
        "Kecamatan Tengah",
        "Kec. Tengah",
        "kecamatan",
        [false, false, false, false],
    ),
];

/// Application families: base name, function, reference code, service sector.
const APP_KINDS: &[(&str, &str, &str)] = &[
    ("SIMPEG", "Pengelolaan data kepegawaian", "RAA.02.02"),
    ("e-Kinerja", "Penilaian kinerja pegawai", "RAA.01.02"),
    ("e-Absensi", "Presensi pegawai", "RAA.02.02"),
    ("SIPD", "Perencanaan dan penganggaran daerah", "RAA.01.02"),
    ("e-Planning", "Perencanaan pembangunan daerah", "RAA.02.02"),
    (
        "e-Musrenbang",
        "Musyawarah perencanaan pembangunan",
        "RAA.02.01",
    ),
    (
        "SIMDA BMD",
        "Penatausahaan barang milik daerah",
        "RAA.02.02",
    ),
    ("SP2D Online", "Penerbitan SP2D", "RAA.02.02"),
    ("SIMPATDA", "Pengelolaan pajak daerah", "RAA.02.01"),
    ("e-BPHTB", "Pelayanan BPHTB", "RAA.02.01"),
    ("e-Retribusi", "Pembayaran retribusi daerah", "RAA.02.01"),
    ("SIKDA", "Rekam medis elektronik puskesmas", "RAA.02.01"),
    (
        "SIMRS",
        "Sistem informasi manajemen rumah sakit",
        "RAA.02.01",
    ),
    ("SIAK", "Pencatatan administrasi kependudukan", "RAA.02.01"),
    (
        "SIPANDU",
        "Permohonan dokumen kependudukan daring",
        "RAA.02.01",
    ),
    ("OSS-RBA", "Perizinan berusaha berbasis risiko", "RAA.02.01"),
    ("SiCantik", "Perizinan non-berusaha", "RAA.02.01"),
    ("SIMBG", "Persetujuan bangunan gedung", "RAA.02.01"),
    ("LAPOR", "Pengelolaan pengaduan masyarakat", "RAA.01.01"),
    ("e-PPID", "Layanan informasi publik", "RAA.02.01"),
    ("Satu Data", "Publikasi data sektoral", "RAA.02.01"),
    ("JDIH", "Publikasi produk hukum", "RAA.02.01"),
    ("e-Office", "Tata naskah dinas elektronik", "RAA.02.02"),
    ("SRIKANDI", "Kearsipan dinamis", "RAA.01.02"),
    ("Dapodik", "Pendataan pokok pendidikan", "RAA.02.02"),
    ("PPDB Online", "Penerimaan peserta didik baru", "RAA.02.01"),
    ("e-SAKIP", "Akuntabilitas kinerja instansi", "RAA.02.02"),
    ("SIMWAS", "Pengawasan internal", "RAA.02.02"),
    (
        "e-Monev",
        "Monitoring dan evaluasi pembangunan",
        "RAA.02.02",
    ),
    ("e-Bansos", "Penyaluran bantuan sosial", "RAA.02.01"),
    ("SIKS-NG", "Data terpadu kesejahteraan sosial", "RAA.02.02"),
    ("SI-Parkir", "Pengelolaan retribusi parkir", "RAA.02.01"),
    ("SIPETA", "Informasi tata ruang", "RAA.02.01"),
    ("SIPASAR", "Informasi harga kebutuhan pokok", "RAA.02.01"),
    ("INLISLite", "Otomasi perpustakaan", "RAA.02.01"),
    ("e-Parlemen", "Administrasi persidangan DPRD", "RAA.02.02"),
    ("SIMLUHTAN", "Penyuluhan pertanian", "RAA.02.02"),
    (
        "SIMFONI-PPA",
        "Perlindungan perempuan dan anak",
        "RAA.02.02",
    ),
    ("EWS Bencana", "Peringatan dini bencana", "RAA.02.01"),
    ("Dasbor Eksekutif", "Dasbor pimpinan daerah", "RAA.02.02"),
    (
        "Portal Informasi",
        "Portal informasi perangkat daerah",
        "RAA.02.01",
    ),
    ("Antrean Online", "Antrean layanan publik", "RAA.02.01"),
];

/// Service families: name, type, sector, reference code.
const SERVICE_KINDS: &[(&str, &str, &str, &str)] = &[
    (
        "Layanan Perencanaan Pembangunan",
        "administrasi",
        "perencanaan",
        "RAL.02.01",
    ),
    (
        "Layanan Penganggaran",
        "administrasi",
        "penganggaran",
        "RAL.02.02",
    ),
    (
        "Layanan Penatausahaan Keuangan",
        "administrasi",
        "keuangan",
        "RAL.02.03",
    ),
    (
        "Layanan Pendapatan Daerah",
        "publik",
        "pendapatan_daerah",
        "RAL.02.04",
    ),
    (
        "Layanan Pengadaan Barang/Jasa",
        "administrasi",
        "pengadaan",
        "RAL.02.05",
    ),
    (
        "Layanan Kepegawaian",
        "administrasi",
        "kepegawaian",
        "RAL.02.06",
    ),
    (
        "Layanan Kearsipan",
        "administrasi",
        "kearsipan",
        "RAL.02.07",
    ),
    (
        "Layanan Barang Milik Daerah",
        "administrasi",
        "pengelolaan_aset",
        "RAL.02.08",
    ),
    (
        "Layanan Pengawasan",
        "administrasi",
        "pengawasan",
        "RAL.02.09",
    ),
    (
        "Layanan Akuntabilitas Kinerja",
        "administrasi",
        "akuntabilitas_kinerja",
        "RAL.02.10",
    ),
    ("Layanan Pendidikan", "publik", "pendidikan", "RAL.01.01"),
    ("Layanan Kesehatan", "publik", "kesehatan", "RAL.01.02"),
    (
        "Layanan Jaminan Sosial",
        "publik",
        "jaminan_sosial",
        "RAL.01.03",
    ),
    (
        "Layanan Kependudukan",
        "publik",
        "kependudukan",
        "RAL.01.04",
    ),
    ("Layanan Perizinan", "publik", "perizinan", "RAL.01.05"),
    (
        "Layanan Transportasi",
        "publik",
        "transportasi",
        "RAL.01.06",
    ),
    ("Layanan Pariwisata", "publik", "pariwisata", "RAL.01.07"),
    (
        "Layanan Pengaduan dan Informasi",
        "publik",
        "lainnya",
        "RAL.01.08",
    ),
    (
        "Layanan Energi dan Penerangan Jalan",
        "publik",
        "energi",
        "RAL.01.99",
    ),
];

const PROCESS_KINDS: &[(&str, &str)] = &[
    ("Penyusunan Rencana Kerja", "RAB.01.01"),
    ("Penyusunan Anggaran", "RAB.01.01"),
    ("Penatausahaan Keuangan", "RAB.01.02"),
    ("Manajemen Kepegawaian", "RAB.01.03"),
    ("Pengawasan Internal", "RAB.01.04"),
    ("Ketenteraman dan Ketertiban Umum", "RAB.02"),
    ("Pelayanan Perizinan", "RAB.03.01"),
    ("Pembinaan Perdagangan dan UMKM", "RAB.03.02"),
    ("Ketahanan Pangan", "RAB.03.03"),
    ("Pengelolaan Lingkungan Hidup", "RAB.04"),
    ("Penyediaan Fasilitas Umum", "RAB.05"),
    ("Pelayanan Kesehatan", "RAB.06"),
    ("Pengembangan Pariwisata", "RAB.07"),
    ("Penyelenggaraan Pendidikan", "RAB.08"),
    ("Perlindungan Sosial", "RAB.09"),
    ("Administrasi Kependudukan", "RAB.10"),
];

/// Dataset families: name, reference code, nature, update frequency.
const DATASET_KINDS: &[(&str, &str, &str, &str)] = &[
    ("Data Penduduk", "RAD.10", "master", "bulanan"),
    (
        "Data Kelahiran dan Kematian",
        "RAD.10",
        "transaksional",
        "bulanan",
    ),
    (
        "Data Kunjungan Pasien",
        "RAD.06",
        "transaksional",
        "bulanan",
    ),
    ("Data Status Gizi", "RAD.06", "transaksional", "bulanan"),
    ("Data Fasilitas Kesehatan", "RAD.06", "referensi", "tahunan"),
    ("Data Peserta Didik", "RAD.08", "master", "semesteran"),
    ("Data Satuan Pendidikan", "RAD.08", "referensi", "tahunan"),
    ("Data Pegawai", "RAD.01", "master", "bulanan"),
    (
        "Data Realisasi Anggaran",
        "RAD.01",
        "transaksional",
        "bulanan",
    ),
    ("Data Barang Milik Daerah", "RAD.01", "master", "semesteran"),
    ("Data Wajib Pajak", "RAD.03", "master", "bulanan"),
    ("Data Perizinan", "RAD.03", "transaksional", "bulanan"),
    ("Data Harga Pangan", "RAD.03", "transaksional", "mingguan"),
    (
        "Data Produksi Pertanian",
        "RAD.03",
        "transaksional",
        "triwulanan",
    ),
    (
        "Data Kejadian Bencana",
        "RAD.02",
        "transaksional",
        "bulanan",
    ),
    (
        "Data Kualitas Lingkungan",
        "RAD.04",
        "transaksional",
        "semesteran",
    ),
    ("Data Jalan dan Jembatan", "RAD.05", "referensi", "tahunan"),
    (
        "Data Penerima Bantuan Sosial",
        "RAD.09",
        "transaksional",
        "triwulanan",
    ),
    ("Data Objek Wisata", "RAD.07", "referensi", "tahunan"),
    ("Data Kode Wilayah", "RAD.01", "referensi", "tidak_tentu"),
];

/// Asset kinds with their weight (per thousand), label, reference code and models.
const ASSET_KINDS: &[(&str, u64, &str, &str, &[&str])] = &[
    (
        "komputer",
        550,
        "Komputer",
        "RAI.04",
        &[
            "Lenovo ThinkCentre M70s",
            "HP ProDesk 400 G9",
            "Dell OptiPlex 7010",
            "Asus ExpertBook B1",
        ],
    ),
    (
        "server",
        100,
        "Server",
        "RAI.01.02",
        &[
            "Dell PowerEdge R750",
            "HPE ProLiant DL380 Gen10",
            "Lenovo ThinkSystem SR650",
        ],
    ),
    (
        "router_switch",
        120,
        "Switch",
        "RAI.02.02",
        &[
            "MikroTik CRS326",
            "Cisco Catalyst 1000",
            "Aruba 2530",
            "Ruijie RG-S2910",
        ],
    ),
    (
        "ups",
        60,
        "UPS",
        "RAI.01.01",
        &["APC Smart-UPS 3000", "Eaton 9SX 6kVA", "ICA SE 3100"],
    ),
    (
        "media_jaringan",
        40,
        "Jaringan",
        "RAI.02.01",
        &["Kabel FO 24 core", "Radio link 5 GHz", "Kabel UTP Cat6"],
    ),
    (
        "lisensi_perangkat_lunak",
        80,
        "Lisensi",
        "RAI.05",
        &[
            "Microsoft 365",
            "Windows Server",
            "Antivirus endpoint",
            "VMware vSphere",
        ],
    ),
    (
        "bandwidth",
        30,
        "Bandwidth",
        "RAI.02.01",
        &["Internet dedicated 100 Mbps", "Internet broadband 50 Mbps"],
    ),
    (
        "ruang_pusat_data",
        10,
        "Ruang Server",
        "RAI.01.01",
        &["Rak 42U"],
    ),
    ("noc", 10, "NOC", "RAI.02.01", &["Video wall"]),
];

const AUDIENCES: &[&str] = &["g2g", "g2e", "g2c", "g2b", "g2c,g2b", "g2g,g2e"];
const HOSTINGS: &[&str] = &[
    "pusat_data_kolokasi",
    "pusat_data_vps",
    "pusat_data_vps",
    "mandiri_pd",
    "cloud",
];
const FORMATS: &[&str] = &["csv", "xlsx", "json", "basis_data", "api", "pdf"];
const SMART: &[&str] = &[
    "tata_kelola",
    "branding",
    "ekonomi",
    "kehidupan",
    "masyarakat",
    "lingkungan",
];

fn date(t: time::OffsetDateTime) -> String {
    let d = t.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn host_label(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// Generates and validates synthetic region `r` (CPU only, no I/O).
fn generate(r: u32, spec: ScaleSpec, today: time::OffsetDateTime) -> Result<Generated> {
    let slug = synthetic_slug(r);
    let domain = official_domain(r);
    let region = SyntheticRegion {
        id: RegionId::parse(&slug).map_err(AppError::Internal)?,
        name: format!("Kabupaten Sintetis {r:02}"),
        kode_wilayah: format!("99.{r:02}"),
        official_domain: domain.clone(),
    };
    let mut g = Gen {
        rng: Rng::new(u64::from(r)),
        today,
        // Ids: UUID v7 counting up from 2026-01-01 plus one million milliseconds per region,
        // so they are distinct across regions and inserted in key order.
        millis: 1_767_225_600_000u64 + u64::from(r) * 1_000_000,
        records: Vec::new(),
        links: Vec::new(),
        seen: HashSet::new(),
    };
    let mut pds = Vec::new();
    for (code, name, short, kind, f) in PDS {
        let input = PdInput {
            code: (*code).into(),
            name: (*name).into(),
            short_name: (*short).into(),
            kind: (*kind).into(),
            head_name: None,
            head_title: None,
            tasks: None,
            is_kominfo: f[0],
            is_planning: f[1],
            is_inspectorate: f[2],
            mandiri_tik: f[3],
        };
        pds.push((PdId(g.id()), input.validate()?));
    }
    let pd_ids: Vec<PdId> = pds.iter().map(|(id, _)| *id).collect();
    let days_ago = |n: u64| today - time::Duration::days(n as i64);

    // Assets first: applications and datasets run on servers.
    let mut servers = Vec::new();
    let mut routers = Vec::new();
    let total_weight: u64 = ASSET_KINDS.iter().map(|k| k.1).sum();
    for i in 0..spec.assets {
        let roll = g.rng.next() % total_weight;
        let mut acc = 0;
        let &(kind, _, label, refc, models) = ASSET_KINDS
            .iter()
            .find(|k| {
                acc += k.1;
                roll < acc
            })
            .unwrap_or(&ASSET_KINDS[0]);
        let pd = g.rng.below(PDS.len());
        let location = match kind {
            "server" if g.rng.chance(70) => "pusat_data",
            "server" if g.rng.chance(30) => "drc",
            "ruang_pusat_data" | "noc" => "pusat_data",
            _ => "pd",
        };
        let status = match g.rng.below(100) {
            0..=2 => "penghapusan",
            3..=5 => "perencanaan",
            6..=9 => "pengadaan",
            _ => "operasi",
        };
        let model = *g.rng.pick(models);
        let acquired = days_ago(30 + g.rng.below(9 * 365) as u64);
        let mut data = json!({
            "asset_kind": kind,
            "location": location,
            "brand_model": model,
            "serial_number": format!("SN{:010}", g.rng.next() % 10_000_000_000),
            "acquired_on": date(acquired),
        });
        if kind == "lisensi_perangkat_lunak" {
            data["licence_expiry"] = json!(date(
                today + time::Duration::days(g.rng.below(700) as i64 - 120)
            ));
        }
        if kind == "server" {
            data["specification"] = json!(format!(
                "{} vCPU, RAM {} GB, penyimpanan {} TB",
                8 << g.rng.below(4),
                32 << g.rng.below(4),
                1 + g.rng.below(20)
            ));
        }
        let name = format!("{label} {} {:05}", PDS[pd].2, i + 1);
        let retired =
            (status == "penghapusan").then(|| "Rusak berat, diusulkan penghapusan".to_owned());
        let idx = g.record(
            EntityKind::Asset,
            pd_ids[pd],
            &name,
            Some(format!("AST-{:06}", i + 1)),
            status,
            Some(refc),
            None,
            data,
            retired,
        )?;
        match kind {
            "server" => servers.push(idx),
            "router_switch" => routers.push(idx),
            _ => {}
        }
    }
    // The network: every switch to the region's core (the first one), every server to a switch.
    if let Some((&core, rest)) = routers.split_first() {
        for &sw in rest {
            g.link(sw, core, "connected_to");
        }
        for &s in &servers {
            let sw = *g.rng.pick(&routers);
            g.link(s, sw, "connected_to");
        }
    }

    let mut datasets = Vec::new();
    for i in 0..spec.datasets {
        let &(base, refc, nature, freq) = g.rng.pick(DATASET_KINDS);
        let pd = g.rng.below(PDS.len());
        let max = simpul_domain::catalogue::UpdateFrequency::from_code(freq)
            .and_then(|f| f.max_days())
            .unwrap_or(365) as u64;
        // About one in eight is past its update frequency.
        let age = if g.rng.chance(12) {
            max + 1 + g.rng.below(400) as u64
        } else {
            g.rng.below(max as usize + 1) as u64
        };
        let in_pd = g.rng.chance(85);
        let data = json!({
            "walidata": format!("Bidang Statistik, Diskominfo Kabupaten Sintetis {r:02}"),
            "classification": *g.rng.pick(&["terbuka", "terbuka", "terbatas", "rahasia"]),
            "standard": "Standar Data Statistik Sektoral",
            "format": *g.rng.pick(FORMATS),
            "update_frequency": freq,
            "last_updated": date(days_ago(age)),
            "in_pusat_data": in_pd,
            "dinas_consent": in_pd && g.rng.chance(95),
            "nature": nature,
        });
        let name = format!("{base} {} {:04}", PDS[pd].2, i + 1);
        let desc = format!("{base} yang dihasilkan oleh {}.", PDS[pd].1);
        let idx = g.record(
            EntityKind::Dataset,
            pd_ids[pd],
            &name,
            None,
            "aktif",
            Some(refc),
            Some(&desc),
            data,
            None,
        )?;
        if in_pd && !servers.is_empty() {
            let s = *g.rng.pick(&servers);
            g.link(idx, s, "stored_on");
        }
        datasets.push(idx);
    }

    let mut apps = Vec::new();
    for i in 0..spec.applications {
        let &(base, function, refc) = g.rng.pick(APP_KINDS);
        let pd = g.rng.below(PDS.len());
        let status = match g.rng.below(100) {
            0..=4 => "usulan",
            5..=14 => "pengembangan",
            15..=22 => "uji",
            23..=27 => "dihentikan",
            _ => "produksi",
        };
        let umum = refc.starts_with("RAA.01");
        let developer = match g.rng.below(100) {
            0..=69 => "dinas",
            70..=79 => "pd_mandiri_tik",
            _ => "pihak_ketiga",
        };
        let source = if g.rng.chance(60) {
            "terbuka"
        } else {
            "tertutup"
        };
        let platform = match g.rng.below(100) {
            0..=79 => "web",
            80..=91 => "mobile",
            _ => "desktop",
        };
        let label = host_label(base);
        let mut data = json!({
            "app_type": if umum { "umum" } else { "khusus" },
            "audience": *g.rng.pick(AUDIENCES),
            "developer": developer,
            "via_dinas": developer != "pihak_ketiga" || g.rng.chance(85),
            "source_model": source,
            "platform": platform,
            "function_label": function,
            "url": format!("https://{label}{}.{domain}", i + 1),
            "hosting": *g.rng.pick(HOSTINGS),
            "funding": if g.rng.chance(85) { "apbd" } else { "apbn" },
        });
        if umum {
            data["complexity"] = json!(if g.rng.chance(50) { "besar" } else { "kecil" });
        }
        if source == "terbuka" {
            data["licence"] = json!(*g.rng.pick(&["GPL-3.0", "MIT", "Apache-2.0", "AGPL-3.0"]));
        } else if g.rng.chance(80) {
            data["kominfo_consideration_ref"] = json!(format!(
                "B-{}/M.KOMINFO/AP.01.02/{}",
                100 + g.rng.below(900),
                2018 + g.rng.below(8)
            ));
        }
        if g.rng.chance(10) {
            data["operating_pd"] = json!(pd_ids[g.rng.below(PDS.len())].to_string());
        }
        if matches!(status, "produksi" | "dihentikan") {
            data["operating_since"] = json!(date(days_ago(200 + g.rng.below(10 * 365) as u64)));
            if g.rng.chance(90) {
                data["last_monev_date"] = json!(date(days_ago(g.rng.below(500) as u64)));
            }
            if g.rng.chance(85) {
                data["sla_ref"] = json!(format!("SLA/{}/{:04}", label.to_uppercase(), i + 1));
            }
        }
        let name = format!("{base} {} {:04}", PDS[pd].2, i + 1);
        let desc = format!("Aplikasi {} milik {}.", function.to_lowercase(), PDS[pd].1);
        let retired = (status == "dihentikan").then(|| "Digantikan aplikasi lain".to_owned());
        let idx = g.record(
            EntityKind::Application,
            pd_ids[pd],
            &name,
            Some(format!("APP-{:05}", i + 1)),
            status,
            Some(refc),
            Some(&desc),
            data,
            retired,
        )?;
        for _ in 0..1 + g.rng.below(3) {
            if !datasets.is_empty() {
                let d = *g.rng.pick(&datasets);
                g.link(idx, d, "uses_data");
            }
        }
        if !servers.is_empty() && g.rng.chance(80) {
            for _ in 0..1 + g.rng.below(2) {
                let s = *g.rng.pick(&servers);
                g.link(idx, s, "runs_on");
            }
        }
        if !apps.is_empty() && g.rng.chance(10) {
            let other = *g.rng.pick(&apps);
            g.link(idx, other, "integrates_with");
        }
        apps.push(idx);
    }

    let mut services = Vec::new();
    for i in 0..spec.services {
        let &(base, typ, sector, refc) = g.rng.pick(SERVICE_KINDS);
        let pd = g.rng.below(PDS.len());
        let mut data =
            json!({"service_type": typ, "sector": sector, "smart_city": *g.rng.pick(SMART)});
        if typ == "publik" {
            data["url"] = json!(format!("https://layanan{}.{domain}", i + 1));
        }
        let status = if g.rng.chance(90) {
            "operasi"
        } else {
            "perencanaan"
        };
        let name = format!("{base} {} {:04}", PDS[pd].2, i + 1);
        let idx = g.record(
            EntityKind::Service,
            pd_ids[pd],
            &name,
            None,
            status,
            Some(refc),
            None,
            data,
            None,
        )?;
        for _ in 0..1 + g.rng.below(2) {
            if !apps.is_empty() {
                let a = *g.rng.pick(&apps);
                g.link(idx, a, "delivered_by");
            }
        }
        if !services.is_empty() && g.rng.chance(5) {
            let other = *g.rng.pick(&services);
            g.link(idx, other, "integrates");
        }
        services.push(idx);
    }

    for i in 0..spec.processes {
        let &(base, refc) = g.rng.pick(PROCESS_KINDS);
        let pd = g.rng.below(PDS.len());
        let status = if g.rng.chance(85) {
            "ditetapkan"
        } else {
            "draf"
        };
        let name = format!("{base} {} {:03}", PDS[pd].2, i + 1);
        let idx = g.record(EntityKind::BusinessProcess, pd_ids[pd], &name, None, status, Some(refc), None, json!({"legal_basis": format!("Peraturan Bupati Sintetis {r:02} Nomor {} Tahun 2024", i + 1)}), None)?;
        for _ in 0..2 + g.rng.below(3) {
            if !services.is_empty() {
                let s = *g.rng.pick(&services);
                g.link(idx, s, "realised_by");
            }
        }
    }

    for i in 0..spec.domains {
        let app = if apps.is_empty() {
            None
        } else {
            Some(*g.rng.pick(&apps))
        };
        let pd = g.rng.below(PDS.len());
        let purpose = *g
            .rng
            .pick(&["website", "aplikasi", "aplikasi", "layanan", "surel"]);
        let label = app
            .map(|a| host_label(g.records[a].record.name.split(' ').next().unwrap_or("app")))
            .unwrap_or_else(|| "situs".into());
        // About one in twenty lies outside the official domain (DOM-1).
        let host = if g.rng.chance(5) {
            format!("{label}{}-{slug}.com", i + 1)
        } else {
            format!("{label}{}.{domain}", i + 1)
        };
        let status = if g.rng.chance(95) {
            "aktif"
        } else {
            "nonaktif"
        };
        let idx = g.record(
            EntityKind::Domain,
            pd_ids[pd],
            &host,
            None,
            status,
            None,
            None,
            json!({"host": host, "purpose": purpose}),
            None,
        )?;
        if let Some(a) = app {
            g.link(idx, a, "serves");
        }
    }

    // LAN diagrams (INF-5), LAN changes and backup reports (DAT-7), per PD.
    let year = today.year();
    for (p, pd) in pd_ids.iter().enumerate() {
        let short = PDS[p].2;
        for back in 0..3 {
            if g.rng.chance(if back == 0 { 60 } else { 50 }) {
                let y = year - back;
                let submitted = if back == 0 {
                    days_ago(g.rng.below(300) as u64)
                } else {
                    days_ago((back as u64) * 365 + g.rng.below(200) as u64)
                };
                g.record(
                    EntityKind::LanDiagram,
                    *pd,
                    &format!("Diagram LAN {short} {y}"),
                    None,
                    "diterima",
                    None,
                    None,
                    json!({"year": y, "submitted_on": date(submitted)}),
                    None,
                )?;
            }
        }
        if g.rng.chance(30) {
            let data = json!({"changed_on": date(days_ago(g.rng.below(365) as u64)), "summary": "Penambahan switch akses dan access point; VLAN tamu dipisahkan."});
            g.record(
                EntityKind::LanChange,
                *pd,
                &format!("Perubahan LAN {short}"),
                None,
                "dilaporkan",
                None,
                None,
                data,
                None,
            )?;
        }
        if g.rng.chance(40) {
            for m in 0..12u64 {
                let d = days_ago(m * 30 + g.rng.below(10) as u64);
                let result = if g.rng.chance(95) {
                    "berhasil"
                } else {
                    "gagal"
                };
                let data = json!({"backup_date": date(d), "result": result, "to_pusat_data": true, "volume": format!("{} GB", 10 + g.rng.below(500))});
                g.record(
                    EntityKind::BackupReport,
                    *pd,
                    &format!("Laporan backup {short} {}", date(d)),
                    None,
                    "dilaporkan",
                    None,
                    None,
                    data,
                    None,
                )?;
            }
        }
    }
    Ok(Generated {
        seed: r,
        region,
        pds,
        records: g.records,
        links: g.links,
    })
}

struct Gen {
    rng: Rng,
    today: time::OffsetDateTime,
    records: Vec<BulkRecord>,
    links: Vec<BulkLink>,
    seen: HashSet<(u32, u32)>,
    millis: u64,
}

impl Gen {
    /// The next id: a UUID v7 one millisecond after the previous one.
    fn id(&mut self) -> uuid::Uuid {
        self.millis += 1;
        self.rng.uuid(self.millis)
    }

    /// Validates and queues a record; returns its index.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        kind: EntityKind,
        pd: PdId,
        name: &str,
        code: Option<String>,
        status: &str,
        refc: Option<&str>,
        desc: Option<&str>,
        data: Value,
        retired: Option<String>,
    ) -> Result<usize> {
        let input = RecordInput {
            pd_id: pd.to_string(),
            name: name.to_owned(),
            code,
            status: status.to_owned(),
            ref_code: refc.map(str::to_owned),
            description: desc.map(str::to_owned),
            data: match data {
                Value::Object(m) => m,
                _ => Map::new(),
            },
        };
        let record = input.validate(kind)?;
        let updated = self.today - time::Duration::seconds(self.rng.below(3 * 365 * 86_400) as i64);
        let created = updated - time::Duration::seconds(self.rng.below(365 * 86_400) as i64);
        let id = RecordId(self.id());
        self.records.push(BulkRecord {
            id,
            kind,
            record,
            retired_reason: retired,
            created_at: simpul_domain::rfc3339(created),
            updated_at: simpul_domain::rfc3339(updated),
        });
        Ok(self.records.len() - 1)
    }

    /// Queues a link unless the pair is already linked.
    fn link(&mut self, from: usize, to: usize, relation: &'static str) {
        if from != to && self.seen.insert((from as u32, to as u32)) {
            self.links.push(BulkLink {
                from: self.records[from].id,
                to: self.records[to].id,
                relation,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_valid() {
        let today = simpul_domain::now_utc();
        let spec = ScaleSpec::REGION.divided_by(40);
        let a = generate(3, spec, today).unwrap();
        let b = generate(3, spec, today).unwrap();
        assert_eq!(a.records.len(), b.records.len());
        assert!(a
            .records
            .iter()
            .zip(&b.records)
            .all(|(x, y)| x.id == y.id && x.record == y.record));
        assert_eq!(a.links.len(), b.links.len());
        assert_eq!(a.pds.len(), 30);
        let apps = a
            .records
            .iter()
            .filter(|r| r.kind == EntityKind::Application)
            .count();
        assert_eq!(apps, spec.applications);
        // Links only between the kinds their relation allows.
        let kind_of: std::collections::HashMap<_, _> =
            a.records.iter().map(|r| (r.id, r.kind)).collect();
        for l in &a.links {
            let rel = simpul_domain::catalogue::Relation::between(kind_of[&l.from], kind_of[&l.to])
                .unwrap();
            assert_eq!(rel.code, l.relation);
        }
        let c = generate(4, spec, today).unwrap();
        assert_ne!(a.records[0].id, c.records[0].id);
    }
}
