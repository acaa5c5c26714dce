-- Runs of an action (one email per selected learner) and what happened to each learner.
CREATE TABLE action_run (
    id           bigserial PRIMARY KEY,
    workflow_id  bigint      NOT NULL,
    action_id    bigint      NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    actor_email  text        NOT NULL,
    email_column text        NOT NULL,
    subject      text        NOT NULL,
    cc           text        NOT NULL DEFAULT '',
    bcc          text        NOT NULL DEFAULT '',
    send_summary boolean     NOT NULL DEFAULT false,
    -- JSON list of email values not to send to
    exclude      text        NOT NULL DEFAULT '[]',
    status       text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'PAUSED', 'DONE', 'FAILED')),
    total        integer     NOT NULL DEFAULT 0,
    sent         integer     NOT NULL DEFAULT 0,
    failed       integer     NOT NULL DEFAULT 0,
    excluded     integer     NOT NULL DEFAULT 0,
    message      text,
    heartbeat    timestamptz,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz
);

CREATE INDEX action_run_action ON action_run (action_id);

-- one row per learner and run, written before the email goes out: a learner with a row
-- is never sent the run's message again (a crash between the two leaves SENDING, which a
-- resumed run reports as not confirmed instead of sending twice)
CREATE TABLE action_run_message (
    run_id    bigint      NOT NULL REFERENCES action_run (id) ON DELETE CASCADE,
    row_id    bigint      NOT NULL,
    recipient text        NOT NULL,
    status    text        NOT NULL CHECK (status IN ('SENDING', 'SENT', 'FAILED', 'EXCLUDED')),
    error     text,
    at        timestamptz NOT NULL,
    PRIMARY KEY (run_id, row_id)
);
