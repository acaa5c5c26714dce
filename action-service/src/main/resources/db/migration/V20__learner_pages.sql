-- Learner pages (/serve/{action}): surveys and to-do lists become action types, each
-- action may be published to its learners, every visit is recorded, and surveys have
-- questions (columns of the table).

-- The type check lists every type of the contract (the JSON types included), whatever
-- name an earlier migration gave it, so merging the branches in any order keeps them all.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint
             WHERE conrelid = 'action'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%type%'
    LOOP
        EXECUTE format('ALTER TABLE action DROP CONSTRAINT %I', c.conname);
    END LOOP;
END $$;

ALTER TABLE action ADD CONSTRAINT action_type_check CHECK (type IN ('personalized_text', 'rubric_text',
    'email_report', 'personalized_json', 'json_report', 'survey', 'todo_list'));

-- Whether and when an action is served to learners, and how they are found in the table.
CREATE TABLE action_serve (
    action_id      bigint      PRIMARY KEY REFERENCES action (id) ON DELETE CASCADE,
    enabled        boolean     NOT NULL DEFAULT false,
    active_from    timestamptz,
    active_to      timestamptz,
    -- the column holding the learners' emails; NULL: the table's email column
    learner_column text,
    -- surveys: questions in a stable order of their own per learner
    shuffle        boolean     NOT NULL DEFAULT false,
    updated_at     timestamptz NOT NULL
);

-- Every visit of a learner page: shown (the learner's text or form), unavailable (no row,
-- off, outside the window), answered (a survey saved).
CREATE TABLE serve_view (
    id            bigserial   PRIMARY KEY,
    action_id     bigint      NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    learner_email text        NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('shown', 'unavailable', 'answered')),
    viewed_at     timestamptz NOT NULL
);

CREATE INDEX serve_view_action ON serve_view (action_id, viewed_at DESC);

-- The questions of a survey or to-do list: a column each, shown only while the condition
-- (one of the action's) holds, read-only once answered when locked.
CREATE TABLE survey_question (
    id           bigserial PRIMARY KEY,
    action_id    bigint    NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    column_name  text      NOT NULL,
    -- shown instead of the column's description; empty: the column's description
    label        text      NOT NULL DEFAULT '',
    condition_id bigint    REFERENCES action_condition (id) ON DELETE SET NULL,
    locked       boolean   NOT NULL DEFAULT false,
    position     integer   NOT NULL,
    CONSTRAINT survey_question_column_unique UNIQUE (action_id, column_name)
);

CREATE INDEX survey_question_action ON survey_question (action_id, position);
