-- People, invites, the durable inbox of Telegram updates and the outbox of everything we send.
-- Instants are INTEGER unix seconds (UTC), dates are TEXT YYYY-MM-DD: the same SQL runs on PostgreSQL.

CREATE TABLE people (
    id                 INTEGER PRIMARY KEY,
    role               TEXT    NOT NULL CHECK (role IN ('manager', 'worker', 'host', 'child', 'carer')),
    name               TEXT    NOT NULL,
    name_key           TEXT    NOT NULL,
    language           TEXT    NOT NULL DEFAULT 'en',
    telegram_user_id   INTEGER UNIQUE,
    worker_id          INTEGER REFERENCES people (id),
    invited_by         INTEGER REFERENCES people (id),
    created_at         INTEGER NOT NULL,
    joined_at          INTEGER,
    revoked_at         INTEGER,
    unreachable_since  INTEGER,
    unreachable_reason TEXT
);

-- Staff are named service-wide, children within their worker's caseload.
CREATE UNIQUE INDEX people_staff_name ON people (name_key)
    WHERE role IN ('manager', 'worker', 'host') AND revoked_at IS NULL;
CREATE UNIQUE INDEX people_child_name ON people (worker_id, name_key) WHERE role = 'child';
CREATE INDEX people_worker ON people (worker_id);

CREATE TABLE children (
    person_id    INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    born         TEXT,
    order_end    TEXT,
    sex          TEXT NOT NULL DEFAULT 'not-recorded',
    gender       TEXT NOT NULL DEFAULT 'not-recorded',
    ethnicity    TEXT NOT NULL DEFAULT 'not-recorded',
    looked_after TEXT NOT NULL DEFAULT 'not-recorded'
);

-- Only a hash of each code is kept.
CREATE TABLE invites (
    id         INTEGER PRIMARY KEY,
    code_hash  TEXT    NOT NULL UNIQUE,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES people (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX invites_person ON invites (person_id);

-- People without an invite who were already told how to get one: kept only so they are not told twice.
CREATE TABLE strangers (
    telegram_user_id INTEGER PRIMARY KEY,
    answered_at      INTEGER NOT NULL
);

-- Updates are stored before Telegram is told we have them, and deleted in the transaction that handles them.
CREATE TABLE inbound_updates (
    update_id   INTEGER PRIMARY KEY,
    payload     TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE bot_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Everything the bot sends goes through here, queued in the same transaction as the change it reports.
CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER REFERENCES people (id) ON DELETE CASCADE,
    chat_id             INTEGER NOT NULL,
    payload             TEXT    NOT NULL,
    state               TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unreachable')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    due_at              INTEGER NOT NULL,
    lease_until         INTEGER,
    last_error          TEXT,
    created_at          INTEGER NOT NULL,
    finished_at         INTEGER,
    telegram_message_id INTEGER
);
CREATE INDEX outbox_due ON outbox (state, due_at);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    action     TEXT    NOT NULL,
    subject_id INTEGER REFERENCES people (id) ON DELETE SET NULL
);
