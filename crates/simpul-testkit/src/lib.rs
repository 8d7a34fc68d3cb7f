//! Test support shared by the integration tests of several crates (a dev-dependency only,
//! never linked into a binary): the fake SMTP server the reminder, outbox and kill -9 tests
//! deliver to.

pub mod smtp;
