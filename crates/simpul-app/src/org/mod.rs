//! Perangkat Daerah register (ORG-2) and Tim Koordinasi SPBE (ORG-3) use cases.

pub mod policy;
pub mod region;

use crate::{Actor, App, AppError, Result};
use simpul_domain::ids::{PdId, TimMemberId};
use simpul_domain::org::{PdInput, PerangkatDaerah, TimMember, TimMemberInput};
use simpul_domain::text::required;
use simpul_domain::{FieldError, Invalid};
use simpul_store::pds::{PdCounts, PdFilter};
use simpul_store::{pds, tim, Page, Paging};

impl App {
    /// PDs of the actor's region. Every signed-in role reads the register.
    pub async fn list_pds(
        &self,
        actor: &Actor,
        f: &PdFilter,
        paging: Paging,
    ) -> Result<Page<PerangkatDaerah>> {
        Ok(pds::list(&mut *self.store.read().await?, actor.region(), f, paging).await?)
    }

    /// Active PDs of the actor's region, for pickers.
    pub async fn all_pds(&self, actor: &Actor) -> Result<Vec<PerangkatDaerah>> {
        Ok(pds::all(&mut *self.store.read().await?, actor.region()).await?)
    }

    pub async fn get_pd(&self, actor: &Actor, id: PdId) -> Result<PerangkatDaerah> {
        pds::get(&mut *self.store.read().await?, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Registers a new PD (administrators).
    pub async fn create_pd(&self, actor: &Actor, input: &PdInput) -> Result<PerangkatDaerah> {
        policy::manage_pds(actor)?;
        let v = input.validate()?;
        let id = PdId::new();
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        pds::insert(&mut tx, actor.region(), id, &v, &now).await?;
        let after = pds::get(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.audit("pd.create", "pd", &id.to_string(), None, Some(&after))
            .await?;
        tx.commit(self).await?;
        if !actor.is_system() {
            self.reevaluate(actor.region(), &[after.id]).await;
        }
        Ok(after)
    }

    /// Edits a PD. Operators may edit their own PD's profile but not its code or flags.
    pub async fn update_pd(
        &self,
        actor: &Actor,
        id: PdId,
        input: &PdInput,
    ) -> Result<PerangkatDaerah> {
        let concepts = self.region_concepts(actor).await?;
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let before = pds::get(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        policy::edit_pd(actor, id)?;
        let mut v = input.validate()?;
        if !concepts.pd_mandiri_tik {
            // The form does not show a status the regulation lacks; keep what is stored.
            v.mandiri_tik = before.mandiri_tik;
        }
        if !crate::platform::policy::is_admin(actor) {
            // Flags and the code are the Dinas's decision (ORG-4), not the PD's.
            let keep = PdInput::from(&before).validate()?;
            v.code = keep.code;
            v.is_kominfo = keep.is_kominfo;
            v.is_planning = keep.is_planning;
            v.is_inspectorate = keep.is_inspectorate;
            v.mandiri_tik = keep.mandiri_tik;
        }
        pds::update(&mut tx, actor.region(), id, &v, &now).await?;
        let after = pds::get(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.audit(
            "pd.update",
            "pd",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit(self).await?;
        if !actor.is_system() {
            self.reevaluate(actor.region(), &[after.id]).await;
        }
        Ok(after)
    }

    /// Retires a PD (e.g. after a reorganisation) with a reason; `None` reactivates it.
    pub async fn retire_pd(
        &self,
        actor: &Actor,
        id: PdId,
        reason: Option<&str>,
    ) -> Result<PerangkatDaerah> {
        let reason = match reason {
            Some(r) => Some(required("reason", r, 500, true).map_err(|e| Invalid(vec![e]))?),
            None => None,
        };
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let before = pds::get(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        policy::manage_pds(actor)?;
        pds::set_retired(&mut tx, actor.region(), id, reason.as_deref(), &now).await?;
        let after = pds::get(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let action = if reason.is_some() {
            "pd.retire"
        } else {
            "pd.reactivate"
        };
        tx.audit(action, "pd", &id.to_string(), Some(&before), Some(&after))
            .await?;
        tx.commit(self).await?;
        if actor.is_system() {
        } else if let Err(e) = self
            .evaluate_region(actor.region(), crate::compliance::Scope::Region)
            .await
        {
            tracing::warn!(error = %e, "compliance re-evaluation failed");
        }
        Ok(after)
    }

    /// Per-PD counts for the dashboard.
    pub async fn pd_counts(&self, actor: &Actor) -> Result<Vec<PdCounts>> {
        Ok(pds::counts(&mut *self.store.read().await?, actor.region()).await?)
    }

    /// Current members of the Tim Koordinasi SPBE.
    pub async fn tim_members(&self, actor: &Actor) -> Result<Vec<TimMember>> {
        Ok(tim::current(&mut *self.store.read().await?, actor.region()).await?)
    }

    /// Adds a member to the Tim Koordinasi SPBE. There is one chair (ORG-3: the Sekda).
    pub async fn add_tim_member(&self, actor: &Actor, input: &TimMemberInput) -> Result<TimMember> {
        policy::manage_region(actor)?;
        let v = input.validate()?;
        let id = TimMemberId::new();
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        if let Some(pd) = v.pd_id {
            if pds::get(&mut tx, actor.region(), pd).await?.is_none() {
                return Err(Invalid::one("pd_id", "invalid").into());
            }
        }
        let current = tim::current(&mut tx, actor.region()).await?;
        if v.position == simpul_domain::org::TimPosition::Ketua
            && current.iter().any(|m| m.position == v.position)
        {
            return Err(AppError::Rule(FieldError::new(
                "position",
                "tim_chair_exists",
            )));
        }
        tim::insert(&mut tx, actor.region(), id, &v, &now).await?;
        let after = tim::get_current(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.audit("tim.add", "tim_member", &id.to_string(), None, Some(&after))
            .await?;
        tx.commit(self).await?;
        Ok(after)
    }

    /// Removes a member (kept in history with the reason).
    pub async fn remove_tim_member(
        &self,
        actor: &Actor,
        id: TimMemberId,
        reason: &str,
    ) -> Result<()> {
        let reason = required("reason", reason, 500, true).map_err(|e| Invalid(vec![e]))?;
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let before = tim::get_current(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        policy::manage_region(actor)?;
        tim::remove(&mut tx, actor.region(), id, &reason, &now).await?;
        let after = serde_json::json!({ "removed_at": now, "removed_reason": reason });
        tx.audit(
            "tim.remove",
            "tim_member",
            &id.to_string(),
            Some(&serde_json::to_value(&before).unwrap_or_default()),
            Some(&after),
        )
        .await?;
        tx.commit(self).await
    }
}
