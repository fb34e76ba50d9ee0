//! Lianxin (连心): a Telegram bot for micro-lecture outreach to party-branch members.

pub mod access;
pub mod admin;
pub mod app;
pub mod bench;
pub mod clock;
pub mod config;
pub mod delivery;
pub mod demo;
pub mod dialogue;
pub mod domain;
pub mod feedback;
pub mod handover;
pub mod i18n;
pub mod lessons;
pub mod logging;
pub mod notices;
pub mod onboarding;
pub mod points;
pub mod polls;
pub mod reply;
pub mod reports;
pub mod schedules;
pub mod service;
pub mod sessions;
pub mod store;
pub mod telegram;
