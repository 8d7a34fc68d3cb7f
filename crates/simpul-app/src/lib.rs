//! Use cases of Simpul. Every write is one transaction that validates, authorizes, changes
//! and appends its audit entry; authorization is decided here so the HTML pages and the JSON
//! API cannot diverge.

// Features: each owns its use cases, its policy predicates and its views.
pub mod catalogue;
pub mod compliance;
pub mod deadlines;
pub mod evaluation;
pub mod identity;
pub mod org;
pub mod sanctions;

// Shared machinery: the workflow kernel and the platform services every feature uses.
pub mod kernel;
pub mod platform;

pub use identity::actor::Actor;
pub use platform::error::AppError;
pub use simpul_store::{Page, Paging, Store};

use identity::throttle;
use platform::mail;
use std::sync::Arc;
use std::time::Duration;

/// Settings of the application layer.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// How long a browser session lives without re-login.
    pub session_ttl: Duration,
    /// Login throttling: exponential delays per account + address and per address.
    pub throttle: throttle::Limits,
    /// Where the throttle's counters live (memory or the database shared by nodes).
    pub throttle_store: throttle::ThrottleStore,
    /// This node's name in logs and job leases (`[server] node_id`, else hostname:pid).
    pub node_id: String,
    /// The background job scheduler's tick, lease length and retry delay.
    pub jobs: kernel::jobs::JobsConfig,
    /// Where documents are stored (`<data_dir>/blobs`).
    pub data_dir: std::path::PathBuf,
    /// Outgoing e-mail (reminders); off when `smtp_url` is empty.
    pub mail: mail::MailConfig,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            session_ttl: Duration::from_secs(12 * 3600),
            throttle: throttle::Limits::default(),
            throttle_store: throttle::ThrottleStore::default(),
            node_id: kernel::jobs::default_node_id(),
            jobs: kernel::jobs::JobsConfig::default(),
            data_dir: std::path::PathBuf::from("data"),
            mail: mail::MailConfig::default(),
        }
    }
}

/// The application: store plus in-process state. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub config: Arc<AppConfig>,
    throttle: Arc<dyn throttle::LoginThrottle>,
    blobs: Arc<dyn simpul_store::blobs::BlobStore>,
    /// The platform signing key, loaded on first use (see [`signing`]).
    signer: Arc<std::sync::Mutex<Option<simpul_domain::signing::PlatformKey>>>,
    /// Spreadsheet imports running now (see [`App::import_slot`]).
    imports: Arc<tokio::sync::Semaphore>,
    /// Wakes the outbox worker after a commit that queued messages ([`kernel::outbox`]).
    outbox_signal: Arc<tokio::sync::Notify>,
    workflows: Arc<std::sync::RwLock<Vec<Arc<dyn kernel::registry::CaseFlow>>>>,
}

/// At most this many spreadsheet imports run at once: each may hold some tens of MB while
/// its file is read and checked (issue 9.5).
pub const IMPORT_SLOTS: usize = 2;
/// How long an import waits for a slot before it is refused with [`AppError::Busy`].
pub const IMPORT_WAIT: Duration = Duration::from_secs(3);

impl App {
    pub fn new(store: Store, config: AppConfig) -> App {
        let throttle = throttle::build(config.throttle_store, config.throttle, &store);
        let blobs = Arc::new(simpul_store::blobs::DirBlobStore::new(&config.data_dir));
        App {
            store,
            config: Arc::new(config),
            throttle: Arc::from(throttle),
            blobs,
            signer: Arc::default(),
            imports: Arc::new(tokio::sync::Semaphore::new(IMPORT_SLOTS)),
            outbox_signal: Arc::default(),
            workflows: Arc::new(std::sync::RwLock::new(kernel::registry::standard())),
        }
    }

    /// A slot for one spreadsheet import, held until the returned permit is dropped; waits
    /// at most [`IMPORT_WAIT`], then answers [`AppError::Busy`].
    pub async fn import_slot(&self) -> Result<tokio::sync::OwnedSemaphorePermit> {
        match tokio::time::timeout(IMPORT_WAIT, self.imports.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(AppError::Busy {
                retry_after_secs: IMPORT_WAIT.as_secs().max(1),
            }),
        }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
