-- The workflows this service serves and their owners, from workflow.created events
-- (module workflow-access; runs in the consuming service's own schema).
CREATE TABLE known_workflow (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    owner_email VARCHAR(320) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
