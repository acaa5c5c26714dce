-- The counts of a workflow go when it goes: nothing of a deleted workflow stays. Counts of
-- workflows deleted before this migration are removed first.
DELETE FROM workflow_table_count c WHERE NOT EXISTS (SELECT 1 FROM workflow w WHERE w.id = c.workflow_id);
DELETE FROM workflow_count_event c WHERE NOT EXISTS (SELECT 1 FROM workflow w WHERE w.id = c.workflow_id);
DELETE FROM workflow_action c WHERE NOT EXISTS (SELECT 1 FROM workflow w WHERE w.id = c.workflow_id);

ALTER TABLE workflow_table_count
    ADD CONSTRAINT workflow_table_count_workflow_fk FOREIGN KEY (workflow_id) REFERENCES workflow (id) ON DELETE CASCADE;
ALTER TABLE workflow_count_event
    ADD CONSTRAINT workflow_count_event_workflow_fk FOREIGN KEY (workflow_id) REFERENCES workflow (id) ON DELETE CASCADE;
ALTER TABLE workflow_action
    ADD CONSTRAINT workflow_action_workflow_fk FOREIGN KEY (workflow_id) REFERENCES workflow (id) ON DELETE CASCADE;
