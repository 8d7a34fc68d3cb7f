//! Configuration: defaults in code, then `simpul.toml`, then `SIMPUL_<SECTION>__<KEY>`
//! environment variables (and the short `SIMPUL_DATABASE_URL`).

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub database: Database,
    pub server: Server,
    pub log: Log,
    pub session: Session,
    pub data: Data,
    pub web: Web,
    /// Outgoing e-mail: `smtp_url` (empty = off) and `from`.
    pub mail: simpul_app::platform::mail::MailConfig,
    pub outbox: Outbox,
    pub kernel: Kernel,
    /// Scheduled backups of `serve` (off unless `dir` is set).
    pub backup: crate::backup_cmd::schedule::BackupConfig,
    pub jobs: Jobs,
    pub metrics: Metrics,
}

/// The background job scheduler (jobs run once across the nodes sharing a database).
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct Jobs {
    /// Seconds between the scheduler's looks for due jobs (the first is at start).
    pub tick_secs: u64,
    /// Seconds a node holds a job's lease without renewing it; a node that dies mid-job
    /// hands the job over after this long.
    pub lease_secs: u64,
    /// Seconds after which a failed run is tried again in the same slot.
    pub retry_secs: u64,
}

impl Default for Jobs {
    fn default() -> Self {
        let d = simpul_app::kernel::jobs::JobsConfig::default();
        Jobs {
            tick_secs: d.tick.as_secs(),
            lease_secs: d.lease.as_secs(),
            retry_secs: d.retry_after.as_secs(),
        }
    }
}

impl Jobs {
    pub fn config(&self) -> simpul_app::kernel::jobs::JobsConfig {
        use std::time::Duration;
        simpul_app::kernel::jobs::JobsConfig {
            tick: Duration::from_secs(self.tick_secs.max(1)),
            lease: Duration::from_secs(self.lease_secs.max(3)),
            retry_after: Duration::from_secs(self.retry_secs),
        }
    }
}

/// Prometheus metrics (`[metrics]`, docs/OPERATIONS.md "Metrik").
#[derive(Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Metrics {
    /// Address of the separate listener serving `/metrics`, e.g. `127.0.0.1:9464`. Empty
    /// (the default) turns metrics off; the packaged configuration sets `127.0.0.1:9464`.
    /// `SIMPUL_METRICS__BIND`.
    pub bind: String,
}

/// Delivery of the workflow kernel's outbox (notifications and their e-mail copies).
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct Outbox {
    /// Whether `serve` runs the delivery worker; `false` pauses delivery (messages wait in
    /// the outbox and are delivered once it is on again). `SIMPUL_OUTBOX__DELIVER`.
    pub deliver: bool,
}

impl Default for Outbox {
    fn default() -> Self {
        Outbox { deliver: true }
    }
}

/// Switches of the workflow kernel.
#[derive(Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Kernel {
    /// Registers the kernel's test workflow `trial` (`simpul_app::kernel::testing`) so the
    /// platform's own end-to-end tests can take steps through the generic case API. Off by
    /// default; never turn it on in production. `SIMPUL_KERNEL__TRIAL_WORKFLOW`.
    pub trial_workflow: bool,
}

/// The HTTP layer behind a reverse proxy.
#[derive(Deserialize, Clone, Debug, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Web {
    /// Proxies (addresses or CIDR blocks) whose `X-Forwarded-For` is believed; none by
    /// default. A list, or one comma-separated string (as from the environment).
    pub trusted_proxies: ProxyList,
}

#[derive(Deserialize, Clone, Debug)]
#[serde(untagged)]
pub enum ProxyList {
    List(Vec<String>),
    Text(String),
}

impl Default for ProxyList {
    fn default() -> Self {
        ProxyList::List(Vec::new())
    }
}

