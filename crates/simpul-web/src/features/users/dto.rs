//! The API bodies of accounts and roles.

use crate::api::dto::{closed, request, response};
use simpul_domain::ids::{PdId, RegionId, UserId};
use simpul_domain::user;

closed! {
    /// Role of an account. Anonymous citizens have no account and see public pages only.
    Role = user::Role::ALL, user::Role::code;
}

response! {
    /// An account as stored (without its password hash).
    User from user::User {
        #[schema(value_type = String)] id: UserId,
        #[schema(value_type = String)] region: RegionId,
        username: String,
        full_name: String,
        email: Option<String>,
        #[schema(value_type = Role)] role: user::Role,
        #[schema(value_type = Option<String>)] pd_id: Option<PdId>,
        active: bool,
        created_at: String,
        updated_at: String,
    }
}

request! {
    /// Untrusted input for creating or editing an account.
    UserInput into user::UserInput {
        username: String,
        full_name: String,
        #[serde(default)] email: Option<String>,
        role: String,
        #[serde(default)] pd_id: Option<String>,
        #[serde(default = "yes")] active: bool,
    }
}

fn yes() -> bool {
    true
}
