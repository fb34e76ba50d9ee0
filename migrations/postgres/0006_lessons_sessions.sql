-- Lessons (微讲习) and study sessions are notices with a purpose: they reuse the notices'
-- audience, copies, quiet hours, progress and receipts (「学完了」 and 参加/请假 are the
-- acknowledgements).

ALTER TABLE notices ADD COLUMN purpose TEXT NOT NULL DEFAULT 'notice'; -- notice | lesson | session
ALTER TABLE notices ADD COLUMN title TEXT;                             -- a lesson's or session's title

-- Attachments of a lesson, sent after its text in this order.
CREATE TABLE lesson_items (
    notice_id   BIGINT NOT NULL REFERENCES notices(id),
    seq         BIGINT NOT NULL,
    kind        TEXT NOT NULL,                 -- photo | document | voice | audio | video
    body        TEXT NOT NULL,                 -- caption
    file_ref    TEXT NOT NULL,                 -- Telegram file id
    PRIMARY KEY (notice_id, seq)
);

-- A lesson's quiz: one correct option per question.
CREATE TABLE quiz_questions (
    notice_id   BIGINT NOT NULL REFERENCES notices(id),
    seq         BIGINT NOT NULL,
    question    TEXT NOT NULL,
    options     TEXT NOT NULL,                 -- JSON array of 2–6 strings
    correct     BIGINT NOT NULL,              -- index into options
    explanation TEXT NOT NULL,
    PRIMARY KEY (notice_id, seq)
);

-- A member's first answer to each question is the one that counts.
CREATE TABLE quiz_answers (
    notice_id   BIGINT NOT NULL REFERENCES notices(id),
    member_id   BIGINT NOT NULL REFERENCES members(id),
    seq         BIGINT NOT NULL,
    choice      BIGINT NOT NULL,
    correct     BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (notice_id, member_id, seq)
);

-- A study session; its invitation is the notice with the same id.
CREATE TABLE sessions (
    notice_id   BIGINT PRIMARY KEY REFERENCES notices(id),
    kind        TEXT NOT NULL,                 -- theme_day | general_meeting | committee | ...
    starts_at   BIGINT,                       -- NULL while being written
    place       TEXT,                          -- a site; NULL with online = 1
    online      BIGINT NOT NULL DEFAULT 0,
    lesson_id   BIGINT REFERENCES notices(id),
    closed_at   BIGINT
);
CREATE INDEX sessions_start ON sessions(starts_at);

-- Each timed step of a session (reminders, check-in opening, closing) is done once.
CREATE TABLE session_steps (
    notice_id   BIGINT NOT NULL REFERENCES notices(id),
    step        TEXT NOT NULL,                 -- remind:<minutes> | open | close
    at          BIGINT NOT NULL,
    PRIMARY KEY (notice_id, step)
);

-- One row per invited member who answered or was marked.
CREATE TABLE attendance (
    notice_id   BIGINT NOT NULL REFERENCES notices(id),
    member_id   BIGINT NOT NULL REFERENCES members(id),
    status      TEXT NOT NULL,                 -- going | leave | present | late | absent
    reason      TEXT,                          -- of a leave
    via         TEXT NOT NULL,                 -- private | group | proxy
    marked_by   BIGINT,                       -- the secretary who marked it (proxy)
    at          BIGINT NOT NULL,              -- when the member pressed, or was marked
    PRIMARY KEY (notice_id, member_id)
);
