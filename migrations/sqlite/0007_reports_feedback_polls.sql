-- Status reports of members working away, feedback tickets with answer deadlines, polls and
-- hand-overs between branches.

-- What a schedule's notices are for: notice, or report (the status-report prompt, whose button
-- starts /report).
ALTER TABLE schedules ADD COLUMN purpose TEXT NOT NULL DEFAULT 'notice';

-- One row per report a member made (流动党员报到 · 思想汇报). The city is typed by the member,
-- city level only; no coordinates are ever stored.
CREATE TABLE status_reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    period      TEXT NOT NULL,                 -- the month it counts for, e.g. 2026-11
    mobility    TEXT NOT NULL,                 -- resident | mobile after this report
    city        TEXT,                          -- where the member works now (NULL at home)
    moved       INTEGER NOT NULL DEFAULT 0,    -- 1 when the city changed with this report
    work        TEXT NOT NULL,                 -- working | seeking | returned | other
    note        TEXT,                          -- 思想汇报 as text
    note_voice  TEXT,                          -- or as a voice message (Telegram file id)
    at          INTEGER NOT NULL
);
CREATE INDEX status_reports_member ON status_reports(member_id, at);
CREATE INDEX status_reports_period ON status_reports(period, member_id);

-- The last private "are you well?" reminder from /reports (at most one a day).
ALTER TABLE members ADD COLUMN silent_nudged_at INTEGER;

-- Feedback tickets (交心谈心 · 诉求): a thread between a member and the branch secretaries.
CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    org_id          INTEGER NOT NULL REFERENCES orgs(id), -- the branch answering it
    kind            TEXT NOT NULL,             -- need | suggestion | question | heart
    anonymous       INTEGER NOT NULL DEFAULT 0, -- the member's name hidden from secretaries
    status          TEXT NOT NULL,             -- received | in_progress | answered | resolved
    created_at      INTEGER NOT NULL,
    due_at          INTEGER NOT NULL,          -- the first answer is due
    first_answer_at INTEGER,
    reminded_at     INTEGER,                   -- overdue: the secretaries were reminded
    escalated_at    INTEGER,                   -- later: the township's organizers were told
    resolved_at     INTEGER,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX tickets_member ON tickets(member_id, created_at);
CREATE INDEX tickets_open ON tickets(status, due_at);
CREATE INDEX tickets_org ON tickets(org_id, status);

CREATE TABLE ticket_messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
    from_staff  INTEGER NOT NULL,              -- 0: the member, 1: a secretary or organizer
    author      INTEGER NOT NULL,              -- Telegram id
    kind        TEXT NOT NULL,                 -- text | voice
    body        TEXT NOT NULL,
    file_ref    TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages(ticket_id, id);

-- Relayed ticket messages: a reply to one of them continues the ticket.
ALTER TABLE outbox ADD COLUMN ticket_id INTEGER;
CREATE INDEX outbox_ticket ON outbox(chat_id, message_id) WHERE ticket_id IS NOT NULL;

-- A poll (村务 · 献计献策) is a notice with the purpose poll; its options and votes are here.
CREATE TABLE polls (
    notice_id   INTEGER PRIMARY KEY REFERENCES notices(id),
    options     TEXT NOT NULL,                 -- JSON array of 2–8 strings
    closes_at   INTEGER,                       -- NULL while being written
    closed_at   INTEGER
);
CREATE INDEX polls_closes ON polls(closed_at, closes_at);

CREATE TABLE poll_votes (
    notice_id   INTEGER NOT NULL REFERENCES notices(id),
    member_id   INTEGER NOT NULL REFERENCES members(id),
    choice      INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (notice_id, member_id)
);

-- A member handed over from one branch to another, waiting for the receiving secretary.
CREATE TABLE handovers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    from_org    INTEGER NOT NULL REFERENCES orgs(id),
    to_org      INTEGER NOT NULL REFERENCES orgs(id),
    asked_by    INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending', -- pending | accepted | declined | cancelled
    decided_by  INTEGER,
    created_at  INTEGER NOT NULL,
    decided_at  INTEGER
);
CREATE UNIQUE INDEX handovers_one_pending ON handovers(member_id) WHERE status = 'pending';
