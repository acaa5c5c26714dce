-- Scheduled operations of a workflow and one row per due time that was carried out.
CREATE TABLE schedule
(
  id           BIGSERIAL PRIMARY KEY,
  workflow_id  BIGINT      NOT NULL,
  owner_email  TEXT        NOT NULL,
  name         TEXT        NOT NULL,
  description  TEXT        NOT NULL DEFAULT '',
  kind         TEXT        NOT NULL CHECK (kind IN ('ACTION_RUN', 'TABLE_REFRESH')),
  action_id    BIGINT,
  -- ACTION_RUN: the fields of an interactive run; TABLE_REFRESH: connection, query, mode, keys
  parameters   JSONB       NOT NULL DEFAULT '{}',
  -- timing: exactly one of run_at, cron, every_amount (checked by the service)
  run_at       TIMESTAMPTZ,
  cron         TEXT,
  every_amount INT CHECK (every_amount > 0),
  every_unit   TEXT CHECK (every_unit IN ('MINUTES', 'HOURS', 'DAYS')),
  start_at     TIMESTAMPTZ,
  end_at       TIMESTAMPTZ,
  zone         TEXT        NOT NULL,
  incremental  BOOLEAN     NOT NULL DEFAULT FALSE,
  status       TEXT        NOT NULL DEFAULT 'PENDING'
    CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'PAUSED')),
  reason       TEXT,
  next_run     TIMESTAMPTZ,
  last_run     TIMESTAMPTZ,
  last_result  TEXT,
  created_at   TIMESTAMPTZ NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL,
  CONSTRAINT schedule_name_unique UNIQUE (workflow_id, name)
);
CREATE INDEX schedule_owner_idx ON schedule (owner_email);
CREATE INDEX schedule_action_idx ON schedule (workflow_id, action_id);

CREATE TABLE schedule_execution
(
  id          BIGSERIAL PRIMARY KEY,
  schedule_id BIGINT      NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
  -- the due time this execution is for; a second replica firing the same due time
  -- meets this unique key and sends nothing
  due_at      TIMESTAMPTZ NOT NULL,
  manual      BOOLEAN     NOT NULL DEFAULT FALSE,
  -- the Quartz instance (replica) that fired it; null for "run now"
  fired_by    TEXT,
  status      TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'REFUSED')),
  run_id      BIGINT,
  sent        BIGINT,
  failed      BIGINT,
  rows        BIGINT,
  message     TEXT,
  queued_at   TIMESTAMPTZ NOT NULL,
  started_at  TIMESTAMPTZ,
  finished_at TIMESTAMPTZ,
  CONSTRAINT schedule_execution_due_unique UNIQUE (schedule_id, due_at)
);
