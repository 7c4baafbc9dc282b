-- Timed work as durable rows (reminders now; more kinds later), and the answers children give.

CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL,
    -- The same job is never queued twice: e.g. one reminder per occurrence and moment.
    unique_key    TEXT    NOT NULL UNIQUE,
    occurrence_id INTEGER REFERENCES occurrences (id) ON DELETE CASCADE,
    person_id     INTEGER REFERENCES people (id) ON DELETE CASCADE,
    detail        TEXT    NOT NULL DEFAULT '',
    due_at        INTEGER NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    lease_until   INTEGER,
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    finished_at   INTEGER
);
CREATE INDEX jobs_due ON jobs (state, due_at);

-- Every answer a child gave about an occurrence; the newest one counts.
CREATE TABLE answers (
    id            INTEGER PRIMARY KEY,
    occurrence_id INTEGER NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
    child_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    answer        TEXT    NOT NULL CHECK (answer IN ('yes', 'no', 'change', 'help')),
    reason        TEXT,
    note          TEXT,
    answered_at   INTEGER NOT NULL
);
CREATE INDEX answers_occurrence ON answers (occurrence_id, id);

-- What a person's next typed message means (e.g. the few words after "Something else").
ALTER TABLE people ADD COLUMN awaiting TEXT;

-- Which appointment a message was about, so an unreachable child is reported with it.
ALTER TABLE outbox ADD COLUMN occurrence_id INTEGER REFERENCES occurrences (id) ON DELETE SET NULL;

ALTER TABLE occurrences ADD COLUMN unreachable_at INTEGER;

-- Choices the bot offered a person with buttons (e.g. which of two children called Sam). The button
-- carries only a random token, so its data cannot be forged into a choice that was never offered.
CREATE TABLE offered_choices (
    token      TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    action     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Parents and carers who get a child's reminders, only with the child's yes.
CREATE TABLE carer_links (
    carer_id   INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    child_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX carer_links_child ON carer_links (child_id);

-- The child's answer about carers: asked, yes, no or withdrawn (NULL: never asked).
ALTER TABLE children ADD COLUMN carer_consent TEXT;
