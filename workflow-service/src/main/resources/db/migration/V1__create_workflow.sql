CREATE TABLE workflow (
    id          BIGSERIAL PRIMARY KEY,
    owner_email VARCHAR(320)  NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    description VARCHAR(2000) NOT NULL DEFAULT '',
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    version     BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT workflow_name_unique_per_owner UNIQUE (owner_email, name)
);
