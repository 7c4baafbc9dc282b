-- topic: what a notice is about when news may follow it ("answer:42", a child's answer to a
-- reminder), so the follow-up can change the notice while it waits, edit it once it went, or reply to it.
ALTER TABLE outbox ADD COLUMN topic TEXT;
CREATE INDEX outbox_topic ON outbox (topic);
