//! Account administration (ORG-7).

use crate::identity::password;
use crate::identity::policy;
use crate::{Actor, App, AppError, Result};
use simpul_domain::ids::UserId;
use simpul_domain::user::{NewPassword, Role, User, UserInput};
use simpul_domain::{now_str, FieldError, Invalid};
use simpul_store::users::UserFilter;
use simpul_store::{audit, commit, pds, sessions, users, Page, Paging};

impl App {
    pub async fn list_users(
        &self,
        actor: &Actor,
        f: &UserFilter,
        paging: Paging,
    ) -> Result<Page<User>> {
        policy::view_users(actor)?;
        Ok(users::list(&mut *self.store.read().await?, actor.region(), f, paging).await?)
    }

    /// One account: administrators and auditors see any in their region, everyone sees themselves.
    pub async fn get_user(&self, actor: &Actor, id: UserId) -> Result<User> {
        if actor.id() != Some(id) {
            policy::view_users(actor)?;
        }
        let u = users::get(&mut *self.store.read().await?, id)
            .await?
            .filter(|u| u.region == *actor.region());
        u.ok_or(AppError::NotFound)
    }

    /// Creates an account with an initial password.
    pub async fn create_user(
        &self,
        actor: &Actor,
        input: &UserInput,
        initial_password: &str,
    ) -> Result<User> {
        policy::manage_users(actor)?;
        let mut inv = Invalid::default();
        let v = match input.validate() {
            Ok(v) => Some(v),
            Err(e) => {
                inv.0.extend(e.0);
                None
            }
        };
        let pw = inv.take(NewPassword::parse("password", initial_password));
        let (Some(v), Some(pw)) = (v, pw) else {
            return Err(inv.into());
        };
        let hash = password::hash(pw.expose().to_owned()).await?;
        let id = UserId::new();
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        if let Some(pd) = v.pd_id {
            if pds::get(&mut tx, actor.region(), pd).await?.is_none() {
                return Err(Invalid::one("pd_id", "invalid").into());
            }
        }
        users::insert(&mut tx, actor.region(), id, &v, &hash, &now).await?;
        let after = users::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        tx.audit("user.create", "user", &id.to_string(), None, Some(&after))
            .await?;
        tx.commit(self).await?;
        Ok(after)
    }

    /// Edits an account. Deactivating ends its sessions. Administrators cannot demote or
    /// deactivate themselves (the region would risk losing its last administrator).
    pub async fn update_user(&self, actor: &Actor, id: UserId, input: &UserInput) -> Result<User> {
        policy::manage_users(actor)?;
        let v = input.validate()?;
        if actor.id() == Some(id) && (v.role != Role::AdminKominfo || !v.active) {
            return Err(AppError::Rule(FieldError::new(
                "role",
                "cannot_demote_self",
            )));
        }
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let before = users::get(&mut tx, id)
            .await?
            .filter(|u| u.region == *actor.region())
            .ok_or(AppError::NotFound)?;
        if let Some(pd) = v.pd_id {
            if pds::get(&mut tx, actor.region(), pd).await?.is_none() {
                return Err(Invalid::one("pd_id", "invalid").into());
            }
        }
        users::update(&mut tx, actor.region(), id, &v, &now).await?;
        if !v.active || v.role != before.role || v.pd_id != before.pd_id {
            // Rights changed: existing sessions must not keep the old ones.
            sessions::delete_for_user(&mut tx, id).await?;
        }
        let after = users::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        tx.audit(
            "user.update",
            "user",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit(self).await?;
        Ok(after)
    }

    /// Sets a new password for an account (administrators, or the shell) and ends its sessions
    /// and API tokens.
    pub async fn reset_password(
        &self,
        actor: &Actor,
        id: UserId,
        new_password: &str,
    ) -> Result<()> {
        policy::manage_users(actor)?;
        let pw = NewPassword::parse("password", new_password).map_err(|e| Invalid(vec![e]))?;
        let hash = password::hash(pw.expose().to_owned()).await?;
        let now = now_str();
        let mut tx = self.store.begin().await?;
        users::get(&mut tx, id)
            .await?
            .filter(|u| u.region == *actor.region())
            .ok_or(AppError::NotFound)?;
        users::set_password(&mut tx, id, &hash, &now).await?;
        sessions::delete_for_user(&mut tx, id).await?;
        crate::identity::auth::revoke_tokens_after_password(
            &mut tx,
            actor,
            id,
            "password_reset",
            &now,
        )
        .await?;
        audit::append(
            &mut tx,
            actor.audit::<()>("user.password_reset", "user", &id.to_string(), None, None),
            &now,
        )
        .await?;
        Ok(commit(tx).await?)
    }

    /// Looks an account up by login name (shell commands).
    pub async fn user_by_username(&self, username: &str) -> Result<User> {
        let found = users::by_username(
            &mut *self.store.read().await?,
            &username.trim().to_ascii_lowercase(),
        )
        .await?;
        found.map(|(u, _)| u).ok_or(AppError::NotFound)
    }
}

impl App {
    /// Number of accounts in the actor's region (dashboard).
    pub async fn count_users(&self, actor: &Actor) -> Result<i64> {
        Ok(users::count(&mut *self.store.read().await?, actor.region()).await?)
    }
}
