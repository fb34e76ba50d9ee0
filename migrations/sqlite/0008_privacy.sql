-- Members' requests to have their personal data erased, decided by a secretary.

CREATE TABLE erasure_requests (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    status      TEXT NOT NULL DEFAULT 'pending', -- pending | approved | declined
    asked_at    INTEGER NOT NULL,
    decided_by  INTEGER,
    decided_at  INTEGER
);
CREATE UNIQUE INDEX erasure_requests_one_pending ON erasure_requests(member_id) WHERE status = 'pending';
CREATE INDEX audit_log_at ON audit_log(at);
