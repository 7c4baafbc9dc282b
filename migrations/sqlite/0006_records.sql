-- The audit log is append-only: nobody can change or delete an entry. The one change allowed is the
-- database itself clearing who an entry was about (or by) when that person is erased.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id
  OR NEW.at IS NOT OLD.at
  OR NEW.action IS NOT OLD.action
  OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS NOT OLD.actor_id)
  OR (NEW.subject_id IS NOT NULL AND NEW.subject_id IS NOT OLD.subject_id)
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

CREATE INDEX audit_log_subject ON audit_log (subject_id, at);

-- A button that stands for an action on a child goes when the child's records are erased.
ALTER TABLE offered_choices ADD COLUMN subject_id INTEGER REFERENCES people (id) ON DELETE CASCADE;
