-- Sending at Telegram's pace on a real network: what a person is waiting for goes first, and a lost
-- message is reported without reporting the report.
--
-- priority: 0 for what someone is waiting for (a reply to what they just did, a notice to staff),
-- 1 for bulk (reminders, reports, news that waits for the morning). Rows queued before this keep 1.
ALTER TABLE outbox ADD COLUMN priority BIGINT NOT NULL DEFAULT 1 CHECK (priority IN (0, 1));
-- report_loss: 1 if someone is told when the message is given up; 0 for the telling itself, so a
-- give-up report that is lost in turn (Telegram down for a day) does not start a chain of them.
ALTER TABLE outbox ADD COLUMN report_loss BIGINT NOT NULL DEFAULT 1 CHECK (report_loss IN (0, 1));
