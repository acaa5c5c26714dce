-- The users a known workflow is shared with, from workflow.shared / workflow.unshared
-- (module workflow-access; runs in the consuming service's own schema). No foreign key:
-- events travel on separate queues, so a share may arrive before its workflow.
CREATE TABLE known_workflow_share (
    workflow_id BIGINT       NOT NULL,
    user_email  VARCHAR(320) NOT NULL,
    PRIMARY KEY (workflow_id, user_email)
);
