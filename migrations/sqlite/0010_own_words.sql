-- What children and carers send of their own accord (words, a voice note, a photo), on its way to their
-- worker. Past a few in a minute the rest wait here to go as one digest, so a flood never buries the
-- worker's other notices and nothing is dropped. Once passed on, a row keeps only when and what kind
-- (to count how many went lately), and is pruned after a day. Erased with the person.
-- kind: words, voice, photo, sticker, document, video, other. state: passed, waiting.
CREATE TABLE own_words (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    received_at INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    words       TEXT,
    message_id  INTEGER,
    state       TEXT    NOT NULL CHECK (state IN ('passed', 'waiting'))
);
CREATE INDEX own_words_person ON own_words (person_id, received_at);
CREATE INDEX own_words_received ON own_words (received_at);
