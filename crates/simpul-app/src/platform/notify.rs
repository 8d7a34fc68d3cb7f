//! In-app notifications and their e-mail copies: the reminder run that notifies each PD's
//! operators of their due and overdue deadlines (and the administrators of a summary), the
//! user's notification list, and marking read. Title and body are stored as sent, in Bahasa
//! Indonesia, the language of the Pemda (e-mail copies, the API, old rows), together with
//! their message keys and arguments (`message_json`) so the web UI shows each reader's
//! language (issue 9.14).

use crate::deadlines::subject_link;
use crate::platform::mail::Mailer;
use crate::{Actor, App, AppError, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use simpul_domain::compliance::{Deadline, DeadlineState, Rule};
use simpul_domain::ids::RegionId;
use simpul_domain::now_str;
use simpul_domain::user::{Role, User};
use simpul_store::notifications::{self, NewNotification, Notification};
use simpul_store::{audit, commit, users};
use std::collections::BTreeMap;
use time::Date;

/// What one reminder run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReminderReport {
    /// Deadlines due soon or overdue.
    pub due: usize,
    /// Notifications written (already-notified deadlines are skipped).
    pub notified: usize,
    /// E-mails handed to the SMTP relay.
    pub emailed: usize,
    /// E-mails that could not be sent (logged; the notification stays in the app).
    pub email_failures: usize,
}

/// What a periodic rule asks, for people.
pub fn rule_label(rule: Rule) -> &'static str {
    match rule {
        Rule::Inf5 => "Penyampaian diagram LAN tahunan",
        Rule::Dat2 => "Pemutakhiran dataset",
        Rule::Dat7 => "Backup data ke Pusat Data",
        Rule::App13 => "Monitoring dan evaluasi aplikasi",
        Rule::Aud2 => "Audit aplikasi",
        Rule::Aud3 => "Audit keamanan",
        Rule::Eva1 => "Monitoring dan evaluasi SPBE",
        Rule::Eva2 => "Supervisi teknis",
        Rule::Pln2 => "Reviu Rencana Induk SPBE",
        Rule::Pln3 => "Reviu Peta Rencana SPBE",
        Rule::Pln4 => "Reviu Arsitektur SPBE",
        _ => "Kewajiban berkala",
    }
}

fn state_label(s: DeadlineState) -> &'static str {
    match s {
        DeadlineState::Overdue => "terlewat",
        DeadlineState::DueSoon => "segera jatuh tempo",
        DeadlineState::Upcoming => "akan datang",
    }
}

fn deadline_note<'a>(region: &'a RegionId, user: &User, d: &Deadline) -> NewNotification<'a> {
    let last = d
        .last_done
        .map_or_else(|| "belum pernah".to_owned(), |l| l.to_string());
    NewNotification {
        region,
        user: user.id,
        kind: match d.state {
            DeadlineState::Overdue => "deadline.overdue",
            _ => "deadline.due_soon",
        },
        title: format!(
            "{} {}: {}",
            rule_label(d.rule),
            state_label(d.state),
            d.subject.name
        ),
        body: format!(
            "{} ({}) untuk {}: tenggat {}, terakhir dilakukan {}.",
            rule_label(d.rule),
            d.rule,
            d.subject.name,
            d.due_on,
            last
        ),
        link: Some(subject_link(&d.subject)),
        message_json: Some(
            serde_json::json!({
                "title": {"key": "deadline_title", "args": {"rule": d.rule.to_string(), "state": d.state.code(), "subject": d.subject.name}},
                "body": {"key": "deadline_body", "args": {"rule": d.rule.to_string(), "subject": d.subject.name, "due_on": d.due_on.to_string(), "last_done": d.last_done.map(|l| l.to_string())}},
            })
            .to_string(),
        ),
        dedup_key: format!(
            "deadline:{}:{}:{}:{}",
            d.rule,
            d.subject.id,
            d.state.code(),
            d.due_on
        ),
    }
}

/// One summary for an administrator; its key changes only when the set of due items does.
fn summary_note<'a>(region: &'a RegionId, user: &User, due: &[&Deadline]) -> NewNotification<'a> {
    let overdue = due
        .iter()
        .filter(|d| d.state == DeadlineState::Overdue)
        .count();
    let mut h = Sha256::new();
    let mut lines = String::new();
    for d in due {
        h.update(format!(
            "{}:{}:{}:{};",
            d.rule,
            d.subject.id,
            d.state.code(),
            d.due_on
        ));
        lines.push_str(&format!(
            "- {} {}: {} (tenggat {})\n",
            rule_label(d.rule),
            state_label(d.state),
            d.subject.name,
            d.due_on
        ));
    }
    NewNotification {
        region,
        user: user.id,
        kind: "deadline.summary",
        title: format!(
            "Ringkasan tenggat SPBE: {overdue} terlewat, {} segera jatuh tempo",
            due.len() - overdue
        ),
        body: lines,
        link: Some("/kalender".to_owned()),
        message_json: Some(
            serde_json::json!({
                "title": {"key": "summary_title", "args": {"overdue": overdue, "due_soon": due.len() - overdue}},
                "body": {"key": "summary_body", "lines": due.iter().map(|d| serde_json::json!({
                    "rule": d.rule.to_string(), "state": d.state.code(), "subject": d.subject.name, "due_on": d.due_on.to_string(),
                })).collect::<Vec<_>>()},
            })
            .to_string(),
        ),
        dedup_key: format!("summary:{}", hex::encode(h.finalize())),
    }
}

