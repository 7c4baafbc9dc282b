-- Weekly appointments: commitments to avoid, slots, their occurrences as real rows, kept-apart pairs,
-- and every clash a worker overrode, with their reason.

CREATE TABLE commitments (
    id         INTEGER PRIMARY KEY,
    child_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    days       INTEGER NOT NULL,
    starts     TEXT    NOT NULL,
    ends       TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    created_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX commitments_child ON commitments (child_id);

-- weekday: 0 = Monday. ends_on: the slot's own last day, if the worker ended it; the order's end
-- date limits it too.
CREATE TABLE slots (
    id         INTEGER PRIMARY KEY,
    child_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    local_time TEXT    NOT NULL,
    minutes    INTEGER NOT NULL,
    place      TEXT    NOT NULL,
    starts_on  TEXT    NOT NULL,
    ends_on    TEXT,
    created_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX slots_child ON slots (child_id);

-- series_date is the date the weekly rule gave; a moved occurrence's new row has none.
CREATE TABLE occurrences (
    id          INTEGER PRIMARY KEY,
    child_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    slot_id     INTEGER REFERENCES slots (id) ON DELETE CASCADE,
    series_date TEXT,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    place       TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('scheduled', 'skipped', 'moved', 'suspended', 'cancelled')),
    moved_from  INTEGER REFERENCES occurrences (id) ON DELETE CASCADE,
    reason      TEXT,
    changed_by  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    changed_at  INTEGER,
    created_at  INTEGER NOT NULL,
    UNIQUE (slot_id, series_date)
);
CREATE INDEX occurrences_child_time ON occurrences (child_id, starts_at);
CREATE INDEX occurrences_state_time ON occurrences (state, starts_at);

CREATE TABLE kept_apart (
    child_a    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    child_b    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (child_a, child_b),
    CHECK (child_a < child_b)
);
CREATE INDEX kept_apart_b ON kept_apart (child_b);

CREATE TABLE clash_overrides (
    id            INTEGER PRIMARY KEY,
    child_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    slot_id       INTEGER REFERENCES slots (id) ON DELETE CASCADE,
    occurrence_id INTEGER REFERENCES occurrences (id) ON DELETE CASCADE,
    clash         TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    overridden_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    overridden_at INTEGER NOT NULL
);
