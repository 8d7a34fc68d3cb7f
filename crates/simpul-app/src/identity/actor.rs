//! The principal a use case runs for: a signed-in user, or the system itself (CLI, demo).

use serde::Serialize;
use simpul_domain::ids::{PdId, RegionId, UserId};
use simpul_domain::user::{Role, User};
use simpul_store::audit::NewEntry;

/// Who is acting, in which region, with which role and PD binding. Made only from a user row
/// ([`Actor::from_user`]) or as the platform itself ([`Actor::system`]); tests and benchmarks
/// that need a role without a user row use [`TestActor`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    id: Option<UserId>,
    username: String,
    full_name: String,
    role: Role,
    region: RegionId,
    pd: Option<PdId>,
    /// The platform itself (shell commands, seeding); has administrator rights.
    system: bool,
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

    /// The platform acting on its own, named after the job in history and audit (`actor_name`;
    /// the role recorded is `system`): e.g. `cli` for shell commands, `pengingat` for the daily
    /// reminders, `import` for bundle imports, `demo` for the demo seeder. Has administrator
    /// rights, no user id and no PD.
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

    /// The user this actor is; `None` for the platform (and test actors).
    pub fn id(&self) -> Option<UserId> {
        self.id
    }

    /// The login name, or the job name of a system actor.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The name shown to people.
    pub fn full_name(&self) -> &str {
        &self.full_name
    }

    /// The role; a system actor has the administrator's.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The region the actor acts in.
    pub fn region(&self) -> &RegionId {
        &self.region
    }

    /// The PD the actor is bound to, if any.
    pub fn pd(&self) -> Option<PdId> {
        self.pd
    }

    /// Whether this is the platform itself ([`Actor::system`]).
    pub fn is_system(&self) -> bool {
        self.system
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

/// An actor for tests and benchmarks: a person with a role in a region who has no user row
/// (`TestActor::new(Role::Auditor, region).username("a").pd(Some(pd)).build()`).
/// Use cases that look only at the role, region and PD accept it; anything that needs the
/// user (their id) wants [`Actor::from_user`].
#[derive(Debug, Clone)]
pub struct TestActor {
    role: Role,
    region: RegionId,
    username: String,
    full_name: Option<String>,
    pd: Option<PdId>,
}

impl TestActor {
    /// A person with `role` in `region`, named `u`, bound to no PD.
    pub fn new(role: Role, region: RegionId) -> TestActor {
        TestActor {
            role,
            region,
            username: "u".to_owned(),
            full_name: None,
            pd: None,
        }
    }

    /// Their login name (also their full name unless [`TestActor::full_name`] sets one).
    pub fn username(mut self, name: &str) -> TestActor {
        self.username = name.to_owned();
        self
    }

    /// Their full name.
    pub fn full_name(mut self, name: &str) -> TestActor {
        self.full_name = Some(name.to_owned());
        self
    }

    /// The PD they are bound to.
    pub fn pd(mut self, pd: Option<PdId>) -> TestActor {
        self.pd = pd;
        self
    }

    /// The actor.
    pub fn build(self) -> Actor {
        Actor {
            id: None,
            full_name: self.full_name.unwrap_or_else(|| self.username.clone()),
            username: self.username,
            role: self.role,
            region: self.region,
            pd: self.pd,
            system: false,
        }
    }
}
