-- A seam for other channels than Telegram: the outbox keeps what to say (template keys, arguments,
-- buttons by meaning) and who it is for (a person on a channel, in their language), and each channel
-- renders it when it goes. Rows queued before this keep Telegram's rendered HTML and go as they are.
--
-- channel: which channel sends it; chat_id is the conversation on that channel.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'telegram' CHECK (channel IN ('telegram', 'sms'));
-- language: the reader's, to render in.
ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
-- outcome_unknown: 1 once an attempt ended without an answer (a crash mid-send, a timeout): a channel
-- that can say whether it got through is asked before the message is sent again.
ALTER TABLE outbox ADD COLUMN outcome_unknown BIGINT NOT NULL DEFAULT 0 CHECK (outcome_unknown IN (0, 1));
-- channel_ref: the channel's own id for a message it accepted with delivery to follow.
ALTER TABLE outbox ADD COLUMN channel_ref TEXT;
-- awaiting_delivery: 1 while the channel has accepted the message but not said it was delivered.
ALTER TABLE outbox ADD COLUMN awaiting_delivery BIGINT NOT NULL DEFAULT 0 CHECK (awaiting_delivery IN (0, 1));
