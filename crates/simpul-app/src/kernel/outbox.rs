//! Delivery of the outbox after commit: each message is leased, done, and marked delivered;
//! a failure is retried with growing delays. An in-app notification is written with the
//! message's id as its deduplication key and its e-mail copy is sent only while the
//! notification has none recorded, so a message is delivered once even when a worker dies
//! after delivering it and before marking it (the next attempt finds both done). The one
//! window left is a crash between the SMTP server accepting a mail and the platform recording
//! it; the mail carries the message id in its Message-ID so a receiving server can drop the
//! second copy.

use crate::platform::mail::Mailer;
use crate::{App, AppError, Result};
use serde::{Deserialize, Serialize};
use simpul_domain::ids::UserId;
use simpul_domain::{now_utc, rfc3339};
use simpul_store::notifications::{self, NewNotification};
use simpul_store::{outbox, users};
use std::time::Duration;

/// The kind of an in-app notification (with its e-mail copy).
pub const NOTIFY: &str = "notify";

/// An in-app notification to one person, with an e-mail copy when mail is configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notify {
    pub user: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub message_json: Option<String>,
}

impl Notify {
    /// "You have something to do": the steps `steps` of case `applied` are now open to `user`.
    pub fn task(
        user: UserId,
        workflow: &str,
        label: &str,
        applied: &super::Applied,
        state: &str,
        steps: &[&str],
    ) -> Notify {
        Notify {
            user: user.to_string(),
            kind: "task.new".into(),
            title: format!("Tugas baru: {label} — {}", applied.title),
            body: format!(
                "{label} \"{}\" menunggu tindakan Anda (status: {state}).",
                applied.title
            ),
            link: Some(applied.link.clone()),
            message_json: Some(
                serde_json::json!({
                    "title": {"key": "task_title", "args": {"workflow": workflow, "title": applied.title}},
                    "body": {"key": "task_body", "args": {"workflow": workflow, "title": applied.title, "state": state, "steps": steps.join(",")}},
                })
                .to_string(),
            ),
        }
    }
}

/// What one delivery run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Delivery {
    pub delivered: usize,
    pub failed: usize,
    pub emailed: usize,
}

/// How long a worker holds a message before another may take it.
const LEASE: Duration = Duration::from_secs(120);

fn at(d: Duration) -> String {
    rfc3339(now_utc() + d)
}

/// The delay before attempt `n + 1`: 10 s, 20 s, 40 s … at most an hour.
fn backoff(attempts: i64) -> Duration {
    let exp = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    Duration::from_secs((10u64 << exp).min(3600))
}

impl App {
    /// Wakes the outbox worker (after a commit that queued something).
    pub fn wake_outbox(&self) {
        self.outbox_signal.notify_one();
    }

    /// Delivers every message due now; returns what it did.
    pub async fn deliver_outbox(&self) -> Result<Delivery> {
        let mut report = Delivery::default();
        let mailer = Mailer::from_config(&self.config.mail)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        loop {
            let now = rfc3339(now_utc());
            let batch = outbox::due(&mut *self.store.read().await?, &now, 50).await?;
            if batch.is_empty() {
                return Ok(report);
            }
            for row in batch {
                let leased = {
                    let mut tx = self.store.begin().await?;
                    let ok = outbox::lease(&mut tx, &row.id, &now, &at(LEASE)).await?;
                    simpul_store::commit(tx).await?;
                    ok
                };
                if !leased {
                    continue;
                }
                match self.deliver_one(&row, mailer.as_ref(), &mut report).await {
                    Ok(()) => {
                        let mut tx = self.store.begin().await?;
                        outbox::delivered(&mut tx, &row.id, &rfc3339(now_utc())).await?;
                        simpul_store::commit(tx).await?;
                        report.delivered += 1;
                    }
                    Err(e) => {
                        tracing::warn!(outbox = %row.id, error = %e, "outbox delivery failed");
                        let mut tx = self.store.begin().await?;
                        outbox::failed(
                            &mut tx,
                            &row.id,
                            &e.to_string(),
                            &at(backoff(row.attempts)),
                        )
                        .await?;
                        simpul_store::commit(tx).await?;
                        report.failed += 1;
                    }
                }
            }
        }
    }

    async fn deliver_one(
        &self,
        row: &outbox::OutboxRow,
        mailer: Option<&Mailer>,
        report: &mut Delivery,
    ) -> Result<()> {
        if row.kind != NOTIFY {
            return Err(AppError::Internal(format!(
                "unknown outbox kind {}",
                row.kind
            )));
        }
        let n: Notify = serde_json::from_str(&row.payload_json)
            .map_err(|e| AppError::Internal(format!("outbox payload: {e}")))?;
        let region = row
            .region_id
            .as_deref()
            .and_then(|r| simpul_domain::ids::RegionId::parse(r).ok())
            .ok_or_else(|| AppError::Internal("outbox row without region".into()))?;
        let user: UserId = n
            .user
            .parse()
            .map_err(|_| AppError::Internal("outbox payload: bad user id".into()))?;
        let dedup = format!("outbox:{}", row.id);
        let now = rfc3339(now_utc());
        let mut tx = self.store.begin().await?;
        notifications::insert_once(
            &mut tx,
            &NewNotification {
                region: &region,
                user,
                kind: &n.kind,
                title: n.title.clone(),
                body: n.body.clone(),
                link: n.link.clone(),
                dedup_key: dedup.clone(),
                message_json: n.message_json.clone(),
            },
            &now,
        )
        .await?;
        let stored = notifications::by_dedup(&mut tx, user, &dedup).await?;
        let person = users::get(&mut tx, user).await?;
        simpul_store::commit(tx).await?;
        let (Some(mailer), Some((id, emailed)), Some(person)) = (mailer, stored, person) else {
            return Ok(());
        };
        let Some(to) = person
            .email
            .as_deref()
            .filter(|_| emailed.is_none() && person.active)
        else {
            return Ok(());
        };
        let mut body = format!("Yth. {},\n\n{}\n\n", person.full_name, n.body);
        if let Some(link) = &n.link {
            body.push_str(&format!("Buka di Simpul: {link}\n"));
        }
        mailer
            .send_with_id(to, &format!("[Simpul] {}", n.title), body, &row.id)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.store.begin().await?;
        notifications::mark_emailed(&mut tx, &id, &rfc3339(now_utc())).await?;
        simpul_store::commit(tx).await?;
        report.emailed += 1;
        Ok(())
    }
}

/// Starts the outbox worker: delivers whenever a commit queued something, and every
/// 30 seconds for retries and for what a previous process left behind.
pub fn spawn_worker(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) = app.deliver_outbox().await {
                tracing::warn!(error = %e, "outbox run failed");
            }
            let _ =
                tokio::time::timeout(Duration::from_secs(30), app.outbox_signal.notified()).await;
        }
    })
}
