-- Org tree, people, roles, onboarding, dialogue state and the audit log.
-- Times are milliseconds since the Unix epoch; flags are 0/1 integers.

CREATE TABLE orgs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES orgs(id),
    path        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX orgs_path ON orgs(path);

-- Everyone who has talked to the bot.
CREATE TABLE users (
    telegram_id  INTEGER PRIMARY KEY,
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT,
    username     TEXT,
    locale       TEXT NOT NULL,
    reachable    INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);

CREATE TABLE members (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    name         TEXT NOT NULL DEFAULT '',
    phone        TEXT,
    telegram_id  INTEGER UNIQUE,
    status       TEXT NOT NULL DEFAULT 'active',
    mobility     TEXT NOT NULL DEFAULT 'resident',
    -- 0 until the roster or the member says whether they are at home or away.
    mobility_known INTEGER NOT NULL DEFAULT 0,
    city         TEXT,
    host_org     TEXT,
    skills       TEXT,
    source       TEXT NOT NULL,
    quiet_start  TEXT NOT NULL DEFAULT '22:00',
    quiet_end    TEXT NOT NULL DEFAULT '07:00',
    joined_at    INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX members_phone ON members(phone) WHERE phone IS NOT NULL;
CREATE INDEX members_org ON members(org_id, status);

CREATE TABLE city_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    city        TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX city_history_member ON city_history(member_id, at);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_id INTEGER NOT NULL,
    role        TEXT NOT NULL,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    granted_by  TEXT NOT NULL,
    granted_at  INTEGER NOT NULL,
    UNIQUE (telegram_id, role, org_id)
);

CREATE TABLE invites (
    code        TEXT PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    created_by  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    max_uses    INTEGER NOT NULL,
    uses        INTEGER NOT NULL DEFAULT 0,
    revoked_at  INTEGER
);
CREATE INDEX invites_org ON invites(org_id, created_at);

CREATE TABLE join_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_id  INTEGER NOT NULL,
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    invite_code  TEXT NOT NULL,
    phone        TEXT NOT NULL,
    display_name TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    decided_by   INTEGER,
    decided_at   INTEGER,
    member_id    INTEGER REFERENCES members(id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX join_requests_org ON join_requests(org_id, status);
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests(telegram_id) WHERE status = 'pending';

CREATE TABLE group_links (
    chat_id     INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    title       TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1,
    linked_by   INTEGER NOT NULL,
    linked_at   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX group_links_org ON group_links(org_id);

-- Multi-step conversations, so that a restart resumes them.
CREATE TABLE dialogues (
    telegram_id INTEGER PRIMARY KEY,
    state       TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Inline buttons carry only an opaque token; what it does is kept here.
CREATE TABLE buttons (
    token       TEXT PRIMARY KEY,
    action      TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL
);
