-- Groups that carry roles: a member's effective roles are their own plus their groups'.
CREATE TABLE user_group (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR(150) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_group_name_unique ON user_group (lower(name));

CREATE TABLE group_role (
    group_id BIGINT      NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
    role     VARCHAR(32) NOT NULL,
    PRIMARY KEY (group_id, role)
);

CREATE TABLE group_member (
    group_id BIGINT NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user ON group_member (user_id);

-- Who owns which workflow, projected from workflow.events, so an account that still owns
-- workflows is not deleted. A deleted workflow stays as a tombstone (deleted = true), so
-- a late or repeated workflow.created cannot bring it back.
CREATE TABLE owned_workflow (
    workflow_id BIGINT PRIMARY KEY,
    owner_email VARCHAR(320),
    name        VARCHAR(500) NOT NULL DEFAULT '',
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX owned_workflow_owner ON owned_workflow (owner_email) WHERE NOT deleted;
