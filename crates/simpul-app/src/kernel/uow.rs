//! The unit of work: one transaction per use case, holding the actor, the time, the audit
//! entries written and the outbox messages queued. `commit` refuses a write that appended no
//! audit entry, so a write path that forgets its audit entry fails in every test that runs it.

use crate::{Actor, App, AppError, Result};
use serde::Serialize;
use simpul_domain::now_str;
use simpul_store::{audit, commit, outbox, Conn, Tx};

pub struct Uow {
    tx: Tx,
    actor: Actor,
    now: String,
    /// Audit entries, appended to the chain at commit: the chain's head is locked only for
    /// the last statements of the transaction, so concurrent units of work queue there for
    /// microseconds instead of for their whole run.
    audit: Vec<audit::NewEntry>,
    queued: usize,
}

impl App {
    /// Starts a unit of work for `actor`.
    pub async fn write(&self, actor: &Actor) -> Result<Uow> {
        Ok(Uow {
            tx: self.store.begin().await?,
            actor: actor.clone(),
            now: now_str(),
            audit: Vec::new(),
            queued: 0,
        })
    }
}

/// A unit of work is used as its transaction's connection (`&mut uow` where a store function
/// takes `&mut Conn`).
impl std::ops::Deref for Uow {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.tx
    }
}

impl std::ops::DerefMut for Uow {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.tx
    }
}

impl Uow {
    /// The transaction's connection.
    pub fn conn(&mut self) -> &mut Conn {
        &mut self.tx
    }

    /// The time of this unit of work (every row it writes carries it).
    pub fn now(&self) -> &str {
        &self.now
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Records an audit entry for the actor's action on one entity (appended to the chain,
    /// in this transaction, at [`Uow::commit`]).
    pub async fn audit<T: Serialize>(
        &mut self,
        action: &str,
        entity_type: &str,
        entity_id: &str,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<()> {
        let entry = self
            .actor
            .audit(action, entity_type, entity_id, before, after);
        self.audit.push(entry);
        Ok(())
    }

    /// Queues a side effect, delivered after commit ([`super::outbox`]).
    pub async fn queue<T: Serialize>(&mut self, kind: &str, payload: &T) -> Result<String> {
        let json = serde_json::to_string(payload)
            .map_err(|e| AppError::Internal(format!("outbox payload: {e}")))?;
        let region = self.actor.region().to_string();
        let id = outbox::push(&mut self.tx, Some(&region), kind, &json, &self.now).await?;
        self.queued += 1;
        Ok(id)
    }

    /// Commits; wakes the outbox worker when something was queued. A unit of work that
    /// appended no audit entry is refused (and rolled back).
    pub async fn commit(mut self, app: &App) -> Result<()> {
        if self.audit.is_empty() {
            return Err(AppError::Internal(
                "a write without an audit entry was refused".into(),
            ));
        }
        for entry in std::mem::take(&mut self.audit) {
            audit::append(&mut self.tx, entry, &self.now).await?;
        }
        commit(self.tx).await?;
        if self.queued > 0 {
            app.wake_outbox();
        }
        Ok(())
    }
}
