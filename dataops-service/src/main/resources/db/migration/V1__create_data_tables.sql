-- The learner tables. Metadata lives here (schema dataops); the rows of each workflow live
-- in one physical table dataops_data.wf_<workflow id> whose columns are named c_<column id>,
-- so a user's column name never reaches SQL text.
CREATE SCHEMA IF NOT EXISTS dataops_data;

-- One row per workflow that has a physical table.
CREATE TABLE data_table (
    workflow_id BIGINT PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE data_column (
    id          BIGSERIAL PRIMARY KEY,
    workflow_id BIGINT NOT NULL REFERENCES data_table (workflow_id) ON DELETE CASCADE,
    name        VARCHAR(255) NOT NULL CHECK (name <> '' AND strpos(name, '"') = 0 AND strpos(name, '''') = 0),
    description TEXT NOT NULL DEFAULT '',
    type        VARCHAR(16) NOT NULL CHECK (type IN ('integer', 'double', 'string', 'boolean', 'datetime')),
    is_key      BOOLEAN NOT NULL DEFAULT FALSE,
    position    INTEGER NOT NULL,
    categories  JSONB NOT NULL DEFAULT '[]',
    active_from TIMESTAMP WITH TIME ZONE,
    active_to   TIMESTAMP WITH TIME ZONE
);

-- names are unique per workflow regardless of case (they are template variables)
CREATE UNIQUE INDEX data_column_name_uq ON data_column (workflow_id, lower(name));
CREATE INDEX data_column_workflow_idx ON data_column (workflow_id, position);
