-- The points ledger: append-only; a correction is a new entry, never an edit.

CREATE TABLE points_ledger (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    rule        TEXT NOT NULL,            -- a [points.rules.<key>] key, or 'manual'
    points      INTEGER NOT NULL,
    source      TEXT NOT NULL,            -- the event it is for, e.g. notice:12
    award_key   TEXT NOT NULL UNIQUE,     -- member:rule:source: one award per event
    reason      TEXT,                     -- manual entries: why
    granted_by  INTEGER,                   -- manual entries: the secretary's Telegram id
    at          INTEGER NOT NULL
);
CREATE INDEX points_member ON points_ledger(member_id, at);
