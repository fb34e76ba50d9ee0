//! End-to-end tests: the real dispatcher, store and wording against the Telegram simulator.
//! SQLite by default; PostgreSQL when `LIANXIN_TEST_DATABASE_URL` is set.

mod authz;
mod cli;
mod crash;
mod delivery;
mod export;
mod feedback;
mod groups;
mod harness;
mod hostile;
mod import;
mod lessons;
mod notices;
mod onboarding;
mod ops;
mod points;
mod polls;
mod privacy;
mod reports;
mod schedules;
mod sessions;
mod stats;
mod store;
