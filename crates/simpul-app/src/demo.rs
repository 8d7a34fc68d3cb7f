//! Demo data: the four region profiles and, for Kota Metro (Perda 8/2019), its Perangkat
//! Daerah, the Tim Koordinasi SPBE, one account per role and the SPBE catalogue
//! ([`crate::demo_catalogue`]). Idempotent.

use crate::{Actor, App, AppError, Result};
use serde::Deserialize;
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::org::{PdInput, TimMemberInput};
use simpul_domain::region::builtin_packs;
use simpul_domain::user::UserInput;
use simpul_store::pds::PdFilter;
use simpul_store::{commit, pds, regions, Paging};

/// The password of every demo account. Demo databases are for trying Simpul out only.
pub const DEMO_PASSWORD: &str = "metro-demo-2026";

/// One demo account: login name, role, display name and the PD code it is bound to.
pub const DEMO_ACCOUNTS: [(&str, &str, &str, Option<&str>); 7] = [
    (
        "admin.kominfo",
        "admin_kominfo",
        "Admin Dinas Kominfo",
        None,
    ),
    (
        "operator.dinkes",
        "operator_pd",
        "Operator Dinas Kesehatan",
        Some("DINKES"),
    ),
    (
        "operator.disdukcapil",
        "operator_pd",
        "Operator Disdukcapil",
        Some("DISDUKCAPIL"),
    ),
    (
        "koordinator",
        "koordinator",
        "Sekretaris Daerah (Koordinator SPBE)",
        None,
    ),
    ("pimpinan", "pimpinan", "Walikota Metro", None),
    ("walidata", "walidata", "Walidata Kota Metro", None),
    ("auditor", "auditor", "Auditor Inspektorat", None),
];

#[derive(Deserialize)]
struct DemoPds {
    pd: Vec<PdInput>,
}

/// What seeding did.
#[derive(Debug, Default)]
pub struct SeedReport {
    pub regions_added: usize,
    pub demo_seeded: bool,
}

impl App {
    /// Inserts the built-in region profiles that are missing (every start does this).
    pub async fn ensure_regions(&self) -> Result<usize> {
        let packs = builtin_packs().map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.store.begin().await?;
        let now = simpul_domain::now_str();
        let mut added = 0;
        for p in &packs {
            if regions::insert_from_pack(&mut tx, p, &now).await? {
                added += 1;
            }
        }
        commit(tx).await?;
        Ok(added)
    }

    /// Seeds the Kota Metro demo (organisation and catalogue) unless Metro already has
    /// Perangkat Daerah.
    pub async fn seed_demo(&self) -> Result<SeedReport> {
        self.seed_demo_parts(true).await
    }

    /// Seeds only the organisation part of the demo (PDs, accounts, Tim Koordinasi, region
    /// profile): a small, fast fixture for tests that build their own catalogue.
    pub async fn seed_demo_organisation(&self) -> Result<SeedReport> {
        self.seed_demo_parts(false).await
    }

    async fn seed_demo_parts(&self, catalogue: bool) -> Result<SeedReport> {
        let mut report = SeedReport {
            regions_added: self.ensure_regions().await?,
            demo_seeded: false,
        };
        self.ensure_ref_codes().await?;
        let metro = RegionId::parse("metro").map_err(AppError::Internal)?;
        let existing = pds::list(
            &mut *self.store.read().await?,
            &metro,
            &PdFilter::default(),
            Paging::new(None, Some(1)),
        )
        .await?;
        if existing.total > 0 {
            return Ok(report);
        }
        let sys = Actor::system(metro.clone(), "demo");
        let data: DemoPds = toml::from_str(include_str!("../../../regions/demo/metro-pd.toml"))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut by_code = std::collections::HashMap::new();
        for input in &data.pd {
            let pd = self.create_pd(&sys, input).await?;
            by_code.insert(pd.code.clone(), pd.id);
        }
        let pd = |code: &str| by_code.get(code).copied();
        for (username, role, name, pd_code) in DEMO_ACCOUNTS {
            let input = UserInput {
                username: username.into(),
                full_name: name.into(),
                email: Some(format!("{username}@metrokota.go.id")),
                role: role.into(),
                pd_id: pd_code.and_then(pd).map(|p: PdId| p.to_string()),
                active: true,
            };
            self.create_user(&sys, &input, DEMO_PASSWORD).await?;
        }
        let decree = "Keputusan Walikota Metro Nomor 100/KPTS/D-7/2024 (demo)";
        let tim = [
            (
                "Drs. Hendra Wijayakusuma, M.M.",
                "ketua",
                "Sekretaris Daerah",
                "SETDA",
            ),
            (
                "Rudi Hartono Saputra, S.Kom., M.T.I.",
                "sekretaris",
                "Kepala Dinas Komunikasi dan Informatika",
                "DISKOMINFO",
            ),
            (
                "Ir. Bambang Sutrisno Adi, M.T.",
                "anggota",
                "Kepala Bappelitbangda",
                "BAPPELITBANGDA",
            ),
            (
                "Dra. Sri Rahayuningsih, M.Ak.",
                "anggota",
                "Inspektur",
                "INSPEKTORAT",
            ),
            (
                "Irwan Kurniawan, S.E., M.Ak., Ak.",
                "anggota",
                "Kepala BPKAD",
                "BPKAD",
            ),
        ];
        for (person, position, office, code) in tim {
            let input = TimMemberInput {
                person_name: person.into(),
                position: position.into(),
                office: office.into(),
                pd_id: pd(code).map(|p| p.to_string()),
                decree_ref: Some(decree.into()),
            };
            self.add_tim_member(&sys, &input).await?;
        }
        let region = self.region(&metro).await?;
        let mut input = crate::region::RegionInput::from_row(&region);
        input.head_name = Some("Walikota Metro (demo)".into());
        input.sekda_name = Some("Drs. Hendra Wijayakusuma, M.M.".into());
        input.address =
            Some("Jl. AH. Nasution No. 5, Imopuro, Metro Pusat, Kota Metro, Lampung".into());
        input.contact_email = Some("diskominfo@metrokota.go.id".into());
        input.tim_decree_ref = Some(decree.into());
        input.tim_decree_date = Some("2024-01-15".into());
        self.update_region(&sys, &input).await?;
        if catalogue {
            self.seed_demo_catalogue(&sys).await?;
            // The deliberate gaps of the demo catalogue show as findings from the start.
            self.evaluate_region(&metro, crate::compliance::Scope::Region)
                .await?;
        }
        report.demo_seeded = true;
        Ok(report)
    }
}
