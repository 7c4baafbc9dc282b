-- Updates that kept failing (an error, or a crash in the code handling them) are set aside after a few
-- tries, so the updates after them go on. They are kept so whoever runs the bot can see how many and of
-- what kind, and handle them again once the fault is mended; erased with the person who sent them, and
-- pruned after thirty days. kind: message, tap, media, blocked. failure: error or panic.
CREATE TABLE set_aside_updates (
    update_id        INTEGER PRIMARY KEY,
    telegram_user_id INTEGER NOT NULL,
    kind             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    failure          TEXT    NOT NULL CHECK (failure IN ('error', 'panic')),
    received_at      INTEGER NOT NULL,
    set_aside_at     INTEGER NOT NULL
);
CREATE INDEX set_aside_updates_user ON set_aside_updates (telegram_user_id);
CREATE INDEX set_aside_updates_at ON set_aside_updates (set_aside_at);
