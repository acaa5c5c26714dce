-- Actions of a workflow, their conditions and rubric cells, and the workflow attributes
-- templates may print (kept from workflow-service's events).
CREATE TABLE action (
    id          bigserial PRIMARY KEY,
    workflow_id bigint      NOT NULL,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    type        text        NOT NULL CHECK (type IN ('personalized_text', 'rubric_text', 'email_report')),
    subject     text        NOT NULL DEFAULT '',
    text        text        NOT NULL DEFAULT '',
    -- the original's formula JSON; NULL selects every learner
    filter      text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT action_name_unique UNIQUE (workflow_id, name)
);

CREATE TABLE action_condition (
    id          bigserial PRIMARY KEY,
    action_id   bigint  NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    name        text    NOT NULL,
    description text    NOT NULL DEFAULT '',
    formula     text    NOT NULL,
    position    integer NOT NULL,
    CONSTRAINT action_condition_name_unique UNIQUE (action_id, name)
);

CREATE INDEX action_condition_action ON action_condition (action_id);

-- rubric_text: the feedback for one criterion (a column) at one level (an index into
-- the column's categories)
CREATE TABLE rubric_cell (
    action_id   bigint  NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    criterion   text    NOT NULL,
    level       integer NOT NULL,
    description text    NOT NULL DEFAULT '',
    feedback    text    NOT NULL DEFAULT '',
    PRIMARY KEY (action_id, criterion, level)
);

CREATE TABLE workflow_attribute (
    workflow_id bigint NOT NULL,
    name        text   NOT NULL,
    value       text   NOT NULL,
    PRIMARY KEY (workflow_id, name)
);
