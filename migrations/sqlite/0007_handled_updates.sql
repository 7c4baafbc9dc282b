-- Update ids already handled, kept for two days. A webhook may deliver an update again (Telegram
-- retries until it hears 200, and copies behind a load balancer can both get one), and the
-- getUpdates offset that guards polling does not exist there.
CREATE TABLE handled_updates (
    update_id   INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL
);
CREATE INDEX handled_updates_received ON handled_updates (received_at);
