//! The API bodies of deadlines and notifications.

use crate::api::dto::{closed, response};
use crate::features::compliance::dto::{Rule, SubjectKind};
use simpul_domain::compliance;
use simpul_domain::ids::PdId;
use simpul_store::notifications;
use time::Date;

time::serde::format_description!(ymd, Date, "[year]-[month]-[day]");

closed! {
    /// Where a deadline stands on the snapshot's day.
    DeadlineState = compliance::DeadlineState::ALL, compliance::DeadlineState::code;
}

response! {
    /// When one subject next has to do what a periodic rule asks.
    Deadline from compliance::Deadline {
        #[schema(value_type = Rule)] rule: compliance::Rule,
        subject: Subject => crate::api::dto::one,
        /// The last day the obligation is met; today when it was never done.
        #[schema(value_type = String, format = Date)] #[serde(with = "ymd")] due_on: Date,
        #[schema(value_type = DeadlineState)] state: compliance::DeadlineState,
        /// When it was last done, if ever.
        #[schema(value_type = Option<String>, format = Date)] #[serde(with = "ymd::option")] last_done: Option<Date>,
    }
}

response! {
    /// What one check was about.
    Subject from compliance::Subject {
        #[schema(value_type = SubjectKind)] kind: compliance::SubjectKind,
        /// Record id, PD id or region slug.
        id: String,
        /// The PD responsible (none for region-wide checks).
        #[schema(value_type = Option<String>)] pd: Option<PdId>,
        /// Name for people (record name or PD short name).
        name: String,
    }
}

response! {
    /// A stored notification.
    Notification from notifications::Notification {
        id: String,
        /// What it is about, e.g. `deadline.overdue`, `deadline.summary`.
        kind: String,
        title: String,
        body: String,
        /// Where to look, a path of the web UI.
        link: Option<String>,
        created_at: String,
        read_at: Option<String>,
        emailed_at: Option<String>,
    }
}
