-- Every message the bot sends is a row here before it is sent (the durable outbox).

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id         INTEGER NOT NULL,
    kind            TEXT NOT NULL,            -- text | photo | edit_text | edit_caption
    body            TEXT NOT NULL,            -- text or caption, already in the reader's language
    markup          TEXT,                     -- buttons or keyboard, JSON
    file            BLOB,                     -- picture bytes (e.g. an invite QR code)
    file_name       TEXT,
    edit_message_id INTEGER,                  -- for edits: the message to change
    priority        INTEGER NOT NULL,         -- 0 answers a person's own action, 1 bulk
    status          TEXT NOT NULL DEFAULT 'queued', -- queued | sending | sent | failed | blocked
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until     INTEGER,
    message_id      INTEGER,                  -- Telegram's id once sent
    error           TEXT,
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER
);
-- The claim walks open rows in sending order and checks each chat for an earlier open row.
CREATE INDEX outbox_queue ON outbox(status, priority, id);
CREATE INDEX outbox_chat ON outbox(chat_id, status, id);
CREATE INDEX outbox_finished ON outbox(finished_at);
