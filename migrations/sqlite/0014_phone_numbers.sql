-- A child's UK mobile number, in one canonical form (+447700900123), for text messages. One child
-- per number: a reply from a number must be one child's.
ALTER TABLE children ADD COLUMN phone TEXT;
CREATE UNIQUE INDEX children_phone ON children (phone) WHERE phone IS NOT NULL;
