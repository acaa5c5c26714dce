-- Read tracking (issue 6): the counter column a run created in the table and the column
-- identifying learners; one row per run that tracks reading.
CREATE TABLE read_tracking (
    run_id      bigint PRIMARY KEY REFERENCES action_run (id) ON DELETE CASCADE,
    column_name text   NOT NULL,
    key_column  text   NOT NULL
);

-- Fetches of a message's tracking image: the first one counted in the table, the later
-- ones (re-opened email, replayed URL) only here.
CREATE TABLE read_tracking_hit (
    run_id   bigint      NOT NULL REFERENCES action_run (id) ON DELETE CASCADE,
    row_id   bigint      NOT NULL,
    first_at timestamptz NOT NULL,
    last_at  timestamptz NOT NULL,
    hits     integer     NOT NULL,
    PRIMARY KEY (run_id, row_id)
);
