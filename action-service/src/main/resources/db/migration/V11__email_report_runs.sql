-- email_report runs: the addresses the one report email goes to (separated by spaces)
ALTER TABLE action_run ADD COLUMN email_to text;
