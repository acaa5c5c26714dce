-- The stand-in service's workflow-scoped data: one row per workflow part.
CREATE TABLE part (
    workflow_id BIGINT       NOT NULL,
    label       VARCHAR(100) NOT NULL,
    PRIMARY KEY (workflow_id, label)
);
