-- Lianxin processes sharing this database, each kept fresh by its heartbeat: they split the
-- bot's sending budget between them, and /metrics shows how many there are.

CREATE TABLE instances (
    id          TEXT PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    seen_at     INTEGER NOT NULL
);
