-- Rows, columns and actions per workflow, kept from dataops-service's and action-service's
-- events for the home page and the hub.

-- table_at: the time of the last table.replaced applied (absolute numbers); changes
-- announced as differences older than it are already part of it
CREATE TABLE workflow_table_count (
    workflow_id BIGINT PRIMARY KEY,
    row_count BIGINT NOT NULL DEFAULT 0,
    column_count INTEGER NOT NULL DEFAULT 0,
    table_at TIMESTAMPTZ
);

-- the differences already applied, so a redelivered event is not counted twice
CREATE TABLE workflow_count_event (
    workflow_id BIGINT NOT NULL,
    event_key VARCHAR(200) NOT NULL,
    PRIMARY KEY (workflow_id, event_key)
);

-- actions as a set of ids; a deletion is kept as a mark, so a creation that arrives after
-- it does not bring the action back
CREATE TABLE workflow_action (
    workflow_id BIGINT NOT NULL,
    action_id BIGINT NOT NULL,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (workflow_id, action_id)
);