impl Web {
    /// The parsed trusted proxies; a bad entry is a configuration error naming it.
    pub fn trusted_proxies(&self) -> Result<Vec<simpul_web::client_addr::Cidr>> {
        let items: Vec<&str> = match &self.trusted_proxies {
            ProxyList::List(v) => v.iter().map(String::as_str).collect(),
            ProxyList::Text(s) => s.split(',').collect(),
        };
        items
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse()
                    .map_err(|e| anyhow::anyhow!("web.trusted_proxies: {e}"))
            })
            .collect()
    }
}

/// Where files live.
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct Data {
    /// Directory for documents (content-addressed under `blobs/`).
    pub dir: String,
}

impl Default for Data {
    fn default() -> Self {
        Data { dir: "data".into() }
    }
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct Database {
    /// `sqlite://PATH` or `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`.
    pub url: String,
}

impl Default for Database {
    fn default() -> Self {
        Database {
            url: simpul_store::DEFAULT_URL.to_owned(),
        }
    }
}

/// The URL with any password replaced, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("url", &redact_url(&self.url))
            .finish()
    }
}

#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct Server {
    pub bind: String,
    /// Set when Simpul is reached over HTTPS, so cookies are marked `Secure`.
    pub secure_cookies: bool,
    /// Largest request body in bytes.
    pub max_body_bytes: usize,
    /// This node's name in logs and job leases; empty: `hostname:pid`.
    pub node_id: String,
}

impl Default for Server {
    fn default() -> Self {
        Server {
            bind: "127.0.0.1:8080".into(),
            secure_cookies: false,
            max_body_bytes: 1024 * 1024,
            node_id: String::new(),
        }
    }
}

#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct Log {
    /// `text` or `json`.
    pub format: String,
    /// A tracing filter, e.g. `info` or `simpul_web=debug,info`.
    pub level: String,
}

impl Default for Log {
    fn default() -> Self {
        Log {
            format: "text".into(),
            level: "info".into(),
        }
    }
}

#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct Session {
    pub ttl_hours: u64,
    /// Where the login throttle counts failures: `auto` (the database on PostgreSQL, where
    /// several nodes may share it; memory on SQLite), `memory` or `database`.
    pub throttle: String,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            ttl_hours: 12,
            throttle: "auto".into(),
        }
    }
}

impl Session {
    pub fn throttle_store(&self) -> Result<simpul_app::identity::throttle::ThrottleStore> {
        simpul_app::identity::throttle::ThrottleStore::parse(&self.throttle).ok_or_else(|| {
            anyhow::anyhow!(
                "session.throttle: `{}` is not auto, memory or database",
                self.throttle
            )
        })
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database", &self.database)
            .field("server", &self.server)
            .field("log", &self.log)
            .field("web", &self.web)
            .field("mail", &self.mail)
            .field("outbox", &self.outbox)
            .field("kernel", &self.kernel)
            .field("backup", &self.backup)
            .field("jobs", &self.jobs)
            .field("metrics", &self.metrics)
            .finish()
    }
}

fn env_value(raw: &str) -> toml::Value {
    if let Ok(b) = raw.parse::<bool>() {
        return toml::Value::Boolean(b);
    }
    if let Ok(i) = raw.parse::<i64>() {
        return toml::Value::Integer(i);
    }
    toml::Value::String(raw.to_owned())
}

