//! Delivery of the outbox after commit: each message is leased, done, and marked delivered;
//! a failure is retried with growing delays. An in-app notification is written with the
//! message's id as its deduplication key and its e-mail copy is sent only while the
//! notification has none recorded, so a message is delivered once even when a worker dies
//! after delivering it and before marking it (the next attempt finds both done). The one
//! window left is a crash between the SMTP server accepting a mail and the platform recording
//! it; the mail carries the message id in its Message-ID so a receiving server can drop the
//! second copy.

use crate::platform::mail::Mailer;
use crate::platform::metrics::{self, Job};
use crate::{App, AppError, Result};
use serde::{Deserialize, Serialize};
use simpul_domain::ids::UserId;
use simpul_domain::{now_utc, rfc3339};
use simpul_store::notifications::{self, NewNotification};
use simpul_store::{outbox, users, Conn};
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

    /// Delivers every message due now; returns what it did. Messages are taken in batches:
    /// one transaction leases a batch, writes each message's in-app notification and marks
    /// delivered those that need no e-mail (so an in-app notification and its delivered mark
    /// commit together, exactly once); the e-mail copies are sent after that commit, each
    /// marked in a transaction of its own.
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
            let mails = match self
                .deliver_in_app(&batch, &mailer, &now, &mut report)
                .await
            {
                Ok(mails) => mails,
                // A database error in one message rolled back the batch: take them one at a
                // time, so that one bad message is retried later and the others go through.
                Err(_) => {
                    let mut mails = Vec::new();
                    for row in &batch {
                        let one = std::slice::from_ref(row);
                        match self.deliver_in_app(one, &mailer, &now, &mut report).await {
                            Ok(mut m) => mails.append(&mut m),
                            Err(e) => {
                                let mut tx = self.store.begin().await?;
                                self.record_failure(&mut tx, row, &e, &mut report).await?;
                                simpul_store::commit(tx).await?;
                            }
                        }
                    }
                    mails
                }
            };
            if let Some(mailer) = &mailer {
                for (row, mail) in mails {
                    let sent = mail.send(mailer, &row.id).await;
                    let mut tx = self.store.begin().await?;
                    match sent {
                        Ok(()) => {
                            let now = rfc3339(now_utc());
                            notifications::mark_emailed(&mut tx, &mail.notification, &now).await?;
                            outbox::delivered(&mut tx, &row.id, &now).await?;
                            report.emailed += 1;
                            report.delivered += 1;
                        }
                        Err(e) => self.record_failure(&mut tx, row, &e, &mut report).await?,
                    }
                    simpul_store::commit(tx).await?;
                }
            }
        }
    }

    /// One transaction over `rows`: leases each, writes its in-app notification, marks
    /// delivered those that need no e-mail; returns the e-mails still to send. The report
    /// counts only what was committed.
    async fn deliver_in_app<'r>(
        &self,
        rows: &'r [outbox::OutboxRow],
        mailer: &Option<Mailer>,
        now: &str,
        report: &mut Delivery,
    ) -> Result<Vec<(&'r outbox::OutboxRow, Mail)>> {
        let mut done = Delivery::default();
        let mut mails = Vec::new();
        let mut tx = self.store.begin().await?;
        for row in rows {
            if !outbox::lease(&mut tx, &row.id, now, &at(LEASE)).await? {
                continue;
            }
            match self.notify_in_app(&mut tx, row, mailer.is_some()).await {
                Ok(None) => {
                    outbox::delivered(&mut tx, &row.id, now).await?;
                    done.delivered += 1;
                }
                Ok(Some(mail)) => mails.push((row, mail)),
                Err(e @ AppError::Internal(_)) => {
                    self.record_failure(&mut tx, row, &e, &mut done).await?
                }
                Err(e) => return Err(e),
            }
        }
        simpul_store::commit(tx).await?;
        report.delivered += done.delivered;
        report.failed += done.failed;
        Ok(mails)
    }

    /// Records a failed attempt at `row`; the next is due after a growing delay.
    async fn record_failure(
        &self,
        conn: &mut Conn,
        row: &outbox::OutboxRow,
        e: &AppError,
        report: &mut Delivery,
    ) -> Result<()> {
        tracing::warn!(outbox = %row.id, error = %e, "outbox delivery failed");
        outbox::failed(conn, &row.id, &e.to_string(), &at(backoff(row.attempts))).await?;
        report.failed += 1;
        Ok(())
    }

    /// Writes the in-app notification of `row` (once: the message id is its deduplication
    /// key); returns its e-mail copy when one is still to be sent.
    async fn notify_in_app(
        &self,
        conn: &mut Conn,
        row: &outbox::OutboxRow,
        mail_configured: bool,
    ) -> Result<Option<Mail>> {
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
        notifications::insert_once(
            conn,
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
        if !mail_configured {
            return Ok(None);
        }
        let stored = notifications::by_dedup(conn, user, &dedup).await?;
        let person = users::get(conn, user).await?;
        let (Some((id, None)), Some(person)) = (stored, person) else {
            return Ok(None);
        };
        let Some(to) = person.email.clone().filter(|_| person.active) else {
            return Ok(None);
        };
        let mut body = format!("Yth. {},\n\n{}\n\n", person.full_name, n.body);
        if let Some(link) = &n.link {
            body.push_str(&format!("Buka di Simpul: {link}\n"));
        }
        Ok(Some(Mail {
            notification: id,
            to,
            subject: format!("[Simpul] {}", n.title),
            body,
        }))
    }
}

/// The e-mail copy of a notification, sent after the in-app one is committed.
struct Mail {
    notification: String,
    to: String,
    subject: String,
    body: String,
}

impl Mail {
    async fn send(&self, mailer: &Mailer, message_id: &str) -> Result<()> {
        mailer
            .send_with_id(&self.to, &self.subject, self.body.clone(), message_id)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))
    }
}

/// Starts the outbox worker: delivers whenever a commit queued something, and every
/// 30 seconds for retries and for what a previous process left behind.
pub fn spawn_worker(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match metrics::timed(Job::Outbox, app.deliver_outbox()).await {
                Ok(d) => metrics::outbox_run(d.delivered, d.failed),
                Err(e) => tracing::warn!(error = %e, "outbox run failed"),
            }
            let _ =
                tokio::time::timeout(Duration::from_secs(30), app.outbox_signal.notified()).await;
        }
    })
}
