-- SQL connections (issue 5): remote PostgreSQL databases a user loads tables from. They
-- belong to the user who made them, not to a workflow, so a user reuses them across
-- workflows and a shared workflow never lends its owner's credentials to others. The
-- password is AES-GCM ciphertext (key from ONTASK_SECRET_KEY), never the password.
CREATE TABLE sql_connection (
    id                BIGSERIAL PRIMARY KEY,
    owner_email       VARCHAR(320) NOT NULL,
    name              VARCHAR(255) NOT NULL CHECK (name <> ''),
    jdbc_url          VARCHAR(2000) NOT NULL,
    db_user           VARCHAR(255) NOT NULL,
    password_secret   BYTEA,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX sql_connection_name_uq ON sql_connection (owner_email, lower(name));
