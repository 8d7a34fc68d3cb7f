//! The principal a use case runs for: a signed-in user, or the system itself (CLI, demo).

use serde::Serialize;
use simpul_domain::ids::{PdId, RegionId, UserId};
use simpul_domain::user::{Role, User};
use simpul_store::audit::NewEntry;

/// Who is acting, in which region, with which role and PD binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub id: Option<UserId>,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub region: RegionId,
    pub pd: Option<PdId>,
    /// The platform itself (shell commands, seeding); has administrator rights.
    pub system: bool,
}

impl Actor {
    pub fn from_user(u: &User) -> Actor {
        Actor {
            id: Some(u.id),
            username: u.username.clone(),
            full_name: u.full_name.clone(),
            role: u.role,
            region: u.region.clone(),
            pd: u.pd_id,
            system: false,
        }
    }

    /// The platform acting on its own, e.g. `simpul user add` or the demo seeder.
    pub fn system(region: RegionId, name: &str) -> Actor {
        Actor {
            id: None,
            username: name.to_owned(),
            full_name: name.to_owned(),
            role: Role::AdminKominfo,
            region,
            pd: None,
            system: true,
        }
    }

    /// The actor as the workflow kernel sees them.
    pub fn taker(&self) -> simpul_domain::workflow::Taker {
        simpul_domain::workflow::Taker {
            user: self.id,
            role: self.role,
            pd: self.pd,
            system: self.system,
        }
    }

    /// The role code recorded in history and audit: `system` for the platform.
    pub fn role_code(&self) -> &'static str {
        if self.system {
            "system"
        } else {
            self.role.code()
        }
    }

    /// An audit entry for an action of this actor on one record.
    pub fn audit<T: Serialize>(
        &self,
        action: &str,
        entity_type: &str,
        entity_id: &str,
        before: Option<&T>,
        after: Option<&T>,
    ) -> NewEntry {
        let json = |v: Option<&T>| v.and_then(|v| serde_json::to_value(v).ok());
        NewEntry {
            region: Some(self.region.to_string()),
            actor_id: self.id.map(|i| i.to_string()),
            actor_name: self.username.clone(),
            role: self.role_code().to_owned(),
            action: action.to_owned(),
            entity_type: entity_type.to_owned(),
            entity_id: entity_id.to_owned(),
            before: json(before),
            after: json(after),
        }
    }
}