impl Config {
    /// Loads the configuration. `file` is `simpul.toml` unless given; a missing default file
    /// is fine, a missing named file is an error.
    pub fn load(
        file: Option<&Path>,
        env: impl Iterator<Item = (String, String)>,
    ) -> Result<Config> {
        let mut table = toml::Table::new();
        let path = file.unwrap_or(Path::new("simpul.toml"));
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            table = text
                .parse::<toml::Table>()
                .with_context(|| format!("parsing {}", path.display()))?;
        } else if file.is_some() {
            bail!("configuration file {} does not exist", path.display());
        }
        for (k, v) in env {
            let Some(rest) = k.strip_prefix("SIMPUL_") else {
                continue;
            };
            let (section, key) = match rest.split_once("__") {
                Some((s, k)) => (s.to_ascii_lowercase(), k.to_ascii_lowercase()),
                None if rest == "DATABASE_URL" => ("database".into(), "url".into()),
                None => continue,
            };
            if !matches!(
                section.as_str(),
                "database"
                    | "server"
                    | "log"
                    | "session"
                    | "data"
                    | "mail"
                    | "web"
                    | "outbox"
                    | "kernel"
                    | "backup"
                    | "jobs"
                    | "metrics"
            ) {
                continue;
            }
            let entry = table
                .entry(section)
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(t) = entry {
                t.insert(key, env_value(&v));
            }
        }
        let cfg: Config = toml::Value::Table(table)
            .try_into()
            .context("invalid configuration")?;
        cfg.web.trusted_proxies()?;
        cfg.session.throttle_store()?;
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_environment() {
        let env = vec![
            (
                "SIMPUL_DATABASE_URL".to_owned(),
                "postgres://u:secret@127.0.0.1/db".to_owned(),
            ),
            (
                "SIMPUL_SERVER__SECURE_COOKIES".to_owned(),
                "true".to_owned(),
            ),
            ("SIMPUL_LOG__FORMAT".to_owned(), "json".to_owned()),
            ("OTHER".to_owned(), "x".to_owned()),
        ];
        let c = Config::load(
            Some(Path::new("/nonexistent/simpul.toml")).filter(|_| false),
            env.into_iter(),
        )
        .unwrap();
        assert_eq!(c.database.url, "postgres://u:secret@127.0.0.1/db");
        assert!(c.server.secure_cookies);
        assert_eq!(c.log.format, "json");
        assert_eq!(c.server.bind, "127.0.0.1:8080");
        assert!(!format!("{c:?}").contains("secret"));
    }

    #[test]
    fn outbox_delivery_is_on_by_default_and_paused_from_the_environment() {
        let c = Config::load(None, std::iter::empty()).unwrap();
        assert!(c.outbox.deliver && !c.kernel.trial_workflow);
        let env = vec![
            ("SIMPUL_OUTBOX__DELIVER".to_owned(), "false".to_owned()),
            (
                "SIMPUL_KERNEL__TRIAL_WORKFLOW".to_owned(),
                "true".to_owned(),
            ),
        ];
        let c = Config::load(None, env.into_iter()).unwrap();
        assert!(!c.outbox.deliver && c.kernel.trial_workflow);
    }

