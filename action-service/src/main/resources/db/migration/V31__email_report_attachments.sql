-- email_report: the workflow's views (kept by dataops-service) attached to the report as
-- CSV files, in the order the instructor chose them. view_name is the view's name when it
-- was chosen, so that a run can still name a view that has been deleted since.
CREATE TABLE action_attachment (
    action_id bigint  NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    view_id   bigint  NOT NULL,
    view_name text    NOT NULL,
    PRIMARY KEY (action_id, position)
);
