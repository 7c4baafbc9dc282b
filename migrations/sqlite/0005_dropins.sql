-- Virtual drop-in sessions: who may come (audience, invitations), who signed up or waits, who came.
-- The join link is kept here and only ever sent to those signed up.

CREATE TABLE dropins (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT    NOT NULL,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    capacity      INTEGER NOT NULL CHECK (capacity > 0),
    min_age       INTEGER,
    max_age       INTEGER,
    sex           TEXT    NOT NULL CHECK (sex IN ('any', 'female', 'male')),
    link          TEXT    NOT NULL,
    invited_only  INTEGER NOT NULL DEFAULT 0,
    host_id       INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    cancelled_at  INTEGER,
    cancel_reason TEXT,
    link_sent_at  INTEGER
);
CREATE INDEX dropins_start ON dropins (starts_at);

CREATE TABLE dropin_invites (
    dropin_id  INTEGER NOT NULL REFERENCES dropins (id) ON DELETE CASCADE,
    child_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    invited_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    invited_at INTEGER NOT NULL,
    PRIMARY KEY (dropin_id, child_id)
);
CREATE INDEX dropin_invites_child ON dropin_invites (child_id);

-- One row a sign-up, in tap order (id); a cancelled one stays as history. A child has at most one
-- sign-up standing on a drop-in, on the roster ('signed') or on the waiting list ('waiting').
CREATE TABLE dropin_signups (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    dropin_id    INTEGER NOT NULL REFERENCES dropins (id) ON DELETE CASCADE,
    child_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    state        TEXT    NOT NULL CHECK (state IN ('signed', 'waiting', 'cancelled')),
    created_at   INTEGER NOT NULL,
    changed_at   INTEGER,
    link_sent_at INTEGER,
    attended     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX dropin_signups_standing ON dropin_signups (dropin_id, child_id) WHERE state <> 'cancelled';
CREATE INDEX dropin_signups_child ON dropin_signups (child_id);
