-- API tokens: only the SHA-256 of a token is kept; the token itself is shown once.
-- No foreign key to user_account on purpose: when an account is deleted, the token
-- feature hears user.deleted and removes the tokens here and their Redis mirror.
CREATE TABLE api_token (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT       NOT NULL,
    email      VARCHAR(320) NOT NULL,
    name       VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_hash_unique UNIQUE (token_hash)
);
CREATE INDEX api_token_user ON api_token (user_id);
