-- A guided flow a member of staff is part way through: a command sent bare (as from the menu), its
-- pieces asked one by one with buttons. At most one each; a new one takes the old one's place.
-- command: the command's word; typed: what was typed after it; pieces: the answers so far, as JSON.
-- child_id: the child it is about, so it goes with the child's records. also: a piece asked for
-- though the command has what it needs ("override": why a clash is booked anyway).
CREATE TABLE flows (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL UNIQUE REFERENCES people (id) ON DELETE CASCADE,
    command    TEXT    NOT NULL,
    typed      TEXT    NOT NULL,
    child_id   INTEGER REFERENCES people (id) ON DELETE CASCADE,
    pieces     TEXT    NOT NULL,
    also       TEXT,
    updated_at INTEGER NOT NULL
);
CREATE INDEX flows_child ON flows (child_id);
CREATE INDEX flows_updated ON flows (updated_at);
