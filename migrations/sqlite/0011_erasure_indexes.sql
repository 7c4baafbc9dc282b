-- Erasure and pruning find their rows by index, never by reading a whole table.
--
-- Each queued message says which child it is about, so erasing the child takes every message about
-- them with it, whoever it was for (their words on the way to their worker, an evidence file, an
-- export), as well as those to their own chat.
ALTER TABLE outbox ADD COLUMN about_child_id INTEGER REFERENCES people (id) ON DELETE CASCADE;
CREATE INDEX outbox_about_child ON outbox (about_child_id);
-- Messages to a chat go when the person behind it is erased or revoked.
CREATE INDEX outbox_chat ON outbox (chat_id, state);
-- Sent and given-up messages are pruned by age.
CREATE INDEX outbox_finished ON outbox (finished_at);
CREATE INDEX jobs_finished ON jobs (finished_at);
CREATE INDEX offered_choices_created ON offered_choices (created_at);
CREATE INDEX strangers_answered ON strangers (answered_at);

-- Every foreign key leads an index, so deleting the row it names (a person, an appointment) finds
-- the rows that point at it without reading the whole table.
CREATE INDEX people_invited_by ON people (invited_by);
CREATE INDEX invites_created_by ON invites (created_by);
CREATE INDEX outbox_occurrence ON outbox (occurrence_id);
CREATE INDEX outbox_person ON outbox (person_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX commitments_created_by ON commitments (created_by);
CREATE INDEX slots_created_by ON slots (created_by);
CREATE INDEX occurrences_changed_by ON occurrences (changed_by);
CREATE INDEX occurrences_moved_from ON occurrences (moved_from);
CREATE INDEX kept_apart_created_by ON kept_apart (created_by);
CREATE INDEX clash_overrides_overridden_by ON clash_overrides (overridden_by);
CREATE INDEX clash_overrides_occurrence ON clash_overrides (occurrence_id);
CREATE INDEX clash_overrides_slot ON clash_overrides (slot_id);
CREATE INDEX clash_overrides_child ON clash_overrides (child_id);
CREATE INDEX jobs_person ON jobs (person_id);
CREATE INDEX jobs_occurrence ON jobs (occurrence_id);
CREATE INDEX answers_child ON answers (child_id);
CREATE INDEX offered_choices_subject ON offered_choices (subject_id);
CREATE INDEX offered_choices_person ON offered_choices (person_id);
CREATE INDEX attendance_recorded_by ON attendance (recorded_by);
CREATE INDEX attendance_corrects ON attendance (corrects);
CREATE INDEX miss_reasons_judged_by ON miss_reasons (judged_by);
CREATE INDEX warnings_proposed_by ON warnings (proposed_by);
CREATE INDEX warnings_occurrence ON warnings (occurrence_id);
CREATE INDEX panel_referrals_decided_by ON panel_referrals (decided_by);
CREATE INDEX suspensions_decided_by ON suspensions (decided_by);
CREATE INDEX suspensions_requested_by ON suspensions (requested_by);
CREATE INDEX dropins_host ON dropins (host_id);
CREATE INDEX dropin_invites_invited_by ON dropin_invites (invited_by);
