//! The `notifications` table: in-app messages to one user, deduplicated per user by a key.

use crate::insert::{self, table_insert};
use crate::query::{Update, Where};
use crate::{Conn, Result};
use serde::Serialize;
use simpul_domain::ids::{RegionId, UserId};

/// A stored notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Notification {
    pub id: String,
    /// What it is about, e.g. `deadline.overdue`, `deadline.summary`.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Where to look, a path of the web UI.
    pub link: Option<String>,
    pub created_at: String,
    pub read_at: Option<String>,
    pub emailed_at: Option<String>,
    /// The message keys and arguments of title and body (JSON), for showing it in the
    /// reader's language; `None` on rows written before (their texts are Indonesian).
    #[serde(skip)]
    pub message_json: Option<String>,
}

/// A notification to write.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub region: &'a RegionId,
    pub user: UserId,
    pub kind: &'a str,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    /// Unique per user: the same key is never notified twice.
    pub dedup_key: String,
    /// See [`Notification::message_json`].
    pub message_json: Option<String>,
}

const SELECT: &str = "SELECT id, kind, title, body, link, created_at, read_at, emailed_at, \
    message_json FROM notifications";

table_insert! {
    const INSERT = "notifications" conflict "dedup_key";
    fn bind(s: &(String, &NewNotification<'_>, &str)) {
        id = &s.0, region_id = s.1.region.as_str(), user_id = s.1.user.to_string(),
        kind = s.1.kind, title = &s.1.title, body = &s.1.body, link = &s.1.link,
        dedup_key = &s.1.dedup_key, created_at = s.2, message_json = &s.1.message_json,
    }
}

/// Inserts unless the user already has a notification with the key; returns the new id.
pub async fn insert_once(
    conn: &mut Conn,
    n: &NewNotification<'_>,
    now: &str,
) -> Result<Option<String>> {
    let row = (uuid::Uuid::now_v7().to_string(), n, now);
    let done = insert::one_unless_exists(conn, INSERT, "user_id, dedup_key", &row, bind).await?;
    Ok(done.then_some(row.0))
}

/// A user's notifications, newest first (at most `limit`).
pub async fn for_user(conn: &mut Conn, user: UserId, limit: i64) -> Result<Vec<Notification>> {
    let mut w = Where::new().eq("user_id", user.to_string());
    let rest = format!("ORDER BY created_at DESC, id DESC LIMIT {}", w.param(limit));
    w.all(conn, SELECT, &rest).await
}

/// How many of a user's notifications are unread.
pub async fn unread(conn: &mut Conn, user: UserId) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user.to_string())
    .fetch_one(conn)
    .await?)
}

/// Marks one (`Some(id)`) or all of a user's notifications read; returns how many changed.
pub async fn mark_read(conn: &mut Conn, user: UserId, id: Option<&str>, now: &str) -> Result<u64> {
    // One notification counts when it is the user's, read before or not, so that an id of
    // someone else's notification can be told apart (0).
    let u = Update::new("notifications");
    let u = match id {
        None => u
            .set("read_at", now)
            .filter(|w| w.eq("user_id", user.to_string()).and("read_at IS NULL")),
        Some(id) => {
            let mut u = u;
            let now = u.param(now);
            u.set_sql(format!("read_at = COALESCE(read_at, {now})"))
                .filter(|w| w.eq("user_id", user.to_string()).eq("id", id))
        }
    };
    u.run(conn).await
}

/// A user's notification with deduplication key `key`: its id and when it was e-mailed.
pub async fn by_dedup(
    conn: &mut Conn,
    user: UserId,
    key: &str,
) -> Result<Option<(String, Option<String>)>> {
    Where::new()
        .eq("user_id", user.to_string())
        .eq("dedup_key", key)
        .optional(conn, "SELECT id, emailed_at FROM notifications")
        .await
}

/// Records that the e-mail copy of a notification was sent.
pub async fn mark_emailed(conn: &mut Conn, id: &str, now: &str) -> Result<()> {
    Update::new("notifications")
        .set("emailed_at", now)
        .id(id)
        .run(conn)
        .await?;
    Ok(())
}
