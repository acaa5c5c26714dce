-- Problems left by dataops' column changes (a deleted column, a type that no longer fits):
-- a JSON list of {"column","message"}; NULL when there is none. Shown on the action page;
-- previews and runs refuse while any is left.
ALTER TABLE action ADD COLUMN column_warnings text;
