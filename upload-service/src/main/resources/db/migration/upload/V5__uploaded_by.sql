-- Who made each upload (issue 17, "Who did it"): the authenticated principal's name for an HTTP upload, the fixed
-- marker 'kafka:ingest-requested' for an object named on that topic (no person made it: only admins retry those).
ALTER TABLE uploads ADD COLUMN uploaded_by text;

-- Rows from before logins were required: nobody signed in to make them.
UPDATE uploads SET uploaded_by = CASE WHEN source = 'KAFKA' THEN 'kafka:ingest-requested' ELSE 'anonymous' END;

ALTER TABLE uploads ALTER COLUMN uploaded_by SET NOT NULL;
