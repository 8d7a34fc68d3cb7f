//! Identity: accounts, sign-in and sessions, passwords, login throttling, the acting user.

pub mod actor;
pub mod auth;
pub mod password;
pub mod policy;
pub mod throttle;
pub mod users;
