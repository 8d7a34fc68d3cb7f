//! Sign-in, sessions, API tokens and own-password changes.

use crate::identity::password::{self, digest, random_token};
use crate::{Actor, App, AppError, Result};
use serde::Serialize;
use simpul_domain::ids::TokenId;
use simpul_domain::text::required;
use simpul_domain::user::NewPassword;
use simpul_domain::{now_utc, rfc3339, FieldError, Invalid};
use simpul_store::tokens::TokenRow;
use simpul_store::{audit, commit, sessions, tokens, users};

/// A new browser session. `cookie` goes to the browser once and is never stored.
pub struct NewSession {
    pub cookie: String,
    pub csrf: String,
    pub actor: Actor,
}

impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSession")
            .field("actor", &self.actor.username())
            .finish_non_exhaustive()
    }
}

/// A signed-in browser session.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub actor: Actor,
    pub csrf: String,
}

/// A freshly created API token: `secret` is shown once.
#[derive(Serialize)]
pub struct CreatedToken {
    pub token: TokenRow,
    /// The bearer token. It is not stored and cannot be shown again.
    pub secret: String,
}

/// Prefix of every API token, so leaked tokens are recognisable by scanners.
pub const TOKEN_PREFIX: &str = "spl_";

impl App {
    /// Checks credentials and opens a session. Unknown user, wrong password and inactive
    /// account all give [`AppError::BadCredentials`].
    pub async fn login(&self, username: &str, pass: &str, client: &str) -> Result<NewSession> {
        let uname = username.trim().to_ascii_lowercase();
        let cfg = &self.config;
        // Refused before the password is checked, and not counted (see `throttle`). The key
        // is bounded: an absurdly long name cannot grow the table's memory.
        let tkey: String = uname.chars().take(64).collect();
        if let Some(s) = self.throttle.wait(&tkey, client, now_utc()).await? {
            return Err(AppError::Throttled {
                retry_after_secs: s,
            });
        }
        let found = if uname.is_empty() || uname.len() > 64 {
            None
        } else {
            users::by_username(&mut *self.store.read().await?, &uname).await?
        };
        let stored = found.as_ref().map(|(_, h)| h.clone());
        let ok = password::verify(pass.chars().take(1024).collect(), stored).await?;
        let user = match found {
            Some((u, _)) if ok && u.active => u,
            _ => {
                self.throttle.failed(&tkey, client, now_utc()).await?;
                tracing::info!(event = "login_failed", "sign-in failed");
                return Err(AppError::BadCredentials);
            }
        };
        self.throttle.succeeded(&tkey, client, now_utc()).await?;
        let actor = Actor::from_user(&user);
        let cookie = random_token();
        let csrf = random_token();
        let now = now_utc();
        let ttl = time::Duration::try_from(cfg.session_ttl).unwrap_or(time::Duration::hours(12));
        let mut tx = self.store.begin().await?;
        sessions::insert(
            &mut tx,
            &digest(&cookie),
            user.id,
            &csrf,
            &rfc3339(now),
            &rfc3339(now + ttl),
        )
        .await?;
        audit::append(
            &mut tx,
            actor.audit::<()>("auth.login", "user", &user.id.to_string(), None, None),
            &rfc3339(now),
        )
        .await?;
        commit(tx).await?;
        tracing::info!(event = "login", user_id = %user.id, "signed in");
        Ok(NewSession {
            cookie,
            csrf,
            actor,
        })
    }

    /// The live session behind a cookie value, if any.
    pub async fn session(&self, cookie: &str) -> Result<Option<SessionInfo>> {
        if cookie.len() != 43 {
            return Ok(None);
        }
        let mut c = self.store.read().await?;
        let Some(s) =
            sessions::get_live(&mut c, &digest(cookie), &simpul_domain::now_str()).await?
        else {
            return Ok(None);
        };
        match users::get(&mut c, s.user_id).await? {
            Some(u) if u.active => Ok(Some(SessionInfo {
                actor: Actor::from_user(&u),
                csrf: s.csrf_token,
            })),
            _ => Ok(None),
        }
    }

    /// Ends a session: the row is deleted, so the cookie is worthless even if replayed.
    pub async fn logout(&self, cookie: &str) -> Result<()> {
        let info = self.session(cookie).await?;
        let mut tx = self.store.begin().await?;
        sessions::delete(&mut tx, &digest(cookie)).await?;
        if let Some(i) = info {
            let id = i.actor.id().map(|u| u.to_string()).unwrap_or_default();
            audit::append(
                &mut tx,
                i.actor.audit::<()>("auth.logout", "user", &id, None, None),
                &simpul_domain::now_str(),
            )
            .await?;
        }
        Ok(commit(tx).await?)
    }

    /// The account behind an API bearer token, if live.
    pub async fn bearer(&self, token: &str) -> Result<Option<Actor>> {
        if !token.starts_with(TOKEN_PREFIX) || token.len() > 100 {
            return Ok(None);
        }
        let mut c = self.store.read().await?;
        let Some(t) = tokens::by_hash(&mut c, &digest(token)).await? else {
            return Ok(None);
        };
        let Some(u) = users::get(&mut c, t.user_id).await?.filter(|u| u.active) else {
            return Ok(None);
        };
        drop(c);
        // "Last used" is kept to the minute: writing it on every request would make each API
        // read wait for the single SQLite writer (at --scale 25, 8 clients: p99 +50%).
        let now = simpul_domain::now_utc();
        let fresh = t
            .last_used_at
            .as_deref()
            .and_then(simpul_domain::parse_rfc3339)
            .is_some_and(|last| now - last < time::Duration::minutes(1));
        if !fresh {
            let mut tx = self.store.begin().await?;
            tokens::touch(&mut tx, t.id, &simpul_domain::rfc3339(now)).await?;
            commit(tx).await?;
        }
        Ok(Some(Actor::from_user(&u)))
    }