    #[test]
    fn mail_from_the_environment_with_the_password_redacted() {
        let env = vec![
            (
                "SIMPUL_MAIL__SMTP_URL".to_owned(),
                "smtp://kominfo:rahasia@127.0.0.1:2525".to_owned(),
            ),
            (
                "SIMPUL_MAIL__FROM".to_owned(),
                "simpul@metrokota.go.id".to_owned(),
            ),
        ];
        let c = Config::load(None, env.into_iter()).unwrap();
        assert_eq!(c.mail.smtp_url, "smtp://kominfo:rahasia@127.0.0.1:2525");
        assert_eq!(c.mail.from, "simpul@metrokota.go.id");
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("rahasia") && shown.contains("kominfo:***@"),
            "{shown}"
        );
        assert!(Config::load(None, std::iter::empty())
            .unwrap()
            .mail
            .smtp_url
            .is_empty());
    }

    #[test]
    fn trusted_proxies_are_none_by_default_and_parsed_from_a_list_or_the_environment() {
        let c = Config::load(None, std::iter::empty()).unwrap();
        assert!(c.web.trusted_proxies().unwrap().is_empty());
        let env = vec![(
            "SIMPUL_WEB__TRUSTED_PROXIES".to_owned(),
            "127.0.0.1, 10.0.0.0/8".to_owned(),
        )];
        let c = Config::load(None, env.into_iter()).unwrap();
        assert_eq!(c.web.trusted_proxies().unwrap().len(), 2);
        let bad = vec![(
            "SIMPUL_WEB__TRUSTED_PROXIES".to_owned(),
            "proxy.local".to_owned(),
        )];
        let e = Config::load(None, bad.into_iter()).err().unwrap();
        assert!(format!("{e:#}").contains("proxy.local"), "{e:#}");
        let file = std::env::temp_dir().join(format!("simpul-web-{}.toml", std::process::id()));
        std::fs::write(
            &file,
            "[web]\ntrusted_proxies = [\"127.0.0.1\", \"fd00::/8\"]\n",
        )
        .unwrap();
        let c = Config::load(Some(&file), std::iter::empty()).unwrap();
        assert_eq!(c.web.trusted_proxies().unwrap().len(), 2);
        let _ = std::fs::remove_file(file);
    }

    #[test]
    fn scheduled_backups_are_off_by_default_and_set_from_the_example_file_or_the_environment() {
        let c = Config::load(None, std::iter::empty()).unwrap();
        assert!(c.backup.dir.is_empty() && c.backup.every_hours == 24 && c.backup.keep == 7);
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/example.toml");
        let c = Config::load(Some(&example), std::iter::empty()).unwrap();
        assert!(c.backup.dir.is_empty());
        let env = vec![
            (
                "SIMPUL_BACKUP__DIR".to_owned(),
                "/var/backups/simpul".to_owned(),
            ),
            ("SIMPUL_BACKUP__KEEP".to_owned(), "3".to_owned()),
        ];
        let c = Config::load(None, env.into_iter()).unwrap();
        assert_eq!(
            (c.backup.dir.as_str(), c.backup.keep),
            ("/var/backups/simpul", 3)
        );
    }

    #[test]
    fn the_example_configuration_parses_and_jobs_and_throttle_come_from_the_environment() {
        let example = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../config/example.toml"
        ));
        let c = Config::load(Some(example), std::iter::empty()).unwrap();
        assert_eq!(
            c.jobs.config(),
            simpul_app::kernel::jobs::JobsConfig::default()
        );
        assert_eq!(
            c.session.throttle_store().unwrap(),
            simpul_app::identity::throttle::ThrottleStore::Auto
        );
        let env = vec![
            ("SIMPUL_JOBS__TICK_SECS".to_owned(), "2".to_owned()),
            ("SIMPUL_JOBS__LEASE_SECS".to_owned(), "6".to_owned()),
            ("SIMPUL_SESSION__THROTTLE".to_owned(), "database".to_owned()),
            ("SIMPUL_SERVER__NODE_ID".to_owned(), "simpul-2".to_owned()),
        ];
        let c = Config::load(None, env.into_iter()).unwrap();
        assert_eq!(c.jobs.config().tick, std::time::Duration::from_secs(2));
        assert_eq!(c.jobs.config().lease, std::time::Duration::from_secs(6));
        assert_eq!(c.server.node_id, "simpul-2");
        assert_eq!(
            c.session.throttle_store().unwrap(),
            simpul_app::identity::throttle::ThrottleStore::Database
        );
        let bad = vec![("SIMPUL_SESSION__THROTTLE".to_owned(), "redis".to_owned())];
        let e = Config::load(None, bad.into_iter()).err().unwrap();
        assert!(format!("{e:#}").contains("redis"), "{e:#}");
    }

    #[test]
    fn metrics_are_off_by_default_and_bound_from_the_environment() {
        let c = Config::load(None, std::iter::empty()).unwrap();
        assert!(c.metrics.bind.is_empty());
        let env = vec![(
            "SIMPUL_METRICS__BIND".to_owned(),
            "127.0.0.1:9464".to_owned(),
        )];
        let c = Config::load(None, env.into_iter()).unwrap();
        assert_eq!(c.metrics.bind, "127.0.0.1:9464");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact_url("postgres://u:pw@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact_url("sqlite://data/simpul.db"),
            "sqlite://data/simpul.db"
        );
    }

    #[test]
    fn a_named_missing_file_is_an_error() {
        assert!(Config::load(
            Some(Path::new("/nonexistent/simpul.toml")),
            std::iter::empty()
        )
        .is_err());
    }
}
