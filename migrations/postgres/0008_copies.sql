-- Several copies of the bot on one PostgreSQL database share these; a lone SQLite copy keeps them too,
-- so the two schemas stay the same (and `migrate-to` copies like for like).

-- When the next message may go to Telegram, in milliseconds: every copy takes its turn from here, so
-- together they keep to Telegram's limit of about 30 messages a second.
CREATE TABLE send_pace (
    name       TEXT PRIMARY KEY,
    next_at_ms BIGINT NOT NULL
);

-- The copies running behind a webhook, each seen every few seconds: the last one to stop removes the
-- webhook, and a copy stopping while others run leaves it in place.
CREATE TABLE bot_copies (
    id      TEXT PRIMARY KEY,
    seen_at BIGINT NOT NULL
);

-- Which copy claimed a message or job. A copy renews its claims every few seconds while it runs, so
-- the claims of a copy that died run out soon and another copy takes the work over.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE jobs ADD COLUMN claimed_by TEXT;
