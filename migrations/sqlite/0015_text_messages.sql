-- Text messages through GOV.UK Notify.
--
-- channel: how a child is reached, 'telegram' or 'sms' (to the mobile number on their record).
ALTER TABLE people ADD COLUMN channel TEXT NOT NULL DEFAULT 'telegram' CHECK (channel IN ('telegram', 'sms'));
-- texts_stopped_at: when they texted STOP; no text goes to them until they text START.
ALTER TABLE people ADD COLUMN texts_stopped_at INTEGER;

-- The question the bot last texted a person (a reminder, a carer question, a drop-in invitation): the
-- answers a reply word stands for, as button actions. A reply answers it for a day after it went.
CREATE TABLE text_questions (
    person_id  INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    actions    TEXT   NOT NULL,
    asked_at   INTEGER NOT NULL
);

-- Texts received through Notify, by Notify's id: each is handled once, by one copy. Holds no words and
-- no number; kept a little longer than Notify keeps the texts (7 days).
CREATE TABLE received_texts (
    notify_id   TEXT   PRIMARY KEY,
    received_at INTEGER NOT NULL
);
CREATE INDEX received_texts_received ON received_texts (received_at);

-- Numbers that texted us and are nobody's: answered once, forgotten after a week. The id is the
-- conversation the answer goes to (as a negative chat id, apart from people's).
CREATE TABLE text_strangers (
    id          INTEGER PRIMARY KEY,
    phone       TEXT   NOT NULL UNIQUE,
    answered_at INTEGER NOT NULL
);

-- A text's delivery is followed until Notify says it is final: status_checks so far, and when to
-- check next (a few times, further apart each time, for 72 hours).
ALTER TABLE outbox ADD COLUMN status_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN status_due_at INTEGER;
CREATE INDEX outbox_status_due ON outbox (status_due_at) WHERE awaiting_delivery = 1;

-- Texts Notify took, and the parts they cost, by the hour they went (for the figures; no one named).
CREATE TABLE text_counts (
    hour  INTEGER PRIMARY KEY,
    texts INTEGER NOT NULL,
    parts INTEGER NOT NULL
);

-- texts_fallback: 1 while a child is on texts because Telegram refused them for good (blocked, left):
-- writing to the bot on Telegram again puts them back on it.
ALTER TABLE people ADD COLUMN texts_fallback INTEGER NOT NULL DEFAULT 0 CHECK (texts_fallback IN (0, 1));

-- A parent or carer on texts: their mobile number, given with /carer and kept while the child is
-- asked (children.carer_phone), then the carer's own (carer_links.phone). One person per number.
ALTER TABLE children ADD COLUMN carer_phone TEXT;
ALTER TABLE carer_links ADD COLUMN phone TEXT;
CREATE UNIQUE INDEX carer_links_phone ON carer_links (phone) WHERE phone IS NOT NULL;
