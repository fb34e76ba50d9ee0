-- Recurring reminders: each schedule keeps its next occurrence; each occurrence fires once.

CREATE TABLE schedules (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    config_name  TEXT UNIQUE,                 -- a [[schedules]] entry of config.toml
    org_id       INTEGER REFERENCES orgs(id),   -- a branch's own schedule; NULL: county-wide
    name         TEXT NOT NULL,
    cron         TEXT NOT NULL,
    timezone     TEXT NOT NULL,
    audience     TEXT NOT NULL,               -- all | mobile | resident | groups
    message      TEXT NOT NULL,               -- a message id from messages/, or text
    grace_ms     INTEGER NOT NULL,
    paused       INTEGER NOT NULL DEFAULT 0,
    next_at      INTEGER,                       -- the next occurrence
    created_at   INTEGER NOT NULL
);
CREATE INDEX schedules_next ON schedules(paused, next_at);

-- One row per occurrence: the primary key makes it fire once across restarts and instances.
CREATE TABLE schedule_runs (
    schedule_id  INTEGER NOT NULL REFERENCES schedules(id),
    occurrence   INTEGER NOT NULL,
    status       TEXT NOT NULL,               -- fired | skipped
    at           INTEGER NOT NULL,
    PRIMARY KEY (schedule_id, occurrence)
);
