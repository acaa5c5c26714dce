-- Sharing, stars, attributes, clones in progress, the account projection and the history.
ALTER TABLE workflow
    ADD COLUMN state           VARCHAR(16)  NOT NULL DEFAULT 'READY',
    ADD COLUMN updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    ADD COLUMN updated_by      VARCHAR(320),
    ADD COLUMN last_change     VARCHAR(600),
    ADD COLUMN clone_source_id BIGINT;

-- the users a workflow is shared with (the owner is not among them)
CREATE TABLE workflow_share (
    workflow_id BIGINT       NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    user_email  VARCHAR(320) NOT NULL,
    PRIMARY KEY (workflow_id, user_email)
);
CREATE INDEX workflow_share_user ON workflow_share (user_email);

-- per-user stars: a star is the user's, not the workflow's
CREATE TABLE workflow_star (
    workflow_id BIGINT       NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    user_email  VARCHAR(320) NOT NULL,
    PRIMARY KEY (workflow_id, user_email)
);

CREATE TABLE workflow_attribute (
    workflow_id BIGINT        NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    name        VARCHAR(63)   NOT NULL,
    value       VARCHAR(2000) NOT NULL,
    PRIMARY KEY (workflow_id, name)
);

-- the answers of the services that copy their part of a clone
CREATE TABLE clone_part (
    clone_workflow_id BIGINT        NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    service           VARCHAR(100)  NOT NULL,
    succeeded         BOOLEAN       NOT NULL,
    message           VARCHAR(2000),
    answered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (clone_workflow_id, service)
);

-- messages for a user's next visit to the home page (e.g. a clone that failed)
CREATE TABLE workflow_notice (
    id         BIGSERIAL     PRIMARY KEY,
    user_email VARCHAR(320)  NOT NULL,
    message    VARCHAR(2000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX workflow_notice_user ON workflow_notice (user_email);

-- the accounts auth-service announced (user.created/updated/deactivated/deleted)
CREATE TABLE known_user (
    email      VARCHAR(320) PRIMARY KEY,
    user_id    BIGINT,
    name       VARCHAR(255),
    active     BOOLEAN      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- one row per event about a workflow, whichever service published it; goes with the
-- workflow. The fingerprint makes a redelivered event a no-op.
CREATE TABLE history_entry (
    id          BIGSERIAL    PRIMARY KEY,
    workflow_id BIGINT       NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    exchange    VARCHAR(100) NOT NULL,
    routing_key VARCHAR(200) NOT NULL,
    actor_email VARCHAR(320),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    payload     JSONB        NOT NULL,
    fingerprint CHAR(64)     NOT NULL UNIQUE
);
CREATE INDEX history_entry_workflow ON history_entry (workflow_id, occurred_at DESC);
