-- shown: 1 when the worker said the child may see the commitment's label (`shown=yes`, e.g.
-- "school"); otherwise a child only ever reads "something you have on then".
ALTER TABLE commitments ADD COLUMN shown INTEGER NOT NULL DEFAULT 0 CHECK (shown IN (0, 1));
