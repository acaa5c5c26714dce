-- Scheduled refreshes of a table from a SQL source (contract C2): one row per command
-- execution handled, so a redelivered command never refreshes twice.
CREATE TABLE refresh_execution (
    execution_id  BIGINT PRIMARY KEY,
    schedule_id   BIGINT NOT NULL,
    workflow_id   BIGINT NOT NULL,
    status        VARCHAR(16) NOT NULL,
    row_count     BIGINT NOT NULL,
    message       TEXT NOT NULL,
    processed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
