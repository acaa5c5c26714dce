-- action-service's own record of workflows, from workflow.created events
CREATE TABLE known_workflow (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    owner_email VARCHAR(320) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
