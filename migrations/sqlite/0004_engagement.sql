-- Attendance, the follow-up after a missed appointment, warnings, the engagement panel and suspensions.
-- History is kept: a correction is a new row, never an overwrite. Ids are never reused (AUTOINCREMENT),
-- so a button left in a chat after an erasure can never reach someone else's new record.

-- What happened at an appointment, as the worker recorded it; the newest row for an occurrence counts.
CREATE TABLE attendance (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    occurrence_id INTEGER NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
    child_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    outcome       TEXT    NOT NULL CHECK (outcome IN ('came', 'late', 'missed')),
    -- The row this one corrects, if it is a correction.
    corrects      INTEGER REFERENCES attendance (id) ON DELETE CASCADE,
    recorded_by   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    recorded_at   INTEGER NOT NULL
);
CREATE INDEX attendance_occurrence ON attendance (occurrence_id, id);
CREATE INDEX attendance_child ON attendance (child_id);

-- Why a child missed an appointment, in their words (a button, perhaps a few typed words), and the
-- worker's view of it. The newest row for an occurrence counts.
CREATE TABLE miss_reasons (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    occurrence_id INTEGER NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
    child_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reason        TEXT    NOT NULL,
    note          TEXT,
    given_at      INTEGER NOT NULL,
    acceptable    INTEGER,
    judged_by     INTEGER REFERENCES people (id) ON DELETE SET NULL,
    judged_at     INTEGER
);
CREATE INDEX miss_reasons_occurrence ON miss_reasons (occurrence_id, id);
CREATE INDEX miss_reasons_child ON miss_reasons (child_id);

-- A warning is proposed by a worker and only counts once they confirm it with the button.
CREATE TABLE warnings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    child_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    occurrence_id INTEGER REFERENCES occurrences (id) ON DELETE SET NULL,
    reason        TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('proposed', 'given', 'dropped')),
    proposed_by   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    proposed_at   INTEGER NOT NULL,
    given_at      INTEGER
);
CREATE INDEX warnings_child ON warnings (child_id, state);

-- The engagement panel's queue: one open item per child at most; an outcome closes it.
CREATE TABLE panel_referrals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    child_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    referred_at INTEGER NOT NULL,
    warnings    INTEGER NOT NULL,
    outcome     TEXT CHECK (outcome IN ('support-plan', 'change-time', 'more-help', 'closed')),
    note        TEXT,
    decided_by  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    decided_at  INTEGER
);
CREATE UNIQUE INDEX panel_referrals_open ON panel_referrals (child_id) WHERE outcome IS NULL;

-- Two missed appointments in a row, told to the worker and managers once per occurrence.
CREATE TABLE engagement_alerts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    child_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    occurrence_id INTEGER NOT NULL UNIQUE REFERENCES occurrences (id) ON DELETE CASCADE,
    raised_at     INTEGER NOT NULL
);
CREATE INDEX engagement_alerts_child ON engagement_alerts (child_id);

-- A pause in reporting, asked for by a worker and decided by a manager. Dates are local and inclusive.
CREATE TABLE suspensions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    child_id        INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    from_date       TEXT    NOT NULL,
    to_date         TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('requested', 'approved', 'refused')),
    court_reference TEXT,
    requested_by    INTEGER REFERENCES people (id) ON DELETE SET NULL,
    requested_at    INTEGER NOT NULL,
    decided_by      INTEGER REFERENCES people (id) ON DELETE SET NULL,
    decided_at      INTEGER
);
CREATE INDEX suspensions_child ON suspensions (child_id, state);

-- Occurrences booked before this migration get their attendance question too.
INSERT INTO jobs (kind, unique_key, occurrence_id, person_id, detail, due_at, state, created_at)
SELECT 'attendance', 'attendance:' || id, id, child_id, '', ends_at, 'pending', created_at
FROM occurrences
WHERE state = 'scheduled' AND ends_at > CAST(strftime('%s', 'now') AS INTEGER);