impl App {
    /// Notifies every due-soon or overdue deadline of a region on `today` once per recipient:
    /// the operators of the subject's PD, and a summary to the administrators. New
    /// notifications go out by e-mail to recipients with an address when mail is configured.
    pub async fn run_reminders(&self, region: &RegionId, today: Date) -> Result<ReminderReport> {
        let all = self.region_deadlines(region, today).await?;
        let due: Vec<&Deadline> = all
            .iter()
            .filter(|d| d.state != DeadlineState::Upcoming)
            .collect();
        let mut report = ReminderReport {
            due: due.len(),
            ..ReminderReport::default()
        };
        let now = now_str();
        let mut tx = self.store.begin().await?;
        let people = users::active(&mut tx, region).await?;
        let mut notes = Vec::new();
        for u in &people {
            match (u.role, u.pd_id) {
                (Role::OperatorPd, Some(pd)) => notes.extend(
                    due.iter()
                        .filter(|d| d.subject.pd == Some(pd))
                        .map(|d| deadline_note(region, u, d)),
                ),
                (Role::AdminKominfo, _) if !due.is_empty() => {
                    notes.push(summary_note(region, u, &due))
                }
                _ => {}
            }
        }
        let mut fresh: BTreeMap<String, Vec<(String, NewNotification)>> = BTreeMap::new();
        for n in notes {
            if let Some(id) = notifications::insert_once(&mut tx, &n, &now).await? {
                report.notified += 1;
                fresh.entry(n.user.to_string()).or_default().push((id, n));
            }
        }
        if report.notified > 0 {
            let sys = Actor::system(region.clone(), "pengingat");
            let entry = sys.audit(
                "reminders.run",
                "region",
                region.as_str(),
                None,
                Some(&report),
            );
            audit::append(&mut tx, entry, &now).await?;
        }
        commit(tx).await?;
        self.email(&people, fresh, &mut report).await?;
        Ok(report)
    }

    /// Sends each recipient one e-mail listing their new notifications.
    async fn email(
        &self,
        people: &[User],
        fresh: BTreeMap<String, Vec<(String, NewNotification<'_>)>>,
        report: &mut ReminderReport,
    ) -> Result<()> {
        let mailer = Mailer::from_config(&self.config.mail)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let Some(mailer) = mailer else {
            return Ok(());
        };
        for u in people {
            let (Some(to), Some(list)) = (&u.email, fresh.get(&u.id.to_string())) else {
                continue;
            };
            let subject = match list.as_slice() {
                [(_, one)] => format!("[Simpul] {}", one.title),
                many => format!("[Simpul] {} pengingat tenggat SPBE", many.len()),
            };
            let mut body = format!("Yth. {},\n\n", u.full_name);
            for (_, n) in list {
                body.push_str(&format!("{}\n{}\n\n", n.title, n.body));
            }
            body.push_str("Lihat kalender tenggat di Simpul: /kalender\n");
            match mailer.send(to, &subject, body).await {
                Ok(()) => {
                    report.emailed += 1;
                    let now = now_str();
                    let mut tx = self.store.begin().await?;
                    for (id, _) in list {
                        notifications::mark_emailed(&mut tx, id, &now).await?;
                    }
                    commit(tx).await?;
                }
                Err(e) => {
                    report.email_failures += 1;
                    tracing::warn!(user = %u.id, error = %e, "reminder e-mail not sent");
                }
            }
        }
        Ok(())
    }

    /// The actor's notifications, newest first.
    pub async fn notifications(&self, actor: &Actor) -> Result<Vec<Notification>> {
        let id = actor.id().ok_or(AppError::Forbidden)?;
        Ok(notifications::for_user(&mut *self.store.read().await?, id, 200).await?)
    }

    /// How many of the actor's notifications are unread (0 for the system).
    pub async fn unread_notifications(&self, actor: &Actor) -> Result<i64> {
        match actor.id() {
            Some(id) => Ok(notifications::unread(&mut *self.store.read().await?, id).await?),
            None => Ok(0),
        }
    }

    /// Marks one of the actor's notifications read, or all of them (`None`). Read state is
    /// the reader's own, not a record of the region: it is not audited. Another user's
    /// notification is not found.
    pub async fn mark_read(&self, actor: &Actor, id: Option<&str>) -> Result<u64> {
        let user = actor.id().ok_or(AppError::Forbidden)?;
        let mut tx = self.store.begin().await?;
        let n = notifications::mark_read(&mut tx, user, id, &now_str()).await?;
        if id.is_some() && n == 0 {
            return Err(AppError::NotFound);
        }
        commit(tx).await?;
        Ok(n)
    }
}
