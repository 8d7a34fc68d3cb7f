//! The API bodies of the caller's tokens.

use crate::api::dto::response;
use simpul_app::identity::auth;
use simpul_domain::ids::{TokenId, UserId};
use simpul_store::tokens;

response! {
    /// A token's metadata (never the token itself).
    TokenRow from tokens::TokenRow {
        #[schema(value_type = String)] id: TokenId,
        #[schema(value_type = String)] user_id: UserId,
        name: String,
        /// First characters of the token, to recognise it.
        prefix: String,
        created_at: String,
        last_used_at: Option<String>,
        revoked_at: Option<String>,
    }
}

response! {
    /// A freshly created API token: `secret` is shown once.
    CreatedToken from auth::CreatedToken {
        token: TokenRow => crate::api::dto::one,
        /// The bearer token. It is not stored and cannot be shown again.
        secret: String,
    }
}
