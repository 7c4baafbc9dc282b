-- The audit log is append-only: nobody can change or delete an entry. The one change allowed is the
-- database itself clearing who an entry was about (or by) when that person is erased: ON DELETE SET
-- NULL runs as an UPDATE of audit_log, which passes through the update trigger below.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR NEW.id IS DISTINCT FROM OLD.id
       OR NEW.at IS DISTINCT FROM OLD.at
       OR NEW.action IS DISTINCT FROM OLD.action
       OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id)
       OR (NEW.subject_id IS NOT NULL AND NEW.subject_id IS DISTINCT FROM OLD.subject_id)
    THEN
        RAISE EXCEPTION 'the audit log cannot be changed';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE INDEX audit_log_subject ON audit_log (subject_id, at);

-- A button that stands for an action on a child goes when the child's records are erased.
ALTER TABLE offered_choices ADD COLUMN subject_id BIGINT REFERENCES people (id) ON DELETE CASCADE;
