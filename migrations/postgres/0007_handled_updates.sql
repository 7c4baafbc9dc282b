-- Update ids already handled, kept for two days. A webhook may deliver an update again (Telegram
-- pushes until it hears 200), the getUpdates offset that guards polling does not exist there, and
-- an update pushed but not acknowledged comes back through getUpdates after the webhook is deleted.
CREATE TABLE handled_updates (
    update_id   BIGINT PRIMARY KEY,
    received_at BIGINT NOT NULL
);
CREATE INDEX handled_updates_received ON handled_updates (received_at);
