-- Views: a named subset of a workflow's columns (by name, in display order) with an
-- optional row filter (formula JSON). They go with the table (ON DELETE CASCADE from
-- data_table, whose row a workflow's deletion or flush removes) and survive replaces
-- and merges, which keep that row.
CREATE TABLE data_view (
    id          BIGSERIAL PRIMARY KEY,
    workflow_id BIGINT NOT NULL REFERENCES data_table (workflow_id) ON DELETE CASCADE,
    name        VARCHAR(255) NOT NULL CHECK (name <> ''),
    description TEXT NOT NULL DEFAULT '',
    columns     JSONB NOT NULL DEFAULT '[]',
    filter      JSONB NOT NULL DEFAULT '{}',
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX data_view_name_uq ON data_view (workflow_id, lower(name));
