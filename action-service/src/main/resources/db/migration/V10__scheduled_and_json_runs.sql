-- Runs started by scheduler-service (contract C1) and runs that deliver JSON documents.
--   schedule_id / schedule_execution_id: the schedule and its due execution that started
--     the run; one run per execution (a redelivered command finds it and starts nothing)
--   incremental: learners whose key value got a SENT message in an earlier run of the
--     same schedule are left out (recorded as EXCLUDED)
--   target_url / token: where a JSON run posts its documents and the bearer token, the
--     token encrypted (AES-GCM, ontask.secret-key) and cleared once the run has ended
-- For JSON runs email_column holds the learner key column; action_run_message.recipient
-- always holds the learner's key value (the email address for email runs).
ALTER TABLE action_run
    ADD COLUMN schedule_id           bigint,
    ADD COLUMN schedule_execution_id bigint UNIQUE,
    ADD COLUMN incremental           boolean NOT NULL DEFAULT false,
    ADD COLUMN target_url            text,
    ADD COLUMN token                 bytea;

CREATE INDEX action_run_schedule ON action_run (schedule_id) WHERE schedule_id IS NOT NULL;

-- the incremental look-up: a page of key values against the earlier runs' sent messages
CREATE INDEX action_run_message_sent ON action_run_message (run_id, recipient) WHERE status = 'SENT';

-- the HTTP status a JSON target answered (NULL for email and when there was no answer)
ALTER TABLE action_run_message ADD COLUMN http_status integer;

-- scheduled executions that could not start a run, so a redelivered command is refused once
CREATE TABLE action_refused_execution (
    execution_id bigint PRIMARY KEY,
    schedule_id  bigint      NOT NULL,
    workflow_id  bigint      NOT NULL,
    action_id    bigint      NOT NULL,
    reason       text        NOT NULL,
    at           timestamptz NOT NULL
);

-- the JSON action types; the survey types of contract C4 are listed too, so whichever
-- of the helpers' migrations runs last keeps every type
ALTER TABLE action DROP CONSTRAINT action_type_check;
ALTER TABLE action ADD CONSTRAINT action_type_check CHECK (type IN ('personalized_text', 'rubric_text',
    'email_report', 'personalized_json', 'json_report', 'survey', 'todo_list'));