    /// Creates an API token for the actor; the secret is returned once.
    pub async fn create_token(&self, actor: &Actor, name: &str) -> Result<CreatedToken> {
        let name = required("name", name, 100, false).map_err(|e| Invalid(vec![e]))?;
        let user = actor.id().ok_or(AppError::Forbidden)?;
        let secret = format!("{TOKEN_PREFIX}{}", random_token());
        let id = TokenId::new();
        let now = simpul_domain::now_str();
        let mut tx = self.store.begin().await?;
        tokens::insert(
            &mut tx,
            id,
            user,
            &name,
            &digest(&secret),
            &secret[..12],
            &now,
        )
        .await?;
        let row = tokens::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        audit::append(
            &mut tx,
            actor.audit(
                "token.create",
                "api_token",
                &id.to_string(),
                None,
                Some(&row),
            ),
            &now,
        )
        .await?;
        commit(tx).await?;
        Ok(CreatedToken { token: row, secret })
    }

    /// The actor's own tokens (metadata only).
    pub async fn my_tokens(&self, actor: &Actor) -> Result<Vec<TokenRow>> {
        let user = actor.id().ok_or(AppError::Forbidden)?;
        Ok(tokens::for_user(&mut *self.store.read().await?, user).await?)
    }

    /// Revokes one of the actor's own tokens (administrators may revoke anyone's in their region).
    pub async fn revoke_token(&self, actor: &Actor, id: TokenId) -> Result<()> {
        let now = simpul_domain::now_str();
        let mut tx = self.store.begin().await?;
        let before = tokens::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let owner = users::get(&mut tx, before.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let own = actor.id() == Some(before.user_id);
        if owner.region != *actor.region() || !(own || crate::platform::policy::is_admin(actor)) {
            return Err(AppError::NotFound);
        }
        tokens::revoke(&mut tx, id, &now).await?;
        let after = tokens::get(&mut tx, id).await?;
        audit::append(
            &mut tx,
            actor.audit(
                "token.revoke",
                "api_token",
                &id.to_string(),
                Some(&before),
                after.as_ref(),
            ),
            &now,
        )
        .await?;
        Ok(commit(tx).await?)
    }

    /// Changes the actor's own password after checking the current one; ends all their
    /// other sessions.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<()> {
        let user = actor.id().ok_or(AppError::Forbidden)?;
        let mut inv = Invalid::default();
        let new = inv.take(NewPassword::parse("new_password", new));
        if new.as_ref().is_some_and(|n| n.expose() != confirm) {
            inv.push(FieldError::new("confirm_password", "password_mismatch"));
        }
        let stored = users::password_hash(&mut *self.store.read().await?, user).await?;
        if !password::verify(current.chars().take(1024).collect(), stored).await? {
            inv.push(FieldError::new("current_password", "password_wrong"));
        }
        inv.clone().into_result()?;
        let new = new.ok_or(AppError::Invalid(inv))?;
        let hash = password::hash(new.expose().to_owned()).await?;
        let now = simpul_domain::now_str();
        let mut tx = self.store.begin().await?;
        users::set_password(&mut tx, user, &hash, &now).await?;
        sessions::delete_for_user(&mut tx, user).await?;
        revoke_tokens_after_password(&mut tx, actor, user, "password_change", &now).await?;
        audit::append(
            &mut tx,
            actor.audit::<()>(
                "user.password_change",
                "user",
                &user.to_string(),
                None,
                None,
            ),
            &now,
        )
        .await?;
        Ok(commit(tx).await?)
    }
}

/// A changed or reset password ends the account's API tokens too (issue 9.8): whoever knew
/// the old password may have made one. Same transaction, one audit entry naming them.
pub(crate) async fn revoke_tokens_after_password(
    tx: &mut simpul_store::Tx,
    actor: &Actor,
    user: simpul_domain::ids::UserId,
    reason: &str,
    now: &str,
) -> Result<()> {
    let revoked = tokens::revoke_all_for_user(tx, user, now).await?;
    if !revoked.is_empty() {
        let after = serde_json::json!({ "reason": reason, "revoked": revoked });
        audit::append(
            tx,
            actor.audit(
                "token.revoke_all",
                "user",
                &user.to_string(),
                None,
                Some(&after),
            ),
            now,
        )
        .await?;
    }
    Ok(())
}

impl App {
    /// Deletes expired sessions (run hourly by `serve`).
    pub async fn purge_sessions(&self) -> Result<u64> {
        let mut tx = self.store.begin().await?;
        let now = simpul_domain::now_str();
        let n = sessions::purge_expired(&mut tx, &now).await?;
        // The database throttle's expired counters go with them (a no-op for the memory one).
        simpul_store::login_failures::purge_expired(&mut tx, &now).await?;
        commit(tx).await?;
        Ok(n)
    }
}
