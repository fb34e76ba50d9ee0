-- Notices, their read receipts and reminders; outbox rows learn which notice they carry.

CREATE TABLE notices (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id          INTEGER NOT NULL REFERENCES orgs(id), -- goes to this unit and everything below it
    author          INTEGER NOT NULL,          -- Telegram id of the secretary or organizer
    kind            TEXT NOT NULL,             -- text | photo | document | voice
    body            TEXT NOT NULL,             -- text or caption
    file_ref        TEXT,                      -- Telegram file id of the photo, document or voice
    audience        TEXT,                      -- group | all | mobile; NULL while drafting
    urgent          INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'draft', -- draft | scheduled | sending | sent | cancelled
    send_at         INTEGER,                   -- when a scheduled notice goes
    started_at      INTEGER,
    finished_at     INTEGER,
    recipients      INTEGER NOT NULL DEFAULT 0, -- copies queued
    unjoined        INTEGER NOT NULL DEFAULT 0, -- members in the audience without Telegram
    unreachable     INTEGER NOT NULL DEFAULT 0, -- members already known to have blocked the bot
    confirm_chat    INTEGER,                   -- the author's message edited with progress
    confirm_message INTEGER,
    ack_token       TEXT,                      -- the 「收到 ✓」 button's token, the same on every copy
    progress_text   TEXT,                      -- what the progress message last said
    progress_at     INTEGER,                   -- last progress edit
    last_nudge_at   INTEGER,            -- the latest round of reminders (a double press sends one)
    nudged_at       INTEGER,                   -- the automatic reminder went out
    created_at      INTEGER NOT NULL
);
CREATE INDEX notices_status ON notices(status, send_at);
CREATE INDEX notices_org ON notices(org_id, created_at);

-- One row per member who pressed 「收到 ✓」 (privately, or in the branch group).
CREATE TABLE notice_acks (
    notice_id   INTEGER NOT NULL REFERENCES notices(id),
    member_id   INTEGER NOT NULL REFERENCES members(id),
    chat_id     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (notice_id, member_id)
);

-- Private reminders about a notice (automatic or from 「提醒未读」).
CREATE TABLE notice_nudges (
    notice_id   INTEGER NOT NULL REFERENCES notices(id),
    member_id   INTEGER NOT NULL REFERENCES members(id),
    at          INTEGER NOT NULL
);
CREATE INDEX notice_nudges_member ON notice_nudges(notice_id, member_id, at);

ALTER TABLE outbox ADD COLUMN notice_id INTEGER;   -- the notice this copy carries
ALTER TABLE outbox ADD COLUMN file_ref TEXT;       -- Telegram file id to send instead of bytes
-- 1 while waiting for the reader's quiet hours to end: such a row does not hold up later ones.
ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_notice ON outbox(notice_id, status) WHERE notice_id IS NOT NULL;

-- 1 once the member chose quiet hours with /settings; until then notices.quiet_hours applies.
ALTER TABLE members ADD COLUMN quiet_chosen INTEGER NOT NULL DEFAULT 0;
