//! The region profile (ORG-1).

use crate::org::policy;
use crate::{Actor, App, AppError, Result};
use serde::{Deserialize, Serialize};
use simpul_domain::ids::RegionId;
use simpul_domain::text::optional;
use simpul_domain::{now_str, FieldError, Invalid};
use simpul_store::regions::{RegionEdit, RegionRow};
use simpul_store::{commit, regions};

/// Untrusted input for the editable part of the region profile.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RegionInput {
    pub official_domain: String,
    #[serde(default)]
    pub head_name: Option<String>,
    #[serde(default)]
    pub sekda_name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    #[serde(default)]
    pub tim_decree_ref: Option<String>,
    /// Date of the Tim Koordinasi decree, `YYYY-MM-DD`.
    #[serde(default)]
    pub tim_decree_date: Option<String>,
}

impl RegionInput {
    pub fn from_row(r: &RegionRow) -> Self {
        Self {
            official_domain: r.official_domain.clone(),
            head_name: r.head_name.clone(),
            sekda_name: r.sekda_name.clone(),
            address: r.address.clone(),
            contact_email: r.contact_email.clone(),
            tim_decree_ref: r.tim_decree_ref.clone(),
            tim_decree_date: r.tim_decree_date.clone(),
        }
    }

    fn validate(&self) -> Result<RegionEdit, Invalid> {
        let mut inv = Invalid::default();
        let d = self.official_domain.trim().to_ascii_lowercase();
        let domain_ok = d.ends_with(".go.id")
            && d.len() <= 100
            && d.split('.').all(|l| {
                !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if d.is_empty() {
            inv.push(FieldError::new("official_domain", "required"));
        } else if !domain_ok {
            inv.push(FieldError::new("official_domain", "go_id_domain"));
        }
        let head_name = inv.take(optional("head_name", self.head_name.as_deref(), 200, false));
        let sekda_name = inv.take(optional(
            "sekda_name",
            self.sekda_name.as_deref(),
            200,
            false,
        ));
        let address = inv.take(optional("address", self.address.as_deref(), 500, true));
        let contact_email = inv.take(optional(
            "contact_email",
            self.contact_email.as_deref(),
            254,
            false,
        ));
        if contact_email
            .as_ref()
            .and_then(|e| e.as_ref())
            .is_some_and(|e| !e.contains('@') || e.contains(' '))
        {
            inv.push(FieldError::new("contact_email", "email"));
        }
        let tim_decree_ref = inv.take(optional(
            "tim_decree_ref",
            self.tim_decree_ref.as_deref(),
            200,
            false,
        ));
        let tim_decree_date = inv.take(optional(
            "tim_decree_date",
            self.tim_decree_date.as_deref(),
            10,
            false,
        ));
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        if let Some(Some(date)) = &tim_decree_date {
            if time::Date::parse(date, fmt).is_err() {
                inv.push(FieldError::new("tim_decree_date", "date"));
            }
        }
        inv.clone().into_result()?;
        Ok(RegionEdit {
            official_domain: d,
            head_name: head_name.flatten(),
            sekda_name: sekda_name.flatten(),
            address: address.flatten(),
            contact_email: contact_email.flatten(),
            tim_decree_ref: tim_decree_ref.flatten(),
            tim_decree_date: tim_decree_date.flatten(),
        })
    }
}

impl App {
    /// Inserts the built-in region profiles that are missing (every start does this).
    pub async fn ensure_regions(&self) -> Result<usize> {
        let packs = simpul_domain::region::builtin_packs()
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.store.begin().await?;
        let now = now_str();
        let mut added = 0;
        for p in &packs {
            if regions::insert_from_pack(&mut tx, p, &now).await? {
                added += 1;
            }
        }
        commit(tx).await?;
        Ok(added)
    }

    /// A region's public profile (shown to anonymous visitors too).
    pub async fn region(&self, id: &RegionId) -> Result<RegionRow> {
        regions::get(&mut *self.store.read().await?, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Every region hosted by this deployment.
    pub async fn regions(&self) -> Result<Vec<RegionRow>> {
        Ok(regions::list(&mut *self.store.read().await?).await?)
    }

    pub async fn update_region(&self, actor: &Actor, input: &RegionInput) -> Result<RegionRow> {
        policy::manage_region(actor)?;
        let edit = input.validate()?;
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let before = regions::get(&mut tx, actor.region())
            .await?
            .ok_or(AppError::NotFound)?;
        regions::update(&mut tx, actor.region(), &edit, &now).await?;
        let after = regions::get(&mut tx, actor.region())
            .await?
            .ok_or(AppError::NotFound)?;
        tx.audit(
            "region.update",
            "region",
            actor.region().as_str(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit(self).await?;
        Ok(after)
    }
}
